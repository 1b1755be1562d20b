/**
 * The key-customer rule (大客户): a customer whose average monthly spend over the last whole months
 * reaches the threshold is a key account with a dedicated account manager (docs/product.md §5, §7:
 * "average monthly spend ≥ 2,000 yuan", 售后服务流程's 大客户服务制度). Versioned data like the
 * time-limit policy (`domain/time-limits/policy.ts`): each rule keeps its value, unit and source;
 * a customer's tier records the version it was judged under.
 *
 * Money is integer fen (分). Months are calendar months in the company's time zone: a parcel picked
 * up at 00:30 on 1 December in Shanghai is December's, whatever UTC says.
 */

import type { CustomerTier } from '../sla/policy.js';
import { CITATIONS, source } from '../sources.js';
import { fromWallClock, wallClock } from '../time-limits/working-days.js';

export type { CustomerTier };

export type TierRuleUnit = 'fen' | 'months';

export interface TierRule {
  value: number;
  unit: TierRuleUnit;
  /** where the number comes from, shown to admins and account managers */
  source: string;
}

interface TierRuleBounds {
  unit: TierRuleUnit;
  min: number;
  max: number;
}

/** Every rule, its unit and the range an admin may set it to. */
export const TIER_RULES = {
  /** average monthly spend that makes a key account, fen (≥; 1 yuan to 10 million yuan) */
  keyMonthlySpend: { unit: 'fen', min: 100, max: 1_000_000_000 },
  /** whole calendar months averaged, the current month excluded */
  averagedMonths: { unit: 'months', min: 1, max: 24 },
} as const satisfies Record<string, TierRuleBounds>;

export type TierRuleKey = keyof typeof TIER_RULES;
export type TierRules = Record<TierRuleKey, TierRule>;

export interface TierPolicy {
  version: number;
  rules: TierRules;
}

export const TIER_RULE_KEYS = Object.keys(TIER_RULES) as TierRuleKey[];

/** Version 1: the defaults of docs/product.md §7. */
export const DEFAULT_TIER_POLICY: TierPolicy = Object.freeze({
  version: 1,
  rules: Object.freeze({
    keyMonthlySpend: Object.freeze({ value: 200_000, unit: 'fen', source: source(CITATIONS.keyCustomerThreshold) }),
    averagedMonths: Object.freeze({ value: 3, unit: 'months', source: source(CITATIONS.keyCustomerWindow) }),
  }),
}) as TierPolicy;

export type TierProblemCode = 'not_an_object' | 'missing' | 'unknown_rule' | 'not_an_integer' | 'out_of_range' | 'wrong_unit' | 'missing_source';

export interface TierProblem {
  /** the rule key, or '' for the rules object itself */
  rule: string;
  code: TierProblemCode;
  /** English, for logs and the API detail; the console translates by code */
  message: string;
}

/** What is wrong with a set of tier rules an admin wants to save; empty when it may be saved. */
export function validateTierPolicy(rules: unknown): TierProblem[] {
  if (!isRecord(rules)) return [{ rule: '', code: 'not_an_object', message: 'rules must be an object' }];
  const problems: TierProblem[] = [];
  const problem = (rule: string, code: TierProblemCode, message: string) => problems.push({ rule, code, message });
  for (const key of Object.keys(rules)) {
    if (!Object.hasOwn(TIER_RULES, key)) problem(key, 'unknown_rule', `${key}: unknown rule`);
  }
  for (const key of TIER_RULE_KEYS) {
    const bounds: TierRuleBounds = TIER_RULES[key];
    const candidate = rules[key];
    if (!isRecord(candidate)) {
      problem(key, 'missing', `${key}: missing`);
      continue;
    }
    const { value, unit, source: text } = candidate;
    // Fen and months are whole numbers; a float would make "≥ the threshold" depend on rounding.
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) problem(key, 'not_an_integer', `${key}: value must be a whole number of ${bounds.unit}`);
    else if (value < bounds.min || value > bounds.max) problem(key, 'out_of_range', `${key}: value must be between ${bounds.min} and ${bounds.max} ${bounds.unit}`);
    if (unit !== bounds.unit) problem(key, 'wrong_unit', `${key}: unit must be ${bounds.unit}`);
    if (typeof text !== 'string' || text.trim() === '') problem(key, 'missing_source', `${key}: source must say where the number comes from`);
  }
  return problems;
}

/** A calendar month in the company's zone, 'YYYY-MM'. */
export type LocalMonth = string;

/** The local month of an instant in the time zone. */
export function localMonthOf(instant: Date, timeZone: string): LocalMonth {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 7);
}

/** The month `offset` months after `month` ('2026-01', -1 → '2025-12'). */
export function addMonths(month: LocalMonth, offset: number): LocalMonth {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  return new Date(Date.UTC(year, index + offset, 1)).toISOString().slice(0, 7);
}

/** The instant a local month begins in the zone (its first day's local midnight). */
export function monthStart(month: LocalMonth, timeZone: string): Date {
  return fromWallClock(Date.parse(`${month}-01T00:00:00Z`), timeZone);
}

