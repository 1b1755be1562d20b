/**
 * The compensation proposal (赔偿建议, docs/product.md §3, §7): computed from the claim's facts by
 * the claims policy and explained line by line. Each line names its rule (a stable code the console
 * labels in both languages), the source of that rule and its amount in fen; a cap is a line of its
 * own with a negative amount, so the total is always the sum of the lines. Refusals (filed after the
 * validity period, never picked up, facts that do not add up) are results, not exceptions. Pure:
 * `now` is not needed — the claim's filing time is one of its facts.
 *
 * Rounding: only a share of a value (partial damage, short contents) can produce a fraction of a
 * fen; it is computed exactly in integers and rounded half up to the whole fen (四舍五入到分). Caps
 * and multiples are whole fen already.
 */
import { CITATIONS, source } from '../sources.js';
import { claimValidUntil } from './clocks.js';
import {
  CLAIM_CUSTOMER_TIERS,
  CLAIM_TYPES,
  MAX_AMOUNT_FEN,
  PAYMENT_TERMS,
  uninsuredCapMultiple,
  type ClaimCustomerTier,
  type ClaimType,
  type ClaimsPolicy,
  type PaymentTerm,
} from './policy.js';

export const ROUNDING = 'half_up_to_fen' as const;

/** 10 000 basis points = the whole value (万分比), so a share is an exact integer. */
export const WHOLE_SHARE_BP = 10_000;

/** What a claim is judged on (docs/product.md §3). Money in fen, weights in grams. */
export interface ClaimFacts {
  type: ClaimType;
  claimedFen: number;
  insured: boolean;
  declaredValueFen: number | null;
  /** the value the insurance fee was paid on (保价金额); required when insured */
  insuredValueFen: number | null;
  insuranceFeeFen: number;
  freightFen: number;
  paymentTerm: PaymentTerm;
  customerTier: ClaimCustomerTier;
  /** null: never picked up, nothing to claim */
  pickedUpAt: Date | null;
  filedAt: Date;
  /** the contents' value as the evidence established it (purchase proof), when known */
  assessedValueFen: number | null;
  /** damage, frozen/spoiled, short contents: the share of the value lost in basis points; null = all of it */
  damagedShareBp: number | null;
  /** short contents: the weight at pickup and the weight the recipient found at delivery */
  weightAtPickupGrams: number | null;
  weightAtDeliveryGrams: number | null;
  /** a delay of perishables or of a declared time-critical parcel destroys the value */
  perishable: boolean;
  timeCritical: boolean;
  /** delay: the parcel was past its promised time by the time-limit rules */
  pastPromisedTime: boolean;
}

export const PROPOSAL_LINE_CODES = [
  'DELAY_NOT_ESTABLISHED',
  'DELAY_FREIGHT_WAIVED',
  'DELAY_TREATED_AS_LOSS',
  'WRONG_DELIVERY_AS_LOSS',
  'INSURED_VALUE',
  'INSURED_VALUE_SHARE',
  'ACTUAL_LOSS',
  'ACTUAL_LOSS_SHARE',
  'UNINSURED_CAP',
  'FREIGHT_REFUNDED',
  'INSURANCE_FEE_NOT_REFUNDED',
  'CAPPED_AT_CLAIMED',
] as const;
export type ProposalLineCode = (typeof PROPOSAL_LINE_CODES)[number];

/** Lines that compensate the contents themselves: capped by the insured value or the multiple of freight. */
export const VALUE_LINE_CODES: readonly ProposalLineCode[] = ['INSURED_VALUE', 'INSURED_VALUE_SHARE', 'ACTUAL_LOSS', 'ACTUAL_LOSS_SHARE', 'UNINSURED_CAP'];

export interface ProposalLine {
  code: ProposalLineCode;
  /** fen; negative for a cap */
  amountFen: number;
  source: string;
  /** the numbers the line was computed from, for the console's sentence (fen, basis points, times, grams) */
  detail: Record<string, number | string>;
}

export const PROPOSAL_REFUSAL_CODES = ['CLAIM_OUT_OF_VALIDITY', 'CLAIM_NOT_PICKED_UP', 'CLAIM_FACTS_INVALID'] as const;
export type ProposalRefusalCode = (typeof PROPOSAL_REFUSAL_CODES)[number];

export type ProposalResult =
  | { kind: 'proposal'; policyVersion: number; lines: ProposalLine[]; totalFen: number; rounding: typeof ROUNDING; treatedAsLoss: boolean }
  | { kind: 'refused'; code: 'CLAIM_OUT_OF_VALIDITY'; validUntil: Date; source: string }
  | { kind: 'refused'; code: 'CLAIM_NOT_PICKED_UP' }
  | { kind: 'refused'; code: 'CLAIM_FACTS_INVALID'; problems: string[] };

const C = CITATIONS;

/**
 * The compensation the rules give for `facts` under `policy` (timeZone: the company's, for the
 * validity's local date). Delay: this shipment's freight waived, the insurance fee not refunded;
 * a delay that destroys the value (perishable, declared time-critical) and a wrong delivery are
 * handled as a loss. Loss and damage: insured → the insured value, in proportion for partial
 * damage or short contents; uninsured → the actual loss, capped at the policy's multiple of
 * freight; on a loss (or the whole value lost) the freight is refunded too. Never more than
 * the amount claimed.
 */
