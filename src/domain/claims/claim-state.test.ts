import { describe, expect, it } from 'vitest';
import { CLAIM_ACTIONS, CLAIM_STATES, mayOpenClaim, moveClaim, type ClaimAction, type ClaimState } from './claim-state.js';

/**
 * Every (state, action) pair: the state it moves to, or the code it is refused with. Columns:
 * request_evidence, complete_evidence, propose, approve, reject, accept, dispute, settle, close, withdraw.
 */
const TABLE: Record<ClaimState, Record<ClaimAction, string>> = {
  opened: {
    request_evidence: 'awaiting_evidence',
    complete_evidence: 'evidence_complete',
    propose: 'CLAIM_EVIDENCE_INCOMPLETE',
    approve: 'CLAIM_NOT_PROPOSED',
    reject: 'CLAIM_NOT_PROPOSED',
    accept: 'CLAIM_NOT_APPROVED',
    dispute: 'CLAIM_TRANSITION_INVALID',
    settle: 'CLAIM_NOT_APPROVED',
    close: 'CLAIM_TRANSITION_INVALID',
    withdraw: 'closed',
  },
  awaiting_evidence: {
    request_evidence: 'awaiting_evidence',
    complete_evidence: 'evidence_complete',
    propose: 'CLAIM_EVIDENCE_INCOMPLETE',
    approve: 'CLAIM_NOT_PROPOSED',
    reject: 'CLAIM_NOT_PROPOSED',
    accept: 'CLAIM_NOT_APPROVED',
    dispute: 'CLAIM_TRANSITION_INVALID',
    settle: 'CLAIM_NOT_APPROVED',
    close: 'CLAIM_TRANSITION_INVALID',
    withdraw: 'closed',
  },
  evidence_complete: {
    request_evidence: 'awaiting_evidence',
    complete_evidence: 'CLAIM_TRANSITION_INVALID',
    propose: 'proposed',
    approve: 'CLAIM_NOT_PROPOSED',
    reject: 'CLAIM_NOT_PROPOSED',
    accept: 'CLAIM_NOT_APPROVED',
    dispute: 'CLAIM_TRANSITION_INVALID',
    settle: 'CLAIM_NOT_APPROVED',
    close: 'CLAIM_TRANSITION_INVALID',
    withdraw: 'closed',
  },
  proposed: {
    request_evidence: 'awaiting_evidence',
    complete_evidence: 'CLAIM_TRANSITION_INVALID',
    propose: 'proposed',
    approve: 'approved',
    reject: 'rejected',
    accept: 'CLAIM_NOT_APPROVED',
    dispute: 'CLAIM_TRANSITION_INVALID',
    settle: 'CLAIM_NOT_APPROVED',
    close: 'CLAIM_TRANSITION_INVALID',
    withdraw: 'closed',
  },
  approved: {
    request_evidence: 'CLAIM_TRANSITION_INVALID',
    complete_evidence: 'CLAIM_TRANSITION_INVALID',
    propose: 'CLAIM_TRANSITION_INVALID',
    approve: 'CLAIM_TRANSITION_INVALID',
    reject: 'CLAIM_TRANSITION_INVALID',
    accept: 'approved',
    dispute: 'disputed',
    settle: 'settled',
    close: 'CLAIM_TRANSITION_INVALID',
    withdraw: 'closed',
  },
  rejected: {
    request_evidence: 'CLAIM_TRANSITION_INVALID',
    complete_evidence: 'CLAIM_TRANSITION_INVALID',
    propose: 'CLAIM_TRANSITION_INVALID',
    approve: 'CLAIM_TRANSITION_INVALID',
    reject: 'CLAIM_TRANSITION_INVALID',
    accept: 'CLAIM_NOT_APPROVED',
    dispute: 'disputed',
    settle: 'CLAIM_NOT_APPROVED',
    close: 'closed',
    withdraw: 'CLAIM_TRANSITION_INVALID',
  },
  disputed: {
    request_evidence: 'awaiting_evidence',
    complete_evidence: 'CLAIM_TRANSITION_INVALID',
    propose: 'proposed',
    approve: 'approved',
    reject: 'rejected',
    accept: 'CLAIM_NOT_APPROVED',
    dispute: 'CLAIM_TRANSITION_INVALID',
    settle: 'CLAIM_NOT_APPROVED',
    close: 'CLAIM_TRANSITION_INVALID',
    withdraw: 'closed',
  },
  settled: {
    request_evidence: 'CLAIM_ALREADY_SETTLED',
    complete_evidence: 'CLAIM_ALREADY_SETTLED',
    propose: 'CLAIM_ALREADY_SETTLED',
    approve: 'CLAIM_ALREADY_SETTLED',
    reject: 'CLAIM_ALREADY_SETTLED',
    accept: 'CLAIM_ALREADY_SETTLED',
    dispute: 'CLAIM_ALREADY_SETTLED',
    settle: 'CLAIM_ALREADY_SETTLED',
    close: 'closed',
    withdraw: 'CLAIM_ALREADY_SETTLED',
  },
  closed: Object.fromEntries(CLAIM_ACTIONS.map((a) => [a, 'CLAIM_CLOSED'])) as Record<ClaimAction, string>,
};

