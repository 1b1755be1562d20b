/**
 * AfterShip Tracking webhook → our tracking vocabulary (docs/product.md §1).
 *
 * AfterShip POSTs JSON `{ event, event_id, is_tracking_first_tag, msg, ts }` where `msg` is the
 * whole tracking object and `msg.checkpoints` its whole history, oldest first. Each checkpoint
 * carries AfterShip's `tag` (one of 9 delivery statuses) and `subtag` (e.g. Delivered_003).
 * The request is signed: header `aftership-hmac-sha256` = base64(HMAC-SHA256(raw body, secret)).
 *
 * Sources: aftership.com/docs/tracking/webhook/webhook-specifications (body),
 * …/webhook/webhook-signature (HMAC), …/enum/delivery-statuses (tags),
 * …/enum/delivery-sub-statuses and tracking-helpcenter.aftership.com "Learn About Delivery
 * Sub-Status" (subtags, incl. Delivered_005 and Exception_016–021 added for 2026-07),
 * AfterShip/tracking-sdk-nodejs src/model/Checkpoint.ts (checkpoint fields and time format).
 *
 * Pure: no I/O, no clock. Bad input is reported, never thrown.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromWallClock } from '../time-limits/working-days.js';
import { findUnacceptableText } from '../text.js';
import { normalizeWaybillNo } from '../waybill.js';
import type { CanonicalEvent, TrackingStatus } from './vocabulary.js';

export const AFTERSHIP_SOURCE = 'aftership';
export const AFTERSHIP_SIGNATURE_HEADER = 'aftership-hmac-sha256';

// ---------------------------------------------------------------------------------------------
// Signature

/**
 * Checks the `aftership-hmac-sha256` header: base64 HMAC-SHA256 of the raw request body (the bytes
 * as received, before JSON parsing) keyed with the webhook secret. Constant-time comparison.
 * An empty secret or header never verifies.
 */
export function verifyAfterShipHmac(rawBody: string | Buffer, header: string, secret: string): boolean {
  if (typeof header !== 'string' || typeof secret !== 'string' || secret === '') return false;
  if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  // Bytes against bytes: a header of the right length in characters may not be in bytes
  // (non-ASCII), and timingSafeEqual throws on buffers of different lengths.
  const given = Buffer.from(header.trim(), 'utf8');
  const wanted = Buffer.from(expected.toString('base64'), 'utf8');
  if (given.length !== wanted.length) return false;
  return timingSafeEqual(wanted, given);
}

// ---------------------------------------------------------------------------------------------
// The body

/** The webhook envelope as AfterShip documents it; checkpoints are checked one by one when mapped. */
export interface AfterShipWebhook {
  /** "tracking_update" for status changes; other events (edd_revise …) carry the same `msg` */
  event: string;
  /** UUID v4, unique per webhook delivery: the key to drop a redelivered webhook */
  event_id: string;
  is_tracking_first_tag: boolean | null;
  /** UTC unix seconds when the event occurred */
  ts: number | null;
  msg: {
    id: string | null;
    tracking_number: string;
    /** AfterShip's courier code, e.g. "sf-express", "zto-express" */
    slug: string;
    tag: string | null;
    subtag: string | null;
    subtag_message: string | null;
    /** oldest first; each item is validated when mapped */
    checkpoints: readonly unknown[];
  };
}

/** One `msg.checkpoints[]` item, as AfterShip documents it. */
export interface AfterShipCheckpoint {
  checkpoint_time: string;
  message: string;
  tag: string;
  subtag?: string | null;
  subtag_message?: string | null;
  location?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  /** named country_region in the 2024+ API versions */
  country_iso3?: string | null;
  country_region?: string | null;
  slug?: string | null;
  raw_tag?: string | null;
  created_at?: string | null;
  /** 2026-07+: a unique hash of the checkpoint, for deduplication */
  hash?: string | null;
}

export type AfterShipParseResult = { ok: true; value: AfterShipWebhook } | { ok: false; problems: string[] };

/**
 * Decodes the raw webhook body (the same bytes the HMAC was checked on). Checks the envelope
 * (event, event_id, msg.tracking_number, msg.checkpoints being a list); checkpoints are checked
 * later, one by one, so one bad checkpoint does not lose the others.
 */
