/**
 * KPI targets (考核指标, docs/product.md §6; issue 20 §6) as versioned data: each row is one
 * version of the target of one KPI for one scope — the company, a team (a department's id) or a
 * station (its name, as the daily facts name it) — in force from `valid_from` (a company-zone day)
 * until a later version of the same KPI and scope starts. Rows are only ever added, so the
 * history of who set what, when and why is the table itself. A version with `value` null
 * withdraws the scope's own target from that day (a team or station then follows the company's).
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table kpi_targets (
      id uuid primary key default gen_random_uuid(),
      kpi_id text not null,
      scope_kind text not null check (scope_kind in ('company', 'team', 'station')),
      scope_id text not null default '' check ((scope_kind = 'company') = (scope_id = '')),
      value double precision,
      direction text not null check (direction in ('higher_is_better', 'lower_is_better')),
      valid_from date not null,
      reason text not null check (length(btrim(reason)) > 0),
      set_by uuid references users (id),
      set_by_name text not null,
      set_at timestamptz not null default now()
    )`.execute(db);
  // The lookup: the latest version of a KPI and scope starting on or before a day.
  await sql`create index kpi_targets_lookup on kpi_targets (kpi_id, scope_kind, scope_id, valid_from desc, set_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table kpi_targets`.execute(db);
}
