/**
 * Proof that an SLA policy works with the company calendar before either is stored (issue 14,
 * defect 4: an SLA target of 1e10 minutes was saved, then every ticket creation failed with 500).
 * Validation checks each number on its own; this computes what a ticket opened at `now` would get —
 * every target's clock with its warning and due instants, and the callback slot after a resolution
 * now — so a policy or calendar that cannot produce a clock is refused instead of breaking the
 * product afterwards.
 */
import { addClockMinutes, nextCallbackSlot, type BusinessCalendar } from './calendar.js';
import { dueAt, startClock, warnAt } from './clock.js';
import type { SlaPolicy, SlaTarget } from './policy.js';

/** Every instant a clock computes must be a real instant after its start and within this reach. */
const LATEST_MS = Date.UTC(9999, 11, 31);

/** What stops `policy` from producing clocks under `calendar` from `now`; empty when it works. */
export function slaPolicyProblems(policy: SlaPolicy, calendar: BusinessCalendar, now: Date): string[] {
  const problems: string[] = [];
  const targets: [string, SlaTarget | null][] = [
    ...policy.rules.flatMap((rule, index): [string, SlaTarget | null][] => [
      [`rules[${index}].firstResponse`, rule.firstResponse],
      [`rules[${index}].resolution`, rule.resolution],
    ]),
    ['departmentReply', policy.departmentReply],
  ];
  for (const [label, target] of targets) {
    if (target === null) continue;
    attempt(problems, label, () => {
      const clock = startClock('resolution', target.minutes, target.basis, now);
      return [dueAt(clock, calendar), warnAt(clock, policy.warnRatio, calendar)];
    }, now);
  }
  attempt(problems, 'callbackAfterResolutionMinutes', () => {
    const earliest = addClockMinutes(now, policy.callbackAfterResolutionMinutes, calendar, 'calendar');
    return [earliest, nextCallbackSlot(earliest, calendar)];
  }, now);
  return problems;
}

/** What stops `calendar` from counting business time and finding callback slots from `now`. */
export function calendarProblems(calendar: BusinessCalendar, now: Date): string[] {
  const problems: string[] = [];
  attempt(problems, 'workingHours', () => [addClockMinutes(now, 60, calendar, 'business')], now);
  attempt(problems, 'callbackHours', () => [nextCallbackSlot(now, calendar)], now);
  return problems;
}

/** Adds a problem under `label` when `compute` throws or gives an instant before `now` or past year 9999. */
export function attempt(problems: string[], label: string, compute: () => (Date | null)[], now: Date): void {
  try {
    for (const instant of compute()) {
      if (instant === null) continue;
      const ms = instant.getTime();
      if (!Number.isFinite(ms) || ms < now.getTime() || ms > LATEST_MS) {
        problems.push(`${label}: no usable time can be computed from it (${Number.isFinite(ms) ? instant.toISOString() : 'no instant'})`);
        return;
      }
    }
  } catch (error) {
    problems.push(`${label}: no usable time can be computed from it (${error instanceof Error ? error.message : String(error)})`);
  }
}
