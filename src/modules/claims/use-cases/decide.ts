/**
 * Approving or rejecting a claim (主管批准 / 主管不批准, docs/product.md §3): the level the amount
 * needs (one up for an override), nobody their own claim, a rejection with its reason — all the
 * claims core's rules (domain/claims/approval.ts), asked after the access check. The customer is
 * told through the notification outbox (sent after the commit); a rejection with the reason and
 * how to dispute and appeal (`rejectionNotice`); both with the claim page, where the customer
 * accepts or disputes the decision.
 */
import { inTransaction } from '../../../db/transaction.js';
import { decideApproval, formatYuan, moveClaim, rejectionNotice, type ApprovalDecision, type ClaimState } from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { claimPageUrl } from '../../../domain/notifications/templates.js';
import type { Role } from '../../../domain/roles.js';
import { addEvent, type UserActor } from '../../tickets/service.js';
import { claimFor } from '../access.js';
import { applyClaimClocks } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';
import { tellClaimant } from '../notify.js';
import { claimsPolicyVersion } from '../policy.js';
import { fen, fenOrNull, updateClaim } from '../repository.js';
import { who } from '../words.js';

export async function decideClaim(deps: ClaimDeps, actor: UserActor, claimId: string, decision: ApprovalDecision, input: { reason?: string; version: number }) {
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimFor(trx, actor, claimId, 'work', input.version);
    const policy = await claimsPolicyVersion(deps, claim.policy_version, trx);
    const override = fenOrNull(claim.override_fen);
    const amountFen = override ?? fen(claim.proposed_fen);
    const reason = input.reason?.trim() || null;
    const allowed = decideApproval(
      {
        decision,
        amountFen,
        overridden: override !== null,
        reason,
        approver: { id: actor.id, role: actor.role as Role },
        claim: { openedBy: claim.opened_by, overriddenBy: claim.overridden_by, claimantUserId: null, disputed: claim.disputed_at !== null },
      },
      policy,
    );
    if (allowed.kind === 'refused') throw new AppError(allowed.code, { level: allowed.requiredLevel ?? '' });
    const move = moveClaim(claim.state as ClaimState, decision);
    if (move.kind === 'refused') throw new AppError(move.code);
    // Decided: the answer and the complaint ceiling stop; an approval starts the payment clock.
    await applyClaimClocks(trx, deps, claim, move.effects.clocks, new Date());
    await addEvent(trx, claim.ticket_id, who(actor), {
      kind: 'claim_decision',
      from: claim.state,
      to: move.to,
      body: reason,
      detail: { claimId: claim.id, amountFen, level: allowed.level, requiredLevel: allowed.requiredLevel },
    });
    if (move.effects.tellCustomer) {
      // The claim page (phone check, then the claim): where the customer accepts the offer or disputes it.
      const page = deps.publicBaseUrl ? claimPageUrl(deps.publicBaseUrl, claim.waybill_no) : null;
      const body =
        decision === 'approve'
          ? `【理赔】运单 ${claim.waybill_no} 的理赔已批准，赔偿金额 ${formatYuan(amountFen)} 元，我们将在 ${policy.rules.payAfterApproval.value} 日内完成赔付。` +
            (page ? `确认方案或提出异议：${page}` : '')
          : `【理赔】运单 ${claim.waybill_no}：${rejectionNotice(reason ?? '', 'zh-CN')}` + (page ? `查看或提出异议：${page}` : '');
      await tellClaimant(trx, claim, `claim.${decision === 'approve' ? 'approved' : 'rejected'}`, body);
    }
    const version = await updateClaim(trx, claim, {
      state: move.to,
      approved_fen: decision === 'approve' ? amountFen : null,
      decided_by: actor.id,
      decided_at: new Date(),
      decision_reason: reason,
      // a decision after a dispute is a new offer: the customer answers it afresh
      offer_accepted_at: null,
    });
    return { state: move.to, version };
  });
}
