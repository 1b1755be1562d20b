/**
 * E-mail through the outbox (issue 17): a message may have a subject, and files attached (the
 * monthly report's PDF and XLSX). The files are kept in the database beside their message, written
 * in the transaction that queues it, so a queued e-mail never points at bytes that are not there
 * and goes when its message goes. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications add column subject text`.execute(db);
  await sql`
    create table notification_attachments (
      notification_id uuid not null references notifications (id) on delete cascade,
      position integer not null check (position >= 0),
      file_name text not null,
      content_type text not null,
      content bytea not null,
      primary key (notification_id, position)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table notification_attachments`.execute(db);
  await sql`alter table notifications drop column subject`.execute(db);
}
