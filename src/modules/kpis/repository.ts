/**
 * KPI facts: Kysely and SQL only, no rules. `recomputeDay` restates one company day of
 * `kpi_daily_facts` from the raw records — the same statement serves the incremental rollup and
 * the rebuild, so they cannot count differently. The contribution of each record is the one
 * domain/kpis/facts.ts defines (tested there as tables); the series read only the fact table.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Dimension } from '../../domain/kpis/registry.js';
import { provinceOf, regionLabel } from '../../domain/regions/divisions.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The fact table's column for each slice. */
export const DIMENSION_COLUMN: Record<Dimension, string> = {
  agent: 'agent_id',
  team: 'team_id',
  department: 'department_id',
  station: 'station',
  province: 'province',
  city: 'city',
  customer: 'customer_id',
  tier: 'tier',
  clock: 'clock',
};

/**
 * Deletes and recomputes the facts of one company day (`day` YYYY-MM-DD in `timeZone`). The
 * caller holds the day's advisory lock. Each source is read through its index on the instant the
 * fact is counted at, over that day only.
 */
export async function recomputeDay(trx: Transaction<DB>, day: string, timeZone: string): Promise<number> {
  await trx.deleteFrom('kpi_daily_facts').where('day', '=', day).execute();
  const start = sql`(cast(${day} as date)::timestamp at time zone ${timeZone})`;
  const end = sql`((cast(${day} as date) + 1)::timestamp at time zone ${timeZone})`;
  const within = (column: string) => sql`${sql.raw(column)} >= ${start} and ${sql.raw(column)} < ${end}`;
  // The agent credited with a ticket's work: its first public reply's writer for the first
  // response, its last resolver for the rest, else its owner (首问负责制).
  const credit = sql`
    left join lateral (select e.actor_id from ticket_events e where e.ticket_id = t.id and e.kind = 'reply' and e.visibility = 'public' and e.actor_id is not null order by e.id limit 1) fr on true
    left join lateral (select e.actor_id from ticket_events e where e.ticket_id = t.id and e.kind = 'resolved' and e.actor_id is not null order by e.id desc limit 1) rs on true`;
  const result = await sql<{ n: number }>`
    with contrib (fact, agent_id, team_id, department_id, station, province, city, customer_id, tier, clock, value) as (
      select 'parcels.picked_up', '', '', '', '', coalesce(s.recipient_province, ''), coalesce(s.recipient_city, ''), coalesce(ma.customer_id::text, ''), '', '', 1::bigint
      from shipments s left join monthly_accounts ma on ma.account_no = s.monthly_account
      where ${within('coalesce(s.picked_up_at, s.created_at)')}
      union all
      select f.fact, '', '', '', coalesce(s.last_site, ''), coalesce(s.recipient_province, ''), coalesce(s.recipient_city, ''), coalesce(ma.customer_id::text, ''), '', '', f.value
      from shipments s left join monthly_accounts ma on ma.account_no = s.monthly_account
      cross join lateral (values ('parcels.delivered_promised', 1::bigint), ('parcels.delivered_on_time', case when s.delivered_at <= s.promised_at then 1::bigint else 0 end)) f(fact, value)
      where ${within('s.delivered_at')} and s.promised_at is not null
      union all
      select case e.kind when 'damaged' then 'parcels.damaged' else 'parcels.lost' end, '', '', '', coalesce(e.site, ''),
        coalesce(s.recipient_province, ''), coalesce(s.recipient_city, ''), coalesce(ma.customer_id::text, ''), '', '', 1::bigint
      from shipment_exceptions e join shipments s on s.id = e.shipment_id left join monthly_accounts ma on ma.account_no = s.monthly_account
      where e.kind in ('damaged', 'lost') and ${within('e.raised_at')}
      union all
      select 'complaints.opened', coalesce(t.owner_id::text, ''), coalesce(t.team_id::text, ''), coalesce(u.department_id::text, ''), '', '', '', coalesce(t.customer_id::text, ''), t.customer_tier, '', 1::bigint
      from tickets t left join users u on u.id = t.owner_id
      where t.kind = 'complaint' and ${within('t.created_at')}
      union all
      select f.fact, coalesce(a.agent_id::text, ''), coalesce(t.team_id::text, ''), coalesce(u.department_id::text, ''), '', '', '', coalesce(t.customer_id::text, ''), t.customer_tier,
        case when f.fact like 'sla.%' then k.kind else '' end, f.value
      from ticket_clocks k join tickets t on t.id = k.ticket_id ${credit}
      cross join lateral (select case when k.kind = 'first_response' then coalesce(fr.actor_id, rs.actor_id, t.owner_id) else coalesce(rs.actor_id, t.owner_id) end as agent_id) a
      left join users u on u.id = a.agent_id
      cross join lateral (values
        ('sla.ended', 1::bigint),
        ('sla.met', case when k.breached_at is null then 1::bigint else 0 end),
        ('first_response.count', case when k.kind = 'first_response' then 1::bigint else 0 end),
        ('first_response.minutes', case when k.kind = 'first_response' then k.used_minutes::bigint else 0 end),
        ('resolution.count', case when k.kind = 'resolution' then 1::bigint else 0 end),
        ('resolution.minutes', case when k.kind = 'resolution' then k.used_minutes::bigint else 0 end)) f(fact, value)
      where ${within('k.stopped_at')}
      union all
      select f.fact, coalesce(coalesce(rs.actor_id, t.owner_id)::text, ''), coalesce(t.team_id::text, ''), coalesce(u.department_id::text, ''), '', '', '', coalesce(t.customer_id::text, ''), t.customer_tier, '', f.value
      from tickets t ${credit}
      left join users u on u.id = coalesce(rs.actor_id, t.owner_id)
      cross join lateral (
        select count(*) filter (where e.kind = 'reply' and e.visibility = 'public' and e.actor_id is not null) as replies, count(*) filter (where e.kind = 'transfer') as transfers
        from ticket_events e where e.ticket_id = t.id) c
      cross join lateral (values ('fcr.resolved', 1::bigint), ('fcr.first_contact', case when c.replies <= 1 and c.transfers = 0 then 1::bigint else 0 end)) f(fact, value)
      where ${within('t.resolved_at')}
      union all
      select f.fact, coalesce(coalesce(rs.actor_id, t.owner_id)::text, ''), coalesce(t.team_id::text, ''), coalesce(u.department_id::text, ''), '', '', '', coalesce(t.customer_id::text, ''), t.customer_tier, '', f.value
      from tickets t ${credit}
      left join users u on u.id = coalesce(rs.actor_id, t.owner_id)
      cross join lateral (values ('csat.ratings', 1::bigint), ('csat.satisfied', case when t.rating >= 4 then 1::bigint else 0 end)) f(fact, value)
      where ${within('t.rated_at')} and t.rating is not null
      union all
      select f.fact, coalesce(coalesce(b.done_by, b.assignee_id, t.owner_id)::text, ''), coalesce(t.team_id::text, ''), coalesce(u.department_id::text, ''), '', '', '', coalesce(t.customer_id::text, ''), t.customer_tier, '', f.value
      from ticket_callbacks b join tickets t on t.id = b.ticket_id
      left join users u on u.id = coalesce(b.done_by, b.assignee_id, t.owner_id)
      cross join lateral (values ('callbacks.due', 1::bigint), ('callbacks.done', case when b.outcome in ('satisfied', 'unsatisfied') then 1::bigint else 0 end)) f(fact, value)
      where ${within('b.scheduled_for')} and b.outcome is distinct from 'cancelled'
      union all
      select f.fact, '', '', '', coalesce(c.responsible_station, c.proposed_station, ''), '', '', coalesce(t.customer_id::text, ''), '', '', f.value
      from claims c join tickets t on t.id = c.ticket_id
      cross join lateral (values
        ('claims.decided', 1::bigint),
        ('claims.cycle_minutes', floor(extract(epoch from (c.decided_at - c.created_at)) / 60)::bigint),
        ('claims.approved_fen', coalesce(c.approved_fen, 0)::bigint)) f(fact, value)
      where ${within('c.decided_at')}
      union all
      select f.fact, '', '', '', l.station, '', '', '', '', '', f.value
      from claim_ledger l
      cross join lateral (values
        ('chargebacks.count', case when l.kind = 'chargeback' then 1::bigint else -1 end),
        ('chargebacks.fen', case when l.kind = 'chargeback' then l.amount_fen::bigint else -l.amount_fen::bigint end)) f(fact, value)
      where l.station is not null and l.kind in ('chargeback', 'reversal') and ${within('l.created_at')}
    ), inserted as (
      insert into kpi_daily_facts (day, fact, agent_id, team_id, department_id, station, province, city, customer_id, tier, clock, value)
      select cast(${day} as date), fact, agent_id, team_id, department_id, station, province, city, customer_id, tier, clock, sum(value)
      from contrib
      group by fact, agent_id, team_id, department_id, station, province, city, customer_id, tier, clock
      having sum(value) <> 0
      returning 1
    )
    select count(*)::int as n from inserted`.execute(trx);
  await restateSlices(trx, day);
  return Number(result.rows[0]?.n ?? 0);
}

