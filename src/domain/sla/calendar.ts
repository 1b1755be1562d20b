/**
 * The business calendar SLA clocks count in. docs/product.md §7: "Every clock is computed in the
 * company's time zone (Asia/Shanghai by default) with a business calendar where the rule says
 * working days/hours (holidays included)."
 *
 * Instants are UTC `Date`s. A window such as 09:00–18:00 is local wall-clock time; each working
 * day's windows are turned into UTC intervals through the time zone, so a day with a DST change
 * has the real length of its windows (an all-day window on the spring-forward Sunday in Berlin
 * holds 23 hours). Work is done per day and per window, never per minute: a target of weeks costs
 * a few dozen steps.
 */

import { fromWallClockMs, isWorkingDayNumber, wallClockMs } from '../time-limits/working-days.js';
import { CHINA_PUBLIC_HOLIDAYS } from './holidays-cn.js';

/** 'HH:MM' local time; `end` may be '24:00' (midnight at the end of the day). */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone, 'Asia/Shanghai' by default (docs/product.md §7) */
  timeZone: string;
  /** windows of a working day, sorted and non-overlapping */
  workingHours: TimeWindow[];
  /** when customers may be called back (回访) if no time was agreed */
  callbackHours: TimeWindow[];
  /** 'YYYY-MM-DD' local rest days (法定节假日, including weekday days of a break) */
  holidays: readonly string[];
  /** 'YYYY-MM-DD' local weekend days that are worked (调休上班) */
  workdays: readonly string[];
}

/** calendar = elapsed time, 24×7; business = working hours of working days only */
export type ClockBasis = 'calendar' | 'business';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/**
 * A search for the next working time gives up after this many days in a row without any: the
 * holiday lists are finite, so only a broken calendar (say, two years of holidays typed by
 * mistake) gets here, and an error beats a frozen clock job.
 */
const MAX_DAYS_WITHOUT_OPEN_TIME = 400;

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = deepFreeze({
  timeZone: 'Asia/Shanghai',
  // Office hours of the service departments: no seed gives a figure (company default);
  // 09:00–18:00 spans 客服用语规范's callback windows.
  workingHours: [{ start: '09:00', end: '18:00' }],
  // docs/product.md §7 / 客服用语规范: callback hours when no time is agreed, 9:00–12:00 and 15:00–18:00.
  callbackHours: [
    { start: '09:00', end: '12:00' },
    { start: '15:00', end: '18:00' },
  ],
  holidays: CHINA_PUBLIC_HOLIDAYS.flatMap((year) => year.holidays.map((h) => h.date)),
  workdays: CHINA_PUBLIC_HOLIDAYS.flatMap((year) => year.workdays.map((w) => w.date)),
});

/**
 * The due instant: `minutes` of the basis after `start`. On the business basis only time inside
 * working hours of working days counts, so a start outside them begins at the next opening
 * (Tuesday 17:30 + 60 → Wednesday 09:30), and a target that runs out exactly at closing time is
 * due at closing, not at the next opening. Zero minutes is `start` itself: nothing is left to count.
 * Calendar basis is elapsed time, so across a DST change 24 h is 24 real hours, not the same wall
 * time the next day.
 */
export function addClockMinutes(start: Date, minutes: number, calendar: BusinessCalendar, basis: ClockBasis): Date {
  const from = instantMs(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (basis === 'calendar' || remaining === 0) return new Date(from + remaining);
  for (const [open, close] of openIntervals(from, calendar.workingHours, calendar, 'working hours')) {
    const length = close - open;
    if (remaining <= length) return new Date(open + remaining);
    remaining -= length;
  }
  // openIntervals never ends without an upper bound: it yields or throws.
  throw new RangeError('unreachable: open intervals ended');
}

/**
 * Minutes of the basis between two instants, 0 when `to` is not after `from`. Exact to the
 * millisecond, so the result has a fraction when the instants carry seconds. Inverse of
 * addClockMinutes: clockMinutesBetween(s, addClockMinutes(s, m)) === m.
 */
export function clockMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar, basis: ClockBasis): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return 0;
  if (basis === 'calendar') return (toMs - fromMs) / MINUTE_MS;
  let total = 0;
  for (const [open, close] of openIntervals(fromMs, calendar.workingHours, calendar, 'working hours', toMs)) {
    if (open >= toMs) break;
    total += Math.min(close, toMs) - open;
  }
  return total / MINUTE_MS;
}

