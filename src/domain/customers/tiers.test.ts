import { describe, expect, it } from 'vitest';
import { sourceText } from '../sources.js';
import { addMonths, assessTier, DEFAULT_TIER_POLICY, localMonthOf, tierReasonText, tierWindow, validateTierPolicy, type TierPolicy } from './tiers.js';

const SH = 'Asia/Shanghai';
const policy = DEFAULT_TIER_POLICY;
/** Sep, Oct, Nov 2026: the window of any instant in December 2026 (Shanghai). */
const DEC = new Date('2026-12-07T08:00:00+08:00');
const spend = (sep: number, oct: number, nov: number) => ({ '2026-09': sep, '2026-10': oct, '2026-11': nov });

describe('the default key-customer policy', () => {
  it('is 2,000 yuan a month over the last 3 whole months, each with a source readable in both languages', () => {
    expect(policy.rules.keyMonthlySpend).toMatchObject({ value: 200_000, unit: 'fen' });
    expect(policy.rules.averagedMonths).toMatchObject({ value: 3, unit: 'months' });
    expect(sourceText(policy.rules.keyMonthlySpend.source, 'zh-CN')).toContain('售后服务流程');
    expect(sourceText(policy.rules.keyMonthlySpend.source, 'en-US')).toMatch(/^After-sales service process .*2,000 yuan/);
    expect(validateTierPolicy(policy.rules)).toEqual([]);
  });
});

describe('assessTier', () => {
  it.each([
    { case: 'exactly 2,000 yuan every month: key (≥)', months: spend(200_000, 200_000, 200_000), tier: 'key', total: 600_000 },
    { case: 'one fen short over the window: standard', months: spend(200_000, 200_000, 199_999), tier: 'standard', total: 599_999 },
    { case: 'uneven months that average exactly the threshold', months: spend(0, 0, 600_000), tier: 'key', total: 600_000 },
    { case: 'a new customer’s one big month is divided by 3', months: spend(0, 0, 500_000), tier: 'standard', total: 500_000 },
    { case: 'no parcels at all', months: {}, tier: 'standard', total: 0 },
    { case: 'months outside the window do not count', months: { ...spend(0, 0, 0), '2026-08': 9_000_000, '2026-12': 9_000_000 }, tier: 'standard', total: 0 },
    { case: 'a large spender', months: spend(1_000_000, 2_000_000, 3_000_000), tier: 'key', total: 6_000_000 },
  ])('$case', ({ months, tier, total }) => {
    const decision = assessTier({ spendByMonth: months }, policy, DEC, SH);
    expect(decision.tier).toBe(tier);
    expect(decision.policyVersion).toBe(1);
    expect(decision.reason).toMatchObject({
      code: tier === 'key' ? 'average_at_or_above' : 'average_below',
      months: ['2026-09', '2026-10', '2026-11'],
      totalFen: total,
      averageFen: Math.round(total / 3),
      thresholdFen: 200_000,
    });
  });

  it('decides on the exact total, not a rounded average', () => {
    // 599,999 / 3 = 199,999.67 rounds to 200,000 for display, but it is below the threshold
    const decision = assessTier({ spendByMonth: spend(199_999, 200_000, 200_000) }, policy, DEC, SH);
    expect(decision.reason).toMatchObject({ averageFen: 200_000, totalFen: 599_999 });
    expect(decision.tier).toBe('standard');
  });

  it('takes a Map as well as a record', () => {
    const map = new Map(Object.entries(spend(300_000, 300_000, 0)));
    expect(assessTier({ spendByMonth: map }, policy, DEC, SH).tier).toBe('key');
  });

  it.each([
    { pinned: 'key' as const, months: {} },
    { pinned: 'standard' as const, months: spend(9_000_000, 9_000_000, 9_000_000) },
  ])('a tier set by hand ($pinned) stands over the numbers', ({ pinned, months }) => {
    expect(assessTier({ spendByMonth: months, pinned }, policy, DEC, SH)).toEqual({ tier: pinned, reason: { code: 'pinned', tier: pinned }, policyVersion: 1 });
  });

  it('follows the policy version: a 1-month window at 500 yuan', () => {
    const edited: TierPolicy = {
      version: 4,
      rules: { keyMonthlySpend: { value: 50_000, unit: 'fen', source: '公司调整' }, averagedMonths: { value: 1, unit: 'months', source: '公司调整' } },
    };
    const decision = assessTier({ spendByMonth: spend(0, 0, 50_000) }, edited, DEC, SH);
    expect(decision).toMatchObject({ tier: 'key', policyVersion: 4, reason: { months: ['2026-11'], thresholdFen: 50_000 } });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a spend that is not whole fen ≥ 0 (%s)', (bad) => {
    expect(() => assessTier({ spendByMonth: spend(0, bad, 0) }, policy, DEC, SH)).toThrow(RangeError);
  });
});

