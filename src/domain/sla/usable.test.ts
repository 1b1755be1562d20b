import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from './calendar.js';
import { CALLBACK_AFTER_MAX_MINUTES, DEFAULT_SLA_POLICY, SLA_TARGET_MAX_MINUTES, validateSlaPolicy, type SlaPolicy } from './policy.js';
import { calendarProblems, slaPolicyProblems } from './usable.js';
import { DEFAULT_TIME_LIMIT_POLICY } from '../time-limits/policy.js';
import { timeLimitPolicyProblems } from '../time-limits/compute.js';

const NOW = new Date('2026-12-07T03:00:00Z');

/** 500 days of holidays from NOW: no working time for longer than a search goes. */
const allHolidays: BusinessCalendar = {
  ...DEFAULT_BUSINESS_CALENDAR,
  workdays: [],
  holidays: Array.from({ length: 500 }, (_, i) => new Date(NOW.getTime() + i * 86_400_000).toISOString().slice(0, 10)),
};

function withQueryTarget(minutes: number, basis: 'calendar' | 'business'): SlaPolicy {
  const policy = structuredClone(DEFAULT_SLA_POLICY) as SlaPolicy;
  policy.rules[0]!.firstResponse = { minutes, basis, source: 'test' };
  return policy;
}

describe('slaPolicyProblems: a policy is proven usable before it is stored', () => {
  it.each([
    { case: 'the default policy and calendar', policy: DEFAULT_SLA_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, problems: [] },
    { case: 'the longest business target', policy: withQueryTarget(SLA_TARGET_MAX_MINUTES, 'business'), calendar: DEFAULT_BUSINESS_CALENDAR, problems: [] },
    { case: 'the longest calendar target', policy: withQueryTarget(SLA_TARGET_MAX_MINUTES, 'calendar'), calendar: DEFAULT_BUSINESS_CALENDAR, problems: [] },
    { case: 'the latest callback', policy: { ...DEFAULT_SLA_POLICY, callbackAfterResolutionMinutes: CALLBACK_AFTER_MAX_MINUTES }, calendar: DEFAULT_BUSINESS_CALENDAR, problems: [] },
    { case: '1e10 calendar minutes (the issue’s value, unvalidated)', policy: withQueryTarget(1e10, 'calendar'), calendar: DEFAULT_BUSINESS_CALENDAR, problems: ['rules[0].firstResponse'] },
    { case: 'business targets in a calendar without working time', policy: DEFAULT_SLA_POLICY, calendar: allHolidays, problems: ['rules[5].firstResponse', 'departmentReply', 'callbackAfterResolutionMinutes'] },
  ])('$case', ({ policy, calendar, problems }) => {
    expect(slaPolicyProblems(policy, calendar, NOW).map((p) => p.split(':')[0])).toEqual(problems);
  });

  it('validation refuses a target beyond 90 days and a callback beyond 30 days before any clock is computed', () => {
    expect(validateSlaPolicy(withQueryTarget(SLA_TARGET_MAX_MINUTES, 'business')).ok).toBe(true);
    expect(validateSlaPolicy(withQueryTarget(SLA_TARGET_MAX_MINUTES + 1, 'business'))).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining('may not exceed')]) });
    expect(validateSlaPolicy({ ...DEFAULT_SLA_POLICY, callbackAfterResolutionMinutes: CALLBACK_AFTER_MAX_MINUTES + 1 })).toMatchObject({ ok: false });
  });
});

describe('calendarProblems', () => {
  it.each([
    { case: 'the default calendar', calendar: DEFAULT_BUSINESS_CALENDAR, problems: [] },
    { case: '500 days of holidays', calendar: allHolidays, problems: ['workingHours', 'callbackHours'] },
  ])('$case', ({ calendar, problems }) => {
    expect(calendarProblems(calendar, NOW).map((p) => p.split(':')[0])).toEqual(problems);
  });
});

describe('timeLimitPolicyProblems: a promise on every route', () => {
  const calendar = { timeZone: 'Asia/Shanghai', holidays: [], workdays: [] };
  it('the default policy works', () => {
    expect(timeLimitPolicyProblems(DEFAULT_TIME_LIMIT_POLICY, calendar, NOW)).toEqual([]);
  });
  it('an unvalidated promise of 1e308 hours is named', () => {
    const policy = structuredClone(DEFAULT_TIME_LIMIT_POLICY);
    policy.rules.promiseSameCity = { ...policy.rules.promiseSameCity, value: 1e308 };
    expect(timeLimitPolicyProblems(policy, calendar, NOW)).toEqual([expect.stringMatching(/^same_city: /)]);
  });
});
