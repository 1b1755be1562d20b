/**
 * Supervision reports (服务监督报告): the kept reports, making one, one report's page data and
 * files, one's own e-mail subscription. Shapes follow src/modules/supervision-reports/routes.ts.
 */
import { api, request, urlOf } from '../api';

export type PeriodKind = 'week' | 'month';

export interface ReportSummary {
  id: string;
  period: PeriodKind;
  start: string;
  end: string;
  teamId: string | null;
  teamName: string | null;
  reportNo: string;
  generatedAt: string;
  trigger: 'schedule' | 'demand';
  generatedBy: string | null;
}

export interface KpiLine {
  id: string;
  name: { 'zh-CN': string; 'en-US': string };
  unit: string;
  direction: string;
  available: boolean;
  value: number | null;
  previous: number | null;
  delta: number | null;
  better: boolean | null;
  target: { value: number; direction: string; versionId: string } | null;
  standing: 'met' | 'missed' | 'no_target' | 'no_data';
}

export interface ReportData {
  period: { kind: PeriodKind; start: string; end: string; title: string };
  scope: { kind: 'company' | 'team'; teamId: string | null; teamName: string | null };
  kpis: KpiLine[];
  stations: { station: string; delivered: number; late: number; onTimeRate: number | null; damaged: number; lost: number; chargebackFen: number }[] | null;
  causes: { code: string | null; label: { 'zh-CN': string; 'en-US': string }; count: number; previous: number }[];
  notable: { id: string; number: string; subject: string; openedAt: string; status: string; causeCode: string | null; reasons: ('breached' | 'low_rating' | 'escalated')[] }[];
  qa:
    | { available: false }
    | { available: true; reviews: number; averageScore: number | null; criticalFails: number; disputes: number; lowest: { agent: string; reviews: number; averageScore: number }[] };
}

export interface Subscription {
  weekly: boolean;
  monthly: boolean;
  teamId: string | null;
  email: string | null;
}

export const listReports = (query: { period?: PeriodKind; scope?: string }, signal?: AbortSignal) =>
  api.get<{ items: ReportSummary[] }>('/api/supervision-reports', { query, signal });
export const generateReport = (input: { period: PeriodKind; start: string; teamId?: string; email?: boolean }) =>
  api.post<ReportSummary & { emailed: number }>('/api/supervision-reports', input);
export const getReport = (id: string, signal?: AbortSignal) => api.get<ReportSummary & { data: ReportData }>(`/api/supervision-reports/${encodeURIComponent(id)}`, { signal });
export const reportFileUrl = (id: string, format: 'pdf' | 'xlsx') => urlOf(`/api/supervision-reports/${encodeURIComponent(id)}/${format}`, undefined);
export const mySubscription = (signal?: AbortSignal) => api.get<Subscription>('/api/supervision-reports/subscription', { signal });
export const saveSubscription = (input: { weekly: boolean; monthly: boolean; teamId: string | null }) =>
  request<Subscription>('PUT', '/api/supervision-reports/subscription', { body: input });
