import { describe, expect, it } from 'vitest';
import type { RouteClass } from '../regions/route.js';
import { computeTimeLimits } from './compute.js';
import { DEFAULT_TIME_LIMIT_POLICY, type TimeLimitPolicy, type TimeLimitRuleKey } from './policy.js';
import type { WorkingCalendar } from './working-days.js';

const calendar: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
};
// Tuesday 2025-09-16 10:00 in Shanghai
const pickedUpAt = new Date('2025-09-16T02:00:00Z');

describe('computeTimeLimits', () => {
  it.each<{ case: string; routeClass: RouteClass; region?: string | null; promised: string; completeDelay: string; ruleKeys: TimeLimitRuleKey[] }>([
    // docs/product.md §7: 同城 24 h, complete delay 3 days after
    { case: '同城', routeClass: 'same_city', promised: '2025-09-17T02:00:00Z', completeDelay: '2025-09-20T02:00:00Z', ruleKeys: ['promiseSameCity', 'completeDelaySameCity'] },
    // 国内异地 72 h, complete delay 7 days after
    {
      case: '省内异地',
      routeClass: 'intra_province',
      promised: '2025-09-19T02:00:00Z',
      completeDelay: '2025-09-26T02:00:00Z',
      ruleKeys: ['promiseIntraProvince', 'completeDelayDomestic'],
    },
    {
      case: '省际',
      routeClass: 'inter_province',
      promised: '2025-09-19T02:00:00Z',
      completeDelay: '2025-09-26T02:00:00Z',
      ruleKeys: ['promiseInterProvince', 'completeDelayDomestic'],
    },
    // 港澳台 6 working days (Tue → next Wed), complete delay 国际's 10 days
    { case: '港澳台', routeClass: 'hmt', promised: '2025-09-24T02:00:00Z', completeDelay: '2025-10-04T02:00:00Z', ruleKeys: ['promiseHmt', 'completeDelayHmt'] },
    {
      case: '国际, Asia 6 working days',
      routeClass: 'international',
      region: 'asia',
      promised: '2025-09-24T02:00:00Z',
      completeDelay: '2025-10-04T02:00:00Z',
      ruleKeys: ['promiseInternationalAsia', 'completeDelayInternational'],
    },
    {
      case: '国际, North America 6 working days',
      routeClass: 'international',
      region: 'north_america',
      promised: '2025-09-24T02:00:00Z',
      completeDelay: '2025-10-04T02:00:00Z',
      ruleKeys: ['promiseInternationalNorthAmerica', 'completeDelayInternational'],
    },
    {
      // 8 working days from Tue 16th: 17 18 19 22 23 24 25 26 → Fri 26th
      case: '国际, Europe 8 working days',
      routeClass: 'international',
      region: 'europe',
      promised: '2025-09-26T02:00:00Z',
      completeDelay: '2025-10-06T02:00:00Z',
      ruleKeys: ['promiseInternationalEurope', 'completeDelayInternational'],
    },
    {
      // 9 working days: … Fri 26th, then Sunday 28th is a 调休 workday
      case: '国际, Oceania 9 working days (a 调休 Sunday counts)',
      routeClass: 'international',
      region: 'oceania',
      promised: '2025-09-28T02:00:00Z',
      completeDelay: '2025-10-08T02:00:00Z',
      ruleKeys: ['promiseInternationalOceania', 'completeDelayInternational'],
    },
    {
      // 7 working days: 17 18 19 22 23 24 25
      case: '国际, other region: 公司服务承诺 国际 7',
      routeClass: 'international',
      region: 'africa',
      promised: '2025-09-25T02:00:00Z',
      completeDelay: '2025-10-05T02:00:00Z',
      ruleKeys: ['promiseInternationalOther', 'completeDelayInternational'],
    },
    {
      case: '国际, region unknown',
      routeClass: 'international',
      region: null,
      promised: '2025-09-25T02:00:00Z',
      completeDelay: '2025-10-05T02:00:00Z',
      ruleKeys: ['promiseInternationalOther', 'completeDelayInternational'],
    },
  ])('$case', ({ routeClass, region, promised, completeDelay, ruleKeys }) => {
    const limits = computeTimeLimits({ pickedUpAt, routeClass, destinationRegion: region, policy: DEFAULT_TIME_LIMIT_POLICY, calendar });
    expect(limits).toEqual({ promisedAt: new Date(promised), completeDelayAt: new Date(completeDelay), ruleKeys });
  });

  it('港澳台 over National Day skips the holidays', () => {
    const limits = computeTimeLimits({ pickedUpAt: new Date('2025-09-30T02:00:00Z'), routeClass: 'hmt', policy: DEFAULT_TIME_LIMIT_POLICY, calendar });
    expect(limits.promisedAt).toEqual(new Date('2025-10-15T02:00:00Z'));
  });

  it('follows the policy version it is given', () => {
    const v2: TimeLimitPolicy = {
      version: 2,
      rules: {
        ...DEFAULT_TIME_LIMIT_POLICY.rules,
        promiseSameCity: { value: 12, unit: 'hours', source: 'test: 半日达' },
        completeDelaySameCity: { value: 2, unit: 'days', source: 'test' },
      },
    };
    const limits = computeTimeLimits({ pickedUpAt, routeClass: 'same_city', policy: v2, calendar });
    expect(limits.promisedAt).toEqual(new Date('2025-09-16T14:00:00Z'));
    expect(limits.completeDelayAt).toEqual(new Date('2025-09-18T14:00:00Z'));
  });
});
