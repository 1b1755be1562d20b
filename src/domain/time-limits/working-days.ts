/**
 * Clocks in the company's time zone (docs/product.md §7: "every clock is computed in the company's
 * time zone (Asia/Shanghai by default) with a business calendar where the rule says working
 * days"). Instants are UTC `Date`s; the calendar says which local dates are working days.
 */

export interface WorkingCalendar {
  /** IANA zone the calendar counts in, e.g. Asia/Shanghai */
  timeZone: string;
  /** rest days on a weekday, 'YYYY-MM-DD' local (法定节假日) */
  holidays: readonly string[];
  /** working Saturdays and Sundays, 'YYYY-MM-DD' local (调休上班) */
  workdays: readonly string[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function addHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours)) throw new RangeError(`hours must be finite, got ${hours}`);
  return new Date(start.getTime() + hours * HOUR_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local wall-clock time of an instant, written as if it were UTC (milliseconds), from Intl. */
function exactWallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second, new Date(ms).getUTCMilliseconds());
}

/**
 * A zone's offset from UTC for each hour (UTC) seen so far, or NaN for an hour in which it
 * changes. Asking Intl costs microseconds, and ingestion and the clocks ask for every shipment and
 * clock; an offset holds for months, so one answer serves the whole hour.
 */
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 100_000;

/** The local wall-clock time of an instant, written as if it were UTC (milliseconds). */
export function wallClock(instant: Date, timeZone: string): number {
  return wallClockMs(instant.getTime(), timeZone);
}

/** wallClock for an instant given in epoch milliseconds. */
export function wallClockMs(ms: number, timeZone: string): number {
  if (!Number.isFinite(ms)) return exactWallClock(ms, timeZone); // throws, as Intl does
  const hour = Math.floor(ms / HOUR_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(hour);
  if (offset === undefined) {
    // The same offset at the hour's first and last millisecond: no change inside it (a zone never
    // changes and changes back within an hour).
    const first = hour * HOUR_MS;
    const last = first + HOUR_MS - 1;
    const atFirst = exactWallClock(first, timeZone) - first;
    offset = atFirst === exactWallClock(last, timeZone) - last ? atFirst : Number.NaN;
    if (zone.size >= MAX_CACHED_HOURS) zone.clear();
    zone.set(hour, offset);
  }
  return Number.isNaN(offset) ? exactWallClock(ms, timeZone) : ms + offset;
}

/** The instant whose local wall-clock time is `wall` (for a skipped DST hour, the one after). */
export function fromWallClock(wall: number, timeZone: string): Date {
  return new Date(fromWallClockMs(wall, timeZone));
}

/** fromWallClock in epoch milliseconds. */
export function fromWallClockMs(wall: number, timeZone: string): number {
  const guess = wall - (wallClockMs(wall, timeZone) - wall);
  return wall - (wallClockMs(guess, timeZone) - guess);
}

/** 'YYYY-MM-DD' of an instant in the time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

/** Calendar days in the time zone: the same local time of day, `days` dates later. */
export function addCalendarDays(start: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromWallClock(wallClock(start, timeZone) + days * DAY_MS, timeZone);
}

/** A local date as whole days since 1970-01-01 (day 0 was a Thursday): its wall clock / DAY_MS. */
const dayNumberOf = (localDate: string) => Date.parse(`${localDate}T00:00:00Z`) / DAY_MS;

/** A calendar's date list as day numbers, built once per list: the clocks ask for every day they walk. */
const daySets = new WeakMap<readonly string[], Set<number>>();
function daySet(dates: readonly string[]): Set<number> {
  let set = daySets.get(dates);
  if (!set) daySets.set(dates, (set = new Set(dates.map(dayNumberOf))));
  return set;
}

/** Saturday and Sunday rest unless listed as 调休 workdays; holidays rest. */
export function isWorkingDay(localDate: string, calendar: Pick<WorkingCalendar, 'holidays' | 'workdays'>): boolean {
  return isWorkingDayNumber(dayNumberOf(localDate), calendar);
}

/** isWorkingDay for the local date with this day number (Math.floor(wall clock / DAY_MS)). */
export function isWorkingDayNumber(day: number, calendar: Pick<WorkingCalendar, 'holidays' | 'workdays'>): boolean {
  if (daySet(calendar.workdays).has(day)) return true;
  if (daySet(calendar.holidays).has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  return weekday !== 0 && weekday !== 6;
}

/**
 * `days` working days after `start`, at the same local time of day: each following local date
 * that is a working day counts one (Friday 15:00 + 1 → Monday 15:00; a Saturday pickup + 1 →
 * Monday). Zero days is `start` itself.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const wall = wallClock(start, calendar.timeZone);
  // Ends: every week has five weekdays and the holiday list is finite.
  let counted = 0;
  let offset = 0;
  while (counted < days) {
    offset += 1;
    if (isWorkingDayNumber(Math.floor((wall + offset * DAY_MS) / DAY_MS), calendar)) counted += 1;
  }
  return fromWallClock(wall + offset * DAY_MS, calendar.timeZone);
}
