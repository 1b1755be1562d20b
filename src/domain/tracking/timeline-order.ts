/**
 * The order a parcel's events are shown in, on the public page and the console alike: newest
 * first, by time, then by key (two scans of one instant keep one order everywhere). Both compare
 * in byte order, as PostgreSQL's "C" collation does: the console sorts in its query
 * (`event_key collate "C"`), the public lookup sorts the shipment's stored timeline here.
 */

export interface TimelineEvent {
  /** ISO 8601 in UTC with milliseconds: its text order is time order */
  time: string;
  key: string;
  status: string;
  site: string | null;
  text: string;
}

/** A UTF-16 surrogate: the string holds a character beyond U+FFFF. */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Strings in byte order (UTF-8), as PostgreSQL's "C" collation orders them: code point order.
 * UTF-16's order (JavaScript's `<`) is the same except between U+E000–U+FFFF and the
 * supplementary planes, so strings with a surrogate are compared by code point.
 */
export function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Newest first: by time, then by key, both in byte order (the console's order, shipments/repository.ts). */
export function newestFirst(events: TimelineEvent[]): TimelineEvent[] {
  return events.sort((x, y) => byteOrder(y.time, x.time) || byteOrder(y.key, x.key));
}
