/**
 * Opening a claim from a ticket (docs/product.md §3): the facts are read from the parcel the ticket
 * is about (insured, declared and insured value, insurance fee, freight, payment term and monthly
 * account, pickup, exceptions and scans) and kept with the claim; the claims core refuses a parcel
 * never picked up, a claim past its validity, a second open claim of one type; the proposal is
 * computed and stored with its lines, the responsible station proposed from the scans, and the
 * ticket's timeline says so.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable, type Transaction } from 'kysely';
import { inTransaction } from '../../../db/transaction.js';
import {
  claimBalances,
  evidenceStatus,
  mayOpenClaim,
  moveClaim,
  proposeCompensation,
  proposeResponsibleSite,
  requiredApprovalLevel,
  type ClaimFacts,
  type ClaimState,
  type ClaimType,
  type PaymentTerm,
  type Scan,
} from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import type { TrackingStatus } from '../../../domain/tracking/vocabulary.js';
import { normalizeWaybillNo } from '../../../domain/waybill.js';
import type { DB, ShipmentTable } from '../../../db/schema.js';
import { CUSTOMER, SYSTEM, ticketEventRow, type UserActor } from '../../tickets/service.js';
import { ticketForClaim } from '../access.js';
import { openingClocks, type ClaimClockChanges } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';
import { claimsPolicyVersion, currentClaimsPolicy } from '../policy.js';
import { ledgerRows, toEntries } from '../repository.js';
import { who } from '../words.js';

export interface OpenClaimInput {
  waybillNo: string;
  type: ClaimType;
  claimantSide: 'sender' | 'recipient';
  claimedFen: number;
  description: string;
  /** damage, frozen, short contents: the share lost in basis points (all of it when left out) */
  damagedShareBp?: number;
  /** the contents' value as the evidence shows it (purchase proof) */
  assessedValueFen?: number;
  weightAtDeliveryGrams?: number;
  perishable?: boolean;
  timeCritical?: boolean;
}

/** Who opens a claim: a desk person from a ticket, the customer after the phone check, or the system for a parcel treated as lost. */
export type ClaimOpener = { via: 'desk'; actor: UserActor } | { via: 'self_service' } | { via: 'system' };

/** A claim opened, with what its opener is told: its state and the proposal's total. */
export interface OpenedClaim {
  id: string;
  version: number;
  state: ClaimState;
  proposedFen: number;
}

export async function openClaim(deps: ClaimDeps, actor: UserActor, ticketId: string, input: OpenClaimInput): Promise<{ id: string; version: number }> {
  try {
    return await inTransaction(deps.db, async (trx) => {
      const ticket = await ticketForClaim(trx, actor, ticketId);
      const opened = await openClaimOnTicket(trx, deps, ticket, input, { via: 'desk', actor }, new Date());
      return { id: opened.id, version: opened.version };
    });
  } catch (err) {
    // Two desks opening the same claim at once: the unique index on open claims answers for the second.
    if ((err as { code?: unknown }).code === '23505') throw new AppError('CLAIM_DUPLICATE_OPEN');
    throw err;
  }
}

/**
 * Opens the claim on `ticket` (already locked and allowed by the caller) inside the caller's
 * transaction: the parcel's facts, the claims core's refusals (thrown as AppError, so the caller's
 * transaction stores nothing), the proposal, the responsible station, and the ticket's timeline.
 */
