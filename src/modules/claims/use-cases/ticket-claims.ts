/** A ticket's claims, for its page: whoever reads the ticket reads them (access.ts: a claim is read by its ticket's readers). */
import type { UserActor } from '../../tickets/service.js';
import { ticketAccess } from '../../tickets/access.js';
import type { ClaimDeps } from '../deps.js';
import { presentClaimSummary } from '../presenter.js';

export async function ticketClaims(deps: ClaimDeps, actor: UserActor, ticketId: string) {
  await ticketAccess(deps.db, actor, ticketId, 'read');
  const rows = await deps.db
    .selectFrom('claims as c')
    .innerJoin('shipments as s', 's.id', 'c.shipment_id')
    .select(['c.id', 'c.waybill_no', 'c.ticket_id', 'c.type', 'c.state', 'c.claimed_fen', 'c.proposed_fen', 'c.override_fen', 'c.approved_fen', 'c.required_level', 'c.proposed_station', 'c.responsible_station', 'c.created_at', 'c.version'])
    .select(['c.claimant_side', 's.sender_name', 's.recipient_name'])
    .where('c.ticket_id', '=', ticketId)
    .orderBy('c.created_at')
    .execute();
  return rows.map(presentClaimSummary);
}
