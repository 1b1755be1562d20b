/** Claims as the API shows them: money in fen as numbers, instants as ISO strings. */
import { describeProposalLine, type ClaimLocale, type ProposalLine } from '../../domain/claims/index.js';
import { maskName } from '../../domain/privacy.js';
import { fen, fenOrNull, type ClaimRow, type LedgerRow } from './repository.js';

export interface LedgerView {
  id: string;
  kind: string;
  direction: string;
  amountFen: number;
  reference: string;
  station: string | null;
  reversesEntryId: string | null;
  createdAt: string;
}

export function presentLedgerRow(r: LedgerRow): LedgerView {
  return {
    id: r.id,
    kind: r.kind,
    direction: r.direction,
    amountFen: fen(r.amount_fen),
    reference: r.reference,
    station: r.station,
    reversesEntryId: r.reverses_entry_id,
    createdAt: r.created_at.toISOString(),
  };
}

/** The claimant's name as the parcel has it (sender or recipient), masked like every list of the console. */
export interface ClaimantNames {
  claimant_side: string;
  sender_name: string | null;
  recipient_name: string | null;
}

export function presentClaimSummary(
  c: Pick<ClaimRow, 'id' | 'waybill_no' | 'ticket_id' | 'type' | 'state' | 'claimed_fen' | 'proposed_fen' | 'override_fen' | 'approved_fen' | 'required_level' | 'proposed_station' | 'responsible_station' | 'created_at' | 'version'> & ClaimantNames,
) {
  return {
    id: c.id,
    waybillNo: c.waybill_no,
    ticketId: c.ticket_id,
    type: c.type,
    state: c.state,
    claimedFen: fen(c.claimed_fen),
    proposedFen: fen(c.proposed_fen),
    overrideFen: fenOrNull(c.override_fen),
    approvedFen: fenOrNull(c.approved_fen),
    claimantSide: c.claimant_side,
    claimant: maskName(c.claimant_side === 'recipient' ? c.recipient_name : c.sender_name),
    requiredLevel: c.required_level,
    station: c.responsible_station ?? c.proposed_station,
    createdAt: c.created_at.toISOString(),
    version: c.version,
  };
}

export function presentProposal(proposal: Record<string, unknown>, locale: ClaimLocale) {
  const lines = (proposal.lines as ProposalLine[]) ?? [];
  return {
    totalFen: Number(proposal.totalFen ?? 0),
    treatedAsLoss: Boolean(proposal.treatedAsLoss),
    lines: lines.map((line) => ({ code: line.code, amountFen: line.amountFen, source: line.source, detail: line.detail, text: describeProposalLine(line, locale) })),
  };
}
