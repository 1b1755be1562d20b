/**
 * API keys for machine clients (our scanners, carrier feeds). The secret is shown once at
 * creation; only its digest is stored.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { API_KEY_PREFIX } from '../auth/hook.js';
import { digest, newSecret } from '../../http/tokens.js';
import { audit } from '../audit/service.js';
import type { AnyRole } from '../../domain/roles.js';
import { insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './repository.js';
import { inTransaction } from '../../db/transaction.js';

function present(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    // The column only ever holds a role the schema accepted when the key was issued.
    role: row.role as AnyRole,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function apiKeys(db: Kysely<DB>) {
  return { items: (await listApiKeys(db)).map(present) };
}

/** Issues a new key; the returned `key` is the only copy of the secret. */
export async function createApiKey(db: Kysely<DB>, ctx: RequestContext, input: { name: string; role: string }) {
  const key = `${API_KEY_PREFIX}${newSecret(24)}`;
  return inTransaction(db, async (trx) => {
    const row = await insertApiKey(trx, {
      name: input.name.trim(),
      prefix: key.slice(0, 10),
      keyHash: digest(key),
      role: input.role,
      createdBy: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
    });
    await audit(trx, ctx, { action: 'api_key.create', subjectType: 'api_key', subjectId: row.id, detail: { name: row.name, role: row.role } });
    return { apiKey: present(row), key };
  });
}

/** Revokes a key at once: the next request with it is refused. */
export async function revokeKey(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return inTransaction(db, async (trx) => {
    const row = await revokeApiKey(trx, id, new Date());
    if (!row) throw new AppError('API_KEY_NOT_FOUND');
    await audit(trx, ctx, { action: 'api_key.revoke', subjectType: 'api_key', subjectId: id, detail: { name: row.name } });
    return present(row);
  });
}
