/**
 * The claims policy (理赔规则, docs/product.md §3 and §7): what a claim is compensated by, how long a
 * claim is accepted, who approves what amount, the clocks and the evidence each type of claim
 * needs — versioned data, each rule with its value, unit and source, stored as jsonb and shown to
 * admins like the time-limit policy. A claim keeps the version it was proposed under. Pure.
 */

import { CITATIONS, source } from '../sources.js';

/** docs/product.md §3: delay 延误, loss 丢失, damage 破损, short contents 短少, frozen/spoiled 受冻/变质, wrong delivery 错派/冒领. */
export const CLAIM_TYPES = ['delay', 'loss', 'damage', 'short_contents', 'frozen_spoiled', 'wrong_delivery'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** Who pays the freight (the shipments' own values): 寄付, 到付, 月结. */
export const PAYMENT_TERMS = ['sender_pays', 'collect', 'monthly'] as const;
export type PaymentTerm = (typeof PAYMENT_TERMS)[number];

/** key = 大客户 (docs/product.md §5), as in the SLA policy. */
export const CLAIM_CUSTOMER_TIERS = ['standard', 'key'] as const;
export type ClaimCustomerTier = (typeof CLAIM_CUSTOMER_TIERS)[number];

/** What a claimant may be asked to upload (docs/product.md §3: photos, the delivery slip noted and signed). */
export const EVIDENCE_ITEMS = [
  'outer_packaging_photo',
  'item_photo',
  'signed_delivery_slip',
  'weight_at_delivery',
  'purchase_proof',
  'contents_list',
  'time_critical_declaration',
] as const;
export type EvidenceItem = (typeof EVIDENCE_ITEMS)[number];

/** required; optional; or required only when the value at stake is above `purchaseProofAboveFen`. */
export const EVIDENCE_NEEDS = ['required', 'optional', 'required_above_threshold'] as const;
export type EvidenceNeed = (typeof EVIDENCE_NEEDS)[number];

export interface EvidenceRequirement {
  item: EvidenceItem;
  need: EvidenceNeed;
  source: string;
}

export type ClaimsRuleUnit = 'months' | 'times' | 'fen' | 'working_days' | 'days';

export interface ClaimsRule {
  value: number;
  unit: ClaimsRuleUnit;
  /** where the number comes from, shown to admins and agents */
  source: string;
}

interface RuleBounds {
  unit: ClaimsRuleUnit;
  min: number;
  max: number;
}

/** 100 million yuan in fen: far above any parcel, still exact in a double and in PostgreSQL bigint. */
export const MAX_AMOUNT_FEN = 10_000_000_000;

/** Every single-number rule, its unit and the range an admin may set it to. */
export const CLAIMS_RULES = {
  // 公司服务承诺「收寄之时限1年」 and YZ/T 0128-2007 §5.3.4 are a floor: a claim is accepted at least a year.
  validityMonths: { unit: 'months', min: 12, max: 60 },
  uninsuredCapMultiple: { unit: 'times', min: 1, max: 100 },
  agentApprovalMaxFen: { unit: 'fen', min: 0, max: MAX_AMOUNT_FEN },
  supervisorApprovalMaxFen: { unit: 'fen', min: 0, max: MAX_AMOUNT_FEN },
  purchaseProofAboveFen: { unit: 'fen', min: 0, max: MAX_AMOUNT_FEN },
  answerAfterEvidence: { unit: 'working_days', min: 1, max: 5 },
  // 公司服务承诺「赔偿支付7日内」: a promise printed to customers, so an admin may only tighten it.
  payAfterApproval: { unit: 'days', min: 1, max: 7 },
  // 《快递暂行条例》: a complaint handled and the customer told within 7 days — a statutory ceiling.
  complaintCeiling: { unit: 'days', min: 1, max: 7 },
} as const satisfies Record<string, RuleBounds>;

export type ClaimsRuleKey = keyof typeof CLAIMS_RULES;
export const CLAIMS_RULE_KEYS = Object.keys(CLAIMS_RULES) as ClaimsRuleKey[];

export interface ClaimsPolicy {
  version: number;
  rules: Record<ClaimsRuleKey, ClaimsRule> & {
    /** the uninsured cap's multiple for a payment term, when it differs from the default */
    uninsuredCapMultipleByPaymentTerm: Partial<Record<PaymentTerm, ClaimsRule>>;
    /** the uninsured cap's multiple for a customer tier, when it differs from the default */
    uninsuredCapMultipleByTier: Partial<Record<ClaimCustomerTier, ClaimsRule>>;
    /** the evidence checklist of each type of claim */
    evidence: Record<ClaimType, EvidenceRequirement[]>;
  };
}

const C = CITATIONS;
const rule = (value: number, unit: ClaimsRuleUnit, citations: string): ClaimsRule => ({ value, unit, source: citations });
const need = (item: EvidenceItem, n: EvidenceNeed, citations: string): EvidenceRequirement => ({ item, need: n, source: citations });

const PURCHASE_PROOF = need('purchase_proof', 'required_above_threshold', source(C.purchaseProof, C.uninsuredActualLoss));
const DAMAGE_PHOTOS = source(C.damagePhotos);

/** Version 1: the defaults of docs/product.md §3 and §7. */
export const DEFAULT_CLAIMS_POLICY: ClaimsPolicy = deepFreeze({
  version: 1,
  rules: {
    validityMonths: rule(12, 'months', source(C.claimValidity, C.yzt0128Claims)),
    uninsuredCapMultiple: rule(7, 'times', source(C.uninsuredCapSeven, C.expressUnderCivilLaw)),
    uninsuredCapMultipleByPaymentTerm: { monthly: rule(9, 'times', source(C.monthlyCapNine)) },
    uninsuredCapMultipleByTier: {},
    agentApprovalMaxFen: rule(50_000, 'fen', source(C.approvalTiers)),
    supervisorApprovalMaxFen: rule(500_000, 'fen', source(C.approvalTiers, C.supervisorDecision)),
    purchaseProofAboveFen: rule(100_000, 'fen', source(C.purchaseProofThreshold)),
    answerAfterEvidence: rule(1, 'working_days', source(C.claimOneDay)),
    payAfterApproval: rule(7, 'days', source(C.compensationSeven)),
    complaintCeiling: rule(7, 'days', source(C.complaintStatutory)),
    evidence: {
      // A delay is proven by the scans; only a declared deadline needs a paper.
      delay: [need('time_critical_declaration', 'optional', source(C.delayDestroysValue))],
      loss: [PURCHASE_PROOF, need('contents_list', 'optional', source(C.purchaseProof))],
      damage: [
        need('outer_packaging_photo', 'required', DAMAGE_PHOTOS),
        need('item_photo', 'required', DAMAGE_PHOTOS),
        need('signed_delivery_slip', 'required', source(C.damageSlipSigned)),
        PURCHASE_PROOF,
      ],
      short_contents: [
        need('weight_at_delivery', 'required', source(C.shortWeight)),
        need('outer_packaging_photo', 'required', source(C.shortSlipSigned)),
        need('signed_delivery_slip', 'required', source(C.shortSlipSigned)),
        need('contents_list', 'optional', source(C.shortSlipSigned)),
        PURCHASE_PROOF,
      ],
      frozen_spoiled: [
        need('item_photo', 'required', source(C.frozenSlipSigned)),
        need('signed_delivery_slip', 'required', source(C.frozenSlipSigned)),
        PURCHASE_PROOF,
      ],
      wrong_delivery: [PURCHASE_PROOF, need('contents_list', 'optional', source(C.purchaseProof))],
    },
  },
});

/**
 * The multiple of freight an uninsured claim is capped at: the default, or a payment term's or a
 * customer tier's own multiple; when several apply the customer gets the highest (company default:
 * an advantage is never taken away by another).
 */
export function uninsuredCapMultiple(policy: ClaimsPolicy, paymentTerm: PaymentTerm, tier: ClaimCustomerTier): { multiple: number; source: string } {
  const candidates = [policy.rules.uninsuredCapMultiple, policy.rules.uninsuredCapMultipleByPaymentTerm[paymentTerm], policy.rules.uninsuredCapMultipleByTier[tier]];
  let best = policy.rules.uninsuredCapMultiple;
  for (const candidate of candidates) if (candidate && candidate.value > best.value) best = candidate;
  return { multiple: best.value, source: best.source };
}

/** The evidence a claim of `type` needs, with the threshold rule resolved for the value at stake. */
export function evidenceChecklist(policy: ClaimsPolicy, type: ClaimType, valueAtStakeFen: number): { item: EvidenceItem; required: boolean; source: string }[] {
  return policy.rules.evidence[type].map((r) => ({
    item: r.item,
    required: r.need === 'required' || (r.need === 'required_above_threshold' && valueAtStakeFen > policy.rules.purchaseProofAboveFen.value),
    source: r.source,
  }));
}

export type ClaimsPolicyProblemCode =
  | 'not_an_object'
  | 'missing'
  | 'unknown_rule'
  | 'not_a_number'
  | 'not_an_integer'
  | 'out_of_range'
  | 'wrong_unit'
  | 'missing_source'
  | 'tiers_out_of_order'
  | 'unknown_evidence_item'
  | 'unknown_evidence_need'
  | 'duplicate_evidence_item';

export interface ClaimsPolicyProblem {
  /** the rule key (with a path inside it), or '' for the rules object itself */
  rule: string;
  code: ClaimsPolicyProblemCode;
  /** English, for logs and the API detail; the console translates by code */
  message: string;
}

const EXTRA_RULES = ['uninsuredCapMultipleByPaymentTerm', 'uninsuredCapMultipleByTier', 'evidence'] as const;

/** What is wrong with a set of claims rules an admin wants to save; empty when it may be saved. */
export function validateClaimsPolicy(rules: unknown): ClaimsPolicyProblem[] {
  if (!isRecord(rules)) return [{ rule: '', code: 'not_an_object', message: 'rules must be an object' }];
  const problems: ClaimsPolicyProblem[] = [];
  const problem = (rule: string, code: ClaimsPolicyProblemCode, message: string) => problems.push({ rule, code, message });

  for (const key of Object.keys(rules)) {
    if (!Object.hasOwn(CLAIMS_RULES, key) && !(EXTRA_RULES as readonly string[]).includes(key)) problem(key, 'unknown_rule', `${key}: unknown rule`);
  }
  const checkRule = (label: string, candidate: unknown, bounds: RuleBounds): boolean => {
    if (!isRecord(candidate)) {
      problem(label, 'missing', `${label}: missing`);
      return false;
    }
    const before = problems.length;
    const { value, unit, source: citation } = candidate;
    if (typeof value !== 'number' || !Number.isFinite(value)) problem(label, 'not_a_number', `${label}: value must be a number`);
    else if (!Number.isInteger(value)) problem(label, 'not_an_integer', `${label}: value must be a whole number of ${bounds.unit}`);
    else if (value < bounds.min || value > bounds.max) problem(label, 'out_of_range', `${label}: value must be between ${bounds.min} and ${bounds.max} ${bounds.unit}`);
    if (unit !== bounds.unit) problem(label, 'wrong_unit', `${label}: unit must be ${bounds.unit}`);
    if (typeof citation !== 'string' || citation.trim() === '') problem(label, 'missing_source', `${label}: source must say where the number comes from`);
    return problems.length === before;
  };

  const valid: Partial<Record<ClaimsRuleKey, boolean>> = {};
  for (const key of CLAIMS_RULE_KEYS) valid[key] = checkRule(key, rules[key], CLAIMS_RULES[key]);

  if (valid.agentApprovalMaxFen && valid.supervisorApprovalMaxFen) {
    const agent = (rules.agentApprovalMaxFen as ClaimsRule).value;
    const supervisor = (rules.supervisorApprovalMaxFen as ClaimsRule).value;
    if (agent > supervisor) problem('supervisorApprovalMaxFen', 'tiers_out_of_order', 'supervisorApprovalMaxFen: a supervisor may approve at least what an agent may');
  }

  const checkMultiples = (key: 'uninsuredCapMultipleByPaymentTerm' | 'uninsuredCapMultipleByTier', allowed: readonly string[]) => {
    const map = rules[key];
    if (!isRecord(map)) return problem(key, 'missing', `${key}: missing (an empty object when nothing differs)`);
    for (const [scope, candidate] of Object.entries(map)) {
      if (!allowed.includes(scope)) problem(`${key}.${scope}`, 'unknown_rule', `${key}.${scope}: unknown ${key === 'uninsuredCapMultipleByTier' ? 'customer tier' : 'payment term'}`);
      else checkRule(`${key}.${scope}`, candidate, CLAIMS_RULES.uninsuredCapMultiple);
    }
  };
  checkMultiples('uninsuredCapMultipleByPaymentTerm', PAYMENT_TERMS);
  checkMultiples('uninsuredCapMultipleByTier', CLAIM_CUSTOMER_TIERS);

  const evidence = rules.evidence;
  if (!isRecord(evidence)) {
    problem('evidence', 'missing', 'evidence: missing');
  } else {
    for (const type of Object.keys(evidence)) {
      if (!(CLAIM_TYPES as readonly string[]).includes(type)) problem(`evidence.${type}`, 'unknown_rule', `evidence.${type}: unknown claim type`);
    }
    for (const type of CLAIM_TYPES) {
      const list = evidence[type];
      if (!Array.isArray(list)) {
        problem(`evidence.${type}`, 'missing', `evidence.${type}: missing (an empty list when nothing is needed)`);
        continue;
      }
      const seen = new Set<string>();
      list.forEach((entry: unknown, index) => {
        const label = `evidence.${type}[${index}]`;
        if (!isRecord(entry)) return problem(label, 'missing', `${label}: must be {item, need, source}`);
        const { item, need: n, source: citation } = entry;
        if (typeof item !== 'string' || !(EVIDENCE_ITEMS as readonly string[]).includes(item)) problem(label, 'unknown_evidence_item', `${label}: unknown evidence item`);
        else if (seen.has(item)) problem(label, 'duplicate_evidence_item', `${label}: ${item} is listed twice`);
        else seen.add(item);
        if (typeof n !== 'string' || !(EVIDENCE_NEEDS as readonly string[]).includes(n)) problem(label, 'unknown_evidence_need', `${label}: need must be required, optional or required_above_threshold`);
        if (typeof citation !== 'string' || citation.trim() === '') problem(label, 'missing_source', `${label}: source must say why it is asked for`);
      });
    }
  }
  return problems;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
