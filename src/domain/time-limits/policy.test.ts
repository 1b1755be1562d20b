import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_POLICY, TIME_LIMIT_RULE_KEYS, validatePolicy, type PolicyProblemCode } from './policy.js';

const defaults = () => structuredClone(DEFAULT_TIME_LIMIT_POLICY.rules) as Record<string, unknown>;
const withRule = (key: string, rule: unknown) => ({ ...defaults(), [key]: rule });
const changed = (key: keyof typeof DEFAULT_TIME_LIMIT_POLICY.rules, change: Record<string, unknown>) =>
  withRule(key, { ...DEFAULT_TIME_LIMIT_POLICY.rules[key], ...change });

describe('DEFAULT_TIME_LIMIT_POLICY', () => {
  it('is version 1, valid, and survives a jsonb round trip unchanged', () => {
    expect(DEFAULT_TIME_LIMIT_POLICY.version).toBe(1);
    expect(validatePolicy(DEFAULT_TIME_LIMIT_POLICY.rules)).toEqual([]);
    expect(JSON.parse(JSON.stringify(DEFAULT_TIME_LIMIT_POLICY))).toEqual(DEFAULT_TIME_LIMIT_POLICY);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_TIME_LIMIT_POLICY.rules.promiseSameCity)).toBe(true);
  });

  it.each([
    // docs/product.md §7
    { key: 'promiseSameCity', value: 24, unit: 'hours', cites: '公司服务承诺「同1，异3」' },
    { key: 'promiseIntraProvince', value: 72, unit: 'hours', cites: 'GB/T 27917' },
    { key: 'promiseInterProvince', value: 72, unit: 'hours', cites: 'GB/T 27917' },
    { key: 'promiseHmt', value: 6, unit: 'working_days', cites: 'GB/T 27917' },
    { key: 'promiseInternationalAsia', value: 6, unit: 'working_days', cites: 'GB/T 27917' },
    { key: 'promiseInternationalNorthAmerica', value: 6, unit: 'working_days', cites: 'GB/T 27917' },
    { key: 'promiseInternationalEurope', value: 8, unit: 'working_days', cites: 'GB/T 27917' },
    { key: 'promiseInternationalOceania', value: 9, unit: 'working_days', cites: 'GB/T 27917' },
    { key: 'promiseInternationalOther', value: 7, unit: 'working_days', cites: '公司服务承诺「国际7」' },
    { key: 'completeDelaySameCity', value: 3, unit: 'days', cites: '公司服务承诺「彻底延误' },
    { key: 'completeDelayDomestic', value: 7, unit: 'days', cites: '公司服务承诺「彻底延误' },
    { key: 'completeDelayHmt', value: 10, unit: 'days', cites: '国际' },
    { key: 'completeDelayInternational', value: 10, unit: 'days', cites: '公司服务承诺「彻底延误' },
    { key: 'stalledInTransit', value: 48, unit: 'hours', cites: '客服手册 §2.3.3' },
    { key: 'stalledOutForDelivery', value: 24, unit: 'hours', cites: '客服手册 §2.3.3' },
    { key: 'stalledCustoms', value: 120, unit: 'hours', cites: '客服手册 §2.3.3' },
    { key: 'notCollected', value: 72, unit: 'hours', cites: '客服手册 §2.3.3' },
    { key: 'undeliverableAttempts', value: 3, unit: 'count', cites: '客服手册 §2.3.3' },
    { key: 'eventRetention', value: 365, unit: 'days', cites: 'YZ/T 0128-2007《快递服务》 §5.3.4' },
  ] as const)('$key = $value $unit, citing $cites', ({ key, value, unit, cites }) => {
    const rule = DEFAULT_TIME_LIMIT_POLICY.rules[key];
    expect(rule).toMatchObject({ value, unit });
    expect(rule.source).toContain(cites);
  });

  it('every rule names its source', () => {
    for (const key of TIME_LIMIT_RULE_KEYS) expect(DEFAULT_TIME_LIMIT_POLICY.rules[key].source.length).toBeGreaterThan(10);
  });
});

