/**
 * The dashboards' use cases (docs/product.md §6): the manager's overview (every KPI's trend with
 * the company target in force for each period), station and region rankings, and an agent's
 * assessment (考核) against their team's targets — each read from the daily facts only, never the
 * raw tickets or parcels — and the workbooks holding exactly what a chart or table shows.
 *
 * Who may: the overview and rankings need the route's `kpis.read`; an assessment names a person,
 * so `access.ts` decides it first.
 */
import { tableWorkbook } from '../../documents/xlsx-table.js';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { dimensionsOf, factsOf, KPIS, kpiValue, type Dimension, type FactName, type KpiDefinition } from '../../domain/kpis/registry.js';
import { periodStarts } from '../../domain/kpis/periods.js';
import { rankingBasis, targetVerdict, worstFirst, type TargetScopeKind } from '../../domain/kpis/targets.js';
import type { Locale } from '../../http/locale.js';
import { assessmentReach, checkAssessment, reaches } from './access.js';
import { factSums, labelsOf, type FactSumRow } from './repository.js';
import { checkPeriod, kpiOr404, type KpiDeps } from './service.js';
import { targetFrom, targetVersions, type TargetRow } from './targets.js';

type Grain = 'day' | 'week' | 'month';
type Sums = Partial<Record<FactName, number>>;

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The last day of a period that lies within the asked range: the day its target is read on. */
export function periodLastDay(start: string, grain: Grain, to: string): string {
  let end = start;
  if (grain === 'week') end = iso(dayNumber(start) + 6 * DAY);
  if (grain === 'month') {
    const d = new Date(dayNumber(start));
    end = iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  }
  return end < to ? end : to;
}

/** The facts' sums of each group (a period, a slice's key) in one pass over the rows. */
function sumsBy(rows: readonly FactSumRow[], group: (row: FactSumRow) => string): Map<string, Sums> {
  const groups = new Map<string, Sums>();
  for (const r of rows) {
    const name = group(r);
    let sums = groups.get(name);
    if (!sums) groups.set(name, (sums = {}));
    sums[r.fact as FactName] = (sums[r.fact as FactName] ?? 0) + r.total;
  }
  return groups;
}

const factsObject = (names: readonly FactName[], sums: Sums) => Object.fromEntries(names.map((f) => [f, sums[f] ?? 0]));

function targetView(t: TargetRow | null) {
  return t && t.value !== null ? { value: t.value, direction: t.direction, versionId: t.id, scope: t.scopeKind } : null;
}

export interface OverviewQuery {
  from: string;
  to: string;
  grain?: Grain;
}

/**
 * Every KPI by period for the company, each period with the company target in force on its last
 * day and whether the value meets it. KPIs of parts not built are listed as not available with no
 * points (never zeros).
 */
export async function kpiOverview(deps: KpiDeps, q: OverviewQuery, only?: KpiDefinition) {
  checkPeriod(q.from, q.to);
  const grain = q.grain ?? 'day';
  // One KPI's chart (its XLSX) reads that KPI's facts only.
  const listed = only ? [only] : KPIS;
  const available = listed.filter((k) => k.available);
  const facts = [...new Set(available.flatMap(factsOf))];
  const rows = await factSums(deps.db, { facts, from: q.from, to: q.to, grain, by: null, filter: null });
  const byPeriod = sumsBy(rows, (r) => r.period);
  const versions = await targetVersions(deps.db, { scopeKind: 'company', scopeId: '' });
  const periods = periodStarts(q.from, q.to, grain);
  const none: Sums = {};
  return {
    from: q.from,
    to: q.to,
    grain,
    kpis: listed.map((kpi) => {
      const names = factsOf(kpi);
      return {
        id: kpi.id,
        name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        available: kpi.available,
        points: kpi.available
          ? periods.map((period) => {
              const sums = byPeriod.get(period) ?? none;
              const value = kpiValue(kpi, sums);
              const target = targetView(targetFrom(versions, kpi.id, { kind: 'company' }, periodLastDay(period, grain, q.to)));
              return { period, value, target, verdict: targetVerdict(value, target), facts: factsObject(names, sums) };
            })
          : [],
      };
    }),
  };
}

export const RANKING_SLICES = ['station', 'province', 'city'] as const satisfies readonly Dimension[];
export type RankingSlice = (typeof RANKING_SLICES)[number];

/**
 * A KPI's stations, provinces or cities over a period, worst first. Ranked by the KPI's value where
 * the slice keeps all its facts (a station's target, else the company's, on the period's last
 * day), by its numerator's count where the slice keeps only that (a station's damaged parcels).
 */
