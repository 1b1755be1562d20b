/**
 * The public lookup also returns the types of the parcel's claims that are not closed
 * (domain/tracking/story.ts `claimsOpen`): a parcel treated as lost is told "我们按丢失处理并为您启动理赔"
 * only while its loss claim is open, and a damaged one that its damage claim is being handled. Still
 * one call of one PL/pgSQL function with its plan kept (see 2026-11-22T1900); the claims are read by
 * `claims_shipment` (shipment_id, type). A function's result type cannot change in place: it is
 * dropped and made again. Frozen once shipped.
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
      recipient_district text, events json, open_exceptions json, case_open boolean, claims_open json)
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
          or exists (select 1 from shipment_exceptions x where x.shipment_id = s.id and x.cleared_at is null and x.ticket_id is null),
          -- the types of the parcel's claims not closed: a lost parcel's story says 启动理赔 only while its loss claim is open
          coalesce((select json_agg(distinct c.type) from claims c where c.shipment_id = s.id and c.state <> 'closed'), '[]'::json)
        from shipments s
        where s.waybill_no = any(waybills);
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
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
