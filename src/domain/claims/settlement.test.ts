import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimBalances, nextLedgerEntries, settlementPlan, type LedgerContext, type LedgerEntry, type LedgerRequest } from './settlement.js';

const APPROVED: LedgerContext = { claimId: 'c1', approved: true, approvedAmountFen: 30_000 };

/** Applies requests in order as the service would: append what comes back, keep refusals out. */
function run(requests: LedgerRequest[], context = APPROVED): { ledger: LedgerEntry[]; answers: string[] } {
  const ledger: LedgerEntry[] = [];
  const answers: string[] = [];
  for (const request of requests) {
    const decision = nextLedgerEntries(ledger, request, context);
    if (decision.kind === 'append') ledger.push(...decision.entries);
    answers.push(decision.kind === 'refused' ? decision.code : decision.kind);
  }
  return { ledger, answers };
}

const payout = (key: string, amountFen = 30_000): LedgerRequest => ({ kind: 'settle', idempotencyKey: key, parts: [{ kind: 'payout', amountFen, reference: 'WX4200001234' }] });
const reverse = (key: string, entryKey: string): LedgerRequest => ({ kind: 'reverse', idempotencyKey: key, entryKey, reference: '收款账户有误，退回重付' });
const chargeback = (key: string, amountFen = 30_000): LedgerRequest => ({ kind: 'chargeback', idempotencyKey: key, station: '上海浦东营业站', amountFen, reference: '破损扫描站点' });

describe('settlementPlan (by payment term)', () => {
  it.each([
    { case: '寄付: a payout', term: 'sender_pays', collected: false, toCollect: 0, parts: [{ kind: 'payout', amountFen: 30_000 }] },
    { case: '月结: a credit note (冲账)', term: 'monthly', collected: false, toCollect: 0, parts: [{ kind: 'credit_note', amountFen: 30_000 }] },
    { case: '到付, not collected, freight above the amount: all deducted', term: 'collect', collected: false, toCollect: 50_000, parts: [{ kind: 'deduction', amountFen: 30_000 }] },
    { case: '到付, not collected, freight below the amount: the freight deducted, the rest paid out', term: 'collect', collected: false, toCollect: 2_000, parts: [{ kind: 'deduction', amountFen: 2_000 }, { kind: 'payout', amountFen: 28_000 }] },
    { case: '到付, already collected: a payout', term: 'collect', collected: true, toCollect: 2_000, parts: [{ kind: 'payout', amountFen: 30_000 }] },
    { case: '到付 with nothing to collect: a payout', term: 'collect', collected: false, toCollect: 0, parts: [{ kind: 'payout', amountFen: 30_000 }] },
  ] as const)('$case', ({ term, collected, toCollect, parts }) => {
    expect(settlementPlan({ paymentTerm: term, amountFen: 30_000, freightToCollectFen: toCollect, freightCollected: collected })).toEqual(parts);
  });

  it('nothing to settle for a zero amount', () => {
    expect(settlementPlan({ paymentTerm: 'sender_pays', amountFen: 0, freightToCollectFen: 0, freightCollected: false })).toEqual([]);
  });
});

