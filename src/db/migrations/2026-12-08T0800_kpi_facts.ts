/**
 * Daily KPI facts (docs/product.md §6, issue 20 §1–2; domain/kpis/registry.ts).
 *
 * - kpi_daily_facts: one row per company-zone day, fact and slice (agent, team, department,
 *   station, province, city, customer, tier, clock; '' where a fact has no such slice), holding an
 *   additive value (a count, a sum of minutes or of fen), so any period or coarser slice is a sum.
 * - kpi_changes: the change log the rollup drains. Statement-level triggers (transition tables,
 *   one insert per statement whatever its row count) append the instants whose day's facts a
 *   change may alter, truncated to 15 minutes (every zone's offset is a multiple of it, so the
 *   rollup can name the company day without the database knowing the zone). Rows are appended,
 *   never upserted: a change committed while a rollup runs stays in the log for the next run.
 * - indexes on each source's fact instant, so recomputing a day reads that day's rows only.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

const DIMS = ['agent_id', 'team_id', 'department_id', 'station', 'province', 'city', 'customer_id', 'tier', 'clock'];

/** insert into the log: the distinct 15-minute buckets of the instants the select yields (column `at`) */
const log = (select: string) => `
  insert into kpi_changes (at)
  select distinct date_bin('15 minutes', x.at, timestamptz '2000-01-01 00:00:00+00') from (${select}) x where x.at is not null;`;