/** What the series read: one day's facts summed per single slice (and in all, dim ''), again. */
export async function restateSlices(trx: Db, day: string): Promise<void> {
  await trx.deleteFrom('kpi_daily_slices').where('day', '=', day).execute();
  await sql`
    insert into kpi_daily_slices (fact, dim, day, key, value)
    select f.fact, d.dim, f.day, d.key, sum(f.value)
    from kpi_daily_facts f
    cross join lateral (values ('', ''), ${sql.join(Object.entries(DIMENSION_COLUMN).map(([dim, column]) => sql`(${sql.lit(dim)}, ${sql.ref(`f.${column}`)})`))}) d(dim, key)
    where f.day = cast(${day} as date)
    group by f.fact, d.dim, f.day, d.key`.execute(trx);
}

/** Serialises work on one day across processes (the rollup job, a rebuild) until the transaction ends. */
export async function lockDay(trx: Transaction<DB>, day: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`kpi-day:${day}`}))`.execute(trx);
}

/** The oldest entries of the change log. */
export async function pendingChanges(db: Db, limit: number): Promise<{ id: string; at: Date }[]> {
  const rows = await db.selectFrom('kpi_changes').select(['id', 'at']).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: String(r.id), at: new Date(r.at) }));
}

export async function forgetChanges(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('kpi_changes').where('id', 'in', ids).execute();
}

export interface FactSumRow {
  period: string;
  key: string;
  fact: string;
  total: number;
}

/**
 * Sums of facts by period (day, ISO week from Monday, month, or the whole range) and optionally by one slice, from
 * the fact table only.
 */
export async function factSums(
  db: Db,
  input: { facts: readonly string[]; from: string; to: string; grain: 'day' | 'week' | 'month' | 'all'; by: Dimension | null; filter: { by: Dimension; key: string } | null },
): Promise<FactSumRow[]> {
  if (input.facts.length === 0) return [];
  // 'all': one period, the whole range (its first day), with no date arithmetic per row.
  const period =
    input.grain === 'all'
      ? sql`cast(${input.from} as date)`
      : input.grain === 'day'
        ? sql`day`
        : input.grain === 'week'
          ? sql`cast(date_trunc('week', day) as date)`
          : sql`cast(date_trunc('month', day) as date)`;
  // A slice's filter names the slice it groups by (the callers' rule), so one dim is read.
  if (input.filter && input.by && input.filter.by !== input.by) throw new Error('a KPI series filters by the slice it groups by');
  const dim = input.by ?? input.filter?.by ?? '';
  const key = input.by ? sql`key` : sql`''`;
  const filter = input.filter ? sql`and key = ${input.filter.key}` : sql``;
  const rows = await sql<{ period: string | Date; key: string; fact: string; total: string | number }>`
    select to_char(${period}, 'YYYY-MM-DD') as period, ${key} as key, fact, sum(value) as total
    from kpi_daily_slices
    where fact in (${sql.join(input.facts)}) and dim = ${dim} and day >= cast(${input.from} as date) and day <= cast(${input.to} as date) ${filter}
    group by 1, 2, 3
    order by 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({ period: String(r.period), key: r.key, fact: r.fact, total: Number(r.total) }));
}

