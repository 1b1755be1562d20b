/**
 * Callback attempts (回访, PRODUCT.md §2 and §5): a customer who does not pick up at 9:05 is not
 * yet unreachable. 联系不上 keeps the callback pending and tries again in the next callback window
 * (the other half-day, on a working day); only the last try settles it as unreachable, and the
 * ticket then closes as it always did. Pure: the service loads the callback and asks here.
 */
import { type BusinessCalendar, nextCallbackWindow } from '../sla/calendar.js';

/**
 * Tries before a callback is settled as 联系不上 (unreachable) and its ticket closes: the third
 * unanswered call ends it. Company default: no seed (000–003) or PRODUCT.md states a number.
 */
export const CALLBACK_UNREACHABLE_ATTEMPTS_MAX = 3;

/** What an agent records after calling the customer back. */
export type CallbackAnswer = 'satisfied' | 'unsatisfied' | 'unreachable';

/**
 * `retry`: the callback stays pending, scheduled again at `nextAt`; `settle`: it is done with
 * `outcome`. `attempt` is the number of this call (1 for the first).
 */
export type CallbackAttemptStep =
  | { kind: 'retry'; attempt: number; nextAt: Date }
  | { kind: 'settle'; attempt: number; outcome: CallbackAnswer };

/**
 * What one recorded call does to a callback not made yet. The customer answered (satisfied or
 * not): it is settled. Nobody answered: tried again in the next callback window after now, or
 * after the planned time when the agent called before it, so a retry always comes later than
 * the time it replaces and never in the window just tried; on the last attempt
 * (CALLBACK_UNREACHABLE_ATTEMPTS_MAX) it is settled as unreachable.
 *
 * `attemptsBefore`: calls already recorded on this callback (each one unanswered, or it would be
 * settled); `scheduledFor`: when it is planned now.
 */
export function callbackAttemptStep(
  call: { outcome: CallbackAnswer; attemptsBefore: number; scheduledFor: Date; now: Date },
  calendar: BusinessCalendar,
): CallbackAttemptStep {
  const attempt = Math.max(0, call.attemptsBefore) + 1;
  if (call.outcome !== 'unreachable' || attempt >= CALLBACK_UNREACHABLE_ATTEMPTS_MAX) {
    return { kind: 'settle', attempt, outcome: call.outcome };
  }
  const from = new Date(Math.max(call.now.getTime(), call.scheduledFor.getTime()));
  return { kind: 'retry', attempt, nextAt: nextCallbackWindow(from, calendar) };
}
