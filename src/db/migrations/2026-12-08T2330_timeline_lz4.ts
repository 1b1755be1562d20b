/**
 * A shipment's timeline is compressed with LZ4 where the server has it (docs/architecture.md,
 * Tracking: "The timeline is compressed with LZ4").
 *
 * A parcel's timeline (migration 2026-12-08T1800_tracking_timeline) passes PostgreSQL's 2 kB
 * threshold at its eighth to tenth scan, from when it is kept compressed in the row. Every later
 * scan's update decompresses it, appends, and compresses it again; PostgreSQL's default (pglz)
 * costs ~10 µs more per updated row than LZ4 does, measured on the benchmark's rows. Only values
 * written from now on are LZ4: a stored timeline changes method at its parcel's next scan, and
 * either is read alike. A server built without LZ4 (PGlite) keeps pglz. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

async function hasLz4(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`
    select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
  return rows[0]?.lz4 === true;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (await hasLz4(db)) await sql`alter table shipments alter column timeline set compression lz4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table shipments alter column timeline set compression default`.execute(db);
}
