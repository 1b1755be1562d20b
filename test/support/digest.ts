/**
 * A cheap fingerprint of everything the application stores, to prove a refused request changed
 * nothing: per table (partitions folded into their parent) the row count and, for tables small
 * enough to read whole, an md5 of every row's text in a stable order. Two statements in all.
 */
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/** Tables above this many rows are fingerprinted by count alone (reading them whole would be slow). */
const ROWS_READ_WHOLE = 20_000;

export type Digest = Record<string, string>;

async function tablesOf(database: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(database.db);
  return rows.map((r) => r.name);
}

const tablesByDatabase = new WeakMap<Database, string[]>();

/** Every public table except `except` (each exclusion should say why, where it is made). */
export async function digestDatabase(database: Database, except: readonly string[] = []): Promise<Digest> {
  let all = tablesByDatabase.get(database);
  if (!all) tablesByDatabase.set(database, (all = await tablesOf(database)));
  const tables = all.filter((table) => !except.includes(table));
  if (tables.length === 0) return {};
  const counts = await sql<{ name: string; n: string }>`${sql.join(
    tables.map((table) => sql`select ${table}::text as name, count(*)::text as n from ${sql.table(table)}`),
    sql` union all `,
  )}`.execute(database.db);
  const digest: Digest = Object.fromEntries(counts.rows.map((r) => [r.name, `${r.n} rows`]));
  const small = counts.rows.filter((r) => Number(r.n) > 0 && Number(r.n) <= ROWS_READ_WHOLE).map((r) => r.name);
  if (small.length > 0) {
    const sums = await sql<{ name: string; md5: string }>`${sql.join(
      small.map((table) => sql`select ${table}::text as name, md5(string_agg(t::text, E'\\n' order by t::text)) as md5 from ${sql.table(table)} t`),
      sql` union all `,
    )}`.execute(database.db);
    for (const row of sums.rows) digest[row.name] = `${digest[row.name]} ${row.md5}`;
  }
  return digest;
}
