/**
 * The customer's side of a paid service (docs/product.md §4 "Paid service"): the link the desk
 * passed on when it sent the quotation opens the self-service page; after the phone check (the last
 * four digits of the sold-to's, the ship-to's, one of their contacts' or the service contact's phone, wrong guesses counted
 * and locked as on every public page) the customer reads the quotation, confirms or declines it
 * once, and after the visit accepts it (验收确认). Every step goes on the notification's history as
 * the customer's. The customer sees the lines, totals and validity — never internal notes, who
 * approved, or staff names.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { checkAcceptance, isExpired, moveQuote, quoteTotals, type QuoteState } from '../../../domain/service-orders/quotation.js';
import { amountInWords } from '../../../domain/service-orders/amount-in-words.js';
import { localTime } from '../../../domain/notifications/templates.js';
import type { PhoneCheckGuard } from '../../public-tracking/phone-check-guard.js';
import { checkPhone } from '../../public-tracking/service.js';
import { hashToken } from '../../tickets/service.js';
import { CUSTOMER_AUTHOR, factsOf, quoteEvent, sellerOf, storedQuoteLines, todayIn } from '../paid.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { customerPhones, linesOf, quotationByLinkHash, quotationOf, updateQuotation, type QuotationRow } from '../quotation-repository.js';
import type { PaidServiceDeps } from './quotations.js';

const CUSTOMER = { kind: 'customer' } as const;

/** The quotation behind the link and its notification, after the phone check; an unknown link is "not found". */
async function verified(deps: PaidServiceDeps, guard: PhoneCheckGuard, token: string, phoneLast4: string, db = deps.db) {
  const q = await quotationByLinkHash(db, hashToken(token));
  const n = q ? await db.selectFrom('service_notifications').select(['id', 'number', 'short_text', 'sold_to_id', 'ship_to_id', 'service_address_id']).where('id', '=', q.notification_id).executeTakeFirst() : undefined;
  // one check, counted on the link (a quotation's), whether it exists or not: the count says nothing
  const phones = n ? await customerPhones(db, n) : [];
  const check = await checkPhone(guard, `quote:${hashToken(token).slice(0, 32)}`, phoneLast4, phones, new Date());
  if (check.lockedUntil) {
    const minute = 60_000;
    throw new AppError('PHONE_CHECK_LOCKED', { until: localTime(new Date(Math.ceil(check.lockedUntil.getTime() / minute) * minute), deps.timeZone).slice(11) });
  }
  if (!q || !n) throw new AppError('SERVICE_QUOTE_NOT_FOUND');
  if (!check.verified) throw new AppError('SERVICE_QUOTE_VERIFICATION_FAILED');
  return { q, n };
}

/** What the customer reads: the quotation's lines and totals, its validity, its state, and what they may do now. */
export async function publicQuotation(deps: PaidServiceDeps, guard: PhoneCheckGuard, token: string, input: { phoneLast4: string }) {
  const { q, n } = await verified(deps, guard, token, input.phoneLast4);
  return present(deps, q, n);
}

async function present(deps: PaidServiceDeps, q: QuotationRow, n: { number: string; short_text: string }) {
  const rows = await linesOf(deps.db, [q.id]);
  const lines = storedQuoteLines(rows);
  const totals = quoteTotals(lines);
  const today = todayIn(deps.timeZone);
  const facts = factsOf(q, rows.length, today);
  const { carrier } = await sellerOf(deps.db);
  return {
    number: q.number,
    notificationNo: n.number,
    subject: n.short_text,
    state: q.state as QuoteState,
    expired: q.state === 'expired' || (q.state === 'sent' && isExpired(q.valid_until, today)),
    validUntil: q.valid_until,
    lines: lines.map((l, i) => ({ position: i + 1, kind: l.kind, description: l.description, quantity: l.quantity, unit: l.unit, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, rateBp: l.rateBp, taxFen: l.taxFen })),
    totals: { netFen: totals.netFen, taxFen: totals.taxFen, grossFen: totals.grossFen, grossInWords: amountInWords(totals.grossFen) },
    answeredAt: q.answered_at?.toISOString() ?? null,
    acceptedAt: q.accepted_at?.toISOString() ?? null,
    canAnswer: moveQuote(facts, 'confirm', CUSTOMER, 'self_service').kind === 'moved',
    canAccept: moveQuote(facts, 'accept', CUSTOMER, 'self_service').kind === 'moved',
    hotline: carrier.hotline,
    timeZone: deps.timeZone,
  };
}

