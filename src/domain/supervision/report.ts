/**
 * The rules of a supervision report (服务监督报告, docs/product.md §6), pure: which days a weekly
 * or monthly report covers and which period it is compared with, when a period may be reported
 * (only once it is over), and how a KPI stands against its target and the last period.
 * Days are YYYY-MM-DD of the company's time zone; `today` is an argument.
 */

export type PeriodKind = 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** first day (a Monday, or the 1st) */
  start: string;
  /** last day, included */
  end: string;
}

const DAY = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return toDay(toTime(day) + days * DAY);
}

/** Whether `start` is a valid first day of a period of that kind: a Monday for a week, the 1st for a month. */
export function isPeriodStart(kind: PeriodKind, start: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(toTime(start)) || toDay(toTime(start)) !== start) return false;
  return kind === 'week' ? new Date(toTime(start)).getUTCDay() === 1 : start.endsWith('-01');
}

/** The period that starts on `start`. */
export function periodFrom(kind: PeriodKind, start: string): Period {
  if (kind === 'week') return { kind, start, end: addDays(start, 6) };
  const d = new Date(toTime(start));
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { kind, start, end: toDay(next - DAY) };
}

/** The period before: the week before, or the calendar month before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'week') return periodFrom('week', addDays(p.start, -7));
  const d = new Date(toTime(p.start));
  return periodFrom('month', toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)));
}

/** The last period that is over on `today`: last week (Monday to Sunday) or last month. */
export function lastCompletePeriod(kind: PeriodKind, today: string): Period {
  if (kind === 'week') {
    const weekday = (new Date(toTime(today)).getUTCDay() + 6) % 7; // Monday 0
    return periodFrom('week', addDays(today, -weekday - 7));
  }
  const d = new Date(toTime(today));
  return periodFrom('month', toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)));
}

/** A period may be reported once its last day is over, and not before the year 2000. */
export function mayReport(p: Period, today: string): boolean {
  return p.end < today && p.start >= '2000-01-01';
}

/** '2026年第45周（11月2日—11月8日）' or '2026年11月'. */
export function periodTitle(p: Period): string {
  const [y, m] = p.start.split('-').map(Number) as [number, number];
  if (p.kind === 'month') return `${y}年${m}月`;
  const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
  return `${isoWeekYear(p.start)}年第${isoWeek(p.start)}周（${md(p.start)}—${md(p.end)}）`;
}

function isoWeek(day: string): number {
  const t = toTime(day);
  const thursday = t + (3 - ((new Date(t).getUTCDay() + 6) % 7)) * DAY;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / DAY / 7) + 1;
}

function isoWeekYear(day: string): number {
  const t = toTime(day);
  return new Date(t + (3 - ((new Date(t).getUTCDay() + 6) % 7)) * DAY).getUTCFullYear();
}

export interface Target {
  value: number;
  direction: 'higher' | 'lower';
}

export type Standing = 'met' | 'missed' | 'no_target' | 'no_data';

/**
 * How a KPI stands: no value → no_data; no target → no_target; else met when at or beyond the
 * target in its direction (higher: value ≥ target, lower: value ≤ target).
 */
export function standing(value: number | null, target: Target | null): Standing {
  if (value === null) return 'no_data';
  if (target === null) return 'no_target';
  return (target.direction === 'higher' ? value >= target.value : value <= target.value) ? 'met' : 'missed';
}

/**
 * The change from the last period: the difference in the KPI's unit, and whether it moved the
 * better way (null when either is missing or nothing moved).
 */
export function changeFrom(value: number | null, previous: number | null, direction: 'higher_is_better' | 'lower_is_better'): { delta: number | null; better: boolean | null } {
  if (value === null || previous === null) return { delta: null, better: null };
  const delta = value - previous;
  if (delta === 0) return { delta: 0, better: null };
  return { delta, better: direction === 'higher_is_better' ? delta > 0 : delta < 0 };
}