export interface TierWindow {
  /** the whole months averaged, oldest first */
  months: LocalMonth[];
  /** the first instant counted (inclusive) and the end (exclusive): what a job sums */
  from: Date;
  to: Date;
}

/**
 * The months the rule averages at `now`: the last `averagedMonths` whole calendar months before
 * the current local month. The month in progress is left out: a customer judged on 3 December
 * would otherwise have two days of December pulling their average down.
 */
export function tierWindow(now: Date, policy: TierPolicy, timeZone: string): TierWindow {
  const current = localMonthOf(now, timeZone);
  const count = policy.rules.averagedMonths.value;
  const months = Array.from({ length: count }, (_, i) => addMonths(current, i - count));
  return { months, from: monthStart(months[0]!, timeZone), to: monthStart(current, timeZone) };
}

/**
 * tierWindow for assessTier, the last answer kept: a run judges 600,000 customers at one `now`
 * under one policy, and the window's zone arithmetic cost more than the rule itself. The months
 * are shared by the reasons, which nothing mutates.
 */
let lastWindow: { at: number; policy: TierPolicy; timeZone: string; window: TierWindow } | null = null;
function windowOf(now: Date, policy: TierPolicy, timeZone: string): TierWindow {
  const at = now.getTime();
  if (lastWindow && lastWindow.at === at && lastWindow.policy === policy && lastWindow.timeZone === timeZone) return lastWindow.window;
  const window = tierWindow(now, policy, timeZone);
  lastWindow = { at, policy, timeZone, window };
  return window;
}

export interface TierInput {
  /** spend (freight, fen) per local month; months missing from the map spent nothing */
  spendByMonth: ReadonlyMap<LocalMonth, number> | Readonly<Record<LocalMonth, number>>;
  /** a tier staff set by hand (a contract customer designated 大客户); it stands over the numbers */
  pinned?: CustomerTier | null;
}

export type TierReason =
  | { code: 'pinned'; tier: CustomerTier }
  | {
      code: 'average_at_or_above' | 'average_below';
      /** the months averaged, oldest first */
      months: LocalMonth[];
      totalFen: number;
      /** total / months, rounded to the fen (for display: the decision compares the total) */
      averageFen: number;
      thresholdFen: number;
    };

export interface TierDecision {
  tier: CustomerTier;
  reason: TierReason;
  /** the policy version the customer was judged under */
  policyVersion: number;
}

/**
 * The customer's tier at `now`. Every month of the window counts, a month without parcels as 0:
 * the rule is "average monthly spend over the last 3 months", so a new customer's one big month
 * is divided by 3 like anyone's. The comparison is exact in integers (total ≥ threshold × months),
 * never on a rounded average; exactly the threshold is a key account (≥).
 */
export function assessTier(input: TierInput, policy: TierPolicy, now: Date, timeZone: string): TierDecision {
  if (input.pinned) return { tier: input.pinned, reason: { code: 'pinned', tier: input.pinned }, policyVersion: policy.version };
  const { months } = windowOf(now, policy, timeZone);
  const spend = input.spendByMonth;
  const spendOf = (month: LocalMonth): number =>
    (spend instanceof Map ? spend.get(month) : (spend as Readonly<Record<string, number>>)[month]) ?? 0;
  let totalFen = 0;
  for (const month of months) {
    const fen = spendOf(month);
    if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`spend of ${month} must be whole fen ≥ 0, got ${fen}`);
    totalFen += fen;
  }
  const thresholdFen = policy.rules.keyMonthlySpend.value;
  const key = totalFen >= thresholdFen * months.length;
  return {
    tier: key ? 'key' : 'standard',
    reason: {
      code: key ? 'average_at_or_above' : 'average_below',
      months,
      totalFen,
      averageFen: Math.round(totalFen / months.length),
      thresholdFen,
    },
    policyVersion: policy.version,
  };
}

/** The reason in the reader's language, for the customer's timeline and the account page. */
export function tierReasonText(reason: TierReason, locale: 'zh-CN' | 'en-US'): string {
  const yuan = (fen: number) => (fen / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (reason.code === 'pinned') {
    const tier = TIER_LABELS[reason.tier][locale];
    return locale === 'zh-CN' ? `人工指定为${tier}` : `Set by hand to ${tier}`;
  }
  const first = reason.months[0];
  const last = reason.months[reason.months.length - 1];
  const n = reason.months.length;
  if (locale === 'zh-CN') {
    const verdict = reason.code === 'average_at_or_above' ? '达到' : '低于';
    return `${first} 至 ${last} 共 ${n} 个月平均月消费 ${yuan(reason.averageFen)} 元，${verdict}大客户标准 ${yuan(reason.thresholdFen)} 元`;
  }
  const verdict = reason.code === 'average_at_or_above' ? 'reaches' : 'is below';
  return `Average monthly spend over ${first} to ${last} (${n} months) of ${yuan(reason.averageFen)} yuan ${verdict} the key-account threshold of ${yuan(reason.thresholdFen)} yuan`;
}

export const TIER_LABELS: Record<CustomerTier, { 'zh-CN': string; 'en-US': string }> = {
  standard: { 'zh-CN': '普通客户', 'en-US': 'Standard customer' },
  key: { 'zh-CN': '大客户', 'en-US': 'Key account' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
