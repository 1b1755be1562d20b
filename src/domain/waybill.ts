/**
 * The one spelling of a waybill number (运单号). Carriers and people write the same number in
 * different ways — 快递100 and AfterShip pass on lower case (`jt96610898972`), a customer types
 * full-width characters from a Chinese input method (`ＳＦ１２３…`) or a space after pasting — and
 * every way in (scanner, feeds, order systems, imports, tickets, public tracking) and every lookup
 * stores and compares this form, so one parcel is one row and is found however it was written.
 *
 * Compatibility-normalised (NFKC: full-width letters, digits and spaces become ASCII), trimmed
 * and upper-cased. Whether the result is a waybill number at all (limits.ts WAYBILL_PATTERN) is
 * for the caller to check, after normalising.
 */
const ONE_SPELLING = /^[A-Z0-9-]*$/;

export function normalizeWaybillNo(input: string): string {
  // Already in the one spelling (what scanners send): NFKC, trim and upper case would change nothing.
  if (ONE_SPELLING.test(input)) return input;
  return input.normalize('NFKC').trim().toUpperCase();
}
