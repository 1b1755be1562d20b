/**
 * The time-limit policy (时效): versioned data, stored as jsonb and shown to admins, each rule
 * with its value, unit and source (PRODUCT.md §7: "all configurable, versioned, each with its
 * source"). A shipment keeps the version it was promised under.
 */

export type RuleUnit = 'hours' | 'working_days' | 'days' | 'count';

export interface TimeLimitRule {
  value: number;
  unit: RuleUnit;
  /** where the number comes from, shown to admins and agents */
  source: string;
}

interface RuleBounds {
  unit: RuleUnit;
  min: number;
  max: number;
}

const HOURS = { unit: 'hours', min: 1, max: 720 } as const;
const WORKING_DAYS = { unit: 'working_days', min: 1, max: 60 } as const;
const DAYS = { unit: 'days', min: 1, max: 90 } as const;

/** Every rule, its unit and the range an admin may set it to. */
export const TIME_LIMIT_RULES = {
  promiseSameCity: HOURS,
  promiseIntraProvince: HOURS,
  promiseInterProvince: HOURS,
  promiseHmt: WORKING_DAYS,
  promiseInternationalAsia: WORKING_DAYS,
  promiseInternationalNorthAmerica: WORKING_DAYS,
  promiseInternationalEurope: WORKING_DAYS,
  promiseInternationalOceania: WORKING_DAYS,
  promiseInternationalOther: WORKING_DAYS,
  completeDelaySameCity: DAYS,
  completeDelayDomestic: DAYS,
  completeDelayHmt: DAYS,
  completeDelayInternational: DAYS,
  stalledPickedUp: HOURS,
  stalledInTransit: HOURS,
  stalledCustoms: HOURS,
  stalledOutForDelivery: HOURS,
  stalledFailedAttempt: HOURS,
  stalledReturned: HOURS,
  notCollected: HOURS,
  undeliverableAttempts: { unit: 'count', min: 1, max: 10 },
  // PRODUCT.md §7: data queryable 1 year from pickup is the floor (YZ/T 0128-2007 §5.3.4).
  eventRetention: { unit: 'days', min: 365, max: 3650 },
} as const satisfies Record<string, RuleBounds>;

export type TimeLimitRuleKey = keyof typeof TIME_LIMIT_RULES;
export type TimeLimitRules = Record<TimeLimitRuleKey, TimeLimitRule>;

export interface TimeLimitPolicy {
  version: number;
  rules: TimeLimitRules;
}

export const TIME_LIMIT_RULE_KEYS = Object.keys(TIME_LIMIT_RULES) as TimeLimitRuleKey[];

/** Destination regions with their own international limit; anything else takes "other". */
export const INTERNATIONAL_REGIONS = ['asia', 'north_america', 'europe', 'oceania'] as const;
export type InternationalRegion = (typeof INTERNATIONAL_REGIONS)[number];

const GBT_27917 = 'GB/T 27917 (2011 ed.)';
const OWN = 'ParcelDesk default, no seed or standard gives a figure';

const rule = (value: number, unit: RuleUnit, source: string): TimeLimitRule => ({ value, unit, source });

