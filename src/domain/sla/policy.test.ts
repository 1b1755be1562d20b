import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_TIERS,
  DEFAULT_SLA_POLICY,
  PRIORITIES,
  raisePriority,
  targetsFor,
  TICKET_KINDS,
  validateSlaPolicy,
  type SlaPolicy,
  type SlaRule,
  type SlaTarget,
} from './policy.js';

const minutesOf = (t: SlaTarget | null) => (t === null ? null : `${t.minutes} ${t.basis}`);

describe('DEFAULT_SLA_POLICY', () => {
  it('passes its own validation and is frozen', () => {
    expect(validateSlaPolicy(DEFAULT_SLA_POLICY)).toEqual({ ok: true, policy: DEFAULT_SLA_POLICY });
    expect(Object.isFrozen(DEFAULT_SLA_POLICY.rules[0])).toBe(true);
  });

  it('has the docs/product.md §7 figures and says where each comes from', () => {
    expect(DEFAULT_SLA_POLICY.warnRatio).toBe(0.8);
    expect(DEFAULT_SLA_POLICY.statutoryComplaintCeilingMinutes).toBe(10080);
    expect(DEFAULT_SLA_POLICY.departmentReply).toMatchObject({ minutes: 60, source: expect.stringContaining('客服用语规范') });
    for (const rule of DEFAULT_SLA_POLICY.rules) {
      for (const t of [rule.firstResponse, rule.resolution]) if (t) expect(t.source.trim()).not.toBe('');
    }
  });
});

describe('targetsFor', () => {
  it.each<{ kind: SlaRule['kind']; priority: SlaRule['priority'] & string; tier: SlaRule['tier'] & string; firstResponse: string | null; resolution: string | null; source?: string }>([
    { kind: 'query', priority: 'normal', tier: 'standard', firstResponse: '30 calendar', resolution: '1440 calendar', source: 'YZ/T 0128-2007《快递服务》 §5.3.3' },
    { kind: 'complaint', priority: 'normal', tier: 'standard', firstResponse: '60 calendar', resolution: '10080 calendar', source: '投诉1时回' },
    { kind: 'complaint', priority: 'high', tier: 'standard', firstResponse: '60 calendar', resolution: '10080 calendar' },
    { kind: 'complaint', priority: 'urgent', tier: 'standard', firstResponse: '30 calendar', resolution: '4320 calendar', source: '公司默认值' },
    { kind: 'complaint', priority: 'low', tier: 'key', firstResponse: '30 calendar', resolution: '4320 calendar', source: '公司默认值' },
    { kind: 'complaint', priority: 'urgent', tier: 'key', firstResponse: '30 calendar', resolution: '4320 calendar' },
    { kind: 'claim', priority: 'normal', tier: 'standard', firstResponse: '1440 calendar', resolution: '10080 calendar', source: '公司服务承诺「理赔回复1日回」' },
    { kind: 'suggestion', priority: 'normal', tier: 'standard', firstResponse: '540 business', resolution: null, source: '公司默认值' },
    { kind: 'service_request', priority: 'urgent', tier: 'key', firstResponse: '30 calendar', resolution: '1440 calendar', source: '公司默认值' },
    { kind: 'exception', priority: 'normal', tier: 'standard', firstResponse: '60 calendar', resolution: '1440 calendar', source: '公司默认值' },
  ])('$kind / $priority / $tier', ({ kind, priority, tier, firstResponse, resolution, source }) => {
    const targets = targetsFor(DEFAULT_SLA_POLICY, kind, priority, tier);
    expect(minutesOf(targets.firstResponse)).toBe(firstResponse);
    expect(minutesOf(targets.resolution)).toBe(resolution);
    if (source) expect(targets.firstResponse?.source).toContain(source);
  });

  const t = (minutes: number): SlaTarget => ({ minutes, basis: 'calendar', source: 'test' });
  const layered: SlaPolicy = {
    ...DEFAULT_SLA_POLICY,
    rules: [
      // Listed least specific last on purpose: order must not matter.
      { kind: 'query', priority: 'high', tier: 'key', firstResponse: t(1), resolution: null },
      { kind: 'query', tier: 'key', firstResponse: t(3), resolution: null },
      { kind: 'query', priority: 'high', firstResponse: t(2), resolution: null },
      { kind: 'query', firstResponse: t(4), resolution: null },
    ],
  };

  it.each([
    { priority: 'high', tier: 'key', minutes: 1, why: 'kind + priority + tier' },
    { priority: 'high', tier: 'standard', minutes: 2, why: 'kind + priority beats kind' },
    { priority: 'normal', tier: 'key', minutes: 3, why: 'kind + tier beats kind' },
    { priority: 'normal', tier: 'standard', minutes: 4, why: 'the base rule' },
  ] as const)('most specific rule wins: $why', ({ priority, tier, minutes }) => {
    expect(targetsFor(layered, 'query', priority, tier).firstResponse?.minutes).toBe(minutes);
  });

  it('kind + priority beats kind + tier when both match', () => {
    const policy: SlaPolicy = { ...layered, rules: layered.rules.slice(1) };
    expect(targetsFor(policy, 'query', 'high', 'key').firstResponse?.minutes).toBe(2);
  });

  it('refuses a kind the policy has no rule for', () => {
    expect(() => targetsFor(layered, 'claim', 'normal', 'standard')).toThrow(RangeError);
  });

  it('every kind, priority and tier of the default policy has targets', () => {
    for (const kind of TICKET_KINDS) for (const priority of PRIORITIES) for (const tier of CUSTOMER_TIERS) {
      expect(() => targetsFor(DEFAULT_SLA_POLICY, kind, priority, tier)).not.toThrow();
    }
  });
});

