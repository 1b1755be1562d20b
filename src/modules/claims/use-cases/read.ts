/**
 * Reading claims: one claim with its facts, checklist, evidence, proposal lines, decision,
 * responsibility and ledger; the claims list (filters: state, type, amount, station, age; an exact
 * waybill); the approval inbox (what the caller's level may decide, never their own); a station's
 * chargebacks in a month. Every list shows only claims whose ticket the caller may read (access.ts).
 */
import { sql } from 'kysely';
import {
  APPROVAL_LEVELS,
  approvalLevelOf,
  evidenceChecklist,
  evidenceStatus,
  type ClaimLocale,
  type ClaimType,
  type EvidenceItem,
  type EvidenceReview,
} from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { can, type Role } from '../../../domain/roles.js';
import { fromWallClock } from '../../../domain/time-limits/working-days.js';
import { normalizeWaybillNo } from '../../../domain/waybill.js';
import { presentClock, type UserActor } from '../../tickets/service.js';
import { claimFor, readableClaims } from '../access.js';
import { claimClocksOf, clockSettings } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';
import { claimsPolicyVersion } from '../policy.js';
import { presentClaimSummary, presentLedgerRow, presentProposal } from '../presenter.js';
import { fen, fenOrNull, ledgerRows, toEntries } from '../repository.js';
import { claimActions } from '../can.js';
import { INBOX_PAGE_SIZE } from '../schemas.js';

export async function claimDetail(deps: ClaimDeps, actor: UserActor, id: string, locale: ClaimLocale) {
  const claim = await claimFor(deps.db, actor, id, 'read');
  const names = await deps.db.selectFrom('shipments').select(['sender_name', 'recipient_name']).where('id', '=', claim.shipment_id).executeTakeFirstOrThrow();
  const policy = await claimsPolicyVersion(deps, claim.policy_version);
  const evidence = await deps.db.selectFrom('claim_evidence').selectAll().where('claim_id', '=', claim.id).orderBy('created_at').execute();
  const submitted = evidence.map((e) => ({ item: e.item as EvidenceItem, review: e.review as EvidenceReview }));
  const status = evidenceStatus(policy, claim.type as ClaimType, fen(claim.claimed_fen), submitted);
  const [ledger, clockRows, settings] = await Promise.all([ledgerRows(deps.db, [claim.id]), claimClocksOf(deps.db, claim.id), clockSettings(deps)]);
  const now = new Date();
  return {
    ...presentClaimSummary({ ...claim, ...names }),
    description: claim.description,
    facts: claim.facts,
    policyVersion: claim.policy_version,
    proposal: presentProposal(claim.proposal, locale),
    override: claim.override_fen === null ? null : { amountFen: fen(claim.override_fen), reason: claim.override_reason ?? '', by: claim.overridden_by },
    decision: claim.decided_at ? { by: claim.decided_by, at: claim.decided_at.toISOString(), reason: claim.decision_reason, approvedFen: fenOrNull(claim.approved_fen) } : null,
    evidenceRequestedAt: claim.evidence_requested_at?.toISOString() ?? null,
    checklist: evidenceChecklist(policy, claim.type as ClaimType, fen(claim.claimed_fen)),
    evidenceMissing: status.missing,
    evidence: evidence.map((e) => ({
      id: e.id,
      item: e.item,
      attachmentId: e.attachment_id,
      review: e.review,
      reviewReason: e.review_reason,
      reviewedBy: e.reviewed_by,
      reviewedAt: e.reviewed_at?.toISOString() ?? null,
      createdAt: e.created_at.toISOString(),
    })),
    responsibility: {
      proposedStation: claim.proposed_station,
      proposedBasis: claim.proposed_station_basis,
      station: claim.responsible_station,
      reason: claim.responsibility_reason,
      by: claim.responsibility_by,
      at: claim.responsibility_at?.toISOString() ?? null,
    },
    ledger: ledger.map(presentLedgerRow),
    can: claimActions(actor, claim, policy, toEntries(ledger)),
    clocks: clockRows.map((row) => presentClock(row, now, settings.warnRatio, settings.calendar)),
  };
}

export interface ClaimListQuery {
  state?: string;
  type?: string;
  minFen?: number;
  maxFen?: number;
  station?: string;
  olderThanDays?: number;
  waybill?: string;
  page?: number;
  pageSize?: number;
  /** keyset: the id of the last claim read; the page after it, whatever its depth, costs a page */
  before?: string;
}

/**
 * The claims the caller reads: for whoever reads every ticket (tickets.readConfidential) all of them,
 * with no join; for anyone else through their tickets.
 */
function base(deps: ClaimDeps, actor: UserActor) {
  // The parcel for the claimant's name (masked by the presenter).
  let query = deps.db.selectFrom('claims as c').innerJoin('shipments as s', 's.id', 'c.shipment_id');
  if (!can(actor.role, 'tickets.readConfidential')) {
    query = query.where((eb) => eb.exists(eb.selectFrom('tickets as t').select('t.id').whereRef('t.id', '=', 'c.ticket_id').where(readableClaims(actor) as never)));
  }
  return query
    .select(['c.id', 'c.waybill_no', 'c.ticket_id', 'c.type', 'c.state', 'c.claimed_fen', 'c.proposed_fen', 'c.override_fen', 'c.approved_fen', 'c.required_level', 'c.proposed_station', 'c.responsible_station', 'c.created_at', 'c.version'])
    .select(['c.claimant_side', 's.sender_name', 's.recipient_name']);
}

