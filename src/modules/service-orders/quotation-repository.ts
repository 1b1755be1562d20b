/** Kysely queries of paid service (quotations, their lines, invoices, document numbers): no rules, no HTTP. */
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, ServiceInvoiceTable, ServiceQuotationTable } from '../../db/schema.js';

const QUOTATION_COLUMNS = [
  'q.id',
  'q.notification_id',
  'q.number',
  'q.state',
  'q.needs_hq_price',
  'q.note',
  'q.net_fen',
  'q.tax_fen',
  'q.gross_fen',
  'q.approval_requested_by',
  'q.approval_requested_at',
  'q.approved_by',
  'q.approved_at',
  'q.sent_by',
  'q.sent_at',
  'q.answered_at',
  'q.answer_channel',
  'q.answered_by',
  'q.decline_reason',
  'q.accepted_at',
  'q.accepted_by_name',
  'q.acceptance_channel',
  'q.acceptance_remarks',
  'q.acceptance_recorded_by',
  'q.created_by',
  'q.created_at',
  'q.updated_at',
  'q.version',
] as const;

function selectQuotation(db: Kysely<DB>) {
  return db
    .selectFrom('service_quotations as q')
    .select(QUOTATION_COLUMNS)
    .select(sql<string>`q.valid_until::text`.as('valid_until'));
}

export type QuotationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectQuotation>['executeTakeFirst']>>>;

/** A quotation of the notification, locked when `db` is a transaction (after the notification: the lock order). */
export async function quotationOf(db: Kysely<DB>, notificationId: string, id: string): Promise<QuotationRow | undefined> {
  const query = selectQuotation(db).where('q.id', '=', id).where('q.notification_id', '=', notificationId);
  return (db.isTransaction ? query.forUpdate() : query).executeTakeFirst();
}

export async function quotationsOf(db: Kysely<DB>, notificationId: string): Promise<QuotationRow[]> {
  return selectQuotation(db).where('q.notification_id', '=', notificationId).orderBy('q.created_at').orderBy('q.number').execute();
}

/** The quotation a customer's link opens (never locked: the caller locks the notification, then the quotation). */
export async function quotationByLinkHash(db: Kysely<DB>, hash: string): Promise<QuotationRow | undefined> {
  return selectQuotation(db).where('q.link_token_hash', '=', hash).executeTakeFirst();
}

export async function insertQuotation(trx: Transaction<DB>, values: Insertable<ServiceQuotationTable>) {
  return trx.insertInto('service_quotations').values(values).returning(['id', 'number', 'version']).executeTakeFirstOrThrow();
}

export async function updateQuotation(trx: Transaction<DB>, id: string, set: Updateable<ServiceQuotationTable>): Promise<number> {
  const row = await trx
    .updateTable('service_quotations')
    .set({ ...set, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export interface StoredLine {
  kind: string;
  description: string;
  quantity: number;
  unit: string;
  unit_price_fen: number;
  tax_category: string;
  rate_bp: number;
  amount_fen: number;
  tax_fen: number;
}

export async function replaceQuotationLines(trx: Transaction<DB>, quotationId: string, lines: StoredLine[]): Promise<void> {
  await trx.deleteFrom('service_quotation_lines').where('quotation_id', '=', quotationId).execute();
  if (lines.length === 0) return;
  await trx
    .insertInto('service_quotation_lines')
    .values(lines.map((l, i) => ({ ...l, quotation_id: quotationId, position: i + 1 })))
    .execute();
}

export async function linesOf(db: Kysely<DB>, quotationIds: string[]) {
  if (quotationIds.length === 0) return [];
  return db.selectFrom('service_quotation_lines').selectAll().where('quotation_id', 'in', quotationIds).orderBy('quotation_id').orderBy('position').execute();
}

export async function invoicesOf(db: Kysely<DB>, quotationIds: string[]) {
  if (quotationIds.length === 0) return [];
  return db.selectFrom('service_invoices').selectAll().where('quotation_id', 'in', quotationIds).execute();
}

export async function insertInvoice(trx: Transaction<DB>, values: Insertable<ServiceInvoiceTable>) {
  return trx.insertInto('service_invoices').values(values).returning(['id', 'number']).executeTakeFirstOrThrow();
}

export async function setInvoicePlatform(db: Kysely<DB>, id: string, status: 'recorded' | 'issued', platformInvoiceNo: string | null): Promise<void> {
  await db.updateTable('service_invoices').set({ platform_status: status, platform_invoice_no: platformInvoiceNo }).where('id', '=', id).execute();
}

/** The next number of a document kind in a local month: a counter row, so invoice numbers have no gaps. */
export async function nextDocumentSequence(trx: Transaction<DB>, prefix: 'BJ' | 'FW', month: string): Promise<number> {
  const row = await trx
    .insertInto('service_document_counters')
    .values({ prefix, month, last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'month']).doUpdateSet({ last: sql<number>`service_document_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** The buyer as the documents print it: the sold-to customer, and the service address with its contact. */
export async function buyerOf(db: Kysely<DB>, customerId: string, addressId: string | null) {
  const customer = await db.selectFrom('customers').select(['name', 'phone', 'credit_code']).where('id', '=', customerId).executeTakeFirst();
  const address = addressId ? await db.selectFrom('customer_addresses').select(['address', 'contact_name', 'contact_phone']).where('id', '=', addressId).executeTakeFirst() : undefined;
  return { customer, address };
}

/** The phones a customer may prove with the last four digits: the sold-to's, the ship-to's, the service address contact's. */
export async function customerPhones(db: Kysely<DB>, n: { sold_to_id: string; ship_to_id: string; service_address_id: string | null }): Promise<(string | null)[]> {
  const parties = [n.sold_to_id, n.ship_to_id];
  const customers = await db.selectFrom('customers').select('phone').where('id', 'in', parties).execute();
  // A company often has no phone of its own on record: the people who answer for it are its contacts.
  const contacts = await db.selectFrom('customer_contacts').select('phones').where('customer_id', 'in', parties).execute();
  const address = n.service_address_id ? await db.selectFrom('customer_addresses').select('contact_phone').where('id', '=', n.service_address_id).executeTakeFirst() : undefined;
  return [...customers.map((c) => c.phone), ...contacts.flatMap((c) => c.phones), address?.contact_phone ?? null];
}
