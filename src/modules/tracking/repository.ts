/**
 * Kysely queries for tracking ingestion. Set-based on purpose: one statement per step for a whole
 * batch (arrays through unnest), never one round trip per event.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface EventRow {
  waybillNo: string;
  eventTime: Date;
  eventKey: string;
  status: string;
  subStatus: string;
  site: string | null;
  areaCode: string | null;
  courier: string | null;
  rawText: string;
  source: string;
}

/** Inserts the events not stored yet; returns those that were new (duplicates are skipped). */
export async function insertNewEvents(trx: Transaction<DB>, events: EventRow[]): Promise<EventRow[]> {
  if (events.length === 0) return [];
  const col = <K extends keyof EventRow>(key: K) => events.map((e) => e[key]);
  const result = await sql<{ waybill_no: string; event_time: Date; event_key: string }>`
    insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source)
    select * from unnest(
      ${col('waybillNo')}::text[], ${col('eventTime').map((d) => d.toISOString())}::timestamptz[], ${col('eventKey')}::text[],
      ${col('status')}::text[], ${col('subStatus')}::text[], ${col('site')}::text[], ${col('areaCode')}::text[],
      ${col('courier')}::text[], ${col('rawText')}::text[], ${col('source')}::text[])
    on conflict do nothing
    returning waybill_no, event_time, event_key`.execute(trx);
  const inserted = new Set(result.rows.map((r) => `${r.waybill_no}\u001f${new Date(r.event_time).getTime()}\u001f${r.event_key}`));
  return events.filter((e) => inserted.has(`${e.waybillNo}\u001f${e.eventTime.getTime()}\u001f${e.eventKey}`));
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
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Writes the new standing of many shipments in one statement. */
export async function updateShipmentStates(trx: Transaction<DB>, updates: ShipmentStateUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const col = <K extends keyof ShipmentStateUpdate>(key: K) => updates.map((u) => u[key]);
  const dates = (key: keyof ShipmentStateUpdate) => updates.map((u) => iso(u[key] as Date | null));
  await sql`
    update shipments s set
      status = v.status, sub_status = v.sub_status, terminal = v.terminal,
      last_event_time = v.last_event_time, last_event_key = v.last_event_key, last_event_text = v.last_event_text,
      last_site = v.last_site, last_area_code = v.last_area_code,
      picked_up_at = v.picked_up_at, delivered_at = v.delivered_at, damaged_at = v.damaged_at,
      failed_attempts = v.failed_attempts, awaiting_pickup_since = v.awaiting_pickup_since,
      promised_at = v.promised_at, complete_delay_at = v.complete_delay_at,
      route_class = v.route_class, policy_version = v.policy_version, next_check_at = v.next_check_at,
      updated_at = now()
    from unnest(
      ${col('id')}::uuid[], ${col('status')}::text[], ${col('subStatus')}::text[], ${col('terminal')}::boolean[],
      ${dates('lastEventTime')}::timestamptz[], ${col('lastEventKey')}::text[], ${col('lastEventText')}::text[],
      ${col('lastSite')}::text[], ${col('lastAreaCode')}::text[],
      ${dates('pickedUpAt')}::timestamptz[], ${dates('deliveredAt')}::timestamptz[], ${dates('damagedAt')}::timestamptz[],
      ${col('failedAttempts')}::int[], ${dates('awaitingPickupSince')}::timestamptz[],
      ${dates('promisedAt')}::timestamptz[], ${dates('completeDelayAt')}::timestamptz[],
      ${col('routeClass')}::text[], ${col('policyVersion')}::int[], ${dates('nextCheckAt')}::timestamptz[]
    ) as v(id, status, sub_status, terminal, last_event_time, last_event_key, last_event_text, last_site, last_area_code,
           picked_up_at, delivered_at, damaged_at, failed_attempts, awaiting_pickup_since, promised_at, complete_delay_at,
           route_class, policy_version, next_check_at)
    where s.id = v.id`.execute(trx);
}
