import { describe, expect, it } from 'vitest';
import { parseClaimedYuan, systemLossClaimFen } from './amounts.js';
import { DEFAULT_CLAIMS_POLICY } from './policy.js';

describe('parseClaimedYuan', () => {
  it.each<[string, number | null]>([
    ['1200', 120_000],
    ['1200.5', 120_050],
    ['1200.50', 120_050],
    ['0.29', 29],
    ['0.01', 1],
    ['1,200.00', 120_000],
    ['１２００．５', 120_050],
    [' 88 ', 8_800],
    ['100000000', 10_000_000_000],
    // refused: nothing, zero, negative, three decimals, not a number, above the maximum
    ['', null],
    ['0', null],
    ['0.00', null],
    ['-5', null],
    ['+5', null],
    ['1.234', null],
    ['1e3', null],
    ['abc', null],
    ['.5', null],
    ['5.', null],
    ['100000000.01', null],
    ['99999999999999', null],
  ])('%j → %s', (text, fen) => {
    expect(parseClaimedYuan(text)).toBe(fen);
  });
});

describe('systemLossClaimFen: what the system claims for a parcel treated as lost', () => {
  type Facts = Parameters<typeof systemLossClaimFen>[0];
  const base: Facts = { insured: false, declaredValueFen: null, freightFen: 1_500, paymentTerm: 'sender_pays', customerTier: 'standard' };
  it.each<{ case: string; facts: Partial<Facts>; fen: number | null }>([
    { case: 'declared 200 yuan, freight 15: the value and the freight', facts: { declaredValueFen: 20_000 }, fen: 21_500 },
    { case: 'insured at 3,000 yuan: the insured value and the freight', facts: { insured: true, declaredValueFen: 300_000 }, fen: 301_500 },
    { case: 'nothing declared: 7× the freight and the freight', facts: {}, fen: 7 * 1_500 + 1_500 },
    { case: 'nothing declared on a monthly account: 9× the freight and the freight', facts: { paymentTerm: 'monthly' }, fen: 9 * 1_500 + 1_500 },
    { case: 'no freight, nothing declared: nothing to claim', facts: { freightFen: 0 }, fen: null },
    { case: 'no freight, declared 50 yuan', facts: { freightFen: 0, declaredValueFen: 5_000 }, fen: 5_000 },
    { case: 'insured without a value, no freight: nothing', facts: { insured: true, freightFen: 0 }, fen: null },
  ])('$case', ({ facts, fen }) => {
    expect(systemLossClaimFen({ ...base, ...facts }, DEFAULT_CLAIMS_POLICY)).toBe(fen);
  });
});
