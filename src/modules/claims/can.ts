/**
 * What the caller may do to a claim now, for the console to show only those buttons: asked of the
 * same rules the use cases ask (access.ts's permissions, the claim's state machine, the approval
 * rule, the ledger's balances), so a button shown is a request the server takes — the server still
 * decides each request itself.
 */
import {
  claimBalances,
  decideApproval,
  moveClaim,
  type ClaimsPolicy,
  type ClaimState,
  type LedgerEntry,
} from '../../domain/claims/index.js';
import { can as roleCan, type Role } from '../../domain/roles.js';
import type { UserActor } from '../tickets/service.js';
import { fen, fenOrNull, type ClaimRow } from './repository.js';
import type { ClaimCan } from './schemas.js';


/** States that take evidence and its review (use-cases/evidence.ts) and an override (use-cases/override.ts). */
const TAKES_EVIDENCE: readonly ClaimState[] = ['opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'disputed'];

export function claimActions(actor: UserActor, claim: ClaimRow, policy: ClaimsPolicy, entries: readonly LedgerEntry[]): ClaimCan[] {
  const out: ClaimCan[] = [];
  const state = claim.state as ClaimState;
  const work = roleCan(actor.role, 'tickets.work');
  const supervise = roleCan(actor.role, 'tickets.supervise');
  if (work && TAKES_EVIDENCE.includes(state)) out.push('attach_evidence', 'review_evidence', 'override');
  if (work && moveClaim(state, 'request_evidence').kind === 'moved') out.push('request_evidence');
  if (work) {
    const override = fenOrNull(claim.override_fen);
    for (const decision of ['approve', 'reject'] as const) {
      if (moveClaim(state, decision).kind !== 'moved') continue;
      const allowed = decideApproval(
        {
          decision,
          amountFen: override ?? fen(claim.proposed_fen),
          overridden: override !== null,
          // a rejection's reason is asked in the dialog: here only whether the caller may decide
          reason: 'reason',
          approver: { id: actor.id, role: actor.role as Role },
          claim: { openedBy: claim.opened_by, overriddenBy: claim.overridden_by, claimantUserId: null },
        },
        policy,
      );
      if (allowed.kind === 'allowed') out.push(decision);
    }
  }
  if (work && state === 'approved' && claim.approved_fen !== null) out.push('settle');
  const { settledFen, chargedBackFen } = claimBalances(entries);
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.reversesEntryKey));
  if (supervise && entries.some((e) => e.kind !== 'reversal' && !reversed.has(e.entryKey))) out.push('reverse');
  if (supervise) out.push('responsibility');
  if (supervise && claim.responsible_station && settledFen > chargedBackFen) out.push('chargeback');
  return out;
}
