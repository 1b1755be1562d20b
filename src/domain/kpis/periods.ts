/**
 * The periods of a KPI series (company-zone calendar days as YYYY-MM-DD): the first day of each
 * day, ISO week (from Monday, as PostgreSQL's date_trunc) or month between two days. Pure.
 */
export type Grain = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The first day of each period from `from` to `to` (weeks start on Monday), as the series lists them. */
export function periodStarts(from: string, to: string, grain: Grain): string[] {
  const out = new Set<string>();
  for (let t = dayNumber(from); t <= dayNumber(to); t += DAY) {
    const d = new Date(t);
    if (grain === 'day') out.add(iso(t));
    else if (grain === 'month') out.add(`${iso(t).slice(0, 7)}-01`);
    else out.add(iso(t - ((d.getUTCDay() + 6) % 7) * DAY));
  }
  return [...out];
}
