/**
 * Stored monthly statistics reports (月度统计分析表, docs/product.md §5, issue 17 §7): one row per
 * customer and month, with the PDF and the XLSX as made (a report is a document the customer was
 * sent: it is kept as it was, not re-rendered from today's data). Who made it: a person on demand
 * (`generated_by`) or the monthly schedule. One report per customer and month (unique): the
 * schedule run twice keeps the first; a person's new generation replaces it. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table monthly_reports (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid not null references customers(id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      report_no text not null,
      generated_at timestamptz not null default now(),
      generated_by uuid references users(id),
      trigger text not null check (trigger in ('schedule','demand')),
      file_stem text not null,
      pdf bytea not null,
      xlsx bytea not null,
      summary jsonb not null,
      unique (customer_id, month)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table monthly_reports`.execute(db);
}
