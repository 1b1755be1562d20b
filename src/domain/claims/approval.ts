/**
 * Who may decide a claim (docs/product.md §3: approval tiered by amount, agent → supervisor →
 * manager; a rejection needs a reason). The claims policy sets the limits (≤ 500 yuan an agent,
 * ≤ 5,000 yuan a supervisor, above a manager); an amount that overrides the proposal goes one level
 * up; nobody decides a claim they opened, overrode or filed themselves (不相容职务分离). Pure: the
 * service loads the claim and the approver and asks here; it returns allowed or refused with a code.
 */
import type { Role } from '../roles.js';
import { MAX_AMOUNT_FEN, type ClaimsPolicy } from './policy.js';

export const APPROVAL_LEVELS = ['agent', 'supervisor', 'manager'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/**
 * The level each role decides at. Account managers work the desk as agents do; department staff
 * answer what they are asked, and admins run the system, not the money (separation of duties).
 */
const LEVEL_OF_ROLE: Record<Role, ApprovalLevel | null> = {
  agent: 'agent',
  account_manager: 'agent',
  supervisor: 'supervisor',
  manager: 'manager',
  department: null,
  admin: null,
};

export function approvalLevelOf(role: Role): ApprovalLevel | null {
  return LEVEL_OF_ROLE[role] ?? null;
}

const rank = (level: ApprovalLevel) => APPROVAL_LEVELS.indexOf(level);

/**
 * The level that decides `amountFen`: the policy's tier for the amount, one level up when the
 * amount overrides the proposal (a manager's decision has no level above it and stays a manager's),
 * and a supervisor at least once the customer disputed the claim (claim-state.ts: a dispute reopens
 * it to a supervisor).
 */
export function requiredApprovalLevel(amountFen: number, overridden: boolean, policy: Pick<ClaimsPolicy, 'rules'>, disputed = false): ApprovalLevel {
  const { agentApprovalMaxFen, supervisorApprovalMaxFen } = policy.rules;
  const byAmount: ApprovalLevel = amountFen <= agentApprovalMaxFen.value ? 'agent' : amountFen <= supervisorApprovalMaxFen.value ? 'supervisor' : 'manager';
  const level = overridden ? APPROVAL_LEVELS[Math.min(rank(byAmount) + 1, APPROVAL_LEVELS.length - 1)]! : byAmount;
  return disputed && rank(level) < rank('supervisor') ? 'supervisor' : level;
}

export const APPROVAL_REFUSAL_CODES = [
  'APPROVAL_AMOUNT_INVALID',
  'APPROVAL_ROLE_CANNOT_DECIDE',
  'APPROVAL_OWN_CLAIM',
  'APPROVAL_LEVEL_TOO_LOW',
  'APPROVAL_REASON_REQUIRED',
] as const;
export type ApprovalRefusalCode = (typeof APPROVAL_REFUSAL_CODES)[number];

export type ApprovalDecision = 'approve' | 'reject';

export interface ApprovalRequest {
  decision: ApprovalDecision;
  /** the amount to be paid: the override when there is one, otherwise the proposal's total */
  amountFen: number;
  /** the amount differs from the rules' proposal */
  overridden: boolean;
  reason: string | null;
  approver: { id: string; role: Role };
  claim: {
    /** who opened the claim (经办人); null when the customer or the system opened it */
    openedBy: string | null;
    /** who overrode the proposal, if anyone */
    overriddenBy: string | null;
    /** a member of staff claiming for their own parcel */
    claimantUserId: string | null;
    /** the customer disputed it: a supervisor at least decides it again */
    disputed?: boolean;
  };
}

export type ApprovalResult =
  | { kind: 'allowed'; level: ApprovalLevel; requiredLevel: ApprovalLevel }
  | { kind: 'refused'; code: ApprovalRefusalCode; requiredLevel?: ApprovalLevel };

/**
 * May `approver` approve or reject the claim at `amountFen`? Approving and rejecting are the same
 * decision about the same money, so both need the level the amount calls for; a rejection also
 * needs a reason, which the customer is told with how to appeal (申诉).
 */
export function decideApproval(request: ApprovalRequest, policy: Pick<ClaimsPolicy, 'rules'>): ApprovalResult {
  const { amountFen, approver, claim } = request;
  if (!Number.isInteger(amountFen) || amountFen < 0 || amountFen > MAX_AMOUNT_FEN) return { kind: 'refused', code: 'APPROVAL_AMOUNT_INVALID' };
  const level = approvalLevelOf(approver.role);
  if (level === null) return { kind: 'refused', code: 'APPROVAL_ROLE_CANNOT_DECIDE' };
  if ([claim.openedBy, claim.overriddenBy, claim.claimantUserId].includes(approver.id)) return { kind: 'refused', code: 'APPROVAL_OWN_CLAIM' };
  const requiredLevel = requiredApprovalLevel(amountFen, request.overridden, policy, claim.disputed ?? false);
  if (rank(level) < rank(requiredLevel)) return { kind: 'refused', code: 'APPROVAL_LEVEL_TOO_LOW', requiredLevel };
  if (request.decision === 'reject' && (request.reason ?? '').trim() === '') return { kind: 'refused', code: 'APPROVAL_REASON_REQUIRED', requiredLevel };
  return { kind: 'allowed', level, requiredLevel };
}

export const OVERRIDE_REFUSAL_CODES = ['OVERRIDE_REASON_REQUIRED', 'OVERRIDE_AMOUNT_INVALID', 'OVERRIDE_ABOVE_CLAIMED', 'OVERRIDE_SAME_AS_PROPOSAL'] as const;
export type OverrideRefusalCode = (typeof OVERRIDE_REFUSAL_CODES)[number];

/**
 * An agent may replace the proposal's total with another amount only with a reason, never above
 * what was claimed; the override is kept beside the proposal and its approval goes one level up.
 */
export function checkOverride(override: { amountFen: number; reason: string | null }, proposal: { totalFen: number; claimedFen: number }): { kind: 'allowed' } | { kind: 'refused'; code: OverrideRefusalCode } {
  const { amountFen } = override;
  if (!Number.isInteger(amountFen) || amountFen < 0 || amountFen > MAX_AMOUNT_FEN) return { kind: 'refused', code: 'OVERRIDE_AMOUNT_INVALID' };
  if (amountFen > proposal.claimedFen) return { kind: 'refused', code: 'OVERRIDE_ABOVE_CLAIMED' };
  if (amountFen === proposal.totalFen) return { kind: 'refused', code: 'OVERRIDE_SAME_AS_PROPOSAL' };
  if ((override.reason ?? '').trim() === '') return { kind: 'refused', code: 'OVERRIDE_REASON_REQUIRED' };
  return { kind: 'allowed' };
}
