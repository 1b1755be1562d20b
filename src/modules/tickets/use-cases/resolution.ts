/**
 * The end of a ticket's work: resolve (with the answer to the customer, and a callback for a
 * complaint), close (a complaint with its callback's outcome or a reason), reopen.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { type BusinessCalendar, nextCallbackSlot } from '../../../domain/sla/calendar.js';
import { stopClock } from '../../../domain/sla/clock.js';
import type { SlaPolicy } from '../../../domain/sla/policy.js';
import { mayCloseWithoutReason, resolveNeedsCause, type CallbackOutcome } from '../../../domain/tickets/lifecycle.js';
import { ticketFor, type TicketRow, type UserActor } from '../access.js';
import { changeClocks, clocksOf, refreshTicketDue } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { guardOutgoing, phraseGuardOf } from '../phrase-guard.js';
import { hasPendingCallback, insertCallback, latestCallback, publicReplySinceReopened, touchTicket } from '../repository.js';
import { loadSettings, type Settings } from '../settings.js';
import { addEvent, SYSTEM, who } from '../timeline.js';
import { assertCode, cancelPendingCallback, reopenRow, setStatus, stopFirstResponse, takeIfUnowned } from './steps.js';

/**
 * Resolve: the answer goes to the customer (guarded), every clock stops, and a complaint gets its
 * callback (回访) scheduled inside callback hours (客服用语规范: 9:00–12:00, 15:00–18:00). The customer
 * must have been told the outcome (docs/product.md §2: every contact records what was answered): either
 * the answer comes with the resolve, or a public reply since the ticket was last reopened gave it.
 * An internal note or a department's reply is not an answer to the customer.
 */
export async function resolve(
  deps: TicketDeps,
  actor: UserActor,
  id: string,
  input: { reply?: string | undefined; causeCode?: string | undefined; version: number; acknowledgeWarnings?: boolean | undefined },
) {
  const [s, guard] = await Promise.all([loadSettings(deps), phraseGuardOf(deps)]);
  const now = new Date();
  const result = await inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'resolve', input.version);
    // A reopened ticket was reopened because the earlier answer did not settle it.
    if (!input.reply && !(await publicReplySinceReopened(trx, id))) throw new AppError('TICKET_RESOLVE_NEEDS_ANSWER');
    if (resolveNeedsCause(row.kind, Boolean(input.causeCode), row.cause_code !== null)) throw new AppError('TICKET_RESOLVE_NEEDS_CAUSE');
    await assertCode(trx, input.causeCode, 'cause');
    const verdict = input.reply ? await guardOutgoing(trx, guard, actor, id, input.reply, input.acknowledgeWarnings ?? false) : null;
    if (verdict?.refused) return { refused: verdict.refused };
    await takeIfUnowned(trx, row, actor);
    if (input.reply) {
      await addEvent(trx, id, who(actor), { kind: 'reply', visibility: 'public', body: input.reply });
      await stopFirstResponse(trx, row, s, now);
    }
    await setStatus(trx, row, 'resolved', who(actor), s, now);
    const clocks = await clocksOf(trx, id);
    await changeClocks(trx, clocks, ['first_response', 'resolution', 'department_reply'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
    await addEvent(trx, id, who(actor), { kind: 'resolved', visibility: 'public', detail: input.causeCode ? { causeCode: input.causeCode } : {} });
    if (row.kind === 'complaint') await scheduleCallback(trx, row, actor.id, s, now);
    await refreshTicketDue(trx, id);
    return {
      version: await touchTicket(trx, id, { resolved_at: now, ...(input.causeCode ? { cause_code: input.causeCode } : {}) }),
    };
  });
  if ('refused' in result) throw result.refused;
  return result;
}

async function scheduleCallback(trx: Transaction<DB>, row: TicketRow, assigneeId: string | null, s: Settings, now: Date): Promise<void> {
  if (await hasPendingCallback(trx, row.id)) return;
  const at = callbackTime(now, s.policy, s.calendar);
  await insertCallback(trx, { ticketId: row.id, scheduledFor: at, assigneeId: assigneeId ?? row.owner_id });
  await addEvent(trx, row.id, SYSTEM, { kind: 'callback_scheduled', to: at.toISOString() });
}

export function callbackTime(now: Date, policy: SlaPolicy, calendar: BusinessCalendar): Date {
  return nextCallbackSlot(new Date(now.getTime() + policy.callbackAfterResolutionMinutes * 60_000), calendar);
}

/**
 * Closing a complaint needs the callback's outcome or a reason why there is none (issue 4 §11):
 * the outcome of its latest callback, the one for the resolution that stands. Closing with a
 * reason settles the callback not made yet, so nobody calls about a closed ticket.
 */
export async function closeTicket(deps: TicketDeps, actor: UserActor, id: string, input: { reason?: string | undefined; version: number }) {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'close', input.version);
    if (!input.reason) {
      const latest = await latestCallback(trx, id);
      const facts = latest && { done: latest.done_at !== null, outcome: latest.outcome as CallbackOutcome | null };
      if (!mayCloseWithoutReason(row.kind, facts)) throw new AppError('TICKET_CLOSE_NEEDS_CALLBACK');
    }
    await setStatus(trx, row, 'closed', who(actor), s, now);
    if (input.reason) await addEvent(trx, id, who(actor), { kind: 'closed', body: input.reason });
    await cancelPendingCallback(trx, id, who(actor), input.reason ?? '工单已关闭', now, input.reason ? {} : { reasonKey: 'ticketClosed' });
    return { version: await touchTicket(trx, id, { closed_at: now, close_reason: input.reason ?? null }) };
  });
}

export async function reopen(deps: TicketDeps, actor: UserActor, id: string, input: { reason: string; version: number }) {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'note', input.version);
    if (row.status !== 'resolved') throw new AppError('TICKET_TRANSITION_INVALID', { from: row.status });
    await reopenRow(trx, row, who(actor), input.reason, s, now);
    return { version: await touchTicket(trx, id, { resolved_at: null }) };
  });
}
