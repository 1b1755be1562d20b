/**
 * A service notification's required start and expected end as clocks (docs/product.md §4;
 * domain/service-orders/clocks.ts), shaped like claim_clocks so the SLA clock machine runs them:
 * due_at for the supervisor's board, next_check_at for the service-order-clocks job (a partial
 * index, so the job reads only what is due), escalated_at once a Z2 past its end was escalated to
 * its sales office. Timeline rows gain the clock's warning and breach, the escalation and an
 * e-mail sent to a department. A work center gains its mailbox and the sales office (销售办公室)
 * it answers for, so an escalation knows whom to tell, and a version, as admins now edit it. Notifications created before this
 * migration get their clocks from their dates. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table service_notification_clocks (
      notification_id uuid not null references service_notifications (id),
      kind text not null check (kind in ('required_start','expected_end')),
      basis text not null check (basis in ('calendar','business')),
      target_minutes double precision not null check (target_minutes > 0),
      started_at timestamptz not null,
      used_minutes double precision not null default 0,
      running_since timestamptz,
      paused_at timestamptz,
      stopped_at timestamptz,
      warned_at timestamptz,
      breached_at timestamptz,
      due_at timestamptz,
      next_check_at timestamptz,
      escalated_at timestamptz,
      primary key (notification_id, kind)
    ) with (fillfactor = 85)`.execute(db);
  await sql`create index service_notification_clocks_next_check on service_notification_clocks (next_check_at) where next_check_at is not null`.execute(db);
  // The supervisor's board: clocks not stopped that are past their warning (at risk) or breached.
  await sql`create index service_notification_clocks_board on service_notification_clocks (due_at) where stopped_at is null and (warned_at is not null or breached_at is not null)`.execute(db);

  await sql`alter table service_notification_events drop constraint service_notification_events_kind_check`.execute(db);
  await sql`
    alter table service_notification_events add constraint service_notification_events_kind_check
      check (kind in ('created','changed','status','system','clock_warning','clock_breach','escalated','emailed'))`.execute(db);

  await sql`alter table service_work_centers add column email text, add column sales_office text, add column version integer not null default 1`.execute(db);
  await sql`create unique index service_work_centers_sales_office on service_work_centers (sales_office) where sales_office is not null`.execute(db);

  // Existing notifications: each date after the creation is a clock, running unless its work began (start) or it is completed (end);
  // the job looks at the running ones at its first run and records what is already due.
  await sql`
    insert into service_notification_clocks (notification_id, kind, basis, target_minutes, started_at, running_since, stopped_at, due_at, next_check_at)
    select n.id, k.kind, 'calendar', extract(epoch from (k.due - n.created_at)) / 60, n.created_at,
      case when k.runs then n.created_at end, case when k.runs then null else coalesce(n.completed_at, n.updated_at) end,
      case when k.runs then k.due end, case when k.runs then now() end
    from service_notifications n
    cross join lateral (values
      ('required_start', n.required_start, n.system_status = 'outstanding'),
      ('expected_end', n.expected_end, n.system_status <> 'completed')) as k(kind, due, runs)
    where k.due > n.created_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index service_work_centers_sales_office`.execute(db);
  await sql`alter table service_work_centers drop column email, drop column sales_office, drop column version`.execute(db);
  await sql`alter table service_notification_events drop constraint service_notification_events_kind_check`.execute(db);
  await sql`alter table service_notification_events add constraint service_notification_events_kind_check check (kind in ('created','changed','status','system'))`.execute(db);
  await sql`drop table service_notification_clocks`.execute(db);
}