export async function openClaimOnTicket(
  trx: Transaction<DB>,
  deps: ClaimDeps,
  ticket: { id: string; customer_tier: string | null },
  input: OpenClaimInput,
  opener: ClaimOpener,
  now: Date,
): Promise<OpenedClaim> {
  const waybillNo = normalizeWaybillNo(input.waybillNo);
  // One statement for what the claim is judged on: the parcel if it is on the ticket, its claims,
  // scans and exceptions, and which policy version is the newest (its rules are cached: policy.ts).
  const found = await parcelFacts(trx, ticket.id, waybillNo);
  if (!found) throw new AppError('CLAIM_SHIPMENT_NOT_ON_TICKET');
  const { shipment, parcelClaims, events, exceptions, newestPolicy } = found;
  if (!shipment) throw new AppError('SHIPMENT_NOT_FOUND');
  // In the transaction: the first claim stores the default policy as version 1, and a refusal stores nothing.
  const policy = newestPolicy === null ? await currentClaimsPolicy(trx) : await claimsPolicyVersion(deps, newestPolicy, trx);

  // The ledger is read only for a parcel that has claims already (whether one was compensated).
  const entries = parcelClaims.length ? toEntries(await ledgerRows(trx, parcelClaims.map((c) => c.id))) : [];
  const may = mayOpenClaim(
    parcelClaims.map((c) => ({ type: c.type, state: c.state as ClaimState, compensated: claimBalances(entries.filter((e) => e.claimId === c.id)).settledFen > 0 })),
    input.type,
  );
  if (may.kind === 'refused') throw new AppError(may.code);

  const scans: Scan[] = events.map((e) => ({ eventTime: e.event_time, status: e.status as TrackingStatus, subStatus: e.sub_status, site: e.site }));

  const doneAt = shipment.delivered_at ?? now;
  const facts: ClaimFacts = {
    type: input.type,
    claimedFen: input.claimedFen,
    insured: shipment.insured,
    declaredValueFen: shipment.declared_value_fen,
    insuredValueFen: shipment.insured ? shipment.declared_value_fen : null,
    insuranceFeeFen: shipment.insurance_fee_fen ?? 0,
    freightFen: shipment.freight_fen ?? 0,
    paymentTerm: (shipment.payment_term ?? 'sender_pays') as PaymentTerm,
    customerTier: ticket.customer_tier === 'key' ? 'key' : 'standard',
    pickedUpAt: shipment.picked_up_at,
    filedAt: now,
    assessedValueFen: input.assessedValueFen ?? null,
    damagedShareBp: input.damagedShareBp ?? null,
    weightAtPickupGrams: shipment.weight_g,
    weightAtDeliveryGrams: input.weightAtDeliveryGrams ?? null,
    perishable: input.perishable ?? false,
    timeCritical: input.timeCritical ?? false,
    pastPromisedTime: shipment.promised_at !== null && doneAt.getTime() > shipment.promised_at.getTime(),
  };
  const proposal = proposeCompensation(facts, policy, deps.timeZone);
  if (proposal.kind === 'refused') {
    if (proposal.code === 'CLAIM_OUT_OF_VALIDITY') throw new AppError('CLAIM_OUT_OF_VALIDITY', { validUntil: localDate(proposal.validUntil, deps.timeZone) });
    throw new AppError(proposal.code);
  }

  // A claim whose checklist asks for nothing required is proposed at once; otherwise it waits for its evidence.
  // The statutory complaint ceiling runs from filing; the answer clock from complete evidence.
  let state: ClaimState = 'opened';
  let clocks: ClaimClockChanges = { complaint_ceiling: 'run' };
  if (evidenceStatus(policy, input.type, input.claimedFen, []).complete) {
    for (const action of ['complete_evidence', 'propose'] as const) {
      const move = moveClaim(state, action);
      if (move.kind === 'moved') {
        state = move.to;
        clocks = { ...clocks, ...move.effects.clocks };
      }
    }
  }
  const station = proposeResponsibleSite(input.type, scans, shipment.delivered_at ?? now);
  const snapshot = {
    ...facts,
    pickedUpAt: facts.pickedUpAt?.toISOString() ?? null,
    filedAt: facts.filedAt.toISOString(),
    waybillNo,
    monthlyAccount: shipment.monthly_account,
    deliveredAt: shipment.delivered_at?.toISOString() ?? null,
    promisedAt: shipment.promised_at?.toISOString() ?? null,
    scans: events.map((e) => ({ at: e.event_time.toISOString(), status: e.status, subStatus: e.sub_status, site: e.site })),
    exceptions: exceptions.map((e) => ({ kind: e.kind, raisedAt: e.raised_at.toISOString(), clearedAt: e.cleared_at?.toISOString() ?? null, site: e.site })),
  };
  // The claim, its clocks and its ticket's timeline entry in one statement (the id made here, so
  // the clocks can name it); the unique index on open claims still refuses a second one (23505).
  const id = randomUUID();
  const clockRows = await openingClocks(trx, deps, id, policy, clocks, now);
  const event = ticketEventRow(ticket.id, opener.via === 'desk' ? who(opener.actor) : opener.via === 'self_service' ? CUSTOMER : SYSTEM, {
    kind: 'claim_opened',
    to: state,
    body: `${waybillNo} ${input.type} ${input.claimedFen}`,
    detail: { claimId: id, type: input.type, claimedFen: input.claimedFen, proposedFen: proposal.totalFen, openedVia: opener.via },
  });
  const claimRow = {
    id,
    shipment_id: shipment.id,
    waybill_no: waybillNo,
    ticket_id: ticket.id,
    type: input.type,
    claimant_side: input.claimantSide,
    claimed_fen: input.claimedFen,
    description: input.description,
    facts: JSON.stringify(snapshot),
    state,
    policy_version: policy.version,
    proposal: JSON.stringify({ lines: proposal.lines, totalFen: proposal.totalFen, rounding: proposal.rounding, treatedAsLoss: proposal.treatedAsLoss }),
    proposed_fen: proposal.totalFen,
    required_level: requiredApprovalLevel(proposal.totalFen, false, policy),
    proposed_station: station.kind === 'proposed' ? station.site : null,
    proposed_station_basis: station.kind === 'proposed' ? station.basis : null,
    opened_by: opener.via === 'desk' ? opener.actor.id : null,
    opened_via: opener.via,
  };
  let query = trx
    .with('claim', (db) => db.insertInto('claims').values(claimRow).returning(['id', 'version']))
    .with('entry', (db) => db.insertInto('ticket_events').values(event));
  if (clockRows.length) query = query.with('clock', (db) => db.insertInto('claim_clocks').values(clockRows)) as unknown as typeof query;
  const row = await query.selectFrom('claim').select(['id', 'version']).executeTakeFirstOrThrow();
  return { id: row.id, version: row.version, state, proposedFen: proposal.totalFen };
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

interface JsonScan {
  at: string;
  status: string;
  subStatus: string;
  site: string | null;
}

interface JsonException {
  kind: string;
  raisedAt: string;
  clearedAt: string | null;
  site: string | null;
}

/**
 * The parcel `waybillNo` of the ticket as a claim is judged on, read in one statement: undefined
 * when the waybill is not on the ticket, `shipment` null when no parcel has it. Instants inside the
 * JSON come back as text and are made Dates here.
 */
async function parcelFacts(trx: Transaction<DB>, ticketId: string, waybillNo: string) {
  const row = await trx
    .selectFrom('ticket_waybills as w')
    .leftJoin('shipments as s', 's.waybill_no', 'w.waybill_no')
    .selectAll('s')
    .select([
      sql<number | null>`(select max(p.version) from claims_policies p)`.as('newest_policy'),
      sql<{ id: string; type: string; state: string }[]>`coalesce((
        select json_agg(json_build_object('id', c.id, 'type', c.type, 'state', c.state)) from claims c where c.shipment_id = s.id), '[]')`.as('parcel_claims'),
      sql<JsonScan[]>`coalesce((
        select json_agg(json_build_object('at', e.event_time, 'status', e.status, 'subStatus', e.sub_status, 'site', e.site) order by e.event_time)
        from tracking_events e where e.waybill_no = w.waybill_no), '[]')`.as('scans'),
      sql<JsonException[]>`coalesce((
        select json_agg(json_build_object('kind', x.kind, 'raisedAt', x.raised_at, 'clearedAt', x.cleared_at, 'site', x.site) order by x.raised_at)
        from shipment_exceptions x where x.shipment_id = s.id), '[]')`.as('exceptions'),
    ])
    .where('w.ticket_id', '=', ticketId)
    .where('w.waybill_no', '=', waybillNo)
    .executeTakeFirst();
  if (!row) return undefined;
  const { newest_policy: newestPolicy, parcel_claims: parcelClaims, scans, exceptions, ...parcel } = row;
  // The left join's columns are all null when no parcel has the waybill, all set otherwise.
  const shipment = parcel.id === null ? null : (parcel as Selectable<ShipmentTable>);
  return {
    shipment,
    newestPolicy,
    parcelClaims,
    events: scans.map((e) => ({ event_time: new Date(e.at), status: e.status, sub_status: e.subStatus, site: e.site })),
    exceptions: exceptions.map((e) => ({ kind: e.kind, raised_at: new Date(e.raisedAt), cleared_at: e.clearedAt === null ? null : new Date(e.clearedAt), site: e.site })),
  };
}
