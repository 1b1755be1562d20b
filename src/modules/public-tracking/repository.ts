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

/**
 * The statement as its text: a lookup compiles no query (a `sql` template is compiled on every
 * call). Each row comes back as one `json` value: the drivers read a row description and build a
 * parser per column on every execution (pg describes the portal each time), which for the view's
 * 25 columns cost the server more than the row itself.
 */
const lookup = (waybillNos: string[]) => CompiledQuery.raw('select row_to_json(v) as v from tracking_view($1::text[]) v', [waybillNos]);

type JsonRow = Omit<TrackingViewRow, 'promised_at' | 'complete_delay_at' | 'delivered_at' | 'last_event_time'> & {
  promised_at: string | null;
  complete_delay_at: string | null;
  delivered_at: string | null;
  last_event_time: string | null;
};

const instant = (text: string | null) => (text === null ? null : new Date(text));

export async function trackingView(db: Kysely<DB>, waybillNos: string[]): Promise<TrackingViewRow[]> {
  // One round trip to a function that keeps its plan (migrations 2026-11-22T1900_tracking_view,
  // 2026-12-07T1410_tracking_view_story); the events come from the shipment row's timeline
  // (2026-12-08T1800_tracking_timeline), not from the monthly partitions, as stored: they are put
  // in order here (2026-12-08T2300_tracking_view_raw_timeline). Times come as ISO 8601 text with
  // the session's offset (row_to_json), read back as instants.
  const rows = (await db.executeQuery<{ v: JsonRow }>(lookup(waybillNos))).rows;
  return rows.map(({ v }) => ({
    ...v,
    promised_at: instant(v.promised_at),
    complete_delay_at: instant(v.complete_delay_at),
    delivered_at: instant(v.delivered_at),
    last_event_time: instant(v.last_event_time),
    events: newestFirst(v.events),
  }));
}
