import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from './calendar.js';
import {
  clockStatus,
  dueAt,
  evaluateClock,
  pauseClock,
  reopenClock,
  resumeClock,
  retargetClock,
  startClock,
  stopClock,
  usedMinutes,
  warnAt,
  type ClockState,
} from './clock.js';

const cal = DEFAULT_BUSINESS_CALENDAR;
/** A Shanghai wall time ('2026-03-03 17:30') as an instant; a bare 'HH:MM' is Tuesday 2026-03-03. */
const sh = (local: string) => new Date(`${local.includes(' ') ? local.replace(' ', 'T') : `2026-03-03T${local}`}:00+08:00`);
const WARN = 0.8;

// docs/product.md §7: complaint first response 1 hour (calendar time).
const complaintFirstResponse = () => startClock('first_response', 60, 'calendar', sh('10:00'));
// A department reply counted in working hours, started late in the afternoon.
const departmentReply = () => startClock('department_reply', 60, 'business', sh('17:30'));

type Step = (c: ClockState) => ClockState;
const pause = (at: string): Step => (c) => pauseClock(c, sh(at), cal);
const resume = (at: string): Step => (c) => resumeClock(c, sh(at));
const stop = (at: string): Step => (c) => stopClock(c, sh(at), cal);
const retarget = (minutes: number): Step => (c) => retargetClock(c, minutes);
const evaluate = (at: string): Step => (c) => evaluateClock(c, sh(at), WARN, cal).clock;
const run = (c: ClockState, steps: Step[]) => steps.reduce((clock, step) => step(clock), c);

describe('startClock', () => {
  it('starts running with nothing used', () => {
    expect(complaintFirstResponse()).toEqual({
      kind: 'first_response',
      basis: 'calendar',
      targetMinutes: 60,
      startedAt: sh('10:00'),
      usedMinutes: 0,
      runningSince: sh('10:00'),
      pausedAt: null,
      stoppedAt: null,
      warnedAt: null,
      breachedAt: null,
    });
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a target of %s minutes', (minutes) => {
    expect(() => startClock('resolution', minutes, 'calendar', sh('10:00'))).toThrow(RangeError);
    expect(() => retargetClock(complaintFirstResponse(), minutes)).toThrow(RangeError);
  });

  it('refuses an unknown kind', () => {
    expect(() => startClock('coffee' as 'resolution', 60, 'calendar', sh('10:00'))).toThrow(RangeError);
  });
});

