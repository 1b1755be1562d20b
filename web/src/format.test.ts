import { afterEach, describe, expect, it } from 'vitest';
import { addDays, formatDate, formatDateTime, startOfDay, todayIn } from './format';
import { browserTimeZone, displayTimeZone, sameWallClock, setCompanyTimeZone, timeZoneDisplayName } from './time-zone';

// Europe/Berlin 2026: summer time from 03-29 01:00 UTC to 10-25 01:00 UTC (CET +1, CEST +2).

describe('formatDateTime', () => {
  it.each([
    { case: 'just past midnight UTC is the next morning in Shanghai', iso: '2026-03-01T16:30:00Z', zone: 'Asia/Shanghai', shown: '2026-03-02 00:30:00' },
    { case: 'the last second before Shanghai midnight', iso: '2026-03-01T15:59:59Z', zone: 'Asia/Shanghai', shown: '2026-03-01 23:59:59' },
    { case: 'New Year comes 8 hours early in Shanghai', iso: '2025-12-31T16:00:00Z', zone: 'Asia/Shanghai', shown: '2026-01-01 00:00:00' },
    { case: 'a 09:00 Shanghai callback', iso: '2026-03-02T01:00:00Z', zone: 'Asia/Shanghai', shown: '2026-03-02 09:00:00' },
    { case: 'the same 09:00 callback read in UTC', iso: '2026-03-02T01:00:00Z', zone: 'UTC', shown: '2026-03-02 01:00:00' },
    { case: 'an instant written with an offset', iso: '2026-03-02T00:30:00+08:00', zone: 'Asia/Shanghai', shown: '2026-03-02 00:30:00' },
    { case: 'milliseconds are cut, not rounded', iso: '2026-03-01T16:30:59.999Z', zone: 'Asia/Shanghai', shown: '2026-03-02 00:30:59' },
    { case: 'Berlin in winter is UTC+1', iso: '2026-01-15T23:30:00Z', zone: 'Europe/Berlin', shown: '2026-01-16 00:30:00' },
    { case: 'Berlin in summer is UTC+2', iso: '2026-07-15T22:30:00Z', zone: 'Europe/Berlin', shown: '2026-07-16 00:30:00' },
    { case: 'Berlin, the second before the clocks go forward', iso: '2026-03-29T00:59:59Z', zone: 'Europe/Berlin', shown: '2026-03-29 01:59:59' },
    { case: 'Berlin, 02:00 skipped to 03:00', iso: '2026-03-29T01:00:00Z', zone: 'Europe/Berlin', shown: '2026-03-29 03:00:00' },
    { case: 'Berlin, 02:30 summer time before the clocks go back', iso: '2026-10-25T00:30:00Z', zone: 'Europe/Berlin', shown: '2026-10-25 02:30:00' },
    { case: 'Berlin, 02:30 winter time an hour later', iso: '2026-10-25T01:30:00Z', zone: 'Europe/Berlin', shown: '2026-10-25 02:30:00' },
    { case: 'west of UTC, the previous evening', iso: '2026-03-02T03:00:00Z', zone: 'America/New_York', shown: '2026-03-01 22:00:00' },
  ])('$case', ({ iso, zone, shown }) => {
    expect(formatDateTime(iso, zone)).toBe(shown);
  });

  it.each([
    { value: null, shown: '' },
    { value: undefined, shown: '' },
    { value: '', shown: '' },
    { value: 'not a date', shown: 'not a date' },
  ])('$value → "$shown"', ({ value, shown }) => {
    expect(formatDateTime(value, 'Asia/Shanghai')).toBe(shown);
  });
});

describe('formatDate', () => {
  it.each([
    { iso: '2026-03-01T16:30:00Z', zone: 'Asia/Shanghai', shown: '2026-03-02' },
    { iso: '2026-03-01T16:30:00Z', zone: 'UTC', shown: '2026-03-01' },
    { iso: '2026-07-15T22:30:00Z', zone: 'Europe/Berlin', shown: '2026-07-16' },
    { iso: null, zone: 'Asia/Shanghai', shown: '' },
  ])('$iso in $zone → "$shown"', ({ iso, zone, shown }) => {
    expect(formatDate(iso, zone)).toBe(shown);
  });
});

describe('todayIn', () => {
  const now = Date.parse('2026-03-01T16:30:00Z');
  it.each([
    { zone: 'Asia/Shanghai', today: '2026-03-02' },
    { zone: 'UTC', today: '2026-03-01' },
    { zone: 'Europe/Berlin', today: '2026-03-01' },
    { zone: 'America/Los_Angeles', today: '2026-03-01' },
  ])('at 16:30 UTC it is $today in $zone', ({ zone, today }) => {
    expect(todayIn(zone, now)).toBe(today);
  });
});

