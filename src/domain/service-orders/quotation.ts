/**
 * Paid after-sales service (有费服务, docs/product.md §4): the service quotation (服务销售订单), the
 * customer's acceptance of the visit (验收确认) and the service invoice (服务销售发票). The process
 * (售后服务流程, 客户服务类型确认): when the visit finds work to charge for, the desk writes a
 * quotation and the customer confirms it before the work is done; after the visit the customer
 * accepts the work, and only then is the invoice written. A quotation that needs headquarters'
 * price (向总部询报价) waits for a supervisor's approval (主管批准) before it may be sent.
 *
 *   draft ──send──▶ sent ──confirm──▶ confirmed ──accept──▶ accepted ──invoice──▶ invoiced
 *     │  ▲              ├─decline──▶ declined
 *     │  └──reject──┐   └─expire───▶ expired   (the clock, once `validUntil` has passed)
 *     └─request_approval─▶ awaiting_approval ──approve──▶ approved ──send──▶ sent
 *   revise: approved / sent ──▶ draft (the lines change; a quote needing HQ price is approved again)
 *   cancel: draft / awaiting_approval / approved / sent ──▶ cancelled
 *
 * Money is integer fen. Each line: amount = quantity × unit price (tax excluded), rounded half up
 * to the fen; tax = amount × the line's VAT rate, rounded half up to the fen, per line; the totals
 * are the sums of the rounded lines (`quoteTotals`). Rejected: tax on the total of each rate
 * (rounding once per rate) — an invoice prints every line's tax, and its tax total must be the
 * sum of the numbers printed above it; see the table test for a quote where the two differ by a fen.
 * Also rejected: banker's rounding (half to even), which no Chinese invoice uses.
 *
 * Pure: the module loads the quotation, asks here, and persists what comes back. Every refusal is
 * a typed result with a stable code, never an exception.
 */
import { lineTaxFen, roundHalfUpDiv, TAX_CATEGORIES, VAT_RATES, LINE_KINDS, type LineKind, type TaxCategory } from './vat.js';

export const QUOTE_STATES = ['draft', 'awaiting_approval', 'approved', 'sent', 'confirmed', 'declined', 'expired', 'accepted', 'invoiced', 'cancelled'] as const;
export type QuoteState = (typeof QUOTE_STATES)[number];

export const QUOTE_ACTIONS = ['request_approval', 'approve', 'reject', 'send', 'revise', 'confirm', 'decline', 'expire', 'accept', 'invoice', 'cancel'] as const;
export type QuoteAction = (typeof QUOTE_ACTIONS)[number];

export const QUOTE_REFUSAL_CODES = [
  /** a quotation must have at least one line to be sent or approved */
  'QUOTE_NO_LINES',
  /** a line's quantity, unit price or category is out of bounds (negative, zero quantity, unknown category) */
  'QUOTE_LINE_INVALID',
  /** too many lines, or a total beyond what one quotation may carry */
  'QUOTE_TOO_LARGE',
  /** valid-until lies before the day the quotation is written */
  'QUOTE_VALIDITY_INVALID',
  /** confirming (or sending) a quotation whose validity has passed */
  'QUOTE_EXPIRED',
  /** confirming or declining a quotation the customer has already answered */
  'QUOTE_ALREADY_ANSWERED',
  /** sending a quotation that needs headquarters' price before a supervisor approved it */
  'QUOTE_NEEDS_APPROVAL',
  /** approving or rejecting without the supervisor's right, or approving one's own request */
  'QUOTE_APPROVAL_FORBIDDEN',
  /** a customer or the clock doing what only the desk does, or the desk doing the customer's part on a channel it may not */
  'QUOTE_ACTOR_FORBIDDEN',
  /** an acceptance without the customer's name, dated before the quote was confirmed or in the future */
  'ACCEPTANCE_INVALID',
  /** writing the invoice before the customer accepted the visit (验收确认) */
  'INVOICE_BEFORE_ACCEPTANCE',
  /** the invoice is written once */
  'INVOICE_ALREADY_ISSUED',
  /** any other move the state does not allow; `allowed` names the ones it does */
  'QUOTE_TRANSITION_INVALID',
] as const;
export type QuoteRefusalCode = (typeof QUOTE_REFUSAL_CODES)[number];

