/** A ticket's claims, for its page: whoever reads the ticket reads them (access.ts: a claim is read by its ticket's readers). */
import type { UserActor } from '../../tickets/service.js';
import { ticketAccess } from '../../tickets/access.js';
import type { ClaimDeps } from '../deps.js';
import { presentClaimSummary } from '../presenter.js';

export async function ticketClaims(deps: ClaimDeps, actor: UserActor, ticketId: string) {
  await ticketAccess(deps.db, actor, ticketId, 'read');
  const rows = await deps.db
    .selectFrom('claims')
    .select(['id', 'waybill_no', 'ticket_id', 'type', 'state', 'claimed_fen', 'proposed_fen', 'override_fen', 'approved_fen', 'required_level', 'proposed_station', 'responsible_station', 'created_at', 'version'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .execute();
  return rows.map(presentClaimSummary);
}
