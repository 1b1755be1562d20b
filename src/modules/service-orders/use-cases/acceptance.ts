/**
 * The customer's acceptance of the visit (验收确认, docs/product.md §4 "Paid service"), recorded by
 * the desk or the field engineer: signed on site or told on the phone, with who accepted, when
 * (between the quotation's confirmation and now) and their remarks. Only an accepted visit is
 * invoiced. The customer may also accept on the self-service page (quote-self-service.ts).
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { checkAcceptance, moveQuote } from '../../../domain/service-orders/quotation.js';
import type { UserActor } from '../../tickets/service.js';
import { quoteActorOf, requirePermission } from '../access.js';
import { factsOf, loadQuotation, moved, quoteEvent, todayIn } from '../paid.js';
import { linesOf, updateQuotation } from '../quotation-repository.js';
import type { PaidServiceDeps } from './quotations.js';

export interface AcceptanceInput {
  version: number;
  channel: 'on_site' | 'phone';
  /** the customer's name as signed (on site) or as they gave it (phone) */
  acceptedBy: string;
  /** when they accepted; default now */
  acceptedAt?: string | undefined;
  remarks?: string | undefined;
}

export async function recordAcceptance(deps: PaidServiceDeps, actor: UserActor, notificationId: string, quotationId: string, input: AcceptanceInput) {
  requirePermission(actor, 'work');
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const { n, q } = await loadQuotation(trx, actor, notificationId, quotationId, 'work', input.version);
    const lines = await linesOf(trx, [q.id]);
    const to = moved(moveQuote(factsOf(q, lines.length, todayIn(deps.timeZone)), 'accept', quoteActorOf(actor)));
    const acceptance = { acceptedAt: input.acceptedAt ? new Date(input.acceptedAt) : now, acceptedBy: input.acceptedBy.trim(), channel: input.channel, remarks: input.remarks?.trim() || null };
    const check = checkAcceptance(q.answered_at ?? q.updated_at, acceptance, now);
    if (!check.ok) throw new AppError('ACCEPTANCE_INVALID', { field: check.field }, { field: check.field });
    const version = await updateQuotation(trx, q.id, {
      state: to,
      accepted_at: acceptance.acceptedAt,
      accepted_by_name: acceptance.acceptedBy,
      acceptance_channel: acceptance.channel,
      acceptance_remarks: acceptance.remarks,
      acceptance_recorded_by: actor.id,
    });
    await quoteEvent(trx, { id: actor.id, name: actor.displayName }, n, { kind: 'acceptance', documentNo: q.number, from: q.state, to, note: acceptance.remarks });
    return { state: to, version };
  });
}
