/**
 * Shipments: registration by our order systems (API key), search and detail for staff, and the
 * audited reveal of personal data.
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB, ShipmentTable } from '../../db/schema.js';
import type { RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { parseAddress } from '../../domain/regions/index.js';
import { can } from '../../domain/roles.js';
import { audit } from '../audit/service.js';
import { reassessShipments } from '../tracking/clock.js';
import type { TrackingContext } from '../tracking/context.js';
import { presentDetail, presentParty, presentSummary } from './presenter.js';
import {
  eventsOf,
  exceptionsOf,
  findShipmentByWaybill,
  notificationsOf,
  searchShipments,
  upsertShipments,
} from './repository.js';
import type { Static } from 'typebox';
import type { ShipmentInput } from './schemas.js';

type Input = Static<typeof ShipmentInput>;
type PartyInput = Input['sender'];

function partyColumns<P extends 'sender' | 'recipient'>(side: P, party: PartyInput) {
  let { provinceCode, cityCode, districtCode } = party;
  if (!provinceCode || !cityCode) {
    const parsed = parseAddress(party.address);
    provinceCode = provinceCode ?? parsed?.provinceCode ?? null;
    cityCode = cityCode ?? parsed?.cityCode ?? null;
    districtCode = districtCode ?? parsed?.districtCode ?? null;
  }
  return {
    [`${side}_name`]: party.name.trim(),
    [`${side}_phone`]: party.phone.replace(/[\s-]/g, ''),
    [`${side}_address`]: party.address.trim(),
    [`${side}_province`]: provinceCode ?? null,
    [`${side}_city`]: cityCode ?? null,
    [`${side}_district`]: districtCode ?? null,
  };
}

/**
 * Registers shipments (or completes ones first seen in a scan). Region codes missing from the
 * request are parsed from the address text; a shipment whose region cannot be found is still
 * registered, but no time limit can be promised for it, and it is reported.
 */
export async function registerShipments(db: Kysely<DB>, tracking: TrackingContext, inputs: Input[], now = new Date()) {
  const rejected: { index: number; reason: string }[] = [];
  const rows: Insertable<ShipmentTable>[] = inputs.map((input, index) => {
    const sender = partyColumns('sender', input.sender);
    const recipient = partyColumns('recipient', input.recipient);
    if (!sender.sender_province) rejected.push({ index, reason: 'sender region not found in the address; no time limit until it is known' });
    if (!recipient.recipient_province) rejected.push({ index, reason: 'recipient region not found in the address; no time limit until it is known' });
    return {
      waybill_no: input.waybillNo.toUpperCase(),
      ...sender,
      ...recipient,
      product: input.product ?? 'standard',
      weight_g: input.weightG ?? null,
      declared_value_fen: input.declaredValueFen ?? null,
      insured: input.insured ?? false,
      insurance_fee_fen: input.insuranceFeeFen ?? null,
      freight_fen: input.freightFen ?? null,
      payment_term: input.paymentTerm ?? null,
      monthly_account: input.monthlyAccount ?? null,
      registered: true,
    } as Insertable<ShipmentTable>;
  });
  // One row per waybill (the last one wins), in a fixed order so concurrent batches never deadlock.
  const unique = [...new Map(rows.map((r) => [r.waybill_no, r])).values()].sort((a, b) => (a.waybill_no < b.waybill_no ? -1 : 1));
  await db.transaction().execute(async (trx) => {
    await upsertShipments(trx, unique);
    await reassessShipments(trx, tracking, unique.map((r) => r.waybill_no), now);
  });
  return { registered: unique.length, rejected };
}

export async function findShipments(db: Kysely<DB>, query: { q?: string | undefined; limit: number; offset: number }) {
  const { rows, total } = await searchShipments(db, query);
  const open = await exceptionsOf(db, rows.map((r) => r.id));
  const openBy = new Map<string, string[]>();
  for (const e of open) if (!e.cleared_at) openBy.set(e.shipment_id, [...(openBy.get(e.shipment_id) ?? []), e.kind]);
  return { items: rows.map((r) => presentSummary(r, openBy.get(r.id) ?? [])), total };
}

async function load(db: Kysely<DB>, waybillNo: string) {
  // A waybill only ever scanned (never registered) is found too: its story is worth showing.
  const row = await findShipmentByWaybill(db, waybillNo.toUpperCase());
  if (!row) throw new AppError('SHIPMENT_NOT_FOUND', { waybillNo });
  return row;
}

export async function shipmentDetail(db: Kysely<DB>, ctx: RequestContext, waybillNo: string) {
  const row = await load(db, waybillNo);
  const [events, exceptions, notifications] = await Promise.all([
    eventsOf(db, [row.waybill_no]),
    exceptionsOf(db, [row.id]),
    notificationsOf(db, row.id),
  ]);
  const canReveal = ctx.actor !== null && can(ctx.actor.role, 'shipments.revealPersonalData');
  return presentDetail(row, { events, exceptions, notifications }, canReveal);
}

/** Shows the unmasked sender and recipient; the reveal itself is audited (PRODUCT.md §5). */
export async function revealParties(db: Kysely<DB>, ctx: RequestContext, waybillNo: string) {
  const row = await load(db, waybillNo);
  await audit(db, ctx, { action: 'shipment.reveal', subjectType: 'shipment', subjectId: row.waybill_no });
  return { sender: presentParty(row, 'sender', true), recipient: presentParty(row, 'recipient', true) };
}
