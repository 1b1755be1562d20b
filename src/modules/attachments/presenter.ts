/** Attachment row → the API's Attachment (src/modules/tickets/schemas.ts). Storage keys and digests stay inside. */
import type { Selectable } from 'kysely';
import type { TicketAttachmentTable } from '../../db/schema.js';

export function presentAttachment(row: Selectable<TicketAttachmentTable>) {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    byCustomer: row.uploaded_by_customer,
    createdAt: row.created_at.toISOString(),
  };
}
