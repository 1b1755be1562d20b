/**
 * What a supervision report shows (服务监督报告, docs/product.md §6), gathered for a period and
 * scope into one plain object that the page, the PDF, the XLSX and the e-mail all read:
 *
 * - KPIs: each KPI's value for the period and the last one, exactly as `kpiSeries` gives it (the
 *   daily facts: a week or month is one point of the week/month grain), its target (kpis/targets.ts)
 *   and standing. A team's report has the KPIs kept by team (the ticket KPIs); the parcel KPIs are
 *   the company's.
 * - Trend: SLA attainment by day of the period.
 * - Worst stations (company): from the daily facts by station — late deliveries, damage, loss,
 *   chargebacks — ranked by late + damaged + lost.
 * - Causes: complaints opened in the period by cause code (tickets, through the creation index),
 *   with the last period's count.
 * - Notable complaints: complaints opened in the period that breached a clock, were rated 1–2,
 *   or were raised to high/urgent; at most ten.
 * - QA results: qa.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { dimensionsOf, KPIS, type KpiDefinition } from '../../domain/kpis/registry.js';
import { changeFrom, periodTitle, previousPeriod, standing, type Period, type Standing } from '../../domain/supervision/report.js';
import { kpiSeries, type KpiDeps } from '../kpis/service.js';
import { targetFor } from '../kpis/targets.js';
import { readSetting } from '../reference/service.js';
import { supervisionQaResults, type QaSection } from './qa.js';

export interface ReportScope {
  kind: 'company' | 'team';
  teamId: string | null;
  teamName: string | null;
}

export interface KpiLine {
  id: string;
  name: { 'zh-CN': string; 'en-US': string };
  unit: KpiDefinition['unit'];
  direction: KpiDefinition['direction'];
  available: boolean;
  value: number | null;
  previous: number | null;
  delta: number | null;
  better: boolean | null;
  target: { value: number; direction: 'higher' | 'lower'; versionId: string } | null;
  standing: Standing;
}

export interface StationLine {
  station: string;
  delivered: number;
  late: number;
  onTimeRate: number | null;
  damaged: number;
  lost: number;
  chargebackFen: number;
}

export interface CauseLine {
  code: string | null;
  label: { 'zh-CN': string; 'en-US': string };
  count: number;
  previous: number;
}

export interface NotableComplaint {
  id: string;
  number: string;
  subject: string;
  openedAt: string;
  status: string;
  causeCode: string | null;
  reasons: ('breached' | 'low_rating' | 'escalated')[];
}

export interface SupervisionReportData {
  reportNo: string;
  carrier: string;
  period: Period & { title: string };
  previous: Period;
  scope: ReportScope;
  timeZone: string;
  generatedAt: string;
  kpis: KpiLine[];
  trend: { kpi: string; points: { day: string; value: number | null }[] };
  /** null in a team's report: stations are the company's */
  stations: StationLine[] | null;
  causes: CauseLine[];
  notable: NotableComplaint[];
  qa: QaSection;
}

/** The KPIs a scope's report shows: every KPI for the company, those kept by team for a team. */
export function kpisOfScope(scope: ReportScope): KpiDefinition[] {
  return scope.kind === 'company' ? [...KPIS] : KPIS.filter((k) => !k.available || dimensionsOf(k).includes('team'));
}

/** A KPI's values for the period and the one before, from one series of the period's grain over both. */
async function kpiValues(deps: KpiDeps, kpi: KpiDefinition, period: Period, scope: ReportScope): Promise<[number | null, number | null]> {
  if (!kpi.available) return [null, null];
  const previous = previousPeriod(period);
  const series = await kpiSeries(deps, kpi.id, {
    from: previous.start,
    to: period.end,
    grain: period.kind,
    ...(scope.kind === 'team' ? { by: 'team' as const, key: scope.teamId! } : {}),
  });
  const at = (start: string) => series.points.find((p) => p.period === start)?.value ?? null;
  return [at(period.start), at(previous.start)];
}

