/**
 * Waybill numbers as a customer pastes them: one per line, or separated by commas (also the
 * Chinese ，、；) or spaces. Blanks are dropped and a number given twice is asked for once. One that
 * is not a waybill number is asked for all the same: its result says so, and the others are found.
 */
export function parseWaybillNumbers(text: string): string[] {
  const seen = new Set<string>();
  for (const token of text.split(/[\s,，、;；]+/)) {
    const waybillNo = token.trim();
    if (waybillNo) seen.add(waybillNo);
  }
  return [...seen];
}

/** Exactly four digits, or nothing at all (the field is optional). */
export function isPhoneLast4(value: string): boolean {
  return /^\d{4}$/.test(value);
}
