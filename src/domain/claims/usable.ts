/**
 * Proof that a claims policy works with the company calendar before either is stored, as
 * domain/sla/usable.ts does for the SLA policy: validation checks each number on its own; this
 * computes what a claim filed at `now` would get — its validity, its answer, payment and ceiling
 * clocks with their warnings — so a policy that cannot produce them is refused instead of breaking
 * every claim afterwards.
 */
import type { BusinessCalendar } from '../sla/calendar.js';
import { dueAt, startClock, warnAt } from '../sla/clock.js';
import { attempt } from '../sla/usable.js';
import { claimClockTargets, claimValidUntil, workingDayMinutes } from './clocks.js';
import type { ClaimsPolicy } from './policy.js';

/** What stops `policy` from producing a claim's validity and clocks under `calendar` from `now`; empty when it works. */
export function claimsPolicyProblems(policy: ClaimsPolicy, calendar: BusinessCalendar, now: Date, warnRatio = 0.8): string[] {
  const problems: string[] = [];
  if (workingDayMinutes(calendar) <= 0) problems.push('answerAfterEvidence: the calendar has no working hours to count a working day in');
  attempt(problems, 'validityMonths', () => [claimValidUntil(now, policy, calendar.timeZone)], now);
  if (problems.length > 0) return problems;
  const targets = claimClockTargets(policy, calendar);
  const labels = { answer: 'answerAfterEvidence', payment: 'payAfterApproval', complaintCeiling: 'complaintCeiling' } as const;
  for (const which of ['answer', 'payment', 'complaintCeiling'] as const) {
    const target = targets[which];
    attempt(problems, labels[which], () => {
      const clock = startClock('resolution', target.minutes, target.basis, now);
      return [dueAt(clock, calendar), warnAt(clock, warnRatio, calendar)];
    }, now);
  }
  return problems;
}
