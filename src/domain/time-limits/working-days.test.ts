import { describe, expect, it } from 'vitest';
import { addCalendarDays, addHours, addWorkingDays, isWorkingDay, localDateOf, type WorkingCalendar } from './working-days.js';

// 2025 National Day (国庆节/中秋节): 10-01…10-08 off, Sunday 09-28 and Saturday 10-11 worked (调休).
const shanghai2025: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
};
const plainShanghai: WorkingCalendar = { timeZone: 'Asia/Shanghai', holidays: [], workdays: [] };
const utc = (s: string) => new Date(s);

describe('addHours', () => {
  it.each([
    { start: '2025-09-30T02:00:00Z', hours: 24, end: '2025-10-01T02:00:00Z' },
    { start: '2025-09-30T02:00:00Z', hours: 72, end: '2025-10-03T02:00:00Z' },
    { start: '2025-09-30T02:00:00Z', hours: 0, end: '2025-09-30T02:00:00Z' },
    { start: '2025-09-30T02:00:00Z', hours: 1.5, end: '2025-09-30T03:30:00Z' },
  ])('$start + $hours h', ({ start, hours, end }) => {
    expect(addHours(utc(start), hours)).toEqual(utc(end));
  });

  it('refuses a non-finite number', () => {
    expect(() => addHours(utc('2025-09-30T02:00:00Z'), Number.NaN)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    { date: '2025-09-30', working: true, why: 'Tuesday' },
    { date: '2025-09-27', working: false, why: 'Saturday' },
    { date: '2025-10-05', working: false, why: 'Sunday in the holiday' },
    { date: '2025-10-01', working: false, why: 'holiday on a weekday' },
    { date: '2025-09-28', working: true, why: 'Sunday worked (调休)' },
    { date: '2025-10-11', working: true, why: 'Saturday worked (调休)' },
  ])('$date: $why', ({ date, working }) => {
    expect(isWorkingDay(date, shanghai2025)).toBe(working);
  });
});

describe('addWorkingDays', () => {
  it.each([
    { case: 'a plain week', start: '2025-09-16T02:00:00Z', days: 6, end: '2025-09-24T02:00:00Z', calendar: plainShanghai },
    { case: 'Friday 15:00 + 1 → Monday 15:00', start: '2025-09-19T07:00:00Z', days: 1, end: '2025-09-22T07:00:00Z', calendar: plainShanghai },
    { case: 'Saturday pickup + 1 → Monday', start: '2025-09-20T02:00:00Z', days: 1, end: '2025-09-22T02:00:00Z', calendar: plainShanghai },
    { case: 'zero days is the start', start: '2025-09-20T02:00:00Z', days: 0, end: '2025-09-20T02:00:00Z', calendar: plainShanghai },
    {
      case: 'over National Day: holidays skipped, 调休 Saturday counted',
      start: '2025-09-30T02:00:00Z',
      days: 6,
      end: '2025-10-15T02:00:00Z',
      calendar: shanghai2025,
    },
    { case: 'Saturday + 1 → the 调休 Sunday', start: '2025-09-27T02:00:00Z', days: 1, end: '2025-09-28T02:00:00Z', calendar: shanghai2025 },
    {
      // 2025-09-26T17:00Z is Saturday 01:00 in Shanghai but still Friday in UTC.
      case: 'counts dates in the company zone, not UTC',
      start: '2025-09-26T17:00:00Z',
      days: 1,
      end: '2025-09-27T17:00:00Z',
      calendar: shanghai2025,
    },
    {
      case: 'New York across the DST change keeps the local time',
      start: '2026-03-06T15:00:00Z', // Friday 10:00 EST
      days: 1,
      end: '2026-03-09T14:00:00Z', // Monday 10:00 EDT
      calendar: { timeZone: 'America/New_York', holidays: [], workdays: [] },
    },
  ])('$case', ({ start, days, end, calendar }) => {
    expect(addWorkingDays(utc(start), days, calendar)).toEqual(utc(end));
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => addWorkingDays(utc('2025-09-30T02:00:00Z'), days, plainShanghai)).toThrow(RangeError);
  });

  it('walks over a long run of holidays', () => {
    // 2025-01-01 (Wednesday) and the 59 days after it are holidays; 2025-03-02 is a Sunday.
    const holidays = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    const calendar = { timeZone: 'UTC', holidays, workdays: [] };
    expect(addWorkingDays(utc('2024-12-31T09:00:00Z'), 1, calendar)).toEqual(utc('2025-03-03T09:00:00Z'));
  });

  it('refuses an unknown time zone', () => {
    expect(() => addWorkingDays(utc('2025-09-30T02:00:00Z'), 1, { timeZone: 'Mars/Olympus', holidays: [], workdays: [] })).toThrow(RangeError);
  });
});

describe('calendar days and local dates', () => {
  it.each([
    { start: '2025-09-30T02:00:00Z', days: 3, zone: 'Asia/Shanghai', end: '2025-10-03T02:00:00Z' },
    { start: '2025-09-30T02:00:00Z', days: 0, zone: 'Asia/Shanghai', end: '2025-09-30T02:00:00Z' },
    // 10:00 EST on Saturday → 10:00 EDT on Sunday: 23 elapsed hours
    { start: '2026-03-07T15:00:00Z', days: 1, zone: 'America/New_York', end: '2026-03-08T14:00:00Z' },
  ])('addCalendarDays $start + $days in $zone', ({ start, days, zone, end }) => {
    expect(addCalendarDays(utc(start), days, zone)).toEqual(utc(end));
  });

  it.each([
    { instant: '2025-09-30T15:59:59Z', zone: 'Asia/Shanghai', date: '2025-09-30' },
    { instant: '2025-09-30T16:00:00Z', zone: 'Asia/Shanghai', date: '2025-10-01' },
    { instant: '2025-09-30T16:00:00Z', zone: 'UTC', date: '2025-09-30' },
  ])('localDateOf $instant in $zone', ({ instant, zone, date }) => {
    expect(localDateOf(utc(instant), zone)).toBe(date);
  });
});
