import { describe, expect, it } from 'vitest';
import { clockStatus, dueAt, evaluateClock, type ClockState } from '../sla/clock.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../sla/calendar.js';
import { serviceClockTarget, syncServiceClock, type ServiceClock, type ServiceClockFacts } from './clocks.js';

const H = 3_600_000;
const created = new Date('2026-12-07T02:00:00Z');
const at = (hours: number) => new Date(created.getTime() + hours * H);
const facts = (patch: Partial<ServiceClockFacts> = {}): ServiceClockFacts => ({ createdAt: created, requiredStart: at(24), expectedEnd: at(48), systemStatus: 'outstanding', ...patch });
const cal = DEFAULT_BUSINESS_CALENDAR;

describe('which clock runs', () => {
  it.each<[ServiceClock, Partial<ServiceClockFacts>, { runs: boolean; hours: number } | null]>([
    ['required_start', {}, { runs: true, hours: 24 }],
    ['required_start', { systemStatus: 'in_process' }, { runs: false, hours: 24 }],
    ['required_start', { systemStatus: 'postponed' }, { runs: false, hours: 24 }],
    ['required_start', { requiredStart: created }, null], // the default "now": as soon as possible, no clock
    ['required_start', { requiredStart: new Date(created.getTime() + 59_000) }, null],
    ['expected_end', {}, { runs: true, hours: 48 }],
    ['expected_end', { systemStatus: 'in_process' }, { runs: true, hours: 48 }],
    ['expected_end', { systemStatus: 'postponed' }, { runs: true, hours: 48 }],
    ['expected_end', { systemStatus: 'completed' }, { runs: false, hours: 48 }],
    ['expected_end', { requiredStart: at(-2), expectedEnd: at(-1) }, null],
  ])('%s with %o', (kind, patch, expected) => {
    const target = serviceClockTarget(kind, facts(patch));
    expect(target && { runs: target.runs, hours: (target.dueAt.getTime() - created.getTime()) / H }).toEqual(expected);
  });
});

describe('a clock follows the notification', () => {
  it('starts at creation, due at the date, warns at the policy’s point and breaches at the date', () => {
    const clock = syncServiceClock('expected_end', null, facts(), created, cal)!;
    expect(dueAt(clock, cal)).toEqual(at(48));
    const warned = evaluateClock(clock, at(40), 0.8, cal);
    expect([warned.warned, warned.clock.warnedAt]).toEqual([true, new Date(created.getTime() + 48 * 0.8 * H)]);
    const breached = evaluateClock(warned.clock, at(49), 0.8, cal);
    expect([breached.breached, breached.clock.breachedAt]).toEqual([true, at(48)]);
  });

  it('no clock for an urgent notification’s start (in process from the beginning)', () => {
    expect(syncServiceClock('required_start', null, facts({ systemStatus: 'in_process' }), created, cal)).toBeNull();
  });

  it('the start clock stops when work begins: met before the date, missed after', () => {
    const clock = syncServiceClock('required_start', null, facts(), created, cal)!;
    const early = syncServiceClock('required_start', clock, facts({ systemStatus: 'in_process' }), at(5), cal)!;
    expect([early.stoppedAt, clockStatus(early, at(30), 0.8, cal)]).toEqual([at(5), 'met']);
    const late = syncServiceClock('required_start', clock, facts({ systemStatus: 'in_process' }), at(30), cal)!;
    expect(clockStatus(late, at(31), 0.8, cal)).toBe('missed');
  });

  it('completing stops the end clock, reopening runs it again against the same date, a recorded breach stays', () => {
    const clock = syncServiceClock('expected_end', null, facts(), created, cal)!;
    const breached = evaluateClock(clock, at(50), 0.8, cal).clock;
    const done = syncServiceClock('expected_end', breached, facts({ systemStatus: 'completed' }), at(51), cal)!;
    expect([done.stoppedAt, clockStatus(done, at(60), 0.8, cal)]).toEqual([at(51), 'missed']);
    const reopened = syncServiceClock('expected_end', done, facts({ systemStatus: 'in_process' }), at(60), cal)!;
    expect([reopened.stoppedAt, reopened.breachedAt, dueAt(reopened, cal)]).toEqual([null, at(48), at(48)]);
    expect(evaluateClock(reopened, at(61), 0.8, cal).breached).toBe(false); // recorded once
  });

  it('a new date ahead re-arms a running clock; a stopped clock keeps its outcome; nothing changed returns the same state', () => {
    const clock = syncServiceClock('expected_end', null, facts(), created, cal)!;
    const breached = evaluateClock(clock, at(50), 0.8, cal).clock;
    const moved = syncServiceClock('expected_end', breached, facts({ expectedEnd: at(96) }), at(50), cal)!;
    expect([moved.warnedAt, moved.breachedAt, dueAt(moved, cal), clockStatus(moved, at(51), 0.8, cal)]).toEqual([null, null, at(96), 'running']);
    const start = syncServiceClock('required_start', null, facts(), created, cal)!;
    const lateStart = syncServiceClock('required_start', evaluateClock(start, at(30), 0.8, cal).clock, facts({ systemStatus: 'in_process' }), at(30), cal)!;
    const movedAfter = syncServiceClock('required_start', lateStart, facts({ systemStatus: 'in_process', requiredStart: at(72) }), at(31), cal)!;
    expect(clockStatus(movedAfter, at(32), 0.8, cal)).toBe('missed');
    expect(syncServiceClock('expected_end', clock, facts(), at(3), cal)).toBe(clock);
  });

  it('a date moved to the creation or before ends a running clock', () => {
    const clock: ClockState = syncServiceClock('required_start', null, facts(), created, cal)!;
    const ended = syncServiceClock('required_start', clock, facts({ requiredStart: created }), at(2), cal)!;
    expect(ended.stoppedAt).toEqual(at(2));
  });
});