async function kpiLines(deps: KpiDeps, period: Period, scope: ReportScope): Promise<KpiLine[]> {
  const lines: KpiLine[] = [];
  // One KPI at a time: the pool is shared with the console's requests.
  for (const kpi of kpisOfScope(scope)) {
    const [value, before] = await kpiValues(deps, kpi, period, scope);
    const target = kpi.available
      ? await targetFor(deps.db, { kpiId: kpi.id, scope: scope.kind === 'company' ? { kind: 'company' } : { kind: 'team', id: scope.teamId! }, on: period.end })
      : null;
    const change = changeFrom(value, before, kpi.direction);
    lines.push({
      id: kpi.id,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      available: kpi.available,
      value,
      previous: before,
      delta: change.delta,
      better: change.better,
      target,
      standing: kpi.available ? standing(value, target) : 'no_data',
    });
  }
  return lines;
}

async function trend(deps: KpiDeps, period: Period, scope: ReportScope): Promise<SupervisionReportData['trend']> {
  const series = await kpiSeries(deps, 'sla_attainment', {
    from: period.start,
    to: period.end,
    grain: 'day',
    ...(scope.kind === 'team' ? { by: 'team' as const, key: scope.teamId! } : {}),
  });
  const byDay = new Map(series.points.map((p) => [p.period, p.value]));
  const days: { day: string; value: number | null }[] = [];
  for (let t = Date.parse(`${period.start}T00:00:00Z`); t <= Date.parse(`${period.end}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, value: byDay.get(day) ?? null });
  }
  return { kpi: 'sla_attainment', points: days };
}

const STATION_FACTS = ['parcels.delivered_promised', 'parcels.delivered_on_time', 'parcels.damaged', 'parcels.lost', 'chargebacks.fen'];

/** The stations with the most late, damaged and lost parcels in the period (from the daily facts). */
async function worstStations(db: Kysely<DB>, period: Period, limit = 10): Promise<StationLine[]> {
  const rows = await sql<{ station: string; fact: string; total: string | number }>`
    select key as station, fact, sum(value) as total from kpi_daily_slices
    where fact in (${sql.join(STATION_FACTS)}) and dim = 'station' and day >= cast(${period.start} as date) and day <= cast(${period.end} as date) and key <> ''
    group by key, fact`.execute(db);
  const byStation = new Map<string, Record<string, number>>();
  for (const r of rows.rows) {
    const s = byStation.get(r.station) ?? {};
    s[r.fact] = Number(r.total);
    byStation.set(r.station, s);
  }
  const lines = [...byStation.entries()].map(([station, f]) => {
    const delivered = f['parcels.delivered_promised'] ?? 0;
    const onTime = f['parcels.delivered_on_time'] ?? 0;
    return {
      station,
      delivered,
      late: delivered - onTime,
      onTimeRate: delivered === 0 ? null : (100 * onTime) / delivered,
      damaged: f['parcels.damaged'] ?? 0,
      lost: f['parcels.lost'] ?? 0,
      chargebackFen: f['chargebacks.fen'] ?? 0,
    };
  });
  const weight = (l: StationLine) => l.late + l.damaged + l.lost;
  return lines
    .filter((l) => weight(l) > 0 || l.chargebackFen > 0)
    .sort((a, b) => weight(b) - weight(a) || b.chargebackFen - a.chargebackFen || (a.station < b.station ? -1 : 1))
    .slice(0, limit);
}

/** The instant a company day starts, as SQL. */
const dayStart = (day: string, timeZone: string) => sql`(cast(${day} as date)::timestamp at time zone ${timeZone})`;

async function causes(db: Kysely<DB>, period: Period, scope: ReportScope, timeZone: string): Promise<CauseLine[]> {
  const previous = previousPeriod(period);
  const team = scope.kind === 'team' ? sql`and t.team_id = ${scope.teamId}` : sql``;
  const rows = await sql<{ code: string | null; name_zh: string | null; name_en: string | null; count: string | number; previous: string | number }>`
    select t.cause_code as code, min(c.name_zh) as name_zh, min(c.name_en) as name_en,
      count(*) filter (where t.created_at >= ${dayStart(period.start, timeZone)}) as count,
      count(*) filter (where t.created_at < ${dayStart(period.start, timeZone)}) as previous
    from tickets t left join ticket_codes c on c.code = t.cause_code and c.kind = 'cause'
    where t.kind = 'complaint' and t.merged_into_id is null
      and t.created_at >= ${dayStart(previous.start, timeZone)} and t.created_at < ${dayStart(addOne(period.end), timeZone)} ${team}
    group by t.cause_code`.execute(db);
  return rows.rows
    .map((r) => ({
      code: r.code,
      label: r.code === null ? { 'zh-CN': '未归因', 'en-US': 'No cause yet' } : { 'zh-CN': r.name_zh ?? r.code, 'en-US': r.name_en ?? r.code },
      count: Number(r.count),
      previous: Number(r.previous),
    }))
    .filter((r) => r.count > 0 || r.previous > 0)
    .sort((a, b) => b.count - a.count || b.previous - a.previous || String(a.code).localeCompare(String(b.code)));
}

function addOne(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function notable(db: Kysely<DB>, period: Period, scope: ReportScope, timeZone: string, limit = 10): Promise<NotableComplaint[]> {
  const team = scope.kind === 'team' ? sql`and t.team_id = ${scope.teamId}` : sql``;
  const rows = await sql<{ id: string; number: string | number; subject: string; created_at: Date | string; status: string; cause_code: string | null; breached: boolean; low_rating: boolean; escalated: boolean }>`
    select * from (
      select t.id, t.number, t.subject, t.created_at, t.status, t.cause_code,
        exists (select 1 from ticket_clocks k where k.ticket_id = t.id and k.breached_at is not null) as breached,
        coalesce(t.rating <= 2, false) as low_rating,
        t.priority in ('high', 'urgent') as escalated
      from tickets t
      where t.kind = 'complaint' and t.merged_into_id is null and t.confidential = false
        and t.created_at >= ${dayStart(period.start, timeZone)} and t.created_at < ${dayStart(addOne(period.end), timeZone)} ${team}
    ) x
    where breached or low_rating or escalated
    order by (breached::int + low_rating::int + escalated::int) desc, created_at desc, id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    number: String(r.number),
    subject: r.subject,
    openedAt: new Date(r.created_at).toISOString(),
    status: r.status,
    causeCode: r.cause_code,
    reasons: [...(r.breached ? (['breached'] as const) : []), ...(r.low_rating ? (['low_rating'] as const) : []), ...(r.escalated ? (['escalated'] as const) : [])],
  }));
}