describe('tierWindow: whole months in the company zone', () => {
  it.each([
    { case: 'first minute of December in Shanghai (still November in UTC)', now: '2026-11-30T16:00:00Z', zone: SH, months: ['2026-09', '2026-10', '2026-11'] },
    { case: 'last minute of November in Shanghai', now: '2026-11-30T15:59:59Z', zone: SH, months: ['2026-08', '2026-09', '2026-10'] },
    { case: 'across the new year', now: '2027-01-01T00:00:00+08:00', zone: SH, months: ['2026-10', '2026-11', '2026-12'] },
    { case: 'February in the window', now: '2026-03-15T12:00:00+08:00', zone: SH, months: ['2025-12', '2026-01', '2026-02'] },
    { case: 'the same instant in UTC is still November', now: '2026-11-30T16:00:00Z', zone: 'UTC', months: ['2026-08', '2026-09', '2026-10'] },
    { case: 'New York, first hour of December', now: '2026-12-01T05:30:00Z', zone: 'America/New_York', months: ['2026-09', '2026-10', '2026-11'] },
  ])('$case', ({ now, zone, months }) => {
    expect(tierWindow(new Date(now), policy, zone).months).toEqual(months);
  });

  it('gives the instants a job sums between: local midnights, end exclusive', () => {
    const window = tierWindow(DEC, policy, SH);
    expect(window.from.toISOString()).toBe('2026-08-31T16:00:00.000Z');
    expect(window.to.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('counts a month that has a DST change by its local midnights (Berlin, October)', () => {
    const window = tierWindow(new Date('2026-11-15T12:00:00Z'), { ...policy, rules: { ...policy.rules, averagedMonths: { ...policy.rules.averagedMonths, value: 1 } } }, 'Europe/Berlin');
    expect(window.months).toEqual(['2026-10']);
    expect(window.from.toISOString()).toBe('2026-09-30T22:00:00.000Z'); // CEST, +2
    expect(window.to.toISOString()).toBe('2026-10-31T23:00:00.000Z'); // CET, +1
  });

  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-03', -14, '2025-01'],
    ['2026-05', 0, '2026-05'],
  ])('addMonths(%s, %i) = %s', (month, offset, expected) => {
    expect(addMonths(month, offset)).toBe(expected);
  });

  it('a parcel at 00:30 on 1 December in Shanghai is December’s', () => {
    expect(localMonthOf(new Date('2026-11-30T16:30:00Z'), SH)).toBe('2026-12');
    expect(localMonthOf(new Date('2026-11-30T16:30:00Z'), 'UTC')).toBe('2026-11');
  });
});

describe('validateTierPolicy', () => {
  const ok = DEFAULT_TIER_POLICY.rules;
  it.each([
    { case: 'not an object', rules: [], codes: ['not_an_object'] },
    { case: 'a rule missing', rules: { keyMonthlySpend: ok.keyMonthlySpend }, codes: ['missing'] },
    { case: 'an unknown rule', rules: { ...ok, vipSpend: ok.keyMonthlySpend }, codes: ['unknown_rule'] },
    { case: 'yuan with a fraction of a fen', rules: { ...ok, keyMonthlySpend: { ...ok.keyMonthlySpend, value: 2000.005 } }, codes: ['not_an_integer'] },
    { case: 'zero months', rules: { ...ok, averagedMonths: { ...ok.averagedMonths, value: 0 } }, codes: ['out_of_range'] },
    { case: '25 months', rules: { ...ok, averagedMonths: { ...ok.averagedMonths, value: 25 } }, codes: ['out_of_range'] },
    { case: 'a threshold below 1 yuan', rules: { ...ok, keyMonthlySpend: { ...ok.keyMonthlySpend, value: 99 } }, codes: ['out_of_range'] },
    { case: 'a threshold in yuan', rules: { ...ok, keyMonthlySpend: { ...ok.keyMonthlySpend, unit: 'yuan' } }, codes: ['wrong_unit'] },
    { case: 'no source', rules: { ...ok, averagedMonths: { ...ok.averagedMonths, source: ' ' } }, codes: ['missing_source'] },
    { case: 'the boundaries themselves', rules: { keyMonthlySpend: { ...ok.keyMonthlySpend, value: 100 }, averagedMonths: { ...ok.averagedMonths, value: 24 } }, codes: [] },
  ])('$case', ({ rules, codes }) => {
    expect(validateTierPolicy(rules).map((p) => p.code)).toEqual(codes);
  });
});

describe('tierReasonText', () => {
  it('says the months, the average and the threshold, in Chinese with Chinese punctuation and in English', () => {
    const { reason } = assessTier({ spendByMonth: spend(250_000, 250_000, 250_050) }, policy, DEC, SH);
    expect(tierReasonText(reason, 'zh-CN')).toBe('2026-09 至 2026-11 共 3 个月平均月消费 2,500.17 元，达到大客户标准 2,000.00 元');
    expect(tierReasonText(reason, 'en-US')).toBe('Average monthly spend over 2026-09 to 2026-11 (3 months) of 2,500.17 yuan reaches the key-account threshold of 2,000.00 yuan');
    expect(tierReasonText({ code: 'pinned', tier: 'key' }, 'zh-CN')).toBe('人工指定为大客户');
  });
});