const PAIRS = CLAIM_STATES.flatMap((state) => CLAIM_ACTIONS.map((action) => ({ state, action, expected: TABLE[state][action] })));

describe('moveClaim: every (state, action) pair', () => {
  it('the table covers every pair', () => {
    expect(PAIRS).toHaveLength(CLAIM_STATES.length * CLAIM_ACTIONS.length);
  });

  it.each(PAIRS)('$state + $action → $expected', ({ state, action, expected }) => {
    const move = moveClaim(state, action);
    if ((CLAIM_STATES as readonly string[]).includes(expected)) expect(move).toMatchObject({ kind: 'moved', to: expected });
    else expect(move).toEqual({ kind: 'refused', code: expected });
  });
});

describe('moveClaim: what goes with a move', () => {
  it('evidence is complete only when no required item is missing', () => {
    expect(moveClaim('awaiting_evidence', 'complete_evidence', { requiredEvidenceMissing: 1 })).toEqual({ kind: 'refused', code: 'CLAIM_EVIDENCE_INCOMPLETE' });
    expect(moveClaim('awaiting_evidence', 'complete_evidence', { requiredEvidenceMissing: 0 })).toMatchObject({ kind: 'moved', to: 'evidence_complete' });
  });

  it.each(['opened', 'evidence_complete', 'proposed', 'disputed'] as const)('asking for more evidence from %s pauses the clocks and tells the customer', (state) => {
    expect(moveClaim(state, 'request_evidence')).toMatchObject({ effects: { clocks: { answer: 'pause', complaint_ceiling: 'pause' }, tellCustomer: true } });
  });

  it('complete evidence runs the answer clock (1 working day) again', () => {
    expect(moveClaim('awaiting_evidence', 'complete_evidence')).toMatchObject({ effects: { clocks: { answer: 'run', complaint_ceiling: 'run' } } });
  });

  it('approval stops the answer clock, starts the payment clock and tells the customer', () => {
    expect(moveClaim('proposed', 'approve')).toMatchObject({ effects: { clocks: { answer: 'stop', complaint_ceiling: 'stop', payment: 'run' }, tellCustomer: true } });
  });

  it('a rejection tells the customer and starts no payment', () => {
    const move = moveClaim('proposed', 'reject');
    expect(move).toMatchObject({ effects: { clocks: { answer: 'stop' }, tellCustomer: true } });
    if (move.kind === 'moved') expect(move.effects.clocks.payment).toBeUndefined();
  });

  it.each(['approved', 'rejected'] as const)('a dispute of the %s claim reopens it to a supervisor with a fresh answer clock', (state) => {
    expect(moveClaim(state, 'dispute')).toMatchObject({ kind: 'moved', to: 'disputed', effects: { assignToSupervisor: true, clocks: { answer: 'restart', payment: 'stop' } } });
  });

  it('settling stops the payment clock', () => {
    expect(moveClaim('approved', 'settle')).toMatchObject({ effects: { clocks: { payment: 'stop' }, tellCustomer: true } });
  });

  it('every state can reach closed, and nothing leaves it', () => {
    for (const state of CLAIM_STATES) {
      const seen = new Set<ClaimState>([state]);
      const queue = [state];
      while (queue.length > 0) {
        const from = queue.shift()!;
        for (const action of CLAIM_ACTIONS) {
          const move = moveClaim(from, action);
          if (move.kind === 'moved' && !seen.has(move.to)) {
            seen.add(move.to);
            queue.push(move.to);
          }
        }
      }
      expect(seen.has('closed'), state).toBe(true);
    }
    expect(CLAIM_ACTIONS.every((a) => moveClaim('closed', a).kind === 'refused')).toBe(true);
  });
});