/** Every fact row of the table, in a stable order (rebuild = incremental, tests). */
export async function allFacts(db: Db): Promise<Record<string, unknown>[]> {
  const rows = await db.selectFrom('kpi_daily_facts').selectAll().orderBy('day').orderBy('fact').orderBy('agent_id').orderBy('team_id').orderBy('department_id').orderBy('station').orderBy('province').orderBy('city').orderBy('customer_id').orderBy('tier').orderBy('clock').execute();
  return rows.map((r) => ({ ...r, day: typeof r.day === 'string' ? r.day : r.day.toISOString().slice(0, 10), value: Number(r.value) }));
}

/** Every slice row of the table, in a stable order (rebuild = incremental, tests). */
export async function allSlices(db: Db): Promise<Record<string, unknown>[]> {
  const rows = await db.selectFrom('kpi_daily_slices').selectAll().orderBy('day').orderBy('fact').orderBy('dim').orderBy('key').execute();
  return rows.map((r) => ({ ...r, day: typeof r.day === 'string' ? r.day : r.day.toISOString().slice(0, 10), value: Number(r.value) }));
}

/** Names for the keys of a slice (people, teams, departments, and provinces and cities by their GB/T 2260 code); others — customers (personal data), stations — are shown as their key. */
export async function labelsOf(db: Db, by: Dimension, keys: readonly string[]): Promise<Map<string, string>> {
  if (by === 'province' || by === 'city') {
    const named = keys.map((k) => [k, /^\d{6}$/.test(k) ? regionLabel(provinceOf(k), by === 'city' ? k : null) : null] as const);
    return new Map(named.filter((n): n is readonly [string, string] => n[1] !== null));
  }
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/i.test(k));
  if (ids.length === 0) return new Map();
  if (by === 'agent') {
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
  if (by === 'team' || by === 'department') {
    const rows = await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  return new Map();
}

/** The records behind a KPI's number, by the family its facts come from. */
export type DrillSource = 'delivered' | 'damaged' | 'lost' | 'complaints' | 'first_response' | 'resolution' | 'clocks' | 'resolved' | 'callbacks' | 'ratings' | 'claims' | 'ledger';

/** The slices a drill-down can filter by, per source: the columns the records carry as the facts do. */
export const DRILL_FILTERS: Record<DrillSource, Partial<Record<Dimension, string>>> = {
  delivered: { station: `coalesce(s.last_site, '')`, province: `coalesce(s.recipient_province, '')`, city: `coalesce(s.recipient_city, '')`, customer: `coalesce(ma.customer_id::text, '')` },
  damaged: { station: `coalesce(e.site, '')`, province: `coalesce(s.recipient_province, '')`, city: `coalesce(s.recipient_city, '')`, customer: `coalesce(ma.customer_id::text, '')` },
  lost: { station: `coalesce(e.site, '')`, province: `coalesce(s.recipient_province, '')`, city: `coalesce(s.recipient_city, '')`, customer: `coalesce(ma.customer_id::text, '')` },
  complaints: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier` },
  first_response: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier` },
  resolution: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier` },
  clocks: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier`, clock: `k.kind` },
  resolved: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier` },
  callbacks: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier` },
  ratings: { team: `coalesce(t.team_id::text, '')`, customer: `coalesce(t.customer_id::text, '')`, tier: `t.customer_tier` },
  claims: { station: `coalesce(c.responsible_station, c.proposed_station, '')`, customer: `coalesce(t.customer_id::text, '')` },
  ledger: { station: `l.station` },
};