async function trigger(db: Kysely<any>, table: string, event: 'insert' | 'update', body: string): Promise<void> {
  const name = `kpi_log_${table}_${event}`;
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $$
       begin
         ${body}
         return null;
       end $$`,
    )
    .execute(db);
  const referencing = event === 'insert' ? 'new table as new_rows' : 'old table as old_rows new table as new_rows';
  await sql.raw(`create trigger ${name} after ${event} on ${table} referencing ${referencing} for each statement execute function ${name}()`).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create table kpi_daily_facts (
        day date not null,
        fact text not null,
        ${DIMS.map((d) => `${d} text not null default ''`).join(',\n        ')},
        value bigint not null,
        primary key (day, fact, ${DIMS.join(', ')})
      )`,
    )
    .execute(db);
  await sql`create index kpi_daily_facts_fact_day on kpi_daily_facts (fact, day)`.execute(db);
  await sql`create table kpi_changes (id bigserial primary key, at timestamptz not null)`.execute(db);

  // The instants each fact is counted at (docs/architecture.md, "KPIs").
  await sql`create index shipments_delivered on shipments (delivered_at) where delivered_at is not null`.execute(db);
  await sql`create index shipment_exceptions_raised on shipment_exceptions (raised_at) where kind in ('damaged', 'lost')`.execute(db);
  await sql`create index tickets_resolved on tickets (resolved_at) where resolved_at is not null`.execute(db);
  await sql`create index tickets_rated on tickets (rated_at) where rated_at is not null`.execute(db);
  await sql`create index ticket_clocks_stopped on ticket_clocks (stopped_at) where stopped_at is not null`.execute(db);
  await sql`create index ticket_callbacks_scheduled on ticket_callbacks (scheduled_for)`.execute(db);
  await sql`create index claims_decided on claims (decided_at) where decided_at is not null`.execute(db);
  await sql`create index claim_ledger_created on claim_ledger (created_at) where station is not null`.execute(db);

  // shipments: pickup day and delivery day; an update only when what the facts read changed
  // (a scan in transit moves last_site, which the facts read only once the parcel is delivered).
  await trigger(db, 'shipments', 'insert', log(`select coalesce(picked_up_at, created_at) as at from new_rows union all select delivered_at from new_rows`));
  await trigger(
    db,
    'shipments',
    'update',
    log(`
      select v.at from old_rows o join new_rows n on n.id = o.id
      cross join lateral (values (coalesce(o.picked_up_at, o.created_at)), (coalesce(n.picked_up_at, n.created_at)), (o.delivered_at), (n.delivered_at)) v(at)
      where o.picked_up_at is distinct from n.picked_up_at or o.delivered_at is distinct from n.delivered_at
         or o.promised_at is distinct from n.promised_at or o.recipient_province is distinct from n.recipient_province
         or o.recipient_city is distinct from n.recipient_city or o.monthly_account is distinct from n.monthly_account
         or (n.delivered_at is not null and o.last_site is distinct from n.last_site)`),
  );
  await trigger(db, 'shipment_exceptions', 'insert', log(`select raised_at as at from new_rows where kind in ('damaged', 'lost')`));
  await trigger(
    db,
    'shipment_exceptions',
    'update',
    log(`
      select v.at from old_rows o join new_rows n on n.id = o.id
      cross join lateral (values (o.raised_at), (n.raised_at)) v(at)
      where (o.kind in ('damaged', 'lost') or n.kind in ('damaged', 'lost'))
        and (o.raised_at is distinct from n.raised_at or o.kind is distinct from n.kind or o.site is distinct from n.site)`),
  );
  // tickets: opening, resolution and rating days; a change of a slice (team, owner, customer, tier)
  // also re-slices the ticket's clocks and callbacks, so their days are logged too.
  await trigger(db, 'tickets', 'insert', log(`select created_at as at from new_rows union all select resolved_at from new_rows union all select rated_at from new_rows`));
  await trigger(
    db,
    'tickets',
    'update',
    log(`
      with changed as (
        select o.*, n.resolved_at as n_resolved_at, n.rated_at as n_rated_at, n.created_at as n_created_at,
          (o.team_id is distinct from n.team_id or o.owner_id is distinct from n.owner_id or o.customer_id is distinct from n.customer_id
            or o.customer_tier is distinct from n.customer_tier or o.kind is distinct from n.kind) as resliced
        from old_rows o join new_rows n on n.id = o.id
        where o.resolved_at is distinct from n.resolved_at or o.rated_at is distinct from n.rated_at or o.rating is distinct from n.rating
          or o.team_id is distinct from n.team_id or o.owner_id is distinct from n.owner_id or o.customer_id is distinct from n.customer_id
          or o.customer_tier is distinct from n.customer_tier or o.kind is distinct from n.kind
      )
      select v.at from changed c cross join lateral (values (c.created_at), (c.resolved_at), (c.n_resolved_at), (c.rated_at), (c.n_rated_at)) v(at)
      union all select k.stopped_at from changed c join ticket_clocks k on k.ticket_id = c.id where c.resliced
      union all select b.scheduled_for from changed c join ticket_callbacks b on b.ticket_id = c.id where c.resliced
      union all select cl.decided_at from changed c join claims cl on cl.ticket_id = c.id where c.resliced`),
  );
  // the timeline credits the agent (first reply, resolver) and decides first-contact resolution
  await trigger(
    db,
    'ticket_events',
    'insert',
    log(`
      select e.at from new_rows e where e.kind in ('reply', 'transfer', 'resolved')
      union all select t.resolved_at from new_rows e join tickets t on t.id = e.ticket_id where e.kind in ('reply', 'transfer', 'resolved')
      union all select t.rated_at from new_rows e join tickets t on t.id = e.ticket_id where e.kind in ('reply', 'transfer', 'resolved')`),
  );
  await trigger(db, 'ticket_clocks', 'insert', log(`select stopped_at as at from new_rows`));
  await trigger(
    db,
    'ticket_clocks',
    'update',
    log(`
      select v.at from old_rows o join new_rows n on n.ticket_id = o.ticket_id and n.kind = o.kind
      cross join lateral (values (o.stopped_at), (n.stopped_at)) v(at)
      where o.stopped_at is distinct from n.stopped_at or (n.stopped_at is not null and (o.used_minutes is distinct from n.used_minutes or o.breached_at is distinct from n.breached_at))`),
  );
  await trigger(db, 'ticket_callbacks', 'insert', log(`select scheduled_for as at from new_rows`));
  await trigger(
    db,
    'ticket_callbacks',
    'update',
    log(`
      select v.at from old_rows o join new_rows n on n.id = o.id
      cross join lateral (values (o.scheduled_for), (n.scheduled_for)) v(at)
      where o.scheduled_for is distinct from n.scheduled_for or o.outcome is distinct from n.outcome
        or o.assignee_id is distinct from n.assignee_id or o.done_by is distinct from n.done_by`),
  );
  await trigger(db, 'claims', 'insert', log(`select decided_at as at from new_rows`));
  await trigger(
    db,
    'claims',
    'update',
    log(`
      select v.at from old_rows o join new_rows n on n.id = o.id
      cross join lateral (values (o.decided_at), (n.decided_at)) v(at)
      where o.decided_at is distinct from n.decided_at or o.approved_fen is distinct from n.approved_fen
        or o.responsible_station is distinct from n.responsible_station or o.proposed_station is distinct from n.proposed_station`),
  );
  await trigger(db, 'claim_ledger', 'insert', log(`select created_at as at from new_rows where station is not null`));
}
