/** Display formats of the console. Instants come from the server in ISO (UTC) and are shown in local time. */
import type { Translate } from './i18n';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** yyyy-MM-dd HH:mm:ss in the browser's time zone; '' for a missing or unreadable value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** True while a lock set by the server still holds. */
export function isLockedNow(lockedUntil: string | null, now: number = Date.now()): boolean {
  if (!lockedUntil) return false;
  const until = new Date(lockedUntil).getTime();
  return Number.isFinite(until) && until > now;
}

/** yyyy-MM-dd in the browser's time zone. */
export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
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
