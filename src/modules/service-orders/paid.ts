/**
 * What the paid-service use cases share (docs/product.md §4 "Paid service"): loading a quotation
 * under the notification's lock and access, asking the pure rule (domain/service-orders/
 * quotation.ts) and turning its refusal into the stable error, the history row every step leaves on
 * the notification, and the quotation as the console reads it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { amountInWords } from '../../domain/service-orders/amount-in-words.js';
import { AppError } from '../../domain/errors.js';
import {
  allowedQuoteActions,
  isExpired,
  moveQuote,
  priceLines,
  quoteTotals,
  type QuoteAction,
  type QuoteActor,
  type QuoteFacts,
  type QuoteLine,
  type QuoteLineInput,
  type QuoteMove,
  type QuoteState,
} from '../../domain/service-orders/quotation.js';
import type { LineKind, TaxCategory } from '../../domain/service-orders/vat.js';
import { localDateOf } from '../../domain/time-limits/working-days.js';
import type { Locale } from '../../http/locale.js';
import { readSetting } from '../reference/service.js';
import type { UserActor } from '../tickets/service.js';
import { notificationFor, quoteActorOf, type ServiceOrderNeed } from './access.js';
import { insertEvent, type NotificationRow } from './repository.js';
import { quotationOf, type QuotationRow, type StoredLine } from './quotation-repository.js';

/** The company's local date today: a quotation's validity is counted in local days. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDateOf(now, timeZone);
}

export const fenOf = (value: string | number | null | undefined): number => Number(value ?? 0);

/** The notification (locked in a transaction) and its quotation (locked after it: the lock order), at the version the caller read. */
export async function loadQuotation(db: Kysely<DB>, actor: UserActor, notificationId: string, quotationId: string, need: ServiceOrderNeed, version?: number): Promise<{ n: NotificationRow; q: QuotationRow }> {
  const n = await notificationFor(db, actor, notificationId, need);
  const q = await quotationOf(db, n.id, quotationId);
  if (!q) throw new AppError('SERVICE_QUOTE_NOT_FOUND');
  if (version !== undefined && version !== q.version) throw new AppError('CONFLICT_STALE_VERSION');
  return { n, q };
}

export function factsOf(q: QuotationRow, lineCount: number, today: string): QuoteFacts {
  return { state: q.state as QuoteState, lineCount, needsHeadquartersPrice: q.needs_hq_price, approvalRequestedBy: q.approval_requested_by, validUntil: q.valid_until, today };
}

/** The rule's answer, or its refusal as the stable error naming what the quotation allows. */
export function moved(move: QuoteMove, locale: Locale = 'zh-CN'): QuoteState {
  if (move.kind === 'moved') return move.to;
  const names = move.allowed.map((a) => ACTION_LABELS[a][locale]).join('、') || '—';
  throw new AppError(move.code, { allowed: names }, { allowed: move.allowed });
}

const ACTION_LABELS: Record<QuoteAction, Record<Locale, string>> = {
  request_approval: { 'zh-CN': '申请主管批准', 'en-US': 'ask for approval' },
  approve: { 'zh-CN': '批准', 'en-US': 'approve' },
  reject: { 'zh-CN': '退回', 'en-US': 'reject' },
  send: { 'zh-CN': '发送给客户', 'en-US': 'send' },
  revise: { 'zh-CN': '修改报价', 'en-US': 'revise' },
  confirm: { 'zh-CN': '确认', 'en-US': 'confirm' },
  decline: { 'zh-CN': '拒绝', 'en-US': 'decline' },
  expire: { 'zh-CN': '过期', 'en-US': 'expire' },
  accept: { 'zh-CN': '验收确认', 'en-US': 'accept the visit' },
  invoice: { 'zh-CN': '开具发票', 'en-US': 'invoice' },
  cancel: { 'zh-CN': '取消', 'en-US': 'cancel' },
};

const FIELD_LABELS: Record<string, string> = { kind: '费用类别', description: '说明', quantity: '数量', unit: '单位', unitPriceFen: '单价', taxCategory: '税目' };

/** Prices the lines by the rule; a refusal names the first bad line (1-based) and field. */
export function pricedOrRefused(lines: readonly QuoteLineInput[]) {
  const priced = priceLines(lines);
  if (!priced.ok) {
    if (priced.code === 'QUOTE_LINE_INVALID') throw new AppError('QUOTE_LINE_INVALID', { line: priced.line + 1, field: FIELD_LABELS[priced.field] ?? priced.field }, { line: priced.line + 1, field: priced.field });
    throw new AppError(priced.code);
  }
  return priced;
}

export function storedLines(lines: QuoteLine[]): StoredLine[] {
  return lines.map((l) => ({
    kind: l.kind,
    description: l.description.trim(),
    quantity: l.quantity,
    unit: l.unit.trim(),
    unit_price_fen: l.unitPriceFen,
    tax_category: l.taxCategory,
    rate_bp: l.rateBp,
    amount_fen: l.amountFen,
    tax_fen: l.taxFen,
  }));
}

type LineRow = { kind: string; description: string; quantity: string | number; unit: string; unit_price_fen: string | number; tax_category: string; rate_bp: number; amount_fen: string | number; tax_fen: string | number };

/** Stored lines as the rule reads them again (to price an invoice) and as the console shows them. */
export function lineInputs(rows: readonly LineRow[]): QuoteLineInput[] {
  return rows.map((r) => ({ kind: r.kind as LineKind, description: r.description, quantity: Number(r.quantity), unit: r.unit, unitPriceFen: fenOf(r.unit_price_fen), taxCategory: r.tax_category as TaxCategory }));
}

