/**
 * Callback attempts (回访, docs/product.md §2 and §5): a customer who does not pick up at 9:05 is not
 * yet unreachable. 联系不上 keeps the callback pending and tries again in the next callback window
 * (the other half-day, on a working day); only the last try settles it as unreachable, and the
 * ticket then closes as it always did. Pure: the service loads the callback and asks here.
 */
import { type BusinessCalendar, nextCallbackWindow } from '../sla/calendar.js';

/**
 * Tries before a callback is settled as 联系不上 (unreachable) and its ticket closes: the third
 * unanswered call ends it. Company default: no seed (000–003) or docs/product.md states a number.
 */
export const CALLBACK_UNREACHABLE_ATTEMPTS_MAX = 3;

/** What an agent records after calling the customer back. */
export type CallbackAnswer = 'satisfied' | 'unsatisfied' | 'unreachable';

/**
 * `retry`: the callback stays pending, scheduled again at `nextAt`; `settle`: it is done with
 * `outcome`; `not_due`: refused, nothing is recorded — a 联系不上 after an unanswered call, before
 * the window it was moved to (`dueAt`). `attempt` is the number of this call (1 for the first).
 */
export type CallbackAttemptStep =
  | { kind: 'retry'; attempt: number; nextAt: Date }
  | { kind: 'settle'; attempt: number; outcome: CallbackAnswer }
  | { kind: 'not_due'; attempt: number; dueAt: Date };

/**
 * What one recorded call does to a callback not made yet. The customer answered (satisfied or
 * not): it is settled, at any time — the customer may call back. Nobody answered: tried again in
 * the next callback window after now (never in the window just tried, and an agent who calls
 * early does not push the retry past the next window); on the last attempt
 * (CALLBACK_UNREACHABLE_ATTEMPTS_MAX) it is settled as unreachable. One unanswered call per
 * window: after one, another 联系不上 before the time it was moved to is `not_due`, so three
 * missed calls in a quarter of an hour do not close the ticket. The first call may be made at any
 * time.
 *
 * `attemptsBefore`: calls already recorded on this callback (each one unanswered, or it would be
 * settled); `scheduledFor`: when it is planned now.
 */
export function callbackAttemptStep(
  call: { outcome: CallbackAnswer; attemptsBefore: number; scheduledFor: Date; now: Date },
  calendar: BusinessCalendar,
): CallbackAttemptStep {
  const attemptsBefore = Math.max(0, call.attemptsBefore);
  const attempt = attemptsBefore + 1;
  if (call.outcome !== 'unreachable') return { kind: 'settle', attempt, outcome: call.outcome };
  if (attemptsBefore > 0 && call.now.getTime() < call.scheduledFor.getTime()) {
    return { kind: 'not_due', attempt, dueAt: call.scheduledFor };
  }
  if (attempt >= CALLBACK_UNREACHABLE_ATTEMPTS_MAX) return { kind: 'settle', attempt, outcome: call.outcome };
  return { kind: 'retry', attempt, nextAt: nextCallbackWindow(call.now, calendar) };
}
