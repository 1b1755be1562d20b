/**
 * An agent replaces the proposal's amount (docs/product.md §3): only with a reason, never above what
 * was claimed; the proposal stays beside it and the decision goes one level up (domain/claims/approval.ts).
 */
import { inTransaction } from '../../../db/transaction.js';
import { checkOverride, requiredApprovalLevel, type ClaimState } from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { addEvent, type UserActor } from '../../tickets/service.js';
import { claimFor } from '../access.js';
import type { ClaimDeps } from '../deps.js';
import { claimsPolicyVersion } from '../policy.js';
import { fen, updateClaim } from '../repository.js';
import { who } from '../words.js';

const UNDECIDED: readonly ClaimState[] = ['opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'disputed'];

export async function overrideProposal(deps: ClaimDeps, actor: UserActor, claimId: string, input: { amountFen: number; reason: string; version: number }) {
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimFor(trx, actor, claimId, 'work', input.version);
    if (!UNDECIDED.includes(claim.state as ClaimState)) throw new AppError(claim.state === 'settled' ? 'CLAIM_ALREADY_SETTLED' : claim.state === 'closed' ? 'CLAIM_CLOSED' : 'CLAIM_TRANSITION_INVALID');
    const check = checkOverride({ amountFen: input.amountFen, reason: input.reason }, { totalFen: fen(claim.proposed_fen), claimedFen: fen(claim.claimed_fen) });
    if (check.kind === 'refused') throw new AppError(check.code);
    const policy = await claimsPolicyVersion(deps, claim.policy_version, trx);
    const level = requiredApprovalLevel(input.amountFen, true, policy, claim.disputed_at !== null);
    await addEvent(trx, claim.ticket_id, who(actor), {
      kind: 'claim_override',
      from: String(fen(claim.proposed_fen)),
      to: String(input.amountFen),
      body: input.reason.trim(),
      detail: { claimId: claim.id, requiredLevel: level },
    });
    return { requiredLevel: level, version: await updateClaim(trx, claim, { override_fen: input.amountFen, override_reason: input.reason.trim(), overridden_by: actor.id, required_level: level }) };
  });
}
