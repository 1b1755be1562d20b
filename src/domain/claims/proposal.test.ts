import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceText } from '../sources.js';
import { CLAIM_CUSTOMER_TIERS, CLAIM_TYPES, DEFAULT_CLAIMS_POLICY, PAYMENT_TERMS, uninsuredCapMultiple, type ClaimsPolicy } from './policy.js';
import { proposeCompensation, VALUE_LINE_CODES, type ClaimFacts, type ProposalLineCode, type ProposalResult } from './proposal.js';

const P = DEFAULT_CLAIMS_POLICY;
/** A Shanghai wall time as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);

/** An uninsured parcel lost, 20 yuan freight, 10,000 yuan claimed, filed a week after pickup. */
const BASE: ClaimFacts = {
  type: 'loss',
  claimedFen: 1_000_000,
  insured: false,
  declaredValueFen: null,
  insuredValueFen: null,
  insuranceFeeFen: 0,
  freightFen: 2_000,
  paymentTerm: 'sender_pays',
  customerTier: 'standard',
  pickedUpAt: sh('2026-03-02 10:00'),
  filedAt: sh('2026-03-10 10:00'),
  assessedValueFen: null,
  damagedShareBp: null,
  weightAtPickupGrams: null,
  weightAtDeliveryGrams: null,
  perishable: false,
  timeCritical: false,
  pastPromisedTime: true,
};
const INSURED = { insured: true, insuredValueFen: 300_000, declaredValueFen: 300_000, insuranceFeeFen: 300 };

const linesOf = (result: ProposalResult): [ProposalLineCode, number][] => {
  if (result.kind !== 'proposal') throw new Error(`expected a proposal, got ${JSON.stringify(result)}`);
  return result.lines.map((l) => [l.code, l.amountFen]);
};

