/**
 * The service quotation (服务销售订单, docs/product.md §4 "Paid service"): the desk writes one on a
 * notification with its lines (labour, parts, call-out fee, other: quantity, unit price before tax
 * in fen, VAT category), the last day it is valid, and whether it needs headquarters' price
 * (向总部询报价); the lines change only while it is a draft. Reading lists a notification's
 * quotations with their totals, steps, invoice, and what the caller may do.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { allowedQuoteActions, checkValidity, quotationNumber, type QuoteLineInput, type QuoteState } from '../../../domain/service-orders/quotation.js';
import { can } from '../../../domain/roles.js';
import type { UserActor } from '../../tickets/service.js';
import { notificationFor, requirePermission } from '../access.js';
import type { ServiceOrderDeps } from '../deps.js';
import type { InvoiceAdapter } from '../invoice-adapter.js';
import { factsOf, loadQuotation, moved, paidActionsFor, presentQuotation, pricedOrRefused, quoteEvent, storedLines, todayIn } from '../paid.js';
import { insertQuotation, invoicesOf, linesOf, nextDocumentSequence, quotationsOf, replaceQuotationLines, updateQuotation } from '../quotation-repository.js';
import { userNames } from '../repository.js';

export interface PaidServiceDeps extends ServiceOrderDeps {
  invoices: InvoiceAdapter;
}

export interface QuotationInput {
  validUntil: string;
  needsHeadquartersPrice?: boolean | undefined;
  note?: string | undefined;
  lines: QuoteLineInput[];
}

const author = (actor: UserActor) => ({ id: actor.id, name: actor.displayName });

function checked(deps: ServiceOrderDeps, input: QuotationInput) {
  const priced = pricedOrRefused(input.lines);
  if (!checkValidity(todayIn(deps.timeZone), input.validUntil).ok) throw new AppError('QUOTE_VALIDITY_INVALID');
  return priced;
}

/** A notification's quotations, oldest first, and whether the tax platform is connected (the console says it plainly). */
export async function listQuotations(deps: PaidServiceDeps, actor: UserActor, notificationId: string) {
  const n = await notificationFor(deps.db, actor, notificationId, 'read');
  const quotes = await quotationsOf(deps.db, n.id);
  const ids = quotes.map((q) => q.id);
  const [lines, invoices] = await Promise.all([linesOf(deps.db, ids), invoicesOf(deps.db, ids)]);
  const people = [...new Set(quotes.flatMap((q) => [q.created_by, q.approval_requested_by, q.approved_by, q.answered_by, q.acceptance_recorded_by]).filter((id): id is string => id !== null))];
  const names = new Map((await userNames(deps.db, people)).map((u) => [u.id, u.display_name]));
  const mayWork = can(actor.role, 'serviceOrders.work') && n.system_status !== 'completed';
  const today = todayIn(deps.timeZone);
  return {
    platform: deps.invoices.platform(),
    canCreate: mayWork,
    quotations: quotes.map((q) => {
      const rows = lines.filter((l) => l.quotation_id === q.id);
      return presentQuotation(q, rows, invoices.find((i) => i.quotation_id === q.id), names, today, paidActionsFor(actor, factsOf(q, rows.length, today), mayWork));
    }),
  };
}

/** Writes a draft quotation, numbered BJ + the local month + its sequence. Refused without lines, with a bad line, or valid until a past day. */
export async function createQuotation(deps: PaidServiceDeps, actor: UserActor, notificationId: string, input: QuotationInput) {
  requirePermission(actor, 'work');
  const priced = checked(deps, input);
  return inTransaction(deps.db, async (trx) => {
    const n = await notificationFor(trx, actor, notificationId, 'work');
    if (n.system_status === 'completed') throw new AppError('SERVICE_ORDER_COMPLETED');
    const today = todayIn(deps.timeZone);
    const number = quotationNumber(today, await nextDocumentSequence(trx, 'BJ', today.slice(0, 7).replace('-', '')));
    const row = await insertQuotation(trx, {
      notification_id: n.id,
      number,
      state: 'draft',
      valid_until: input.validUntil,
      needs_hq_price: input.needsHeadquartersPrice ?? false,
      note: input.note?.trim() ?? '',
      net_fen: priced.totals.netFen,
      tax_fen: priced.totals.taxFen,
      gross_fen: priced.totals.grossFen,
      created_by: actor.id,
    });
    await replaceQuotationLines(trx, row.id, storedLines(priced.lines));
    await quoteEvent(trx, author(actor), n, { kind: 'quote', documentNo: number, to: 'draft', note: input.note ?? null });
    return { id: row.id, number, state: 'draft' as const, version: row.version };
  });
}

/** Changes a draft's lines, validity or headquarters flag (a sent or approved quotation is revised back to a draft first). */
export async function editQuotation(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string, input: QuotationInput & { version: number }) {
  requirePermission(actor, 'work');
  const priced = checked(deps, input);
  return inTransaction(deps.db, async (trx) => {
    const { n, q } = await loadQuotation(trx, actor, notificationId, quotationId, 'work', input.version);
    if (q.state !== 'draft') moved({ kind: 'refused', code: 'QUOTE_TRANSITION_INVALID', allowed: allowedQuoteActions(q.state as QuoteState) });
    await replaceQuotationLines(trx, q.id, storedLines(priced.lines));
    const version = await updateQuotation(trx, q.id, {
      valid_until: input.validUntil,
      needs_hq_price: input.needsHeadquartersPrice ?? q.needs_hq_price,
      ...(input.note !== undefined && { note: input.note.trim() }),
      net_fen: priced.totals.netFen,
      tax_fen: priced.totals.taxFen,
      gross_fen: priced.totals.grossFen,
    });
    await quoteEvent(trx, author(actor), n, { kind: 'quote', documentNo: q.number, from: 'draft', to: 'draft', note: 'lines' });
    return { id: q.id, number: q.number, state: 'draft' as const, version };
  });
}
