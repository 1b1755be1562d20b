import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../sla/calendar.js';
import { checkNotificationDates, defaultExpectedEnd, notificationNumber, typeOfNumber } from './types.js';

/** A Shanghai wall time ('2026-03-06 10:00') as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('notification numbers', () => {
  it.each([
    { type: 'Z1', sequence: 1, number: '100000000001' },
    { type: 'Z1', sequence: 21, number: '100000000021' },
    { type: 'Z2', sequence: 1, number: '200000000001' },
    { type: 'Z2', sequence: 99_999_999_999, number: '299999999999' },
  ] as const)('$type #$sequence is $number', ({ type, sequence, number }) => {
    expect(notificationNumber(type, sequence)).toBe(number);
    expect(typeOfNumber(number)).toBe(type);
  });

  it.each([0, -1, 1.5, 100_000_000_000])('refuses sequence %s (outside the range)', (sequence) => {
    expect(() => notificationNumber('Z1', sequence)).toThrow(RangeError);
  });

  it.each(['', '1000000021', '300000000001', '100000000000', '10000000002a', ' 100000000001'])('%j is no notification number', (text) => {
    expect(typeOfNumber(text)).toBeNull();
  });
});

describe('defaultExpectedEnd', () => {
  it.each([
    { case: 'Z1: the next working day', type: 'Z1', start: '2026-03-03 10:00', end: '2026-03-04 10:00' },
    { case: 'Z1 on a Friday: Monday', type: 'Z1', start: '2026-03-06 15:00', end: '2026-03-09 15:00' },
    { case: 'Z1 on the eve of National Day: after the holiday', type: 'Z1', start: '2026-09-30 09:00', end: '2026-10-08 09:00' },
    { case: 'Z2: seven calendar days', type: 'Z2', start: '2026-03-06 15:00', end: '2026-03-13 15:00' },
    { case: 'Z2 over National Day: still seven days', type: 'Z2', start: '2026-09-30 09:00', end: '2026-10-07 09:00' },
  ] as const)('$case', ({ type, start, end }) => {
    expect(defaultExpectedEnd(type, sh(start), DEFAULT_BUSINESS_CALENDAR)).toEqual(sh(end));
  });
});

describe('checkNotificationDates', () => {
  it.each([
    { case: 'end after start', start: '2026-03-03 10:00', end: '2026-03-04 10:00', doc: '2026-03-01', result: { ok: true } },
    { case: 'end equal to start', start: '2026-03-03 10:00', end: '2026-03-03 10:00', doc: null, result: { ok: true } },
    { case: 'document on the start day', start: '2026-03-03 10:00', end: '2026-03-04 10:00', doc: '2026-03-03', result: { ok: true } },
    { case: 'end before start', start: '2026-03-03 10:00', end: '2026-03-03 09:59', doc: null, result: { ok: false, problem: 'end_before_start' } },
    { case: 'document after start', start: '2026-03-03 10:00', end: '2026-03-04 10:00', doc: '2026-03-04', result: { ok: false, problem: 'document_after_start' } },
  ])('$case', ({ start, end, doc, result }) => {
    expect(checkNotificationDates({ requiredStart: sh(start), expectedEnd: sh(end), documentDate: doc }, start.slice(0, 10))).toEqual(result);
  });
});
