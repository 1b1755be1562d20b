/**
 * What a claim's move does to one of its clocks (docs/product.md §3, §7). claim-state.ts says, per
 * move, which clock runs, restarts, pauses or stops; this turns that into the clock's next state on
 * the SLA clock machine (domain/sla/clock.ts), with the targets of clocks.ts. Pure: the claims
 * module loads the clock (null when the claim never started it), asks here and saves the answer.
 *
 * - run: a clock not started yet starts; a paused one resumes with the time it had used (the
 *   customer's wait for our answer does not start over because we asked for a photo); a stopped one
 *   runs on from where it stopped (a dispute after the decision: the complaint ceiling keeps
 *   counting from filing); a running one is left alone.
 * - restart: starts afresh at the target (a dispute gives the supervisor a new answer clock).
 * - pause: banks the time used (asking the customer for more evidence); nothing to pause is nothing.
 * - stop: met or cancelled (decided, paid, withdrawn); a clock never started stays absent.
 */
import type { BusinessCalendar } from '../sla/calendar.js';
import { pauseClock, reopenClock, resumeClock, startClock, stopClock, type ClockState } from '../sla/clock.js';
import type { ClaimClock, ClockChange } from './claim-state.js';
import type { ClaimClockTarget, ClaimClockTargets } from './clocks.js';

/** The target of each claim clock by its kind as claim-state.ts names it. */
export function targetOf(targets: ClaimClockTargets, kind: ClaimClock): ClaimClockTarget {
  return kind === 'answer' ? targets.answer : kind === 'payment' ? targets.payment : targets.complaintCeiling;
}

/**
 * The clock after `change` at `at`. Returns `current` itself when nothing changes, so the caller
 * writes only what did, and null for a clock that was never started and still is not.
 */
export function changeClaimClock(
  current: ClockState | null,
  kind: ClaimClock,
  change: ClockChange,
  target: ClaimClockTarget,
  at: Date,
  calendar: BusinessCalendar,
): ClockState | null {
  const fresh = () => startClock(kind, target.minutes, target.basis, at);
  switch (change) {
    case 'restart':
      return fresh();
    case 'run':
      if (current === null) return fresh();
      if (current.stoppedAt !== null) return reopenClock(current, at);
      if (current.pausedAt !== null) return resumeClock(current, at);
      return current;
    case 'pause':
      return current === null ? null : pauseClock(current, at, calendar);
    case 'stop':
      return current === null ? null : stopClock(current, at, calendar);
  }
}
