/**
 * Times and the phone check on the public pages (no sign-in, so no session to bring the company's
 * time zone): each answer of the server carries the zone, and every time on the page is shown in
 * it — the one the server's delay notice is written in (docs/product.md §7) — not in the zone of the
 * customer's device.
 */
import { formatDateTime } from '../../format';
import type { Translate } from '../../i18n';
import type { PublicTrackResult } from '../../services/types';
import { isTimeZone } from '../../shared';
import { browserTimeZone } from '../../time-zone';

const MINUTE = 60_000;

/** The zone to show the public page's times in: the server's, unless this browser does not know it. */
export function publicTimeZone(zone: string | null | undefined): string {
  return zone && isTimeZone(zone) ? zone : browserTimeZone();
}

/**
 * What a result says under its card about the phone check: nothing once verified; a lock is told
 * as a lock (the customer's digits were not even compared), with the time it ends (HH:mm, the lock
 * lasts at most an hour) in the page's zone, rounded up to the minute.
 */
export function phoneCheckNote(
  t: Translate,
  result: Pick<PublicTrackResult, 'verified' | 'phoneCheckLocked' | 'phoneCheckLockedUntil'>,
  phoneGiven: boolean,
  timeZone: string,
): string | null {
  if (result.verified) return null;
  if (result.phoneCheckLocked) {
    const until = Date.parse(result.phoneCheckLockedUntil ?? '');
    // Rounded up to the minute: "after 12:53" must not still be locked at 12:53.
    const time = Number.isNaN(until) ? '' : formatDateTime(new Date(Math.ceil(until / MINUTE) * MINUTE).toISOString(), timeZone).slice(11, 16);
    return time ? t('track.phoneCheckLocked', { time }) : t('track.phoneCheckLockedHour');
  }
  return phoneGiven ? t('track.notVerified') : t('track.verifyHint');
}