describe('validatePolicy', () => {
  it.each<{ case: string; rules: unknown; problems: { rule: string; code: PolicyProblemCode }[] }>([
    { case: 'not an object', rules: null, problems: [{ rule: '', code: 'not_an_object' }] },
    { case: 'an array', rules: [], problems: [{ rule: '', code: 'not_an_object' }] },
    {
      case: 'a rule left out',
      rules: Object.fromEntries(Object.entries(defaults()).filter(([k]) => k !== 'notCollected')),
      problems: [{ rule: 'notCollected', code: 'missing' }],
    },
    { case: 'a rule that is not an object', rules: withRule('notCollected', 72), problems: [{ rule: 'notCollected', code: 'missing' }] },
    { case: 'an unknown rule', rules: withRule('promiseMars', { value: 1, unit: 'hours', source: 'x' }), problems: [{ rule: 'promiseMars', code: 'unknown_rule' }] },
    { case: 'value as text', rules: changed('promiseSameCity', { value: '24' }), problems: [{ rule: 'promiseSameCity', code: 'not_a_number' }] },
    { case: 'value NaN', rules: changed('promiseSameCity', { value: Number.NaN }), problems: [{ rule: 'promiseSameCity', code: 'not_a_number' }] },
    { case: 'fraction', rules: changed('promiseSameCity', { value: 24.5 }), problems: [{ rule: 'promiseSameCity', code: 'not_an_integer' }] },
    { case: 'zero', rules: changed('promiseSameCity', { value: 0 }), problems: [{ rule: 'promiseSameCity', code: 'out_of_range' }] },
    { case: 'negative', rules: changed('stalledInTransit', { value: -48 }), problems: [{ rule: 'stalledInTransit', code: 'out_of_range' }] },
    { case: 'lowest allowed', rules: changed('promiseSameCity', { value: 1 }), problems: [] },
    { case: 'highest allowed (720 h)', rules: changed('promiseSameCity', { value: 720 }), problems: [] },
    { case: 'above the range', rules: changed('promiseSameCity', { value: 721 }), problems: [{ rule: 'promiseSameCity', code: 'out_of_range' }] },
    { case: '60 working days', rules: changed('promiseHmt', { value: 60 }), problems: [] },
    { case: '61 working days', rules: changed('promiseHmt', { value: 61 }), problems: [{ rule: 'promiseHmt', code: 'out_of_range' }] },
    { case: '11 attempts', rules: changed('undeliverableAttempts', { value: 11 }), problems: [{ rule: 'undeliverableAttempts', code: 'out_of_range' }] },
    {
      case: 'retention under the 1-year floor (YZ/T 0128-2007 §5.3.4)',
      rules: changed('eventRetention', { value: 364 }),
      problems: [{ rule: 'eventRetention', code: 'out_of_range' }],
    },
    { case: 'retention of 2 years', rules: changed('eventRetention', { value: 730 }), problems: [] },
    { case: 'wrong unit', rules: changed('promiseHmt', { unit: 'hours' }), problems: [{ rule: 'promiseHmt', code: 'wrong_unit' }] },
    { case: 'empty source', rules: changed('promiseHmt', { source: '' }), problems: [{ rule: 'promiseHmt', code: 'missing_source' }] },
    { case: 'blank source', rules: changed('promiseHmt', { source: '   ' }), problems: [{ rule: 'promiseHmt', code: 'missing_source' }] },
    { case: 'no source', rules: withRule('promiseHmt', { value: 6, unit: 'working_days' }), problems: [{ rule: 'promiseHmt', code: 'missing_source' }] },
    {
      case: 'several problems in one rule',
      rules: withRule('promiseHmt', { value: 0, unit: 'days', source: '' }),
      problems: [
        { rule: 'promiseHmt', code: 'out_of_range' },
        { rule: 'promiseHmt', code: 'wrong_unit' },
        { rule: 'promiseHmt', code: 'missing_source' },
      ],
    },
  ])('$case', ({ rules, problems }) => {
    expect(validatePolicy(rules).map(({ rule, code }) => ({ rule, code }))).toEqual(problems);
  });

  it('says what is wrong in words', () => {
    expect(validatePolicy(changed('promiseSameCity', { value: 0 }))[0]?.message).toBe('promiseSameCity: value must be between 1 and 720 hours');
  });
});
