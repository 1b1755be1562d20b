/**
 * The time-limit policy (时效): versioned data, stored as jsonb and shown to admins, each rule
 * with its value, unit and source (docs/product.md §7: "all configurable, versioned, each with its
 * source"). A shipment keeps the version it was promised under.
 */

import { CITATIONS, source, SYSTEM_NOTES } from '../sources.js';

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
  // docs/product.md §7: data queryable 1 year from pickup is the floor (YZ/T 0128-2007 §5.3.4).
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

/**
 * The sources cite the real documents (docs/product.md §7), stored in Chinese and shown in the
 * reader's language (domain/sources.ts). Versions already stored keep the text they were saved
 * with; migration 2026-12-07T0600 added a version citing these.
 */
const C = CITATIONS;
const STALLED = source(C.stalled, C.companyDefault);

const rule = (value: number, unit: RuleUnit, citations: string): TimeLimitRule => ({ value, unit, source: citations });

/** The note of version 1, written when a database starts on the defaults (shown as 修改说明). */
export const DEFAULT_POLICY_NOTE = SYSTEM_NOTES.defaults.zh;

/** Version 1: the defaults of docs/product.md §7. */
export const DEFAULT_TIME_LIMIT_POLICY: TimeLimitPolicy = deepFreeze({
  version: 1,
  rules: {
    promiseSameCity: rule(24, 'hours', source(C.sameCityOneOtherThree, C.gbt27917)),
    promiseIntraProvince: rule(72, 'hours', source(C.sameCityOneOtherThree, C.gbt27917)),
    promiseInterProvince: rule(72, 'hours', source(C.sameCityOneOtherThree, C.gbt27917)),
    promiseHmt: rule(6, 'working_days', source(C.gbt27917)),
    promiseInternationalAsia: rule(6, 'working_days', source(C.gbt27917)),
    promiseInternationalNorthAmerica: rule(6, 'working_days', source(C.gbt27917)),
    promiseInternationalEurope: rule(8, 'working_days', source(C.gbt27917)),
    promiseInternationalOceania: rule(9, 'working_days', source(C.gbt27917)),
    promiseInternationalOther: rule(7, 'working_days', source(C.internationalSeven)),
    completeDelaySameCity: rule(3, 'days', source(C.completeDelay, C.gbt27917Domestic)),
    completeDelayDomestic: rule(7, 'days', source(C.completeDelay, C.gbt27917Domestic)),
    completeDelayHmt: rule(10, 'days', source(C.internationalUnlisted, C.completeDelay)),
    completeDelayInternational: rule(10, 'days', source(C.completeDelay)),
    stalledPickedUp: rule(48, 'hours', STALLED),
    stalledInTransit: rule(48, 'hours', STALLED),
    stalledCustoms: rule(120, 'hours', STALLED),
    stalledOutForDelivery: rule(24, 'hours', STALLED),
    stalledFailedAttempt: rule(24, 'hours', STALLED),
    stalledReturned: rule(48, 'hours', STALLED),
    notCollected: rule(72, 'hours', source(C.stalled, C.companyDefault)),
    undeliverableAttempts: rule(3, 'count', source(C.stalled, C.companyDefault)),
    eventRetention: rule(365, 'days', source(C.retentionOneYear, C.yzt0128Retention)),
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
