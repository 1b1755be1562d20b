/**
 * Customers' running totals, so that RFM and the tier read one small row per customer and the
 * daily jobs touch only the customers whose days changed (docs/architecture.md, Customers).
 * Frozen once shipped.
 *
 * - customer_totals: per customer, from its stored HabitDays (customer_habit_days, the ledger):
 *   the last date it sent anything, the parcels and freight of the days on or after the window's
 *   first date (RFM's frequency and money), and the freight of the 13 local months from that
 *   date's month (the tier's whole months; `first_month` = year × 12 + month − 1 of the first,
 *   null where the customer sent nothing that month). Kept up to date for the customers a daily run writes days for, and for
 *   those with a day crossing the window's start when it moves.
 * - customer_derive_state: one row: where the totals' window starts, the day and instant of the
 *   last habits run (the customer view folds the habit period's days when it is read, so no habit
 *   document is stored per customer; `customer_habits` goes), and the day and instant of the last
 *   RFM and tier runs.
 * - customer_segments keeps per customer only what changes when the customer's standing does: the
 *   last date sent (recency is counted from it to the RFM run's day when read) instead of the
 *   recency in days, and no instant per row (the runs' instants are in customer_derive_state), so
 *   a run rewrites only the customers whose values moved, not 600,000 rows a day.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table customer_totals (
      customer_id uuid primary key,
      last_date date not null,
      shipments integer not null,
      freight_fen bigint not null,
      first_month integer not null,
      month_fen bigint[] not null
    )`.execute(db);
  await sql`
    create table customer_derive_state (
      id boolean primary key default true check (id),
      window_from date,
      habits_day date,
      habits_computed_at timestamptz,
      rfm_day date,
      rfm_computed_at timestamptz,
      tier_computed_at timestamptz
    )`.execute(db);
  await sql`
    insert into customer_derive_state (id, rfm_day, rfm_computed_at, tier_computed_at)
    select true, (select max(rfm_computed_at) from customer_segments)::date, (select max(rfm_computed_at) from customer_segments),
      (select max(tier_computed_at) from customer_segments)`.execute(db);
  await sql`drop table customer_habits`.execute(db);
  // Stored standings stay readable until the next run rewrites them: the last date from the recency.
  await sql`alter table customer_segments add column last_date date`.execute(db);
  await sql`update customer_segments set last_date = rfm_computed_at::date - recency_days where recency_days is not null`.execute(db);
  await sql`alter table customer_segments drop column recency_days, drop column rfm_computed_at, drop column tier_computed_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table customer_segments add column recency_days integer, add column rfm_computed_at timestamptz, add column tier_computed_at timestamptz`.execute(db);
  await sql`
    update customer_segments set recency_days = greatest(0, s.rfm_day - last_date), rfm_computed_at = case when segment is not null then s.rfm_computed_at end,
      tier_computed_at = case when tier_reason is not null then s.tier_computed_at end
    from customer_derive_state s`.execute(db);
  await sql`alter table customer_segments drop column last_date`.execute(db);
  await sql`
    create table customer_habits (
      customer_id uuid primary key,
      period_from date not null,
      period_to date not null,
      habits jsonb not null,
      computed_at timestamptz not null
    )`.execute(db);
  await sql`drop table customer_derive_state`.execute(db);
  await sql`drop table customer_totals`.execute(db);
}
