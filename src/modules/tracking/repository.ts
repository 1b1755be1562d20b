/**
 * Kysely queries for tracking ingestion. Set-based on purpose: one statement per step for a whole
 * batch (arrays through unnest), never one round trip per event.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { rowsOnPglite, runsOnPglite } from '../../db/database.js';
import type { DB, FeedNotice, TimelineEntry } from '../../db/schema.js';

export interface EventRow {
  waybillNo: string;
  eventTime: Date;
  /** `eventTime` as ISO 8601 in UTC with milliseconds, made once: the insert and the timeline both send it */
  time: string;
  eventKey: string;
  status: string;
  subStatus: string;
  site: string | null;
  areaCode: string | null;
  courier: string | null;
  rawText: string;
  source: string;
}

/** Waybill and key: in a de-duplicated batch they name one row unless a sender used one key at two times. */
const pairOf = (waybillNo: string, eventKey: string) => `${waybillNo}\u001f${eventKey}`;

/**
 * Inserts the events not stored yet; returns those that were new (duplicates are skipped), in the
 * order given.
 *
 * One JSON parameter with one-letter keys: cheaper to build, send and parse than ten escaped array
 * literals or the long names (a batch is ~30 % smaller). What was new comes back as waybill and
 * key, text PostgreSQL sends as stored: in a batch (de-duplicated by waybill, time and key) that
 * pair names one row unless a sender used one key at two times, and only such a batch has the
 * time returned too (as epoch milliseconds, which costs PostgreSQL a numeric computation a row).
 */
export async function insertNewEvents(trx: Transaction<DB>, events: EventRow[]): Promise<EventRow[]> {
  if (events.length === 0) return [];
  const byPair = new Map<string, EventRow | null>();
  let ambiguous = false;
  for (const e of events) {
    const pair = pairOf(e.waybillNo, e.eventKey);
    if (byPair.has(pair)) {
      byPair.set(pair, null);
      ambiguous = true;
    } else byPair.set(pair, e);
  }
  const json = JSON.stringify(
    events.map((e) => ({ w: e.waybillNo, t: e.time, k: e.eventKey, s: e.status, u: e.subStatus, i: e.site, a: e.areaCode, c: e.courier, x: e.rawText, o: e.source })),
  );
  const returning = ambiguous ? AMBIGUOUS_RETURNING : 'waybill_no as w, event_key as k';
  const rows = await jsonStatement<{ w: string; k: string }>(trx, `${INSERT_EVENTS} returning ${returning}`, json, ['w', 'k']);
  if (!ambiguous) {
    const fresh = new Set<EventRow>();
    for (const r of rows) fresh.add(byPair.get(pairOf(r.w, r.k))!);
    return fresh.size === events.length ? events : events.filter((e) => fresh.has(e));
  }
  const inserted = new Set(rows.map((r) => r.k));
  return events.filter((e) => inserted.has(`${e.waybillNo}\u001f${e.eventTime.getTime()}\u001f${e.eventKey}`));
}

const INSERT_EVENTS = `
    insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source)
    select * from json_to_recordset($1::json) as e(w text, t timestamptz, k text, s text, u text, i text, a text, c text, x text, o text)
    on conflict do nothing`;
/** What was new, when waybill and key may name two rows: with the time, as epoch milliseconds. */
const AMBIGUOUS_RETURNING = `null as w, waybill_no || chr(31) || floor(extract(epoch from event_time) * 1000)::bigint || chr(31) || event_key as k`;

/** PostgreSQL's type OID of `json` */
const JSON_OID = 114;

/**
 * A batch's statement with its one JSON parameter, whose rows' columns (`columns`, in order) are
 * all text. On PGlite the JSON goes as its UTF-8 bytes in one exchange (`rowsOnPglite`: PGlite's
 * own `query` spent ~5 µs an event measuring its length a character at a time); elsewhere through
 * Kysely as text.
 */
async function jsonStatement<R extends Record<string, string>>(trx: Transaction<DB>, text: string, json: string, columns: Array<keyof R>): Promise<R[]> {
  const onPglite = runsOnPglite(trx) ? await rowsOnPglite(trx, { text, types: [JSON_OID] }, [Buffer.from(json, 'utf8')]) : null;
  if (onPglite) return onPglite.map((fields) => Object.fromEntries(columns.map((column, i) => [column, fields[i]])) as R);
  return (await trx.executeQuery<R>(CompiledQuery.raw(text, [json]))).rows;
}

/**
 * What a feed says about its monitoring of a waybill (a 快递100 abort), shown on the shipment;
 * null clears it once the feed pushes normally again. A notice for a number never seen before
 * creates its shipment, so the console can show it; a clear never does.
 */
export async function setFeedNotice(db: Kysely<DB>, waybillNo: string, notice: FeedNotice | null): Promise<void> {
  if (notice === null) {
    await db.updateTable('shipments').set({ feed_notice: null }).where('waybill_no', '=', waybillNo).where('feed_notice', 'is not', null).execute();
    return;
  }
  await db
    .insertInto('shipments')
    .values({ waybill_no: waybillNo, feed_notice: JSON.stringify(notice) })
    .onConflict((oc) => oc.column('waybill_no').doUpdateSet({ feed_notice: JSON.stringify(notice), updated_at: new Date() }))
    .execute();
}

