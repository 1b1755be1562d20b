/**
 * Satisfaction surveys (满意度调查, issue 17 §6): questionnaires (frozen once written: a change is a
 * new questionnaire, so every answer reads against the questions it answered), campaigns sent to a
 * chosen set of customers, and one invitation per customer with a one-time link (only its SHA-256
 * is stored) and at most one answer. The invitation keeps the customer's tier and account manager
 * of the day it was sent: results group by what was true when the customer was asked. Frozen once
 * shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table survey_questionnaires (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      questions jsonb not null,
      created_by uuid references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table survey_campaigns (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      questionnaire_id uuid not null references survey_questionnaires (id),
      audience jsonb not null,
      open_days integer not null check (open_days between 1 and 90),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      closes_at timestamptz
    )`.execute(db);
  await sql`
    create table survey_invitations (
      id uuid primary key default gen_random_uuid(),
      campaign_id uuid not null references survey_campaigns (id),
      customer_id uuid not null references customers (id),
      token_hash text not null unique,
      tier text not null,
      account_manager_id uuid references users (id),
      segment text,
      answers jsonb,
      answered_at timestamptz,
      unique (campaign_id, customer_id),
      check ((answers is null) = (answered_at is null))
    )`.execute(db);
  await sql`create index survey_invitations_manager on survey_invitations (campaign_id, account_manager_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table survey_invitations`.execute(db);
  await sql`drop table survey_campaigns`.execute(db);
  await sql`drop table survey_questionnaires`.execute(db);
}