/** Bounds of a line and a quotation: every amount stays an exact integer far below 2^53 fen. */
export const QUOTE_LIMITS = {
  maxLines: 100,
  /** 1,000,000 yuan */
  maxUnitPriceFen: 100_000_000,
  maxQuantity: 9_999.999,
  /** quantities are counted in thousandths (1.5 hours of labour is 1500) */
  quantityScale: 1000,
  descriptionMax: 200,
} as const;

export interface QuoteLineInput {
  kind: LineKind;
  description: string;
  /** positive; up to three decimals (hours of labour) */
  quantity: number;
  /** e.g. 件, 次, 小时 */
  unit: string;
  /** tax excluded, in fen; zero is allowed (a part given free), negative is not */
  unitPriceFen: number;
  taxCategory: TaxCategory;
}

export interface QuoteLine extends QuoteLineInput {
  /** quantity × unit price, rounded half up to the fen */
  amountFen: number;
  rateBp: number;
  /** amount × rate, rounded half up to the fen */
  taxFen: number;
  /** amount + tax */
  grossFen: number;
}

export interface QuoteTotals {
  /** Σ line amounts (不含税金额) */
  netFen: number;
  /** Σ line taxes (税额) */
  taxFen: number;
  /** Σ net + tax (价税合计) */
  grossFen: number;
  /** tax by rate, for the invoice's summary: each the sum of its lines' rounded tax */
  byRate: { rateBp: number; netFen: number; taxFen: number }[];
}

export type LineField = 'kind' | 'description' | 'quantity' | 'unit' | 'unitPriceFen' | 'taxCategory';
export type LineRefusal = { code: 'QUOTE_LINE_INVALID'; line: number; field: LineField } | { code: 'QUOTE_NO_LINES' } | { code: 'QUOTE_TOO_LARGE' };

/**
 * Checks the lines and prices them. Refuses no lines, a negative or non-integer price, a quantity
 * that is not positive or has more than three decimals, an unknown kind or category, and more
 * lines than `QUOTE_LIMITS.maxLines`; names the first bad line (0-based) and field.
 */
export function priceLines(inputs: readonly QuoteLineInput[]): { ok: true; lines: QuoteLine[]; totals: QuoteTotals } | ({ ok: false } & LineRefusal) {
  if (inputs.length === 0) return { ok: false, code: 'QUOTE_NO_LINES' };
  if (inputs.length > QUOTE_LIMITS.maxLines) return { ok: false, code: 'QUOTE_TOO_LARGE' };
  const lines: QuoteLine[] = [];
  for (const [i, input] of inputs.entries()) {
    const bad = badField(input);
    if (bad) return { ok: false, code: 'QUOTE_LINE_INVALID', line: i, field: bad };
    const quantityMilli = Math.round(input.quantity * QUOTE_LIMITS.quantityScale);
    const amountFen = roundHalfUpDiv(quantityMilli * input.unitPriceFen, QUOTE_LIMITS.quantityScale);
    const rateBp = VAT_RATES[input.taxCategory].rateBp;
    const taxFen = lineTaxFen(amountFen, rateBp);
    lines.push({ ...input, amountFen, rateBp, taxFen, grossFen: amountFen + taxFen });
  }
  return { ok: true, lines, totals: quoteTotals(lines) };
}

function badField(line: QuoteLineInput): LineField | null {
  if (!(LINE_KINDS as readonly string[]).includes(line.kind)) return 'kind';
  if (typeof line.description !== 'string' || line.description.trim() === '' || line.description.length > QUOTE_LIMITS.descriptionMax) return 'description';
  const milli = line.quantity * QUOTE_LIMITS.quantityScale;
  if (!Number.isFinite(line.quantity) || line.quantity <= 0 || line.quantity > QUOTE_LIMITS.maxQuantity || Math.abs(milli - Math.round(milli)) > 1e-6) return 'quantity';
  if (typeof line.unit !== 'string' || line.unit.trim() === '' || line.unit.length > 10) return 'unit';
  if (!Number.isSafeInteger(line.unitPriceFen) || line.unitPriceFen < 0 || line.unitPriceFen > QUOTE_LIMITS.maxUnitPriceFen) return 'unitPriceFen';
  if (!(TAX_CATEGORIES as readonly string[]).includes(line.taxCategory)) return 'taxCategory';
  return null;
}

