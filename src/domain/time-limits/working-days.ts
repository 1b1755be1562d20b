/**
 * Clocks in the company's time zone (PRODUCT.md §7: "every clock is computed in the company's
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

/** The local wall-clock time of an instant, written as if it were UTC (milliseconds). */
export function wallClock(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second, instant.getUTCMilliseconds());
}

/** The instant whose local wall-clock time is `wall` (for a skipped DST hour, the one after). */
export function fromWallClock(wall: number, timeZone: string): Date {
  let guess = wall - (wallClock(new Date(wall), timeZone) - wall);
  guess = wall - (wallClock(new Date(guess), timeZone) - guess);
  return new Date(guess);
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

/** Saturday and Sunday rest unless listed as 调休 workdays; holidays rest. */
export function isWorkingDay(localDate: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.includes(localDate)) return true;
  if (calendar.holidays.includes(localDate)) return false;
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
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
    const date = new Date(wall + offset * DAY_MS).toISOString().slice(0, 10);
    if (isWorkingDay(date, calendar)) counted += 1;
  }
  return fromWallClock(wall + offset * DAY_MS, calendar.timeZone);
}
