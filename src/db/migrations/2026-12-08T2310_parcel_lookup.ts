/**
 * The public lookup reads one row for a parcel that never had a case (docs/architecture.md,
 * Tracking: "A lookup reads one row").
 *
 * - `shipments.has_cases`: the parcel has, or once had, an exception, a ticket that names its
 *   waybill, or a claim. Set by triggers on those tables (and on a new shipment whose waybill a
 *   ticket already names), so every writer keeps it, and never cleared: it only says where to look.
 *   Most parcels never have one; for them the story's inputs are known without reading those
 *   tables (no open exception, no case, no claim).
 * - `parcel_cases(shipment, waybill)`: what the story is told from besides the shipment row (its
 *   open exceptions, whether a case is open, the types of its claims not closed) as one json value.
 * - `parcel_lookup`: the lookup's row, defined once: the shipment's columns and timeline and, for a
 *   parcel with `has_cases` only, `parcel_cases` (`cases`, else null). A function and not
 *   sub-queries in the view: a sub-query is planned, and its tables locked and opened, on every
 *   execution even where a `case` never reaches it; a function call costs nothing until it is made.
 *   A caller filters the view by waybill: PostgreSQL takes the filter into the shipments scan.
 * - `tracking_view(text[])` selects from the view: it keeps one generic plan per connection, for
 *   several waybills and for PGlite, which plans every statement it is sent; on PostgreSQL a lookup
 *   of one waybill is the view filtered by `= $1`, prepared by name (`public-tracking/repository.ts`).
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';
import { up as rawTimelineView } from './2026-12-08T2300_tracking_view_raw_timeline.js';

/**
 * A statement-level trigger after `event` on `table` that marks the shipments `which` selects among
 * `shipments s` (with the statement's new rows as `new_rows`). It updates only when one of them is
 * not marked yet, so a statement that adds nothing new fires no update of shipments (and none of
 * the shipments triggers); both statements are planned per call (EXECUTE), for the transition
 * table's real size, as the KPI update triggers are (migration 2026-12-08T2320).
 */
async function trigger(db: Kysely<any>, name: string, table: string, event: 'insert' | 'update', which: string): Promise<void> {
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $fn$
       declare
         unmarked boolean;
       begin
         execute $q$select exists (select 1 from shipments s where ${which} and not s.has_cases)$q$ into unmarked;
         if unmarked then
           execute $q$update shipments s set has_cases = true where ${which} and not s.has_cases$q$;
         end if;
         return null;
       end $fn$`,
    )
    .execute(db);
  const referencing = event === 'insert' ? 'new table as new_rows' : 'old table as old_rows new table as new_rows';
  await sql.raw(`create trigger ${name} after ${event} on ${table} referencing ${referencing} for each statement execute function ${name}()`).execute(db);
}

const byId = 's.id in (select n.shipment_id from new_rows n)';
const byWaybill = 's.waybill_no in (select n.waybill_no from new_rows n)';

const TRIGGERS = [
  ['shipment_has_cases_exception', 'shipment_exceptions', 'insert', byId],
  ['shipment_has_cases_exception_moved', 'shipment_exceptions', 'update', byId],
  ['shipment_has_cases_ticket', 'ticket_waybills', 'insert', byWaybill],
  ['shipment_has_cases_ticket_moved', 'ticket_waybills', 'update', byWaybill],
  ['shipment_has_cases_claim', 'claims', 'insert', byId],
  ['shipment_has_cases_claim_moved', 'claims', 'update', byId],
  // a ticket may name a waybill before its first scan makes the shipment
  ['shipment_has_cases_new', 'shipments', 'insert', 's.id in (select n.id from new_rows n where exists (select 1 from ticket_waybills w where w.waybill_no = n.waybill_no))'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shipments add column has_cases boolean not null default false`.execute(db);
  await sql`
    update shipments s set has_cases = true
    where exists (select 1 from shipment_exceptions x where x.shipment_id = s.id)
       or exists (select 1 from ticket_waybills w where w.waybill_no = s.waybill_no)
       or exists (select 1 from claims c where c.shipment_id = s.id)`.execute(db);
  for (const [name, table, event, body] of TRIGGERS) await trigger(db, name, table, event, body);

  await sql`
    create function parcel_cases(shipment uuid, waybill text) returns json
    language plpgsql stable
    set plan_cache_mode = force_generic_plan
    as $$
    begin
      return json_build_object(
        'open_exceptions', coalesce((
          select json_agg(json_build_object('kind', x.kind, 'since', x.raised_at))
          from shipment_exceptions x where x.shipment_id = shipment and x.cleared_at is null), '[]'::json),
        'case_open', exists (
            select 1 from ticket_waybills w join tickets t on t.id = w.ticket_id
            where w.waybill_no = waybill and t.status in ('new', 'open', 'pending_customer', 'pending_department'))
          -- an open exception the exception job has yet to take opens or joins a ticket within its minute
          or exists (select 1 from shipment_exceptions x where x.shipment_id = shipment and x.cleared_at is null and x.ticket_id is null),
        -- the types of the parcel's claims not closed: a lost parcel's story says 启动理赔 only while its loss claim is open
        'claims_open', coalesce((select json_agg(distinct c.type) from claims c where c.shipment_id = shipment and c.state <> 'closed'), '[]'::json));
    end $$`.execute(db);
  await sql`
    create view parcel_lookup as
    select s.waybill_no, s.status, s.sub_status, s.terminal, s.promised_at,
      s.complete_delay_at, s.delivered_at, s.last_event_time, s.last_site,
      s.sender_name, s.sender_phone, s.sender_address, s.sender_province, s.sender_city, s.sender_district,
      s.recipient_name, s.recipient_phone, s.recipient_address, s.recipient_province, s.recipient_city, s.recipient_district,
      s.timeline as events,
      -- null: no exception, no ticket and no claim, ever
      case when s.has_cases then parcel_cases(s.id, s.waybill_no) end as cases
    from shipments s`.execute(db);

  await sql`drop function tracking_view(text[])`.execute(db);
  // PL/pgSQL keeps its statement's plan across calls (an SQL function plans it on every call)
  await sql`
    create function tracking_view(waybills text[]) returns setof parcel_lookup
    language plpgsql stable
    set plan_cache_mode = force_generic_plan
    as $$
    begin
      return query select * from parcel_lookup v where v.waybill_no = any(waybills);
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function tracking_view(text[])`.execute(db);
  await sql`drop view parcel_lookup`.execute(db);
  await sql`drop function parcel_cases(uuid, text)`.execute(db);
  for (const [name, table] of TRIGGERS) {
    await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
    await sql.raw(`drop function ${name}()`).execute(db);
  }
  await sql`alter table shipments drop column has_cases`.execute(db);
  // the function as the migration before this one made it (it drops the one it replaces first)
  await sql`create function tracking_view(waybills text[]) returns void language sql as 'select'`.execute(db);
  await rawTimelineView(db);
}
