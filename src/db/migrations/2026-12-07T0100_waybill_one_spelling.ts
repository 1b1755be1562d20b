/**
 * Waybill numbers stored as a feed sent them (`jt96610898972`) take the one spelling the code now
 * gives every waybill (domain/waybill.ts: NFKC, trimmed, upper case), in every table that holds
 * them: shipments, tracking_events, shipment_exceptions, ticket_waybills and contacts.waybill_nos
 * (notifications and ticket links hold ids, not numbers). The audit log is append-only and keeps
 * the number as it was written then.
 *
 * Where the same parcel is stored twice (`jt…` from 快递100 and `JT…` from the order system), the
 * rows merge into one shipment: the registered one survives (else the one already spelt right, else
 * the oldest); events keyed by the same identity are stored once; an exception kind both had stays
 * the survivor's (taking the other's ticket if it had none), the other's notices move to it; the
 * standing is the latest of the two (terminal first), the facts (pickup, delivery, damage) the
 * earliest and the failed attempts are counted again from the merged events; the survivor is due
 * for the tracking clock at once, which re-judges its time limits and exceptions.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

/** The SQL twin of normalizeWaybillNo (domain/waybill.ts); for ASCII numbers they agree exactly. */
const spelled = (column: string) => sql.raw(`upper(btrim(normalize(${column}, NFKC), E' \\t\\r\\n'))`);

export async function up(db: Kysely<any>): Promise<void> {
  const run = (query: ReturnType<typeof sql>) => query.execute(db);

  // Every shipment whose number, spelt right, is shared with a row spelt wrong; `keep_id` survives.
  await run(sql`drop table if exists waybill_merge`);
  await run(sql`
    create temporary table waybill_merge as
    select s.id, s.waybill_no as old_no, n.norm,
      first_value(s.id) over (
        partition by n.norm order by s.registered desc, (s.waybill_no = n.norm) desc, s.created_at, s.id
      ) as keep_id
    from shipments s cross join lateral (select ${spelled('s.waybill_no')} as norm) n
    where n.norm in (select ${spelled('waybill_no')} from shipments where waybill_no <> ${spelled('waybill_no')})`);

  // Events: the same identity (time, key) under both spellings is one event.
  await run(sql`
    insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source, received_at)
    select m.norm, e.event_time, e.event_key, e.status, e.sub_status, e.site, e.area_code, e.courier, e.raw_text, e.source, e.received_at
    from tracking_events e join waybill_merge m on e.waybill_no = m.old_no
    where m.old_no <> m.norm
    on conflict do nothing`);
  await run(sql`
    delete from tracking_events e using waybill_merge m where e.waybill_no = m.old_no and m.old_no <> m.norm`);

  // Exceptions of a merged-away shipment: a kind the survivor lacks moves over; a kind it has stays
  // its own, taking the other's ticket if it had none, and the other's notices come along.
  await run(sql`
    update shipment_exceptions keep set ticket_id = gone.ticket_id
    from shipment_exceptions gone join waybill_merge m on gone.shipment_id = m.id and m.id <> m.keep_id
    where keep.shipment_id = m.keep_id and keep.kind = gone.kind and keep.ticket_id is null and gone.ticket_id is not null`);
  await run(sql`
    update notifications n set exception_id = case
        when exists (select 1 from notifications o where o.exception_id = keep.id and o.channel = n.channel) then null
        else keep.id end
    from shipment_exceptions gone
      join waybill_merge m on gone.shipment_id = m.id and m.id <> m.keep_id
      join shipment_exceptions keep on keep.shipment_id = m.keep_id and keep.kind = gone.kind
    where n.exception_id = gone.id`);
  await run(sql`
    delete from shipment_exceptions gone using waybill_merge m
    where gone.shipment_id = m.id and m.id <> m.keep_id
      and exists (select 1 from shipment_exceptions keep where keep.shipment_id = m.keep_id and keep.kind = gone.kind)`);
  await run(sql`
    update shipment_exceptions e set shipment_id = m.keep_id, waybill_no = m.norm
    from waybill_merge m where e.shipment_id = m.id and (m.id <> m.keep_id or e.waybill_no <> m.norm)`);
  // An exception whose number was spelt wrong on a shipment spelt right.
  await run(sql`update shipment_exceptions set waybill_no = ${spelled('waybill_no')} where waybill_no <> ${spelled('waybill_no')}`);
  await run(sql`
    update notifications n set shipment_id = m.keep_id from waybill_merge m where n.shipment_id = m.id and m.id <> m.keep_id`);

  // The survivor's standing: the latest of the group (terminal first), the earliest facts.
  await run(sql`
    update shipments s set
      status = best.status, sub_status = best.sub_status, terminal = best.terminal,
      last_event_time = best.last_event_time, last_event_key = best.last_event_key, last_event_text = best.last_event_text,
      last_site = best.last_site, last_area_code = best.last_area_code, awaiting_pickup_since = best.awaiting_pickup_since,
      picked_up_at = facts.picked_up_at, delivered_at = facts.delivered_at, damaged_at = facts.damaged_at,
      failed_attempts = (select count(*) from tracking_events e where e.waybill_no = facts.norm and e.status = 'failed_attempt'),
      next_check_at = now(), updated_at = now()
    from (
      select m.keep_id, min(m.norm) as norm, min(g.picked_up_at) as picked_up_at, min(g.delivered_at) as delivered_at,
        min(g.damaged_at) as damaged_at
      from waybill_merge m join shipments g on g.id = m.id
      group by m.keep_id having count(*) > 1
    ) facts
    cross join lateral (
      select g.* from waybill_merge m join shipments g on g.id = m.id
      where m.keep_id = facts.keep_id and g.last_event_time is not null
      order by g.terminal desc, g.last_event_time desc, g.last_event_key desc
      limit 1
    ) best
    where s.id = facts.keep_id`);
  await run(sql`delete from shipments s using waybill_merge m where s.id = m.id and m.id <> m.keep_id`);
  await run(sql`update shipments s set waybill_no = m.norm from waybill_merge m where s.id = m.keep_id and s.waybill_no <> m.norm`);

  // Tickets' waybills: a ticket linked under both spellings keeps one link.
  await run(sql`
    insert into ticket_waybills (ticket_id, waybill_no)
    select ticket_id, ${spelled('waybill_no')} from ticket_waybills where waybill_no <> ${spelled('waybill_no')}
    on conflict do nothing`);
  await run(sql`delete from ticket_waybills where waybill_no <> ${spelled('waybill_no')}`);
  await run(sql`
    update contacts c set waybill_nos = array(
      select ${spelled('w')} from unnest(c.waybill_nos) with ordinality u(w, i) group by 1 order by min(i))
    where exists (select 1 from unnest(c.waybill_nos) w where w <> ${spelled('w')})`);
  await run(sql`drop table waybill_merge`);
}

export async function down(): Promise<void> {
  // A data fix: the old spellings are not worth restoring.
}
