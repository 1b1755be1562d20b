import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../sla/calendar.js';
import { sourceText } from '../sources.js';
import { claimClockTargets, claimValidUntil } from './clocks.js';
import {
  CLAIM_TYPES,
  DEFAULT_CLAIMS_POLICY,
  evidenceChecklist,
  uninsuredCapMultiple,
  validateClaimsPolicy,
  type ClaimsPolicy,
} from './policy.js';
import { claimsPolicyProblems } from './usable.js';

const P = DEFAULT_CLAIMS_POLICY;
const HAN = /\p{Script=Han}/u;
const INTERNAL = /\b[Ss]eeds?\b|种子|PRODUCT|STYLE|\.md\b/;
/** A Shanghai wall time as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);
const clone = (): ClaimsPolicy['rules'] => JSON.parse(JSON.stringify(P.rules)) as ClaimsPolicy['rules'];

describe('the default claims policy', () => {
  it.each([
    { rule: 'validityMonths', value: 12, unit: 'months' },
    { rule: 'uninsuredCapMultiple', value: 7, unit: 'times' },
    { rule: 'agentApprovalMaxFen', value: 50_000, unit: 'fen' },
    { rule: 'supervisorApprovalMaxFen', value: 500_000, unit: 'fen' },
    { rule: 'answerAfterEvidence', value: 1, unit: 'working_days' },
    { rule: 'payAfterApproval', value: 7, unit: 'days' },
    { rule: 'complaintCeiling', value: 7, unit: 'days' },
  ] as const)('$rule is $value $unit', ({ rule, value, unit }) => {
    expect(P.rules[rule]).toMatchObject({ value, unit });
  });

  it('is valid', () => {
    expect(validateClaimsPolicy(P.rules)).toEqual([]);
  });

  const sources = [
    ...Object.entries(P.rules).flatMap(([key, r]) => ('source' in r && typeof r.source === 'string' ? [{ what: key, source: r.source }] : [])),
    ...Object.entries(P.rules.uninsuredCapMultipleByPaymentTerm).map(([term, r]) => ({ what: `multiple ${term}`, source: r.source })),
    ...CLAIM_TYPES.flatMap((type) => P.rules.evidence[type].map((r) => ({ what: `evidence ${type} ${r.item}`, source: r.source }))),
  ];
  it.each(sources)('$what cites a real source, readable in zh-CN and en-US', ({ source }) => {
    expect(sourceText(source, 'zh-CN')).toMatch(HAN);
    expect(sourceText(source, 'zh-CN')).not.toMatch(INTERNAL);
    expect(sourceText(source, 'en-US')).not.toMatch(HAN);
    expect(sourceText(source, 'en-US')).not.toMatch(INTERNAL);
  });
});

describe('uninsuredCapMultiple', () => {
  const withKey: ClaimsPolicy = { version: 2, rules: { ...clone(), uninsuredCapMultipleByTier: { key: { value: 8, unit: 'times', source: '公司默认值' } } } };
  it.each([
    { case: '寄付, standard: the default 7×', policy: P, term: 'sender_pays', tier: 'standard', multiple: 7 },
    { case: '到付, standard: the default 7×', policy: P, term: 'collect', tier: 'standard', multiple: 7 },
    { case: '月结: 9×', policy: P, term: 'monthly', tier: 'standard', multiple: 9 },
    { case: 'a key customer with its own 8×', policy: withKey, term: 'sender_pays', tier: 'key', multiple: 8 },
    { case: 'a key 月结 customer: the higher of 8× and 9×', policy: withKey, term: 'monthly', tier: 'key', multiple: 9 },
  ] as const)('$case', ({ policy, term, tier, multiple }) => {
    expect(uninsuredCapMultiple(policy, term, tier).multiple).toBe(multiple);
  });
});

describe('evidenceChecklist', () => {
  const required = (type: (typeof CLAIM_TYPES)[number], value: number) =>
    evidenceChecklist(P, type, value)
      .filter((i) => i.required)
      .map((i) => i.item);
  it.each([
    { type: 'damage', value: 20_000, items: ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip'] },
    { type: 'damage', value: 100_000, items: ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip'] },
    { type: 'damage', value: 100_001, items: ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip', 'purchase_proof'] },
    { type: 'short_contents', value: 5_000, items: ['weight_at_delivery', 'outer_packaging_photo', 'signed_delivery_slip'] },
    { type: 'frozen_spoiled', value: 5_000, items: ['item_photo', 'signed_delivery_slip'] },
    { type: 'loss', value: 5_000, items: [] },
    { type: 'loss', value: 300_000, items: ['purchase_proof'] },
    { type: 'delay', value: 300_000, items: [] },
  ] as const)('$type worth $value fen needs $items', ({ type, value, items }) => {
    expect(required(type, value)).toEqual(items);
  });
});

describe('validateClaimsPolicy', () => {
  type Edit = (r: Record<string, unknown> & ClaimsPolicy['rules']) => void;
  it.each<{ case: string; edit: Edit; rule: string; code: string }>([
    { case: 'a validity shorter than the 1-year floor', edit: (r) => (r.validityMonths.value = 6), rule: 'validityMonths', code: 'out_of_range' },
    { case: 'a fractional multiple', edit: (r) => (r.uninsuredCapMultiple.value = 7.5), rule: 'uninsuredCapMultiple', code: 'not_an_integer' },
    { case: 'a multiple of zero', edit: (r) => (r.uninsuredCapMultiple.value = 0), rule: 'uninsuredCapMultiple', code: 'out_of_range' },
    { case: 'a complaint ceiling beyond the statutory 7 days', edit: (r) => (r.complaintCeiling.value = 8), rule: 'complaintCeiling', code: 'out_of_range' },
    { case: 'payment later than the promised 7 days', edit: (r) => (r.payAfterApproval.value = 10), rule: 'payAfterApproval', code: 'out_of_range' },
    { case: 'an agent allowed more than a supervisor', edit: (r) => (r.agentApprovalMaxFen.value = 600_000), rule: 'supervisorApprovalMaxFen', code: 'tiers_out_of_order' },
    { case: 'a rule without a source', edit: (r) => (r.answerAfterEvidence.source = '  '), rule: 'answerAfterEvidence', code: 'missing_source' },
    { case: 'a wrong unit', edit: (r) => ((r.payAfterApproval as { unit: string }).unit = 'hours'), rule: 'payAfterApproval', code: 'wrong_unit' },
    { case: 'a rule nobody knows', edit: (r) => (r.bonus = { value: 1 }), rule: 'bonus', code: 'unknown_rule' },
    { case: 'a missing rule', edit: (r) => delete (r as Partial<typeof r>).validityMonths, rule: 'validityMonths', code: 'missing' },
    { case: 'a multiple for an unknown payment term', edit: (r) => ((r.uninsuredCapMultipleByPaymentTerm as Record<string, unknown>).cod = { value: 9, unit: 'times', source: 'x' }), rule: 'uninsuredCapMultipleByPaymentTerm.cod', code: 'unknown_rule' },
    { case: 'a 月结 multiple out of range', edit: (r) => (r.uninsuredCapMultipleByPaymentTerm.monthly!.value = 1000), rule: 'uninsuredCapMultipleByPaymentTerm.monthly', code: 'out_of_range' },
    { case: 'an evidence item nobody knows', edit: (r) => ((r.evidence.damage[0] as { item: string }).item = 'selfie'), rule: 'evidence.damage[0]', code: 'unknown_evidence_item' },
    { case: 'an evidence item listed twice', edit: (r) => r.evidence.damage.push({ ...r.evidence.damage[0]! }), rule: 'evidence.damage[4]', code: 'duplicate_evidence_item' },
    { case: 'an evidence need nobody knows', edit: (r) => ((r.evidence.loss[0] as { need: string }).need = 'sometimes'), rule: 'evidence.loss[0]', code: 'unknown_evidence_need' },
    { case: 'a claim type without a checklist', edit: (r) => delete (r.evidence as Partial<typeof r.evidence>).delay, rule: 'evidence.delay', code: 'missing' },
  ])('refuses $case', ({ edit, rule, code }) => {
    const rules = clone() as Record<string, unknown> & ClaimsPolicy['rules'];
    edit(rules);
    expect(validateClaimsPolicy(rules)).toContainEqual(expect.objectContaining({ rule, code }));
  });

  it.each([null, [], 'rules', 7])('refuses %j as a whole', (input) => {
    expect(validateClaimsPolicy(input)).toEqual([expect.objectContaining({ rule: '', code: 'not_an_object' })]);
  });
});

describe('claimValidUntil (收寄之时限1年)', () => {
  it.each([
    { case: 'a year to the minute', pickup: '2026-03-15 10:00', until: '2027-03-15 10:00' },
    { case: 'late at night in Shanghai, the local date counts', pickup: '2026-06-30 23:30', until: '2027-06-30 23:30' },
    { case: '29 February: the last day of next February', pickup: '2028-02-29 09:00', until: '2029-02-28 09:00' },
  ])('$case', ({ pickup, until }) => {
    expect(claimValidUntil(sh(pickup), P, 'Asia/Shanghai')).toEqual(sh(until));
  });

  it('follows the policy: 24 months', () => {
    const rules = { ...clone(), validityMonths: { value: 24, unit: 'months' as const, source: '公司默认值' } };
    expect(claimValidUntil(sh('2026-03-15 10:00'), { rules }, 'Asia/Shanghai')).toEqual(sh('2028-03-15 10:00'));
  });
});

describe('claim clocks', () => {
  it('answer in 1 working day (540 business minutes of 09:00–18:00), pay in 7 days, the statutory ceiling 7 days', () => {
    expect(claimClockTargets(P, DEFAULT_BUSINESS_CALENDAR)).toEqual({
      answer: { minutes: 540, basis: 'business', source: P.rules.answerAfterEvidence.source },
      payment: { minutes: 7 * 1440, basis: 'calendar', source: P.rules.payAfterApproval.source },
      complaintCeiling: { minutes: 7 * 1440, basis: 'calendar', source: P.rules.complaintCeiling.source },
    });
  });

  it('the default policy works with the default calendar', () => {
    expect(claimsPolicyProblems(P, DEFAULT_BUSINESS_CALENDAR, sh('2026-09-30 17:00'))).toEqual([]);
  });

  it('a calendar without working hours cannot count a working day', () => {
    const calendar = { ...DEFAULT_BUSINESS_CALENDAR, workingHours: [] };
    expect(claimsPolicyProblems(P, calendar, sh('2026-09-30 17:00'))).toEqual([expect.stringContaining('answerAfterEvidence')]);
  });

  it('a calendar whose time zone does not exist cannot date the validity', () => {
    const calendar = { ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Mars/Olympus' };
    expect(claimsPolicyProblems(P, calendar, sh('2026-09-30 17:00'))).toEqual([expect.stringContaining('validityMonths')]);
  });
});
