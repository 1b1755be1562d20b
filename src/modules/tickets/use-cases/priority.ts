import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { PRIORITIES, raisePriority, type Priority } from '../../../domain/sla/policy.js';
import { ticketFor, type TicketRow, type UserActor } from '../access.js';
import { retargetTicketClocks } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { lockTicket, touchTicket, updateTicket } from '../repository.js';
import { loadSettings, type Settings } from '../settings.js';
import { addEvent, who, type Author } from '../timeline.js';

/** A priority change: the clocks follow the new priority's targets (domain/sla/retarget.ts), keeping the time used. */
export async function retargetAll(trx: Transaction<DB>, row: TicketRow, priority: Priority, s: Settings): Promise<void> {
  await retargetTicketClocks(trx, row, priority, s.policy, s.calendar);
}

/**
 * Raises a ticket to at least `priority`, never lowering it (a lost or damaged parcel joining a
 * ticket opened for a delay): one timeline entry, the clocks follow the new priority's targets.
 */
export async function raisePriorityTo(
  trx: Transaction<DB>,
  ticketId: string,
  priority: Priority,
  actor: Author,
  reason: string,
  s: Settings,
  /** what the reason says, as data (presenter.ts SystemText): the exception that raised it */
  detail: { exceptionKind?: string } = {},
): Promise<boolean> {
  const row = await lockTicket(trx, ticketId);
  if (!row || PRIORITIES.indexOf(row.priority as Priority) >= PRIORITIES.indexOf(priority)) return false;
  await addEvent(trx, ticketId, actor, { kind: 'priority', from: row.priority, to: priority, body: reason, detail });
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
