import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { stopClock } from '../../../domain/sla/clock.js';
import { isOpen, type TicketStatus } from '../../../domain/tickets/lifecycle.js';
import { ticketsFor, type UserActor } from '../access.js';
import { changeClocks, clocksOf } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { copyWaybills, touchTicket, updateTicket } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { cancelPendingCallback } from './steps.js';

/**
 * Duplicates are merged: the duplicate closes, pointing at the ticket that carries on. Both are
 * locked in id order (access.ts `ticketsFor`), so opposite merges at once cannot deadlock.
 */
export async function merge(deps: TicketDeps, actor: UserActor, id: string, input: { intoTicketId: string; version: number }) {
  const s = await loadSettings(deps);
  const now = new Date();
  if (id === input.intoTicketId) throw new AppError('TICKET_MERGE_INVALID', { detail: 'same ticket' });
  return inTransaction(deps.db, async (trx) => {
    const [row, into] = await ticketsFor(trx, actor, [
      { id, action: 'merge', version: input.version },
      { id: input.intoTicketId, action: 'note' },
    ]);
    if (!isOpen(into.status as TicketStatus)) {
      throw new AppError('TICKET_MERGE_INVALID', { detail: `#${into.number} is ${into.status}` });
    }
    await copyWaybills(trx, row.id, into.id);
    await changeClocks(trx, await clocksOf(trx, id), ['first_response', 'resolution', 'department_reply'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
    await updateTicket(trx, id, { status: 'closed', merged_into_id: into.id, closed_at: now, close_reason: 'merged', due_at: null });
    await addEvent(trx, id, who(actor), { kind: 'merged', from: row.status, to: String(into.number), detail: { intoTicketId: into.id } });
    await cancelPendingCallback(trx, id, who(actor), `合并到 #${into.number}`, now, { reasonKey: 'mergedInto', number: String(into.number) });
    await addEvent(trx, into.id, who(actor), { kind: 'merged', from: String(row.number), body: row.description || row.subject, detail: { fromTicketId: row.id } });
    await touchTicket(trx, into.id);
    return { version: await touchTicket(trx, id) };
  });
}
