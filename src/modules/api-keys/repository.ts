import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

const columns = ['id', 'name', 'prefix', 'role', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function listApiKeys(db: Db) {
  return db.selectFrom('api_keys').select(columns).orderBy('created_at', 'desc').execute();
}

export function insertApiKey(
  db: Db,
  key: { name: string; prefix: string; keyHash: string; role: string; createdBy: string | null },
) {
  return db
    .insertInto('api_keys')
    .values({ name: key.name, prefix: key.prefix, key_hash: key.keyHash, role: key.role, created_by: key.createdBy })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export function revokeApiKey(db: Db, id: string, now: Date) {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(columns)
    .executeTakeFirst();
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
