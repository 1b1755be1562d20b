/**
 * Signing in and out. Wrong passwords count towards a temporary lock (domain/sign-in-guard.ts)
 * per account name and client address, in the database (`sign_in_locks`), so that:
 * - a name that is no account is counted and locked exactly like a real one (the answer never
 *   tells which accounts exist);
 * - a stranger's wrong passwords lock only the stranger's address: the account's owner signs in
 *   from theirs (the per-address rate limit still slows a spread-out guesser);
 * - every server process sees the same counts.
 * Admins see an account's locks on the users page and lift them. Every attempt is audited.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { inTransaction } from '../../db/transaction.js';
import { AFTER_SUCCESSFUL_SIGN_IN, afterFailedSignIn, isLocked } from '../../domain/sign-in-guard.js';
import { digest, newSecret } from '../../http/tokens.js';
import { audit, recordAuditEntry } from '../audit/service.js';
import type { ReferenceData } from '../reference/cache.js';
import { DECOY_HASH, verifyPassword } from './passwords.js';
import { clientKey } from '../../domain/client-address.js';
import { clearSignInCount, deleteExpiredSessions, deleteSession, deleteSessionsOfUser, findUserForSignIn, deleteStaleSignInCounts, insertSession, lockSignInCount, saveSignInCount, saveSignInGuard } from './repository.js';

export interface SignInInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  userId: string;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

type Outcome =
  | { ok: true; session: SignedIn }
  | { ok: false; error: AppError };

/**
 * Checks a username and password and opens a session. The outcome (including a failure's count
 * and lock) is committed before the error is thrown, so a rejected attempt is still recorded.
 */
export async function signIn(db: Kysely<DB>, config: Config, input: SignInInput, now = new Date()): Promise<SignedIn> {
  // Sign-in events are attributed to the account tried (or the name typed when there is none).
  const record = (
    trx: Transaction<DB>,
    action: string,
    user: { id: string; username: string } | undefined,
    detail: Record<string, unknown> = {},
  ) =>
    recordAuditEntry(trx, {
      actorId: user?.id ?? null,
      actorName: user?.username ?? input.username.slice(0, 64),
      action,
      subjectType: 'user',
      subjectId: user?.id ?? null,
      ip: input.ip,
      detail,
    });
  const key = { username: input.username.toLowerCase(), client: clientKey(input.ip ?? 'unknown') };
  const policy = { maxFailures: config.maxFailedSignIns, lockMinutes: config.lockMinutes };
  const outcome = await inTransaction(db, async (trx): Promise<Outcome> => {
    // The count first, then the account: every sign-in takes its locks in that order.
    const count = await lockSignInCount(trx, key);
    const guard = { failedSignIns: count.failures, lockedUntil: count.locked_until };
    const user = await findUserForSignIn(trx, input.username);
    if (isLocked(guard, now)) {
      await record(trx, 'auth.sign_in_failed', user, { reason: 'locked' });
      return { ok: false, error: lockedError(guard.lockedUntil!, config) };
    }
    // An unknown name is checked against a decoy hash: same time as a real check.
    const passwordOk = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH);
    if (!user || !passwordOk || !user.active) {
      const reason = !user ? 'unknown_user' : passwordOk ? 'disabled' : 'wrong_password';
      const next = user && passwordOk ? { ...guard, locked: false } : afterFailedSignIn(guard, now, policy);
      await saveSignInCount(trx, key, next, now);
      await record(trx, 'auth.sign_in_failed', user, { reason });
      if (next.locked) {
        await record(trx, 'auth.locked', user, { until: next.lockedUntil!.toISOString() });
        return { ok: false, error: lockedError(next.lockedUntil!, config) };
      }
      return { ok: false, error: new AppError('AUTH_INVALID_CREDENTIALS') };
    }
    await clearSignInCount(trx, key);
    await saveSignInGuard(trx, user.id, { ...AFTER_SUCCESSFUL_SIGN_IN, lastSignInAt: now });
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000);
    await insertSession(trx, {
      tokenHash: digest(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 256) ?? null,
    });
    await record(trx, 'auth.sign_in', user);
    return { ok: true, session: { userId: user.id, sessionToken, csrfToken, expiresAt } };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.session;
}

function lockedError(until: Date, config: Config): AppError {
  // Shown to a person: the company's local time, minutes precision.
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: config.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(until);
  return new AppError('AUTH_ACCOUNT_LOCKED', { until: local });
}

/**
 * The company's time zone as the console shows it: the business calendar's (admin-edited under
 * policies, seeded from TZ_COMPANY), because that is the zone the SLA and callback clocks count in
 * (docs/product.md §7) — a due time on screen must read the same as the rule that set it.
 */
export async function companyTimeZone(db: Kysely<DB>, reference: ReferenceData): Promise<string> {
  return (await reference.calendar(db)).timeZone;
}

/** Ends the caller's session. */
export async function signOut(db: Kysely<DB>, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (actor?.kind !== 'user') return;
  await inTransaction(db, async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await audit(trx, ctx, { action: 'auth.sign_out', subjectType: 'user', subjectId: actor.id });
  });
}

/** Ends every session of a person (disabled, role changed, password reset): they must sign in again. */
export async function endSessionsOf(db: Kysely<DB> | Transaction<DB>, userId: string): Promise<void> {
  await deleteSessionsOfUser(db, userId);
}

/** Sessions past their end and sign-in counts whose lock and window have run out (the hourly job). */
export async function purgeEndedSignIns(db: Kysely<DB>, now: Date): Promise<void> {
  await deleteExpiredSessions(db, now);
  await deleteStaleSignInCounts(db, now);
}
