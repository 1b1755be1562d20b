/**
 * Monthly partitions of tracking_events. Events are stored in the partition of their event time;
 * retention drops whole partitions (never row by row). Created on demand, remembered per process.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';

const known = new WeakMap<object, Set<string>>();

/** The UTC month of an instant, as a Date or as ISO 8601 text in UTC (`toISOString`: its first seven characters). */
export function monthOf(time: Date | string): string {
  if (typeof time === 'string') return time.slice(0, 7);
  return `${time.getUTCFullYear()}-${String(time.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function partitionName(month: string): string {
  return `tracking_events_y${month.replace('-', 'm')}`;
}

function bounds(month: string): [string, string] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01T00:00:00Z`, `${next}-01T00:00:00Z`];
}

/** Makes sure a partition exists for every month given. */
export async function ensurePartitions(db: Kysely<DB>, months: Iterable<string>): Promise<void> {
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Set()));
  for (const month of new Set(months)) {
    if (cache.has(month)) continue;
    const [from, to] = bounds(month);
    try {
      await sql`create table if not exists ${sql.id(partitionName(month))} partition of tracking_events
                for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
    } catch (err) {
      // Another request created it at the same moment: that is what we wanted.
      if (!/already exists/.test(String((err as Error).message))) throw err;
    }
    cache.add(month);
  }
}

/**
 * Drops every partition wholly older than `before`, then takes their events out of the shipments'
 * timelines (what the public lookup reads), so no page shows an event the events table no longer
 * holds; returns the months dropped. The trim runs whether or not this run dropped anything: a run
 * stopped between the two is finished by the next.
 */
export async function dropPartitionsBefore(db: Kysely<DB>, before: Date): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'tracking_events'`.execute(db);
  const cutoff = monthOf(before);
  const dropped: string[] = [];
  for (const { name } of rows.rows) {
    const match = /^tracking_events_y(\d{4})m(\d{2})$/.exec(name);
    if (!match) continue;
    const month = `${match[1]}-${match[2]}`;
    if (month < cutoff) {
      await sql`drop table ${sql.id(name)}`.execute(db);
      known.get(db)?.delete(month);
      dropped.push(month);
    }
  }
  await trimTimelinesBefore(db, new Date(bounds(cutoff)[0]));
  return dropped.sort();
}

/**
 * Takes the events before `from` out of every timeline that holds one. One statement; the shipments
 * it touches are found by `timeline_from` (a scan of shipments, once per retention run).
 */
export async function trimTimelinesBefore(db: Kysely<DB>, from: Date): Promise<number> {
  // Times are ISO 8601 in UTC with milliseconds: compared as bytes, text order is time order.
  const kept = sql`(select e from jsonb_array_elements(timeline) e where (e->>'time') collate "C" >= ${from.toISOString()})`;
  return inTransaction(db, async (trx) => {
    const result = await sql`
      update shipments set
        timeline = coalesce((select jsonb_agg(k.e) from ${kept} k), '[]'::jsonb),
        timeline_from = (select min(k.e->>'time' collate "C")::timestamptz from ${kept} k)
      where timeline_from < ${from.toISOString()}::timestamptz`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  });
}