/** Version 1: the defaults of PRODUCT.md §7. */
export const DEFAULT_TIME_LIMIT_POLICY: TimeLimitPolicy = deepFreeze({
  version: 1,
  rules: {
    promiseSameCity: rule(24, 'hours', `PRODUCT.md §7: 同城 24 h (seed 001 "同1 异3"; ${GBT_27917})`),
    promiseIntraProvince: rule(72, 'hours', `PRODUCT.md §7: 国内异地 72 h (seed 001 "同1 异3"; ${GBT_27917})`),
    promiseInterProvince: rule(72, 'hours', `PRODUCT.md §7: 国内异地 72 h (seed 001 "同1 异3"; ${GBT_27917})`),
    promiseHmt: rule(6, 'working_days', `PRODUCT.md §7: 港澳台 6 working days (${GBT_27917})`),
    promiseInternationalAsia: rule(6, 'working_days', `PRODUCT.md §7: 国际, Asia 6 working days (${GBT_27917})`),
    promiseInternationalNorthAmerica: rule(6, 'working_days', `PRODUCT.md §7: 国际, North America 6 working days (${GBT_27917})`),
    promiseInternationalEurope: rule(8, 'working_days', `PRODUCT.md §7: 国际, Europe 8 working days (${GBT_27917})`),
    promiseInternationalOceania: rule(9, 'working_days', `PRODUCT.md §7: 国际, Oceania 9 working days (${GBT_27917})`),
    promiseInternationalOther: rule(7, 'working_days', 'PRODUCT.md §7: 国际, other destinations 7 working days (seed 001 "国际 7")'),
    completeDelaySameCity: rule(3, 'days', 'PRODUCT.md §7: 彻底延误 同城 3 days after the promised time (seed 001; GB/T 27917 domestic)'),
    completeDelayDomestic: rule(7, 'days', 'PRODUCT.md §7: 彻底延误 异地 7 days after the promised time (seed 001; GB/T 27917 domestic)'),
    completeDelayHmt: rule(10, 'days', 'PRODUCT.md §7 names no 港澳台 figure: uses 国际 10 days after the promised time (seed 001)'),
    completeDelayInternational: rule(10, 'days', 'PRODUCT.md §7: 彻底延误 国际 10 days after the promised time (seed 001)'),
    stalledPickedUp: rule(48, 'hours', `PRODUCT.md §1 "stalled (no scan for N hours)": picked up, no further scan for 48 h (${OWN})`),
    stalledInTransit: rule(48, 'hours', `PRODUCT.md §1 "stalled (no scan for N hours)": in transit, no scan for 48 h (${OWN})`),
    stalledCustoms: rule(120, 'hours', `PRODUCT.md §1 "stalled (no scan for N hours)": in customs, no scan for 120 h (${OWN})`),
    stalledOutForDelivery: rule(24, 'hours', `PRODUCT.md §1 "stalled (no scan for N hours)": out for delivery, no scan for 24 h (${OWN})`),
    stalledFailedAttempt: rule(24, 'hours', `PRODUCT.md §1 "stalled (no scan for N hours)": failed attempt, no redelivery scan for 24 h (${OWN})`),
    stalledReturned: rule(48, 'hours', `PRODUCT.md §1 "stalled (no scan for N hours)": returning to sender, no scan for 48 h (${OWN})`),
    notCollected: rule(72, 'hours', `PRODUCT.md §1 "held at locker/station (驿站)": not collected after 72 h (${OWN})`),
    undeliverableAttempts: rule(3, 'count', `PRODUCT.md §1 "attempt failed" → undeliverable after 3 failed attempts (${OWN})`),
    eventRetention: rule(365, 'days', 'PRODUCT.md §7: shipment data queryable 1 year from pickup (seed 001; YZ/T 0128-2007 §5.3.4)'),
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}

export type PolicyProblemCode =
  | 'not_an_object'
  | 'missing'
  | 'unknown_rule'
  | 'not_a_number'
  | 'not_an_integer'
  | 'out_of_range'
  | 'wrong_unit'
  | 'missing_source';

export interface PolicyProblem {
  /** the rule key, or '' for the rules object itself */
  rule: string;
  code: PolicyProblemCode;
  /** English, for logs and the API detail; the console translates by code */
  message: string;
}

/** What is wrong with a set of rules an admin wants to save; empty when it may be saved. */
export function validatePolicy(rules: unknown): PolicyProblem[] {
  if (!isRecord(rules)) return [{ rule: '', code: 'not_an_object', message: 'rules must be an object' }];
  const problems: PolicyProblem[] = [];
  const problem = (rule: string, code: PolicyProblemCode, message: string) => problems.push({ rule, code, message });

  for (const key of Object.keys(rules)) {
    if (!Object.hasOwn(TIME_LIMIT_RULES, key)) problem(key, 'unknown_rule', `${key}: unknown rule`);
  }
  for (const key of TIME_LIMIT_RULE_KEYS) {
    const bounds: RuleBounds = TIME_LIMIT_RULES[key];
    const candidate = rules[key];
    if (!isRecord(candidate)) {
      problem(key, 'missing', `${key}: missing`);
      continue;
    }
    const { value, unit, source } = candidate;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problem(key, 'not_a_number', `${key}: value must be a number`);
    } else if (!Number.isInteger(value)) {
      problem(key, 'not_an_integer', `${key}: value must be a whole number of ${bounds.unit}`);
    } else if (value < bounds.min || value > bounds.max) {
      problem(key, 'out_of_range', `${key}: value must be between ${bounds.min} and ${bounds.max} ${bounds.unit}`);
    }
    if (unit !== bounds.unit) problem(key, 'wrong_unit', `${key}: unit must be ${bounds.unit}`);
    if (typeof source !== 'string' || source.trim() === '') problem(key, 'missing_source', `${key}: source must say where the number comes from`);
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
