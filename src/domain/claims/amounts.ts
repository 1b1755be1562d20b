/**
 * Amounts as a customer types them (docs/product.md §3): yuan with at most two decimals (元, 角, 分),
 * stored as whole fen. Parsed from text, never through a binary float, so 0.29 is 29 fen and not
 * 28.999…; anything else — no digits, three decimals, a sign, zero, more than the claims core's
 * maximum — is not an amount to claim. Pure.
 */
import { MAX_AMOUNT_FEN, uninsuredCapMultiple, type ClaimCustomerTier, type ClaimsPolicy, type PaymentTerm } from './policy.js';

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

/**
 * What the system claims for a parcel it treats as lost (docs/product.md §1, §3: past its
 * complete-delay limit, "我们按丢失处理并为您启动理赔"), since nobody has said an amount yet: the most
 * the rules could pay, so the proposal is never cut by the amount claimed — the declared (for an
 * insured parcel, the insured) value, or without one the uninsured cap (its multiple of the freight),
 * plus the freight refunded on a loss. Null when that is nothing: no claim can be started, and the
 * story does not say one was.
 */
export function systemLossClaimFen(
  facts: { insured: boolean; declaredValueFen: number | null; freightFen: number; paymentTerm: PaymentTerm; customerTier: ClaimCustomerTier },
  policy: ClaimsPolicy,
): number | null {
  const freight = Math.max(0, facts.freightFen);
  const value = facts.declaredValueFen !== null && facts.declaredValueFen > 0 ? facts.declaredValueFen : facts.insured ? 0 : uninsuredCapMultiple(policy, facts.paymentTerm, facts.customerTier).multiple * freight;
  const total = value + freight;
  if (!Number.isSafeInteger(total) || total <= 0) return null;
  return Math.min(total, MAX_AMOUNT_FEN);
}
