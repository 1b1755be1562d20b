import { describe, expect, it } from 'vitest';
import type { Role } from '../roles.js';
import { checkOverride, decideApproval, requiredApprovalLevel, type ApprovalRequest } from './approval.js';
import { DEFAULT_CLAIMS_POLICY } from './policy.js';

const P = DEFAULT_CLAIMS_POLICY;

describe('requiredApprovalLevel (≤ 500 yuan agent, ≤ 5,000 yuan supervisor, above a manager)', () => {
  it.each([
    { amount: 0, overridden: false, level: 'agent' },
    { amount: 50_000, overridden: false, level: 'agent' },
    { amount: 50_001, overridden: false, level: 'supervisor' },
    { amount: 500_000, overridden: false, level: 'supervisor' },
    { amount: 500_001, overridden: false, level: 'manager' },
    { amount: 30_000, overridden: true, level: 'supervisor' },
    { amount: 200_000, overridden: true, level: 'manager' },
    { amount: 900_000, overridden: true, level: 'manager' },
  ] as const)('$amount fen, overridden $overridden: $level', ({ amount, overridden, level }) => {
    expect(requiredApprovalLevel(amount, overridden, P)).toBe(level);
  });

  it.each([
    { amount: 30_000, overridden: false, level: 'supervisor' },
    { amount: 300_000, overridden: false, level: 'supervisor' },
    { amount: 30_000, overridden: true, level: 'supervisor' },
    { amount: 300_000, overridden: true, level: 'manager' },
    { amount: 900_000, overridden: false, level: 'manager' },
  ] as const)('disputed by the customer: $amount fen, overridden $overridden → $level (a supervisor at least)', ({ amount, overridden, level }) => {
    expect(requiredApprovalLevel(amount, overridden, P, true)).toBe(level);
  });
});

const request = (over: Partial<ApprovalRequest> & { role?: Role; id?: string } = {}): ApprovalRequest => ({
  decision: over.decision ?? 'approve',
  amountFen: over.amountFen ?? 30_000,
  overridden: over.overridden ?? false,
  reason: over.reason ?? null,
  approver: { id: over.id ?? 'u-sup', role: over.role ?? 'supervisor' },
  claim: over.claim ?? { openedBy: 'u-agent', overriddenBy: null, claimantUserId: null },
});