export interface DrillRow {
  kind: string;
  id: string;
  reference: string;
  fact: string;
  at: Date;
  in_numerator: boolean;
}

/**
 * One page of the records behind a number, newest first, and how many there are: the same
 * records, instants and conditions the rollup counts (recomputeDay).
 */
export async function drillRecords(
  db: Db,
  input: { source: DrillSource; from: string; to: string; timeZone: string; filter: { by: Dimension; key: string } | null; limit: number; offset: number },
): Promise<{ total: number; rows: DrillRow[] }> {
  const start = sql`(cast(${input.from} as date)::timestamp at time zone ${input.timeZone})`;
  const end = sql`((cast(${input.to} as date) + 1)::timestamp at time zone ${input.timeZone})`;
  const within = (column: string) => sql`${sql.raw(column)} >= ${start} and ${sql.raw(column)} < ${end}`;
  const column = input.filter ? DRILL_FILTERS[input.source][input.filter.by] : undefined;
  const filter = input.filter && column ? sql`and ${sql.raw(column)} = ${input.filter.key}` : sql``;
  const parcels = sql`from shipments s left join monthly_accounts ma on ma.account_no = s.monthly_account`;
  const queries: Record<DrillSource, () => ReturnType<typeof sql>> = {
    delivered: () => sql`select 'parcel' as kind, s.id::text as id, s.waybill_no as reference, 'parcels.delivered_on_time' as fact, s.delivered_at as at, s.delivered_at <= s.promised_at as in_numerator
      ${parcels} where ${within('s.delivered_at')} and s.promised_at is not null ${filter}`,
    damaged: () => sql`select 'parcel' as kind, s.id::text as id, s.waybill_no as reference, 'parcels.damaged' as fact, e.raised_at as at, true as in_numerator
      from shipment_exceptions e join shipments s on s.id = e.shipment_id left join monthly_accounts ma on ma.account_no = s.monthly_account
      where e.kind = 'damaged' and ${within('e.raised_at')} ${filter}`,
    lost: () => sql`select 'parcel' as kind, s.id::text as id, s.waybill_no as reference, 'parcels.lost' as fact, e.raised_at as at, true as in_numerator
      from shipment_exceptions e join shipments s on s.id = e.shipment_id left join monthly_accounts ma on ma.account_no = s.monthly_account
      where e.kind = 'lost' and ${within('e.raised_at')} ${filter}`,
    complaints: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'complaints.opened' as fact, t.created_at as at, true as in_numerator
      from tickets t where t.kind = 'complaint' and ${within('t.created_at')} ${filter}`,
    first_response: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'first_response.count' as fact, k.stopped_at as at, k.breached_at is null as in_numerator
      from ticket_clocks k join tickets t on t.id = k.ticket_id where k.kind = 'first_response' and ${within('k.stopped_at')} ${filter}`,
    resolution: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'resolution.count' as fact, k.stopped_at as at, k.breached_at is null as in_numerator
      from ticket_clocks k join tickets t on t.id = k.ticket_id where k.kind = 'resolution' and ${within('k.stopped_at')} ${filter}`,
    clocks: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'sla.met' as fact, k.stopped_at as at, k.breached_at is null as in_numerator
      from ticket_clocks k join tickets t on t.id = k.ticket_id where ${within('k.stopped_at')} ${filter}`,
    resolved: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'fcr.first_contact' as fact, t.resolved_at as at,
        (select count(*) filter (where e.kind = 'reply' and e.visibility = 'public' and e.actor_id is not null) <= 1 and count(*) filter (where e.kind = 'transfer') = 0 from ticket_events e where e.ticket_id = t.id) as in_numerator
      from tickets t where ${within('t.resolved_at')} ${filter}`,
    callbacks: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'callbacks.done' as fact, b.scheduled_for as at, coalesce(b.outcome in ('satisfied', 'unsatisfied'), false) as in_numerator
      from ticket_callbacks b join tickets t on t.id = b.ticket_id where ${within('b.scheduled_for')} and b.outcome is distinct from 'cancelled' ${filter}`,
    ratings: () => sql`select 'ticket' as kind, t.id::text as id, t.number::text as reference, 'csat.satisfied' as fact, t.rated_at as at, t.rating >= 4 as in_numerator
      from tickets t where ${within('t.rated_at')} and t.rating is not null ${filter}`,
    claims: () => sql`select 'claim' as kind, c.id::text as id, c.waybill_no as reference, 'claims.decided' as fact, c.decided_at as at, coalesce(c.approved_fen, 0) > 0 as in_numerator
      from claims c join tickets t on t.id = c.ticket_id where ${within('c.decided_at')} ${filter}`,
    ledger: () => sql`select 'ledger' as kind, l.id::text as id, c.waybill_no as reference, 'chargebacks.fen' as fact, l.created_at as at, l.kind = 'chargeback' as in_numerator
      from claim_ledger l join claims c on c.id = l.claim_id where l.station is not null and l.kind in ('chargeback', 'reversal') and ${within('l.created_at')} ${filter}`,
  };
  const base = queries[input.source]();
  // Newest first through the index on the fact's instant: a page reads its own rows, not the
  // period's (a month of deliveries is 800,000 parcels). The total is the facts' (drillTotal).
  const page = sql<DrillRow>`select r.* from (${base}) r order by r.at desc, r.id desc limit ${input.limit} offset ${input.offset}`.execute(db);
  const fact = TOTAL_FACT[input.source];
  const counted = fact
    ? sliceTotal(db, fact, input.from, input.to, input.filter)
    : sql<{ n: number | string }>`select count(*) as n from (${base}) r`.execute(db).then((r) => Number(r.rows[0]?.n ?? 0));
  const [result, total] = await Promise.all([page, counted]);
  return { total, rows: result.rows.map((r) => ({ kind: r.kind, id: r.id, reference: r.reference, fact: r.fact, at: new Date(r.at), in_numerator: Boolean(r.in_numerator) })) };
}

/**
 * The fact that counts one per record of a drill-down source, so its total is the number the
 * dashboard shows (from the daily slices, as of the last rollup), not a count of a month of raw
 * records; chargebacks and their reversals net out in the facts, so the ledger's are counted.
 */
const TOTAL_FACT: Record<DrillSource, string | null> = {
  delivered: 'parcels.delivered_promised',
  damaged: 'parcels.damaged',
  lost: 'parcels.lost',
  complaints: 'complaints.opened',
  first_response: 'first_response.count',
  resolution: 'resolution.count',
  clocks: 'sla.ended',
  resolved: 'fcr.resolved',
  callbacks: 'callbacks.due',
  ratings: 'csat.ratings',
  claims: 'claims.decided',
  ledger: null,
};

async function sliceTotal(db: Db, fact: string, from: string, to: string, filter: { by: Dimension; key: string } | null): Promise<number> {
  const { rows } = await sql<{ n: number | string | null }>`
    select sum(value) as n from kpi_daily_slices
    where fact = ${fact} and dim = ${filter?.by ?? ''} and day >= cast(${from} as date) and day <= cast(${to} as date)
      ${filter ? sql`and key = ${filter.key}` : sql``}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
