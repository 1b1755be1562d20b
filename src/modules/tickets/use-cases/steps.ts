/**
 * Steps several ticket commands share, each inside the command's transaction on a ticket it has
 * locked (access.ts): taking a ticket nobody owns, moving its status, stopping the first-response
 * clock, reopening, settling the callback not made yet, checking a code.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { AppError } from '../../../domain/errors.js';
import { pauseClock, reopenClock, resumeClock, stopClock } from '../../../domain/sla/clock.js';
import { canMove, type TicketStatus } from '../../../domain/tickets/lifecycle.js';
import { normalizeWaybillNo } from '../../../domain/waybill.js';
import type { TicketRow, UserActor } from '../access.js';
import { changeClocks, clocksOf, refreshTicketDue } from '../clocks.js';
import { activeCodeExists, cancelPendingCallbacks, updateTicket } from '../repository.js';
import type { Settings } from '../settings.js';
import { addEvent, who, type Author } from '../timeline.js';

type Db = Parameters<typeof activeCodeExists>[0];

export function digitsOf(phone: string | undefined | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length ? digits : null;
}

export function waybillsOfInput(list: string[] | undefined): string[] {
  return [...new Set((list ?? []).map(normalizeWaybillNo))];
}

export async function assertCode(db: Db, code: string | null | undefined, kind: 'category' | 'cause'): Promise<void> {
  if (!code) return;
  if (!(await activeCodeExists(db, code, kind))) throw new AppError('TICKET_CODE_INVALID', { code });
}

/** 首问负责制: the first desk person who acts on a ticket nobody owns becomes its owner. */
export async function takeIfUnowned(trx: Transaction<DB>, row: TicketRow, actor: Pick<UserActor, 'id' | 'displayName' | 'departmentId'>): Promise<void> {
  if (row.owner_id) return;
  await updateTicket(trx, row.id, { owner_id: actor.id, team_id: row.team_id ?? actor.departmentId });
  await addEvent(trx, row.id, who(actor), { kind: 'take', to: actor.displayName });
  row.owner_id = actor.id;
}

/** A status move the lifecycle allows; waiting for the customer pauses the resolution clock. */
export async function setStatus(trx: Transaction<DB>, row: TicketRow, to: TicketStatus, actor: Author, s: Settings, now: Date): Promise<void> {
  const from = row.status as TicketStatus;
  if (from === to) return;
  if (!canMove(from, to)) throw new AppError('TICKET_TRANSITION_INVALID', { from });
  const clocks = await clocksOf(trx, row.id);
  const warn = s.policy.warnRatio;
  if (to === 'pending_customer') {
    await changeClocks(trx, clocks, ['resolution'], (c) => pauseClock(c, now, s.calendar), warn, s.calendar);
  } else if (from === 'pending_customer') {
    await changeClocks(trx, clocks, ['resolution'], (c) => resumeClock(c, now), warn, s.calendar);
  }
  await updateTicket(trx, row.id, { status: to });
  await addEvent(trx, row.id, actor, { kind: 'status', from, to });
  row.status = to;
}

export async function stopFirstResponse(trx: Transaction<DB>, row: TicketRow, s: Settings, now: Date): Promise<void> {
  if (row.first_response_at) return;
  await updateTicket(trx, row.id, { first_response_at: now });
  await changeClocks(trx, await clocksOf(trx, row.id), ['first_response'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
}

/**
 * The ticket's callback not made yet, if any, is settled as cancelled with the reason, on the
 * timeline: the resolution it was to confirm no longer stands (reopened), or the ticket ends
 * without it (closed with a reason, merged). It leaves the callbacks list.
 */
export async function cancelPendingCallback(trx: Transaction<DB>, ticketId: string, actor: Author, reason: string, now: Date, said: SaidBySystem = {}): Promise<void> {
  for (const callbackId of await cancelPendingCallbacks(trx, ticketId, actor.id, reason, now)) {
    await addEvent(trx, ticketId, actor, { kind: 'callback_cancelled', body: reason, detail: { callbackId, ...said } });
  }
}

/**
 * A reason the system words for a command when the person gave none (工单已关闭, 合并到 #12): its key
 * in the entry's detail, so the console says it in the reader's language (presenter.ts SystemText).
 */
export type SaidBySystem = { reasonKey?: 'ticketClosed' | 'callbackUnsatisfied' } | { reasonKey: 'mergedInto'; number: string };

export async function reopenRow(trx: Transaction<DB>, row: TicketRow, actor: Author, reason: string, s: Settings, now: Date, said: SaidBySystem = {}) {
  await setStatus(trx, row, 'open', actor, s, now);
  const clocks = await clocksOf(trx, row.id);
  // The resolution clock goes on from where it stopped: the customer's wait did not start over.
  await changeClocks(trx, clocks, ['resolution'], (c) => reopenClock(c, now), s.policy.warnRatio, s.calendar);
  await addEvent(trx, row.id, actor, { kind: 'reopened', body: reason, detail: { ...said } });
  // The resolution its callback was to confirm no longer stands; resolving again schedules a new one.
  await cancelPendingCallback(trx, row.id, actor, reason, now, said);
  await refreshTicketDue(trx, row.id);
}
