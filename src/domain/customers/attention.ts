/**
 * What needs the account manager's attention first (docs/product.md §5, the account managers'
 * desk). A score, higher first; ties by the nearer planned callback, then the name:
 *
 * - an overdue planned callback: 1,000, plus 10 a day overdue (at most 30 days counted), so every
 *   overdue callback comes before anything else, the oldest first;
 * - each open complaint: 100;
 * - a falling on-time rate: 5 per percentage point lost, the last 30 days against the 30 before,
 *   when each window has at least 5 deliveries with a promised time;
 * - complaints per 1,000 parcels in the last 30 days: that many points;
 * - a planned callback due within 7 days: 20;
 * - no contact (ticket, contact record or reached callback) for 30 days or ever: 10.
 */

export interface AccountHealth {
  daysOverdue: number | null;
  openComplaints: number;
  onTimeRate30: number | null;
  onTimeRatePrev30: number | null;
  delivered30: number;
  deliveredPrev30: number;
  complaintsPer1000_30: number | null;
  daysToNextCallback: number | null;
  daysSinceContact: number | null;
}

export const MIN_DELIVERIES_FOR_TREND = 5;

export function attentionScore(h: AccountHealth): number {
  let score = 0;
  if (h.daysOverdue !== null && h.daysOverdue > 0) score += 1000 + 10 * Math.min(h.daysOverdue, 30);
  score += 100 * h.openComplaints;
  if (
    h.onTimeRate30 !== null &&
    h.onTimeRatePrev30 !== null &&
    h.delivered30 >= MIN_DELIVERIES_FOR_TREND &&
    h.deliveredPrev30 >= MIN_DELIVERIES_FOR_TREND &&
    h.onTimeRate30 < h.onTimeRatePrev30
  ) {
    score += Math.round(5 * 100 * (h.onTimeRatePrev30 - h.onTimeRate30));
  }
  if (h.complaintsPer1000_30 !== null) score += Math.round(h.complaintsPer1000_30);
  if (h.daysToNextCallback !== null && h.daysToNextCallback >= 0 && h.daysToNextCallback <= 7) score += 20;
  if (h.daysSinceContact === null || h.daysSinceContact >= 30) score += 10;
  return score;
}

/** Sorts accounts by what needs attention: score, then the nearer callback, then the name. */
export function byAttention<T extends { score: number; daysToNextCallback: number | null; name: string }>(a: T, b: T): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.daysToNextCallback ?? Number.POSITIVE_INFINITY;
  const dbb = b.daysToNextCallback ?? Number.POSITIVE_INFINITY;
  if (da !== dbb) return da - dbb;
  return a.name.localeCompare(b.name, 'zh-CN');
}