/**
 * The earliest instant ≥ `after` inside callback hours of a working day (客服用语规范: 9:00–12:00,
 * 15:00–18:00 when no time is agreed). A window is half-open: 12:00 itself is no longer in the
 * morning window, so 12:00 → 15:00, and Friday 18:00 → Monday 09:00.
 */
export function nextCallbackSlot(after: Date, calendar: BusinessCalendar): Date {
  const from = instantMs(after, 'after');
  const first = openIntervals(from, calendar.callbackHours, calendar, 'callback hours').next();
  if (first.done) throw new RangeError('unreachable: open intervals ended');
  return new Date(first.value[0]);
}

/**
 * The opening of the next callback window after `after`, on a working day: inside a window, the
 * next one (9:05 → 15:00, 16:00 → the next working day's 09:00); outside, the one that opens next,
 * as nextCallbackSlot gives it (12:30 → 15:00, Friday 18:30 → Monday 09:00). A window that opens
 * at `after` itself is the one it is in, so 15:00 sharp → the next working day's 09:00. A customer
 * who did not answer is tried again in a different half-day, not a few minutes later.
 */
export function nextCallbackWindow(after: Date, calendar: BusinessCalendar): Date {
  const from = instantMs(after, 'after');
  const slot = nextCallbackSlot(after, calendar).getTime();
  if (slot > from) return new Date(slot);
  for (const [open] of openIntervals(from, calendar.callbackHours, calendar, 'callback hours')) {
    if (open > from) return new Date(open);
  }
  // openIntervals never ends without an upper bound: it yields or throws.
  throw new RangeError('unreachable: open intervals ended');
}

/** Whether an instant lies inside callback hours of a working day. */
export function isInCallbackHours(at: Date, calendar: BusinessCalendar): boolean {
  return nextCallbackSlot(at, calendar).getTime() === instantMs(at, 'at');
}

const WINDOW_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a calendar an admin wants to save; a clean copy when it may be saved. */
export function validateCalendar(input: unknown): { ok: true; calendar: BusinessCalendar } | { ok: false; errors: string[] } {
  if (!isRecord(input)) return { ok: false, errors: ['calendar must be an object'] };
  const errors: string[] = [];

  // docs/product.md §7: the company zone is Asia/Shanghai unless configured otherwise.
  const timeZone = input.timeZone === undefined ? 'Asia/Shanghai' : input.timeZone;
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) errors.push(`timeZone: ${String(timeZone)} is not an IANA time zone`);

  const workingHours = validateWindows('workingHours', input.workingHours, errors);
  const callbackHours = validateWindows('callbackHours', input.callbackHours, errors);
  const holidays = validateDates('holidays', input.holidays, errors);
  const workdays = validateDates('workdays', input.workdays, errors);
  const holidaySet = new Set(holidays);
  for (const date of new Set(workdays)) {
    if (holidaySet.has(date)) errors.push(`${date} is listed both as a holiday and as a working day`);
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, calendar: { timeZone: timeZone as string, workingHours, callbackHours, holidays, workdays } };
}

