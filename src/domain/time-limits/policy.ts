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

/**
 * The sources are written for the admins who read them (Chinese, as the console's default), with
 * the same citations as PRODUCT.md §7: the seed document, the standard or the regulation.
 * Versions already stored keep the text they were saved with; only a new database gets this one.
 */
const GBT_27917 = '《快递服务》国家标准 GB/T 27917（2011 年版）';
const YZT_0128 = '邮政行业标准《快递服务》YZ/T 0128-2007';
const OWN = '公司默认值，种子文档和标准均未给出数字';
const STALLED = 'PRODUCT.md §1「停滞：N 小时无扫描」';

const rule = (value: number, unit: RuleUnit, source: string): TimeLimitRule => ({ value, unit, source });

/**
 * The note of version 1, written when a database starts on the defaults (shown as 修改说明). Only
 * new databases get it: versions already stored keep their note (older ones say "PRODUCT.md §7 defaults").
 */
export const DEFAULT_POLICY_NOTE = '系统默认（依据 PRODUCT.md §7）';

/** Version 1: the defaults of PRODUCT.md §7. */
export const DEFAULT_TIME_LIMIT_POLICY: TimeLimitPolicy = deepFreeze({
  version: 1,
  rules: {
    promiseSameCity: rule(24, 'hours', `同城 24 小时（种子文档 001「同1 异3」；${GBT_27917}）`),
    promiseIntraProvince: rule(72, 'hours', `国内异地 72 小时（种子文档 001「同1 异3」；${GBT_27917}）`),
    promiseInterProvince: rule(72, 'hours', `国内异地 72 小时（种子文档 001「同1 异3」；${GBT_27917}）`),
    promiseHmt: rule(6, 'working_days', `港澳台 6 个工作日（${GBT_27917}）`),
    promiseInternationalAsia: rule(6, 'working_days', `国际·亚洲 6 个工作日（${GBT_27917}）`),
    promiseInternationalNorthAmerica: rule(6, 'working_days', `国际·北美洲 6 个工作日（${GBT_27917}）`),
    promiseInternationalEurope: rule(8, 'working_days', `国际·欧洲 8 个工作日（${GBT_27917}）`),
    promiseInternationalOceania: rule(9, 'working_days', `国际·大洋洲 9 个工作日（${GBT_27917}）`),
    promiseInternationalOther: rule(7, 'working_days', '国际·其他地区 7 个工作日（种子文档 001「国际 7」）'),
    completeDelaySameCity: rule(3, 'days', '彻底延误：同城超过承诺时限 3 天（种子文档 001；GB/T 27917 国内件）'),
    completeDelayDomestic: rule(7, 'days', '彻底延误：异地超过承诺时限 7 天（种子文档 001；GB/T 27917 国内件）'),
    completeDelayHmt: rule(10, 'days', '彻底延误：PRODUCT.md §7 未单列港澳台，按国际件超过承诺时限 10 天（种子文档 001）'),
    completeDelayInternational: rule(10, 'days', '彻底延误：国际超过承诺时限 10 天（种子文档 001）'),
    stalledPickedUp: rule(48, 'hours', `已揽收后 48 小时无后续扫描（${STALLED}；${OWN}）`),
    stalledInTransit: rule(48, 'hours', `运输途中 48 小时无扫描（${STALLED}；${OWN}）`),
    stalledCustoms: rule(120, 'hours', `清关中 120 小时无扫描（${STALLED}；${OWN}）`),
    stalledOutForDelivery: rule(24, 'hours', `派送中 24 小时无扫描（${STALLED}；${OWN}）`),
    stalledFailedAttempt: rule(24, 'hours', `派送失败后 24 小时无再派扫描（${STALLED}；${OWN}）`),
    stalledReturned: rule(48, 'hours', `退回寄件人途中 48 小时无扫描（${STALLED}；${OWN}）`),
    notCollected: rule(72, 'hours', `在快递柜/驿站 72 小时未取件（PRODUCT.md §1「驿站/快递柜滞留」；${OWN}）`),
    undeliverableAttempts: rule(3, 'count', `派送失败 3 次即为无法派送（PRODUCT.md §1「派送失败」；${OWN}）`),
    eventRetention: rule(365, 'days', `运单数据自收寄起 1 年内可查询（种子文档 001；${YZT_0128} §5.3.4）`),
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
