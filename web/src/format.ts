/** Display formats of the console. Instants come from the server in ISO (UTC) and are shown in local time. */

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