describe('nextLedgerEntries', () => {
  it('settles once: the entry, then already done for the same key', () => {
    const { ledger, answers } = run([payout('k1'), payout('k1')]);
    expect(answers).toEqual(['append', 'already_done']);
    expect(ledger).toEqual([
      { claimId: 'c1', entryKey: 'k1#1', requestKey: 'k1', kind: 'payout', direction: 'out', amountFen: 30_000, reference: 'WX4200001234', station: null, reversesEntryKey: null },
    ]);
  });

  it.each<{ case: string; requests: LedgerRequest[]; context?: LedgerContext; answers: string[] }>([
    { case: 'settling an unapproved claim', requests: [payout('k1')], context: { ...APPROVED, approved: false }, answers: ['SETTLEMENT_NOT_APPROVED'] },
    { case: 'settling twice with another key', requests: [payout('k1'), payout('k2')], answers: ['append', 'SETTLEMENT_ALREADY_SETTLED'] },
    { case: 'settling more than approved', requests: [payout('k1', 30_001)], answers: ['SETTLEMENT_EXCEEDS_APPROVED'] },
    { case: 'settling in two parts up to the approved amount', requests: [payout('k1', 10_000), payout('k2', 20_000), payout('k3', 1)], answers: ['append', 'append', 'SETTLEMENT_ALREADY_SETTLED'] },
    { case: 'a negative amount', requests: [payout('k1', -100)], answers: ['SETTLEMENT_AMOUNT_INVALID'] },
    { case: 'a fraction of a fen', requests: [payout('k1', 10.5)], answers: ['SETTLEMENT_AMOUNT_INVALID'] },
    { case: 'no payment reference', requests: [{ kind: 'settle', idempotencyKey: 'k1', parts: [{ kind: 'payout', amountFen: 100, reference: ' ' }] }], answers: ['SETTLEMENT_REFERENCE_REQUIRED'] },
    { case: 'a key reused for another amount', requests: [payout('k1', 10_000), payout('k1', 20_000)], answers: ['append', 'IDEMPOTENCY_KEY_REUSED'] },
    { case: 'a key reused for a chargeback', requests: [payout('k1'), chargeback('k1')], answers: ['append', 'IDEMPOTENCY_KEY_REUSED'] },
    { case: 'reversing, then paying again', requests: [payout('k1'), reverse('r1', 'k1#1'), payout('k2')], answers: ['append', 'append', 'append'] },
    { case: 'reversing twice with another key', requests: [payout('k1'), reverse('r1', 'k1#1'), reverse('r2', 'k1#1')], answers: ['append', 'append', 'LEDGER_ENTRY_ALREADY_REVERSED'] },
    { case: 'reversing a reversal', requests: [payout('k1'), reverse('r1', 'k1#1'), reverse('r2', 'r1#1')], answers: ['append', 'append', 'LEDGER_REVERSAL_OF_REVERSAL'] },
    { case: 'reversing an entry that does not exist', requests: [reverse('r1', 'nope#1')], answers: ['LEDGER_ENTRY_NOT_FOUND'] },
    { case: 'a reversal without a reason', requests: [payout('k1'), { kind: 'reverse', idempotencyKey: 'r1', entryKey: 'k1#1', reference: '' }], answers: ['append', 'SETTLEMENT_REFERENCE_REQUIRED'] },
    { case: 'charging a station back the compensation', requests: [payout('k1'), chargeback('b1')], answers: ['append', 'append'] },
    { case: 'charging back more than the compensation', requests: [chargeback('b1', 20_000), chargeback('b2', 10_001)], answers: ['append', 'CHARGEBACK_EXCEEDS_COMPENSATION'] },
    { case: 'a chargeback without a station', requests: [{ kind: 'chargeback', idempotencyKey: 'b1', station: ' ', amountFen: 100, reference: '破损' }], answers: ['CHARGEBACK_STATION_REQUIRED'] },
    { case: 'a chargeback on an unapproved claim', requests: [chargeback('b1')], context: { ...APPROVED, approved: false }, answers: ['SETTLEMENT_NOT_APPROVED'] },
  ])('$case', ({ requests, context, answers }) => {
    expect(run(requests, context).answers).toEqual(answers);
  });

  it('a 到付 settlement writes its deduction and payout as one request, replayed as one', () => {
    const parts = settlementPlan({ paymentTerm: 'collect', amountFen: 30_000, freightToCollectFen: 2_000, freightCollected: false }).map((p) => ({ ...p, reference: 'PD1000000018' }));
    const request: LedgerRequest = { kind: 'settle', idempotencyKey: 's1', parts };
    const { ledger, answers } = run([request, request]);
    expect(answers).toEqual(['append', 'already_done']);
    expect(ledger.map((e) => [e.entryKey, e.kind, e.amountFen])).toEqual([
      ['s1#1', 'deduction', 2_000],
      ['s1#2', 'payout', 28_000],
    ]);
  });

  it('a replay is answered even after the claim moved on (closed, no longer approvable)', () => {
    const { ledger } = run([payout('k1')]);
    expect(nextLedgerEntries(ledger, payout('k1'), { ...APPROVED, approved: false })).toEqual({ kind: 'already_done', entries: ledger });
  });

  it('a reversal is a new entry the other way, with the chargeback’s station', () => {
    const { ledger } = run([chargeback('b1', 5_000), reverse('r1', 'b1#1')]);
    expect(ledger[1]).toMatchObject({ kind: 'reversal', direction: 'out', amountFen: 5_000, station: '上海浦东营业站', reversesEntryKey: 'b1#1' });
    expect(claimBalances(ledger)).toEqual({ settledFen: 0, chargedBackFen: 0 });
  });
});

