/**
 * The desk's steps on a quotation (docs/product.md §4 "Paid service"): ask a supervisor to approve
 * headquarters' price, approve or reject it (a supervisor, never the one who asked), send it to the
 * customer — which gives the customer's one link to the self-service page, shown once and stored
 * only as its digest — revise it back to a draft, cancel it, and record the customer's answer given
 * on the phone. The pure rule decides every move (domain/service-orders/quotation.ts); a refusal
 * changes nothing.
 */
import { inTransaction } from '../../../db/transaction.js';
import { allowedQuoteActions, moveQuote, type QuoteAction, type QuoteState } from '../../../domain/service-orders/quotation.js';
import { hashToken, newToken, type UserActor } from '../../tickets/service.js';
import { quoteActorOf, requirePermission } from '../access.js';
import { factsOf, loadQuotation, moved, quoteEvent, todayIn } from '../paid.js';
import { linesOf, updateQuotation } from '../quotation-repository.js';
import type { PaidServiceDeps } from './quotations.js';

export type DeskQuoteAction = Extract<QuoteAction, 'request_approval' | 'approve' | 'reject' | 'send' | 'revise' | 'cancel'>;

const author = (actor: UserActor) => ({ id: actor.id, name: actor.displayName });

/** The path of the customer's page for a link token (the console shows it once, to pass on). */
export const quotePagePath = (token: string) => `/quote/${token}`;

export async function moveQuotation(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string, input: { version: number; action: DeskQuoteAction; note?: string | undefined }) {
  requirePermission(actor, 'work');
  return inTransaction(deps.db, async (trx) => {
    const { n, q } = await loadQuotation(trx, actor, notificationId, quotationId, 'work', input.version);
    const lines = await linesOf(trx, [q.id]);
    const to = moved(moveQuote(factsOf(q, lines.length, todayIn(deps.timeZone)), input.action, quoteActorOf(actor)));
    const now = new Date();
    const token = input.action === 'send' ? newToken() : null;
    const version = await updateQuotation(trx, q.id, {
      state: to,
      ...(input.action === 'request_approval' && { approval_requested_by: actor.id, approval_requested_at: now, approved_by: null, approved_at: null }),
      ...(input.action === 'approve' && { approved_by: actor.id, approved_at: now }),
      ...(input.action === 'send' && { sent_by: actor.id, sent_at: now, link_token_hash: hashToken(token!) }),
      // a revised quotation is approved again if it needs headquarters' price, and its old link no longer works
      ...(input.action === 'revise' && { approved_by: null, approved_at: null, approval_requested_by: null, approval_requested_at: null, link_token_hash: null, sent_at: null, sent_by: null }),
      ...(input.action === 'cancel' && { link_token_hash: null }),
    });
    await quoteEvent(trx, author(actor), n, { kind: 'quote', documentNo: q.number, from: q.state, to, note: input.note ?? null });
    return { state: to, version, ...(token && { link: { token, path: quotePagePath(token) } }) };
  });
}

/** A fresh link to the customer's page for a sent or confirmed quotation (the old one stops working). */
export async function newQuoteLink(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string, input: { version: number }) {
  requirePermission(actor, 'work');
  return inTransaction(deps.db, async (trx) => {
    const { n, q } = await loadQuotation(trx, actor, notificationId, quotationId, 'work', input.version);
    if (q.state !== 'sent' && q.state !== 'confirmed') moved({ kind: 'refused', code: 'QUOTE_TRANSITION_INVALID', allowed: allowedQuoteActions(q.state as QuoteState) });
    const token = newToken();
    const version = await updateQuotation(trx, q.id, { link_token_hash: hashToken(token) });
    await quoteEvent(trx, author(actor), n, { kind: 'quote', documentNo: q.number, from: q.state, to: q.state, note: 'link' });
    return { state: q.state as QuoteState, version, link: { token, path: quotePagePath(token) } };
  });
}

/** The customer's answer told to an agent on the phone: confirmed (unless the quotation has expired) or declined, with who recorded it. */
export async function recordPhoneAnswer(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string, input: { version: number; answer: 'confirm' | 'decline'; note?: string | undefined }) {
  requirePermission(actor, 'work');
  return inTransaction(deps.db, async (trx) => {
    const { n, q } = await loadQuotation(trx, actor, notificationId, quotationId, 'work', input.version);
    const lines = await linesOf(trx, [q.id]);
    const to = moved(moveQuote(factsOf(q, lines.length, todayIn(deps.timeZone)), input.answer, quoteActorOf(actor), 'phone'));
    const version = await updateQuotation(trx, q.id, {
      state: to,
      answered_at: new Date(),
      answer_channel: 'phone',
      answered_by: actor.id,
      decline_reason: input.answer === 'decline' ? input.note?.trim() || '' : null,
    });
    await quoteEvent(trx, author(actor), n, { kind: 'quote', documentNo: q.number, from: q.state, to, note: input.note ?? null });
    return { state: to, version };
  });
}
