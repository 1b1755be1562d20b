/**
 * Settling an approved claim (docs/product.md §3) by the parcel's payment term
 * (domain/claims/settlement.ts `settlementPlan`): 寄付 a payout with the bank / WeChat / Alipay
 * reference the desk enters; 到付 deducted from the freight still to collect (the rest paid out);
 * 月结 a credit note (冲账) on the monthly account the parcel was billed to (kept in the claim's
 * facts), which the account's statement lists (modules/customers/use-cases/statement.ts). Exactly once per
 * idempotency key (ledger.ts); the customer is told through the outbox.
 */
import { formatYuan, moveClaim, settlementPlan, type ClaimState, type PaymentTerm } from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { addEvent, type UserActor } from '../../tickets/service.js';
import { applyClaimClocks } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';
import { ledgerStep } from '../ledger.js';
import { tellClaimant } from '../notify.js';
import { fen, fenOrNull, updateClaim } from '../repository.js';
import { who } from '../words.js';

export async function settleClaim(deps: ClaimDeps, actor: UserActor, claimId: string, key: string | undefined, input: { reference?: string }) {
  return ledgerStep(deps.db, actor, claimId, key, {
    need: 'work',
    request: (claim) => {
      const facts = claim.facts as { paymentTerm?: PaymentTerm; freightFen?: number; deliveredAt?: string | null; monthlyAccount?: string | null };
      const paymentTerm = facts.paymentTerm ?? 'sender_pays';
      // The plan is of the whole approved amount, from the facts kept at opening: a repeated request plans the same entries.
      const plan = settlementPlan({
        paymentTerm,
        // not approved yet: the amount it would be, so the answer is that it is not approved
        amountFen: fenOrNull(claim.approved_fen) ?? fenOrNull(claim.override_fen) ?? fen(claim.proposed_fen),
        freightToCollectFen: facts.freightFen ?? 0,
        freightCollected: Boolean(facts.deliveredAt),
      });
      const referenceOf = (kind: string) =>
        kind === 'credit_note'
          ? `月结账户 ${facts.monthlyAccount ?? '未登记'} 冲账 ${claim.waybill_no}`
          : kind === 'deduction'
            ? `到付运费抵扣 ${claim.waybill_no}`
            : (input.reference ?? '').trim();
      return { kind: 'settle' as const, idempotencyKey: '', parts: plan.map((p) => ({ ...p, reference: referenceOf(p.kind) })) };
    },
    after: async (trx, claim, entries) => {
      if (claim.state !== 'approved') return;
      const move = moveClaim(claim.state as ClaimState, 'settle');
      if (move.kind === 'refused') throw new AppError(move.code);
      // Paid: the payment clock stops.
      await applyClaimClocks(trx, deps, claim, move.effects.clocks, new Date());
      const total = entries.reduce((t, e) => t + e.amountFen, 0);
      await addEvent(trx, claim.ticket_id, who(actor), {
        kind: 'claim_settled',
        from: claim.state,
        to: move.to,
        body: entries.map((e) => `${e.kind} ${formatYuan(e.amountFen)} ${e.reference}`).join('; '),
        detail: { claimId: claim.id, totalFen: total },
      });
      if (move.effects.tellCustomer) {
        await tellClaimant(trx, claim, 'claim.settled', `【理赔】运单 ${claim.waybill_no} 的赔偿 ${formatYuan(fen(claim.approved_fen!))} 元已处理：${entries.map((e) => e.reference).join('；')}。`);
      }
      await updateClaim(trx, claim, { state: move.to });
    },
  });
}
