import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { localTime } from '../../../domain/notifications/templates.js';
import { CALLBACK_UNREACHABLE_ATTEMPTS_MAX, callbackAttemptStep, type CallbackAnswer } from '../../../domain/tickets/callback-attempts.js';
import { callbackOutcomeRefusal, type CallbackOutcome, type TicketStatus } from '../../../domain/tickets/lifecycle.js';
import { callbackFor, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { touchTicket, updateCallback } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { reopenRow, setStatus } from './steps.js';

/**
 * The callback's outcome: a satisfied customer closes the ticket, an unsatisfied one reopens it.
 * Recorded by the callback's assignee, the ticket's owner or a supervisor (access.ts `callbackFor`).
 * 联系不上 (unreachable) is one unanswered call, not yet an outcome: the callback stays pending,
 * the attempt is counted and put on the timeline, and the call is planned again in the next
 * callback window (domain/tickets/callback-attempts.ts); the last attempt settles it as
 * unreachable and closes the ticket. Only a callback not made yet, of a ticket still resolved,
 * takes an outcome: one that was cancelled (its ticket reopened or closed) or whose ticket is no
 * longer resolved is refused and nothing changes, so a 不满意 is never recorded without reopening
 * the ticket. Another 联系不上 before the window an unanswered call moved it to is refused
 * (CALLBACK_RETRY_NOT_DUE). `nextAttemptAt`: when the customer is to be called again, null once
 * settled; `outcome`: what it was settled as (unsatisfied reopens the ticket, the others close
 * it), null while it stays pending.
 */
export async function completeCallback(
  deps: TicketDeps,
  actor: UserActor,
  callbackId: string,
  input: { outcome: CallbackAnswer; note?: string | undefined },
): Promise<{ ticketId: string; attempts: number; nextAttemptAt: string | null; outcome: CallbackAnswer | null }> {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const { ticket: row, callback } = await callbackFor(trx, actor, callbackId);
    const refusal = callbackOutcomeRefusal({ done: callback.done_at !== null, outcome: callback.outcome as CallbackOutcome | null }, row.status as TicketStatus);
    if (refusal === 'done') throw new AppError('CALLBACK_DONE');
    if (refusal === 'cancelled') throw new AppError('CALLBACK_CANCELLED');
    if (refusal === 'ticket_not_resolved') throw new AppError('CALLBACK_TICKET_NOT_RESOLVED', { status: row.status });
    const step = callbackAttemptStep({ outcome: input.outcome, attemptsBefore: callback.attempts, scheduledFor: callback.scheduled_for, now }, s.calendar);
    if (step.kind === 'not_due') throw new AppError('CALLBACK_RETRY_NOT_DUE', { time: localTime(step.dueAt, s.calendar.timeZone) });
    const note = input.note ?? null;
    const attempt = { attempts: step.attempt, last_attempt_at: now, last_attempt_by: actor.id, last_attempt_note: note };
    if (step.kind === 'retry') {
      await updateCallback(trx, callbackId, { ...attempt, scheduled_for: step.nextAt });
      await addEvent(trx, row.id, who(actor), {
        kind: 'callback_attempt',
        to: step.nextAt.toISOString(),
        body: note,
        detail: { callbackId, attempt: step.attempt, outcome: input.outcome, maxAttempts: CALLBACK_UNREACHABLE_ATTEMPTS_MAX },
      });
      await touchTicket(trx, row.id);
      return { ticketId: row.id, attempts: step.attempt, nextAttemptAt: step.nextAt.toISOString(), outcome: null };
    }
    await updateCallback(trx, callbackId, { ...attempt, outcome: step.outcome, note, done_at: now, done_by: actor.id });
    await addEvent(trx, row.id, who(actor), { kind: 'callback_done', to: step.outcome, body: note, detail: { callbackId, attempt: step.attempt } });
    if (step.outcome === 'unsatisfied') {
      await reopenRow(trx, row, who(actor), input.note ?? '回访不满意', s, now, input.note ? {} : { reasonKey: 'callbackUnsatisfied' });
      await touchTicket(trx, row.id, { resolved_at: null });
    } else {
      await setStatus(trx, row, 'closed', who(actor), s, now);
      await touchTicket(trx, row.id, { closed_at: now });
    }
    return { ticketId: row.id, attempts: step.attempt, nextAttemptAt: null, outcome: step.outcome };
  });
}
