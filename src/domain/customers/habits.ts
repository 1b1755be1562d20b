/**
 * Shipping habits (个性化收派需求, docs/product.md §5): derived from a customer's parcels, never
 * typed — monthly volume and spend, the weight range, the usual sending hours and weekdays, the
 * main destinations, the product mix and the share sent freight-collect (到付).
 *
 * Incremental by design. A job reduces one local day's parcels of a customer to a `HabitDay` (a
 * small JSON value: counts, a weight histogram, per-hour and per-destination counts), stores it,
 * and the habits are a fold of the stored days of the period (`foldHabits`). A daily run so costs
 * that day's parcels, not the table. `habitsOf` computes the same habits straight from the parcels;
 * a property test proves fold(days) = direct computation for any parcels and any split into days.
 *
 * Percentiles of weight cannot be merged from per-day percentiles, so each day keeps a histogram
 * over fixed weight bands (WEIGHT_BANDS_G) and the range is given in bands: from the lower bound
 * of the band holding the 10th percentile to the upper bound of the band holding the 90th
 * (nearest rank). The direct computation sorts the exact weights and reports the bands of those
 * same ranks, so both agree exactly. Days are local dates in the company's zone, as are hours.
 */

import { wallClock } from '../time-limits/working-days.js';

/** The payment terms of a shipment (modules/shipments): 寄付, 到付, 月结. */
export type PaymentTerm = 'sender_pays' | 'collect' | 'monthly';

export interface HabitShipment {
  /** when it was sent: its pickup, or its registration when no pickup was scanned */
  sentAt: Date;
  weightG: number | null;
  freightFen: number | null;
  paymentTerm: string | null;
  product: string;
  /** GB/T 2260 codes of the destination, null when unknown */
  destProvince: string | null;
  destCity: string | null;
}

/**
 * Upper bounds (exclusive) of the weight bands, grams: 100 g steps to 1 kg, 500 g to 5 kg, 1 kg to
 * 20 kg, 5 kg to 50 kg, 10 kg to 100 kg, then everything heavier. Fine where parcels are, coarse
 * where freight is.
 */
export const WEIGHT_BANDS_G: readonly number[] = Object.freeze([
  ...steps(100, 1000, 100),
  ...steps(1500, 5000, 500),
  ...steps(6000, 20_000, 1000),
  ...steps(25_000, 50_000, 5000),
  ...steps(60_000, 100_000, 10_000),
  Number.POSITIVE_INFINITY,
]);

/** The band index of a weight (0 = under 100 g). */
export function weightBand(grams: number): number {
  let lo = 0;
  let hi = WEIGHT_BANDS_G.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grams < WEIGHT_BANDS_G[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One customer's parcels of one local date, reduced. JSON as it is; counts are integers. */
export interface HabitDay {
  /** 'YYYY-MM-DD' in the company zone */
  date: string;
  shipments: number;
  freightFen: number;
  /** parcels with a known weight, by band index */
  weightBands: Record<string, number>;
  /** 24 counts, local hour of sending */
  hours: number[];
  /** by GB/T 2260 province / city code; unknown destinations are not listed */
  provinces: Record<string, number>;
  cities: Record<string, number>;
  products: Record<string, number>;
  /** sent freight-collect (到付) */
  collect: number;
}

export interface Share {
  key: string;
  shipments: number;
  /** of all the period's parcels, 0–1 */
  share: number;
}

export interface ShippingHabits {
  /** the period, local dates inclusive */
  from: string;
  to: string;
  days: number;
  shipments: number;
  /** per average month (365.25 / 12 days), one decimal */
  monthlyShipments: number;
  monthlySpendFen: number;
  /** bands of the 10th and 90th percentile weights; null without any weighed parcel */
  weightRange: { fromG: number; toG: number | null } | null;
  /** 24 counts by local hour, and the fewest hours that hold 80 % of parcels, in hour order */
  hourCounts: number[];
  usualHours: number[];
  /** 7 counts by weekday (0 Sunday … 6 Saturday), and the fewest weekdays that hold 80 % */
  weekdayCounts: number[];
  usualWeekdays: number[];
  topProvinces: Share[];
  topCities: Share[];
  productMix: Share[];
  /** share sent 到付, null without parcels */
  collectShare: number | null;
}

export interface HabitPeriod {
  from: string;
  to: string;
  /** how many destinations to list (default 5) */
  top?: number;
}

/** The share of parcels the usual hours and weekdays hold together. */
export const USUAL_SHARE = { numerator: 4, denominator: 5 } as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Reduce one customer's parcels of one local date (the job's daily step). */
export function habitDay(date: string, shipments: readonly HabitShipment[], timeZone: string): HabitDay {
  const day = emptyDay(date);
  for (const s of shipments) {
    const wall = wallClock(s.sentAt, timeZone);
    if (new Date(wall).toISOString().slice(0, 10) !== date) throw new RangeError(`a parcel sent ${s.sentAt.toISOString()} is not of ${date} in ${timeZone}`);
    day.shipments++;
    day.freightFen += fen(s.freightFen);
    if (s.weightG !== null) bump(day.weightBands, String(weightBand(grams(s.weightG))));
    day.hours[Math.floor((wall % DAY_MS) / HOUR_MS)]!++;
    if (s.destProvince) bump(day.provinces, s.destProvince);
    if (s.destCity) bump(day.cities, s.destCity);
    bump(day.products, s.product);
    if (s.paymentTerm === 'collect') day.collect++;
  }
  return day;
}

/** The parcels grouped by local date and reduced, one HabitDay per date that has any. */
export function habitDaysOf(shipments: readonly HabitShipment[], timeZone: string): HabitDay[] {
  const byDate = new Map<string, HabitShipment[]>();
  for (const s of shipments) {
    const date = localDate(s.sentAt, timeZone);
    const list = byDate.get(date);
    if (list) list.push(s);
    else byDate.set(date, [s]);
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, list]) => habitDay(date, list, timeZone));
}

