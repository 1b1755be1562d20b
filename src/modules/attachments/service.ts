/**
 * Attachments on a ticket: damage photos (破损照片), signed delivery slips (签收单), the customer's
 * evidence. An upload is accepted by what its bytes are (domain/attachments/sniff.ts), never by
 * what the sender says; the bytes are written before the transaction that records them and
 * removed again if it fails, so no row points at nothing and no file outlives a refused upload.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { downloadHeaders } from '../../domain/attachments/download.js';
import { isAttachmentMediaType, sniffMediaType, storedFileName, type AttachmentMediaType } from '../../domain/attachments/sniff.js';
import { AppError } from '../../domain/errors.js';
import type { ReferenceData } from '../reference/cache.js';
import { addEvent, byToken, CUSTOMER, ticketAccess } from '../tickets/service.js';
import { presentAttachment } from './presenter.js';
import { findAttachment, insertAttachment, lockTicketRow, touchTicket } from './repository.js';
import type { AttachmentStorage } from './storage.js';
import { inTransaction } from '../../db/transaction.js';

export interface AttachmentDeps {
  db: Kysely<DB>;
  reference: ReferenceData;
  storage: AttachmentStorage;
}

type UserActor = Extract<Actor, { kind: 'user' }>;

/** One uploaded file as received: the name is the sender's claim, the bytes are the truth. */
export interface Upload {
  fileName: string | undefined;
  bytes: Buffer;
}

/** Reads the upload from the request; called only once the caller is known to be allowed. */
export type ReadUpload = () => Promise<Upload>;

interface KeptFile {
  id: string;
  storageKey: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  sha256: string;
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Sniffs, names and stores the bytes, then runs `record` in a transaction. A refused type stores
 * nothing; a failed transaction takes the file away again.
 */
async function keep<T>(deps: AttachmentDeps, upload: Upload, record: (trx: Transaction<DB>, file: KeptFile) => Promise<T>): Promise<T> {
  const mediaType = sniffMediaType(upload.bytes);
  if (!mediaType) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  const id = randomUUID();
  const file: KeptFile = {
    id,
    storageKey: id,
    fileName: storedFileName(upload.fileName, mediaType),
    mediaType,
    sizeBytes: upload.bytes.length,
    sha256: sha256Of(upload.bytes),
  };
  await deps.storage.put(file.storageKey, upload.bytes);
  try {
    return await inTransaction(deps.db, (trx) => record(trx, file));
  } catch (error) {
    // A file left behind is harmless (no row points at it); the transaction's error is the one to report.
    await deps.storage.remove(file.storageKey).catch(() => undefined);
    throw error;
  }
}

/**
 * An agent attaches a file to a ticket they may work on ('attach': the same rules as a note; a
 * confidential ticket of another team is "not found"). The timeline records it, internal.
 */
export async function attachToTicket(deps: AttachmentDeps, actor: UserActor, ticketId: string, read: ReadUpload) {
  // Refuse before reading megabytes from someone who may not attach here.
  await ticketAccess(deps.db, actor, ticketId, 'attach');
  const upload = await read();
  return keep(deps, upload, async (trx, file) => {
    await ticketAccess(trx, actor, ticketId, 'attach');
    const row = await insertAttachment(trx, { ...file, ticketId, uploadedBy: actor.id, byCustomer: false });
    await addEvent(trx, ticketId, { id: actor.id, name: actor.displayName }, {
      kind: 'attachment',
      body: file.fileName,
      detail: { attachmentId: file.id, mediaType: file.mediaType, sizeBytes: file.sizeBytes },
    });
    await touchTicket(trx, ticketId, new Date());
    return presentAttachment(row);
  });
}

/**
 * The customer sends a photo of the damage (or anything else on the list) through their ticket's
 * secret link. A closed ticket takes nothing more; the customer never downloads through the
 * public API, so staff attachments stay inside.
 */
export async function attachFromCustomer(deps: AttachmentDeps, token: string, read: ReadUpload) {
  const { attachment } = await attachFromCustomerFor(deps, token, read, NOTHING_MORE);
  return attachment;
}

/** What another module does with a customer's upload (a claim's evidence: modules/claims). */
export interface CustomerUploadStep<T> {
  /** before the upload is read: refuse early, read nothing */
  check(ticketId: string): Promise<void>;
  /** in the attachment's transaction, after its row: a refusal rolls it back and its file is removed */
  record(trx: Transaction<DB>, ticketId: string, file: { id: string; fileName: string; mediaType: string }): Promise<T>;
}

/** A plain upload to the ticket: nothing to check first, nothing to record beside it. */
const NOTHING_MORE: CustomerUploadStep<null> = { check: async () => {}, record: async () => null };

/**
 * The customer's upload through their ticket's secret link, handed to `step` in the same
 * transaction (a photo of the damage for a claim's checklist).
 */
export async function attachFromCustomerFor<T>(deps: AttachmentDeps, token: string, read: ReadUpload, step: CustomerUploadStep<T>) {
  const found = await byToken(deps, token);
  if (found.status === 'closed') throw new AppError('TICKET_TRANSITION_INVALID', { from: found.status });
  await step.check(found.id);
  const upload = await read();
  return keep(deps, upload, async (trx, file) => {
    const ticket = await lockTicketRow(trx, found.id);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND');
    if (ticket.status === 'closed') throw new AppError('TICKET_TRANSITION_INVALID', { from: ticket.status });
    const row = await insertAttachment(trx, { ...file, ticketId: ticket.id, uploadedBy: null, byCustomer: true });
    await addEvent(trx, ticket.id, CUSTOMER, {
      kind: 'attachment',
      visibility: 'public',
      body: file.fileName,
      detail: { attachmentId: file.id, mediaType: file.mediaType, sizeBytes: file.sizeBytes },
    });
    await touchTicket(trx, ticket.id, new Date());
    const result = await step.record(trx, ticket.id, file);
    return { attachment: presentAttachment(row), result };
  });
}

/**
 * The bytes of an attachment and the headers to serve them with, for someone who may read its
 * ticket. Anyone else hears "not found", as for the ticket itself.
 */
export async function attachmentForDownload(deps: AttachmentDeps, actor: UserActor, id: string) {
  const row = await findAttachment(deps.db, id);
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
  try {
    await ticketAccess(deps.db, actor, row.ticket_id, 'read');
  } catch (error) {
    if (error instanceof AppError && error.code === 'TICKET_NOT_FOUND') throw new AppError('ATTACHMENT_NOT_FOUND');
    throw error;
  }
  const bytes = await deps.storage.get(row.storage_key);
  if (!bytes) throw new Error(`attachment ${row.id}: no file under its storage key`);
  // What is served is what was accepted: a file changed on disk is an incident, not a download.
  if (bytes.length !== row.size_bytes || sha256Of(bytes) !== row.sha256) throw new Error(`attachment ${row.id}: stored bytes do not match their digest`);
  if (!isAttachmentMediaType(row.media_type)) throw new Error(`attachment ${row.id}: unknown media type`);
  return { headers: downloadHeaders(row.media_type, row.file_name, row.size_bytes), bytes };
}
