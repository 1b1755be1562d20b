/**
 * Tiers pinned by hand (issue 17 §3): a supervisor or manager may keep a customer at a tier whatever
 * the spend rule says (a strategic account kept 大客户 below the threshold), with a reason and
 * optionally a last day; the scheduled recompute respects it until then. One pin per customer,
 * with who set it and when. Also an index on survey invitations by customer, which the customer
 * view, the monthly report and a merge read by. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table customer_tier_pins (
      customer_id uuid primary key references customers (id),
      tier text not null check (tier in ('standard', 'key')),
      reason text not null check (length(btrim(reason)) > 0),
      until date,
      pinned_by uuid references users (id),
      pinned_by_name text not null,
      pinned_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index survey_invitations_customer on survey_invitations (customer_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index survey_invitations_customer`.execute(db);
  await sql`drop table customer_tier_pins`.execute(db);
}