export function parseAfterShipWebhook(rawBody: string | Buffer): AfterShipParseResult {
  let textBody: string;
  if (typeof rawBody === 'string') textBody = rawBody;
  else if (Buffer.isBuffer(rawBody)) textBody = rawBody.toString('utf8');
  else return { ok: false, problems: ['body: not text'] };
  let raw: unknown;
  try {
    raw = JSON.parse(textBody);
  } catch {
    return { ok: false, problems: ['body: not valid JSON'] };
  }
  if (!isObject(raw)) return { ok: false, problems: ['body: not a JSON object'] };

  const problems: string[] = [];
  const event = str(raw.event);
  if (!event) problems.push('event: missing or not a string');
  const eventId = str(raw.event_id)?.trim();
  if (!eventId) problems.push('event_id: missing or not a string');
  const msg = raw.msg;
  if (!isObject(msg)) {
    problems.push('msg: missing or not an object');
    return { ok: false, problems };
  }
  const trackingNumber = str(msg.tracking_number)?.trim();
  if (!trackingNumber) problems.push('msg.tracking_number: missing or empty');
  let checkpoints: readonly unknown[] = [];
  if (Array.isArray(msg.checkpoints)) checkpoints = msg.checkpoints;
  else if (msg.checkpoints !== undefined && msg.checkpoints !== null) problems.push('msg.checkpoints: not a list');
  if (problems.length > 0 || !event || !eventId || !trackingNumber) return { ok: false, problems };

  return {
    ok: true,
    value: {
      event,
      event_id: eventId,
      is_tracking_first_tag: typeof raw.is_tracking_first_tag === 'boolean' ? raw.is_tracking_first_tag : null,
      ts: typeof raw.ts === 'number' && Number.isFinite(raw.ts) ? raw.ts : null,
      msg: {
        id: str(msg.id),
        tracking_number: trackingNumber,
        slug: str(msg.slug)?.trim() ?? '',
        tag: str(msg.tag),
        subtag: str(msg.subtag),
        subtag_message: str(msg.subtag_message),
        checkpoints,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tags and subtags

type Mapped = { status: TrackingStatus; subStatus: string };
const m = (status: TrackingStatus, subStatus: string): Mapped => ({ status, subStatus });

/** Each AfterShip tag, and what it means when the subtag is missing or unknown to us. */
export const AFTERSHIP_TAGS: Readonly<Record<string, Mapped>> = {
  // tracking created, no checkpoint from the carrier yet
  Pending: m('ordered', 'created'),
  // "Carrier has received request from shipper and is about to pick up the shipment"
  InfoReceived: m('ordered', 'created'),
  InTransit: m('in_transit', 'in_transit'),
  OutForDelivery: m('out_for_delivery', 'out_for_delivery'),
  AttemptFail: m('failed_attempt', 'other'),
  Delivered: m('delivered', 'self'),
  AvailableForPickup: m('awaiting_pickup', 'station'),
  Exception: m('stalled', 'problem'),
  // "Shipment has no tracking information for 30 days since added"
  Expired: m('stalled', 'expired'),
};

/** Every documented subtag (AfterShip's subtag message in the comment). */
export const AFTERSHIP_SUBTAGS: Readonly<Record<string, Mapped>> = {
  Pending_001: m('ordered', 'created'),
  InfoReceived_001: m('ordered', 'created'), // Info received
  InTransit_001: m('in_transit', 'in_transit'), // In transit
  InTransit_002: m('picked_up', 'picked_up'), // Acceptance scan
  InTransit_003: m('in_transit', 'arrived'), // Arrival scan
  InTransit_004: m('in_transit', 'arrived'), // Arrived at the destination country
  InTransit_005: m('customs', 'customs_cleared'), // Customs clearance completed
  InTransit_006: m('customs', 'customs_pending'), // Customs clearance started
  InTransit_007: m('in_transit', 'departed'), // Departure scan
  InTransit_008: m('in_transit', 'in_transit'), // Problem resolved
  InTransit_009: m('in_transit', 'forwarded'), // Forwarded to a different delivery address
  OutForDelivery_001: m('out_for_delivery', 'out_for_delivery'), // Out for delivery
  OutForDelivery_003: m('out_for_delivery', 'out_for_delivery'), // Customer contacted
  OutForDelivery_004: m('out_for_delivery', 'out_for_delivery'), // Delivery appointment scheduled
  AttemptFail_001: m('failed_attempt', 'other'), // Failed attempt
  AttemptFail_002: m('failed_attempt', 'no_one_home'), // Addressee not available
  AttemptFail_003: m('failed_attempt', 'no_one_home'), // Business closed
  Delivered_001: m('delivered', 'self'), // Delivered
  Delivered_002: m('delivered', 'station'), // Picked up by the customer (at a pickup point)
  Delivered_003: m('delivered', 'self'), // Sign by customer
  Delivered_004: m('delivered', 'self'), // Delivered and received cash on delivery
  Delivered_005: m('delivered', 'proxy'), // Delivered to neighbor
  AvailableForPickup_001: m('awaiting_pickup', 'station'), // Available for pickup
  Exception_001: m('stalled', 'problem'), // Exception
  Exception_002: m('failed_attempt', 'address_issue'), // Customer moved
  Exception_003: m('refused', 'refused'), // Customer refused delivery
  Exception_004: m('customs', 'customs_held'), // Delayed (Customs clearance)
  Exception_005: m('stalled', 'stalled'), // Delayed (External factors)
  Exception_006: m('stalled', 'problem'), // Held for payment
  Exception_007: m('failed_attempt', 'address_issue'), // Incorrect address
  Exception_008: m('awaiting_pickup', 'station'), // Pick up missed: still at the pickup point, uncollected
  Exception_009: m('stalled', 'problem'), // Rejected by carrier
  Exception_010: m('returned', 'returning'), // Returning to sender
  Exception_011: m('returned', 'returned_to_sender'), // Returned to sender
  Exception_012: m('damaged', 'damaged'), // Shipment damage
  // Shipment lost: "lost" is ours to derive from the complete-delay clock (docs/product.md §1); the
  // carrier's claim is kept as a problem with its words in rawText.
  Exception_013: m('stalled', 'problem'),
  Exception_016: m('stalled', 'stalled'), // Delayed (Processing issue)
  Exception_017: m('stalled', 'stalled'), // Delayed (Extreme weather)
  Exception_018: m('customs', 'customs_held'), // Incorrect / missing documents (regulatory hold)
  Exception_019: m('stalled', 'stalled'), // Delayed (Late flight)
  Exception_020: m('cancelled', 'cancelled'), // Shipment cancelled (by sender or carrier)
  Exception_021: m('stalled', 'problem'), // Shipment disposed (destroyed or discarded)
  Expired_001: m('stalled', 'expired'), // Expired
};

/**
 * Our status for an AfterShip tag and subtag. A subtag we do not know (AfterShip adds some every
 * few API versions) falls back to its tag; a subtag that belongs to another tag is ignored in
 * favour of the tag. Null when the tag itself is unknown.
 */
export function mapAfterShipTag(tag: string, subtag?: string | null): Mapped | null {
  const byTag = AFTERSHIP_TAGS[tag];
  if (byTag === undefined) return null;
  if (subtag && subtag.startsWith(`${tag}_`)) return AFTERSHIP_SUBTAGS[subtag] ?? byTag;
  return byTag;
}

// ---------------------------------------------------------------------------------------------
// Times and places

/**
 * An AfterShip checkpoint_time → the instant. AfterShip documents the value as "YYYY-MM-DD",
 * "YYYY-MM-DDTHH:MM:SS" or "YYYY-MM-DDTHH:MM:SS+TIMEZONE", in the checkpoint's own time zone
 * (API v4 Checkpoint; AfterShip/aftership-sdk-java Checkpoint.java), and some carriers give only
 * the day. With an offset ("2026-11-20T09:15:00+08:00", "…Z") that is exact. Without an offset
 * ("2026-11-20T09:15:00") AfterShip means the checkpoint's local time, which the payload does not
 * tell us; we assume UTC — a China scan without offset will read 8 hours late, and the raw text
 * keeps the carrier's words. A date alone ("2026-11-20") is read as the start of that day in
 * `timeZone` (the company's, where our parcels are scanned): the earliest instant the checkpoint
 * can have happened, so a same-day scan with a time still sorts after it. (Date.parse is not used:
 * it reads offset-less times in the server's own zone.) Null when unreadable.
 */
export function parseAfterShipTime(value: string, timeZone = 'UTC'): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (day !== null) {
    const [y, mo, d] = [1, 2, 3].map((i) => Number(day[i])) as [number, number, number];
    const midnight = Date.UTC(y, mo - 1, d);
    const check = new Date(midnight);
    if (mo < 1 || mo > 12 || d < 1 || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
    return fromWallClock(midnight, timeZone);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(value.trim());
  if (match === null) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? '0')) as [number, number, number, number, number, number];
  const ms = Number(((match[7] ?? '') + '000').slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const zone = match[8];
  let offsetMinutes = 0; // no offset: assumed UTC, see above
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (z === null) return null;
    const hours = Number(z[2]);
    const minutes = Number(z[3] ?? '0');
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return new Date(local - offsetMinutes * 60_000);
}

function siteFrom(checkpoint: Record<string, unknown>): string | null {
  // Chinese carriers often bracket the site: "【上海浦东集散中心】"
  const location = str(checkpoint.location)?.trim().replace(/^[【[]([^】\]]+)[】\]]$/, '$1').trim();
  if (location) return location;
  const parts = [checkpoint.city, checkpoint.state].map((v) => str(v)?.trim()).filter((v): v is string => !!v);
  return parts.length > 0 ? parts.join(', ') : null;
}

// ---------------------------------------------------------------------------------------------
// Mapping

export interface AfterShipMapping {
  waybillNo: string;
  /** AfterShip's courier slug */
  carrier: string;
  /** the webhook delivery's id: a redelivered webhook has the same one */
  eventId: string;
  event: string;
  /** oldest first */
  events: CanonicalEvent[];
  /** for each of `events`, its checkpoint's position in `msg.checkpoints` */
  checkpointIndexes: number[];
  /** checkpoints that gave no event; `index` is the position in `msg.checkpoints` */
  problems: CheckpointProblem[];
}

/** Why a checkpoint gave no event: a stable code, and the facts its message names. */
export const CHECKPOINT_PROBLEM_CODES = [
  'CHECKPOINT_NOT_OBJECT',
  /** params.field: the checkpoint's first field holding a NUL or a lone surrogate (domain/text.ts) */
  'CHECKPOINT_TEXT_INVALID',
  'CHECKPOINT_TIME_MISSING',
  /** params.value: the time as sent */
  'CHECKPOINT_TIME_UNREADABLE',
  'CHECKPOINT_TAG_MISSING',
  /** params.tag: the tag as sent */
  'CHECKPOINT_TAG_UNKNOWN',
] as const;
export type CheckpointProblemCode = (typeof CHECKPOINT_PROBLEM_CODES)[number];

export interface CheckpointProblem {
  index: number;
  code: CheckpointProblemCode;
  params?: Record<string, string>;
}

/**
 * Maps a decoded webhook's checkpoints onto canonical events. Every webhook carries the whole
 * history, so the same checkpoint comes back in later webhooks: `externalId` is AfterShip's
 * checkpoint `hash` when present (2026-07+), else null and the store derives a key from the
 * content. AfterShip gives no region code, so `areaCode` is null.
 */
export function mapAfterShip(body: AfterShipWebhook, options: { timeZone?: string } = {}): AfterShipMapping {
  const waybillNo = normalizeWaybillNo(body.msg.tracking_number);
  const events: Array<{ event: CanonicalEvent; index: number }> = [];
  const problems: CheckpointProblem[] = [];
  const checkpoints: readonly unknown[] = Array.isArray(body.msg.checkpoints) ? body.msg.checkpoints : [];

  checkpoints.forEach((checkpoint, index) => {
    const result = mapCheckpoint(checkpoint, waybillNo, options.timeZone ?? 'UTC');
    if ('problem' in result) problems.push({ index, ...result.problem });
    else events.push({ event: result, index });
  });
  events.sort((a, b) => a.event.eventTime.getTime() - b.event.eventTime.getTime() || a.index - b.index);

  return {
    waybillNo,
    carrier: body.msg.slug,
    eventId: body.event_id,
    event: body.event,
    events: events.map((e) => e.event),
    checkpointIndexes: events.map((e) => e.index),
    problems,
  };
}

type Problem = { problem: Omit<CheckpointProblem, 'index'> };

function mapCheckpoint(checkpoint: unknown, waybillNo: string, timeZone: string): CanonicalEvent | Problem {
  if (!isObject(checkpoint)) return { problem: { code: 'CHECKPOINT_NOT_OBJECT' } };
  // Any field, read or not: a checkpoint half garbled is not one to keep silently altered.
  const badText = findUnacceptableText(checkpoint);
  if (badText !== null) return { problem: { code: 'CHECKPOINT_TEXT_INVALID', params: { field: badText } } };
  const rawTime = str(checkpoint.checkpoint_time);
  if (!rawTime) return { problem: { code: 'CHECKPOINT_TIME_MISSING' } };
  const eventTime = parseAfterShipTime(rawTime, timeZone);
  if (eventTime === null) return { problem: { code: 'CHECKPOINT_TIME_UNREADABLE', params: { value: rawTime } } };
  const tag = str(checkpoint.tag);
  if (!tag) return { problem: { code: 'CHECKPOINT_TAG_MISSING' } };
  const mapped = mapAfterShipTag(tag, str(checkpoint.subtag));
  if (mapped === null) return { problem: { code: 'CHECKPOINT_TAG_UNKNOWN', params: { tag } } };
  const message = str(checkpoint.message) ?? '';
  const rawText = message.trim() !== '' ? message : (str(checkpoint.subtag_message) ?? tag);
  const hash = str(checkpoint.hash)?.trim();

  return {
    waybillNo,
    eventTime,
    status: mapped.status,
    subStatus: mapped.subStatus,
    site: siteFrom(checkpoint),
    areaCode: null,
    courier: null,
    rawText,
    source: AFTERSHIP_SOURCE,
    externalId: hash ? hash : null,
  };
}

// ---------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