describe('decideApproval', () => {
  it.each<{ case: string; req: ApprovalRequest; result: object }>([
    { case: 'another agent approves 300 yuan', req: request({ role: 'agent', id: 'u-agent2' }), result: { kind: 'allowed', level: 'agent', requiredLevel: 'agent' } },
    { case: 'an account manager approves 300 yuan as an agent', req: request({ role: 'account_manager', id: 'u-am' }), result: { kind: 'allowed', level: 'agent' } },
    { case: 'a supervisor approves 300 yuan (a higher level may)', req: request(), result: { kind: 'allowed', level: 'supervisor', requiredLevel: 'agent' } },
    { case: 'an agent may not approve 600 yuan', req: request({ role: 'agent', id: 'u-agent2', amountFen: 60_000 }), result: { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW', requiredLevel: 'supervisor' } },
    { case: 'a supervisor approves 5,000 yuan', req: request({ amountFen: 500_000 }), result: { kind: 'allowed', level: 'supervisor' } },
    { case: 'a supervisor may not approve 5,000.01 yuan', req: request({ amountFen: 500_001 }), result: { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW', requiredLevel: 'manager' } },
    { case: 'a manager approves 20,000 yuan', req: request({ role: 'manager', id: 'u-mgr', amountFen: 2_000_000 }), result: { kind: 'allowed', level: 'manager' } },
    { case: 'an override of 300 yuan goes to a supervisor', req: request({ role: 'agent', id: 'u-agent2', overridden: true }), result: { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW', requiredLevel: 'supervisor' } },
    { case: 'an override of 3,000 yuan goes to a manager', req: request({ amountFen: 300_000, overridden: true }), result: { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW', requiredLevel: 'manager' } },
    { case: 'the agent who opened the claim may not approve it', req: request({ role: 'agent', id: 'u-agent' }), result: { kind: 'refused', code: 'APPROVAL_OWN_CLAIM' } },
    { case: 'the supervisor who overrode the proposal may not approve it', req: request({ overridden: true, claim: { openedBy: 'u-agent', overriddenBy: 'u-sup', claimantUserId: null } }), result: { kind: 'refused', code: 'APPROVAL_OWN_CLAIM' } },
    { case: 'a manager claiming for their own parcel may not approve it', req: request({ role: 'manager', id: 'u-mgr', claim: { openedBy: null, overriddenBy: null, claimantUserId: 'u-mgr' } }), result: { kind: 'refused', code: 'APPROVAL_OWN_CLAIM' } },
    { case: 'a rejection without a reason', req: request({ decision: 'reject', reason: '   ' }), result: { kind: 'refused', code: 'APPROVAL_REASON_REQUIRED' } },
    { case: 'a rejection with a reason', req: request({ decision: 'reject', reason: '签收时未提出异议，外包装完好' }), result: { kind: 'allowed', level: 'supervisor' } },
    { case: 'a rejection also needs the level', req: request({ role: 'agent', id: 'u-agent2', decision: 'reject', reason: '证据不足', amountFen: 100_000 }), result: { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW' } },
    { case: 'department staff decide no claim', req: request({ role: 'department', id: 'u-dep' }), result: { kind: 'refused', code: 'APPROVAL_ROLE_CANNOT_DECIDE' } },
    { case: 'an admin decides no claim', req: request({ role: 'admin', id: 'u-admin' }), result: { kind: 'refused', code: 'APPROVAL_ROLE_CANNOT_DECIDE' } },
    { case: 'a negative amount', req: request({ amountFen: -1 }), result: { kind: 'refused', code: 'APPROVAL_AMOUNT_INVALID' } },
    {
      case: 'an agent may not decide 300 yuan again once the customer disputed it',
      req: request({ role: 'agent', id: 'u-agent2', claim: { openedBy: null, overriddenBy: null, claimantUserId: null, disputed: true } }),
      result: { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW', requiredLevel: 'supervisor' },
    },
    { case: 'a supervisor decides the disputed 300 yuan', req: request({ claim: { openedBy: null, overriddenBy: null, claimantUserId: null, disputed: true } }), result: { kind: 'allowed', requiredLevel: 'supervisor' } },
    { case: 'a fraction of a fen', req: request({ amountFen: 0.5 }), result: { kind: 'refused', code: 'APPROVAL_AMOUNT_INVALID' } },
  ])('$case', ({ req, result }) => {
    const got = decideApproval(req, P);
    expect(got).toMatchObject(result);
    if ('code' in result) expect(got.kind).toBe('refused');
  });
});

describe('checkOverride', () => {
  const proposal = { totalFen: 16_000, claimedFen: 50_000 };
  it.each([
    { case: 'a different amount with a reason', amount: 30_000, reason: '客户提供购物发票，按实际价值协商', result: { kind: 'allowed' } },
    { case: 'no reason', amount: 30_000, reason: null, result: { kind: 'refused', code: 'OVERRIDE_REASON_REQUIRED' } },
    { case: 'a blank reason', amount: 30_000, reason: ' ', result: { kind: 'refused', code: 'OVERRIDE_REASON_REQUIRED' } },
    { case: 'more than claimed', amount: 50_001, reason: '协商', result: { kind: 'refused', code: 'OVERRIDE_ABOVE_CLAIMED' } },
    { case: 'the proposal itself', amount: 16_000, reason: '协商', result: { kind: 'refused', code: 'OVERRIDE_SAME_AS_PROPOSAL' } },
    { case: 'a negative amount', amount: -5, reason: '协商', result: { kind: 'refused', code: 'OVERRIDE_AMOUNT_INVALID' } },
    { case: 'zero (nothing paid) with a reason', amount: 0, reason: '客户撤回', result: { kind: 'allowed' } },
  ])('$case', ({ amount, reason, result }) => {
    expect(checkOverride({ amountFen: amount, reason }, proposal)).toEqual(result);
  });
});
