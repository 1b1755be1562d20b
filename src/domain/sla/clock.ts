/**
 * SLA clocks of a ticket (first response, resolution, callback, department reply) as a pure state
 * machine: running ⇄ paused → stopped, with the warning and the breach each recorded once. The
 * idea follows chatwoot's SLA evaluation (active → hit/missed, one event per miss); here the clock
 * job loads the state, calls evaluateClock with `now`, and persists what comes back.
 *
 * Time used is kept as minutes of the clock's basis (calendar or business, see calendar.ts), so a
 * pause while waiting for the customer costs nothing, even across a night, and a change of policy
 * can swap the target without losing the time already used.
 *
 * Invariant: at most one of runningSince, pausedAt, stoppedAt is set — running, paused or stopped.
 *
 * The due instant is the instant the target is used up: a clock still running then has breached;
 * an answer strictly before it meets the target.
 */

import { addClockMinutes, clockMinutesBetween, type BusinessCalendar, type ClockBasis } from './calendar.js';

export const CLOCK_KINDS = ['first_response', 'resolution', 'callback', 'department_reply'] as const;
/** A claim's clocks run on the same machine (domain/claims/clocks.ts): answer, payment, the statutory complaint ceiling. */
export const CLAIM_CLOCK_KINDS = ['answer', 'payment', 'complaint_ceiling'] as const;
/** A service notification's dates run on it too (domain/service-orders/clocks.ts): the required start and the expected end. */
export const SERVICE_ORDER_CLOCK_KINDS = ['required_start', 'expected_end'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number] | (typeof CLAIM_CLOCK_KINDS)[number] | (typeof SERVICE_ORDER_CLOCK_KINDS)[number];

