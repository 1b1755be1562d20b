/**
 * The customer's side of a claim (docs/product.md §3, self-service): after the phone check on a
 * waybill the sender or the recipient — the check says which — opens a claim of a type with the
 * amount claimed and a description. It comes in as every customer contact does (the follow-up rule
 * of tickets: it joins their claim case about the parcel, or opens a ticket, linked beside a case of
 * another kind), and the claim is opened on that ticket in the same transaction, so a refusal (not
 * picked up, a second open claim of the type, out of validity) leaves no ticket behind. The customer
 * then follows the ticket's claims with its secret link: the checklist with their uploads, the
 * state, the offer (the approved amount and how it is paid) to accept once or dispute with a reason
 * (the claim goes back to a supervisor), a rejection with its reason and how to appeal.
 *
 * The customer never sees internal notes, the responsible station, chargebacks or who decided: the
 * answer is built here from what they may read, and its schema lists nothing else.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import {
  evidenceChecklist,
  evidenceFileRefusal,
  evidenceStatus,
  moveClaim,
  parseClaimedYuan,
  rejectionNotice,
  settlementPlan,
  type ClaimLocale,
  type ClaimState,
  type ClaimType,
  type EvidenceItem,
  type EvidenceReview,
  type PaymentTerm,
} from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { normalizeWaybillNo } from '../../../domain/waybill.js';
import type { PhoneCheckGuard } from '../../public-tracking/phone-check-guard.js';
import { addEvent, byToken, CUSTOMER, customerCaseSettings, issueTicketLinks, openCustomerCase, verifiedParties, type TicketDeps } from '../../tickets/service.js';
import { applyClaimClocks } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';
import { claimsPolicyVersion } from '../policy.js';
import { fen, fenOrNull, ledgerRows, updateClaim, type ClaimRow } from '../repository.js';
import { openClaimOnTicket } from './open.js';

export interface SelfServiceClaimDeps extends ClaimDeps {
  tickets: TicketDeps;
}

/** States in which the customer may still send evidence (the desk's attach takes the same). */
export const CUSTOMER_EVIDENCE_STATES: readonly ClaimState[] = ['opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'disputed'];

export interface SelfServiceClaimInput {
  waybillNo: string;
  phoneLast4: string;
  /** which party files, when the digits are both the sender's and the recipient's */
  side?: 'sender' | 'recipient' | undefined;
  type: ClaimType;
  /** yuan as typed (元, up to two decimals) */
  claimedYuan: string;
  description: string;
}

/**
 * The customer opens a claim. The amount is checked before the phone check (a mistyped amount
 * costs no guess); then the phone check, then one transaction: the case, the claim, its proposal.
 */
export async function openSelfServiceClaim(deps: SelfServiceClaimDeps, phoneChecks: PhoneCheckGuard, input: SelfServiceClaimInput) {
  const claimedFen = parseClaimedYuan(input.claimedYuan);
  if (claimedFen === null) throw new AppError('CLAIM_AMOUNT_INVALID');
  const waybillNo = normalizeWaybillNo(input.waybillNo);
  const parties = await verifiedParties(deps.tickets, phoneChecks, waybillNo, input.phoneLast4);
  const party = input.side ? parties.find((p) => p.side === input.side) : parties[0];
  if (!party) throw new AppError('PUBLIC_VERIFICATION_FAILED');
  const settings = await customerCaseSettings(deps.tickets);
  const description = input.description.trim();
  const now = new Date();
  try {
    return await inTransaction(deps.db, async (trx) => {
      const kase = await openCustomerCase(trx, settings, party, { waybillNo, kind: 'claim', text: description }, now);
      const claim = await openClaimOnTicket(
        trx,
        deps,
        { id: kase.id, customer_tier: kase.customerTier },
        { waybillNo, type: input.type, claimantSide: party.side, claimedFen, description },
        { via: 'self_service' },
        now,
      );
      return { ticketNumber: kase.number, token: kase.token, joined: kase.joined, claimId: claim.id, state: claim.state };
    });
  } catch (err) {
    // A second open claim of the type filed at the same instant: the unique index on open claims answers.
    if ((err as { code?: unknown }).code === '23505') throw new AppError('CLAIM_DUPLICATE_OPEN');
    throw err;
  }
}

/**
 * "My claims" on a waybill after the phone check: the claims the verified party filed (or the system
 * opened for them), newest first, each with a fresh link to its ticket.
 */
export async function lookupSelfServiceClaims(deps: SelfServiceClaimDeps, phoneChecks: PhoneCheckGuard, input: { waybillNo: string; phoneLast4: string }) {
  const waybillNo = normalizeWaybillNo(input.waybillNo);
  const sides = (await verifiedParties(deps.tickets, phoneChecks, waybillNo, input.phoneLast4)).map((p) => p.side);
  const rows = await deps.db
    .selectFrom('claims')
    .select(['id', 'ticket_id', 'type', 'state', 'claimed_fen', 'created_at'])
    .where('waybill_no', '=', waybillNo)
    .where('claimant_side', 'in', sides)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const tokens = await issueTicketLinks(deps.db, rows.map((r) => r.ticket_id));
  return {
    timeZone: deps.timeZone,
    claims: rows.map((r) => ({ id: r.id, type: r.type, state: r.state, claimedFen: fen(r.claimed_fen), createdAt: r.created_at.toISOString(), token: tokens.get(r.ticket_id)! })),
  };
}

/** The ticket behind a customer's link; an unknown link is "not found", as for the ticket page. */
async function ticketOfLink(deps: SelfServiceClaimDeps, token: string) {
  return byToken(deps.tickets, token);
}

/** The claim of the link's ticket, locked in a transaction (after the ticket: the lock order); another ticket's claim does not exist here. */
export async function customerClaim(trx: Transaction<DB> | SelfServiceClaimDeps['db'], ticketId: string, claimId: string): Promise<ClaimRow> {
  if (trx.isTransaction) await trx.selectFrom('tickets').select('id').where('id', '=', ticketId).forUpdate().executeTakeFirst();
  const query = trx.selectFrom('claims').selectAll().where('id', '=', claimId).where('ticket_id', '=', ticketId);
  const claim = await (trx.isTransaction ? query.forUpdate() : query).executeTakeFirst();
  if (!claim) throw new AppError('CLAIM_NOT_FOUND');
  return claim;
}

/** The claims on the link's ticket as the customer reads them. */
export async function selfServiceClaims(deps: SelfServiceClaimDeps, token: string, locale: ClaimLocale) {
  const ticket = await ticketOfLink(deps, token);
  const rows = await deps.db.selectFrom('claims').selectAll().where('ticket_id', '=', ticket.id).orderBy('created_at').execute();
  const ids = rows.map((r) => r.id);
  const [evidence, ledger] = await Promise.all([
    ids.length
      ? deps.db
          .selectFrom('claim_evidence as e')
          .innerJoin('ticket_attachments as a', 'a.id', 'e.attachment_id')
          .select(['e.id', 'e.claim_id', 'e.item', 'e.review', 'e.review_reason', 'e.created_at', 'a.file_name'])
          .where('e.claim_id', 'in', ids)
          .orderBy('e.created_at')
          .execute()
      : [],
    ledgerRows(deps.db, ids),
  ]);
  const claims = [];
  for (const c of rows) {
    const policy = await claimsPolicyVersion(deps, c.policy_version);
    const mine = evidence.filter((e) => e.claim_id === c.id);
    const type = c.type as ClaimType;
    const claimedFen = fen(c.claimed_fen);
    const status = evidenceStatus(policy, type, claimedFen, mine.map((e) => ({ item: e.item as EvidenceItem, review: e.review as EvidenceReview })));
    const state = c.state as ClaimState;
    const approvedFen = fenOrNull(c.approved_fen);
    const facts = c.facts as { paymentTerm?: PaymentTerm; freightFen?: number; deliveredAt?: string | null };
    const offered = approvedFen !== null && (state === 'approved' || state === 'settled' || state === 'closed');
    const accepted = c.offer_accepted_at !== null;
    // What was paid: settlements and their reversals, never a chargeback to a station (nor its reversal).
    const chargebacks = new Set(ledger.filter((l) => l.kind === 'chargeback').map((l) => l.id));
    const paid = ledger
      .filter((l) => l.claim_id === c.id && l.kind !== 'chargeback' && !(l.reverses_entry_id !== null && chargebacks.has(l.reverses_entry_id)))
      .map((l) => ({ kind: l.kind, amountFen: fen(l.amount_fen), at: l.created_at.toISOString() }));
    claims.push({
      id: c.id,
      waybillNo: c.waybill_no,
      type,
      state,
      claimantSide: c.claimant_side,
      openedBy: (c.opened_via === 'system' ? 'system' : c.opened_via === 'self_service' ? 'customer' : 'staff') as 'system' | 'customer' | 'staff',
      claimedFen,
      description: c.description,
      createdAt: c.created_at.toISOString(),
      version: c.version,
      checklist: evidenceChecklist(policy, type, claimedFen).map(({ item, required }) => ({
        item,
        required,
        uploads: mine
          .filter((e) => e.item === item)
          .map((e) => ({ id: e.id, fileName: e.file_name, review: e.review, reviewReason: e.review === 'rejected' ? e.review_reason : null, at: e.created_at.toISOString() })),
      })),
      evidenceMissing: status.missing,
      acceptsEvidence: CUSTOMER_EVIDENCE_STATES.includes(state),
      offer: offered
        ? {
            approvedFen,
            // How it is paid: the parcel's payment term, as the desk will settle it (settle.ts).
            payment: settlementPlan({ paymentTerm: facts.paymentTerm ?? 'sender_pays', amountFen: approvedFen, freightToCollectFen: facts.freightFen ?? 0, freightCollected: Boolean(facts.deliveredAt) }),
            payWithinDays: policy.rules.payAfterApproval.value,
            acceptedAt: c.offer_accepted_at?.toISOString() ?? null,
          }
        : null,
      rejection: state === 'rejected' ? { reason: c.decision_reason ?? '', notice: rejectionNotice(c.decision_reason ?? '', locale) } : null,
      dispute: c.disputed_at ? { reason: c.dispute_reason ?? '', at: c.disputed_at.toISOString() } : null,
      paid,
      canAccept: moveClaim(state, 'accept', { requiredEvidenceMissing: 0, offerAccepted: accepted }).kind === 'moved',
      canDispute: moveClaim(state, 'dispute', { requiredEvidenceMissing: 0, offerAccepted: accepted }).kind === 'moved',
    });
  }
  // The company's zone, for the page to show every time in it (as the ticket page does).
  return { ticketNumber: String(ticket.number), timeZone: deps.timeZone, claims };
}

/**
 * The customer's upload for a checklist item, in two steps around the attachments module's own
 * (the file is sniffed and stored there): `check` before the upload is read — the claim is on the
 * link's ticket, still takes evidence, and asks for this item — and `record` in the attachment's
 * transaction, where the same checks hold under the claim's lock and the file's type must fit the
 * item (a photo item takes a photo): a refusal there rolls the attachment back and its file is removed.
 */
export function customerEvidenceStep(deps: SelfServiceClaimDeps, claimId: string, item: EvidenceItem) {
  const takes = async (db: Transaction<DB> | SelfServiceClaimDeps['db'], ticketId: string) => {
    const claim = await customerClaim(db, ticketId, claimId);
    if (!CUSTOMER_EVIDENCE_STATES.includes(claim.state as ClaimState)) throw new AppError(claim.state === 'closed' ? 'CLAIM_CLOSED' : claim.state === 'settled' ? 'CLAIM_ALREADY_SETTLED' : 'CLAIM_TRANSITION_INVALID');
    const policy = await claimsPolicyVersion(deps, claim.policy_version, db);
    if (!policy.rules.evidence[claim.type as ClaimType].some((r) => r.item === item)) throw new AppError('EVIDENCE_ITEM_NOT_ON_CHECKLIST');
    return claim;
  };
  return {
    check: async (ticketId: string) => {
      await takes(deps.db, ticketId);
    },
    record: async (trx: Transaction<DB>, ticketId: string, file: { id: string; fileName: string; mediaType: string }) => {
      const claim = await takes(trx, ticketId);
      const refusal = evidenceFileRefusal(item, file.mediaType);
      if (refusal) throw new AppError('EVIDENCE_FILE_TYPE_WRONG', { expected: refusal });
      const row = await trx.insertInto('claim_evidence').values({ claim_id: claim.id, item, attachment_id: file.id, added_by: null }).returning('id').executeTakeFirstOrThrow();
      await addEvent(trx, claim.ticket_id, CUSTOMER, { kind: 'claim_evidence', to: item, body: file.fileName, detail: { claimId: claim.id, evidenceId: row.id, byCustomer: true } });
      return { evidenceId: row.id, item, version: await updateClaim(trx, claim, {}) };
    },
  };
}

/** The customer accepts the offer standing: recorded once; the desk then settles it by the payment term. */
export async function acceptOffer(deps: SelfServiceClaimDeps, token: string, claimId: string) {
  const ticket = await ticketOfLink(deps, token);
  return inTransaction(deps.db, async (trx) => {
    const claim = await customerClaim(trx, ticket.id, claimId);
    const move = moveClaim(claim.state as ClaimState, 'accept', { requiredEvidenceMissing: 0, offerAccepted: claim.offer_accepted_at !== null });
    if (move.kind === 'refused') throw new AppError(move.code);
    await addEvent(trx, claim.ticket_id, CUSTOMER, { kind: 'claim_state', from: claim.state, to: 'offer_accepted', detail: { claimId: claim.id, approvedFen: fenOrNull(claim.approved_fen) } });
    return { state: move.to, version: await updateClaim(trx, claim, { offer_accepted_at: new Date() }) };
  });
}

/**
 * The customer disputes the offer or the rejection, with a reason: the claim goes back to review,
 * decided by a supervisor at least (claim-state.ts: the dispute's review floor), with a fresh answer clock.
 */
export async function disputeClaim(deps: SelfServiceClaimDeps, token: string, claimId: string, input: { reason: string }) {
  const ticket = await ticketOfLink(deps, token);
  const reason = input.reason.trim();
  return inTransaction(deps.db, async (trx) => {
    const claim = await customerClaim(trx, ticket.id, claimId);
    const move = moveClaim(claim.state as ClaimState, 'dispute', { requiredEvidenceMissing: 0, offerAccepted: claim.offer_accepted_at !== null });
    if (move.kind === 'refused') throw new AppError(move.code);
    const requiredLevel = move.effects.reviewLevelAtLeast && claim.required_level === 'agent' ? move.effects.reviewLevelAtLeast : claim.required_level;
    // A fresh answer clock for the review; the complaint ceiling runs on from filing; no payment is due.
    await applyClaimClocks(trx, deps, claim, move.effects.clocks, new Date());
    await addEvent(trx, claim.ticket_id, CUSTOMER, {
      kind: 'claim_state',
      visibility: 'public',
      from: claim.state,
      to: move.to,
      body: reason,
      detail: { claimId: claim.id, dispute: true, requiredLevel, clocks: move.effects.clocks },
    });
    const version = await updateClaim(trx, claim, { state: move.to, disputed_at: new Date(), dispute_reason: reason, required_level: requiredLevel, offer_accepted_at: null });
    return { state: move.to, version };
  });
}
