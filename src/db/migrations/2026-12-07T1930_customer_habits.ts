/**
 * Shipping habits, RFM segments and tiers derived from shipments (docs/product.md §5, issue 17 §2–3).
 *
 * - customer_habit_days: one customer's parcels of one local date reduced to a `HabitDay`
 *   (domain/customers/habits.ts), written by the daily job; all history is kept (RFM's recency
 *   and the tier's months read it instead of the 10M-row shipments table).
 * - customer_habits: the habits folded from the days of the period, with when they were computed.
 * - customer_segments: the RFM values, scores and segment, and the tier's reason and policy
 *   version, with when each was computed.
 * - customer_tier_policies: versioned tier rules with their sources, like time_limit_policies;
 *   seeded with version 1 (DEFAULT_TIER_POLICY, repeated here: a migration is frozen).
 * - customers.packaging_requirements / choice_factors: what the account manager records (typed,
 *   not derived). Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table customer_habit_days (
      customer_id uuid not null,
      date date not null,
      shipments integer not null,
      freight_fen bigint not null,
      day jsonb not null,
      primary key (customer_id, date)
    )`.execute(db);
  await sql`create index customer_habit_days_date on customer_habit_days (date)`.execute(db);
  await sql`
    create table customer_habits (
      customer_id uuid primary key,
      period_from date not null,
      period_to date not null,
      habits jsonb not null,
      computed_at timestamptz not null
    )`.execute(db);
  await sql`
    create table customer_segments (
      customer_id uuid primary key,
      recency_days integer,
      frequency integer,
      monetary_fen bigint,
      r smallint check (r between 1 and 5),
      f smallint check (f between 1 and 5),
      m smallint check (m between 1 and 5),
      segment text,
      rfm_computed_at timestamptz,
      tier_reason jsonb,
      tier_policy_version integer,
      tier_computed_at timestamptz
    )`.execute(db);
  await sql`create index customer_segments_segment on customer_segments (segment)`.execute(db);
  await sql`
    create table customer_tier_policies (
      version integer primary key,
      rules jsonb not null,
      note text not null default '',
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  const rules = {
    keyMonthlySpend: { value: 200_000, unit: 'fen', source: '售后服务流程（大客户服务制度：平均月销售额在 2000 元以上）' },
    averagedMonths: { value: 3, unit: 'months', source: '公司默认值（平均取最近 3 个整月）' },
  };
  await sql`insert into customer_tier_policies (version, rules, note, created_by) values (1, ${JSON.stringify(rules)}::jsonb, 'default', 'system')`.execute(db);
  // The daily run reads one local day of parcels by their sending instant, not the whole table.
  await sql`create index shipments_sent_at on shipments ((coalesce(picked_up_at, created_at)))`.execute(db);
  await sql`
    alter table customers
      add column packaging_requirements text not null default '',
      add column choice_factors text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table customers drop column packaging_requirements, drop column choice_factors`.execute(db);
  await sql`drop index shipments_sent_at`.execute(db);
  await sql`drop table customer_tier_policies`.execute(db);
  await sql`drop table customer_segments`.execute(db);
  await sql`drop table customer_habits`.execute(db);
  await sql`drop table customer_habit_days`.execute(db);
}
