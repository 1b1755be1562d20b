/**
 * After-sales service notifications (服务通知单, issue 19): work centers with their staff and
 * working hours, the catalogs (code groups and codes of the reason, damage and cause catalogs),
 * the notifications with their items, every status change as a history row, and the list's saved views. One number
 * sequence per notification type (twelve digits, the type's first digit; domain/service-orders/
 * types.ts). A quotation or an invoice hangs off a notification by its id. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table service_work_centers (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[A-Z0-9-]{2,12}$'),
      name text not null,
      department_id uuid references departments (id),
      working_hours jsonb,
      active boolean not null default true,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table service_work_center_staff (
      work_center_id uuid not null references service_work_centers (id),
      user_id uuid not null references users (id),
      primary key (work_center_id, user_id)
    )`.execute(db);
  await sql`create index service_work_center_staff_user on service_work_center_staff (user_id)`.execute(db);

  await sql`
    create table service_code_groups (
      catalog text not null check (catalog in ('reason','damage','cause')),
      code_group text not null,
      label_zh text not null,
      label_en text not null,
      primary key (catalog, code_group)
    )`.execute(db);
  await sql`
    create table service_codes (
      catalog text not null,
      code_group text not null,
      code text not null check (code ~ '^[0-9]{4}$'),
      label_zh text not null,
      label_en text not null,
      active boolean not null default true,
      primary key (catalog, code_group, code),
      foreign key (catalog, code_group) references service_code_groups (catalog, code_group)
    )`.execute(db);

  await sql`create sequence service_notification_no_z1`.execute(db);
  await sql`create sequence service_notification_no_z2`.execute(db);
  await sql`
    create table service_notifications (
      id uuid primary key default gen_random_uuid(),
      number text not null unique check (number ~ '^[12][0-9]{11}$'),
      type text not null check (type in ('Z1','Z2')),
      reference_id uuid references service_notifications (id),
      ticket_id uuid references tickets (id),
      short_text text not null,
      long_text text not null default '',
      urgent boolean not null default false,
      user_status text not null,
      system_status text not null check (system_status in ('outstanding','in_process','postponed','completed')),
      sold_to_id uuid not null references customers (id),
      ship_to_id uuid not null references customers (id),
      responsible_user_id uuid references users (id),
      reporter_name text not null,
      original_document_no text,
      original_document_date date,
      required_start timestamptz not null,
      expected_end timestamptz not null check (expected_end >= required_start),
      main_work_center_id uuid not null references service_work_centers (id),
      processing_work_center_id uuid references service_work_centers (id),
      sales_org text,
      distribution_channel text,
      division text,
      sales_office text,
      sales_group text,
      service_address_id uuid references customer_addresses (id),
      cause_group text,
      cause_code text,
      completed_at timestamptz,
      completed_by uuid references users (id),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((system_status = 'completed') = (completed_at is not null))
    )`.execute(db);
  // The IW59 list filters by status, type and dates, by work center and by partner.
  await sql`create index service_notifications_status on service_notifications (system_status, type, required_start)`.execute(db);
  await sql`create index service_notifications_main_wc on service_notifications (main_work_center_id, required_start)`.execute(db);
  await sql`create index service_notifications_processing_wc on service_notifications (processing_work_center_id, required_start) where processing_work_center_id is not null`.execute(db);
  await sql`create index service_notifications_sold_to on service_notifications (sold_to_id)`.execute(db);
  await sql`create index service_notifications_ship_to on service_notifications (ship_to_id)`.execute(db);
  await sql`create index service_notifications_ticket on service_notifications (ticket_id) where ticket_id is not null`.execute(db);

  await sql`
    create table service_notification_items (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid not null references service_notifications (id),
      position integer not null check (position >= 1),
      product_type text,
      colour_code text,
      material text,
      quantity integer not null check (quantity between 1 and 100000),
      reason_group text not null,
      reason_code text not null,
      damage_group text,
      damage_code text,
      reason_text text not null default '',
      unique (notification_id, position)
    )`.execute(db);
  await sql`create index service_notification_items_reason on service_notification_items (reason_group, reason_code)`.execute(db);

  await sql`
    create table service_notification_events (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid not null references service_notifications (id),
      kind text not null check (kind in ('created','changed','status','system')),
      from_user_status text,
      to_user_status text,
      from_system_status text,
      to_system_status text,
      cause_group text,
      cause_code text,
      note text,
      actor_id uuid references users (id),
      actor_name text not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index service_notification_events_notification on service_notification_events (notification_id, at)`.execute(db);

  // The IW59 list's saved views: a user's named filters and chosen columns.
  await sql`
    create table service_notification_views (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      name text not null,
      filters jsonb not null,
      columns jsonb not null,
      created_at timestamptz not null default now(),
      unique (user_id, name)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table service_notification_views`.execute(db);
  await sql`drop table service_notification_events`.execute(db);
  await sql`drop table service_notification_items`.execute(db);
  await sql`drop table service_notifications`.execute(db);
  await sql`drop sequence service_notification_no_z2`.execute(db);
  await sql`drop sequence service_notification_no_z1`.execute(db);
  await sql`drop table service_codes`.execute(db);
  await sql`drop table service_code_groups`.execute(db);
  await sql`drop table service_work_center_staff`.execute(db);
  await sql`drop table service_work_centers`.execute(db);
}
