/**
 * The public lookup also returns what a parcel's story is told from (domain/tracking/story.ts): the
 * sub-status, the complete-delay limit, when it was signed for, the last scan's time and site, the
 * open exceptions with when each began, and whether a case is open: an open ticket names the
 * waybill, or an open exception waits for the exception job, which opens or joins one (an agent is on it). Still one call of one PL/pgSQL function with its plan kept (see 2026-11-22T1900). A
 * function's result type cannot change in place: it is dropped and made again. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop function tracking_view(text[])`.execute(db);
  await sql`
    create function tracking_view(waybills text[]) returns table (
      waybill_no text, status text, sub_status text, terminal boolean, promised_at timestamptz,
      complete_delay_at timestamptz, delivered_at timestamptz, last_event_time timestamptz, last_site text,
      sender_name text, sender_phone text, sender_address text, sender_province text, sender_city text, sender_district text,
      recipient_name text, recipient_phone text, recipient_address text, recipient_province text, recipient_city text,
      recipient_district text, events json, open_exceptions json, case_open boolean)
    language plpgsql stable
    set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
      return query
        select s.waybill_no, s.status, s.sub_status, s.terminal, s.promised_at,
          s.complete_delay_at, s.delivered_at, s.last_event_time, s.last_site,
          s.sender_name, s.sender_phone, s.sender_address, s.sender_province, s.sender_city, s.sender_district,
          s.recipient_name, s.recipient_phone, s.recipient_address, s.recipient_province, s.recipient_city, s.recipient_district,
          coalesce((
            select json_agg(json_build_object('time', e.event_time, 'status', e.status, 'site', e.site, 'text', e.raw_text)
                            order by e.event_time desc, e.event_key desc)
            from tracking_events e where e.waybill_no = s.waybill_no), '[]'::json),
          coalesce((
            select json_agg(json_build_object('kind', x.kind, 'since', x.raised_at))
            from shipment_exceptions x where x.shipment_id = s.id and x.cleared_at is null), '[]'::json),
          exists (
            select 1 from ticket_waybills w join tickets t on t.id = w.ticket_id
            where w.waybill_no = s.waybill_no and t.status in ('new', 'open', 'pending_customer', 'pending_department'))
          -- an open exception the exception job has yet to take opens or joins a ticket within its minute
          or exists (select 1 from shipment_exceptions x where x.shipment_id = s.id and x.cleared_at is null and x.ticket_id is null)
        from shipments s
        where s.waybill_no = any(waybills);
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function tracking_view(text[])`.execute(db);
  await sql`
    create function tracking_view(waybills text[]) returns table (
      waybill_no text, status text, terminal boolean, promised_at timestamptz,
      sender_name text, sender_phone text, sender_address text, sender_province text, sender_city text, sender_district text,
      recipient_name text, recipient_phone text, recipient_address text, recipient_province text, recipient_city text,
      recipient_district text, events json)
    language plpgsql stable
    set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
      return query
        select s.waybill_no, s.status, s.terminal, s.promised_at,
          s.sender_name, s.sender_phone, s.sender_address, s.sender_province, s.sender_city, s.sender_district,
          s.recipient_name, s.recipient_phone, s.recipient_address, s.recipient_province, s.recipient_city, s.recipient_district,
          coalesce((
            select json_agg(json_build_object('time', e.event_time, 'status', e.status, 'site', e.site, 'text', e.raw_text)
                            order by e.event_time desc, e.event_key desc)
            from tracking_events e where e.waybill_no = s.waybill_no), '[]'::json)
        from shipments s
        where s.waybill_no = any(waybills);
    end $$`.execute(db);
}
