/**
 * The public lookup reads a parcel's events from the shipment row, not from the monthly partitions
 * of tracking_events (docs/architecture.md, Tracking: "Public lookup"). `shipments.timeline` holds
 * one small object per stored event — time (ISO 8601 UTC with milliseconds, so text order is time
 * order), key, status, site, text — in no particular order; ingestion appends the new ones in the
 * statement that already updates the shipment, and `tracking_view` sorts them as the events table
 * would (time, then key, newest first). `timeline_from` is its oldest event: retention trims the
 * timelines that reach past the months it drops. Existing events are copied set-based.
 * `tracking_view` keeps its columns and its kept plan. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shipments add column timeline jsonb not null default '[]'::jsonb, add column timeline_from timestamptz`.execute(db);
  await sql`
    update shipments s set timeline = t.timeline, timeline_from = t.oldest
    from (
      select waybill_no, min(event_time) as oldest,
        jsonb_agg(jsonb_build_object(
          'time', to_char(event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'key', event_key, 'status', status, 'site', site, 'text', raw_text)) as timeline
      from tracking_events group by waybill_no) t
    where t.waybill_no = s.waybill_no`.execute(db);
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
          -- the events from the shipment row: no probe of any partition, however many months are kept
          coalesce((
            select json_agg(json_build_object('time', e->>'time', 'status', e->>'status', 'site', e->>'site', 'text', e->>'text')
                            order by (e->>'time') collate "C" desc, e->>'key' desc)
            from jsonb_array_elements(s.timeline) e), '[]'::json),
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
          or exists (select 1 from shipment_exceptions x where x.shipment_id = s.id and x.cleared_at is null and x.ticket_id is null),
          coalesce((select json_agg(distinct c.type) from claims c where c.shipment_id = s.id and c.state <> 'closed'), '[]'::json)
        from shipments s
        where s.waybill_no = any(waybills);
    end $$`.execute(db);
  await sql`alter table shipments drop column timeline, drop column timeline_from`.execute(db);
}
