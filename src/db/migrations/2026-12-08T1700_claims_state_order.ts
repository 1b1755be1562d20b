/**
 * The claims list filtered by state, in the list's own order (created_at, id, newest first), from
 * one index (bench/claims.ts, issue 18 §11): the index by state held created_at only, so with the
 * one generic plan a prepared statement keeps PostgreSQL walked every claim newest first and
 * dropped the other states' — for a closed claim, past every open claim of the last 30 days (7 ms a
 * page at a tenth of the benchmark's claims, ten times that at full scale). This one replaces it.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index claims_state_list on claims (state, created_at desc, id desc)`.execute(db);
  await sql`drop index claims_state_created`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index claims_state_created on claims (state, created_at desc)`.execute(db);
  await sql`drop index claims_state_list`.execute(db);
}