describe('used time, due and warning instants', () => {
  it.each<{ case: string; clock: ClockState; steps: Step[]; now: string; used: number; due: string | null; warn: string | null }>([
    { case: 'calendar clock, plain', clock: complaintFirstResponse(), steps: [], now: '10:30', used: 30, due: '11:00', warn: '10:48' },
    { case: 'before it starts nothing is used', clock: complaintFirstResponse(), steps: [], now: '09:00', used: 0, due: '11:00', warn: '10:48' },
    {
      case: 'business clock overnight: 17:30 + 60 → next day 09:30',
      clock: departmentReply(),
      steps: [],
      now: '2026-03-04 09:30',
      used: 60,
      due: '2026-03-04 09:30',
      warn: '2026-03-04 09:18',
    },
    {
      case: 'paused time is not counted',
      clock: complaintFirstResponse(),
      steps: [pause('10:20'), resume('10:50')],
      now: '11:00',
      used: 30,
      due: '11:30',
      warn: '11:18',
    },
    {
      case: 'a calendar clock paused over the night does not count the night',
      clock: startClock('resolution', 120, 'calendar', sh('2026-03-03 20:00')),
      steps: [pause('2026-03-03 20:30'), resume('2026-03-04 08:00')],
      now: '2026-03-04 08:15',
      used: 45,
      due: '2026-03-04 09:30',
      warn: '2026-03-04 09:06',
    },
    {
      case: 'a business clock paused and resumed the next afternoon',
      clock: startClock('resolution', 120, 'business', sh('2026-03-03 10:00')),
      steps: [pause('2026-03-03 10:30'), resume('2026-03-04 16:00')],
      now: '2026-03-04 16:45',
      used: 75,
      due: '2026-03-04 17:30',
      warn: '2026-03-04 17:06',
    },
    { case: 'paused: no due, no warning instant', clock: complaintFirstResponse(), steps: [pause('10:20')], now: '12:00', used: 20, due: null, warn: null },
    { case: 'a second pause is a no-op', clock: complaintFirstResponse(), steps: [pause('10:20'), pause('10:40')], now: '12:00', used: 20, due: null, warn: null },
    { case: 'resume while running is a no-op', clock: complaintFirstResponse(), steps: [resume('10:30')], now: '10:40', used: 40, due: '11:00', warn: '10:48' },
    { case: 'stopped: used time frozen', clock: complaintFirstResponse(), steps: [stop('10:25')], now: '12:00', used: 25, due: null, warn: null },
    { case: 'stopped while paused keeps the paused time', clock: complaintFirstResponse(), steps: [pause('10:20'), stop('11:30')], now: '12:00', used: 20, due: null, warn: null },
    { case: 'resume after stop is a no-op', clock: complaintFirstResponse(), steps: [pause('10:20'), stop('10:30'), resume('10:40')], now: '12:00', used: 20, due: null, warn: null },
    {
      case: 'an out-of-order resume does not count the pause',
      clock: complaintFirstResponse(),
      steps: [pause('10:20'), resume('10:10')],
      now: '10:30',
      used: 30,
      due: '11:00',
      warn: '10:48',
    },
    {
      case: 'policy change mid-ticket: used time kept, new target applies',
      clock: complaintFirstResponse(),
      steps: [pause('10:40'), retarget(120), resume('11:00')],
      now: '11:10',
      used: 50,
      due: '12:20',
      warn: '11:56',
    },
    {
      case: 'retarget below the banked time: due since the segment began',
      clock: complaintFirstResponse(),
      steps: [pause('10:40'), resume('11:00'), retarget(30)],
      now: '11:10',
      used: 50,
      due: '11:00',
      warn: '11:00',
    },
    { case: 'warning already recorded: no warning instant', clock: complaintFirstResponse(), steps: [evaluate('10:50')], now: '10:55', used: 55, due: '11:00', warn: null },
  ])('$case', ({ clock, steps, now, used, due, warn }) => {
    const c = run(clock, steps);
    expect(usedMinutes(c, sh(now), cal)).toBe(used);
    expect(dueAt(c, cal)).toEqual(due === null ? null : sh(due));
    expect(warnAt(c, WARN, cal)).toEqual(warn === null ? null : sh(warn));
  });

  it('pause, resume and stop leave exactly one of running / paused / stopped', () => {
    const paused = pauseClock(complaintFirstResponse(), sh('10:20'), cal);
    expect([paused.runningSince, paused.pausedAt, paused.stoppedAt]).toEqual([null, sh('10:20'), null]);
    const resumed = resumeClock(paused, sh('10:50'));
    expect([resumed.runningSince, resumed.pausedAt, resumed.stoppedAt]).toEqual([sh('10:50'), null, null]);
    const stopped = stopClock(resumed, sh('10:55'), cal);
    expect([stopped.runningSince, stopped.pausedAt, stopped.stoppedAt]).toEqual([null, null, sh('10:55')]);
    expect(stopClock(stopped, sh('11:30'), cal)).toBe(stopped);
    expect(pauseClock(stopped, sh('11:30'), cal)).toBe(stopped);
  });

  it('reopening runs a stopped clock on with the minutes it had used, and leaves a running one alone', () => {
    const running = complaintFirstResponse();
    const stopped = stopClock(running, sh('10:30'), cal);
    const reopened = reopenClock(stopped, sh('11:40'));
    expect([reopened.runningSince, reopened.pausedAt, reopened.stoppedAt]).toEqual([sh('11:40'), null, null]);
    expect(reopened.usedMinutes).toBe(stopped.usedMinutes);
    expect(reopenClock(running, sh('11:40'))).toBe(running);
  });

  it('refuses a warn ratio outside (0, 1)', () => {
    for (const ratio of [0, 1, 1.2, -0.1, Number.NaN]) {
      expect(() => warnAt(complaintFirstResponse(), ratio, cal)).toThrow(RangeError);
      expect(() => evaluateClock(complaintFirstResponse(), sh('10:30'), ratio, cal)).toThrow(RangeError);
    }
  });
});

