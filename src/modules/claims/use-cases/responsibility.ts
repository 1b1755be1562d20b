/**
 * Responsibility and chargeback (责任判定/追偿, docs/product.md §3): the station proposed from the
 * scan trail at opening (domain/claims/responsibility.ts) is confirmed or changed by a supervisor
 * with a reason; a chargeback to that station is a ledger entry (never above the compensation),
 * exactly once per idempotency key.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { addEvent, type UserActor } from '../../tickets/service.js';
import { claimFor } from '../access.js';
import type { ClaimDeps } from '../deps.js';
import { ledgerStep } from '../ledger.js';
import { updateClaim } from '../repository.js';
import { who } from '../words.js';

export async function decideResponsibility(deps: ClaimDeps, actor: UserActor, claimId: string, input: { station: string; reason: string; version: number }) {
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimFor(trx, actor, claimId, 'supervise', input.version);
    const station = input.station.trim();
    if (!station) throw new AppError('CHARGEBACK_STATION_REQUIRED');
    if (!input.reason.trim()) throw new AppError('RESPONSIBILITY_REASON_REQUIRED');
    await addEvent(trx, claim.ticket_id, who(actor), {
      kind: 'claim_responsibility',
      from: claim.responsible_station ?? claim.proposed_station,
      to: station,
      body: input.reason.trim(),
      detail: { claimId: claim.id, proposed: claim.proposed_station, changed: station !== claim.proposed_station },
    });
    const version = await updateClaim(trx, claim, { responsible_station: station, responsibility_reason: input.reason.trim(), responsibility_by: actor.id, responsibility_at: new Date() });
    return { station, version };
  });
}

export async function chargeBack(deps: ClaimDeps, actor: UserActor, claimId: string, key: string | undefined, input: { amountFen: number; reason: string }) {
  return ledgerStep(deps.db, actor, claimId, key, {
    need: 'supervise',
    request: (claim) => ({ kind: 'chargeback' as const, idempotencyKey: '', station: claim.responsible_station ?? '', amountFen: input.amountFen, reference: input.reason }),
    after: async (trx, claim, entries) => {
      await addEvent(trx, claim.ticket_id, who(actor), { kind: 'claim_chargeback', to: claim.responsible_station, body: input.reason.trim(), detail: { claimId: claim.id, amountFen: entries[0]?.amountFen ?? 0 } });
      await updateClaim(trx, claim, {});
    },
  });
}
