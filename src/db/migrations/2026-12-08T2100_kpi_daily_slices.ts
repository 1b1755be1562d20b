/**
 * KPI slices (docs/architecture.md, "KPIs"): the daily facts summed per single slice.
 *
 * kpi_daily_facts keeps one row per day, fact and combination of every slice (agent, team, …,
 * customer), so a day of parcel facts holds tens of thousands of rows and a company-wide KPI over
 * twelve months summed millions of them. A dashboard asks for one slice at a time (or none), so
 * kpi_daily_slices keeps, per day and fact, the total (`dim` '') and the total per key of each
 * single slice (`dim` the slice's name: agent, team, department, station, province, city, customer,
 * tier, clock; `key` '' where the fact has no such slice, as in the facts). Written with the day's
 * facts, in the same transaction, from them; the series read it only: a company KPI over a year
 * reads one row per day and fact. Backfilled here from the facts already kept.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table kpi_daily_slices (
      fact text not null,
      dim text not null,
      day date not null,
      key text not null,
      value bigint not null,
      primary key (fact, dim, day, key)
    )`.execute(db);
  await sql`
    insert into kpi_daily_slices (fact, dim, day, key, value)
    select f.fact, d.dim, f.day, d.key, sum(f.value)
    from kpi_daily_facts f
    cross join lateral (values ('', ''), ('agent', f.agent_id), ('team', f.team_id), ('department', f.department_id), ('station', f.station),
      ('province', f.province), ('city', f.city), ('customer', f.customer_id), ('tier', f.tier), ('clock', f.clock)) d(dim, key)
    group by f.fact, d.dim, f.day, d.key`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table kpi_daily_slices`.execute(db);
}
