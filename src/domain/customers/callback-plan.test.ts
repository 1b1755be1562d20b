import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../sla/calendar.js';
import { sourceText } from '../sources.js';
import { addLocalMonths, callbackSchedule, DEFAULT_ACCOUNT_CALLBACK_POLICY, nextPlannedCallback } from './callback-plan.js';

/** A Shanghai wall time ('2026-03-03 09:05') as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const cn = DEFAULT_BUSINESS_CALENDAR;

describe('the account callback rule', () => {
  it('is monthly in the first year and quarterly after, citing the after-sales callback rules', () => {
    expect(DEFAULT_ACCOUNT_CALLBACK_POLICY).toMatchObject({ firstYearMonths: 12, firstYearEveryMonths: 1, laterEveryMonths: 3 });
    expect(sourceText(DEFAULT_ACCOUNT_CALLBACK_POLICY.source, 'en-US')).toBe('After-sales service process (callback rules: monthly in the first year, quarterly after)');
  });
});

describe('addLocalMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-05-10', 12, '2027-05-10'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addLocalMonths(date, months)).toBe(expected);
  });
});

describe('nextPlannedCallback', () => {
  const start = sh('2026-03-02 10:00'); // a Monday

  it.each([
    { case: 'the first: a month after the relationship began', last: null, dueDate: '2026-04-02', dueAt: '2026-04-02 09:00', cadence: 'monthly' },
    { case: 'a month after the last one done', last: '2026-04-03 16:20', dueDate: '2026-05-03', dueAt: '2026-05-06 09:00', cadence: 'monthly' }, // 5-03 is 劳动节; 5-06 the first working day
    { case: 'done late: the next counts from when it was done', last: '2026-06-25 11:00', dueDate: '2026-07-25', dueAt: '2026-07-27 09:00', cadence: 'monthly' }, // Saturday → Monday
    { case: 'the last monthly one: a month on is still before the anniversary', last: '2027-02-01 10:00', dueDate: '2027-03-01', dueAt: '2027-03-01 09:00', cadence: 'monthly' },
    { case: 'a month on would be the anniversary itself: a quarter on', last: '2027-02-02 10:00', dueDate: '2027-05-02', dueAt: '2027-05-03 09:00', cadence: 'quarterly' }, // Sunday → Monday (2027 arrangement not entered)
    { case: 'after the first year: quarterly', last: '2027-05-03 09:30', dueDate: '2027-08-03', dueAt: '2027-08-03 09:00', cadence: 'quarterly' },
    { case: 'a quarter across National Day lands after the holiday', last: '2026-07-01 10:00', dueDate: '2026-08-01', dueAt: '2026-08-03 09:00', cadence: 'monthly' },
  ])('$case', ({ last, dueDate, dueAt, cadence }) => {
    expect(nextPlannedCallback({ relationshipStart: start, lastDoneAt: last === null ? null : sh(last) }, cn)).toEqual({ dueDate, dueAt: sh(dueAt), cadence });
  });

  it('a quarterly callback due in the National Day holiday moves to the first working day after it', () => {
    const oldAccount = sh('2024-01-10 10:00');
    const next = nextPlannedCallback({ relationshipStart: oldAccount, lastDoneAt: sh('2026-07-02 10:00') }, cn);
    expect(next).toEqual({ dueDate: '2026-10-02', dueAt: sh('2026-10-08 09:00'), cadence: 'quarterly' });
  });

  it('a 调休 Saturday is a working day: the callback may be on it', () => {
    const oldAccount = sh('2024-01-10 10:00');
    const next = nextPlannedCallback({ relationshipStart: oldAccount, lastDoneAt: sh('2026-07-10 10:00') }, cn);
    expect(next).toEqual({ dueDate: '2026-10-10', dueAt: sh('2026-10-10 09:00'), cadence: 'quarterly' });
  });

  it.each([
    { case: 'an afternoon-only contact', windows: [{ start: '14:00', end: '17:00' }], dueAt: '2026-04-02 14:00' },
    { case: 'an evening contact', windows: [{ start: '19:30', end: '21:00' }], dueAt: '2026-04-02 19:30' },
    { case: 'no preference: the company’s callback hours', windows: [], dueAt: '2026-04-02 09:00' },
    { case: 'null: the company’s callback hours', windows: null, dueAt: '2026-04-02 09:00' },
  ])('inside the contact’s windows: $case', ({ windows, dueAt }) => {
    expect(nextPlannedCallback({ relationshipStart: start, lastDoneAt: null, preferredWindows: windows }, cn).dueAt).toEqual(sh(dueAt));
  });

  it('counts dates in the company zone: 23:30 UTC on 31 March is 1 April in Shanghai', () => {
    const next = nextPlannedCallback({ relationshipStart: new Date('2026-03-31T23:30:00Z'), lastDoneAt: null }, cn);
    expect(next.dueDate).toBe('2026-05-01'); // from 1 April local, not 31 March
    expect(next.dueAt).toEqual(sh('2026-05-06 09:00'));
    const utc: BusinessCalendar = { ...cn, timeZone: 'UTC' };
    expect(nextPlannedCallback({ relationshipStart: new Date('2026-03-31T23:30:00Z'), lastDoneAt: null }, utc).dueDate).toBe('2026-04-30');
  });

  it('refuses windows that are not windows, and a last callback before the relationship', () => {
    expect(() => nextPlannedCallback({ relationshipStart: start, lastDoneAt: null, preferredWindows: [{ start: '18:00', end: '09:00' }] }, cn)).toThrow(RangeError);
    expect(() => nextPlannedCallback({ relationshipStart: start, lastDoneAt: sh('2026-01-01 10:00') }, cn)).toThrow(RangeError);
  });
});

describe('callbackSchedule', () => {
  it('gives twelve monthly callbacks in the first year, then quarters', () => {
    const plan = callbackSchedule({ relationshipStart: sh('2026-01-15 10:00') }, 14, cn);
    expect(plan.map((p) => `${p.dueDate} ${p.cadence}`)).toEqual([
      '2026-02-15 monthly',
      '2026-03-15 monthly',
      '2026-04-15 monthly',
      '2026-05-15 monthly',
      '2026-06-15 monthly',
      '2026-07-15 monthly',
      '2026-08-15 monthly',
      '2026-09-15 monthly',
      '2026-10-15 monthly',
      '2026-11-15 monthly',
      '2026-12-15 monthly',
      '2027-03-15 quarterly',
      '2027-06-15 quarterly',
      '2027-09-15 quarterly',
    ]);
    // 2026-02-15 is a Sunday in the Spring Festival break: the call is on its first working day
    expect(plan[0]!.dueAt).toEqual(sh('2026-02-24 09:00'));
  });

  it('a start on the 31st keeps clamping from each due date', () => {
    const plan = callbackSchedule({ relationshipStart: sh('2026-01-31 10:00') }, 3, cn);
    expect(plan.map((p) => p.dueDate)).toEqual(['2026-02-28', '2026-03-28', '2026-04-28']);
  });

  it('is empty for no callbacks', () => {
    expect(callbackSchedule({ relationshipStart: sh('2026-01-31 10:00') }, 0, cn)).toEqual([]);
  });
});
