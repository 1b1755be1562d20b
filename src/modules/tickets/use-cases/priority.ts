import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { retargetClock, type ClockKind } from '../../../domain/sla/clock.js';
import { PRIORITIES, raisePriority, targetsFor, type CustomerTier, type Priority, type TicketKind } from '../../../domain/sla/policy.js';
import { ticketFor, type TicketRow, type UserActor } from '../access.js';
import { changeClocks, clocksOf, refreshTicketDue } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { lockTicket, touchTicket, updateTicket } from '../repository.js';
import { loadSettings, type Settings } from '../settings.js';
import { addEvent, who, type Author } from '../timeline.js';

/** A priority change re-targets the running clocks, keeping the time used. */
export async function retargetAll(trx: Transaction<DB>, row: TicketRow, priority: Priority, s: Settings): Promise<void> {
  const targets = targetsFor(s.policy, row.kind as TicketKind, priority, row.customer_tier as CustomerTier);
  const byKind: Partial<Record<ClockKind, number>> = {
    first_response: targets.firstResponse?.minutes,
    resolution: targets.resolution?.minutes,
  };
  const clocks = await clocksOf(trx, row.id);
  for (const clock of clocks) {
    const minutes = byKind[clock.kind as ClockKind];
    if (minutes === undefined || minutes === clock.target_minutes || clock.stopped_at) continue;
    await changeClocks(trx, [clock], [clock.kind as ClockKind], (c) => retargetClock(c, minutes), s.policy.warnRatio, s.calendar);
  }
  await refreshTicketDue(trx, row.id);
}

/**
 * Raises a ticket to at least `priority`, never lowering it (a lost or damaged parcel joining a
 * ticket opened for a delay): one timeline entry, the clocks follow the new priority's targets.
 */
export async function raisePriorityTo(trx: Transaction<DB>, ticketId: string, priority: Priority, actor: Author, reason: string, s: Settings): Promise<boolean> {
  const row = await lockTicket(trx, ticketId);
  if (!row || PRIORITIES.indexOf(row.priority as Priority) >= PRIORITIES.indexOf(priority)) return false;
  await addEvent(trx, ticketId, actor, { kind: 'priority', from: row.priority, to: priority, body: reason });
  await updateTicket(trx, ticketId, { priority });
  await retargetAll(trx, row, priority, s);
  await touchTicket(trx, ticketId);
  return true;
}

/** Escalation: the priority goes up one step, the clocks follow the new priority's targets. */
export async function escalate(deps: TicketDeps, actor: UserActor, id: string, input: { reason: string; version: number }) {
  const s = await loadSettings(deps);
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'escalate', input.version);
    const to = raisePriority(row.priority as Priority);
    await addEvent(trx, id, who(actor), { kind: 'escalate', from: row.priority, to, body: input.reason });
    await updateTicket(trx, id, { priority: to });
    await retargetAll(trx, row, to, s);
    return { version: await touchTicket(trx, id) };
  });
}
