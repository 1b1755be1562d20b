/**
 * Display formats of the console. Instants come from the server in ISO (UTC) and are shown in the
 * company's time zone (time-zone.ts; docs/product.md §7), not in the zone of the browser's machine.
 */
import type { Translate } from './i18n';
import { fromWallClock, isCalendarDate, localDateOf, wallClock } from './shared';
import { displayTimeZone } from './time-zone';

const DAY_MS = 86_400_000;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** yyyy-MM-dd HH:mm:ss in the company's time zone; '' for a missing value, the text itself for an unreadable one. */
export function formatDateTime(iso: string | null | undefined, timeZone: string = displayTimeZone()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Date(wallClock(date, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** True while a lock set by the server still holds. */
export function isLockedNow(lockedUntil: string | null, now: number = Date.now()): boolean {
  if (!lockedUntil) return false;
  const until = new Date(lockedUntil).getTime();
  return Number.isFinite(until) && until > now;
}

/** yyyy-MM-dd in the company's time zone. */
export function formatDate(iso: string | null | undefined, timeZone: string = displayTimeZone()): string {
  return formatDateTime(iso, timeZone).slice(0, 10);
}

/** Today's date (yyyy-MM-dd) on the company's calendar, which may not be the browser's today. */
export function todayIn(timeZone: string = displayTimeZone(), now: number = Date.now()): string {
  return localDateOf(new Date(now), timeZone);
}

/** The date `days` calendar days after (or before) a yyyy-MM-dd date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant (ISO) a yyyy-MM-dd day starts in the company's time zone: where a person picks a day
 * (a date filter), the server gets the company's midnight, not the browser's. Undefined for a
 * malformed date.
 */
export function startOfDay(date: string, timeZone: string = displayTimeZone()): string | undefined {
  if (!isCalendarDate(date)) return undefined;
  return fromWallClock(Date.parse(`${date}T00:00:00Z`), timeZone).toISOString();
}

/** Grams as kilograms, up to 3 decimals without trailing zeros: 1250 → "1.25". */
export function gramsToKg(grams: number): string {
  return String(Number((grams / 1000).toFixed(3)));
}

/** Integer fen (分) as yuan with 2 decimals: 1250 → "12.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

export interface Duration {
  days: number;
  hours: number;
  minutes: number;
}

/** A non-negative span in whole days, hours and minutes. */
export function splitDuration(ms: number): Duration {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/** How long ago, to the minute: "3 天 4 小时", "5 小时 12 分", "8 分钟". */
export function formatAge(t: Translate, ms: number): string {
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) return t('duration.daysHours', { days, hours });
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes });
  return t('duration.minutes', { minutes });
}
