/**
 * The company's time zone, held in one place on the client. docs/product.md §7: every clock counts in
 * the company's zone (the business calendar's, Asia/Shanghai by default), so the console shows
 * every time in that zone too — an agent whose machine runs on UTC still reads a 09:00 callback as
 * 09:00. The session (sign-in, /api/auth/me) brings the zone; until then, and on the public pages
 * that have no session, times are shown in the browser's own zone.
 */
import { useSyncExternalStore } from 'react';
import { isTimeZone, wallClock } from './shared';

let companyZone: string | null = null;
const listeners = new Set<() => void>();

/** The zone the machine running the browser is set to. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Sets the company zone from the session, or forgets it (null) on sign-out. A name this browser
 * does not know is ignored rather than breaking every date on screen: times stay in the browser's zone.
 */
export function setCompanyTimeZone(zone: string | null): void {
  const next = zone && isTimeZone(zone) ? zone : null;
  if (next === companyZone) return;
  companyZone = next;
  for (const listener of listeners) listener();
}

/** The zone times are shown in: the company's once the session told it, else the browser's. */
export function displayTimeZone(): string {
  return companyZone ?? browserTimeZone();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** displayTimeZone() for components: re-renders when an admin changes the company zone. */
export function useDisplayTimeZone(): string {
  return useSyncExternalStore(subscribe, displayTimeZone);
}

/** True when the two zones show the same wall-clock time at `now` (Asia/Shanghai and Asia/Taipei, say). */
export function sameWallClock(a: string, b: string, now: Date = new Date()): boolean {
  return a === b || wallClock(now, a) === wallClock(now, b);
}

/** The zone's name in the language of the console: "中国标准时间", "China Standard Time", "GMT+08:00". */
export function timeZoneDisplayName(zone: string, locale: string, now: Date = new Date()): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(now)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}
