/**
 * The notice becomes true (docs/product.md §1, §3; issue 18 §8): a parcel past its complete-delay
 * limit is treated as lost, and the exception job — in its own transaction, on the ticket the loss
 * opened or joined — opens its loss claim, with the proposal computed by the rules and the customer
 * asked for evidence through the notice's link (the self-service claim page). Only then does the
 * parcel's story say "我们按丢失处理并为您启动理赔"; where no claim can be opened (never picked up,
 * past the claim validity, nothing to claim, a loss claim already compensated) nothing is opened and
 * the story does not say so. Running twice opens one claim: the job takes each exception once, and a
 * second loss claim on a parcel is refused (mayOpenClaim, the unique index on open claims).
 *
 * The amount claimed is the most the rules could pay (domain/claims/amounts.ts systemLossClaimFen),
 * claimed for the party the notice goes to: the recipient, else the sender.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { moveClaim, systemLossClaimFen, type PaymentTerm } from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { addEvent, SYSTEM } from '../../tickets/service.js';
import type { ClaimDeps } from '../deps.js';
import { applyClaimClocks } from '../clocks.js';
import { currentClaimsPolicy } from '../policy.js';
import { openClaimOnTicket } from './open.js';

export interface LossClaimDeps extends ClaimDeps {
  /** the self-service claim page of a waybill (config PUBLIC_BASE_URL: domain/notifications/templates.ts claimPageUrl) */
  claimLink: (waybillNo: string) => string;
}

const DESCRIPTION = '快件超过彻底延误时限仍未送达，按丢失处理，系统为客户启动理赔。';

/** For the tickets job (`ticketExceptions(…, { lossClaims })`): each lost parcel's claim, and the link of those that have one open. */
export function lossClaimOpener(deps: LossClaimDeps) {
  return async (trx: Transaction<DB>, lost: readonly { exceptionId: string; waybillNo: string; shipmentId: string; ticketId: string }[], now: Date): Promise<Map<string, string>> => {
    const links = new Map<string, string>();
    const policy = await currentClaimsPolicy(trx, deps);
    for (const parcel of lost) {
      const shipment = await trx
        .selectFrom('shipments')
        .select(['insured', 'declared_value_fen', 'freight_fen', 'payment_term', 'recipient_phone'])
        .where('id', '=', parcel.shipmentId)
        .executeTakeFirst();
      const ticket = await trx.selectFrom('tickets').select(['id', 'customer_tier']).where('id', '=', parcel.ticketId).executeTakeFirst();
      if (!shipment || !ticket) continue;
      const claimedFen = systemLossClaimFen(
        {
          insured: shipment.insured,
          declaredValueFen: shipment.declared_value_fen,
          freightFen: shipment.freight_fen ?? 0,
          paymentTerm: (shipment.payment_term ?? 'sender_pays') as PaymentTerm,
          customerTier: ticket.customer_tier === 'key' ? 'key' : 'standard',
        },
        policy,
      );
      if (claimedFen !== null) {
        try {
          const claim = await openClaimOnTicket(
            trx,
            deps,
            ticket,
            { waybillNo: parcel.waybillNo, type: 'loss', claimantSide: shipment.recipient_phone ? 'recipient' : 'sender', claimedFen, description: DESCRIPTION },
            { via: 'system' },
            now,
          );
          // Required evidence missing (a purchase proof above the threshold): the customer is asked
          // for it by the notice itself, which carries the claim page's link.
          const ask = claim.state === 'opened' ? moveClaim('opened', 'request_evidence') : null;
          if (ask?.kind === 'moved') {
            await trx.updateTable('claims').set({ state: ask.to, evidence_requested_at: now, version: claim.version + 1, updated_at: now }).where('id', '=', claim.id).execute();
            // Asked at once: the complaint ceiling that opening started pauses until the evidence is complete.
            await applyClaimClocks(trx, deps, { id: claim.id, policy_version: policy.version }, ask.effects.clocks, now);
            await addEvent(trx, parcel.ticketId, SYSTEM, { kind: 'claim_state', from: 'opened', to: ask.to, detail: { claimId: claim.id, clocks: ask.effects.clocks, askedBy: 'loss_notice' } });
          }
        } catch (err) {
          // A refusal of the claims core (not picked up, past validity, already compensated …): no claim, and the story says none.
          if (!(err instanceof AppError)) throw err;
        }
      }
      const open = await trx.selectFrom('claims').select('id').where('shipment_id', '=', parcel.shipmentId).where('type', '=', 'loss').where('state', '<>', 'closed').executeTakeFirst();
      if (open) links.set(parcel.exceptionId, deps.claimLink(parcel.waybillNo));
    }
    return links;
  };
}