async function carrierName(db: Kysely<DB>): Promise<string> {
  const value = await readSetting(db, 'report.carrier');
  return typeof value?.name === 'string' && value.name.trim() ? value.name.trim() : 'ParcelDesk';
}

/** Everything the report shows, for a period and scope, as of `now`. */
export async function gatherSupervisionReport(deps: KpiDeps, period: Period, scope: ReportScope, now: Date): Promise<SupervisionReportData> {
  const kpis = await kpiLines(deps, period, scope);
  const data: SupervisionReportData = {
    reportNo: `JD-${period.kind === 'week' ? 'W' : 'M'}${period.start.replaceAll('-', '')}-${scope.teamId ? scope.teamId.slice(0, 8).toUpperCase() : 'ALL'}`,
    carrier: await carrierName(deps.db),
    period: { ...period, title: periodTitle(period) },
    previous: previousPeriod(period),
    scope,
    timeZone: deps.timeZone,
    generatedAt: now.toISOString(),
    kpis,
    trend: await trend(deps, period, scope),
    stations: scope.kind === 'company' ? await worstStations(deps.db, period) : null,
    causes: await causes(deps.db, period, scope, deps.timeZone),
    notable: await notable(deps.db, period, scope, deps.timeZone),
    qa: await supervisionQaResults(deps.db, { from: period.start, to: period.end, teamId: scope.teamId, timeZone: deps.timeZone }),
  };
  return data;
}