export async function kpiRanking(deps: KpiDeps, id: string, q: { from: string; to: string; by: RankingSlice }) {
  const kpi = kpiOr404(id);
  checkPeriod(q.from, q.to);
  const basis = rankingBasis(kpi, q.by);
  const head = { kpi: kpi.id, available: kpi.available, unit: kpi.unit, direction: kpi.direction, by: q.by, from: q.from, to: q.to };
  if (!kpi.available) return { ...head, basis: 'value' as const, rows: [] };
  if (!basis) throw new AppError('KPI_DIMENSION_INVALID', { by: q.by });
  const facts = basis === 'value' ? factsOf(kpi) : kpi.formula.numerator.map((t) => t.fact);
  const rows = await factSums(deps.db, { facts, from: q.from, to: q.to, grain: 'all', by: q.by, filter: null });
  const byKey = sumsBy(rows, (r) => r.key);
  const scopeKind: TargetScopeKind = q.by === 'station' ? 'station' : 'company';
  const versions = basis === 'value' ? await targetVersions(deps.db, { kpiIds: [kpi.id] }) : [];
  const labels = await labelsOf(deps.db, q.by, [...byKey.keys()]);
  const entries = [...byKey.entries()].map(([key, sums]) => {
    const count = kpi.formula.numerator.reduce((s, t) => s + (t.sign ?? 1) * (sums[t.fact] ?? 0), 0);
    const value = basis === 'value' ? kpiValue(kpi, sums) : null;
    const target = basis === 'value' ? targetView(targetFrom(versions, kpi.id, { kind: scopeKind, id: key }, q.to)) : null;
    return { key, label: labels.get(key) ?? null, value, count, target, verdict: basis === 'value' ? targetVerdict(value, target) : ('no_target' as const), facts: factsObject(facts, sums), score: basis === 'value' ? value : count };
  });
  const ranked = worstFirst(entries, kpi.direction).map(({ score: _score, ...e }, i) => ({ rank: i + 1, ...e }));
  return { ...head, basis, rows: ranked };
}

/** The people whose assessment the caller may read, with their department: themself, their team, or everyone. */
export async function assessmentPeople(deps: KpiDeps, actor: Actor | null) {
  const reach = assessmentReach(actor);
  let query = deps.db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.department_id', 'd.name as department_name'])
    .where('u.active', '=', true)
    .orderBy('d.name')
    .orderBy('u.display_name')
    .orderBy('u.id');
  if (reach.kind === 'self') query = query.where('u.id', '=', reach.selfId);
  if (reach.kind === 'department') query = query.where((eb) => eb.or([eb('u.id', '=', reach.selfId), eb('u.department_id', '=', reach.departmentId)]));
  const rows = await query.execute();
  return { people: rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, departmentId: r.department_id, departmentName: r.department_name })) };
}

/** The KPIs credited to a person (those kept by agent). */
export const ASSESSED_KPIS = KPIS.filter((k) => k.available && dimensionsOf(k).includes('agent'));

/**
 * One person's assessment for a period: each KPI credited to them (docs/product.md §6, who is
 * credited) from the daily facts, against their team's target in force on the period's last day,
 * else the company's.
 */
export async function agentAssessment(deps: KpiDeps, actor: Actor | null, userId: string, q: { from: string; to: string }) {
  const person = await deps.db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.department_id', 'd.name as department_name'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!person) throw new AppError('KPI_PERSON_NOT_FOUND');
  checkAssessment(actor, { id: person.id, departmentId: person.department_id });
  checkPeriod(q.from, q.to);
  const facts = [...new Set(ASSESSED_KPIS.flatMap(factsOf))];
  const rows = await factSums(deps.db, { facts, from: q.from, to: q.to, grain: 'all', by: 'agent', filter: { by: 'agent', key: person.id } });
  const sums = sumsBy(rows, () => 'all').get('all') ?? {};
  const versions = await targetVersions(deps.db, { kpiIds: ASSESSED_KPIS.map((k) => k.id) });
  const scope = person.department_id ? { kind: 'team' as const, id: person.department_id } : { kind: 'company' as const };
  return {
    person: { id: person.id, displayName: person.display_name, role: person.role, departmentId: person.department_id, departmentName: person.department_name },
    from: q.from,
    to: q.to,
    kpis: ASSESSED_KPIS.map((kpi) => {
      const value = kpiValue(kpi, sums);
      const target = targetView(targetFrom(versions, kpi.id, scope, q.to));
      return { id: kpi.id, name: kpi.name, unit: kpi.unit, direction: kpi.direction, value, target, verdict: targetVerdict(value, target), facts: factsObject(factsOf(kpi), sums) };
    }),
  };
}