export function proposeCompensation(facts: ClaimFacts, policy: ClaimsPolicy, timeZone = 'Asia/Shanghai'): ProposalResult {
  const problems = claimFactsProblems(facts);
  if (problems.length > 0) return { kind: 'refused', code: 'CLAIM_FACTS_INVALID', problems };
  if (facts.pickedUpAt === null) return { kind: 'refused', code: 'CLAIM_NOT_PICKED_UP' };
  const validUntil = claimValidUntil(facts.pickedUpAt, policy, timeZone);
  if (facts.filedAt.getTime() > validUntil.getTime()) {
    return { kind: 'refused', code: 'CLAIM_OUT_OF_VALIDITY', validUntil, source: policy.rules.validityMonths.source };
  }

  const lines: ProposalLine[] = [];
  const line = (code: ProposalLineCode, amountFen: number, citation: string, detail: Record<string, number | string> = {}) =>
    lines.push({ code, amountFen, source: citation, detail });
  let treatedAsLoss = false;

  if (facts.type === 'delay') {
    if (!facts.pastPromisedTime) {
      line('DELAY_NOT_ESTABLISHED', 0, source(C.delayFreightWaived));
    } else if (facts.perishable || facts.timeCritical) {
      line('DELAY_TREATED_AS_LOSS', 0, source(C.delayDestroysValue), { reason: facts.perishable ? 'perishable' : 'time_critical' });
      treatedAsLoss = true;
      valueLines(facts, policy, { numerator: 1n, denominator: 1n }, line);
    } else {
      line('DELAY_FREIGHT_WAIVED', facts.freightFen, source(C.delayFreightWaived), { freightFen: facts.freightFen });
      if (facts.insuranceFeeFen > 0) line('INSURANCE_FEE_NOT_REFUNDED', 0, source(C.delayFreightWaived), { insuranceFeeFen: facts.insuranceFeeFen });
    }
  } else {
    if (facts.type === 'wrong_delivery') line('WRONG_DELIVERY_AS_LOSS', 0, source(C.wrongDeliveryAsLoss));
    const share = shareLost(facts);
    treatedAsLoss = share.numerator === share.denominator;
    valueLines(facts, policy, share, line);
  }

  const subtotal = sum(lines);
  if (subtotal > facts.claimedFen) {
    line('CAPPED_AT_CLAIMED', facts.claimedFen - subtotal, source(C.notAboveClaimed), { claimedFen: facts.claimedFen, computedFen: subtotal });
  }
  return { kind: 'proposal', policyVersion: policy.version, lines, totalFen: sum(lines), rounding: ROUNDING, treatedAsLoss };
}

interface Share {
  numerator: bigint;
  denominator: bigint;
}

type AddLine = (code: ProposalLineCode, amountFen: number, citation: string, detail?: Record<string, number | string>) => void;

/** The contents' lines, then the freight refunded when the whole value is lost. */
function valueLines(facts: ClaimFacts, policy: ClaimsPolicy, share: Share, line: AddLine): void {
  const whole = share.numerator === share.denominator;
  const shareBp = Number((share.numerator * BigInt(WHOLE_SHARE_BP) * 2n + share.denominator) / (2n * share.denominator));
  const partial = whole ? {} : { shareBp, ...shareDetail(facts) };
  if (facts.insured) {
    const insured = facts.insuredValueFen!;
    const citation = source(C.compensationByInsurance, C.insuredValueCeiling, ...(whole ? [] : [C.partialInProportion]));
    line(whole ? 'INSURED_VALUE' : 'INSURED_VALUE_SHARE', proportion(insured, share), citation, { insuredValueFen: insured, ...partial });
  } else {
    const [basis, value] = facts.assessedValueFen !== null ? ['assessed', facts.assessedValueFen] : facts.declaredValueFen !== null ? ['declared', facts.declaredValueFen] : ['claimed', facts.claimedFen];
    const actual = proportion(value, share);
    const citation = source(C.compensationByInsurance, C.uninsuredActualLoss, ...(whole ? [] : [C.partialInProportion]));
    line(whole ? 'ACTUAL_LOSS' : 'ACTUAL_LOSS_SHARE', actual, citation, { basis, valueFen: value, ...partial });
    const { multiple, source: capSource } = uninsuredCapMultiple(policy, facts.paymentTerm, facts.customerTier);
    const cap = multiple * facts.freightFen;
    if (actual > cap) line('UNINSURED_CAP', cap - actual, capSource, { multiple, freightFen: facts.freightFen, capFen: cap });
  }
  if (whole) {
    line('FREIGHT_REFUNDED', facts.freightFen, source(C.lossFreightRefunded), { freightFen: facts.freightFen });
    if (facts.insuranceFeeFen > 0) line('INSURANCE_FEE_NOT_REFUNDED', 0, source(C.lossFreightRefunded), { insuranceFeeFen: facts.insuranceFeeFen });
  }
}