export interface ClockState {
  kind: ClockKind;
  basis: ClockBasis;
  targetMinutes: number;
  startedAt: Date;
  /** clock minutes already used before the current running segment (pauses excluded) */
  usedMinutes: number;
  /** start of the current running segment; null while paused or stopped */
  runningSince: Date | null;
  pausedAt: Date | null;
  /** met or cancelled */
  stoppedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

export type ClockStatus = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';

const MINUTE_MS = 60_000;

export function startClock(kind: ClockKind, targetMinutes: number, basis: ClockBasis, at: Date): ClockState {
  if (![...CLOCK_KINDS, ...CLAIM_CLOCK_KINDS, ...SERVICE_ORDER_CLOCK_KINDS].includes(kind)) throw new RangeError(`unknown clock kind ${String(kind)}`);
  assertTarget(targetMinutes);
  return {
    kind,
    basis,
    targetMinutes,
    startedAt: at,
    usedMinutes: 0,
    runningSince: at,
    pausedAt: null,
    stoppedAt: null,
    warnedAt: null,
    breachedAt: null,
  };
}

/** Waiting for the customer (待客户回复): the time so far is banked. No-op unless running. */
export function pauseClock(c: ClockState, at: Date, cal: BusinessCalendar): ClockState {
  if (c.runningSince === null) return c;
  return { ...c, usedMinutes: usedMinutes(c, at, cal), runningSince: null, pausedAt: at };
}

/** The customer answered: a new running segment starts. No-op unless paused. */
export function resumeClock(c: ClockState, at: Date): ClockState {
  if (c.pausedAt === null || c.stoppedAt !== null) return c;
  // An out-of-order resume must not start before the pause and count the pause as used time.
  const since = at.getTime() < c.pausedAt.getTime() ? c.pausedAt : at;
  return { ...c, runningSince: since, pausedAt: null };
}

/** Met (answered, resolved) or the ticket was closed. A paused clock stops as it stands. No-op once stopped. */
export function stopClock(c: ClockState, at: Date, cal: BusinessCalendar): ClockState {
  if (c.stoppedAt !== null) return c;
  return { ...c, usedMinutes: usedMinutes(c, at, cal), runningSince: null, pausedAt: null, stoppedAt: at };
}

/**
 * The ticket was reopened (the customer is not satisfied): a stopped clock runs on from where it
 * stopped, with the minutes it had used — the customer's wait does not start over. No-op unless stopped.
 */
export function reopenClock(c: ClockState, at: Date): ClockState {
  if (c.stoppedAt === null) return c;
  return { ...c, stoppedAt: null, pausedAt: null, runningSince: at };
}

/**
 * A policy or priority change mid-ticket: the time used is kept and the new target applies from
 * here on. A warning or breach already recorded stays recorded (it was sent; it happened).
 */
export function retargetClock(c: ClockState, targetMinutes: number): ClockState {
  assertTarget(targetMinutes);
  return { ...c, targetMinutes };
}

/** Clock minutes used up to `now`: the banked minutes plus the running segment. */
export function usedMinutes(c: ClockState, now: Date, cal: BusinessCalendar): number {
  if (c.runningSince === null) return c.usedMinutes;
  return c.usedMinutes + clockMinutesBetween(c.runningSince, now, cal, c.basis);
}

/**
 * Projected due instant: when the running segment uses up the target. Null while paused or
 * stopped (a paused clock has no due time). If the target was already used up before this segment
 * began (a retarget below the time used), the clock has been due since the segment began.
 */
export function dueAt(c: ClockState, cal: BusinessCalendar): Date | null {
  return crossingInRunningSegment(c, targetMs(c), cal);
}

/**
 * The instant at which `warnRatio` of the target is used (e.g. 0.8: 48 of 60 minutes). Null while
 * paused or stopped, and once the warning is recorded (it is sent once).
 */
export function warnAt(c: ClockState, warnRatio: number, cal: BusinessCalendar): Date | null {
  if (c.warnedAt !== null) return null;
  return crossingInRunningSegment(c, warnThresholdMs(c, warnRatio), cal);
}

/**
 * What the SLA board shows. A stopped clock is met, or missed when a breach was recorded or the
 * target was used up when it stopped. A breach shows even while the clock is paused: waiting for
 * the customer does not undo being late.
 */
export function clockStatus(c: ClockState, now: Date, warnRatio: number, cal: BusinessCalendar): ClockStatus {
  const used = usedMs(c, now, cal);
  if (c.stoppedAt !== null) return c.breachedAt !== null || used >= targetMs(c) ? 'missed' : 'met';
  if (c.breachedAt !== null || used >= targetMs(c)) return 'breached';
  if (c.pausedAt !== null) return 'paused';
  if (c.warnedAt !== null || used >= warnThresholdMs(c, warnRatio)) return 'warning';
  return 'running';
}

/**
 * What a clock job must do now: record the warning once and the breach once, each stamped with the
 * instant it happened (warnAt / dueAt), not with `now` — a job that runs late still reports the
 * true time. Calling it again returns warned and breached false.
 *
 * When the crossing cannot be placed in the running segment, the stamp is the first instant the
 * state proves it: the start of the running segment if the threshold was already passed before it
 * (a retarget below the time used; a crossing before a pause that no job saw), or the pause / stop
 * instant for a paused or stopped clock. A late job and a retarget look the same in the state, so a
 * retarget below the time used in the running segment is stamped when the used time crossed the
 * new target.
 *
 * A stopped clock gets no warning (nothing is left to act on) but does get its breach, so a miss
 * is never lost. nextCheckAt is warnAt, else dueAt, else null; null while paused or stopped.
 */
export function evaluateClock(
  c: ClockState,
  now: Date,
  warnRatio: number,
  cal: BusinessCalendar,
): { clock: ClockState; warned: boolean; breached: boolean; nextCheckAt: Date | null } {
  const used = usedMs(c, now, cal);
  const thresholdWarn = warnThresholdMs(c, warnRatio);
  const thresholdBreach = targetMs(c);
  const notRunningSince = c.pausedAt ?? c.stoppedAt;
  let clock = c;
  let warned = false;
  let breached = false;

  if (clock.warnedAt === null && clock.stoppedAt === null && used >= thresholdWarn) {
    clock = { ...clock, warnedAt: crossingInRunningSegment(clock, thresholdWarn, cal) ?? notRunningSince ?? now };
    warned = true;
  }
  if (clock.breachedAt === null && used >= thresholdBreach) {
    clock = { ...clock, breachedAt: crossingInRunningSegment(clock, thresholdBreach, cal) ?? notRunningSince ?? now };
    breached = true;
  }

  let nextCheckAt: Date | null = null;
  if (clock.runningSince !== null) {
    if (clock.warnedAt === null) nextCheckAt = crossingInRunningSegment(clock, thresholdWarn, cal);
    else if (clock.breachedAt === null) nextCheckAt = crossingInRunningSegment(clock, thresholdBreach, cal);
  }
  return { clock, warned, breached, nextCheckAt };
}

/** When the running segment reaches `thresholdMs` of used time; its start if already reached. */
function crossingInRunningSegment(c: ClockState, thresholdMs: number, cal: BusinessCalendar): Date | null {
  if (c.runningSince === null) return null;
  const remaining = thresholdMs - bankedMs(c);
  if (remaining <= 0) return c.runningSince;
  return addClockMinutes(c.runningSince, remaining / MINUTE_MS, cal, c.basis);
}

function warnThresholdMs(c: ClockState, warnRatio: number): number {
  // SlaPolicy.warnRatio: 0.8 by default (company default; no seed gives a warning point).
  if (!(warnRatio > 0 && warnRatio < 1)) throw new RangeError(`warnRatio must be between 0 and 1, got ${warnRatio}`);
  return Math.round(c.targetMinutes * warnRatio * MINUTE_MS);
}

function targetMs(c: ClockState): number {
  return Math.round(c.targetMinutes * MINUTE_MS);
}

// Whole milliseconds, so comparisons are exact however the minutes were summed.
function bankedMs(c: ClockState): number {
  return Math.round(c.usedMinutes * MINUTE_MS);
}

function usedMs(c: ClockState, now: Date, cal: BusinessCalendar): number {
  return Math.round(usedMinutes(c, now, cal) * MINUTE_MS);
}

function assertTarget(targetMinutes: number): void {
  if (!Number.isFinite(targetMinutes) || targetMinutes <= 0) {
    throw new RangeError(`targetMinutes must be a positive number, got ${targetMinutes}`);
  }
}
