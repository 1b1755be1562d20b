import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../sla/calendar.js';
import { clockStatus, dueAt, evaluateClock, startClock, type ClockState } from '../sla/clock.js';
import type { ClaimClock, ClockChange } from './claim-state.js';
import { changeClaimClock, targetOf } from './clock-changes.js';
import { claimClockTargets } from './clocks.js';
import { DEFAULT_CLAIMS_POLICY } from './policy.js';

const cal = DEFAULT_BUSINESS_CALENDAR;
const targets = claimClockTargets(DEFAULT_CLAIMS_POLICY, cal);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Tuesday 2026-12-08 10:00 Asia/Shanghai (a working day), and the days after it.
const t0 = new Date('2026-12-08T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

const running = (kind: ClaimClock) => startClock(kind, targetOf(targets, kind).minutes, targetOf(targets, kind).basis, at(-2 * HOUR));
const paused = (kind: ClaimClock): ClockState => ({ ...running(kind), runningSince: null, pausedAt: at(-HOUR), usedMinutes: 60 });
const stopped = (kind: ClaimClock): ClockState => ({ ...running(kind), runningSince: null, stoppedAt: at(-HOUR), usedMinutes: 60 });

type Shape = 'absent' | 'running' | 'paused' | 'stopped';
const shapeOf = (c: ClockState | null): Shape => (c === null ? 'absent' : c.stoppedAt ? 'stopped' : c.pausedAt ? 'paused' : 'running');
const make: Record<Shape, (kind: ClaimClock) => ClockState | null> = { absent: () => null, running, paused, stopped };

describe('changeClaimClock: each change from each shape of clock', () => {
  // [from, change, to, used minutes after (null: no clock), same object?]
  const table: [Shape, ClockChange, Shape, number | null, boolean][] = [
    ['absent', 'run', 'running', 0, false],
    ['absent', 'restart', 'running', 0, false],
    ['absent', 'pause', 'absent', null, true],
    ['absent', 'stop', 'absent', null, true],
    ['running', 'run', 'running', 0, true],
    ['running', 'restart', 'running', 0, false],
    ['running', 'pause', 'paused', 120, false],
    ['running', 'stop', 'stopped', 120, false],
    ['paused', 'run', 'running', 60, false],
    ['paused', 'restart', 'running', 0, false],
    ['paused', 'pause', 'paused', 60, true],
    ['paused', 'stop', 'stopped', 60, false],
    ['stopped', 'run', 'running', 60, false],
    ['stopped', 'restart', 'running', 0, false],
    ['stopped', 'pause', 'stopped', 60, true],
    ['stopped', 'stop', 'stopped', 60, true],
  ];
  it.each(table)('%s, %s → %s (used %s min)', (from, change, to, used, same) => {
    // calendar basis: the payment clock, so 2 hours running are 120 minutes whatever the hour
    const before = make[from]('payment');
    const after = changeClaimClock(before, 'payment', change, targets.payment, t0, cal);
    expect(shapeOf(after)).toBe(to);
    expect(after?.usedMinutes ?? null).toBe(used);
    expect(after === before).toBe(same);
    if (after && to === 'running' && from !== 'running') expect(after.runningSince).toEqual(t0);
  });
});

describe('the claim clocks in time (docs/product.md §7)', () => {
  it('the answer: 1 working day of 9 hours from complete evidence; a Friday 17:00 completion is due Monday 17:00', () => {
    const friday = new Date('2026-12-11T09:00:00Z'); // 17:00 local
    const clock = changeClaimClock(null, 'answer', 'run', targets.answer, friday, cal)!;
    expect(clock.basis).toBe('business');
    expect(clock.targetMinutes).toBe(540);
    expect(dueAt(clock, cal)).toEqual(new Date('2026-12-14T09:00:00Z'));
  });

  it('the payment: 7 calendar days from approval; the complaint ceiling: 7 calendar days from filing', () => {
    expect(dueAt(changeClaimClock(null, 'payment', 'run', targets.payment, t0, cal)!, cal)).toEqual(at(7 * DAY));
    expect(dueAt(changeClaimClock(null, 'complaint_ceiling', 'run', targets.complaintCeiling, t0, cal)!, cal)).toEqual(at(7 * DAY));
  });

  it('a pause while the customer is asked for evidence does not count: the ceiling is due 7 days of our time after filing', () => {
    const filed = changeClaimClock(null, 'complaint_ceiling', 'run', targets.complaintCeiling, t0, cal)!;
    const asked = changeClaimClock(filed, 'complaint_ceiling', 'pause', targets.complaintCeiling, at(DAY), cal)!;
    // ten days later the paused clock has neither warned nor breached, and is not due
    const waiting = evaluateClock(asked, at(11 * DAY), 0.8, cal);
    expect([waiting.warned, waiting.breached, waiting.nextCheckAt]).toEqual([false, false, null]);
    expect(clockStatus(asked, at(11 * DAY), 0.8, cal)).toBe('paused');
    const resumed = changeClaimClock(asked, 'complaint_ceiling', 'run', targets.complaintCeiling, at(11 * DAY), cal)!;
    expect(dueAt(resumed, cal)).toEqual(at(17 * DAY));
    const late = evaluateClock(resumed, at(17 * DAY + 1), 0.8, cal);
    expect(late.breached).toBe(true);
    expect(late.clock.breachedAt).toEqual(at(17 * DAY));
  });

  it('stopped in time is met; a dispute restarts the answer afresh and runs the ceiling on from where it stopped', () => {
    const answer = changeClaimClock(null, 'answer', 'run', targets.answer, t0, cal)!;
    const decided = changeClaimClock(answer, 'answer', 'stop', targets.answer, at(2 * HOUR), cal)!;
    expect(clockStatus(decided, at(30 * DAY), 0.8, cal)).toBe('met');
    const disputed = changeClaimClock(decided, 'answer', 'restart', targets.answer, at(3 * DAY), cal)!;
    expect([disputed.usedMinutes, disputed.startedAt]).toEqual([0, at(3 * DAY)]);

    const ceiling = changeClaimClock(null, 'complaint_ceiling', 'run', targets.complaintCeiling, t0, cal)!;
    const told = changeClaimClock(ceiling, 'complaint_ceiling', 'stop', targets.complaintCeiling, at(2 * DAY), cal)!;
    const reopened = changeClaimClock(told, 'complaint_ceiling', 'run', targets.complaintCeiling, at(3 * DAY), cal)!;
    expect(dueAt(reopened, cal)).toEqual(at(8 * DAY));
  });
});
