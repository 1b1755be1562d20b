import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addClockMinutes,
  clockMinutesBetween,
  DEFAULT_BUSINESS_CALENDAR,
  isInCallbackHours,
  nextCallbackSlot,
  nextCallbackWindow,
  validateCalendar,
  type BusinessCalendar,
  type ClockBasis,
} from './calendar.js';

/** A Shanghai wall time ('2026-03-03 17:30') as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const cn = DEFAULT_BUSINESS_CALENDAR;
const lunchBreak: BusinessCalendar = {
  ...cn,
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
};
const berlin: BusinessCalendar = { ...cn, timeZone: 'Europe/Berlin', holidays: [], workdays: [] };
// Every day open round the clock, so a day's business minutes are its real length.
const berlinAllDay: BusinessCalendar = {
  ...berlin,
  workingHours: [{ start: '00:00', end: '24:00' }],
  workdays: ['2026-03-29', '2026-10-25'],
};

describe('addClockMinutes', () => {
  // 2026-03-03 is a Tuesday; 2026-03-06 a Friday.
  it.each<{ case: string; start: Date; minutes: number; due: Date; calendar?: BusinessCalendar; basis?: ClockBasis }>([
    { case: 'inside a working day', start: sh('2026-03-03 10:00'), minutes: 60, due: sh('2026-03-03 11:00') },
    { case: 'overnight: 17:30 + 60 → next day 09:30', start: sh('2026-03-03 17:30'), minutes: 60, due: sh('2026-03-04 09:30') },
    { case: 'runs out exactly at closing: due at 18:00, not the next opening', start: sh('2026-03-03 09:00'), minutes: 540, due: sh('2026-03-03 18:00') },
    { case: 'weekend skipped: Friday 17:00 + 120 → Monday 10:00', start: sh('2026-03-06 17:00'), minutes: 120, due: sh('2026-03-09 10:00') },
    { case: 'start before opening begins at 09:00', start: sh('2026-03-03 07:00'), minutes: 30, due: sh('2026-03-03 09:30') },
    { case: 'start after closing begins at the next opening', start: sh('2026-03-03 20:00'), minutes: 30, due: sh('2026-03-04 09:30') },
    { case: 'start on a Saturday begins on Monday', start: sh('2026-03-07 10:00'), minutes: 30, due: sh('2026-03-09 09:30') },
    {
      // 2026-03-06T17:00Z is still Friday in UTC but Saturday 01:00 in Shanghai.
      case: 'dates are read in the company zone, not UTC',
      start: new Date('2026-03-06T17:00:00Z'),
      minutes: 30,
      due: sh('2026-03-09 09:30'),
    },
    { case: 'eve of National Day: Oct 1–7 off (2026 notice)', start: sh('2026-09-30 17:00'), minutes: 120, due: sh('2026-10-08 10:00') },
    { case: 'start on a holiday (Oct 1) waits for Oct 8', start: sh('2026-10-01 10:00'), minutes: 60, due: sh('2026-10-08 10:00') },
    { case: '调休 Saturday 2026-02-14 counts', start: sh('2026-02-13 17:00'), minutes: 120, due: sh('2026-02-14 10:00') },
    { case: '调休 Saturday 2026-10-10 counts', start: sh('2026-10-09 17:00'), minutes: 120, due: sh('2026-10-10 10:00') },
    { case: 'Spring Festival Feb 15–23 skipped', start: sh('2026-02-14 17:00'), minutes: 120, due: sh('2026-02-24 10:00') },
    { case: 'seven working days of minutes', start: sh('2026-03-02 09:00'), minutes: 7 * 540, due: sh('2026-03-10 18:00') },
    { case: 'zero minutes is the start, even outside hours', start: sh('2026-03-07 10:00'), minutes: 0, due: sh('2026-03-07 10:00') },
    { case: 'lunch break not counted', start: sh('2026-03-03 11:30'), minutes: 60, due: sh('2026-03-03 14:00'), calendar: lunchBreak },
    { case: 'start in the lunch break begins at 13:30', start: sh('2026-03-03 12:15'), minutes: 10, due: sh('2026-03-03 13:40'), calendar: lunchBreak },
    { case: 'calendar basis counts the night', start: sh('2026-03-03 17:30'), minutes: 60, due: sh('2026-03-03 18:30'), basis: 'calendar' },
    { case: 'calendar basis counts holidays', start: sh('2026-09-30 17:00'), minutes: 10080, due: sh('2026-10-07 17:00'), basis: 'calendar' },
    {
      case: 'Berlin calendar basis over spring-forward: 24 h are 24 real hours (13:00 CEST)',
      start: new Date('2026-03-28T12:00:00+01:00'),
      minutes: 1440,
      due: new Date('2026-03-29T13:00:00+02:00'),
      calendar: berlin,
      basis: 'calendar',
    },
    {
      case: 'Berlin business over spring-forward: Friday 17:00 CET + 120 → Monday 10:00 CEST',
      start: new Date('2026-03-27T17:00:00+01:00'),
      minutes: 120,
      due: new Date('2026-03-30T10:00:00+02:00'),
      calendar: berlin,
    },
    {
      case: 'Berlin business over fall-back: Friday 17:00 CEST + 120 → Monday 10:00 CET',
      start: new Date('2026-10-23T17:00:00+02:00'),
      minutes: 120,
      due: new Date('2026-10-26T10:00:00+01:00'),
      calendar: berlin,
    },
    {
      case: 'Berlin all-day window: the spring-forward Sunday has 23 hours',
      start: new Date('2026-03-29T00:00:00+01:00'),
      minutes: 23 * 60,
      due: new Date('2026-03-30T00:00:00+02:00'),
      calendar: berlinAllDay,
    },
  ])('$case', ({ start, minutes, due, calendar = cn, basis = 'business' }) => {
    expect(addClockMinutes(start, minutes, calendar, basis)).toEqual(due);
  });

  it.each([
    { case: 'negative minutes', minutes: -1, calendar: cn },
    { case: 'NaN minutes', minutes: Number.NaN, calendar: cn },
    { case: 'a calendar without working hours', minutes: 60, calendar: { ...cn, workingHours: [] } },
    {
      case: 'a calendar whose next 500 days are all holidays',
      minutes: 60,
      calendar: { ...cn, workdays: [], holidays: Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10)) },
    },
  ])('refuses $case with a RangeError', ({ minutes, calendar }) => {
    expect(() => addClockMinutes(sh('2026-03-03 10:00'), minutes, calendar, 'business')).toThrow(RangeError);
  });

  it('refuses an invalid Date', () => {
    expect(() => addClockMinutes(new Date(Number.NaN), 10, cn, 'calendar')).toThrow(RangeError);
  });

  it('steps by day, not by minute: five years of business minutes stay fast', () => {
    const started = performance.now();
    const due = addClockMinutes(sh('2026-03-02 09:00'), 5 * 250 * 540, cn, 'business');
    expect(due.getTime()).toBeGreaterThan(sh('2030-01-01 00:00').getTime());
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('clockMinutesBetween', () => {
  it.each<{ case: string; from: Date; to: Date; minutes: number; calendar?: BusinessCalendar; basis?: ClockBasis }>([
    { case: 'inside a day', from: sh('2026-03-03 10:00'), to: sh('2026-03-03 11:15'), minutes: 75 },
    { case: 'overnight', from: sh('2026-03-03 17:30'), to: sh('2026-03-04 09:30'), minutes: 60 },
    { case: 'a whole weekend counts nothing', from: sh('2026-03-07 00:00'), to: sh('2026-03-09 00:00'), minutes: 0 },
    { case: 'over National Day', from: sh('2026-09-30 17:00'), to: sh('2026-10-08 10:00'), minutes: 120 },
    { case: '调休 Saturday counts', from: sh('2026-02-14 00:00'), to: sh('2026-02-15 00:00'), minutes: 540 },
    { case: 'to before from', from: sh('2026-03-04 10:00'), to: sh('2026-03-03 10:00'), minutes: 0 },
    { case: 'equal instants', from: sh('2026-03-03 10:00'), to: sh('2026-03-03 10:00'), minutes: 0 },
    { case: 'seconds give a fraction', from: sh('2026-03-03 10:00'), to: new Date(sh('2026-03-03 10:01').getTime() + 30_000), minutes: 1.5 },
    { case: 'lunch break', from: sh('2026-03-03 11:00'), to: sh('2026-03-03 14:00'), minutes: 90, calendar: lunchBreak },
    { case: 'calendar basis', from: sh('2026-03-06 17:00'), to: sh('2026-03-09 10:00'), minutes: 65 * 60, basis: 'calendar' },
    {
      case: 'Berlin spring-forward Sunday holds 23 hours',
      from: new Date('2026-03-29T00:00:00+01:00'),
      to: new Date('2026-03-30T00:00:00+02:00'),
      minutes: 23 * 60,
      calendar: berlinAllDay,
    },
    {
      case: 'Berlin fall-back Sunday holds 25 hours',
      from: new Date('2026-10-25T00:00:00+02:00'),
      to: new Date('2026-10-26T00:00:00+01:00'),
      minutes: 25 * 60,
      calendar: berlinAllDay,
    },
    {
      case: 'a long holiday run inside the range is simply counted as nothing',
      from: sh('2026-03-02 09:00'),
      to: sh('2028-03-02 09:00'),
      minutes: 0,
      calendar: { ...cn, workdays: [], holidays: Array.from({ length: 800 }, (_, i) => new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10)) },
    },
  ])('$case', ({ from, to, minutes, calendar = cn, basis = 'business' }) => {
    expect(clockMinutesBetween(from, to, calendar, basis)).toBe(minutes);
  });

  const instant = fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2027-02-01T00:00:00Z'), noInvalidDate: true });
  const calendars = fc.constantFrom(cn, lunchBreak, berlin, berlinAllDay);

  it('is the inverse of addClockMinutes on the business basis (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * 540 }), calendars, (start, minutes, calendar) => {
        const due = addClockMinutes(start, minutes, calendar, 'business');
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(clockMinutesBetween(start, due, calendar, 'business')).toBe(minutes);
      }),
    );
  });

  it('adding back the minutes between two instants never overshoots the later one (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * 24 * 60 * 60_000 }), calendars, (from, gapMs, calendar) => {
        const to = new Date(from.getTime() + gapMs);
        const minutes = clockMinutesBetween(from, to, calendar, 'business');
        const back = addClockMinutes(from, minutes, calendar, 'business');
        expect(back.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(clockMinutesBetween(from, back, calendar, 'business')).toBe(minutes);
      }),
    );
  });
});

describe('nextCallbackSlot and isInCallbackHours', () => {
  // docs/product.md §7 / 客服用语规范: callback hours 9:00–12:00 and 15:00–18:00 when no time is agreed.
  it.each([
    { case: 'inside the morning window: now', after: sh('2026-03-03 11:58'), slot: sh('2026-03-03 11:58'), inside: true },
    { case: 'lunch: the afternoon window', after: sh('2026-03-03 12:30'), slot: sh('2026-03-03 15:00'), inside: false },
    { case: '12:00 sharp is no longer the morning window', after: sh('2026-03-03 12:00'), slot: sh('2026-03-03 15:00'), inside: false },
    { case: '15:00 sharp opens the afternoon window', after: sh('2026-03-03 15:00'), slot: sh('2026-03-03 15:00'), inside: true },
    { case: 'early morning: 09:00', after: sh('2026-03-03 07:10'), slot: sh('2026-03-03 09:00'), inside: false },
    { case: '18:00 sharp: the next morning', after: sh('2026-03-03 18:00'), slot: sh('2026-03-04 09:00'), inside: false },
    { case: 'Friday 18:30: Monday 09:00', after: sh('2026-03-06 18:30'), slot: sh('2026-03-09 09:00'), inside: false },
    { case: 'Saturday morning: Monday 09:00', after: sh('2026-03-07 10:00'), slot: sh('2026-03-09 09:00'), inside: false },
    { case: 'eve of National Day 18:30: Oct 8 09:00', after: sh('2026-09-30 18:30'), slot: sh('2026-10-08 09:00'), inside: false },
    { case: 'eve of National Day 17:59: still today', after: sh('2026-09-30 17:59'), slot: sh('2026-09-30 17:59'), inside: true },
    { case: 'Friday before the 调休 Saturday: Saturday 09:00', after: sh('2026-02-13 18:30'), slot: sh('2026-02-14 09:00'), inside: false },
    { case: 'on the 调休 Saturday itself', after: sh('2026-02-14 10:00'), slot: sh('2026-02-14 10:00'), inside: true },
  ])('$case', ({ after, slot, inside }) => {
    expect(nextCallbackSlot(after, cn)).toEqual(slot);
    expect(isInCallbackHours(after, cn)).toBe(inside);
  });

  it('refuses a calendar without callback hours', () => {
    expect(() => nextCallbackSlot(sh('2026-03-03 10:00'), { ...cn, callbackHours: [] })).toThrow(RangeError);
  });
});

describe('nextCallbackWindow', () => {
  // A customer not reached is tried again in the next window: the other half-day of a working day.
  it.each([
    { case: 'inside the morning window: the afternoon', after: sh('2026-03-03 09:05'), next: sh('2026-03-03 15:00') },
    { case: 'inside the afternoon window: the next morning', after: sh('2026-03-03 15:10'), next: sh('2026-03-04 09:00') },
    { case: '15:00 sharp is inside the afternoon window: the next morning', after: sh('2026-03-03 15:00'), next: sh('2026-03-04 09:00') },
    { case: 'lunch: the afternoon', after: sh('2026-03-03 12:30'), next: sh('2026-03-03 15:00') },
    { case: 'early morning: 09:00', after: sh('2026-03-03 07:10'), next: sh('2026-03-03 09:00') },
    { case: 'Friday afternoon: Monday 09:00', after: sh('2026-03-06 16:00'), next: sh('2026-03-09 09:00') },
    { case: 'Saturday: Monday 09:00', after: sh('2026-03-07 10:00'), next: sh('2026-03-09 09:00') },
    { case: 'eve of National Day, afternoon: Oct 8 09:00', after: sh('2026-09-30 15:30'), next: sh('2026-10-08 09:00') },
    { case: 'on the 调休 Saturday morning: its afternoon', after: sh('2026-02-14 10:00'), next: sh('2026-02-14 15:00') },
  ])('$case', ({ after, next }) => {
    expect(nextCallbackWindow(after, cn)).toEqual(next);
    expect(isInCallbackHours(next, cn)).toBe(true);
  });

  it('refuses a calendar without callback hours', () => {
    expect(() => nextCallbackWindow(sh('2026-03-03 10:00'), { ...cn, callbackHours: [] })).toThrow(RangeError);
  });
});

describe('validateCalendar', () => {
  const valid = {
    timeZone: 'Asia/Shanghai',
    workingHours: [{ start: '09:00', end: '18:00' }],
    callbackHours: [
      { start: '09:00', end: '12:00' },
      { start: '15:00', end: '18:00' },
    ],
    holidays: ['2026-10-01'],
    workdays: ['2026-10-10'],
  };

  it('accepts the default calendar and a well-formed one', () => {
    expect(validateCalendar(DEFAULT_BUSINESS_CALENDAR)).toEqual({ ok: true, calendar: DEFAULT_BUSINESS_CALENDAR });
    expect(validateCalendar(valid)).toEqual({ ok: true, calendar: valid });
  });

  it('defaults the zone to Asia/Shanghai and accepts a window ending at 24:00', () => {
    const { timeZone: _omitted, ...rest } = valid;
    const result = validateCalendar({ ...rest, workingHours: [{ start: '00:00', end: '24:00' }] });
    expect(result.ok && result.calendar.timeZone).toBe('Asia/Shanghai');
  });

  it('drops unknown fields from the copy it returns', () => {
    const result = validateCalendar({ ...valid, note: 'x' });
    expect(result.ok && Object.keys(result.calendar).sort()).toEqual(['callbackHours', 'holidays', 'timeZone', 'workdays', 'workingHours']);
  });

  it.each<{ case: string; input: unknown; error: string }>([
    { case: 'not an object', input: 'Asia/Shanghai', error: 'calendar must be an object' },
    { case: 'unknown zone', input: { ...valid, timeZone: 'Mars/Olympus_Mons' }, error: 'timeZone: Mars/Olympus_Mons is not an IANA time zone' },
    { case: 'zone not a string', input: { ...valid, timeZone: 8 }, error: 'timeZone: 8 is not an IANA time zone' },
    { case: 'malformed time', input: { ...valid, workingHours: [{ start: '9:00', end: '18:00' }] }, error: 'workingHours[0].start 9:00 is not a time' },
    { case: 'past midnight', input: { ...valid, workingHours: [{ start: '09:00', end: '24:30' }] }, error: 'workingHours[0].end 24:30 is not a time' },
    { case: 'start at 24:00', input: { ...valid, workingHours: [{ start: '24:00', end: '24:00' }] }, error: 'workingHours[0].start 24:00 is not a time' },
    { case: 'window ends before it starts', input: { ...valid, workingHours: [{ start: '18:00', end: '09:00' }] }, error: 'workingHours[0] must end after it starts' },
    { case: 'empty window', input: { ...valid, workingHours: [{ start: '09:00', end: '09:00' }] }, error: 'workingHours[0] must end after it starts' },
    {
      case: 'unsorted windows',
      input: { ...valid, callbackHours: [{ start: '15:00', end: '18:00' }, { start: '09:00', end: '12:00' }] },
      error: 'callbackHours[1] (09:00–12:00) overlaps or comes before the window above it',
    },
    {
      case: 'overlapping windows',
      input: { ...valid, workingHours: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] },
      error: 'workingHours[1] (12:00–18:00) overlaps or comes before the window above it',
    },
    { case: 'no working hours at all', input: { ...valid, workingHours: [] }, error: 'workingHours must have at least one window' },
    { case: 'window not an object', input: { ...valid, workingHours: ['09:00-18:00'] }, error: "workingHours[0] must be {start: 'HH:MM', end: 'HH:MM'}" },
    { case: 'callback hours missing', input: { ...valid, callbackHours: undefined }, error: 'callbackHours must be a list of {start, end} windows' },
    { case: 'no such date', input: { ...valid, holidays: ['2026-02-30'] }, error: 'holidays[0] 2026-02-30 is not a date YYYY-MM-DD' },
    { case: 'unpadded date', input: { ...valid, workdays: ['2026-2-14'] }, error: 'workdays[0] 2026-2-14 is not a date YYYY-MM-DD' },
    { case: 'holidays not a list', input: { ...valid, holidays: '2026-10-01' }, error: 'holidays must be a list of YYYY-MM-DD dates' },
    { case: 'a date both holiday and workday', input: { ...valid, workdays: ['2026-10-01'] }, error: '2026-10-01 is listed both as a holiday and as a working day' },
  ])('refuses $case', ({ input, error }) => {
    const result = validateCalendar(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.join('\n')).toContain(error);
  });
});
