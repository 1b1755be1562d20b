/**
 * The public lookup as a function with its plan kept: planning the lookup (a shipment and its
 * events across every monthly partition) cost more than running it, and for this statement
 * PostgreSQL's plan cache kept choosing a fresh custom plan per call. A PL/pgSQL function keeps
 * one plan per connection (plan_cache_mode = force_generic_plan); the partitions without the
 * waybill are skipped at run time. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
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

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function tracking_view(text[])`.execute(db);
}
