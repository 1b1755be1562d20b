/**
 * The KPI change log's update triggers plan their statement on every call (docs/architecture.md,
 * KPIs: "The change log's update triggers").
 *
 * Each `kpi_log_<table>_update` trigger (migration 2026-12-08T0800_kpi_facts) joins the statement's
 * old rows to its new rows. PL/pgSQL keeps the plan of a statement without parameters for the rest
 * of the session, made for the transition tables' sizes at its first call: after a one-row update
 * (a member of staff correcting a parcel) the connection kept a nested loop over the two tables,
 * and every later update of 500 parcels by ingestion compared 500 × 500 rows (~70 ms a batch, more
 * than the update itself). Run through EXECUTE, the statement is planned for each call's real sizes
 * (a hash join for a batch) at the price of planning it once per updating statement. The insert
 * triggers read their new rows alone (a scan, or an index probe per row) and keep their plan.
 *
 * The statements are not restated here: each function's body is rewritten from its own text
 * (`begin <statement>; return null; end` becomes `begin execute '<statement>'; return null; end`),
 * and `down` rewrites it back. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

const STATIC = /^\s*begin\s*([\s\S]*?);\s*return null;\s*end\s*$/i;
const DYNAMIC = /^\s*begin\s*execute \$statement\$([\s\S]*?)\$statement\$;\s*return null;\s*end\s*$/i;

async function rewrite(db: Kysely<any>, from: RegExp, to: (statement: string) => string): Promise<void> {
  const { rows } = await sql<{ name: string; src: string }>`
    select p.proname as name, p.prosrc as src from pg_proc p
    where p.proname like 'kpi\\_log\\_%\\_update' and p.pronamespace = 'public'::regnamespace
    order by p.proname`.execute(db);
  if (rows.length === 0) throw new Error('no kpi_log_*_update functions to rewrite');
  for (const { name, src } of rows) {
    const statement = from.exec(src)?.[1];
    if (statement === undefined) throw new Error(`${name}: body not in the expected form`);
    if (statement.includes('$statement$')) throw new Error(`${name}: the statement contains the quoting tag`);
    await sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $fn$\n${to(statement)}\n$fn$`).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, STATIC, (statement) => `begin\n  execute $statement$${statement}$statement$;\n  return null;\nend`);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, DYNAMIC, (statement) => `begin\n  ${statement};\n  return null;\nend`);
}