/** The link's notification, then its quotation, both locked in that order (the lock order); a link revised away meanwhile is "not found". */
async function lockedByLink(trx: Transaction<DB>, token: string) {
  const seen = await quotationByLinkHash(trx, hashToken(token));
  if (!seen) throw new AppError('SERVICE_QUOTE_NOT_FOUND');
  const n = await trx.selectFrom('service_notifications').select(['id', 'number', 'short_text']).where('id', '=', seen.notification_id).forUpdate().executeTakeFirstOrThrow();
  await quotationOf(trx, n.id, seen.id);
  // read again under the lock: the desk may have revised the quotation (its link then no longer works)
  const q = await quotationByLinkHash(trx, hashToken(token));
  if (!q) throw new AppError('SERVICE_QUOTE_NOT_FOUND');
  return { ...q, n };
}

function refuse(move: ReturnType<typeof moveQuote>): QuoteState {
  if (move.kind === 'refused') throw new AppError(move.code, { allowed: '—' });
  return move.to;
}

/** The customer confirms (before its last valid day) or declines the quotation, once. */
export async function answerQuotation(deps: PaidServiceDeps, guard: PhoneCheckGuard, token: string, input: { phoneLast4: string; answer: 'confirm' | 'decline'; reason?: string | undefined }) {
  await verified(deps, guard, token, input.phoneLast4);
  return inTransaction(deps.db, async (trx) => {
    const locked = await lockedByLink(trx, token);
    const n = locked.n;
    const rows = await linesOf(trx, [locked.id]);
    const to = refuse(moveQuote(factsOf(locked, rows.length, todayIn(deps.timeZone)), input.answer, CUSTOMER, 'self_service'));
    await updateQuotation(trx, locked.id, { state: to, answered_at: new Date(), answer_channel: 'self_service', answered_by: null, decline_reason: input.answer === 'decline' ? input.reason?.trim() || '' : null });
    await quoteEvent(trx, CUSTOMER_AUTHOR, n, { kind: 'quote', documentNo: locked.number, from: locked.state, to, note: input.reason ?? null });
    return { state: to };
  });
}

/** The customer accepts the visit on the page (验收确认), with their name and remarks. */
export async function acceptVisit(deps: PaidServiceDeps, guard: PhoneCheckGuard, token: string, input: { phoneLast4: string; name: string; remarks?: string | undefined }) {
  await verified(deps, guard, token, input.phoneLast4);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const locked = await lockedByLink(trx, token);
    const n = locked.n;
    const rows = await linesOf(trx, [locked.id]);
    const to = refuse(moveQuote(factsOf(locked, rows.length, todayIn(deps.timeZone)), 'accept', CUSTOMER, 'self_service'));
    const acceptance = { acceptedAt: now, acceptedBy: input.name.trim(), channel: 'self_service' as const, remarks: input.remarks?.trim() || null };
    const check = checkAcceptance(locked.answered_at ?? locked.updated_at, acceptance, now);
    if (!check.ok) throw new AppError('ACCEPTANCE_INVALID', { field: check.field }, { field: check.field });
    await updateQuotation(trx, locked.id, { state: to, accepted_at: now, accepted_by_name: acceptance.acceptedBy, acceptance_channel: 'self_service', acceptance_remarks: acceptance.remarks, acceptance_recorded_by: null });
    await quoteEvent(trx, CUSTOMER_AUTHOR, n, { kind: 'acceptance', documentNo: locked.number, from: locked.state, to, note: acceptance.remarks });
    return { state: to };
  });
}
