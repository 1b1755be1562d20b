/**
 * Pure steps from what the queries return to the report's data: every day of the month present
 * (a query groups only the days that had parcels, the chart needs all of them), provinces named
 * by GB/T 2260 and the tail folded into 其他, exception kinds labelled as the customer reads them.
 * The gathering job runs the queries and passes their rows through these.
 */
import { provinceName } from '../../../domain/regions/index.js';
import { EXCEPTION_KINDS, type ExceptionKind } from '../../../domain/tracking/exceptions.js';
import type { DailyOnTime, DailyVolume, Destination, LabelledCount } from './report.js';

/** The local dates of a month 'YYYY-MM', first to last. */
export function datesOfMonth(month: string): string[] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  const days = new Date(Date.UTC(year, index + 1, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Every day of the month, a day without rows as zeros; rows of other months are refused. */
export function dailyVolumeOfMonth(month: string, rows: readonly DailyVolume[]): DailyVolume[] {
  const byDate = indexByDate(month, rows);
  return datesOfMonth(month).map((date) => byDate.get(date) ?? { date, shipments: 0, weightG: 0, freightFen: 0 });
}

export function dailyOnTimeOfMonth(month: string, rows: readonly DailyOnTime[]): DailyOnTime[] {
  const byDate = indexByDate(month, rows);
  return datesOfMonth(month).map((date) => byDate.get(date) ?? { date, delivered: 0, onTime: 0 });
}

function indexByDate<T extends { date: string }>(month: string, rows: readonly T[]): Map<string, T> {
  const byDate = new Map<string, T>();
  for (const row of rows) {
    if (!row.date.startsWith(`${month}-`)) throw new RangeError(`${row.date} is not in ${month}`);
    if (byDate.has(row.date)) throw new RangeError(`${row.date} is listed twice`);
    byDate.set(row.date, row);
  }
  return byDate;
}

export interface ProvinceRow {
  /** a GB/T 2260 code of the destination (any level: its province counts), null when unknown */
  code: string | null;
  shipments: number;
  delivered: number;
  onTime: number;
}

/**
 * The provinces with most parcels, named, most first (a tie by code); everything after the first
 * `top`, and destinations without a known province, folded into one 其他 row at the end.
 */
export function topDestinations(rows: readonly ProvinceRow[], top = 10): Destination[] {
  const byProvince = new Map<string, Destination>();
  const other: Destination = { key: 'other', label: '其他', shipments: 0, delivered: 0, onTime: 0 };
  const add = (into: Destination, row: Pick<ProvinceRow, 'shipments' | 'delivered' | 'onTime'>) => {
    into.shipments += row.shipments;
    into.delivered += row.delivered;
    into.onTime += row.onTime;
  };
  for (const row of rows) {
    const name = row.code ? provinceName(row.code) : null;
    if (!row.code || !name) {
      add(other, row);
      continue;
    }
    const key = `${row.code.slice(0, 2)}0000`;
    let province = byProvince.get(key);
    if (!province) byProvince.set(key, (province = { key, label: name, shipments: 0, delivered: 0, onTime: 0 }));
    add(province, row);
  }
  const ranked = [...byProvince.values()].sort((a, b) => b.shipments - a.shipments || (a.key < b.key ? -1 : 1));
  for (const province of ranked.slice(top)) add(other, province);
  const shown = ranked.slice(0, top);
  return other.shipments > 0 ? [...shown, other] : shown;
}

/** What the customer reads for each kind of exception (as the console names them). */
export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = {
  delayed: '延误',
  stalled: '停滞',
  lost: '彻底延误（按丢失处理）',
  damaged: '破损',
  refused: '拒收',
  undeliverable: '无法派送',
  returned: '退回',
  not_collected: '驿站/快递柜未取',
};

/** The month's exceptions by kind, in the kinds' order, kinds without any left out. */
export function exceptionRows(counts: Partial<Record<ExceptionKind, number>>): LabelledCount[] {
  return EXCEPTION_KINDS.filter((kind) => (counts[kind] ?? 0) > 0).map((kind) => ({ key: kind, label: EXCEPTION_KIND_LABELS[kind], count: counts[kind]! }));
}
