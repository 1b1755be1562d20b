/**
 * Phone-check guesses counted in the database (issue 14, defect 13), so every server process and a
 * restarted one share them: one row per waybill (as typed, known or not) and per client address,
 * with the start of its hour and the guesses counted in it. Rows whose hour is over are deleted by
 * the hourly cleanup. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table phone_check_counts (
      scope text not null check (scope in ('waybill', 'client')),
      subject text not null,
      window_start timestamptz not null,
      guesses integer not null check (guesses >= 0),
      primary key (scope, subject)
    )`.execute(db);
  await sql`create index phone_check_counts_window on phone_check_counts (window_start)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table phone_check_counts`.execute(db);
}