function validateWindows(field: string, value: unknown, errors: string[]): TimeWindow[] {
  if (!Array.isArray(value)) {
    errors.push(`${field} must be a list of {start, end} windows`);
    return [];
  }
  // A calendar without any open time would leave every clock waiting forever.
  if (value.length === 0) errors.push(`${field} must have at least one window`);
  const windows: TimeWindow[] = [];
  let previousEnd = -1;
  value.forEach((candidate: unknown, index) => {
    const label = `${field}[${index}]`;
    if (!isRecord(candidate) || typeof candidate.start !== 'string' || typeof candidate.end !== 'string') {
      errors.push(`${label} must be {start: 'HH:MM', end: 'HH:MM'}`);
      return;
    }
    const { start, end } = candidate;
    const badStart = !WINDOW_PATTERN.test(start) || start === '24:00';
    if (badStart) errors.push(`${label}.start ${start} is not a time HH:MM between 00:00 and 23:59`);
    if (!WINDOW_PATTERN.test(end)) errors.push(`${label}.end ${end} is not a time HH:MM between 00:01 and 24:00`);
    if (badStart || !WINDOW_PATTERN.test(end)) return;
    const startMinute = minuteOfDay(start);
    const endMinute = minuteOfDay(end);
    if (endMinute <= startMinute) errors.push(`${label} must end after it starts (${start}–${end})`);
    else if (startMinute < previousEnd) errors.push(`${label} (${start}–${end}) overlaps or comes before the window above it`);
    previousEnd = Math.max(previousEnd, endMinute);
    windows.push({ start, end });
  });
  return windows;
}

function validateDates(field: string, value: unknown, errors: string[]): string[] {
  if (!Array.isArray(value)) {
    errors.push(`${field} must be a list of YYYY-MM-DD dates`);
    return [];
  }
  const dates: string[] = [];
  value.forEach((candidate: unknown, index) => {
    if (typeof candidate !== 'string' || !isCalendarDate(candidate)) {
      errors.push(`${field}[${index}] ${String(candidate)} is not a date YYYY-MM-DD`);
    } else {
      dates.push(candidate);
    }
  });
  return dates;
}

/**
 * The open intervals [open, close) of `windows` on working days, as UTC milliseconds, in order,
 * starting with the one that contains `from` (clipped to it) or the first one after it. Stops once
 * past `until` when given; without it, it yields until the caller stops or throws when the
 * calendar has no open time.
 */
function* openIntervals(
  from: number,
  windows: readonly TimeWindow[],
  calendar: BusinessCalendar,
  what: string,
  until?: number,
): Generator<[number, number]> {
  if (windows.length === 0) throw new RangeError(`the calendar has no ${what}`);
  const parsed = windows.map((w) => ({ start: minuteOfDay(w.start), end: minuteOfDay(w.end) }));
  const lastWall = until === undefined ? Number.POSITIVE_INFINITY : wallClockMs(until, calendar.timeZone) + DAY_MS;
  // Start a day early: near a DST change at midnight an instant can sit in the previous local
  // date's last window; an extra day costs one step and removes the question.
  let dayWall = Math.floor(wallClockMs(from, calendar.timeZone) / DAY_MS) * DAY_MS - DAY_MS;
  let lastClose = Number.NEGATIVE_INFINITY;
  let daysWithoutOpenTime = 0;
  for (; dayWall <= lastWall; dayWall += DAY_MS) {
    let yielded = false;
    if (isWorkingDayNumber(dayWall / DAY_MS, calendar)) {
      for (const w of parsed) {
        // Clamp to the previous close: an ambiguous wall time at a DST change must not make two
        // windows overlap and count the same minutes twice.
        const open = Math.max(fromWallClockMs(dayWall + w.start * MINUTE_MS, calendar.timeZone), lastClose);
        const close = fromWallClockMs(dayWall + w.end * MINUTE_MS, calendar.timeZone);
        if (close <= open) continue; // a window swallowed by a DST change
        lastClose = close;
        if (close <= from) continue;
        yielded = true;
        yield [Math.max(open, from), close];
      }
    }
    daysWithoutOpenTime = yielded ? 0 : daysWithoutOpenTime + 1;
    if (until === undefined && daysWithoutOpenTime > MAX_DAYS_WITHOUT_OPEN_TIME) {
      throw new RangeError(`the calendar has no ${what} in ${MAX_DAYS_WITHOUT_OPEN_TIME} days in a row`);
    }
  }
}

function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function instantMs(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** Whether this runtime knows the IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A real 'YYYY-MM-DD' date (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
