/**
 * When a shipment is due (promisedAt) and when it counts as lost (completeDelayAt, 彻底延误),
 * from its pickup time and route class under a policy version (docs/product.md §7).
 */
import { ROUTE_CLASSES, type RouteClass } from '../regions/route.js';
import {
  INTERNATIONAL_REGIONS,
  type InternationalRegion,
  type TimeLimitPolicy,
  type TimeLimitRule,
  type TimeLimitRuleKey,
} from './policy.js';
import { addCalendarDays, addHours, addWorkingDays, type WorkingCalendar } from './working-days.js';

export interface TimeLimitInput {
  pickedUpAt: Date;
  routeClass: RouteClass;
  /** for international routes: asia, north_america, europe, oceania; anything else is "other" */
  destinationRegion?: string | null;
  policy: TimeLimitPolicy;
  calendar: WorkingCalendar;
}

export interface TimeLimits {
  promisedAt: Date;
  completeDelayAt: Date;
  /** the rules applied, promise first, so an agent can be shown why */
  ruleKeys: TimeLimitRuleKey[];
}

const INTERNATIONAL_PROMISE: Record<InternationalRegion, TimeLimitRuleKey> = {
  asia: 'promiseInternationalAsia',
  north_america: 'promiseInternationalNorthAmerica',
  europe: 'promiseInternationalEurope',
  oceania: 'promiseInternationalOceania',
};

export function isInternationalRegion(value: string): value is InternationalRegion {
  return (INTERNATIONAL_REGIONS as readonly string[]).includes(value);
}

function promiseRule(routeClass: RouteClass, destinationRegion: string | null | undefined): TimeLimitRuleKey {
  switch (routeClass) {
    case 'same_city':
      return 'promiseSameCity';
    case 'intra_province':
      return 'promiseIntraProvince';
    case 'inter_province':
      return 'promiseInterProvince';
    case 'hmt':
      return 'promiseHmt';
    case 'international':
      return destinationRegion && isInternationalRegion(destinationRegion)
        ? INTERNATIONAL_PROMISE[destinationRegion]
        : 'promiseInternationalOther';
  }
}

/** docs/product.md §7: 彻底延误 同城 3 days, 异地 7 days, 国际 10 days (港澳台 takes 国际's). */
const COMPLETE_DELAY: Record<RouteClass, TimeLimitRuleKey> = {
  same_city: 'completeDelaySameCity',
  intra_province: 'completeDelayDomestic',
  inter_province: 'completeDelayDomestic',
  hmt: 'completeDelayHmt',
  international: 'completeDelayInternational',
};

/** A duration rule applied to an instant: hours are elapsed time, days count in the calendar's zone. */
export function afterRule(start: Date, rule: TimeLimitRule, calendar: WorkingCalendar): Date {
  switch (rule.unit) {
    case 'hours':
      return addHours(start, rule.value);
    case 'working_days':
      return addWorkingDays(start, rule.value, calendar);
    case 'days':
      return addCalendarDays(start, rule.value, calendar.timeZone);
    case 'count':
      throw new RangeError('a count is not a duration');
  }
}

export function computeTimeLimits({ pickedUpAt, routeClass, destinationRegion, policy, calendar }: TimeLimitInput): TimeLimits {
  const promiseKey = promiseRule(routeClass, destinationRegion);
  const promisedAt = afterRule(pickedUpAt, policy.rules[promiseKey], calendar);
  // docs/product.md §7: complete delay is counted from the promised time.
  const delayKey = COMPLETE_DELAY[routeClass];
  const completeDelayAt = afterRule(promisedAt, policy.rules[delayKey], calendar);

  return { promisedAt, completeDelayAt, ruleKeys: [promiseKey, delayKey] };
}

/**
 * Proof that a policy works before it is stored (issue 14, defect 4): the promise and the 彻底延误
 * instant of a parcel picked up at `now` on every route class and international region, each a real
 * instant after `now`. Empty when it works.
 */
export function timeLimitPolicyProblems(policy: TimeLimitPolicy, calendar: WorkingCalendar, now: Date): string[] {
  const routes = ROUTE_CLASSES.flatMap((routeClass): [RouteClass, string | null][] =>
    routeClass === 'international' ? [...INTERNATIONAL_REGIONS, 'other'].map((region) => [routeClass, region]) : [[routeClass, null]],
  );
  const problems: string[] = [];
  for (const [routeClass, destinationRegion] of routes) {
    const label = destinationRegion ? `${routeClass} (${destinationRegion})` : routeClass;
    try {
      const { promisedAt, completeDelayAt } = computeTimeLimits({ pickedUpAt: now, routeClass, destinationRegion, policy, calendar });
      const usable = [promisedAt, completeDelayAt].every((d) => Number.isFinite(d.getTime()) && d.getTime() > now.getTime() && d.getTime() < LATEST_MS);
      if (!usable) problems.push(`${label}: the promise cannot be computed`);
    } catch (error) {
      problems.push(`${label}: the promise cannot be computed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return problems;
}

/** Every instant a promise computes must be a real instant within this reach. */
const LATEST_MS = Date.UTC(9999, 11, 31);