describe('clockStatus', () => {
  it.each<{ case: string; steps: Step[]; now: string; status: ReturnType<typeof clockStatus> }>([
    { case: 'early', steps: [], now: '10:30', status: 'running' },
    { case: 'just before 80 %', steps: [], now: '10:47', status: 'running' },
    { case: 'at 80 %', steps: [], now: '10:48', status: 'warning' },
    { case: 'at the due instant the time is used up', steps: [], now: '11:00', status: 'breached' },
    { case: 'late', steps: [], now: '11:30', status: 'breached' },
    { case: 'paused before the warning', steps: [pause('10:20')], now: '12:00', status: 'paused' },
    { case: 'paused after the warning shows paused', steps: [pause('10:50')], now: '12:00', status: 'paused' },
    { case: 'paused after the breach still shows the breach', steps: [pause('11:10')], now: '12:00', status: 'breached' },
    { case: 'answered in time', steps: [stop('10:59')], now: '12:00', status: 'met' },
    { case: 'answered at the due instant: out of time', steps: [stop('11:00')], now: '12:00', status: 'missed' },
    { case: 'answered late', steps: [stop('11:20')], now: '12:00', status: 'missed' },
    { case: 'a recorded warning stays a warning after a higher target', steps: [evaluate('10:50'), retarget(120)], now: '10:55', status: 'warning' },
    { case: 'a recorded breach stays after a higher target', steps: [evaluate('11:05'), retarget(120)], now: '11:10', status: 'breached' },
    { case: 'a recorded breach makes the stop a miss even within the new target', steps: [evaluate('11:05'), retarget(120), stop('11:10')], now: '11:10', status: 'missed' },
  ])('$case → $status', ({ steps, now, status }) => {
    expect(clockStatus(run(complaintFirstResponse(), steps), sh(now), WARN, cal)).toBe(status);
  });
});