/** Two reductions of the same date added (a late parcel's day recomputed in parts). */
export function mergeHabitDays(a: HabitDay, b: HabitDay): HabitDay {
  if (a.date !== b.date) throw new RangeError(`cannot merge ${a.date} with ${b.date}`);
  return {
    date: a.date,
    shipments: a.shipments + b.shipments,
    freightFen: a.freightFen + b.freightFen,
    weightBands: addCounts(a.weightBands, b.weightBands),
    hours: a.hours.map((n, i) => n + b.hours[i]!),
    provinces: addCounts(a.provinces, b.provinces),
    cities: addCounts(a.cities, b.cities),
    products: addCounts(a.products, b.products),
    collect: a.collect + b.collect,
  };
}

/** The habits of a period from its stored days; days outside the period are skipped. */
export function foldHabits(days: readonly HabitDay[], period: HabitPeriod): ShippingHabits {
  const totals = emptyTotals();
  for (const day of days) {
    if (day.date < period.from || day.date > period.to) continue;
    totals.shipments += day.shipments;
    totals.freightFen += day.freightFen;
    for (const [band, n] of Object.entries(day.weightBands)) totals.weightBands[Number(band)]! += n;
    day.hours.forEach((n, h) => (totals.hours[h]! += n));
    totals.weekdays[weekdayOf(day.date)]! += day.shipments;
    addInto(totals.provinces, day.provinces);
    addInto(totals.cities, day.cities);
    addInto(totals.products, day.products);
    totals.collect += day.collect;
  }
  const weighed = totals.weightBands.reduce((a, b) => a + b, 0);
  const bandAtRank = (rank: number) => {
    let seen = 0;
    for (let band = 0; band < totals.weightBands.length; band++) {
      seen += totals.weightBands[band]!;
      if (seen >= rank) return band;
    }
    throw new RangeError('unreachable: rank beyond the histogram');
  };
  const range = weighed === 0 ? null : { p10: bandAtRank(ceilDiv(weighed, 10)), p90: bandAtRank(ceilDiv(9 * weighed, 10)) };
  return finish(totals, range, period);
}