describe('raisePriority', () => {
  it.each([
    ['low', 'normal'],
    ['normal', 'high'],
    ['high', 'urgent'],
    ['urgent', 'urgent'],
  ] as const)('%s → %s', (from, to) => {
    expect(raisePriority(from)).toBe(to);
  });
});

describe('validateSlaPolicy', () => {
  const base = structuredClone(DEFAULT_SLA_POLICY) as SlaPolicy;
  const withRule = (index: number, patch: Record<string, unknown>) => ({
    ...base,
    rules: base.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)),
  });
  const complaintIndex = base.rules.findIndex((r) => r.kind === 'complaint' && !r.priority && !r.tier);
  const queryIndex = base.rules.findIndex((r) => r.kind === 'query');

  it('returns a clean copy without unknown fields', () => {
    const result = validateSlaPolicy({ ...base, extra: 1, rules: base.rules.map((r) => ({ ...r, note: 'x' })) });
    expect(result).toEqual({ ok: true, policy: base });
  });

  it.each<{ case: string; input: unknown; error: string }>([
    { case: 'not an object', input: [], error: 'policy must be an object' },
    { case: 'warnRatio 0', input: { ...base, warnRatio: 0 }, error: 'warnRatio must be a number between 0 and 1' },
    { case: 'warnRatio 1', input: { ...base, warnRatio: 1 }, error: 'warnRatio must be a number between 0 and 1' },
    { case: 'warnRatio a string', input: { ...base, warnRatio: '0.8' }, error: 'warnRatio must be a number between 0 and 1' },
    { case: 'fractional minutes', input: withRule(queryIndex, { firstResponse: { minutes: 30.5, basis: 'calendar', source: 's' } }), error: `rules[${queryIndex}].firstResponse.minutes must be a positive whole number` },
    { case: 'zero minutes', input: withRule(queryIndex, { firstResponse: { minutes: 0, basis: 'calendar', source: 's' } }), error: `rules[${queryIndex}].firstResponse.minutes must be a positive whole number` },
    { case: 'unknown basis', input: withRule(queryIndex, { firstResponse: { minutes: 30, basis: 'lunar', source: 's' } }), error: `rules[${queryIndex}].firstResponse.basis must be calendar or business` },
    { case: 'no source', input: withRule(queryIndex, { firstResponse: { minutes: 30, basis: 'calendar', source: ' ' } }), error: `rules[${queryIndex}].firstResponse.source must say where the number comes from` },
    { case: 'unknown kind', input: withRule(queryIndex, { kind: 'gossip' }), error: `rules[${queryIndex}].kind gossip is not one of` },
    { case: 'unknown priority', input: withRule(queryIndex, { priority: 'asap' }), error: `rules[${queryIndex}].priority asap is not one of` },
    { case: 'unknown tier', input: withRule(queryIndex, { tier: 'vip' }), error: `rules[${queryIndex}].tier vip is not one of` },
    { case: 'a kind without a base rule', input: { ...base, rules: base.rules.filter((r) => r.kind !== 'claim') }, error: 'rules: no base rule (without priority and tier) for claim' },
    { case: 'only a narrowed rule for a kind', input: withRule(queryIndex, { priority: 'high' }), error: 'rules: no base rule (without priority and tier) for query' },
    { case: 'duplicate rules', input: { ...base, rules: [...base.rules, base.rules[queryIndex]] }, error: `rules[${base.rules.length}]: a second rule for query/*/*` },
    { case: 'rules not a list', input: { ...base, rules: {} }, error: 'rules must be a list' },
    {
      case: 'complaint resolution above the statutory 7 days',
      input: withRule(complaintIndex, { resolution: { minutes: 10081, basis: 'calendar', source: 's' } }),
      error: `rules[${complaintIndex}].resolution 10081 minutes exceeds the statutory complaint ceiling of 10080 minutes`,
    },
    {
      case: 'complaint resolution above a stricter company ceiling',
      input: { ...base, statutoryComplaintCeilingMinutes: 4320 },
      error: `rules[${complaintIndex}].resolution 10080 minutes exceeds the statutory complaint ceiling of 4320 minutes`,
    },
    {
      case: 'complaint resolution on business time',
      input: withRule(complaintIndex, { resolution: { minutes: 3000, basis: 'business', source: 's' } }),
      error: `rules[${complaintIndex}].resolution of a complaint must count calendar time`,
    },
    { case: 'complaint without a resolution clock', input: withRule(complaintIndex, { resolution: null }), error: `rules[${complaintIndex}].resolution must be set for a complaint` },
    { case: 'ceiling raised above the law', input: { ...base, statutoryComplaintCeilingMinutes: 20160 }, error: 'statutoryComplaintCeilingMinutes may not exceed the statutory 7 days' },
    { case: 'ceiling missing', input: { ...base, statutoryComplaintCeilingMinutes: undefined }, error: 'statutoryComplaintCeilingMinutes must be a positive whole number' },
    { case: 'callback delay negative', input: { ...base, callbackAfterResolutionMinutes: -60 }, error: 'callbackAfterResolutionMinutes must be a positive whole number' },
    { case: 'department reply missing', input: { ...base, departmentReply: null }, error: 'departmentReply must be set' },
    { case: 'department reply malformed', input: { ...base, departmentReply: { minutes: 60, basis: 'business' } }, error: 'departmentReply.source must say where the number comes from' },
  ])('refuses $case', ({ input, error }) => {
    const result = validateSlaPolicy(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors.join('\n')).toContain(error);
  });
});
