import { describe, expect, it } from 'vitest';
import { asciiPunctuationBesideChinese } from '../text.js';
import { APPROVAL_LEVELS, APPROVAL_REFUSAL_CODES, OVERRIDE_REFUSAL_CODES } from './approval.js';
import { CLAIM_ACTIONS, CLAIM_MOVE_REFUSAL_CODES, CLAIM_STATES } from './claim-state.js';
import { EVIDENCE_REVIEWS } from './evidence.js';
import {
  APPROVAL_LEVEL_LABELS,
  CLAIM_ACTION_LABELS,
  CLAIM_REFUSAL_LABELS,
  CLAIM_STATE_LABELS,
  CLAIM_TYPE_LABELS,
  CLAIMS_POLICY_PROBLEM_LABELS,
  describeProposalLine,
  EVIDENCE_ITEM_LABELS,
  EVIDENCE_NEED_LABELS,
  EVIDENCE_REVIEW_LABELS,
  formatYuan,
  LEDGER_KIND_LABELS,
  PAYMENT_TERM_LABELS,
  PROPOSAL_LINE_LABELS,
  rejectionNotice,
  RESPONSIBILITY_BASIS_LABELS,
  type ClaimLabel,
} from './labels.js';
import { CLAIM_TYPES, DEFAULT_CLAIMS_POLICY, EVIDENCE_ITEMS, EVIDENCE_NEEDS, PAYMENT_TERMS } from './policy.js';
import { PROPOSAL_LINE_CODES, PROPOSAL_REFUSAL_CODES, proposeCompensation, type ClaimFacts } from './proposal.js';
import { RESPONSIBILITY_BASES } from './responsibility.js';
import { LEDGER_KINDS, LEDGER_REFUSAL_CODES } from './settlement.js';

const HAN = /\p{Script=Han}/u;

/** Every code family with the labels it must have, one for each code. */
const FAMILIES: [string, readonly string[], Record<string, ClaimLabel>][] = [
  ['claim type', CLAIM_TYPES, CLAIM_TYPE_LABELS],
  ['payment term', PAYMENT_TERMS, PAYMENT_TERM_LABELS],
  ['state', CLAIM_STATES, CLAIM_STATE_LABELS],
  ['action', CLAIM_ACTIONS, CLAIM_ACTION_LABELS],
  ['evidence item', EVIDENCE_ITEMS, EVIDENCE_ITEM_LABELS],
  ['evidence need', EVIDENCE_NEEDS, EVIDENCE_NEED_LABELS],
  ['evidence review', EVIDENCE_REVIEWS, EVIDENCE_REVIEW_LABELS],
  ['proposal line', PROPOSAL_LINE_CODES, PROPOSAL_LINE_LABELS],
  ['ledger kind', LEDGER_KINDS, LEDGER_KIND_LABELS],
  ['approval level', APPROVAL_LEVELS, APPROVAL_LEVEL_LABELS],
  ['responsibility basis', RESPONSIBILITY_BASES, RESPONSIBILITY_BASIS_LABELS],
  ['refusal', [...PROPOSAL_REFUSAL_CODES, ...APPROVAL_REFUSAL_CODES, ...OVERRIDE_REFUSAL_CODES, ...LEDGER_REFUSAL_CODES, ...CLAIM_MOVE_REFUSAL_CODES, 'CLAIM_DUPLICATE_OPEN', 'CLAIM_ALREADY_COMPENSATED', 'RESPONSIBILITY_NO_SITE'], CLAIM_REFUSAL_LABELS],
  ['policy problem', Object.keys(CLAIMS_POLICY_PROBLEM_LABELS), CLAIMS_POLICY_PROBLEM_LABELS],
];

const LABELLED = FAMILIES.flatMap(([family, codes, labels]) => codes.map((code) => ({ what: `${family} ${code}`, label: labels[code] })));

