import { describe, expect, it } from 'vitest';
import { changeFrom, isPeriodStart, lastCompletePeriod, mayReport, periodFrom, periodTitle, previousPeriod, standing } from './report.js';

describe('periods', () => {
  it.each([
    ['week', '2026-11-02', true], // a Monday
    ['week', '2026-11-03', false],
    ['month', '2026-11-01', true],
    ['month', '2026-11-02', false],
    ['month', '2026-02-30', false],
    ['week', 'x', false],
  ] as const)('%s starting %s: valid %s', (kind, start, ok) => expect(isPeriodStart(kind, start)).toBe(ok));

  it.each([
    ['week', '2026-11-02', '2026-11-08', '2026-10-26', '2026-11-01'],
    ['week', '2026-12-28', '2027-01-03', '2026-12-21', '2026-12-27'],
    ['month', '2026-02-01', '2026-02-28', '2026-01-01', '2026-01-31'],
    ['month', '2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['month', '2026-01-01', '2026-01-31', '2025-12-01', '2025-12-31'],
  ] as const)('%s from %s ends %s; the one before is %s–%s', (kind, start, end, prevStart, prevEnd) => {
    const p = periodFrom(kind, start);
    expect(p.end).toBe(end);
    expect(previousPeriod(p)).toEqual({ kind, start: prevStart, end: prevEnd });
  });

  it.each([
    // the schedule runs on Monday for last week, on the 1st for last month
    ['week', '2026-11-09', '2026-11-02'], // Monday
    ['week', '2026-11-15', '2026-11-02'], // Sunday: the week in progress is not over
    ['month', '2026-12-01', '2026-11-01'],
    ['month', '2026-01-01', '2025-12-01'],
  ] as const)('last complete %s on %s starts %s', (kind, today, start) => expect(lastCompletePeriod(kind, today).start).toBe(start));

  it.each([
    ['2026-11-08', '2026-11-09', true],
    ['2026-11-08', '2026-11-08', false], // the last day is not over
  ])('a period ending %s may be reported on %s: %s', (end, today, ok) => expect(mayReport({ kind: 'week', start: '2026-11-02', end }, today)).toBe(ok));

  it.each([
    [periodFrom('month', '2026-11-01'), '2026年11月'],
    [periodFrom('week', '2026-11-02'), '2026年第45周（11月2日—11月8日）'],
    [periodFrom('week', '2026-12-28'), '2026年第53周（12月28日—1月3日）'],
  ])('%j is titled %s', (p, title) => expect(periodTitle(p)).toBe(title));
});

describe('standing against a target', () => {
  it.each([
    [95, { value: 95, direction: 'higher' }, 'met'],
    [94.9, { value: 95, direction: 'higher' }, 'missed'],
    [30, { value: 30, direction: 'lower' }, 'met'],
    [31, { value: 30, direction: 'lower' }, 'missed'],
    [50, null, 'no_target'],
    [null, { value: 95, direction: 'higher' }, 'no_data'],
  ] as const)('%s against %j is %s', (value, target, expected) => expect(standing(value, target)).toBe(expected));
});

describe('change from the last period', () => {
  it.each([
    [96, 94, 'higher_is_better', 2, true],
    [94, 96, 'higher_is_better', -2, false],
    [20, 30, 'lower_is_better', -10, true],
    [30, 30, 'lower_is_better', 0, null],
    [30, null, 'lower_is_better', null, null],
    [null, 30, 'higher_is_better', null, null],
  ] as const)('%s from %s (%s): delta %s, better %s', (value, previous, direction, delta, better) => expect(changeFrom(value, previous, direction)).toEqual({ delta, better }));
});
