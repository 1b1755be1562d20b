/**
 * User administration: admins create people, change their role or department, disable them,
 * reset passwords and lift sign-in locks. Every change is audited in its own transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { PASSWORD_MIN } from '../../domain/limits.js';
import { audit } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/service.js';
import { presentMe, presentUser } from './presenter.js';
import {
  clearLock,
  departmentExists,
  findUserById,
  findUsers,
  insertUser,
  listDepartments,
  setPassword,
  updateUserAtVersion,
  usernameExists,
} from './repository.js';
import type { CreateUserBody, Me, UpdateUserBody, User } from './schemas.js';
import { inTransaction } from '../../db/transaction.js';

function checkPassword(password: string, username: string): void {
  if (password.length < PASSWORD_MIN || password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('PASSWORD_TOO_WEAK', { min: PASSWORD_MIN });
  }
}

async function checkDepartment(trx: Transaction<DB>, departmentId: string | null | undefined): Promise<void> {
  if (departmentId && !(await departmentExists(trx, departmentId))) throw new AppError('DEPARTMENT_NOT_FOUND');
}

async function loadUser(db: Kysely<DB> | Transaction<DB>, id: string): Promise<User> {
  const row = await findUserById(db, id);
  if (!row) throw new AppError('USER_NOT_FOUND');
  return presentUser(row);
}

export async function listUsers(
  db: Kysely<DB>,
  query: { q?: string | undefined; role?: string | undefined; limit: number; offset: number },
) {
  const { rows, total } = await findUsers(db, { text: query.q?.trim(), role: query.role, limit: query.limit, offset: query.offset });
  return { items: rows.map(presentUser), total };
}

export function getUser(db: Kysely<DB>, id: string): Promise<User> {
  return loadUser(db, id);
}

/** The signed-in person as `/api/auth/me` shows them (auth module); undefined once they are gone. */
export async function signedInUser(db: Kysely<DB>, id: string): Promise<Me | undefined> {
  const row = await findUserById(db, id);
  return row && presentMe(row);
}

/** Adds a person who can sign in with the given initial password. */
export async function createUser(db: Kysely<DB>, ctx: RequestContext, input: CreateUserBody): Promise<User> {
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await usernameExists(trx, input.username)) throw new AppError('USER_USERNAME_TAKEN', { username: input.username });
    await checkDepartment(trx, input.departmentId);
    const id = await insertUser(trx, {
      username: input.username,
      displayName: input.displayName.trim(),
      role: input.role,
      departmentId: input.departmentId ?? null,
      email: input.email ?? null,
      passwordHash,
    });
    const user = await loadUser(trx, id);
    await audit(trx, ctx, {
      action: 'user.create',
      subjectType: 'user',
      subjectId: id,
      detail: { username: user.username, role: user.role, departmentId: user.departmentId },
    });
    return user;
  });
}

/**
 * Changes a user's profile, role, department or active flag. The caller sends the version it
 * read; if someone changed the user since, nothing is written and CONFLICT_STALE_VERSION is raised.
 */
export async function updateUser(db: Kysely<DB>, ctx: RequestContext, id: string, input: UpdateUserBody): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await loadUser(trx, id);
    const self = ctx.actor?.kind === 'user' && ctx.actor.id === id;
    // An admin cannot lock themselves out of administration.
    if (self && (input.active === false || (input.role !== undefined && input.role !== 'admin'))) {
      throw new AppError('USER_SELF_LOCKOUT');
    }
    await checkDepartment(trx, input.departmentId);
    const changes = {
      ...(input.displayName !== undefined && { display_name: input.displayName.trim() }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.departmentId !== undefined && { department_id: input.departmentId }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.active !== undefined && { active: input.active }),
    };
    if (!(await updateUserAtVersion(trx, id, input.version, changes))) throw new AppError('CONFLICT_STALE_VERSION');
    const after = await loadUser(trx, id);
    // A disabled user, or one whose role changed, must sign in again.
    if (before.active && !after.active) await endSessionsOf(trx, id);
    if (before.role !== after.role) await endSessionsOf(trx, id);
    await audit(trx, ctx, { action: 'user.update', subjectType: 'user', subjectId: id, detail: diff(before, after) });
    return after;
  });
}

function diff(before: User, after: User): Record<string, { from: unknown; to: unknown }> {
  const fields = ['displayName', 'role', 'departmentId', 'email', 'active'] as const;
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  return changed;
}

/** Sets a new password chosen by an admin, lifts any lock and ends the user's sessions. */
export async function resetPassword(db: Kysely<DB>, ctx: RequestContext, id: string, password: string): Promise<void> {
  const user = await loadUser(db, id);
  checkPassword(password, user.username);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    await setPassword(trx, id, passwordHash);
    await endSessionsOf(trx, id);
    await audit(trx, ctx, { action: 'user.password_reset', subjectType: 'user', subjectId: id });
  });
}

/** Lifts a sign-in lock before it runs out. */
export async function unlockUser(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<User> {
  return inTransaction(db, async (trx) => {
    await loadUser(trx, id);
    await clearLock(trx, id);
    await audit(trx, ctx, { action: 'user.unlock', subjectType: 'user', subjectId: id });
    return loadUser(trx, id);
  });
}

export async function departments(db: Kysely<DB>) {
  return { items: await listDepartments(db) };
}
