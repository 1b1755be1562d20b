/** Kysely queries for users and departments. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

function usersWithDepartment(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.department_id',
      'departments.name as department_name',
      'users.email',
      'users.active',
      // Sign-in locks are per client address (modules/auth): the account shows the latest running one.
      sql<Date | null>`(select max(l.locked_until) from sign_in_locks l
                         where l.username = lower(users.username) and l.locked_until > now())`.as('locked_until'),
      'users.last_sign_in_at',
      'users.created_at',
      'users.version',
    ]);
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function findUserById(db: Db, id: string) {
  return usersWithDepartment(db).where('users.id', '=', id).executeTakeFirst();
}

export async function findUsers(
  db: Db,
  query: { text?: string | undefined; role?: string | undefined; limit: number; offset: number },
) {
  let base = db.selectFrom('users');
  if (query.text) {
    const like = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like)]));
  }
  if (query.role) base = base.where('role', '=', query.role);
  const ids = base.select('id');
  const [rows, count] = await Promise.all([
    usersWithDepartment(db)
      .where('users.id', 'in', ids)
      .orderBy('users.username')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function usernameExists(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: { username: string; displayName: string; role: string; departmentId: string | null; email: string | null; passwordHash: string },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      department_id: user.departmentId,
      email: user.email,
      password_hash: user.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Applies a change only if the row is still at `version`; false when it moved on (or is gone). */
export async function updateUserAtVersion(
  db: Db,
  id: string,
  version: number,
  changes: { display_name?: string; role?: string; department_id?: string | null; email?: string | null; active?: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

async function clearSignInLocks(db: Db, id: string): Promise<void> {
  await sql`delete from sign_in_locks where username = (select lower(username) from users where id = ${id})`.execute(db);
}

export async function setPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await clearSignInLocks(db, id);
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      failed_sign_ins: 0,
      locked_until: null,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

/** Lifts the account's sign-in locks from every address, and their counts. */
export async function clearLock(db: Db, id: string): Promise<void> {
  await clearSignInLocks(db, id);
  await db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: 0, locked_until: null, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export function listDepartments(db: Db) {
  return db.selectFrom('departments').select(['id', 'code', 'name', 'kind']).orderBy('code').execute();
}

export function departmentExists(db: Db, id: string) {
  return db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
}
