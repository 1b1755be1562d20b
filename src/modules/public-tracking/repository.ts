/** The public lookup in one round trip: the shipments asked for, each with its events and what its story is told from. */
import { CompiledQuery, type Kysely } from 'kysely';
import { firstColumnOnPglite, preparesStatements, type NamedStatement } from '../../db/database.js';
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
  /** what the story is told from besides the shipment row: null for a parcel that never had an exception, a ticket or a claim */
  cases: ParcelCases | null;
}

export interface ParcelCases {
  open_exceptions: Array<{ kind: string; since: string }>;
  case_open: boolean;
  /** the types of the parcel's claims not closed */
  claims_open: string[];
}

/** PostgreSQL's type OID of `text` */
const TEXT_OID = 25;

/**
 * The statements as their text: a lookup compiles no query (a `sql` template is compiled on every
 * call). Both read the view `parcel_lookup` (migration 2026-12-08T2310_parcel_lookup), whose plan
 * for one waybill is one index probe of `shipments`. Each keeps its plan:
 * - PostgreSQL, one waybill: the view filtered by `= $1`, prepared by name by the pool's naming
 *   wrapper (db/database.ts); PostgreSQL keeps its generic plan after five executions.
 * - PostgreSQL, several waybills: `tracking_view`, a PL/pgSQL function that keeps its plan (an
 *   `= any($1)` statement is planned afresh on every execution, which cost more than running it).
 * - PGlite: the `= $1` statement prepared once per instance and run once per waybill in one
 *   exchange (`firstColumnOnPglite`): 117–128 µs a lookup in process, against 273–332 µs through
 *   the function, whose calling statement PGlite planned on every lookup.
 * Each row comes back as one `json` value: the drivers read a row description and build a parser
 * per column on every execution (pg describes the portal each time), which for the view's 23
 * columns cost the server more than the row itself.
 */
export const LOOKUP_ONE = 'select row_to_json(v) as v from parcel_lookup v where v.waybill_no = $1';
const lookupOne = (waybillNo: string) => CompiledQuery.raw(LOOKUP_ONE, [waybillNo]);
const LOOKUP_ONE_NAMED: NamedStatement = { name: 'pd_parcel_lookup_one', text: LOOKUP_ONE, types: [TEXT_OID] };
const lookupMany = (waybillNos: string[]) => CompiledQuery.raw('select row_to_json(v) as v from tracking_view($1::text[]) v', [waybillNos]);

/** The row as its json comes (the four instants as ISO 8601 text), until they are read in place as instants. */
type JsonRow = Omit<TrackingViewRow, 'promised_at' | 'complete_delay_at' | 'delivered_at' | 'last_event_time'> & {
  promised_at: string | Date | null;
  complete_delay_at: string | Date | null;
  delivered_at: string | Date | null;
  last_event_time: string | Date | null;
};

const instant = (text: string | Date | null) => (text === null ? null : new Date(text));

export async function trackingView(db: Kysely<DB>, waybillNos: string[]): Promise<TrackingViewRow[]> {
  // One round trip, one plan kept. The events come from the shipment row's timeline
  // (2026-12-08T1800_tracking_timeline), not from the monthly partitions, as stored: they are put
  // in order here (2026-12-08T2300_tracking_view_raw_timeline). Times come as ISO 8601 text with
  // the session's offset (row_to_json), read back as instants.
  const texts = await firstColumnOnPglite(db, LOOKUP_ONE_NAMED, waybillNos.map((waybillNo) => [waybillNo]));
  const rows: JsonRow[] = texts
    ? texts.map((text) => JSON.parse(text!) as JsonRow)
    : (await db.executeQuery<{ v: JsonRow }>(waybillNos.length === 1 && preparesStatements(db) ? lookupOne(waybillNos[0]!) : lookupMany(waybillNos))).rows.map((r) => r.v);
  // The parsed row is ours: its fields are converted in place rather than copied (a lookup's rows
  // are its garbage).
  return rows.map((v) => {
    v.promised_at = instant(v.promised_at);
    v.complete_delay_at = instant(v.complete_delay_at);
    v.delivered_at = instant(v.delivered_at);
    v.last_event_time = instant(v.last_event_time);
    newestFirst(v.events);
    return v as TrackingViewRow;
  });
}
