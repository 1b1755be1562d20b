/**
 * Putting a message in the outbox. Called inside the transaction of the change it reports, so
 * the message exists exactly when the change does; the dispatcher sends it after the commit.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OutgoingAttachment } from './channels.js';

export interface QueuedEmail {
  recipient: string;
  locale: 'zh-CN' | 'en-US';
  /** what the message is, for the console (e.g. report.monthly) */
  template: string;
  subject: string;
  body: string;
  attachments?: OutgoingAttachment[];
  shipmentId?: string | null;
}

/** Queues an e-mail with its files, in the caller's transaction (the two inserts stand or fall together); returns its outbox id. */
export async function queueEmail(db: Transaction<DB>, email: QueuedEmail): Promise<string> {
  const { id } = await db
    .insertInto('notifications')
    .values({
      channel: 'email',
      recipient: email.recipient,
      locale: email.locale,
      template: email.template,
      subject: email.subject,
      body: email.body,
      shipment_id: email.shipmentId ?? null,
      exception_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = email.attachments ?? [];
  if (files.length > 0) {
    await db
      .insertInto('notification_attachments')
      .values(files.map((f, position) => ({ notification_id: id, position, file_name: f.fileName, content_type: f.contentType, content: f.content })))
      .execute();
  }
  return id;
}
