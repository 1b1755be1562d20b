/**
 * KPI dashboards, targets and assessments (docs/product.md §6). Shapes are the static types of
 * src/modules/kpis/schemas.ts and dashboard-schemas.ts.
 */
import type { Static } from 'typebox';
import type * as Dash from '../../../src/modules/kpis/dashboard-schemas';
import type * as Kpis from '../../../src/modules/kpis/schemas';
import { api, urlOf } from '../api';

type OfDash<Name extends keyof typeof Dash> = Static<(typeof Dash)[Name]>;
type OfKpis<Name extends keyof typeof Kpis> = Static<(typeof Kpis)[Name]>;

export type Grain = 'day' | 'week' | 'month';
export type RankingSlice = 'station' | 'province' | 'city';
export type KpiList = OfKpis<'KpiList'>;
export type KpiDefinition = KpiList['kpis'][number];
export type Overview = OfDash<'Overview'>;
export type OverviewKpi = Overview['kpis'][number];
export type OverviewPoint = OverviewKpi['points'][number];
export type Verdict = OverviewPoint['verdict'];
export type Ranking = OfDash<'Ranking'>;
export type RankingRow = Ranking['rows'][number];
export type Series = OfKpis<'Series'>;
export type FactPage = OfKpis<'FactPage'>;
export type TargetList = OfDash<'TargetList'>;
export type TargetEntry = TargetList['targets'][number];
export type SetTargetBody = OfDash<'SetTargetBody'>;
export type People = OfDash<'People'>;
export type Assessment = OfDash<'Assessment'>;

export interface Period {
  from: string;
  to: string;
}

const id = (kpiId: string) => encodeURIComponent(kpiId);

export const kpiRegistry = (signal?: AbortSignal) => api.get<KpiList>('/api/kpis', { signal });
export const kpiOverview = (q: Period & { grain: Grain }, signal?: AbortSignal) => api.get<Overview>('/api/kpis/overview', { query: { ...q }, signal });
export const trendXlsxUrl = (kpiId: string, q: Period & { grain: Grain }) => urlOf(`/api/kpis/${id(kpiId)}/trend.xlsx`, { ...q });
export const kpiRanking = (kpiId: string, q: Period & { by: RankingSlice }, signal?: AbortSignal) => api.get<Ranking>(`/api/kpis/${id(kpiId)}/ranking`, { query: { ...q }, signal });
export const rankingXlsxUrl = (kpiId: string, q: Period & { by: RankingSlice }) => urlOf(`/api/kpis/${id(kpiId)}/ranking.xlsx`, { ...q });
export const kpiSeries = (kpiId: string, q: Period & { grain: Grain; by?: string; key?: string }, signal?: AbortSignal) =>
  api.get<Series>(`/api/kpis/${id(kpiId)}/series`, { query: { ...q }, signal });
export const seriesXlsxUrl = (kpiId: string, q: Period & { grain: Grain; by?: string; key?: string }) => urlOf(`/api/kpis/${id(kpiId)}/series.xlsx`, { ...q });
export const kpiFacts = (kpiId: string, q: Period & { by?: string; key?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<FactPage>(`/api/kpis/${id(kpiId)}/facts`, { query: { ...q }, signal });
export const listTargets = (q: { kpiId?: string }, signal?: AbortSignal) => api.get<TargetList>('/api/kpi-targets', { query: { ...q }, signal });
export const setTarget = (body: SetTargetBody) => api.post<TargetEntry>('/api/kpi-targets', body);
export const assessmentPeople = (signal?: AbortSignal) => api.get<People>('/api/kpi-assessments', { signal });
export const assessmentOf = (userId: string, q: Period, signal?: AbortSignal) =>
  api.get<Assessment>(`/api/kpi-assessments/${encodeURIComponent(userId)}`, { query: { ...q }, signal });
