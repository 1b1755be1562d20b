/**
 * The ticket jobs (issue 14, defects 10, 11 and 15).
 *
 * One open ticket per waybill from the exception job. Each exception opens or
 * joins the open ticket of its waybill; two runs of the job at once could each find none and open
 * one. A ticket the job opens names its waybill in `exception_waybill_no`, and at most one open
 * ticket may name a waybill: the last line of defence behind the job's own per-waybill lock. The
 * job clears the name on the waybill's tickets that are no longer open when it opens a new one, so
 * reopening an old ticket later never meets the new one.
 *
 * Existing tickets: the oldest open ticket the job opened for each waybill (kind exception, channel
 * system, no creator, its one waybill) takes the name — it is the one later exceptions join. A
 * younger duplicate, should a run have made one, stays open as it is for the desk to merge.
 *
 * And the ticket's customer notices (`notificationsOf`) are found through its exceptions by index
 * (then `notifications_once`, which leads with the exception) instead of a scan of every exception;
 * likewise a shipment's notices instead of a scan of every notice (100,000 shipments: 108 ms and
 * 88 ms → 0.1 ms).
 *
 * The timeline's entries no longer check their ticket with a foreign key: the check locks the
 * ticket's row (KEY SHARE) for every entry, a write to the ticket's page, and the clock job writes
 * thousands of entries a minute (its warnings and breaches). Every entry is written by a command
 * or job that holds its ticket; tickets are never deleted (now refused by the database, as the
 * timeline's own rows are), so an entry cannot lose its ticket. 200,000-ticket benchmark, 2,000
 * due clocks, the job's next run: WAL 13.1–13.4 MiB → 10.7–10.8 MiB. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

const OPEN = sql.raw(`('new','open','pending_customer','pending_department')`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets add column exception_waybill_no text`.execute(db);
  await sql`
    update tickets t set exception_waybill_no = first.waybill_no
    from (
      select distinct on (w.waybill_no) w.waybill_no, t.id
      from tickets t join ticket_waybills w on w.ticket_id = t.id
      where t.kind = 'exception' and t.channel = 'system' and t.created_by is null and t.status in ${OPEN}
        and (select count(*) from ticket_waybills o where o.ticket_id = t.id) = 1
      order by w.waybill_no, t.created_at, t.number
    ) first
    where t.id = first.id`.execute(db);
  await sql`create unique index tickets_exception_waybill_open on tickets (exception_waybill_no)
    where exception_waybill_no is not null and status in ${OPEN}`.execute(db);

  await sql`create index shipment_exceptions_ticket on shipment_exceptions (ticket_id) where ticket_id is not null`.execute(db);
  await sql`create index notifications_shipment on notifications (shipment_id, created_at)`.execute(db);

  await sql`
    create function never_deleted() returns trigger language plpgsql as $$
    begin
      raise exception 'rows of % are never deleted', tg_table_name using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger tickets_never_deleted before delete on tickets for each statement execute function never_deleted()`.execute(db);
  await sql`create trigger tickets_never_truncated before truncate on tickets for each statement execute function never_deleted()`.execute(db);
  await sql`alter table ticket_events drop constraint ticket_events_ticket_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger tickets_never_truncated on tickets`.execute(db);
  await sql`drop trigger tickets_never_deleted on tickets`.execute(db);
  await sql`drop function never_deleted()`.execute(db);
  await sql`alter table ticket_events add constraint ticket_events_ticket_id_fkey foreign key (ticket_id) references tickets(id)`.execute(db);
  await sql`drop index notifications_shipment`.execute(db);
  await sql`drop index shipment_exceptions_ticket`.execute(db);
  await sql`drop index tickets_exception_waybill_open`.execute(db);
  await sql`alter table tickets drop column exception_waybill_no`.execute(db);
}
