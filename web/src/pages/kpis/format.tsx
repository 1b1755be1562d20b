/** How the KPI pages write a value, a target and a verdict, and the links between them. */
import { Tag } from 'antd';
import type { MessageKey, Translate } from '../../i18n';
import type { Verdict } from '../../services/kpis';

/** Money is kept in fen and shown in yuan; everything else as the API gives it. */
export const isMoney = (unit: string) => unit === 'fen' || unit === 'fen_per_10k';
export const shownValue = (unit: string, value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : isMoney(unit) ? value / 100 : value;

const DIGITS: Record<string, number> = { percent: 2, per_million: 1, minutes: 1, fen: 2, fen_per_10k: 2, score: 1, count: 0 };

/** A KPI's value with its unit: "98.50%", "12.5 分钟", "¥ 3.20"; no value is "no data", never 0. */
export function formatKpi(t: Translate, unit: string, value: number | null | undefined): string {
  const v = shownValue(unit, value);
  if (v === null) return t('kpis.noData');
  const n = v.toFixed(DIGITS[unit] ?? 2);
  return unit === 'percent' ? `${n}%` : `${n} ${t(`kpis.unit.${unit}` as MessageKey)}`;
}

/** A fact's sum: fen as yuan, the rest as counts and minutes. */
export const formatFact = (fact: string, value: number) => (fact.endsWith('_fen') || fact.endsWith('.fen') ? (value / 100).toFixed(2) : String(value));
export const factLabel = (t: Translate, fact: string) => t(`kpis.fact.${fact}` as MessageKey);

export function verdictTag(t: Translate, verdict: Verdict) {
  const color = verdict === 'met' ? 'green' : verdict === 'missed' ? 'red' : undefined;
  return (
    <Tag color={color} data-verdict={verdict}>
      {t(`kpis.verdict.${verdict}` as MessageKey)}
    </Tag>
  );
}

/** The drill-down page's address: the records behind a KPI's number in a period and slice. */
export function factsPath(kpiId: string, q: { from: string; to: string; by?: string; key?: string }): string {
  const params = new URLSearchParams({ from: q.from, to: q.to });
  if (q.by) params.set('by', q.by);
  if (q.key !== undefined && q.by) params.set('key', q.key);
  return `/kpis/${encodeURIComponent(kpiId)}/facts?${params.toString()}`;
}

/** The last day of a period starting on `period` (day, Monday-week, month), within the asked range. */
export function periodEnd(period: string, grain: 'day' | 'week' | 'month', to: string): string {
  let end = period;
  const t = Date.parse(`${period}T00:00:00Z`);
  if (grain === 'week') end = new Date(t + 6 * 86_400_000).toISOString().slice(0, 10);
  if (grain === 'month') {
    const d = new Date(t);
    end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  }
  return end < to ? end : to;
}

/** A note in brackets and a label before a value, with the language's punctuation. */
export const inBrackets = (locale: string, text: string) => (locale === 'zh-CN' ? `（${text}）` : ` (${text})`);
export const labelled = (locale: string, label: string, value: string) => (locale === 'zh-CN' ? `${label}：${value}` : `${label}: ${value}`);
