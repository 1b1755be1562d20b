/**
 * A cheap fingerprint of everything the application stores, to prove a refused request changed
 * nothing: per table (partitions folded into their parent) the row count and, for tables small
 * enough to read whole, an md5 of every row's text in a stable order.
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

let tableCache: { database: Database; tables: string[] } | null = null;

/** Every public table except `except` (each exclusion should say why, where it is made). */
export async function digestDatabase(database: Database, except: readonly string[] = []): Promise<Digest> {
  if (tableCache?.database !== database) tableCache = { database, tables: await tablesOf(database) };
  const digest: Digest = {};
  for (const table of tableCache.tables) {
    if (except.includes(table)) continue;
    const name = sql.table(table);
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${name}`.execute(database.db);
    const count = Number(rows[0]!.n);
    if (count > ROWS_READ_WHOLE) {
      digest[table] = `${count} rows`;
      continue;
    }
    const whole = await sql<{ md5: string | null }>`
      select md5(string_agg(t::text, E'\\n' order by t::text)) as md5 from ${name} t`.execute(database.db);
    digest[table] = `${count} rows ${whole.rows[0]!.md5 ?? ''}`;
  }
  return digest;
}
