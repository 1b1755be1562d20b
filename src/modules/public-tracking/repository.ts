/** The public lookup in one round trip: the shipments asked for, each with its events and what its story is told from. */
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newestFirst, type TimelineEvent } from '../../domain/tracking/timeline-order.js';

export interface TrackingViewRow {
  waybill_no: string;
  status: string;
  sub_status: string;
  terminal: boolean;
  promised_at: Date | null;
  complete_delay_at: Date | null;
  delivered_at: Date | null;
  last_event_time: Date | null;
  last_site: string | null;
  sender_name: string | null;
  sender_phone: string | null;
  sender_address: string | null;
  sender_province: string | null;
  sender_city: string | null;
  sender_district: string | null;
  recipient_name: string | null;
  recipient_phone: string | null;
  recipient_address: string | null;
  recipient_province: string | null;
  recipient_city: string | null;
  recipient_district: string | null;
  /** newest first; `time` is ISO 8601 in UTC with milliseconds */
  events: TimelineEvent[];
  open_exceptions: Array<{ kind: string; since: string }>;
  case_open: boolean;
  /** the types of the parcel's claims not closed */
  claims_open: string[];
}

/** The statement as its text: a lookup compiles no query (a `sql` template is compiled on every call). */
const lookup = (waybillNos: string[]) => CompiledQuery.raw('select * from tracking_view($1::text[])', [waybillNos]);

export async function trackingView(db: Kysely<DB>, waybillNos: string[]): Promise<TrackingViewRow[]> {
  // One round trip to a function that keeps its plan (migrations 2026-11-22T1900_tracking_view,
  // 2026-12-07T1410_tracking_view_story); the events come from the shipment row's timeline
  // (2026-12-08T1800_tracking_timeline), not from the monthly partitions, as stored: they are put
  // in order here (2026-12-08T2300_tracking_view_raw_timeline). Both drivers give timestamptz as
  // a Date and json parsed.
  const rows = (await db.executeQuery<TrackingViewRow>(lookup(waybillNos))).rows;
  for (const row of rows) newestFirst(row.events);
  return rows;
}