export async function listClaims(deps: ClaimDeps, actor: UserActor, q: ClaimListQuery) {
  let query = base(deps, actor);
  if (q.waybill) query = query.where('c.waybill_no', '=', normalizeWaybillNo(q.waybill));
  if (q.state) query = query.where('c.state', '=', q.state);
  if (q.type) query = query.where('c.type', '=', q.type);
  if (q.minFen !== undefined) query = query.where('c.claimed_fen', '>=', q.minFen as never);
  if (q.maxFen !== undefined) query = query.where('c.claimed_fen', '<=', q.maxFen as never);
  if (q.station) query = query.where((eb) => eb.fn.coalesce('c.responsible_station', 'c.proposed_station'), '=', q.station);
  if (q.olderThanDays !== undefined) query = query.where('c.created_at', '<=', new Date(Date.now() - q.olderThanDays * 86_400_000));
  const pageSize = q.pageSize ?? 20;
  // The claim named by `before` is found by its id and the page starts below it in the list's own
  // order (created_at, id), to the microsecond; an id that is no claim gives an empty page.
  if (q.before) query = query.where(sql<boolean>`(c.created_at, c.id) < (select b.created_at, b.id from claims b where b.id = ${q.before})`);
  const rows = await query
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(pageSize)
    .offset(q.before ? 0 : ((q.page ?? 1) - 1) * pageSize)
    .execute();
  return rows.map(presentClaimSummary);
}

/**
 * Claims waiting for a decision the caller's level may take (an agent's, a supervisor's, a
 * manager's), oldest first, never their own; a page at a time, the next one after the claim named
 * by `after` (keyset, as the list's `before`).
 */
export async function approvalInbox(deps: ClaimDeps, actor: UserActor, q: { pageSize?: number; after?: string } = {}) {
  const level = approvalLevelOf(actor.role as Role);
  if (level === null) return [];
  const levels = APPROVAL_LEVELS.slice(0, APPROVAL_LEVELS.indexOf(level) + 1);
  let query = base(deps, actor);
  if (q.after) query = query.where(sql<boolean>`(c.created_at, c.id) > (select b.created_at, b.id from claims b where b.id = ${q.after})`);
  const rows = await query
    // Written out, not parameters: the server keeps one generic plan per statement, and only literal
    // states prove that the waiting claims' partial index (claims_inbox_waiting) holds the rows.
    .where(sql<boolean>`c.state in ('proposed', 'disputed')`)
    .where('c.required_level', 'in', levels)
    .where((eb) => eb.or([eb('c.opened_by', 'is', null), eb('c.opened_by', '<>', actor.id)]))
    .where((eb) => eb.or([eb('c.overridden_by', 'is', null), eb('c.overridden_by', '<>', actor.id)]))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(q.pageSize ?? INBOX_PAGE_SIZE)
    .execute();
  return rows.map(presentClaimSummary);
}

/** Chargebacks (and their reversals) of one month in the company's time zone, per station, each with who entered it. */
export async function chargebacks(deps: ClaimDeps, actor: UserActor, q: { month: string; station?: string }) {
  const match = /^(\d{4})-(\d{2})$/.exec(q.month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new AppError('VALIDATION_FAILED', { detail: 'month: YYYY-MM' });
  // The month as a range of instants in the company's zone, so the ledger's (station, created_at) index finds it.
  const from = fromWallClock(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1), deps.timeZone);
  const to = fromWallClock(Date.UTC(Number(match[1]), Number(match[2]), 1), deps.timeZone);
  let query = deps.db
    .selectFrom('claim_ledger as l')
    .innerJoin('claims as c', 'c.id', 'l.claim_id')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .where(readableClaims(actor))
    .where('l.station', 'is not', null)
    .where('l.created_at', '>=', from)
    .where('l.created_at', '<', to)
    .select(['l.id', 'l.claim_id', 'c.waybill_no', 'c.type', 'l.kind', 'l.direction', 'l.amount_fen', 'l.reference', 'l.station', 'l.created_at', 'u.display_name as created_by']);
  if (q.station) query = query.where('l.station', '=', q.station);
  const rows = await query.orderBy('l.station').orderBy('l.created_at').execute();
  const stations = new Map<string, { station: string; totalFen: number; entries: unknown[] }>();
  for (const r of rows) {
    const s = stations.get(r.station!) ?? { station: r.station!, totalFen: 0, entries: [] };
    const amount = fen(r.amount_fen);
    s.totalFen += r.kind === 'reversal' ? -amount : amount;
    s.entries.push({ id: r.id, claimId: r.claim_id, waybillNo: r.waybill_no, type: r.type, kind: r.kind, amountFen: amount, reference: r.reference, createdBy: r.created_by, createdAt: r.created_at.toISOString() });
    stations.set(r.station!, s);
  }
  return { month: q.month, stations: [...stations.values()] };
}
