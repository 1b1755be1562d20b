/**
 * The KPI module's face for its routes, the jobs and the CLI (docs/product.md §6): the registry
 * with what each KPI is, its series from the daily facts (never the raw tickets or parcels), the
 * records behind a number, the series as a workbook, and the rollup that keeps the facts.
 *
 * Who may: the role permission `kpis.read` (supervisors, managers, admins) decided by the route;
 * the numbers are company-wide, so there is no per-record rule beyond it.
 */
import ExcelJS from 'exceljs';
import { xlsxBytes } from '../../documents/xlsx.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { dimensionsOf, factsOf, FACTS, kpiById, KPIS, kpiValue, type Dimension, type FactName, type KpiDefinition } from '../../domain/kpis/registry.js';
import { periodStarts } from '../../domain/kpis/periods.js';
import { drillRecords, DRILL_FILTERS, factSums, labelsOf, type DrillSource } from './repository.js';

export { rebuildKpiFacts, rollupKpiChanges } from './rollup.js';

export interface KpiDeps {
  db: Kysely<DB>;
  timeZone: string;
}

/** The longest period a series or drill-down may span. */
export const KPI_PERIOD_MAX_DAYS = 1100;

export function kpiRegistry() {
  return { kpis: KPIS.map((k) => ({ ...k, facts: factsOf(k), dimensions: dimensionsOf(k) })), facts: [...FACTS] };
}

export function kpiOr404(id: string): KpiDefinition {
  const kpi = kpiById(id);
  if (!kpi) throw new AppError('KPI_NOT_FOUND');
  return kpi;
}

export function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days) || days < 0 || days >= KPI_PERIOD_MAX_DAYS) throw new AppError('KPI_PERIOD_INVALID', { maxDays: KPI_PERIOD_MAX_DAYS });
}

export interface SeriesQuery {
  from: string;
  to: string;
  grain?: 'day' | 'week' | 'month';
  by?: Dimension;
  key?: string;
}

/** A KPI by period, and by one slice if asked: sums of its facts, then its formula. */
export async function kpiSeries(deps: KpiDeps, id: string, q: SeriesQuery) {
  const kpi = kpiOr404(id);
  checkPeriod(q.from, q.to);
  const grain = q.grain ?? 'day';
  const by = q.by ?? null;
  if (by && !dimensionsOf(kpi).includes(by)) throw new AppError('KPI_DIMENSION_INVALID', { by });
  const head = { kpi: kpi.id, available: kpi.available, unit: kpi.unit, grain, by, from: q.from, to: q.to };
  if (!kpi.available) return { ...head, points: [] };
  const facts = factsOf(kpi);
  const rows = await factSums(deps.db, { facts, from: q.from, to: q.to, grain, by, filter: by && q.key !== undefined ? { by, key: q.key } : null });
  const groups = new Map<string, { period: string; key: string; sums: Partial<Record<FactName, number>> }>();
  // Without a slice every period is listed, so a chart shows a gap as "no data", not a missing day.
  if (!by) for (const period of periodStarts(q.from, q.to, grain)) groups.set(`${period}|`, { period, key: '', sums: {} });
  for (const r of rows) {
    const k = `${r.period}|${r.key}`;
    const g = groups.get(k) ?? { period: r.period, key: r.key, sums: {} };
    g.sums[r.fact as FactName] = r.total;
    groups.set(k, g);
  }
  const labels = by ? await labelsOf(deps.db, by, [...new Set(rows.map((r) => r.key))]) : new Map<string, string>();
  const points = [...groups.values()].map((g) => ({
    period: g.period,
    key: g.key,
    label: labels.get(g.key) ?? null,
    value: kpiValue(kpi, g.sums),
    facts: Object.fromEntries(facts.map((f) => [f, g.sums[f] ?? 0])),
  }));
  return { ...head, points };
}