describe('evaluateClock', () => {
  it('warns once at 80 %, breaches once, each stamped with the instant it happened', () => {
    const checks = [
      { now: '10:47', warned: false, breached: false, warnedAt: null, breachedAt: null, next: '10:48' },
      { now: '10:50', warned: true, breached: false, warnedAt: '10:48', breachedAt: null, next: '11:00' },
      { now: '10:55', warned: false, breached: false, warnedAt: '10:48', breachedAt: null, next: '11:00' },
      { now: '11:05', warned: false, breached: true, warnedAt: '10:48', breachedAt: '11:00', next: null },
      { now: '11:30', warned: false, breached: false, warnedAt: '10:48', breachedAt: '11:00', next: null },
    ];
    let clock = complaintFirstResponse();
    for (const check of checks) {
      const result = evaluateClock(clock, sh(check.now), WARN, cal);
      clock = result.clock;
      expect({ at: check.now, warned: result.warned, breached: result.breached }).toEqual({ at: check.now, warned: check.warned, breached: check.breached });
      expect(clock.warnedAt).toEqual(check.warnedAt === null ? null : sh(check.warnedAt));
      expect(clock.breachedAt).toEqual(check.breachedAt === null ? null : sh(check.breachedAt));
      expect(result.nextCheckAt).toEqual(check.next === null ? null : sh(check.next));
    }
  });

  it.each<{ case: string; clock: ClockState; steps: Step[]; now: string; warned: boolean; breached: boolean; warnedAt: string | null; breachedAt: string | null; next: string | null }>([
    {
      case: 'a late job records both, at their true instants',
      clock: complaintFirstResponse(),
      steps: [],
      now: '11:30',
      warned: true,
      breached: true,
      warnedAt: '10:48',
      breachedAt: '11:00',
      next: null,
    },
    {
      case: 'evaluated exactly at the due instant: breached',
      clock: complaintFirstResponse(),
      steps: [evaluate('10:50')],
      now: '11:00',
      warned: false,
      breached: true,
      warnedAt: '10:48',
      breachedAt: '11:00',
      next: null,
    },
    {
      case: 'business clock: warning due next morning',
      clock: departmentReply(),
      steps: [],
      now: '2026-03-03 17:50',
      warned: false,
      breached: false,
      warnedAt: null,
      breachedAt: null,
      next: '2026-03-04 09:18',
    },
    {
      case: 'business clock: the night is not late',
      clock: departmentReply(),
      steps: [evaluate('2026-03-04 09:20')],
      now: '2026-03-04 09:31',
      warned: false,
      breached: true,
      warnedAt: '2026-03-04 09:18',
      breachedAt: '2026-03-04 09:30',
      next: null,
    },
    {
      case: 'paused: nothing to check',
      clock: complaintFirstResponse(),
      steps: [pause('10:20')],
      now: '23:00',
      warned: false,
      breached: false,
      warnedAt: null,
      breachedAt: null,
      next: null,
    },
    {
      case: 'resumed: the next check moves by the pause',
      clock: complaintFirstResponse(),
      steps: [pause('10:20'), resume('10:50')],
      now: '10:55',
      warned: false,
      breached: false,
      warnedAt: null,
      breachedAt: null,
      next: '11:18',
    },
    {
      case: 'stopped in time: no events',
      clock: complaintFirstResponse(),
      steps: [stop('10:30')],
      now: '12:00',
      warned: false,
      breached: false,
      warnedAt: null,
      breachedAt: null,
      next: null,
    },
    {
      case: 'stopped late before any job ran: the miss is still recorded (no warning)',
      clock: complaintFirstResponse(),
      steps: [stop('11:20')],
      now: '12:00',
      warned: false,
      breached: true,
      warnedAt: null,
      breachedAt: '11:20',
      next: null,
    },
    {
      case: 'paused late before any job ran: stamped at the pause',
      clock: complaintFirstResponse(),
      steps: [pause('11:10')],
      now: '12:00',
      warned: true,
      breached: true,
      warnedAt: '11:10',
      breachedAt: '11:10',
      next: null,
    },
    {
      case: 'policy change to a higher target: the next check follows it',
      clock: complaintFirstResponse(),
      steps: [evaluate('10:30'), retarget(120)],
      now: '10:40',
      warned: false,
      breached: false,
      warnedAt: null,
      breachedAt: null,
      next: '11:36',
    },
    {
      // The state cannot tell a retarget from a late job: the breach is stamped when the used
      // time crossed the new target inside the running segment.
      case: 'retarget below the used time: breached at once, when used crossed the new target',
      clock: complaintFirstResponse(),
      steps: [evaluate('10:20'), retarget(30)],
      now: '10:45',
      warned: true,
      breached: true,
      warnedAt: '10:24',
      breachedAt: '10:30',
      next: null,
    },
    {
      case: 'retarget below time banked before a pause: stamped at the resume',
      clock: complaintFirstResponse(),
      steps: [pause('10:40'), resume('11:00'), retarget(30)],
      now: '11:05',
      warned: true,
      breached: true,
      warnedAt: '11:00',
      breachedAt: '11:00',
      next: null,
    },
    {
      case: 'a breach already recorded stays recorded after a higher target',
      clock: complaintFirstResponse(),
      steps: [evaluate('11:05'), retarget(120)],
      now: '11:10',
      warned: false,
      breached: false,
      warnedAt: '10:48',
      breachedAt: '11:00',
      next: null,
    },
  ])('$case', ({ clock, steps, now, warned, breached, warnedAt, breachedAt, next }) => {
    const result = evaluateClock(run(clock, steps), sh(now), WARN, cal);
    expect({ warned: result.warned, breached: result.breached }).toEqual({ warned, breached });
    expect(result.clock.warnedAt).toEqual(warnedAt === null ? null : sh(warnedAt));
    expect(result.clock.breachedAt).toEqual(breachedAt === null ? null : sh(breachedAt));
    expect(result.nextCheckAt).toEqual(next === null ? null : sh(next));
    // One event per crossing: a second evaluation at the same instant records nothing new.
    const again = evaluateClock(result.clock, sh(now), WARN, cal);
    expect({ warned: again.warned, breached: again.breached }).toEqual({ warned: false, breached: false });
    expect(again.clock).toEqual(result.clock);
  });

  it('does not change the clock it is given', () => {
    const clock = complaintFirstResponse();
    const copy = structuredClone(clock);
    evaluateClock(clock, sh('11:30'), WARN, cal);
    expect(clock).toEqual(copy);
  });
});
