/**
 * Settlement of a claim and its money ledger (docs/product.md §3). How the customer is paid follows
 * the shipment's payment term (客服用语规范 §三 客户对运费产生质疑): 寄付 → a payout (bank, WeChat,
 * Alipay reference); 到付 → deducted from the freight still to collect, the rest paid out, or all
 * paid out once the freight was collected; 月结 → a credit note (冲账) on the monthly account.
 *
 * The ledger is append-only: an entry is never changed or removed; a mistake is undone by a new
 * reversing entry. Every request carries an idempotency key, and `nextLedgerEntries` answers what to
 * append — or that the request was already done — so a repeated request (a double click, a retry
 * after a timeout, two desks at once) pays exactly once. Pure: the service locks the claim's
 * entries, asks here and appends what comes back in the same transaction.
 */
import type { PaymentTerm } from './policy.js';
import { MAX_AMOUNT_FEN } from './policy.js';

export const LEDGER_KINDS = ['payout', 'deduction', 'credit_note', 'chargeback', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export type SettlementKind = Extract<LedgerKind, 'payout' | 'deduction' | 'credit_note'>;

/** From the company's side: `out` pays the customer (or forgoes freight for them), `in` is charged back from a station. */
export type LedgerDirection = 'out' | 'in';

export interface LedgerEntry {
  claimId: string;
  /** unique in the ledger: the request's key and the entry's place in it (`key#1`) */
  entryKey: string;
  /** the idempotency key of the request that wrote it */
  requestKey: string;
  kind: LedgerKind;
  direction: LedgerDirection;
  /** always positive; the direction says which way */
  amountFen: number;
  /** payout: the bank / WeChat / Alipay reference; deduction: the waybill; credit note: the account and statement; chargeback and reversal: why */
  reference: string;
  /** chargeback (and its reversal): the station or partner charged */
  station: string | null;
  /** reversal: the entry it undoes */
  reversesEntryKey: string | null;
}

/**
 * How a claim is settled for a payment term. 到付 (collect) with the freight not yet collected: the
 * compensation is deducted from it — up to the freight to collect, the rest paid out (客服用语规范:
 * 破损金额超出运费 … 冲账单补偿给客户).
 */
export function settlementPlan(input: {
  paymentTerm: PaymentTerm;
  amountFen: number;
  /** 到付: the freight the courier is to collect from the recipient */
  freightToCollectFen: number;
  /** 到付: the freight was already collected */
  freightCollected: boolean;
}): { kind: SettlementKind; amountFen: number }[] {
  const { paymentTerm, amountFen } = input;
  if (amountFen <= 0) return [];
  if (paymentTerm === 'monthly') return [{ kind: 'credit_note', amountFen }];
  if (paymentTerm === 'collect' && !input.freightCollected && input.freightToCollectFen > 0) {
    const deduction = Math.min(amountFen, input.freightToCollectFen);
    return amountFen > deduction
      ? [
          { kind: 'deduction', amountFen: deduction },
          { kind: 'payout', amountFen: amountFen - deduction },
        ]
      : [{ kind: 'deduction', amountFen: deduction }];
  }
  return [{ kind: 'payout', amountFen }];
}

export type LedgerRequest =
  | { kind: 'settle'; idempotencyKey: string; parts: { kind: SettlementKind; amountFen: number; reference: string }[] }
  | { kind: 'chargeback'; idempotencyKey: string; station: string; amountFen: number; reference: string }
  | { kind: 'reverse'; idempotencyKey: string; entryKey: string; reference: string };

export const LEDGER_REFUSAL_CODES = [
  'SETTLEMENT_NOT_APPROVED',
  'SETTLEMENT_AMOUNT_INVALID',
  'SETTLEMENT_ALREADY_SETTLED',
  'SETTLEMENT_EXCEEDS_APPROVED',
  'SETTLEMENT_REFERENCE_REQUIRED',
  'CHARGEBACK_STATION_REQUIRED',
  'CHARGEBACK_EXCEEDS_COMPENSATION',
  'LEDGER_ENTRY_NOT_FOUND',
  'LEDGER_ENTRY_ALREADY_REVERSED',
  'LEDGER_REVERSAL_OF_REVERSAL',
  'IDEMPOTENCY_KEY_REUSED',
] as const;
export type LedgerRefusalCode = (typeof LEDGER_REFUSAL_CODES)[number];

export type LedgerDecision =
  | { kind: 'append'; entries: LedgerEntry[] }
  | { kind: 'already_done'; entries: LedgerEntry[] }
  | { kind: 'refused'; code: LedgerRefusalCode };

/** What the claim stands at: only an approved claim is paid, and never more than approved. */
export interface LedgerContext {
  claimId: string;
  approved: boolean;
  approvedAmountFen: number;
}

/** The claim's money so far: paid to the customer (net of reversals) and charged back to stations. */
export function claimBalances(entries: readonly LedgerEntry[]): { settledFen: number; chargedBackFen: number } {
  const byKey = new Map(entries.map((e) => [e.entryKey, e]));
  let settledFen = 0;
  let chargedBackFen = 0;
  for (const e of entries) {
    const target = e.kind === 'reversal' ? byKey.get(e.reversesEntryKey ?? '') : e;
    if (!target) continue;
    const sign = e.kind === 'reversal' ? -1 : 1;
    if (target.kind === 'chargeback') chargedBackFen += sign * e.amountFen;
    else settledFen += sign * e.amountFen;
  }
  return { settledFen, chargedBackFen };
}

/**
 * What to append for `request`, given the claim's `existing` entries: the entries, `already_done`
 * with the entries an earlier identical request wrote, or refused with a code (nothing to write).
 * A key used before for a different request is refused, never silently answered.
 */
export function nextLedgerEntries(existing: readonly LedgerEntry[], request: LedgerRequest, context: LedgerContext): LedgerDecision {
  const key = request.idempotencyKey;
  const earlier = existing.filter((e) => e.requestKey === key);
  const entries = entriesFor(existing, request, context);
  if (earlier.length > 0) {
    const same = !('code' in entries) && sameEntries(earlier, entries);
    return same ? { kind: 'already_done', entries: earlier } : { kind: 'refused', code: 'IDEMPOTENCY_KEY_REUSED' };
  }
  if ('code' in entries) return { kind: 'refused', code: entries.code };
  const refusal = checkRequest(existing, request, context);
  return refusal ? { kind: 'refused', code: refusal } : { kind: 'append', entries };
}

const isAmount = (fen: number) => Number.isInteger(fen) && fen > 0 && fen <= MAX_AMOUNT_FEN;
const blank = (text: string) => text.trim() === '';

/** The entries a request writes, before any check against the ledger's balances. */
function entriesFor(existing: readonly LedgerEntry[], request: LedgerRequest, context: LedgerContext): LedgerEntry[] | { code: LedgerRefusalCode } {
  const key = request.idempotencyKey;
  const entry = (index: number, e: Omit<LedgerEntry, 'claimId' | 'entryKey' | 'requestKey'>): LedgerEntry => ({ claimId: context.claimId, entryKey: `${key}#${index + 1}`, requestKey: key, ...e });
  switch (request.kind) {
    case 'settle': {
      if (request.parts.length === 0 || request.parts.some((p) => !isAmount(p.amountFen))) return { code: 'SETTLEMENT_AMOUNT_INVALID' };
      if (request.parts.some((p) => blank(p.reference))) return { code: 'SETTLEMENT_REFERENCE_REQUIRED' };
      return request.parts.map((p, i) => entry(i, { kind: p.kind, direction: 'out', amountFen: p.amountFen, reference: p.reference, station: null, reversesEntryKey: null }));
    }
    case 'chargeback': {
      if (!isAmount(request.amountFen)) return { code: 'SETTLEMENT_AMOUNT_INVALID' };
      if (blank(request.station)) return { code: 'CHARGEBACK_STATION_REQUIRED' };
      if (blank(request.reference)) return { code: 'SETTLEMENT_REFERENCE_REQUIRED' };
      return [entry(0, { kind: 'chargeback', direction: 'in', amountFen: request.amountFen, reference: request.reference, station: request.station, reversesEntryKey: null })];
    }
    case 'reverse': {
      const target = existing.find((e) => e.entryKey === request.entryKey);
      if (!target) return { code: 'LEDGER_ENTRY_NOT_FOUND' };
      if (target.kind === 'reversal') return { code: 'LEDGER_REVERSAL_OF_REVERSAL' };
      if (blank(request.reference)) return { code: 'SETTLEMENT_REFERENCE_REQUIRED' };
      const direction: LedgerDirection = target.direction === 'out' ? 'in' : 'out';
      return [entry(0, { kind: 'reversal', direction, amountFen: target.amountFen, reference: request.reference, station: target.station, reversesEntryKey: target.entryKey })];
    }
  }
}

/** The checks against what the ledger already holds (an identical replay is answered before these). */
function checkRequest(existing: readonly LedgerEntry[], request: LedgerRequest, context: LedgerContext): LedgerRefusalCode | null {
  const { settledFen, chargedBackFen } = claimBalances(existing);
  switch (request.kind) {
    case 'settle': {
      if (!context.approved) return 'SETTLEMENT_NOT_APPROVED';
      if (settledFen >= context.approvedAmountFen) return 'SETTLEMENT_ALREADY_SETTLED';
      const amount = request.parts.reduce((t, p) => t + p.amountFen, 0);
      return settledFen + amount > context.approvedAmountFen ? 'SETTLEMENT_EXCEEDS_APPROVED' : null;
    }
    case 'chargeback': {
      if (!context.approved) return 'SETTLEMENT_NOT_APPROVED';
      return chargedBackFen + request.amountFen > context.approvedAmountFen ? 'CHARGEBACK_EXCEEDS_COMPENSATION' : null;
    }
    case 'reverse':
      return existing.some((e) => e.kind === 'reversal' && e.reversesEntryKey === request.entryKey) ? 'LEDGER_ENTRY_ALREADY_REVERSED' : null;
  }
}

function sameEntries(a: readonly LedgerEntry[], b: readonly LedgerEntry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x.entryKey === y.entryKey && x.kind === y.kind && x.direction === y.direction && x.amountFen === y.amountFen && x.reference === y.reference && x.station === y.station && x.reversesEntryKey === y.reversesEntryKey;
  });
}