describe('claim labels', () => {
  it.each(FAMILIES)('%s: exactly one label per code', (_family, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
  });

  it.each(LABELLED)('$what reads in Chinese with full-width punctuation, and in English', ({ label }) => {
    expect(label!['zh-CN']).toMatch(HAN);
    expect(asciiPunctuationBesideChinese(label!['zh-CN'])).toEqual([]);
    expect(label!['en-US'].trim()).not.toBe('');
    expect(label!['en-US']).not.toMatch(HAN);
  });
});

describe('describeProposalLine', () => {
  const facts: ClaimFacts = {
    type: 'loss',
    claimedFen: 30_000,
    insured: false,
    declaredValueFen: null,
    insuredValueFen: null,
    insuranceFeeFen: 0,
    freightFen: 2_000,
    paymentTerm: 'monthly',
    customerTier: 'standard',
    pickedUpAt: new Date('2026-03-02T02:00:00Z'),
    filedAt: new Date('2026-03-10T02:00:00Z'),
    assessedValueFen: 50_000,
    damagedShareBp: null,
    weightAtPickupGrams: null,
    weightAtDeliveryGrams: null,
    perishable: false,
    timeCritical: false,
    pastPromisedTime: true,
  };

  it('a 月结 loss over the cap, line by line, in both languages', () => {
    const result = proposeCompensation(facts, DEFAULT_CLAIMS_POLICY);
    if (result.kind !== 'proposal') throw new Error('expected a proposal');
    expect(result.lines.map((line) => describeProposalLine(line, 'zh-CN'))).toEqual([
      '未保价：按实际损失赔偿（核定价值 500.00 元）',
      '未保价赔偿以运费倍数为上限（运费 20.00 元 × 9 = 180.00 元）',
      '退还本次运费（运费 20.00 元）',
    ]);
    expect(result.lines.map((line) => describeProposalLine(line, 'en-US'))).toEqual([
      'Uninsured: the actual loss (assessed value 500.00 yuan)',
      'Uninsured: capped at a multiple of the freight (freight 20.00 yuan × 9 = 180.00 yuan)',
      'This shipment’s freight refunded (freight 20.00 yuan)',
    ]);
  });

  it('a partial damage shows its share; a cap at the claim shows both amounts', () => {
    const result = proposeCompensation({ ...facts, type: 'damage', insured: true, insuredValueFen: 300_000, damagedShareBp: 4_050, claimedFen: 100_000 }, DEFAULT_CLAIMS_POLICY);
    if (result.kind !== 'proposal') throw new Error('expected a proposal');
    expect(result.lines.map((line) => describeProposalLine(line, 'zh-CN'))).toEqual(['按保价金额的损失比例赔偿（保价 3,000.00 元 × 40.5%）', '不超过客户索赔金额（索赔 1,000.00 元，计算所得 1,215.00 元）']);
    for (const line of result.lines) expect(asciiPunctuationBesideChinese(describeProposalLine(line, 'zh-CN'))).toEqual([]);
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [123_456_789, '1,234,567.89'],
    [-36_000, '-360.00'],
  ])('formatYuan(%i) = %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});

describe('rejectionNotice', () => {
  it('tells the reason, the dispute and the appeal to the regulator, in full-width punctuation', () => {
    const zh = rejectionNotice('签收时外包装完好且未提出异议。', 'zh-CN');
    expect(zh).toBe(
      '很抱歉，您的理赔申请未获批准，原因：签收时外包装完好且未提出异议。如对结果有异议，您可以对本次理赔提出异议，由主管复核；如自投诉之日起 7 日内未得到答复，或对处理结果仍不满意，可以向邮政管理部门申诉（电话 12305）。',
    );
    expect(asciiPunctuationBesideChinese(zh)).toEqual([]);
  });

  it('in English, without a doubled stop', () => {
    expect(rejectionNotice('The packaging was intact at delivery. ', 'en-US')).toMatch(/^We are sorry: your claim was not approved\. Reason: The packaging was intact at delivery\. If you disagree/);
  });
});