describe('proposeCompensation: the rules as a table (amounts in fen)', () => {
  it.each<{ case: string; facts: Partial<ClaimFacts>; lines: [ProposalLineCode, number][]; total: number }>([
    {
      case: 'insured loss: the insured value and the freight back, the insurance fee kept',
      facts: { ...INSURED, claimedFen: 400_000 },
      lines: [['INSURED_VALUE', 300_000], ['FREIGHT_REFUNDED', 2_000], ['INSURANCE_FEE_NOT_REFUNDED', 0]],
      total: 302_000,
    },
    {
      case: 'insured partial damage, 40 %: 40 % of the insured value, no freight back',
      facts: { ...INSURED, type: 'damage', damagedShareBp: 4_000 },
      lines: [['INSURED_VALUE_SHARE', 120_000]],
      total: 120_000,
    },
    {
      case: 'insured damage of the whole value: as a loss',
      facts: { ...INSURED, type: 'damage' },
      lines: [['INSURED_VALUE', 300_000], ['FREIGHT_REFUNDED', 2_000], ['INSURANCE_FEE_NOT_REFUNDED', 0]],
      total: 302_000,
    },
    {
      case: 'uninsured loss under the cap: the actual loss (100 yuan ≤ 7 × 20) and the freight',
      facts: { assessedValueFen: 10_000 },
      lines: [['ACTUAL_LOSS', 10_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 12_000,
    },
    {
      case: 'uninsured loss over the cap: 500 yuan capped at 7 × 20 yuan',
      facts: { assessedValueFen: 50_000 },
      lines: [['ACTUAL_LOSS', 50_000], ['UNINSURED_CAP', -36_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 16_000,
    },
    {
      case: '月结: the cap is 9 × freight',
      facts: { assessedValueFen: 50_000, paymentTerm: 'monthly' },
      lines: [['ACTUAL_LOSS', 50_000], ['UNINSURED_CAP', -32_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 20_000,
    },
    {
      case: 'uninsured, no assessed value: the declared value is the actual loss',
      facts: { declaredValueFen: 9_000 },
      lines: [['ACTUAL_LOSS', 9_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 11_000,
    },
    {
      case: 'delay: this shipment’s freight waived, the insurance fee not refunded',
      facts: { ...INSURED, type: 'delay' },
      lines: [['DELAY_FREIGHT_WAIVED', 2_000], ['INSURANCE_FEE_NOT_REFUNDED', 0]],
      total: 2_000,
    },
    {
      case: 'delay of perishables: treated as a loss',
      facts: { type: 'delay', perishable: true, declaredValueFen: 8_000 },
      lines: [['DELAY_TREATED_AS_LOSS', 0], ['ACTUAL_LOSS', 8_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 10_000,
    },
    {
      case: 'delay of a declared time-critical insured parcel: the insured value',
      facts: { ...INSURED, type: 'delay', timeCritical: true },
      lines: [['DELAY_TREATED_AS_LOSS', 0], ['INSURED_VALUE', 300_000], ['FREIGHT_REFUNDED', 2_000], ['INSURANCE_FEE_NOT_REFUNDED', 0]],
      total: 302_000,
    },
    {
      case: 'a delay claim on a parcel that was on time: nothing',
      facts: { type: 'delay', pastPromisedTime: false, perishable: true },
      lines: [['DELAY_NOT_ESTABLISHED', 0]],
      total: 0,
    },
    {
      case: 'claimed less than computed: capped at the amount claimed',
      facts: { ...INSURED, claimedFen: 150_000 },
      lines: [['INSURED_VALUE', 300_000], ['FREIGHT_REFUNDED', 2_000], ['INSURANCE_FEE_NOT_REFUNDED', 0], ['CAPPED_AT_CLAIMED', -152_000]],
      total: 150_000,
    },
    {
      case: 'zero freight, uninsured: the cap is 0, nothing for the contents',
      facts: { freightFen: 0, assessedValueFen: 10_000 },
      lines: [['ACTUAL_LOSS', 10_000], ['UNINSURED_CAP', -10_000], ['FREIGHT_REFUNDED', 0]],
      total: 0,
    },
    {
      case: 'zero freight, delay: nothing to waive',
      facts: { freightFen: 0, type: 'delay' },
      lines: [['DELAY_FREIGHT_WAIVED', 0]],
      total: 0,
    },
    {
      case: 'zero freight, insured loss: the insured value',
      facts: { ...INSURED, freightFen: 0 },
      lines: [['INSURED_VALUE', 300_000], ['FREIGHT_REFUNDED', 0], ['INSURANCE_FEE_NOT_REFUNDED', 0]],
      total: 300_000,
    },
    {
      case: 'short contents, insured, 3 kg at pickup and 1 kg at delivery: two thirds, rounded half up',
      facts: { ...INSURED, type: 'short_contents', insuredValueFen: 10_000, weightAtPickupGrams: 3_000, weightAtDeliveryGrams: 1_000 },
      lines: [['INSURED_VALUE_SHARE', 6_667]],
      total: 6_667,
    },
    {
      case: 'short contents, uninsured, by weight: a third of 100 yuan',
      facts: { type: 'short_contents', assessedValueFen: 10_000, weightAtPickupGrams: 3_000, weightAtDeliveryGrams: 2_000 },
      lines: [['ACTUAL_LOSS_SHARE', 3_333]],
      total: 3_333,
    },
    {
      case: 'short contents weighing more at delivery: nothing is missing',
      facts: { type: 'short_contents', assessedValueFen: 10_000, weightAtPickupGrams: 2_000, weightAtDeliveryGrams: 2_100 },
      lines: [['ACTUAL_LOSS_SHARE', 0]],
      total: 0,
    },
    {
      case: 'half a fen rounds up: 15 fen × 50 %',
      facts: { ...INSURED, type: 'damage', insuredValueFen: 15, damagedShareBp: 5_000 },
      lines: [['INSURED_VALUE_SHARE', 8]],
      total: 8,
    },
    {
      case: 'frozen, the whole value, uninsured over the cap',
      facts: { type: 'frozen_spoiled', assessedValueFen: 30_000 },
      lines: [['ACTUAL_LOSS', 30_000], ['UNINSURED_CAP', -16_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 16_000,
    },
    {
      case: 'wrong delivery (错派/冒领): as a loss',
      facts: { ...INSURED, type: 'wrong_delivery' },
      lines: [['WRONG_DELIVERY_AS_LOSS', 0], ['INSURED_VALUE', 300_000], ['FREIGHT_REFUNDED', 2_000], ['INSURANCE_FEE_NOT_REFUNDED', 0]],
      total: 302_000,
    },
    {
      case: 'filed on the last instant of the validity: accepted',
      facts: { assessedValueFen: 10_000, filedAt: sh('2027-03-02 10:00') },
      lines: [['ACTUAL_LOSS', 10_000], ['FREIGHT_REFUNDED', 2_000]],
      total: 12_000,
    },
  ])('$case', ({ facts, lines, total }) => {
    const result = proposeCompensation({ ...BASE, ...facts }, P);
    expect(linesOf(result)).toEqual(lines);
    expect(result).toMatchObject({ kind: 'proposal', totalFen: total, policyVersion: 1, rounding: 'half_up_to_fen' });
  });

  it('every line names its source', () => {
    const result = proposeCompensation({ ...BASE, assessedValueFen: 50_000, paymentTerm: 'monthly' }, P);
    if (result.kind !== 'proposal') throw new Error('expected a proposal');
    for (const line of result.lines) expect(line.source).not.toBe('');
    expect(result.lines.find((l) => l.code === 'UNINSURED_CAP')).toMatchObject({
      source: P.rules.uninsuredCapMultipleByPaymentTerm.monthly!.source,
      detail: { multiple: 9, freightFen: 2_000, capFen: 18_000 },
    });
  });
});

describe('proposeCompensation: refusals are results with their own code', () => {
  it('filed a minute after the 1-year validity: CLAIM_OUT_OF_VALIDITY, with the last day', () => {
    expect(proposeCompensation({ ...BASE, filedAt: sh('2027-03-02 10:01') }, P)).toEqual({
      kind: 'refused',
      code: 'CLAIM_OUT_OF_VALIDITY',
      validUntil: sh('2027-03-02 10:00'),
      source: P.rules.validityMonths.source,
    });
  });

  it('never picked up: CLAIM_NOT_PICKED_UP', () => {
    expect(proposeCompensation({ ...BASE, pickedUpAt: null }, P)).toEqual({ kind: 'refused', code: 'CLAIM_NOT_PICKED_UP' });
  });

  it.each<{ case: string; facts: Partial<ClaimFacts> }>([
    { case: 'a negative amount claimed', facts: { claimedFen: -100 } },
    { case: 'nothing claimed', facts: { claimedFen: 0 } },
    { case: 'an absurd amount claimed', facts: { claimedFen: 1e15 } },
    { case: 'a fraction of a fen', facts: { claimedFen: 10.5 } },
    { case: 'NaN freight', facts: { freightFen: Number.NaN } },
    { case: 'insured without an insured value', facts: { insured: true, insuredValueFen: null } },
    { case: 'a damaged share above the whole', facts: { type: 'damage', damagedShareBp: 12_000 } },
    { case: 'short contents without weights or share', facts: { type: 'short_contents' } },
    { case: 'short contents weighing 0 g at pickup', facts: { type: 'short_contents', weightAtPickupGrams: 0, weightAtDeliveryGrams: 0 } },
    { case: 'filed before the pickup', facts: { filedAt: sh('2026-03-01 10:00') } },
    { case: 'an unknown type', facts: { type: 'theft' as never } },
    { case: 'an invalid filing time', facts: { filedAt: new Date(Number.NaN) } },
  ])('$case: CLAIM_FACTS_INVALID', ({ facts }) => {
    expect(proposeCompensation({ ...BASE, ...facts }, P)).toMatchObject({ kind: 'refused', code: 'CLAIM_FACTS_INVALID', problems: [expect.any(String)] });
  });
});

const fen = (max: number) => fc.integer({ min: 0, max });
const facts: fc.Arbitrary<ClaimFacts> = fc
  .record({
    type: fc.constantFrom(...CLAIM_TYPES),
    claimedFen: fc.integer({ min: 1, max: 10_000_000 }),
    insured: fc.boolean(),
    declaredValueFen: fc.option(fen(10_000_000)),
    insuredValue: fc.integer({ min: 1, max: 10_000_000 }),
    insuranceFeeFen: fen(100_000),
    freightFen: fen(100_000),
    paymentTerm: fc.constantFrom(...PAYMENT_TERMS),
    customerTier: fc.constantFrom(...CLAIM_CUSTOMER_TIERS),
    filedAfterMinutes: fc.integer({ min: 0, max: 600 * 24 * 60 }),
    assessedValueFen: fc.option(fen(10_000_000)),
    damagedShareBp: fc.option(fc.integer({ min: 1, max: 10_000 })),
    weights: fc.option(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 120_000 }))),
    perishable: fc.boolean(),
    timeCritical: fc.boolean(),
    pastPromisedTime: fc.boolean(),
  })
  .map((r) => ({
    type: r.type,
    claimedFen: r.claimedFen,
    insured: r.insured,
    declaredValueFen: r.declaredValueFen,
    insuredValueFen: r.insured ? r.insuredValue : null,
    insuranceFeeFen: r.insuranceFeeFen,
    freightFen: r.freightFen,
    paymentTerm: r.paymentTerm,
    customerTier: r.customerTier,
    pickedUpAt: BASE.pickedUpAt,
    filedAt: new Date(BASE.pickedUpAt!.getTime() + r.filedAfterMinutes * 60_000),
    assessedValueFen: r.assessedValueFen,
    damagedShareBp: r.damagedShareBp ?? (r.type === 'short_contents' && r.weights === null ? 5_000 : null),
    weightAtPickupGrams: r.weights?.[0] ?? null,
    weightAtDeliveryGrams: r.weights?.[1] ?? null,
    perishable: r.perishable,
    timeCritical: r.timeCritical,
    pastPromisedTime: r.pastPromisedTime,
  }));
const policies: fc.Arbitrary<ClaimsPolicy> = fc.integer({ min: 1, max: 100 }).map((multiple) => ({
  version: 2,
  rules: { ...P.rules, uninsuredCapMultiple: { ...P.rules.uninsuredCapMultiple, value: multiple } },
}));

describe('proposeCompensation: properties', () => {
  it('never exceeds the amount claimed, the insured value (insured) or the cap (uninsured); the total is the sum of the lines', () => {
    fc.assert(
      fc.property(facts, fc.oneof(fc.constant(P), policies), (f, policy) => {
        const result = proposeCompensation(f, policy);
        if (result.kind === 'refused') {
          expect(result.code).toBe('CLAIM_OUT_OF_VALIDITY');
          return;
        }
        const sum = result.lines.reduce((t, l) => t + l.amountFen, 0);
        expect(result.totalFen).toBe(sum);
        expect(result.totalFen).toBeGreaterThanOrEqual(0);
        expect(result.totalFen).toBeLessThanOrEqual(f.claimedFen);
        for (const line of result.lines) expect(Number.isSafeInteger(line.amountFen)).toBe(true);
        // The contents are compensated up to the insured value, or the multiple of freight; the
        // freight refunded on a loss is the service charge given back, on top.
        const forContents = result.lines.filter((l) => VALUE_LINE_CODES.includes(l.code)).reduce((t, l) => t + l.amountFen, 0);
        const ceiling = f.insured ? f.insuredValueFen! : uninsuredCapMultiple(policy, f.paymentTerm, f.customerTier).multiple * f.freightFen;
        expect(forContents).toBeLessThanOrEqual(ceiling);
        expect(result.totalFen).toBeLessThanOrEqual(ceiling + f.freightFen);
      }),
      { numRuns: 2_000 },
    );
  });

  it('holds at the edges: the actual loss next to the cap, the claim next to the computed amount', () => {
    const edges = fc
      .record({ f: facts, d: fc.integer({ min: -2, max: 2 }), e: fc.integer({ min: -2, max: 2 }) })
      .map(({ f, d, e }) => {
        const cap = uninsuredCapMultiple(P, f.paymentTerm, f.customerTier).multiple * f.freightFen;
        const value = Math.max(0, cap + d);
        return { ...f, type: 'loss' as const, insured: false, insuredValueFen: null, assessedValueFen: value, filedAt: BASE.filedAt, claimedFen: Math.max(1, Math.min(value, cap) + f.freightFen + e) };
      });
    fc.assert(
      fc.property(edges, (f) => {
        const result = proposeCompensation(f, P);
        if (result.kind !== 'proposal') throw new Error('expected a proposal');
        const forContents = result.lines.filter((l) => VALUE_LINE_CODES.includes(l.code)).reduce((t, l) => t + l.amountFen, 0);
        expect(forContents).toBeLessThanOrEqual(uninsuredCapMultiple(P, f.paymentTerm, f.customerTier).multiple * f.freightFen);
        expect(result.totalFen).toBe(Math.min(f.claimedFen, forContents + f.freightFen));
      }),
    );
  });

  it('every line cites a source an English reader can read', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const result = proposeCompensation(f, P);
        if (result.kind !== 'proposal') return;
        for (const line of result.lines) {
          expect(line.source).toMatch(/\p{Script=Han}/u);
          expect(sourceText(line.source, 'en-US')).not.toMatch(/\p{Script=Han}/u);
        }
      }),
    );
  });

  it('is deterministic: the same facts give the same proposal', () => {
    fc.assert(
      fc.property(facts, (f) => {
        expect(proposeCompensation({ ...f }, P)).toEqual(proposeCompensation(f, P));
      }),
    );
  });
});