/** The habits computed straight from the parcels (what the fold must equal). */
export function habitsOf(shipments: readonly HabitShipment[], period: HabitPeriod, timeZone: string): ShippingHabits {
  const totals = emptyTotals();
  const weights: number[] = [];
  for (const s of shipments) {
    const wall = wallClock(s.sentAt, timeZone);
    const date = new Date(wall).toISOString().slice(0, 10);
    if (date < period.from || date > period.to) continue;
    totals.shipments++;
    totals.freightFen += fen(s.freightFen);
    if (s.weightG !== null) weights.push(grams(s.weightG));
    totals.hours[Math.floor((wall % DAY_MS) / HOUR_MS)]!++;
    totals.weekdays[new Date(wall).getUTCDay()]!++;
    if (s.destProvince) bump(totals.provinces, s.destProvince);
    if (s.destCity) bump(totals.cities, s.destCity);
    bump(totals.products, s.product);
    if (s.paymentTerm === 'collect') totals.collect++;
  }
  weights.sort((a, b) => a - b);
  const n = weights.length;
  // nearest rank: the k-th smallest with k = ⌈p·n⌉
  const range = n === 0 ? null : { p10: weightBand(weights[ceilDiv(n, 10) - 1]!), p90: weightBand(weights[ceilDiv(9 * n, 10) - 1]!) };
  return finish(totals, range, period);
}

interface Totals {
  shipments: number;
  freightFen: number;
  weightBands: number[];
  hours: number[];
  weekdays: number[];
  provinces: Record<string, number>;
  cities: Record<string, number>;
  products: Record<string, number>;
  collect: number;
}

function finish(t: Totals, range: { p10: number; p90: number } | null, period: HabitPeriod): ShippingHabits {
  const days = daysBetween(period.from, period.to);
  const months = days / (365.25 / 12);
  const top = period.top ?? 5;
  const shares = (counts: Record<string, number>, limit: number): Share[] =>
    Object.entries(counts)
      .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, limit)
      .map(([key, shipments]) => ({ key, shipments, share: shipments / t.shipments }));
  return {
    from: period.from,
    to: period.to,
    days,
    shipments: t.shipments,
    monthlyShipments: Math.round((t.shipments / months) * 10) / 10,
    monthlySpendFen: Math.round(t.freightFen / months),
    weightRange:
      range === null
        ? null
        : { fromG: range.p10 === 0 ? 0 : WEIGHT_BANDS_G[range.p10 - 1]!, toG: Number.isFinite(WEIGHT_BANDS_G[range.p90]!) ? WEIGHT_BANDS_G[range.p90]! : null },
    hourCounts: t.hours,
    usualHours: usual(t.hours, t.shipments),
    weekdayCounts: t.weekdays,
    usualWeekdays: usual(t.weekdays, t.shipments),
    topProvinces: shares(t.provinces, top),
    topCities: shares(t.cities, top),
    productMix: shares(t.products, Number.POSITIVE_INFINITY),
    collectShare: t.shipments === 0 ? null : t.collect / t.shipments,
  };
}

/**
 * The fewest slots (most used first, the earlier slot on a tie) whose parcels together reach
 * USUAL_SHARE of all, returned in slot order; none without parcels.
 */
export function usual(counts: readonly number[], total: number): number[] {
  if (total === 0) return [];
  const ranked = counts.map((n, slot) => ({ n, slot })).sort((a, b) => b.n - a.n || a.slot - b.slot);
  const chosen: number[] = [];
  let held = 0;
  for (const { n, slot } of ranked) {
    if (held * USUAL_SHARE.denominator >= total * USUAL_SHARE.numerator) break;
    chosen.push(slot);
    held += n;
  }
  return chosen.sort((a, b) => a - b);
}

function emptyDay(date: string): HabitDay {
  return { date, shipments: 0, freightFen: 0, weightBands: {}, hours: new Array<number>(24).fill(0), provinces: {}, cities: {}, products: {}, collect: 0 };
}

function emptyTotals(): Totals {
  return {
    shipments: 0,
    freightFen: 0,
    weightBands: new Array<number>(WEIGHT_BANDS_G.length).fill(0),
    hours: new Array<number>(24).fill(0),
    weekdays: new Array<number>(7).fill(0),
    provinces: {},
    cities: {},
    products: {},
    collect: 0,
  };
}

function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Local dates from `from` to `to`, both counted. */
function daysBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`the period ${from}–${to} must be dates with to ≥ from`);
  return days;
}

function fen(value: number | null): number {
  if (value === null) return 0;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`freight must be whole fen ≥ 0, got ${value}`);
  return value;
}

function grams(value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`weight must be grams ≥ 0, got ${value}`);
  return value;
}

function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function addInto(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

function addCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const sum = { ...a };
  addInto(sum, b);
  return sum;
}

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
