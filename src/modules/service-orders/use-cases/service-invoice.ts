/**
 * The service invoice (服务销售发票, docs/product.md §4 "Paid service") and the two documents as
 * PDFs. The invoice is written once per quotation, only after the customer accepted the visit:
 * numbered FW + the local month + its sequence (no gaps: a counter row in the same transaction),
 * its lines priced again by the quotation's rule, tax by rate, 价税合计 in figures and capitals, the
 * acceptance it rests on, kept as written. After the commit the invoice adapter is asked
 * (invoice-adapter.ts): the default records it here and issues nothing on the national e-invoice
 * platform, and the invoice, its PDF and the console say so.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { issueServiceInvoice, moveQuote, quoteTotals, serviceInvoiceNumber, type ServiceInvoice } from '../../../domain/service-orders/quotation.js';
import type { UserActor } from '../../tickets/service.js';
import { quoteActorOf, requirePermission } from '../access.js';
import { renderQuotationPdf, renderServiceInvoicePdf } from '../documents/sales-pdf.js';
import { factsOf, lineInputs, loadQuotation, moved, quoteEvent, sellerOf, storedQuoteLines, todayIn } from '../paid.js';
import { buyerOf, insertInvoice, invoicesOf, linesOf, nextDocumentSequence, setInvoicePlatform, updateQuotation } from '../quotation-repository.js';
import type { PaidServiceDeps } from './quotations.js';

async function buyer(db: PaidServiceDeps['db'], n: { sold_to_id: string; service_address_id: string | null }) {
  const { customer, address } = await buyerOf(db, n.sold_to_id, n.service_address_id);
  return { name: customer?.name ?? '', taxId: customer?.credit_code ?? null, address: address?.address ?? null, phone: null };
}

/** Writes the invoice of an accepted visit, once; a second request is refused and changes nothing. */
export async function writeServiceInvoice(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string, input: { version: number }) {
  requirePermission(actor, 'work');
  const { seller } = await sellerOf(deps.db);
  const written = await inTransaction(deps.db, async (trx) => {
    const { n, q } = await loadQuotation(trx, actor, notificationId, quotationId, 'work');
    const rows = await linesOf(trx, [q.id]);
    // the refusals (before acceptance, twice) come before the stale-version check: they are what the person needs to hear
    moved(moveQuote(factsOf(q, rows.length, todayIn(deps.timeZone)), 'invoice', quoteActorOf(actor)));
    if (input.version !== q.version) throw new AppError('CONFLICT_STALE_VERSION');
    const now = new Date();
    const today = todayIn(deps.timeZone, now);
    const number = serviceInvoiceNumber(today, await nextDocumentSequence(trx, 'FW', today.slice(0, 7).replace('-', '')));
    const issued = issueServiceInvoice({
      quote: { number: q.number, notificationNo: n.number, state: q.state as 'accepted', lines: lineInputs(rows) },
      acceptance: q.accepted_at ? { acceptedAt: q.accepted_at, acceptedBy: q.accepted_by_name ?? '', channel: q.acceptance_channel as 'on_site', remarks: q.acceptance_remarks } : null,
      number,
      issuedAt: now,
      buyer: await buyer(trx, n),
      seller,
    });
    if (!issued.ok) throw new AppError(issued.code);
    const invoice = issued.invoice;
    const row = await insertInvoice(trx, {
      quotation_id: q.id,
      number,
      issued_at: now,
      issued_by: actor.id,
      document: JSON.stringify(invoice),
      net_fen: invoice.totals.netFen,
      tax_fen: invoice.totals.taxFen,
      gross_fen: invoice.totals.grossFen,
      platform_status: 'pending',
    });
    const version = await updateQuotation(trx, q.id, { state: 'invoiced' });
    await quoteEvent(trx, { id: actor.id, name: actor.displayName }, n, { kind: 'invoice', documentNo: number, from: q.state, to: 'invoiced', note: q.number });
    return { id: row.id, invoice, version };
  });
  // after the commit: the adapter may be slow or fail, and must never be asked twice for one invoice
  const result = await deps.invoices.issue(written.invoice);
  await setInvoicePlatform(deps.db, written.id, result.status, result.platformInvoiceNo);
  return {
    state: 'invoiced' as const,
    version: written.version,
    invoice: { id: written.id, number: written.invoice.number, grossFen: written.invoice.totals.grossFen, platformStatus: result.status, platformInvoiceNo: result.platformInvoiceNo },
    platform: deps.invoices.platform(),
  };
}

function fileOf(fileName: string, content: Buffer) {
  return { fileName, asciiFileName: fileName.replace(/[^\x20-\x7e]/g, '_'), contentType: 'application/pdf', content };
}

/** The quotation as a PDF (服务报价单), for the customer: its lines, totals, validity and how to confirm it. */
export async function quotationPdf(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string) {
  const { n, q } = await loadQuotation(deps.db, actor, notificationId, quotationId, 'read');
  const rows = await linesOf(deps.db, [q.id]);
  if (rows.length === 0) throw new AppError('QUOTE_NO_LINES');
  const lines = storedQuoteLines(rows);
  const [{ seller, carrier }, b] = await Promise.all([sellerOf(deps.db), buyer(deps.db, n)]);
  const pdf = await renderQuotationPdf({
    quote: { number: q.number, notificationNo: n.number, writtenAt: q.created_at, validUntil: q.valid_until, lines, totals: quoteTotals(lines) },
    buyer: b,
    seller,
    carrier,
    timeZone: deps.timeZone,
  });
  return fileOf(`${q.number}.pdf`, pdf);
}

/** The invoice as written, as a PDF (服务销售发票), with the platform's answer printed truthfully. */
export async function invoicePdf(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string) {
  const { q } = await loadQuotation(deps.db, actor, notificationId, quotationId, 'read');
  const [row] = await invoicesOf(deps.db, [q.id]);
  if (!row) throw new AppError('SERVICE_INVOICE_NOT_FOUND');
  const stored = (typeof row.document === 'string' ? JSON.parse(row.document) : row.document) as ServiceInvoice & { issuedAt: string; acceptance: { acceptedAt: string } };
  const invoice: ServiceInvoice = { ...stored, issuedAt: new Date(stored.issuedAt), acceptance: { ...stored.acceptance, acceptedAt: new Date(stored.acceptance.acceptedAt) } };
  const platform = deps.invoices.platform();
  const { carrier } = await sellerOf(deps.db);
  const pdf = await renderServiceInvoicePdf({
    invoice,
    carrier,
    timeZone: deps.timeZone,
    platform: { connected: platform.connected && row.platform_status === 'issued', platformInvoiceNo: row.platform_invoice_no, notice: platform.notice['zh-CN'] },
  });
  return fileOf(`${row.number}.pdf`, pdf);
}