/** Random requests over a few keys, so replays, reuses and reversals of real entries happen often. */
const keys = fc.constantFrom('a', 'b', 'c', 'd');
const requestArb: fc.Arbitrary<LedgerRequest> = fc.oneof(
  fc.record({ key: keys, amount: fc.integer({ min: -10, max: 40_000 }), kind: fc.constantFrom('payout', 'deduction', 'credit_note') }).map(
    ({ key, amount, kind }): LedgerRequest => ({ kind: 'settle', idempotencyKey: `s-${key}`, parts: [{ kind, amountFen: amount, reference: 'ref' }] }),
  ),
  fc.record({ key: keys, amount: fc.integer({ min: 1, max: 40_000 }) }).map(({ key, amount }): LedgerRequest => chargeback(`b-${key}`, amount)),
  fc.record({ key: keys, target: fc.constantFrom('s-a#1', 's-b#1', 's-c#1', 'b-a#1', 'b-b#1', 'r-a#1') }).map(({ key, target }): LedgerRequest => reverse(`r-${key}`, target)),
);

describe('the ledger: properties', () => {
  it('replaying any request any number of times writes it once', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 30 }), (requests, replays) => {
        const once = run(requests).ledger;
        // Every request repeated at once, some several times: the ledger is the same.
        const repeated = requests.flatMap((r, i) => Array.from({ length: 1 + ((replays[i] ?? 0) % 4) }, () => r));
        expect(run(repeated).ledger).toEqual(once);
        // Replayed any time later, a request that was written is already done.
        const { ledger, answers } = run(requests);
        requests.forEach((r, i) => {
          if (answers[i] === 'append') expect(nextLedgerEntries(ledger, r, APPROVED).kind).toBe('already_done');
        });
        // And every entry key is written once.
        expect(new Set(once.map((e) => e.entryKey)).size).toBe(once.length);
      }),
    );
  });

  it('the balances are never negative and never above the approved amount; entries are never changed', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 40 }), (requests) => {
        const ledger: LedgerEntry[] = [];
        for (const request of requests) {
          const before = structuredClone(ledger);
          const decision = nextLedgerEntries(ledger, request, APPROVED);
          expect(ledger).toEqual(before);
          if (decision.kind === 'append') ledger.push(...decision.entries);
          const { settledFen, chargedBackFen } = claimBalances(ledger);
          expect(settledFen).toBeGreaterThanOrEqual(0);
          expect(chargedBackFen).toBeGreaterThanOrEqual(0);
          expect(settledFen).toBeLessThanOrEqual(APPROVED.approvedAmountFen);
          expect(chargedBackFen).toBeLessThanOrEqual(APPROVED.approvedAmountFen);
        }
      }),
    );
  });

  it('a reversal nets its entry to zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('payout', 'deduction', 'credit_note' as const), fc.integer({ min: 1, max: 30_000 }), (amount, kind, back) => {
        const { ledger } = run([
          { kind: 'settle', idempotencyKey: 's', parts: [{ kind, amountFen: amount, reference: 'ref' }] },
          chargeback('b', back),
          reverse('r1', 's#1'),
          reverse('r2', 'b#1'),
        ]);
        expect(ledger).toHaveLength(4);
        expect(claimBalances(ledger)).toEqual({ settledFen: 0, chargedBackFen: 0 });
        const net = ledger.reduce((t, e) => t + (e.direction === 'out' ? -e.amountFen : e.amountFen), 0);
        expect(net).toBe(0);
      }),
    );
  });
});
