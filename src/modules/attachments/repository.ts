/** Attachment rows: Kysely only, no rules, no HTTP. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface NewAttachmentRow {
  id: string;
  ticketId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  byCustomer: boolean;
}

export async function insertAttachment(trx: Transaction<DB>, row: NewAttachmentRow) {
  return trx
    .insertInto('ticket_attachments')
    .values({
      id: row.id,
      ticket_id: row.ticketId,
      file_name: row.fileName,
      media_type: row.mediaType,
      size_bytes: row.sizeBytes,
      sha256: row.sha256,
      storage_key: row.storageKey,
      uploaded_by: row.uploadedBy,
      uploaded_by_customer: row.byCustomer,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAttachment(db: Db, id: string) {
  return db.selectFrom('ticket_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket changed (a new timeline entry): its version moves on, like any other change. */
export async function touchTicket(trx: Transaction<DB>, ticketId: string, now: Date): Promise<void> {
  await trx
    .updateTable('tickets')
    .set({ version: sql`version + 1`, updated_at: now })
    .where('id', '=', ticketId)
    .execute();
}

export async function lockTicketRow(trx: Transaction<DB>, ticketId: string) {
  return trx.selectFrom('tickets').select(['id', 'status', 'customer_name']).where('id', '=', ticketId).forUpdate().executeTakeFirst();
}
