/**
 * Supervision reports (服务监督报告, docs/product.md §6) and complaint classification.
 *
 * - supervision_reports: one report per period (a week from Monday or a calendar month, company
 *   zone) and scope (the company, or one team: scope_key '' or the team's id), kept with the data
 *   it showed and its PDF and XLSX as made (a report is what was sent, not re-rendered later).
 *   The schedule inserts with `on conflict do nothing`; a person's generation replaces it.
 * - supervision_report_subscriptions: one row per user — which reports they want e-mailed
 *   (weekly, monthly) and of which scope (team_id null: the company's).
 * - complaint_classifier_models: each training of the cause-code model (naive Bayes over jieba
 *   words, or none when the data is thin), with its held-out accuracy; the newest is used.
 * - ticket_cause_confirmations: what was suggested for a ticket and what the agent chose.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table supervision_reports (
      id uuid primary key default gen_random_uuid(),
      period_kind text not null check (period_kind in ('week', 'month')),
      period_start date not null,
      period_end date not null,
      team_id uuid references departments(id),
      scope_key text not null,
      report_no text not null,
      generated_at timestamptz not null default now(),
      generated_by uuid references users(id),
      trigger text not null check (trigger in ('schedule', 'demand')),
      data jsonb not null,
      pdf bytea not null,
      xlsx bytea not null,
      unique (period_kind, period_start, scope_key),
      check ((team_id is null and scope_key = '') or scope_key = team_id::text)
    )`.execute(db);
  await sql`create index supervision_reports_listed on supervision_reports (period_start desc, generated_at desc)`.execute(db);
  await sql`
    create table supervision_report_subscriptions (
      user_id uuid primary key references users(id),
      weekly boolean not null default false,
      monthly boolean not null default false,
      team_id uuid references departments(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table complaint_classifier_models (
      id uuid primary key default gen_random_uuid(),
      trained_at timestamptz not null default now(),
      method text not null check (method in ('naive_bayes', 'rules')),
      samples integer not null,
      held_out integer not null,
      accuracy double precision,
      model jsonb
    )`.execute(db);
  await sql`create index complaint_classifier_models_newest on complaint_classifier_models (trained_at desc)`.execute(db);
  await sql`
    create table ticket_cause_confirmations (
      id bigserial primary key,
      ticket_id uuid not null references tickets(id),
      suggested_code text,
      method text not null,
      model_id uuid references complaint_classifier_models(id),
      chosen_code text not null references ticket_codes(code),
      accepted boolean not null,
      actor_id uuid not null references users(id),
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ticket_cause_confirmations_ticket on ticket_cause_confirmations (ticket_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ticket_cause_confirmations`.execute(db);
  await sql`drop table complaint_classifier_models`.execute(db);
  await sql`drop table supervision_report_subscriptions`.execute(db);
  await sql`drop table supervision_reports`.execute(db);
}