describe('startOfDay', () => {
  it.each([
    { date: '2026-03-02', zone: 'Asia/Shanghai', start: '2026-03-01T16:00:00.000Z' },
    { date: '2026-01-01', zone: 'Asia/Shanghai', start: '2025-12-31T16:00:00.000Z' },
    { date: '2026-03-02', zone: 'UTC', start: '2026-03-02T00:00:00.000Z' },
    { date: '2026-01-16', zone: 'Europe/Berlin', start: '2026-01-15T23:00:00.000Z' },
    { date: '2026-07-16', zone: 'Europe/Berlin', start: '2026-07-15T22:00:00.000Z' },
    { date: '2026-03-29', zone: 'Europe/Berlin', start: '2026-03-28T23:00:00.000Z' },
    { date: '2026-03-30', zone: 'Europe/Berlin', start: '2026-03-29T22:00:00.000Z' },
    { date: '2026-10-25', zone: 'Europe/Berlin', start: '2026-10-24T22:00:00.000Z' },
    { date: '2026-10-26', zone: 'Europe/Berlin', start: '2026-10-25T23:00:00.000Z' },
  ])('$date starts at $start in $zone', ({ date, zone, start }) => {
    expect(startOfDay(date, zone)).toBe(start);
  });

  it.each(['2026-3-2', '2026-02-30', 'yesterday', ''])('"%s" is no date', (date) => {
    expect(startOfDay(date, 'Asia/Shanghai')).toBeUndefined();
  });
});

describe('addDays', () => {
  it.each([
    { date: '2026-03-01', days: -1, result: '2026-02-28' },
    { date: '2026-12-31', days: 1, result: '2027-01-01' },
    { date: '2026-03-28', days: 2, result: '2026-03-30' },
    { date: '2026-03-31', days: -29, result: '2026-03-02' },
  ])('$date + $days → $result', ({ date, days, result }) => {
    expect(addDays(date, days)).toBe(result);
  });
});

describe('the company zone held by the console', () => {
  afterEach(() => setCompanyTimeZone(null));

  it('formats in the company zone once the session set it, in the browser zone before and after', () => {
    expect(displayTimeZone()).toBe(browserTimeZone());
    setCompanyTimeZone('Asia/Shanghai');
    expect(displayTimeZone()).toBe('Asia/Shanghai');
    expect(formatDateTime('2026-03-01T16:30:00Z')).toBe('2026-03-02 00:30:00');
    expect(formatDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(startOfDay('2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
    setCompanyTimeZone(null);
    expect(displayTimeZone()).toBe(browserTimeZone());
  });

  it('ignores a zone this runtime does not know instead of breaking every date', () => {
    setCompanyTimeZone('Mars/Olympus_Mons');
    expect(displayTimeZone()).toBe(browserTimeZone());
    expect(formatDateTime('2026-03-01T16:30:00Z')).toBe(formatDateTime('2026-03-01T16:30:00Z', browserTimeZone()));
  });

  it.each([
    { a: 'Asia/Shanghai', b: 'Asia/Shanghai', at: '2026-01-15T00:00:00Z', same: true },
    { a: 'Asia/Shanghai', b: 'Asia/Taipei', at: '2026-01-15T00:00:00Z', same: true },
    { a: 'Asia/Shanghai', b: 'UTC', at: '2026-01-15T00:00:00Z', same: false },
    { a: 'Europe/Berlin', b: 'Europe/Paris', at: '2026-07-15T00:00:00Z', same: true },
    { a: 'Europe/London', b: 'UTC', at: '2026-01-15T00:00:00Z', same: true },
    { a: 'Europe/London', b: 'UTC', at: '2026-07-15T00:00:00Z', same: false },
  ])('$a and $b show the same clock at $at: $same', ({ a, b, at, same }) => {
    expect(sameWallClock(a, b, new Date(at))).toBe(same);
  });

  it.each([
    { zone: 'Asia/Shanghai', locale: 'zh-CN', at: '2026-01-15T00:00:00Z', name: '中国标准时间' },
    { zone: 'Asia/Shanghai', locale: 'en-US', at: '2026-01-15T00:00:00Z', name: 'China Standard Time' },
    { zone: 'Europe/Berlin', locale: 'en-US', at: '2026-07-15T00:00:00Z', name: 'Central European Summer Time' },
  ])('names $zone in $locale: $name', ({ zone, locale, at, name }) => {
    expect(timeZoneDisplayName(zone, locale, new Date(at))).toBe(name);
  });
});
