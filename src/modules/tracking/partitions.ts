/**
 * Monthly partitions of tracking_events. Events are stored in the partition of their event time;
 * retention drops whole partitions (never row by row). Created on demand, remembered per process.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const known = new WeakMap<object, Set<string>>();

export function monthOf(time: Date): string {
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

/** Drops every partition wholly older than `before`; returns the months dropped. */
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
  return dropped.sort();
}