/** The totals are sums of the lines as rounded; nothing is rounded again. */
export function quoteTotals(lines: readonly Pick<QuoteLine, 'amountFen' | 'rateBp' | 'taxFen'>[]): QuoteTotals {
  const byRate = new Map<number, { rateBp: number; netFen: number; taxFen: number }>();
  let netFen = 0;
  let taxFen = 0;
  for (const line of lines) {
    netFen += line.amountFen;
    taxFen += line.taxFen;
    const group = byRate.get(line.rateBp) ?? { rateBp: line.rateBp, netFen: 0, taxFen: 0 };
    group.netFen += line.amountFen;
    group.taxFen += line.taxFen;
    byRate.set(line.rateBp, group);
  }
  return { netFen, taxFen, grossFen: netFen + taxFen, byRate: [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp) };
}

/** Valid-until is a local date (YYYY-MM-DD, company zone) on or after the day the quotation is written. */
export function checkValidity(writtenOn: string, validUntil: string): { ok: true } | { ok: false; code: 'QUOTE_VALIDITY_INVALID' } {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(writtenOn) || !date.test(validUntil) || Number.isNaN(Date.parse(`${validUntil}T00:00:00Z`)) || validUntil < writtenOn) return { ok: false, code: 'QUOTE_VALIDITY_INVALID' };
  return { ok: true };
}

/** A quotation's validity has passed once the local date is after its valid-until day. */
export function isExpired(validUntil: string, today: string): boolean {
  return today > validUntil;
}

// ---------------------------------------------------------------- moves

/**
 * Who asks: the desk (an agent or assistant; `mayApprove` for a supervisor), the customer on the
 * self-service page after the phone check, or the clock. The module derives this from the
 * caller's permissions; the rule does not read roles.
 */
export type QuoteActor = { kind: 'staff'; userId: string; mayApprove: boolean } | { kind: 'customer' } | { kind: 'clock' };

/** What the module knows of the quotation when asked. */
export interface QuoteFacts {
  state: QuoteState;
  lineCount: number;
  /** the quote needs headquarters' price (向总部询报价): a supervisor approves before it is sent */
  needsHeadquartersPrice: boolean;
  /** who asked for approval (the supervisor who approves must be someone else) */
  approvalRequestedBy: string | null;
  validUntil: string;
  /** today in the company's zone (YYYY-MM-DD) */
  today: string;
}

/** How the customer's answer came: on the self-service page, or told to an agent on the phone. */
export type AnswerChannel = 'self_service' | 'phone';

export type QuoteMove = { kind: 'moved'; to: QuoteState } | { kind: 'refused'; code: QuoteRefusalCode; allowed: QuoteAction[] };

const MOVES: Record<QuoteState, Partial<Record<QuoteAction, QuoteState>>> = {
  draft: { request_approval: 'awaiting_approval', send: 'sent', cancel: 'cancelled' },
  awaiting_approval: { approve: 'approved', reject: 'draft', cancel: 'cancelled' },
  approved: { send: 'sent', revise: 'draft', cancel: 'cancelled' },
  sent: { confirm: 'confirmed', decline: 'declined', expire: 'expired', revise: 'draft', cancel: 'cancelled' },
  confirmed: { accept: 'accepted' },
  declined: {},
  expired: {},
  accepted: { invoice: 'invoiced' },
  invoiced: {},
  cancelled: {},
};

/** States in which the customer has given their answer to the quotation. */
const ANSWERED: readonly QuoteState[] = ['confirmed', 'declined', 'accepted', 'invoiced'];

