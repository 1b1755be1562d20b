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
  // One round trip to a function that keeps its plan (migration 2026-11-22T1900_tracking_view).
  const result = await sql<TrackingViewRow>`select * from tracking_view(${waybillNos}::text[])`.execute(db);
  return result.rows.map((row) => ({ ...row, promised_at: row.promised_at ? new Date(row.promised_at) : null }));
}
