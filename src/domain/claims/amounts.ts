/**
 * Amounts as a customer types them (docs/product.md §3): yuan with at most two decimals (元, 角, 分),
 * stored as whole fen. Parsed from text, never through a binary float, so 0.29 is 29 fen and not
 * 28.999…; anything else — no digits, three decimals, a sign, zero, more than the claims core's
 * maximum — is not an amount to claim. Pure.
 */
import { MAX_AMOUNT_FEN } from './policy.js';

const YUAN = /^(\d{1,11})(?:\.(\d{1,2}))?$/;

/** The fen of a yuan amount typed by a customer ("1200", "1,200.5", "０.３"), or null when it is no amount one may claim. */
export function parseClaimedYuan(text: string): number | null {
  // Full-width digits and the separators people type (１２００．５０, 1,200): one spelling first.
  const plain = text.normalize('NFKC').trim().replace(/[,\s]/g, '');
  const match = YUAN.exec(plain);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen <= 0 || fen > MAX_AMOUNT_FEN) return null;
  return fen;
}
