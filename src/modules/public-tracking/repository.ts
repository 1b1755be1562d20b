/** The public lookup in one round trip: the shipments asked for, each with its events. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface TrackingViewRow {
  waybill_no: string;
  status: string;
  terminal: boolean;
  promised_at: Date | null;
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
  events: Array<{ time: string; status: string; site: string | null; text: string }>;
}

export async function trackingView(db: Kysely<DB>, waybillNos: string[]): Promise<TrackingViewRow[]> {
  const result = await sql<TrackingViewRow>`
    select s.waybill_no, s.status, s.terminal, s.promised_at,
      s.sender_name, s.sender_phone, s.sender_address, s.sender_province, s.sender_city, s.sender_district,
      s.recipient_name, s.recipient_phone, s.recipient_address, s.recipient_province, s.recipient_city, s.recipient_district,
      coalesce((
        select json_agg(json_build_object('time', e.event_time, 'status', e.status, 'site', e.site, 'text', e.raw_text)
                        order by e.event_time desc, e.event_key desc)
        from tracking_events e where e.waybill_no = s.waybill_no), '[]'::json) as events
    from shipments s
    where s.waybill_no = any(${waybillNos}::text[])`.execute(db);
  return result.rows.map((row) => ({ ...row, promised_at: row.promised_at ? new Date(row.promised_at) : null }));
}
