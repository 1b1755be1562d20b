/**
 * Staff find a parcel by the customer's surname or the start of a name (张, 张三), not only by the
 * full name: the name indexes become pattern indexes, which serve both equality and a prefix LIKE
 * whatever the database's collation. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index shipments_sender_name`.execute(db);
  await sql`drop index shipments_recipient_name`.execute(db);
  await sql`create index shipments_sender_name on shipments (sender_name text_pattern_ops)`.execute(db);
  await sql`create index shipments_recipient_name on shipments (recipient_name text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index shipments_sender_name`.execute(db);
  await sql`drop index shipments_recipient_name`.execute(db);
  await sql`create index shipments_sender_name on shipments (sender_name)`.execute(db);
  await sql`create index shipments_recipient_name on shipments (recipient_name)`.execute(db);
}
