/**
 * RFM value segments (docs/product.md §5: "value segments computed from behaviour, recomputed on a
 * schedule"): recency (days since the last parcel), frequency (parcels in the window) and monetary
 * value (freight in the window, fen), each scored 1–5 by quintile over the population, then the
 * customer placed in one of the eight segments of the usual RFM model.
 *
 * Quintiles. A customer's score is where they stand among everyone scored: p = (customers worse
 * + half of those equal, themselves included) / population, score = ⌊5p⌋ + 1 (at most 5). With no
 * ties each fifth of the population gets one score, 20 % each.
 * Tie rule: equal values get one score, that of their block's middle (mid-rank). A block of equal
 * values is never split across two scores (two customers who shipped the same are never told
 * apart by the order rows came in), and it lands where its middle falls, so everyone equal
 * scores 3, not 1 or 5. Recency is better when smaller; frequency and money when larger.
 *
 * High or low. Each of R, F and M is "high" when its score is above 3 (4 or 5: the top two
 * fifths), "low" otherwise. We compare the score with 3, not the raw value with its mean: freight
 * is heavy-tailed (a few large shippers pull the mean of M so high that nearly everyone would be
 * low, and each recompute would move the line), whereas the score splits the population at fixed
 * quantiles whatever the skew, so the segments keep stable sizes and the rule is one sentence.
 * It is also the "above the mean" rule applied to the scores: mid-rank scores average 3.
 */

import { wallClock } from '../time-limits/working-days.js';

export type RfmScore = 1 | 2 | 3 | 4 | 5;

export interface RfmInput {
  customerId: string;
  /** the last parcel ever, null for a customer who never sent one (not scored) */
  lastShipmentAt: Date | null;
  /** parcels in the window */
  frequency: number;
  /** freight in the window, fen */
  monetaryFen: number;
}

export const RFM_SEGMENTS = [
  'important_value',
  'important_keep',
  'important_develop',
  'important_win_back',
  'general_value',
  'general_keep',
  'general_develop',
  'general_win_back',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const RFM_SEGMENT_LABELS: Record<RfmSegment, { 'zh-CN': string; 'en-US': string }> = {
  important_value: { 'zh-CN': '重要价值客户', 'en-US': 'Important value' },
  important_keep: { 'zh-CN': '重要保持客户', 'en-US': 'Important to keep' },
  important_develop: { 'zh-CN': '重要发展客户', 'en-US': 'Important to develop' },
  important_win_back: { 'zh-CN': '重要挽留客户', 'en-US': 'Important to win back' },
  general_value: { 'zh-CN': '一般价值客户', 'en-US': 'General value' },
  general_keep: { 'zh-CN': '一般保持客户', 'en-US': 'General to keep' },
  general_develop: { 'zh-CN': '一般发展客户', 'en-US': 'General to develop' },
  general_win_back: { 'zh-CN': '一般挽留客户', 'en-US': 'General to win back' },
};

/** A score above this is high (see the file's comment). */
export const RFM_HIGH_ABOVE = 3;

export interface RfmResult {
  customerId: string;
  /** whole local days from the last parcel's date to today's date in the company zone */
  recencyDays: number;
  frequency: number;
  monetaryFen: number;
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
  segment: RfmSegment;
}

/**
 * The eight segments: M decides 重要 (important) or 一般 (general); then R and F: both high is
 * 价值 (value), recent but infrequent is 发展 (develop), frequent but not recent is 保持 (keep in
 * touch), neither is 挽留 (win back).
 */
export function rfmSegment(r: RfmScore, f: RfmScore, m: RfmScore): RfmSegment {
  return SEGMENT_OF[(r > RFM_HIGH_ABOVE ? 4 : 0) + (f > RFM_HIGH_ABOVE ? 2 : 0) + (m > RFM_HIGH_ABOVE ? 1 : 0)]!;
}

/** By (R high ? 4 : 0) + (F high ? 2 : 0) + (M high ? 1 : 0): a lookup, not a string built per customer. */
const SEGMENT_OF: readonly RfmSegment[] = [
  'general_win_back', // R low, F low, M low
  'important_win_back', // M high
  'general_keep', // F high
  'important_keep', // F high, M high
  'general_develop', // R high
  'important_develop', // R high, M high
  'general_value', // R high, F high
  'important_value', // all high
];

/**
 * Scores for a population. Customers without any parcel are left out (nothing to score); the
 * others come back in the order given. `now` and the zone fix "today": recency counts local
 * dates, so a parcel at 23:50 yesterday is 1 day old at 00:10 today.
 */
export function scoreRfm(population: readonly RfmInput[], now: Date, timeZone: string): RfmResult[] {
  const today = localDayNumber(now, timeZone);
  const scored = population.filter((c) => c.lastShipmentAt !== null);
  for (const c of scored) {
    if (!Number.isSafeInteger(c.frequency) || c.frequency < 0) throw new RangeError(`frequency of ${c.customerId} must be a whole number ≥ 0`);
    if (!Number.isSafeInteger(c.monetaryFen) || c.monetaryFen < 0) throw new RangeError(`monetaryFen of ${c.customerId} must be whole fen ≥ 0`);
  }
  const recency = scored.map((c) => Math.max(0, today - localDayNumber(c.lastShipmentAt!, timeZone)));
  // Recency is better when smaller: score its negation.
  const r = quintileScores(recency.map((d) => -d));
  const f = quintileScores(scored.map((c) => c.frequency));
  const m = quintileScores(scored.map((c) => c.monetaryFen));
  return scored.map((c, i) => ({
    customerId: c.customerId,
    recencyDays: recency[i]!,
    frequency: c.frequency,
    monetaryFen: c.monetaryFen,
    r: r[i]!,
    f: f[i]!,
    m: m[i]!,
    segment: rfmSegment(r[i]!, f[i]!, m[i]!),
  }));
}

/**
 * 1–5 by quintile, larger values better, ties at their block's mid-rank (see the file's
 * comment). O(n log n): a native sort of the values, one sweep over the blocks of equal values,
 * then a lookup per customer (600,000 customers take a fraction of a second, not seconds).
 */
export function quintileScores(values: readonly number[]): RfmScore[] {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  // The distinct values in order and the score of each: a binary search finds a customer's.
  const distinct = new Float64Array(n);
  const scores = new Uint8Array(n);
  let blocks = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    // worse = start, equal = end − start: p = (start + (end − start) / 2) / n
    const p = (start + end) / 2 / n;
    distinct[blocks] = sorted[start]!;
    scores[blocks] = Math.min(5, Math.floor(5 * p) + 1);
    blocks++;
    start = end;
  }
  return values.map((v) => {
    let lo = 0;
    let hi = blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return scores[lo] as RfmScore;
  });
}

function localDayNumber(instant: Date, timeZone: string): number {
  return Math.floor(wallClock(instant, timeZone) / 86_400_000);
}
