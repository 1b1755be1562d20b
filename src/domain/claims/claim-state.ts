/**
 * A claim's life (docs/product.md §3): opened → awaiting evidence ⇄ evidence complete → proposed →
 * approved / rejected → settled → closed. Asking the customer for more evidence pauses the claim's
 * clocks and tells the customer; a dispute (the customer does not accept the offer or the
 * rejection, with a reason) reopens the claim to a supervisor with a fresh answer clock: it is
 * reviewed again, and from then on decided at supervisor level at least. The customer accepts an
 * offer once; an accepted offer is no longer disputed. Every (state, action)
 * pair either moves to a state, with the clock changes and notices that go with it, or is refused
 * with a stable code. Pure: the service loads the claim, asks here, and persists the move.
 */

export const CLAIM_STATES = ['opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'approved', 'rejected', 'disputed', 'settled', 'closed'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_ACTIONS = ['request_evidence', 'complete_evidence', 'propose', 'approve', 'reject', 'accept', 'dispute', 'settle', 'close', 'withdraw'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** States in which the claim still owes the customer something; lists and clocks look at these. */
export const OPEN_CLAIM_STATES: readonly ClaimState[] = ['opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'approved', 'disputed'];

export const CLAIM_MOVE_REFUSAL_CODES = [
  'CLAIM_CLOSED',
  'CLAIM_ALREADY_SETTLED',
  'CLAIM_EVIDENCE_INCOMPLETE',
  'CLAIM_NOT_PROPOSED',
  'CLAIM_NOT_APPROVED',
  'CLAIM_TRANSITION_INVALID',
  'CLAIM_OFFER_ALREADY_ACCEPTED',
] as const;
export type ClaimMoveRefusalCode = (typeof CLAIM_MOVE_REFUSAL_CODES)[number];

/**
 * The claim's clocks (domain/claims/clocks.ts): `answer` runs from complete evidence to the decision,
 * `payment` from approval to settlement, `complaint_ceiling` from filing to the outcome told.
 * `run` starts a clock not started yet or resumes a paused one; `restart` starts it afresh.
 */
export type ClaimClock = 'answer' | 'payment' | 'complaint_ceiling';
export type ClockChange = 'run' | 'restart' | 'pause' | 'stop';

export interface ClaimMoveEffects {
  clocks: Partial<Record<ClaimClock, ClockChange>>;
  /** the customer is told (asked for evidence, the decision, the payment) */
  tellCustomer: boolean;
  /** the claim goes to a supervisor's queue */
  assignToSupervisor: boolean;
  /**
   * the lowest level that may decide the claim from now on (approval.ts requiredApprovalLevel's
   * floor): a disputed claim is reviewed by a supervisor, whatever its amount
   */
  reviewLevelAtLeast: 'supervisor' | null;
}

export type ClaimMove = { kind: 'moved'; to: ClaimState; effects: ClaimMoveEffects } | { kind: 'refused'; code: ClaimMoveRefusalCode };

const NONE: ClaimMoveEffects = { clocks: {}, tellCustomer: false, assignToSupervisor: false, reviewLevelAtLeast: null };
const effects = (e: Partial<ClaimMoveEffects>): ClaimMoveEffects => ({ ...NONE, ...e });

const ASK_EVIDENCE = effects({ clocks: { answer: 'pause', complaint_ceiling: 'pause' }, tellCustomer: true });
const EVIDENCE_DONE = effects({ clocks: { answer: 'run', complaint_ceiling: 'run' } });
const DECIDED = { answer: 'stop', complaint_ceiling: 'stop' } as const;
const WITHDRAWN = effects({ clocks: { answer: 'stop', payment: 'stop', complaint_ceiling: 'stop' } });
const DISPUTED = effects({ clocks: { answer: 'restart', payment: 'stop', complaint_ceiling: 'run' }, assignToSupervisor: true, reviewLevelAtLeast: 'supervisor' });

/** The allowed moves; every pair not listed is refused (see refusalFor). */
const MOVES: Record<ClaimState, Partial<Record<ClaimAction, [ClaimState, ClaimMoveEffects]>>> = {
  opened: {
    request_evidence: ['awaiting_evidence', ASK_EVIDENCE],
    complete_evidence: ['evidence_complete', EVIDENCE_DONE],
    withdraw: ['closed', WITHDRAWN],
  },
  awaiting_evidence: {
    // asking for one more item while waiting: the clocks stay paused, the customer is told again
    request_evidence: ['awaiting_evidence', ASK_EVIDENCE],
    complete_evidence: ['evidence_complete', EVIDENCE_DONE],
    withdraw: ['closed', WITHDRAWN],
  },
  evidence_complete: {
    request_evidence: ['awaiting_evidence', ASK_EVIDENCE],
    propose: ['proposed', NONE],
    withdraw: ['closed', WITHDRAWN],
  },
  proposed: {
    request_evidence: ['awaiting_evidence', ASK_EVIDENCE],
    // computed again, or overridden with a reason
    propose: ['proposed', NONE],
    approve: ['approved', effects({ clocks: { ...DECIDED, payment: 'run' }, tellCustomer: true })],
    reject: ['rejected', effects({ clocks: DECIDED, tellCustomer: true })],
    withdraw: ['closed', WITHDRAWN],
  },
  approved: {
    // the customer accepts the offer: recorded (once: moveClaim's offerAccepted), nothing moves
    accept: ['approved', NONE],
    dispute: ['disputed', DISPUTED],
    settle: ['settled', effects({ clocks: { payment: 'stop' }, tellCustomer: true })],
    withdraw: ['closed', WITHDRAWN],
  },
  rejected: {
    dispute: ['disputed', DISPUTED],
    close: ['closed', NONE],
  },
  disputed: {
    request_evidence: ['awaiting_evidence', ASK_EVIDENCE],
    propose: ['proposed', NONE],
    // the supervisor upholds the offer or the rejection
    approve: ['approved', effects({ clocks: { ...DECIDED, payment: 'run' }, tellCustomer: true })],
    reject: ['rejected', effects({ clocks: DECIDED, tellCustomer: true })],
    withdraw: ['closed', WITHDRAWN],
  },
  settled: {
    close: ['closed', NONE],
  },
  closed: {},
};

/** Why a pair not in MOVES is refused, most telling reason first. */
function refusalFor(state: ClaimState, action: ClaimAction): ClaimMoveRefusalCode {
  if (state === 'closed') return 'CLAIM_CLOSED';
  if (state === 'settled') return 'CLAIM_ALREADY_SETTLED';
  if (action === 'propose' && (state === 'opened' || state === 'awaiting_evidence')) return 'CLAIM_EVIDENCE_INCOMPLETE';
  if ((action === 'approve' || action === 'reject') && (state === 'opened' || state === 'awaiting_evidence' || state === 'evidence_complete')) return 'CLAIM_NOT_PROPOSED';
  if ((action === 'settle' || action === 'accept') && state !== 'approved') return 'CLAIM_NOT_APPROVED';
  return 'CLAIM_TRANSITION_INVALID';
}

export interface ClaimMoveFacts {
  /** how many required checklist items are still missing or rejected: evidence is complete only at zero */
  requiredEvidenceMissing: number;
  /** the customer already accepted the offer standing now: accepting again or disputing it is refused */
  offerAccepted?: boolean;
}

/** The move `action` makes from `state`, given what the claim's evidence and its customer said. */
export function moveClaim(state: ClaimState, action: ClaimAction, facts: ClaimMoveFacts = { requiredEvidenceMissing: 0 }): ClaimMove {
  const move = MOVES[state][action];
  if (!move) return { kind: 'refused', code: refusalFor(state, action) };
  if (action === 'complete_evidence' && facts.requiredEvidenceMissing > 0) return { kind: 'refused', code: 'CLAIM_EVIDENCE_INCOMPLETE' };
  if ((action === 'accept' || action === 'dispute') && state === 'approved' && facts.offerAccepted) return { kind: 'refused', code: 'CLAIM_OFFER_ALREADY_ACCEPTED' };
  return { kind: 'moved', to: move[0], effects: move[1] };
}

/**
 * May a claim of `type` be opened on a shipment that has `existing` claims? Not while another of
 * the same type is still on it — open, or decided but not closed (a rejection may still be
 * disputed: that is the way to have it looked at again) — and not when one of that type was already
 * compensated (`compensated`: its ledger paid something), even once closed. After a claim closed
 * without compensation (withdrawn, or rejected and closed) the customer may file again; a claim of
 * another type may always be opened.
 */
export function mayOpenClaim(
  existing: readonly { type: string; state: ClaimState; compensated: boolean }[],
  type: string,
): { kind: 'allowed' } | { kind: 'refused'; code: 'CLAIM_DUPLICATE_OPEN' | 'CLAIM_ALREADY_COMPENSATED' } {
  const same = existing.filter((c) => c.type === type);
  if (same.some((c) => c.compensated)) return { kind: 'refused', code: 'CLAIM_ALREADY_COMPENSATED' };
  if (same.some((c) => c.state !== 'closed')) return { kind: 'refused', code: 'CLAIM_DUPLICATE_OPEN' };
  return { kind: 'allowed' };
}