export function storedQuoteLines(rows: readonly LineRow[]): QuoteLine[] {
  return rows.map((r) => {
    const amountFen = fenOf(r.amount_fen);
    const taxFen = fenOf(r.tax_fen);
    return { kind: r.kind as LineKind, description: r.description, quantity: Number(r.quantity), unit: r.unit, unitPriceFen: fenOf(r.unit_price_fen), taxCategory: r.tax_category as TaxCategory, amountFen, rateBp: r.rate_bp, taxFen, grossFen: amountFen + taxFen };
  });
}

/** Every paid-service step leaves a row on the notification's history. */
export async function quoteEvent(
  trx: Transaction<DB>,
  who: { id: string | null; name: string },
  n: { id: string },
  step: { kind: 'quote' | 'acceptance' | 'invoice'; documentNo: string; from?: string | null; to?: string | null; note?: string | null },
): Promise<void> {
  await insertEvent(trx, {
    notification_id: n.id,
    kind: step.kind,
    document_no: step.documentNo,
    from_state: step.from ?? null,
    to_state: step.to ?? null,
    note: step.note?.trim() || null,
    actor_id: who.id,
    actor_name: who.name,
  });
}

/** The customer as the author of history rows (never their name: the page names them masked). */
export const CUSTOMER_AUTHOR = { id: null, name: '客户（自助服务）' } as const;

/** The seller and carrier the documents print: the company setting `report.carrier` (name, hotline, taxId), else the product's name. */
export async function sellerOf(db: Kysely<DB>) {
  const value = await readSetting(db, 'report.carrier');
  const text = (key: string) => (typeof value?.[key] === 'string' && (value[key] as string).trim() ? (value[key] as string).trim() : null);
  const name = text('name') ?? 'ParcelDesk';
  return { seller: { name, taxId: text('taxId') }, carrier: { name, hotline: text('hotline') } };
}

/** What the caller may do to a quotation now: the console shows these as buttons. */
export type PaidAction = 'edit' | 'request_approval' | 'approve' | 'reject' | 'send' | 'revise' | 'cancel' | 'answer_phone' | 'accept' | 'invoice' | 'new_link';

export function paidActionsFor(actor: UserActor | null, facts: QuoteFacts, mayWork: boolean): PaidAction[] {
  if (!actor || !mayWork) return [];
  const staff: QuoteActor = quoteActorOf(actor);
  const can = (action: QuoteAction, channel?: 'phone') => moveQuote(facts, action, staff, channel).kind === 'moved';
  const out: PaidAction[] = [];
  if (facts.state === 'draft') out.push('edit');
  for (const a of ['request_approval', 'approve', 'reject', 'send', 'revise', 'cancel'] as const) if (can(a)) out.push(a);
  if (can('confirm', 'phone') || can('decline', 'phone')) out.push('answer_phone');
  if (can('accept')) out.push('accept');
  if (facts.state === 'accepted') out.push('invoice');
  if (facts.state === 'sent' || facts.state === 'confirmed') out.push('new_link');
  return out;
}

export interface InvoiceSummaryRow {
  id: string;
  number: string;
  issued_at: Date;
  net_fen: string | number;
  tax_fen: string | number;
  gross_fen: string | number;
  platform_status: string;
  platform_invoice_no: string | null;
}

/** A quotation as the console reads it: lines and totals in fen, 价税合计 in capitals, its steps, and what the caller may do. */
export function presentQuotation(q: QuotationRow, rows: readonly LineRow[], invoice: InvoiceSummaryRow | undefined, names: Map<string, string>, today: string, actions: PaidAction[]) {
  const lines = storedQuoteLines(rows);
  const totals = quoteTotals(lines);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    id: q.id,
    number: q.number,
    state: q.state as QuoteState,
    /** sent and past its last valid day: it can no longer be confirmed */
    expired: q.state === 'expired' || (q.state === 'sent' && isExpired(q.valid_until, today)),
    validUntil: q.valid_until,
    needsHeadquartersPrice: q.needs_hq_price,
    note: q.note,
    lines: lines.map((l, i) => ({ position: i + 1, ...l })),
    totals: { ...totals, grossInWords: amountInWords(totals.grossFen) },
    approval: q.approval_requested_at
      ? { requestedBy: name(q.approval_requested_by), requestedAt: q.approval_requested_at.toISOString(), approvedBy: name(q.approved_by), approvedAt: q.approved_at?.toISOString() ?? null }
      : null,
    sentAt: q.sent_at?.toISOString() ?? null,
    answer: q.answered_at
      ? { answer: (q.decline_reason !== null || q.state === 'declined' ? 'declined' : 'confirmed') as 'confirmed' | 'declined', channel: q.answer_channel as 'self_service' | 'phone', at: q.answered_at.toISOString(), recordedBy: name(q.answered_by), reason: q.decline_reason }
      : null,
    acceptance: q.accepted_at
      ? { acceptedBy: q.accepted_by_name ?? '', at: q.accepted_at.toISOString(), channel: q.acceptance_channel as 'on_site' | 'phone' | 'self_service', remarks: q.acceptance_remarks, recordedBy: name(q.acceptance_recorded_by) }
      : null,
    invoice: invoice
      ? {
          id: invoice.id,
          number: invoice.number,
          issuedAt: invoice.issued_at.toISOString(),
          netFen: fenOf(invoice.net_fen),
          taxFen: fenOf(invoice.tax_fen),
          grossFen: fenOf(invoice.gross_fen),
          platformStatus: invoice.platform_status as 'pending' | 'recorded' | 'issued',
          platformInvoiceNo: invoice.platform_invoice_no,
        }
      : null,
    allowed: actions,
    createdBy: name(q.created_by),
    createdAt: q.created_at.toISOString(),
    version: q.version,
  };
}

export { allowedQuoteActions };
