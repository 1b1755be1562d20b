/**
 * Shipments and tracking: shipments, tracking events (partitioned by month of event time, so
 * retention drops whole partitions), exceptions, the notification outbox and the versioned
 * time-limit policy. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('time_limit_policies')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('shipments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('waybill_no', 'text', (c) => c.notNull().unique())
    .addColumn('sender_name', 'text')
    .addColumn('sender_phone', 'text')
    .addColumn('sender_address', 'text')
    .addColumn('sender_province', 'text')
    .addColumn('sender_city', 'text')
    .addColumn('sender_district', 'text')
    .addColumn('recipient_name', 'text')
    .addColumn('recipient_phone', 'text')
    .addColumn('recipient_address', 'text')
    .addColumn('recipient_province', 'text')
    .addColumn('recipient_city', 'text')
    .addColumn('recipient_district', 'text')
    .addColumn('product', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('weight_g', 'integer')
    .addColumn('declared_value_fen', 'integer')
    .addColumn('insured', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('insurance_fee_fen', 'integer')
    .addColumn('freight_fen', 'integer')
    .addColumn('payment_term', 'text', (c) => c.check(sql`payment_term in ('sender_pays', 'collect', 'monthly')`))
    .addColumn('monthly_account', 'text')
    .addColumn('route_class', 'text')
    .addColumn('policy_version', 'integer', (c) => c.references('time_limit_policies.version'))
    .addColumn('picked_up_at', 'timestamptz')
    .addColumn('promised_at', 'timestamptz')
    .addColumn('complete_delay_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ordered'))
    .addColumn('sub_status', 'text', (c) => c.notNull().defaultTo('created'))
    .addColumn('terminal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_event_time', 'timestamptz')
    .addColumn('last_event_key', 'text')
    .addColumn('last_event_text', 'text')
    .addColumn('last_site', 'text')
    .addColumn('last_area_code', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('damaged_at', 'timestamptz')
    .addColumn('awaiting_pickup_since', 'timestamptz')
    // The next instant an exception could arise; the clock looks only at rows that are due.
    .addColumn('next_check_at', 'timestamptz')
    .addColumn('registered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index shipments_next_check on shipments (next_check_at) where next_check_at is not null`.execute(db);
  await sql`create index shipments_sender_phone on shipments (sender_phone)`.execute(db);
  await sql`create index shipments_recipient_phone on shipments (recipient_phone)`.execute(db);
  await sql`create index shipments_sender_name on shipments (sender_name)`.execute(db);
  await sql`create index shipments_recipient_name on shipments (recipient_name)`.execute(db);

  // Partitioned by month of event time; partitions are created ahead by the application
  // (tracking/partitions.ts) and dropped whole by retention.
  await sql`
    create table tracking_events (
      waybill_no text not null,
      event_time timestamptz not null,
      event_key text not null,
      status text not null,
      sub_status text not null,
      site text,
      area_code text,
      courier text,
      raw_text text not null,
      source text not null,
      received_at timestamptz not null default now(),
      primary key (waybill_no, event_time, event_key)
    ) partition by range (event_time)`.execute(db);

  await db.schema
    .createTable('shipment_exceptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shipment_id', 'uuid', (c) => c.notNull().references('shipments.id').onDelete('cascade'))
    .addColumn('waybill_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cleared_at', 'timestamptz')
    .addColumn('site', 'text')
    .addColumn('area_code', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addUniqueConstraint('shipment_exceptions_once', ['shipment_id', 'kind'])
    .execute();
  await sql`create index shipment_exceptions_open on shipment_exceptions (kind, raised_at) where cleared_at is null`.execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shipment_id', 'uuid', (c) => c.references('shipments.id').onDelete('cascade'))
    .addColumn('exception_id', 'uuid', (c) => c.references('shipment_exceptions.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('notifications_once', ['exception_id', 'channel'])
    .execute();
  await sql`create index notifications_pending on notifications (created_at) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('shipment_exceptions').execute();
  await sql`drop table tracking_events`.execute(db);
  await db.schema.dropTable('shipments').execute();
  await db.schema.dropTable('time_limit_policies').execute();
}
