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
import { findUnacceptableText } from '../../domain/text.js';
import { normalizeWaybillNo } from '../../domain/waybill.js';
import type { Locale } from '../../http/locale.js';
import { audit } from '../audit/service.js';
import { reassessShipments } from '../tracking/clock.js';
import type { TrackingContext } from '../tracking/context.js';
import { parcelStory } from '../../domain/tracking/story.js';
import { presentDetail, presentParty, presentStory, presentSummary } from './presenter.js';
import {
  caseOpenFor,
  eventsOf,
  exceptionsOf,
  findShipmentByWaybill,
  notificationsOf,
  searchShipments,
  upsertShipments,
} from './repository.js';
import type { Static } from 'typebox';
import type { REGISTRATION_REMARK_CODES, ShipmentInput } from './schemas.js';
import { inTransaction } from '../../db/transaction.js';
import { openClaimTypes } from '../claims/service.js';

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

type RegistrationRemarkCode = (typeof REGISTRATION_REMARK_CODES)[number];

/** Why a shipment of a batch was refused or registered with a remark, in the caller's words. */
const REGISTRATION_REMARKS = {
  /** not registered; params.field names the first bad field (domain/text.ts) */
  SHIPMENT_TEXT_INVALID: {
    'zh-CN': '{field} 含有无法保存的字符（空字符 U+0000 或不成对的代理项），该运单未登记',
    'en-US': '{field} contains characters that cannot be stored (NUL, U+0000, or an unpaired surrogate); the shipment was not registered',
  },
  /** registered; no time limit can be promised until the region is known */
  SHIPMENT_SENDER_REGION_UNKNOWN: {
    'zh-CN': '寄件地址中找不到所在地区；已登记，地区确定前无法承诺时限',
    'en-US': 'sender region not found in the address; no time limit until it is known',
  },
  SHIPMENT_RECIPIENT_REGION_UNKNOWN: {
    'zh-CN': '收件地址中找不到所在地区；已登记，地区确定前无法承诺时限',
    'en-US': 'recipient region not found in the address; no time limit until it is known',
  },
} as const satisfies Record<RegistrationRemarkCode, Record<Locale, string>>;

function remark(index: number, code: RegistrationRemarkCode, locale: Locale, field = '') {
  return { index, code, reason: REGISTRATION_REMARKS[code][locale].replace('{field}', field) };
}

/**
 * Registers shipments (or completes ones first seen in a scan). Region codes missing from the
 * request are parsed from the address text; a shipment whose region cannot be found is still
 * registered, but no time limit can be promised for it, and it is reported. A shipment carrying
 * text the database cannot hold (NUL, a lone surrogate) is refused alone and reported; the rest of
 * the batch is registered.
 */
export async function registerShipments(db: Kysely<DB>, tracking: TrackingContext, inputs: Input[], locale: Locale = 'zh-CN', now = new Date()) {
  const rejected: ReturnType<typeof remark>[] = [];
  const rows: Insertable<ShipmentTable>[] = inputs.flatMap((input, index) => {
    const badText = findUnacceptableText(input);
    if (badText !== null) {
      rejected.push(remark(index, 'SHIPMENT_TEXT_INVALID', locale, badText));
      return [];
    }
    const sender = partyColumns('sender', input.sender);
    const recipient = partyColumns('recipient', input.recipient);
    if (!sender.sender_province) rejected.push(remark(index, 'SHIPMENT_SENDER_REGION_UNKNOWN', locale));
    if (!recipient.recipient_province) rejected.push(remark(index, 'SHIPMENT_RECIPIENT_REGION_UNKNOWN', locale));
    return [
      {
        waybill_no: normalizeWaybillNo(input.waybillNo),
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
      } as Insertable<ShipmentTable>,
    ];
  });
  // One row per waybill (the last one wins), in a fixed order so concurrent batches never deadlock.
  const unique = [...new Map(rows.map((r) => [r.waybill_no, r])).values()].sort((a, b) => (a.waybill_no < b.waybill_no ? -1 : 1));
  if (unique.length > 0) {
    await inTransaction(db, async (trx) => {
      await upsertShipments(trx, unique);
      await reassessShipments(trx, tracking, unique.map((r) => r.waybill_no), now);
    });
  }
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
  const row = await findShipmentByWaybill(db, normalizeWaybillNo(waybillNo));
  if (!row) throw new AppError('SHIPMENT_NOT_FOUND', { waybillNo });
  return row;
}

export async function shipmentDetail(db: Kysely<DB>, ctx: RequestContext, waybillNo: string, locale: Locale, timeZone: string, now = new Date()) {
  const row = await load(db, waybillNo);
  const [events, exceptions, notifications, caseOpen, claimsOpen] = await Promise.all([
    eventsOf(db, [row.waybill_no]),
    exceptionsOf(db, [row.id]),
    notificationsOf(db, row.id),
    caseOpenFor(db, row.waybill_no),
    openClaimTypes(db, row.id),
  ]);
  const canReveal = ctx.actor !== null && can(ctx.actor.role, 'shipments.revealPersonalData');
  // The story the customer is told (story.ts), for the agent to tell the same one.
  const story = parcelStory(
    {
      status: row.status,
      subStatus: row.sub_status,
      terminal: row.terminal,
      promisedAt: row.promised_at,
      completeDelayAt: row.complete_delay_at,
      deliveredAt: row.delivered_at,
      lastEventTime: row.last_event_time,
      lastSite: row.last_site,
      openExceptions: exceptions.filter((e) => !e.cleared_at).map((e) => ({ kind: e.kind, since: e.raised_at })),
      // An open exception the exception job has yet to take opens or joins a ticket within its minute.
      caseOpen: caseOpen || exceptions.some((e) => !e.cleared_at && !e.ticket_id),
      claimsOpen,
    },
    now,
  );
  return presentDetail(row, { events, exceptions, notifications, story: presentStory(story, locale, timeZone) }, canReveal);
}

/**
 * Shows the unmasked sender and recipient, the only way they leave unmasked (domain/privacy.ts); the
 * reveal is audited before the data leaves, with its ground: the caller's role sees personal data
 * (the route's permission), as a ticket's reveal says it (docs/product.md §5).
 */
export async function revealParties(db: Kysely<DB>, ctx: RequestContext, waybillNo: string) {
  const row = await load(db, waybillNo);
  await audit(db, ctx, { action: 'shipment.reveal', subjectType: 'shipment', subjectId: row.waybill_no, detail: { ground: 'personal_data_role' } });
  return { sender: presentParty(row, 'sender', true), recipient: presentParty(row, 'recipient', true) };
}