/** Creates placeholder shipments for waybills first seen in a scan (registered later or never). */
export async function ensureShipments(trx: Transaction<DB>, waybillNos: string[]): Promise<void> {
  if (waybillNos.length === 0) return;
  await sql`insert into shipments (waybill_no) select unnest(${waybillNos}::text[]) on conflict (waybill_no) do nothing`.execute(trx);
}

/** The shipments of a batch, locked in waybill order (a fixed order: concurrent batches never deadlock). */
export function lockShipments(trx: Transaction<DB>, waybillNos: string[]) {
  return trx
    .selectFrom('shipments')
    .select([
      'id',
      'waybill_no',
      'status',
      'sub_status',
      'terminal',
      'last_event_time',
      'last_event_key',
      'last_event_text',
      'last_site',
      'last_area_code',
      'picked_up_at',
      'delivered_at',
      'damaged_at',
      'failed_attempts',
      'awaiting_pickup_since',
      'promised_at',
      'complete_delay_at',
      'route_class',
      'policy_version',
      'sender_province',
      'sender_city',
      'recipient_province',
      'recipient_city',
      'recipient_district',
      'recipient_phone',
      'sender_phone',
    ])
    .where('waybill_no', '=', sql<string>`any(${waybillNos}::text[])`)
    .orderBy('waybill_no')
    .forUpdate()
    .execute();
}

export type LockedShipment = Awaited<ReturnType<typeof lockShipments>>[number];

export interface ShipmentStateUpdate {
  id: string;
  status: string;
  subStatus: string;
  terminal: boolean;
  lastEventTime: Date;
  lastEventKey: string;
  lastEventText: string;
  lastSite: string | null;
  lastAreaCode: string | null;
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  damagedAt: Date | null;
  failedAttempts: number;
  awaitingPickupSince: Date | null;
  promisedAt: Date | null;
  completeDelayAt: Date | null;
  routeClass: string | null;
  policyVersion: number | null;
  nextCheckAt: Date | null;
  /** events stored by this batch, appended to the shipment's timeline (none: the timeline stays) */
  newEvents?: TimelineEntry[];
}

/** An event as the shipment's timeline keeps it (the public lookup reads it: public-tracking/repository.ts). */
export function timelineEntry(row: EventRow): TimelineEntry {
  return { time: row.time, key: row.eventKey, status: row.status, site: row.site, text: row.rawText };
}

const iso = (time: Date | null) => time?.toISOString() ?? null;

/** The update with its instants as text (each Date would send JSON.stringify down its slow path). */
function withIsoTimes(u: ShipmentStateUpdate) {
  return {
    ...u,
    lastEventTime: iso(u.lastEventTime),
    pickedUpAt: iso(u.pickedUpAt),
    deliveredAt: iso(u.deliveredAt),
    damagedAt: iso(u.damagedAt),
    awaitingPickupSince: iso(u.awaitingPickupSince),
    promisedAt: iso(u.promisedAt),
    completeDelayAt: iso(u.completeDelayAt),
    nextCheckAt: iso(u.nextCheckAt),
  };
}

/** Writes the new standing of many shipments in one statement. */
export async function updateShipmentStates(trx: Transaction<DB>, updates: ShipmentStateUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await jsonStatement(
    trx,
    `
    update shipments s set
      status = v.status, sub_status = v."subStatus", terminal = v.terminal,
      last_event_time = v."lastEventTime", last_event_key = v."lastEventKey", last_event_text = v."lastEventText",
      last_site = v."lastSite", last_area_code = v."lastAreaCode",
      picked_up_at = v."pickedUpAt", delivered_at = v."deliveredAt", damaged_at = v."damagedAt",
      failed_attempts = v."failedAttempts", awaiting_pickup_since = v."awaitingPickupSince",
      promised_at = v."promisedAt", complete_delay_at = v."completeDelayAt",
      route_class = v."routeClass", policy_version = v."policyVersion", next_check_at = v."nextCheckAt",
      -- the new events join the timeline in the same row version: the lookup's events cost ingestion no statement
      timeline = case when v."newEvents" is null then s.timeline else s.timeline || v."newEvents" end,
      timeline_from = least(s.timeline_from, (v."newEvents"->0->>'time')::timestamptz),
      updated_at = now()
    from json_to_recordset($1::json) as v(
      id uuid, status text, "subStatus" text, terminal boolean, "lastEventTime" timestamptz, "lastEventKey" text,
      "lastEventText" text, "lastSite" text, "lastAreaCode" text, "pickedUpAt" timestamptz, "deliveredAt" timestamptz,
      "damagedAt" timestamptz, "failedAttempts" int, "awaitingPickupSince" timestamptz, "promisedAt" timestamptz,
      "completeDelayAt" timestamptz, "routeClass" text, "policyVersion" int, "nextCheckAt" timestamptz, "newEvents" jsonb)
    where s.id = v.id`,
    JSON.stringify(updates.map(withIsoTimes)),
    [],
  );
}
