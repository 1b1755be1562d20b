/** Kysely queries for sign-in, sessions and API keys. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findUserForSignIn(db: Transaction<DB>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .forUpdate()
    .executeTakeFirst();
}

/** Whose failures a sign-in counts: the account name as typed (lower case) and the client. */
export interface SignInLockKey {
  username: string;
  client: string;
}

/**
 * The failures counted for this name and client, the row locked for the rest of the sign-in (it
 * is created when missing, so two first attempts at once still count twice).
 */
export async function lockSignInCount(db: Transaction<DB>, key: SignInLockKey) {
  await db.insertInto('sign_in_locks').values(key).onConflict((oc) => oc.columns(['username', 'client']).doNothing()).execute();
  return db
    .selectFrom('sign_in_locks')
    .select(['failures', 'locked_until'])
    .where('username', '=', key.username)
    .where('client', '=', key.client)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function saveSignInCount(db: Db, key: SignInLockKey, state: { failedSignIns: number; lockedUntil: Date | null }, now: Date) {
  await db
    .updateTable('sign_in_locks')
    .set({ failures: state.failedSignIns, locked_until: state.lockedUntil, last_failure_at: now })
    .where('username', '=', key.username)
    .where('client', '=', key.client)
    .execute();
}

/** A right password from this client starts its count afresh; other clients' counts stay. */
export async function clearSignInCount(db: Db, key: SignInLockKey) {
  await db.deleteFrom('sign_in_locks').where('username', '=', key.username).where('client', '=', key.client).execute();
}

/** Counts nobody needs any more: not locked, last failure a day ago (hourly cleanup). */
export async function deleteStaleSignInCounts(db: Db, now: Date) {
  await db
    .deleteFrom('sign_in_locks')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .where((eb) => eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', new Date(now.getTime() - 86_400_000))]))
    .execute();
}

export async function saveSignInGuard(
  db: Db,
  userId: string,
  state: { failedSignIns: number; lockedUntil: Date | null; lastSignInAt?: Date },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      failed_sign_ins: state.failedSignIns,
      locked_until: state.lockedUntil,
      ...(state.lastSignInAt ? { last_sign_in_at: state.lastSignInAt } : {}),
    })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The live session for a token digest, with its user; nothing when expired or the user is disabled. */
export function findLiveSession(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.department_id',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export function findLiveApiKey(db: Db, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Marks a key as used at `at`: one statement on its primary key, outside any transaction. */
export async function recordApiKeyUse(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}
