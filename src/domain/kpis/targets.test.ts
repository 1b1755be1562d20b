import { describe, expect, it } from 'vitest';
import { kpiById } from './registry.js';
import { isCalendarDay, rankingBasis, targetRefusal, targetVerdict, versionOn, worstFirst, type TargetVersion } from './targets.js';

const kpi = (id: string) => kpiById(id)!;
const v = (id: string, validFrom: string, value: number | null, setAt = '2026-01-01T00:00:00Z'): TargetVersion => ({ id, validFrom, value, direction: 'lower_is_better', setAt: new Date(setAt) });

describe('the version in force', () => {
  const versions = [v('a', '2026-03-01', 30), v('b', '2026-03-10', 20), v('c', '2026-03-10', 25, '2026-03-09T00:00:00Z'), v('d', '2026-04-01', null)];
  it.each([
    ['2026-02-28', null],
    ['2026-03-01', 'a'],
    ['2026-03-09', 'a'],
    // two versions from the same day: the one set later counts
    ['2026-03-10', 'c'],
    ['2026-03-31', 'c'],
    // a withdrawal is itself the version in force (the caller falls back to the company's)
    ['2026-04-01', 'd'],
  ])('on %s: %s', (day, id) => {
    expect(versionOn(versions, day)?.id ?? null).toBe(id);
  });
});

describe('a value against its target', () => {
  it.each([
    [95, { value: 95, direction: 'higher_is_better' as const }, 'met'],
    [94.9, { value: 95, direction: 'higher_is_better' as const }, 'missed'],
    [0.5, { value: 0.5, direction: 'lower_is_better' as const }, 'met'],
    [0.51, { value: 0.5, direction: 'lower_is_better' as const }, 'missed'],
    [null, { value: 0.5, direction: 'lower_is_better' as const }, 'no_data'],
    [0, null, 'no_target'],
  ])('%s against %o is %s', (value, target, verdict) => {
    expect(targetVerdict(value, target)).toBe(verdict);
  });
});

describe('what a target may be', () => {
  it.each([
    ['csat', 'company', 80, null],
    ['csat', 'company', 100, null],
    ['csat', 'company', 100.1, 'value'],
    ['csat', 'company', -1, 'value'],
    ['csat', 'company', Number.NaN, 'value'],
    // a company target is changed, never withdrawn
    ['csat', 'company', null, 'value'],
    ['csat', 'team', null, null],
    ['csat', 'team', 85, null],
    ['csat', 'station', 85, 'scope'],
    ['damage_rate', 'team', 0.1, 'scope'],
    ['on_time_delivery_rate', 'station', 98, null],
    // minutes and money are not percentages
    ['first_response_time', 'team', 240, null],
    ['chargebacks_by_station', 'station', 500_000, null],
  ] as const)('%s for the %s: %s → %s', (id, scope, value, refusal) => {
    expect(targetRefusal(kpi(id), scope, value)).toBe(refusal);
  });

  it.each([
    ['2026-03-01', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-3-1', false],
  ])('%s is a calendar day: %s', (day, ok) => {
    expect(isCalendarDay(day)).toBe(ok);
  });
});

describe('rankings', () => {
  it.each([
    ['damage_rate', 'province', 'value'],
    // parcels picked up are not kept by station: a station has damaged parcels, not a damage rate
    ['damage_rate', 'station', 'numerator'],
    ['on_time_delivery_rate', 'station', 'value'],
    ['chargebacks_by_station', 'station', 'value'],
    ['csat', 'station', null],
    ['nps', 'province', null],
  ] as const)('%s by %s: %s', (id, by, basis) => {
    expect(rankingBasis(kpi(id), by)).toBe(basis);
  });

  it('puts the worst first by the direction, rows without a number last', () => {
    const rows = [
      { key: 'a', score: 2 },
      { key: 'b', score: null },
      { key: 'c', score: 5 },
      { key: 'd', score: 2 },
    ];
    expect(worstFirst(rows, 'lower_is_better').map((r) => r.key)).toEqual(['c', 'a', 'd', 'b']);
    expect(worstFirst(rows, 'higher_is_better').map((r) => r.key)).toEqual(['a', 'd', 'c', 'b']);
  });
});
