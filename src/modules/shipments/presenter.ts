/** Shipment rows → API shapes. Personal data leaves masked unless `reveal` is true. */
import type { Selectable } from 'kysely';
import type { NotificationTable, ShipmentExceptionTable, TrackingEventTable } from '../../db/schema.js';
import { regionLabel } from '../../domain/regions/index.js';
import { maskAddress, maskName, maskPhone } from '../../domain/privacy.js';
import { storyText, storyTitle, type ParcelStory } from '../../domain/tracking/story.js';
import type { Locale } from '../../http/locale.js';
import type { ShipmentRow, ShipmentSummaryRow } from './repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

type PartyColumns = 'name' | 'phone' | 'address' | 'province' | 'city' | 'district';
type PartyOf<P extends 'sender' | 'recipient'> = { [K in `${P}_${PartyColumns}`]: string | null };

export function presentParty<P extends 'sender' | 'recipient'>(row: PartyOf<P>, side: P, reveal: boolean) {
  const get = (c: PartyColumns) => (row as Record<string, string | null>)[`${side}_${c}`] ?? null;
  const region = get('province') ? regionLabel(get('province')!, get('city'), get('district')) : null;
  if (reveal) return { name: get('name'), phone: get('phone'), address: get('address'), region };
  return { name: maskName(get('name')), phone: maskPhone(get('phone')), address: maskAddress(get('address'), region), region };
}

export function presentSummary(row: ShipmentSummaryRow, openExceptions: string[], reveal = false) {
  return {
    id: row.id,
    waybillNo: row.waybill_no,
    status: row.status,
    subStatus: row.sub_status,
    routeClass: row.route_class,
    product: row.product,
    sender: presentParty(row, 'sender', reveal),
    recipient: presentParty(row, 'recipient', reveal),
    pickedUpAt: iso(row.picked_up_at),
    promisedAt: iso(row.promised_at),
    lastEventTime: iso(row.last_event_time),
    lastEventText: row.last_event_text,
    lastSite: row.last_site,
    openExceptions,
  };
}

/** A parcel's story with its words in the caller's language and its times in the company's zone. */
export function presentStory(story: ParcelStory, locale: Locale, timeZone: string) {
  return {
    code: story.code,
    title: storyTitle(story, locale),
    text: storyText(story, locale, timeZone),
    since: iso(story.since),
    expectedBy: iso(story.expectedBy),
    lateSince: iso(story.lateSince),
    completeDelayAt: iso(story.completeDelayAt),
    signedAt: iso(story.signedAt),
    caseOpen: story.caseOpen,
  };
}

export function presentEvent(row: Selectable<TrackingEventTable>) {
  return {
    time: iso(row.event_time)!,
    status: row.status,
    subStatus: row.sub_status,
    site: row.site,
    areaCode: row.area_code,
    courier: row.courier,
    text: row.raw_text,
    source: row.source,
  };
}

export function presentException(row: Selectable<ShipmentExceptionTable>) {
  return { id: row.id, kind: row.kind, raisedAt: iso(row.raised_at)!, clearedAt: iso(row.cleared_at), site: row.site, detail: row.detail };
}

export function presentNotification(row: Selectable<NotificationTable>, reveal: boolean) {
  return {
    id: row.id,
    channel: row.channel,
    template: row.template,
    locale: row.locale,
    recipient: reveal ? row.recipient : (maskPhone(row.recipient) ?? ''),
    body: row.body,
    status: row.status,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
  };
}

export function presentDetail(
  row: ShipmentRow,
  related: {
    events: Selectable<TrackingEventTable>[];
    exceptions: Selectable<ShipmentExceptionTable>[];
    notifications: Selectable<NotificationTable>[];
    story: ReturnType<typeof presentStory>;
  },
  canReveal: boolean,
) {
  return {
    ...presentSummary(row, related.exceptions.filter((e) => !e.cleared_at).map((e) => e.kind)),
    weightG: row.weight_g,
    declaredValueFen: row.declared_value_fen,
    insured: row.insured,
    insuranceFeeFen: row.insurance_fee_fen,
    freightFen: row.freight_fen,
    paymentTerm: row.payment_term,
    monthlyAccount: row.monthly_account,
    completeDelayAt: iso(row.complete_delay_at),
    deliveredAt: iso(row.delivered_at),
    policyVersion: row.policy_version,
    feedNotice: row.feed_notice ?? null,
    canRevealPersonalData: canReveal,
    story: related.story,
    events: related.events.map(presentEvent),
    exceptions: related.exceptions.map(presentException),
    notifications: related.notifications.map((n) => presentNotification(n, false)),
  };
}
