/**
 * A service notification's dates as clocks on the SLA clock machine (domain/sla/clock.ts;
 * docs/product.md §4): the required start (要求开始) — the visit must be under way by then — and the
 * expected end (预计结束) — the work done by then. Both are calendar clocks pinned to their date:
 * each counts from the notification's creation and is due at the date itself, so the SLA policy's
 * warning point (warnRatio of the span) warns before the date and the breach is the date passing.
 *
 * - The required-start clock runs while the notification waits in the planning queue (outstanding)
 *   and stops, met or missed, when work begins (in process: a user status set, put in process, or
 *   urgent from the start). A required start less than a minute after the creation (the default:
 *   now) promises no more than "as soon as possible" and has no clock.
 * - The expected-end clock runs until the notification is completed; reopening runs it again
 *   against the same date (the time it stood completed is not given back: the date is the promise).
 * - A changed date (IW52) is a new promise: the clock takes the new due instant, and when that lies
 *   ahead a warning or breach recorded against the old date no longer stands (the history keeps it).
 *
 * Pure: the module loads the clock row, calls `syncServiceClock`, and writes what comes back.
 */
import { stopClock, type ClockState } from '../sla/clock.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { SystemStatus } from './status-profile.js';

const MINUTE_MS = 60_000;

export const SERVICE_CLOCKS = ['required_start', 'expected_end'] as const;
export type ServiceClock = (typeof SERVICE_CLOCKS)[number];

export interface ServiceClockFacts {
  createdAt: Date;
  requiredStart: Date;
  expectedEnd: Date;
  systemStatus: SystemStatus;
}

/** What a clock should be now: due at its date, running or not; null when the notification promises nothing it could miss. */
export interface ServiceClockTarget {
  dueAt: Date;
  runs: boolean;
}

export function serviceClockTarget(kind: ServiceClock, f: ServiceClockFacts): ServiceClockTarget | null {
  const dueAt = kind === 'required_start' ? f.requiredStart : f.expectedEnd;
  // a date less than a minute after the creation (the default start: the instant it was typed) promises only "now"
  if (dueAt.getTime() - f.createdAt.getTime() < MINUTE_MS) return null;
  const runs = kind === 'required_start' ? f.systemStatus === 'outstanding' : f.systemStatus !== 'completed';
  return { dueAt, runs };
}

/**
 * The clock after the notification's facts changed at `at`: started (from the creation), stopped,
 * run again, or moved to a new date. Returns `before` itself when nothing changes, and null when
 * there is no clock and none is needed.
 */
export function syncServiceClock(kind: ServiceClock, before: ClockState | null, f: ServiceClockFacts, at: Date, cal: BusinessCalendar): ClockState | null {
  const target = serviceClockTarget(kind, f);
  if (target === null) {
    // the date no longer lies after the creation: nothing left to keep; a running clock stops as it stands
    return before && before.stoppedAt === null ? stopClock(before, at, cal) : before;
  }
  const targetMinutes = (target.dueAt.getTime() - f.createdAt.getTime()) / MINUTE_MS;
  if (before === null) {
    if (!target.runs) return null;
    return {
      kind,
      basis: 'calendar',
      targetMinutes,
      startedAt: f.createdAt,
      usedMinutes: 0,
      runningSince: f.createdAt,
      pausedAt: null,
      stoppedAt: null,
      warnedAt: null,
      breachedAt: null,
    };
  }
  let next: ClockState = before;
  if (target.runs && next.stoppedAt !== null) {
    // reopened: runs again from the creation, pinned to the same date
    next = { ...next, usedMinutes: 0, runningSince: next.startedAt, pausedAt: null, stoppedAt: null };
  } else if (!target.runs && next.stoppedAt === null) {
    next = stopClock(next, at, cal);
  }
  if (Math.abs(next.targetMinutes - targetMinutes) > 1e-6) {
    next = { ...next, targetMinutes };
    // a new date still ahead of a running clock is a new promise: what was recorded against the old one no longer stands
    // (a stopped clock keeps its outcome: moving the date afterwards does not make a late start timely)
    if (next.stoppedAt === null && target.dueAt.getTime() > at.getTime()) next = { ...next, warnedAt: null, breachedAt: null };
  }
  return next;
}
