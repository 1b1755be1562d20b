/**
 * Placeholders in standard phrases (规范用语, docs/product.md §2): `{customerName}` etc. are filled from
 * the ticket when an agent picks a phrase; whatever is unknown stays visible as `{name}` for the
 * agent to fill in by hand.
 */

import { wallClock } from '../time-limits/working-days.js';

export const PLACEHOLDERS = ['customerName', 'waybillNo', 'date', 'agentName', 'minutes'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Longest phrase text an admin may save (UTF-16 units, as the console form counts). */
export const PHRASE_TEXT_MAX = 2000;

/** Stable codes returned by validateTemplate; the unknown-placeholder one carries the name. */
export const TEMPLATE_ERRORS = {
  empty: 'TEMPLATE_EMPTY',
  tooLong: 'TEMPLATE_TOO_LONG',
  unbalancedBraces: 'TEMPLATE_UNBALANCED_BRACES',
  unknownPlaceholder: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
} as const;

const TOKEN = /\{([^{}]*)\}/g;
const KNOWN = new Set<string>(PLACEHOLDERS);

function isPlaceholder(name: string): name is Placeholder {
  return KNOWN.has(name);
}

/** Names inside `{…}`, known or not, each once, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(TOKEN)) names.add(match[1] ?? '');
  return [...names];
}

/**
 * Fills the known placeholders that have a non-blank value. Missing ones stay as `{name}` and are
 * listed (each once) so the agent sees and fills them; unknown `{…}` are left alone. Values are
 * inserted literally: a value containing `{date}` is not expanded again.
 */
export function renderTemplate(
  text: string,
  values: Partial<Record<Placeholder, string>>,
): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const rendered = text.replace(TOKEN, (token, name: string) => {
    if (!isPlaceholder(name)) return token;
    const value = values[name];
    if (value === undefined || value.trim() === '') {
      missing.add(name);
      return token;
    }
    return value;
  });
  return { text: rendered, missing: [...missing] };
}

/**
 * What is wrong with a phrase text an admin wants to save; [] when it is fine. Codes from
 * TEMPLATE_ERRORS; an unknown placeholder is reported as `TEMPLATE_UNKNOWN_PLACEHOLDER:{name}`.
 */
export function validateTemplate(text: string): string[] {
  if (text.trim() === '') return [TEMPLATE_ERRORS.empty];
  const errors: string[] = [];
  if (text.length > PHRASE_TEXT_MAX) errors.push(TEMPLATE_ERRORS.tooLong);

  let open = false;
  let balanced = true;
  for (const ch of text) {
    if (ch === '{') {
      if (open) balanced = false;
      open = true;
    } else if (ch === '}') {
      if (!open) balanced = false;
      open = false;
    }
  }
  if (open || !balanced) errors.push(TEMPLATE_ERRORS.unbalancedBraces);

  for (const name of placeholdersIn(text)) {
    if (!isPlaceholder(name)) errors.push(`${TEMPLATE_ERRORS.unknownPlaceholder}:{${name}}`);
  }
  return errors;
}

const MINUTE_MS = 60_000;
const HALF_HOUR_MS = 30 * MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The value of `{date}` in the phrases that promise an answer ("并在{date}前给您答复", "我们会在
 * {date}前给您回复"): a promise to the customer, so never a time already past (today's date read
 * as "before today"). It is the ticket's own deadline — the resolution clock's due time, which the
 * company has to meet anyway — written as a Chinese speaker says it: 今天17:30, 明天10:00,
 * 11月29日15:00 (with the year when it is not this year's), in the company's time zone. The time
 * is rounded down to the half hour while that is still ahead, a promise a little inside the
 * deadline rather than one to the odd minute.
 *
 * Undefined — the agent fills `{date}` in by hand, as the reply box asks — when there is no running
 * deadline to promise: no resolution clock, a clock paused while we wait for the customer, or one
 * already overdue (promising a passed deadline would be worse than asking the agent to choose).
 */
export function promiseDate(dueAt: Date | null | undefined, now: Date, timeZone: string): string | undefined {
  if (!dueAt || !(dueAt.getTime() > now.getTime())) return undefined;
  const rounded = Math.floor(dueAt.getTime() / HALF_HOUR_MS) * HALF_HOUR_MS;
  const at = rounded > now.getTime() ? new Date(rounded) : dueAt;
  // Wall-clock milliseconds: read with the UTC getters, they give the local date and time.
  const local = new Date(wallClock(at, timeZone));
  const today = new Date(wallClock(now, timeZone));
  const dayNumber = (d: Date) => Math.floor(d.getTime() / DAY_MS);
  const time = `${local.getUTCHours()}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const days = dayNumber(local) - dayNumber(today);
  if (days === 0) return `今天${time}`;
  if (days === 1) return `明天${time}`;
  const date = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
  return local.getUTCFullYear() === today.getUTCFullYear() ? `${date}${time}` : `${local.getUTCFullYear()}年${date}${time}`;
}