/** The actions this state allows at all (the console shows these as buttons, then asks `moveQuote`). */
export function allowedQuoteActions(state: QuoteState): QuoteAction[] {
  return QUOTE_ACTIONS.filter((a) => MOVES[state][a] !== undefined);
}

/**
 * Decides one move. The order of the checks is the order a person would be told: who may, then
 * whether the state allows it, then the quotation's own facts (lines, approval, validity).
 */
export function moveQuote(facts: QuoteFacts, action: QuoteAction, actor: QuoteActor, channel?: AnswerChannel): QuoteMove {
  const allowed = allowedQuoteActions(facts.state);
  const refuse = (code: QuoteRefusalCode): QuoteMove => ({ kind: 'refused', code, allowed });

  // Who: the customer only answers (confirm, decline, accept) on their own page; the clock only expires.
  if (actor.kind === 'customer' && !(['confirm', 'decline', 'accept'] as QuoteAction[]).includes(action)) return refuse('QUOTE_ACTOR_FORBIDDEN');
  if (actor.kind === 'customer' && channel !== undefined && channel !== 'self_service') return refuse('QUOTE_ACTOR_FORBIDDEN');
  if (actor.kind === 'clock' && action !== 'expire') return refuse('QUOTE_ACTOR_FORBIDDEN');
  if (actor.kind === 'staff' && (action === 'confirm' || action === 'decline') && channel !== 'phone') return refuse('QUOTE_ACTOR_FORBIDDEN');
  if (actor.kind === 'staff' && action === 'expire') return refuse('QUOTE_ACTOR_FORBIDDEN');
  if (action === 'approve' || action === 'reject') {
    if (actor.kind !== 'staff' || !actor.mayApprove) return refuse('QUOTE_APPROVAL_FORBIDDEN');
    // 《企业内部控制基本规范》第二十九条: nobody approves what they asked for themselves.
    if (action === 'approve' && facts.approvalRequestedBy === actor.userId) return refuse('QUOTE_APPROVAL_FORBIDDEN');
  }

  // The invoice's own refusals read better than "not allowed here".
  if (action === 'invoice' && facts.state === 'invoiced') return refuse('INVOICE_ALREADY_ISSUED');
  if (action === 'invoice' && facts.state !== 'accepted') return refuse('INVOICE_BEFORE_ACCEPTANCE');
  const to = MOVES[facts.state][action];
  if (to === undefined) {
    // Confirming what has run out is its own refusal, whether the clock has marked it yet or not.
    if (action === 'confirm' && facts.state === 'expired') return refuse('QUOTE_EXPIRED');
    // A second answer (a double tap, or the phone and the page both) is told it was answered already.
    if ((action === 'confirm' || action === 'decline') && ANSWERED.includes(facts.state)) return refuse('QUOTE_ALREADY_ANSWERED');
    return refuse('QUOTE_TRANSITION_INVALID');
  }

  switch (action) {
    case 'request_approval':
      if (facts.lineCount === 0) return refuse('QUOTE_NO_LINES');
      break;
    case 'send':
      if (facts.lineCount === 0) return refuse('QUOTE_NO_LINES');
      if (facts.needsHeadquartersPrice && facts.state !== 'approved') return refuse('QUOTE_NEEDS_APPROVAL');
      if (isExpired(facts.validUntil, facts.today)) return refuse('QUOTE_EXPIRED');
      break;
    case 'confirm':
      if (isExpired(facts.validUntil, facts.today)) return refuse('QUOTE_EXPIRED');
      break;
    case 'expire':
      if (!isExpired(facts.validUntil, facts.today)) return refuse('QUOTE_TRANSITION_INVALID');
      break;
    default:
      break;
  }
  return { kind: 'moved', to };
}

// ---------------------------------------------------------------- acceptance and invoice

/** The customer's acceptance of the visit (验收确认): who signed, when, and what they said. */
export interface VisitAcceptance {
  acceptedAt: Date;
  /** the customer's name as signed, or the agent who took the acceptance on the phone */
  acceptedBy: string;
  channel: AnswerChannel | 'on_site';
  remarks: string | null;
}