const SOURCE_OF: Record<string, DrillSource> = {
  on_time_delivery_rate: 'delivered',
  damage_rate: 'damaged',
  loss_rate: 'lost',
  complaints_per_million: 'complaints',
  first_response_time: 'first_response',
  resolution_time: 'resolution',
  sla_attainment: 'clocks',
  first_contact_resolution: 'resolved',
  callback_completion: 'callbacks',
  csat: 'ratings',
  claim_amount_per_10k: 'claims',
  claim_cycle_time: 'claims',
  chargebacks_by_station: 'ledger',
};

/** The tickets, parcels, claims or ledger entries behind a KPI's number in a period (and slice), a page at a time. */
export async function kpiFacts(deps: KpiDeps, id: string, q: { from: string; to: string; by?: Dimension; key?: string; page?: number; pageSize?: number }) {
  const kpi = kpiOr404(id);
  checkPeriod(q.from, q.to);
  const source = SOURCE_OF[kpi.id];
  if (!kpi.available || !source) return { kpi: kpi.id, available: false, total: 0, records: [] };
  // The drill-down filters by the slices its records carry themselves; who was credited
  // (agent, department) is the rollup's reading of the timeline and is left to the series.
  if (q.by && !DRILL_FILTERS[source][q.by]) throw new AppError('KPI_DIMENSION_INVALID', { by: q.by });
  const pageSize = q.pageSize ?? 50;
  const { total, rows } = await drillRecords(deps.db, {
    source,
    from: q.from,
    to: q.to,
    timeZone: deps.timeZone,
    filter: q.by ? { by: q.by, key: q.key ?? '' } : null,
    limit: pageSize,
    offset: ((q.page ?? 1) - 1) * pageSize,
  });
  return { kpi: kpi.id, available: true, total, records: rows.map((r) => ({ kind: r.kind, id: r.id, reference: r.reference, fact: r.fact, at: r.at.toISOString(), inNumerator: r.in_numerator })) };
}

const UNIT_LABEL: Record<string, string> = { percent: '%', per_million: '件/百万件', minutes: '分钟', fen: '元', fen_per_10k: '元/万件', score: '分', count: '件' };

/** Exactly the series (every point, no row cap) as a workbook: the value and the facts it is computed from. */
export async function kpiSeriesXlsx(deps: KpiDeps, id: string, q: SeriesQuery): Promise<{ fileName: string; bytes: Buffer }> {
  const series = await kpiSeries(deps, id, q);
  const kpi = kpiOr404(id);
  const money = kpi.unit === 'fen' || kpi.unit === 'fen_per_10k';
  const book = new ExcelJS.Workbook();
  book.title = `${kpi.name['zh-CN']} ${q.from}–${q.to}`;
  const sheet = book.addWorksheet(kpi.name['zh-CN'].slice(0, 31));
  const facts = factsOf(kpi);
  sheet.columns = [
    { header: '期间', width: 12 },
    ...(series.by ? [{ header: `细分：${series.by}`, width: 24 }, { header: '名称', width: 20 }] : []),
    { header: `${kpi.name['zh-CN']}（${UNIT_LABEL[kpi.unit] ?? kpi.unit}）`, width: 22, style: { numFmt: money ? '#,##0.00' : '0.00' } },
    ...facts.map((f) => ({ header: f, width: 22 })),
  ];
  sheet.getRow(1).font = { bold: true };
  if (!series.available) sheet.addRow(['暂无此指标（相关功能尚未上线）']);
  for (const p of series.points) {
    const value = p.value === null ? null : money ? p.value / 100 : p.value;
    sheet.addRow([p.period, ...(series.by ? [p.key, p.label ?? ''] : []), value, ...facts.map((f) => p.facts[f] ?? 0)]);
  }
  const bytes = await xlsxBytes(book);
  return { fileName: `kpi-${kpi.id}-${q.from}-${q.to}.xlsx`, bytes };
}