describe('mayOpenClaim', () => {
  const claim = (type: string, state: ClaimState, compensated = false) => ({ type, state, compensated });
  it.each<{ case: string; existing: { type: string; state: ClaimState; compensated: boolean }[]; type: string; result: object }>([
    { case: 'the first claim', existing: [], type: 'damage', result: { kind: 'allowed' } },
    { case: 'a second damage claim while one is open', existing: [claim('damage', 'awaiting_evidence')], type: 'damage', result: { kind: 'refused', code: 'CLAIM_DUPLICATE_OPEN' } },
    { case: 'a second one while the first is disputed', existing: [claim('damage', 'disputed')], type: 'damage', result: { kind: 'refused', code: 'CLAIM_DUPLICATE_OPEN' } },
    { case: 'a second one while the first is rejected (dispute it instead)', existing: [claim('damage', 'rejected')], type: 'damage', result: { kind: 'refused', code: 'CLAIM_DUPLICATE_OPEN' } },
    { case: 'a second one after the first was paid', existing: [claim('loss', 'settled', true)], type: 'loss', result: { kind: 'refused', code: 'CLAIM_ALREADY_COMPENSATED' } },
    { case: 'a second one after the first was paid and closed', existing: [claim('loss', 'closed', true)], type: 'loss', result: { kind: 'refused', code: 'CLAIM_ALREADY_COMPENSATED' } },
    { case: 'a delay claim beside an open damage claim', existing: [claim('damage', 'proposed')], type: 'delay', result: { kind: 'allowed' } },
    { case: 'after the first was withdrawn (closed, nothing paid)', existing: [claim('damage', 'closed')], type: 'damage', result: { kind: 'allowed' } },
  ])('$case', ({ existing, type, result }) => {
    expect(mayOpenClaim(existing, type)).toEqual(result);
  });
});

describe('moveClaim: the customer answers the offer (self-service)', () => {
  it.each<{ case: string; state: ClaimState; action: ClaimAction; offerAccepted: boolean; expected: string }>([
    { case: 'accepting the approved offer', state: 'approved', action: 'accept', offerAccepted: false, expected: 'approved' },
    { case: 'accepting it a second time', state: 'approved', action: 'accept', offerAccepted: true, expected: 'CLAIM_OFFER_ALREADY_ACCEPTED' },
    { case: 'disputing an offer already accepted', state: 'approved', action: 'dispute', offerAccepted: true, expected: 'CLAIM_OFFER_ALREADY_ACCEPTED' },
    { case: 'disputing the approved offer', state: 'approved', action: 'dispute', offerAccepted: false, expected: 'disputed' },
    { case: 'disputing a rejection', state: 'rejected', action: 'dispute', offerAccepted: false, expected: 'disputed' },
    { case: 'accepting before any offer', state: 'proposed', action: 'accept', offerAccepted: false, expected: 'CLAIM_NOT_APPROVED' },
    { case: 'accepting once paid', state: 'settled', action: 'accept', offerAccepted: true, expected: 'CLAIM_ALREADY_SETTLED' },
    { case: 'disputing while it is reviewed again', state: 'disputed', action: 'dispute', offerAccepted: false, expected: 'CLAIM_TRANSITION_INVALID' },
    { case: 'settling an accepted offer', state: 'approved', action: 'settle', offerAccepted: true, expected: 'settled' },
  ])('$case → $expected', ({ state, action, offerAccepted, expected }) => {
    const move = moveClaim(state, action, { requiredEvidenceMissing: 0, offerAccepted });
    if ((CLAIM_STATES as readonly string[]).includes(expected)) expect(move).toMatchObject({ kind: 'moved', to: expected });
    else expect(move).toEqual({ kind: 'refused', code: expected });
  });

  it.each(['approved', 'rejected'] as const)('a dispute of the %s claim is reviewed at supervisor level at least', (state) => {
    expect(moveClaim(state, 'dispute')).toMatchObject({ effects: { reviewLevelAtLeast: 'supervisor', assignToSupervisor: true } });
  });

  it('no other move sets a review floor', () => {
    for (const state of CLAIM_STATES) {
      for (const action of CLAIM_ACTIONS) {
        const move = moveClaim(state, action);
        if (move.kind === 'moved' && action !== 'dispute') expect(move.effects.reviewLevelAtLeast, `${state} ${action}`).toBeNull();
      }
    }
  });
});
