import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addHours, addWorkingDays, isWorkingDay, localDateOf, wallClock, type WorkingCalendar } from './working-days.js';

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
    { date: '1969-12-27', working: false, why: 'a Saturday before 1970 (negative day numbers)' },
    { date: '1969-12-31', working: true, why: 'a Wednesday before 1970' },
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

describe('wallClock (an offset kept per hour) reads as Intl does', () => {
  /** The local time as Intl writes it, read back as if UTC: the reference, asked every time. */
  function intlWallClock(instant: Date, timeZone: string): number {
    const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, instant.getUTCMilliseconds());
  }

  it.each([
    // the minute before, at and after a change, and inside the hour it happens in
    { zone: 'America/New_York', around: '2026-03-08T07:00:00Z', why: 'spring forward: 02:00 EST → 03:00 EDT' },
    { zone: 'America/New_York', around: '2026-11-01T06:00:00Z', why: 'fall back: 02:00 EDT → 01:00 EST' },
    { zone: 'Australia/Lord_Howe', around: '2026-10-03T15:30:00Z', why: 'a half-hour change (+10:30 → +11)' },
    { zone: 'Asia/Kathmandu', around: '1985-12-31T18:30:00Z', why: '+05:30 → +05:45, at a quarter past the UTC hour' },
    { zone: 'Asia/Shanghai', around: '1986-05-03T18:00:00Z', why: 'China’s summer time of 1986' },
    { zone: 'Asia/Shanghai', around: '1900-12-31T15:54:17Z', why: 'local mean time (+08:05:43) to +08:00' },
    { zone: 'Asia/Shanghai', around: '2026-11-22T16:00:00Z', why: 'no change at all' },
  ])('$zone: $why', ({ zone, around, why }) => {
    const at = utc(around).getTime();
    for (const delta of [-3_600_001, -60_000, -1, 0, 1, 59_999, 60_000, 1_799_999, 3_599_999, 3_600_000, 7_200_000]) {
      const instant = new Date(at + delta);
      // Twice: the first answer fills the hour's entry, the second reads it.
      expect(wallClock(instant, zone), `${why}, ${instant.toISOString()}`).toBe(intlWallClock(instant, zone));
      expect(wallClock(instant, zone), `${why}, ${instant.toISOString()} again`).toBe(intlWallClock(instant, zone));
    }
  });

  it('agrees with Intl for any instant from 1900 to 2100 in zones with and without changes', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        expect(wallClock(new Date(ms), zone)).toBe(intlWallClock(new Date(ms), zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses an invalid instant', () => {
    expect(() => wallClock(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });
});