/** The share of the value lost: all of it for a loss; the damaged share; for short contents the weight missing. */
function shareLost(facts: ClaimFacts): Share {
  if (facts.type === 'loss' || facts.type === 'wrong_delivery') return { numerator: 1n, denominator: 1n };
  if (facts.type === 'short_contents' && facts.weightAtPickupGrams !== null && facts.weightAtDeliveryGrams !== null) {
    const missing = Math.max(0, facts.weightAtPickupGrams - facts.weightAtDeliveryGrams);
    return { numerator: BigInt(missing), denominator: BigInt(facts.weightAtPickupGrams) };
  }
  const bp = facts.damagedShareBp ?? WHOLE_SHARE_BP;
  return { numerator: BigInt(bp), denominator: BigInt(WHOLE_SHARE_BP) };
}

function shareDetail(facts: ClaimFacts): Record<string, number> {
  if (facts.type === 'short_contents' && facts.weightAtPickupGrams !== null && facts.weightAtDeliveryGrams !== null) {
    return { weightAtPickupGrams: facts.weightAtPickupGrams, weightAtDeliveryGrams: facts.weightAtDeliveryGrams };
  }
  return {};
}

/** value × share, exactly, rounded half up to the fen. */
function proportion(valueFen: number, share: Share): number {
  if (share.numerator === share.denominator) return valueFen;
  const twice = BigInt(valueFen) * share.numerator * 2n;
  return Number((twice + share.denominator) / (2n * share.denominator));
}

const sum = (lines: readonly ProposalLine[]) => lines.reduce((total, l) => total + l.amountFen, 0);

const isFen = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_AMOUNT_FEN;
const isGrams = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000_000;
const isInstant = (value: unknown): value is Date => value instanceof Date && Number.isFinite(value.getTime());

/** What makes the facts unusable (English, for logs; the code CLAIM_FACTS_INVALID is what users read). */
export function claimFactsProblems(facts: ClaimFacts): string[] {
  const problems: string[] = [];
  const f = facts as unknown as Record<string, unknown>;
  if (!(CLAIM_TYPES as readonly unknown[]).includes(f.type)) problems.push('type: unknown claim type');
  if (!(PAYMENT_TERMS as readonly unknown[]).includes(f.paymentTerm)) problems.push('paymentTerm: unknown payment term');
  if (!(CLAIM_CUSTOMER_TIERS as readonly unknown[]).includes(f.customerTier)) problems.push('customerTier: unknown customer tier');
  if (!isFen(f.claimedFen) || facts.claimedFen === 0) problems.push(`claimedFen: a whole number of fen from 1 to ${MAX_AMOUNT_FEN}`);
  for (const key of ['insuranceFeeFen', 'freightFen'] as const) if (!isFen(f[key])) problems.push(`${key}: a whole number of fen from 0 to ${MAX_AMOUNT_FEN}`);
  for (const key of ['declaredValueFen', 'assessedValueFen'] as const) if (f[key] !== null && !isFen(f[key])) problems.push(`${key}: null or a whole number of fen from 0 to ${MAX_AMOUNT_FEN}`);
  if (typeof f.insured !== 'boolean') problems.push('insured: true or false');
  if (facts.insured) {
    if (!isFen(f.insuredValueFen) || facts.insuredValueFen === 0) problems.push('insuredValueFen: an insured parcel needs its insured value in fen');
  } else if (f.insuredValueFen !== null && !isFen(f.insuredValueFen)) {
    problems.push('insuredValueFen: null or a whole number of fen');
  }
  if (f.damagedShareBp !== null && (typeof f.damagedShareBp !== 'number' || !Number.isInteger(f.damagedShareBp) || facts.damagedShareBp! < 1 || facts.damagedShareBp! > WHOLE_SHARE_BP)) {
    problems.push(`damagedShareBp: null or a whole number of basis points from 1 to ${WHOLE_SHARE_BP}`);
  }
  for (const key of ['weightAtPickupGrams', 'weightAtDeliveryGrams'] as const) if (f[key] !== null && !isGrams(f[key])) problems.push(`${key}: null or a whole number of grams`);
  if (facts.type === 'short_contents') {
    const weighed = facts.weightAtPickupGrams !== null && facts.weightAtDeliveryGrams !== null;
    if (weighed && facts.weightAtPickupGrams === 0) problems.push('weightAtPickupGrams: a parcel weighed at pickup weighs more than 0 g');
    if (!weighed && facts.damagedShareBp === null) problems.push('short contents: the weights at pickup and delivery, or the share missing');
  }
  for (const key of ['perishable', 'timeCritical', 'pastPromisedTime'] as const) if (typeof f[key] !== 'boolean') problems.push(`${key}: true or false`);
  if (f.pickedUpAt !== null && !isInstant(f.pickedUpAt)) problems.push('pickedUpAt: null or an instant');
  if (!isInstant(f.filedAt)) problems.push('filedAt: an instant');
  else if (isInstant(f.pickedUpAt) && facts.filedAt.getTime() < facts.pickedUpAt!.getTime()) problems.push('filedAt: a claim is filed after its parcel was picked up');
  return problems;
}