/**
 * Checks the acceptance the desk records (验收确认) before `moveQuote(…, 'accept', …)` persists it:
 * who accepted is named, the remarks are bounded, and it is dated between the quote's confirmation
 * (the work is done after the customer agreed to its price) and now.
 */
export function checkAcceptance(confirmedAt: Date, acceptance: VisitAcceptance, now: Date): { ok: true } | { ok: false; code: 'ACCEPTANCE_INVALID'; field: 'acceptedBy' | 'acceptedAt' | 'remarks' | 'channel' } {
  const refuse = (field: 'acceptedBy' | 'acceptedAt' | 'remarks' | 'channel') => ({ ok: false as const, code: 'ACCEPTANCE_INVALID' as const, field });
  if (typeof acceptance.acceptedBy !== 'string' || acceptance.acceptedBy.trim() === '' || acceptance.acceptedBy.length > 50) return refuse('acceptedBy');
  const at = acceptance.acceptedAt.getTime();
  if (Number.isNaN(at) || at < confirmedAt.getTime() || at > now.getTime()) return refuse('acceptedAt');
  if (!['on_site', 'phone', 'self_service'].includes(acceptance.channel)) return refuse('channel');
  if (acceptance.remarks !== null && acceptance.remarks.length > 500) return refuse('remarks');
  return { ok: true };
}

export interface ServiceInvoice {
  /** the invoice number, e.g. FW202612-000042 (`serviceInvoiceNumber`) */
  number: string;
  quotationNo: string;
  notificationNo: string;
  issuedAt: Date;
  buyer: { name: string; taxId: string | null; address: string | null; phone: string | null };
  seller: { name: string; taxId: string | null };
  lines: QuoteLine[];
  totals: QuoteTotals;
  acceptance: VisitAcceptance;
}

export interface InvoiceRequest {
  quote: { number: string; notificationNo: string; state: QuoteState; lines: readonly QuoteLineInput[] };
  acceptance: VisitAcceptance | null;
  number: string;
  issuedAt: Date;
  buyer: ServiceInvoice['buyer'];
  seller: ServiceInvoice['seller'];
}

/**
 * Writes the service invoice of an accepted visit: the quotation's lines priced again by the same
 * rule (so the invoice and the quote cannot differ), its number, the acceptance it rests on.
 * Refuses a quotation whose visit is not accepted, and one already invoiced.
 */
export function issueServiceInvoice(request: InvoiceRequest): { ok: true; invoice: ServiceInvoice } | { ok: false; code: QuoteRefusalCode | LineRefusal['code'] } {
  if (request.quote.state === 'invoiced') return { ok: false, code: 'INVOICE_ALREADY_ISSUED' };
  if (request.quote.state !== 'accepted' || request.acceptance === null) return { ok: false, code: 'INVOICE_BEFORE_ACCEPTANCE' };
  const priced = priceLines(request.quote.lines);
  if (!priced.ok) return { ok: false, code: priced.code };
  return {
    ok: true,
    invoice: {
      number: request.number,
      quotationNo: request.quote.number,
      notificationNo: request.quote.notificationNo,
      issuedAt: request.issuedAt,
      buyer: request.buyer,
      seller: request.seller,
      lines: priced.lines,
      totals: priced.totals,
      acceptance: request.acceptance,
    },
  };
}

/** 'FW' + the local year and month + a six-digit sequence of that month: FW202612-000042. */
export function serviceInvoiceNumber(localDate: string, sequence: number): string {
  return `FW${localDate.slice(0, 4)}${localDate.slice(5, 7)}-${String(sequence).padStart(6, '0')}`;
}

/** 'BJ' + the same shape, for quotations (服务销售订单): BJ202612-000007. */
export function quotationNumber(localDate: string, sequence: number): string {
  return `BJ${localDate.slice(0, 4)}${localDate.slice(5, 7)}-${String(sequence).padStart(6, '0')}`;
}

/** 12345 → '123.45' (yuan with two decimals and thousands separators: '1,234.50'). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1300 → '13%'. */
export function ratePercent(rateBp: number): string {
  return `${rateBp % 100 === 0 ? rateBp / 100 : (rateBp / 100).toFixed(2)}%`;
}
