import { WAYBILL_PATTERN as WAYBILL_SOURCE } from '../../shared';

/**
 * Waybill numbers as a customer pastes them: one per line, or separated by commas (also the
 * Chinese ，、；) or spaces. Blanks are dropped and a number given twice is asked for once.
 */
export function parseWaybillNumbers(text: string): string[] {
  const seen = new Set<string>();
  for (const token of text.split(/[\s,，、;；]+/)) {
    const waybillNo = token.trim();
    if (waybillNo) seen.add(waybillNo);
  }
  return [...seen];
}

/** What a waybill number looks like: the server's own pattern (6–32 letters, digits or dashes). */
const WAYBILL_PATTERN = new RegExp(WAYBILL_SOURCE);

/** The entries that cannot be waybill numbers; the server would refuse the whole query for them. */
export function malformedWaybillNumbers(waybillNos: readonly string[]): string[] {
  return waybillNos.filter((waybillNo) => !WAYBILL_PATTERN.test(waybillNo));
}

/** Exactly four digits, or nothing at all (the field is optional). */
export function isPhoneLast4(value: string): boolean {
  return /^\d{4}$/.test(value);
}
