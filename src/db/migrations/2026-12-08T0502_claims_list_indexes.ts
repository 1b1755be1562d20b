/**
 * Indexes for reading claims at volume (issue 18 §11, bench/claims.ts): the approval inbox reads the
 * proposed and disputed claims oldest first whatever level is asked (one partial index in that
 * order, replacing the one by level, which made PostgreSQL sort every waiting claim of the levels
 * asked); the claims list filtered by station (the responsible station, else the proposed one) or by
 * amount finds its page without reading every claim. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index claims_inbox_waiting on claims (created_at, id) where state in ('proposed','disputed')`.execute(db);
  await sql`drop index claims_inbox`.execute(db);
  await sql`create index claims_station_created on claims ((coalesce(responsible_station, proposed_station)), created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index claims_station_created`.execute(db);
  await sql`create index claims_inbox on claims (required_level, created_at) where state in ('proposed','disputed')`.execute(db);
  await sql`drop index claims_inbox_waiting`.execute(db);
}
