/**
 * Sign-in failures counted per account name and client address (issue 14, defect 14), for names
 * that are no account too: the answer must not tell which accounts exist, and a stranger's wrong
 * passwords must lock only the stranger's address out. In the database, so every server process
 * shares them. The per-account columns on `users` are no longer written by sign-in. Frozen once
 * shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sign_in_locks (
      username text not null,
      client text not null,
      failures integer not null default 0 check (failures >= 0),
      locked_until timestamptz,
      last_failure_at timestamptz,
      primary key (username, client)
    )`.execute(db);
  await sql`create index sign_in_locks_locked on sign_in_locks (username, locked_until) where locked_until is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table sign_in_locks`.execute(db);
}