/** Whether the caller may read a person's assessment, for the people list's links (the route decides again). */
export function mayReadAssessmentOf(actor: Actor | null, person: { id: string; departmentId: string | null }): boolean {
  return reaches(assessmentReach(actor), person);
}

// ——— Workbooks: exactly the rows a chart's table view shows, every one of them ———

const TEXT = {
  'zh-CN': {
    period: '期间',
    value: '数值',
    target: '目标',
    verdict: '是否达标',
    rank: '排名',
    key: { station: '网点', province: '省份', city: '城市' },
    count: '计数',
    notAvailable: '暂无此指标（相关功能尚未上线）',
    verdicts: { met: '达标', missed: '未达标', no_target: '未设目标', no_data: '无数据' },
    unit: { percent: '%', per_million: '件/百万件', minutes: '分钟', fen: '元', fen_per_10k: '元/万件', score: '分', count: '件' },
  },
  'en-US': {
    period: 'Period',
    value: 'Value',
    target: 'Target',
    verdict: 'Met',
    rank: 'Rank',
    key: { station: 'Station', province: 'Province', city: 'City' },
    count: 'Count',
    notAvailable: 'Not available (the part that produces it is not built yet)',
    verdicts: { met: 'met', missed: 'missed', no_target: 'no target', no_data: 'no data' },
    unit: { percent: '%', per_million: 'per million parcels', minutes: 'minutes', fen: 'yuan', fen_per_10k: 'yuan per 10,000 parcels', score: 'points', count: 'parcels' },
  },
} as const;

/** A KPI's name with its unit, in the language's brackets: 破损率（%）, Damage rate (%). */
const withUnit = (kpi: KpiDefinition, locale: Locale) => (locale === 'zh-CN' ? `${kpi.name[locale]}（${TEXT[locale].unit[kpi.unit]}）` : `${kpi.name[locale]} (${TEXT[locale].unit[kpi.unit]})`);

/** Money is stored in fen and shown in yuan; other units as they are. */
const shown = (kpi: KpiDefinition, v: number | null) => (v === null ? null : kpi.unit === 'fen' || kpi.unit === 'fen_per_10k' ? v / 100 : v);

/** A dashboard's export: one sheet, bold header, every row shown (no cap), written without ExcelJS (documents/xlsx-table.ts). */
async function workbook(title: string, sheetName: string, header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  return tableWorkbook({ title, sheetName, header, rows });
}

/** One KPI's overview chart as a workbook: period, value, target, verdict and the facts, every period. */
export async function kpiTrendXlsx(deps: KpiDeps, id: string, q: OverviewQuery, locale: Locale) {
  const kpi = kpiOr404(id);
  const overview = await kpiOverview(deps, q, kpi);
  const entry = overview.kpis[0]!;
  const t = TEXT[locale];
  const facts = factsOf(kpi);
  const name = withUnit(kpi, locale);
  const rows = entry.available
    ? entry.points.map((p) => [p.period, shown(kpi, p.value), shown(kpi, p.target?.value ?? null), t.verdicts[p.verdict], ...facts.map((f) => p.facts[f] ?? 0)])
    : [[t.notAvailable]];
  const bytes = await workbook(`${kpi.name[locale]} ${q.from}–${q.to}`, kpi.name[locale], [t.period, name, t.target, t.verdict, ...facts], rows);
  return { fileName: `kpi-trend-${kpi.id}-${overview.grain}-${q.from}-${q.to}.xlsx`, bytes };
}

/** A ranking as a workbook: every row the ranking lists, in its order. */
export async function kpiRankingXlsx(deps: KpiDeps, id: string, q: { from: string; to: string; by: RankingSlice }, locale: Locale) {
  const kpi = kpiOr404(id);
  const ranking = await kpiRanking(deps, id, q);
  const t = TEXT[locale];
  const factNames = ranking.rows[0] ? Object.keys(ranking.rows[0].facts) : [];
  const header = [t.rank, t.key[q.by], withUnit(kpi, locale), t.count, t.target, t.verdict, ...factNames];
  const rows = ranking.available
    ? ranking.rows.map((r) => [r.rank, r.label ?? r.key, shown(kpi, r.value), shown(kpi, r.count), shown(kpi, r.target?.value ?? null), t.verdicts[r.verdict], ...factNames.map((f) => r.facts[f] ?? 0)])
    : [[t.notAvailable]];
  const bytes = await workbook(`${kpi.name[locale]} ${q.from}–${q.to}`, `${kpi.name[locale]}-${t.key[q.by]}`, header, rows);
  return { fileName: `kpi-ranking-${kpi.id}-${q.by}-${q.from}-${q.to}.xlsx`, bytes };
}

