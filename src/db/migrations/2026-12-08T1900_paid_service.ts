/**
 * Paid after-sales service (有费服务, docs/product.md §4 "Paid service"): the service quotation
 * (服务销售订单) of a notification with its priced lines, the customer's answer and acceptance of the
 * visit (验收确认) on it, and the service invoice (服务销售发票) written once per quotation. Both
 * documents are numbered per local month (BJ202612-000007, FW202612-000042) from a counter row, so
 * an invoice number is never skipped. The notification's history takes the quotation's steps.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table service_quotations (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid not null references service_notifications (id),
      number text not null unique,
      state text not null check (state in ('draft','awaiting_approval','approved','sent','confirmed','declined','expired','accepted','invoiced','cancelled')),
      valid_until date not null,
      needs_hq_price boolean not null default false,
      note text not null default '',
      net_fen bigint not null default 0,
      tax_fen bigint not null default 0,
      gross_fen bigint not null default 0,
      approval_requested_by uuid references users (id),
      approval_requested_at timestamptz,
      approved_by uuid references users (id),
      approved_at timestamptz,
      sent_by uuid references users (id),
      sent_at timestamptz,
      answered_at timestamptz,
      answer_channel text check (answer_channel in ('self_service','phone')),
      answered_by uuid references users (id),
      decline_reason text,
      accepted_at timestamptz,
      accepted_by_name text,
      acceptance_channel text check (acceptance_channel in ('on_site','phone','self_service')),
      acceptance_remarks text,
      acceptance_recorded_by uuid references users (id),
      link_token_hash text unique,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index service_quotations_notification on service_quotations (notification_id, created_at)`.execute(db);
  await sql`create index service_quotations_awaiting on service_quotations (created_at) where state = 'awaiting_approval'`.execute(db);

  await sql`
    create table service_quotation_lines (
      quotation_id uuid not null references service_quotations (id),
      position integer not null check (position >= 1),
      kind text not null check (kind in ('labour','parts','call_out','other')),
      description text not null,
      quantity numeric(7,3) not null check (quantity > 0),
      unit text not null,
      unit_price_fen bigint not null check (unit_price_fen >= 0),
      tax_category text not null,
      rate_bp integer not null,
      amount_fen bigint not null,
      tax_fen bigint not null,
      primary key (quotation_id, position)
    )`.execute(db);

  // One invoice per quotation: the unique key is what makes writing it twice impossible.
  await sql`
    create table service_invoices (
      id uuid primary key default gen_random_uuid(),
      quotation_id uuid not null unique references service_quotations (id),
      number text not null unique,
      issued_at timestamptz not null,
      issued_by uuid references users (id),
      document jsonb not null,
      net_fen bigint not null,
      tax_fen bigint not null,
      gross_fen bigint not null,
      platform_status text not null check (platform_status in ('pending','recorded','issued')),
      platform_invoice_no text
    )`.execute(db);

  await sql`
    create table service_document_counters (
      prefix text not null check (prefix in ('BJ','FW')),
      month text not null check (month ~ '^[0-9]{6}$'),
      last integer not null,
      primary key (prefix, month)
    )`.execute(db);

  await sql`alter table service_notification_events drop constraint service_notification_events_kind_check`.execute(db);
  await sql`alter table service_notification_events add constraint service_notification_events_kind_check check (kind in ('created','changed','status','system','clock_warning','clock_breach','escalated','emailed','quote','acceptance','invoice'))`.execute(db);
  await sql`alter table service_notification_events add column document_no text`.execute(db);
  await sql`alter table service_notification_events add column from_state text`.execute(db);
  await sql`alter table service_notification_events add column to_state text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from service_notification_events where kind in ('quote','acceptance','invoice')`.execute(db);
  await sql`alter table service_notification_events drop column to_state`.execute(db);
  await sql`alter table service_notification_events drop column from_state`.execute(db);
  await sql`alter table service_notification_events drop column document_no`.execute(db);
  await sql`alter table service_notification_events drop constraint service_notification_events_kind_check`.execute(db);
  await sql`alter table service_notification_events add constraint service_notification_events_kind_check check (kind in ('created','changed','status','system','clock_warning','clock_breach','escalated','emailed'))`.execute(db);
  await sql`drop table service_document_counters`.execute(db);
  await sql`drop table service_invoices`.execute(db);
  await sql`drop table service_quotation_lines`.execute(db);
  await sql`drop table service_quotations`.execute(db);
}
