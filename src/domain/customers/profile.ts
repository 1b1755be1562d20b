/**
 * The words of a customer record (docs/product.md §5): what a profile may say, and the limits the
 * server and the console share. Pure: no I/O.
 */

export const CUSTOMER_KINDS = ['individual', 'enterprise'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** 企业性质, as company registers name them: 国有, 民营, 外资, 合资, 集体, 个体工商户, 事业单位, 其他. */
export const COMPANY_NATURES = ['state_owned', 'private', 'foreign', 'joint_venture', 'collective', 'individual_business', 'public_institution', 'other'] as const;

/** 经营状态 as the enterprise credit register shows it: 存续/在业, 停业, 注销, 吊销. */
export const BUSINESS_STATUSES = ['operating', 'suspended', 'closed', 'revoked'] as const;

/** 信用等级, the carrier's own scale for 月结 customers. */
export const CREDIT_RATINGS = ['AAA', 'AA', 'A', 'B', 'C'] as const;

/** 地址类型: where we pick up, deliver, send the bill, or serve on site. */
export const ADDRESS_KINDS = ['pickup', 'delivery', 'billing', 'service'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

/** A 月结 customer whose address of these kinds moves gets a task to settle the account. */
export const SETTLEMENT_ADDRESS_KINDS: readonly AddressKind[] = ['billing', 'pickup'];

export const CUSTOMER_TEXT_MAX = 200;
export const CUSTOMER_NOTE_MAX = 2000;
export const ADDRESS_MAX = 200;
export const CONTACT_PHONES_MAX = 5;
export const CALLBACK_WINDOWS_MAX = 4;
/** 10 billion yuan, in fen: beyond any credit a carrier extends. */
export const CREDIT_LIMIT_FEN_MAX = 1_000_000_000_000;
export const HEADCOUNT_MAX = 10_000_000;
export const MONTHLY_ACCOUNT_PATTERN = '^[A-Za-z0-9-]{4,32}$';
export const CUSTOMER_SEARCH_MAX = 100;

/** A callback window (HH:MM–HH:MM) that starts before it ends. */
export function callbackWindowValid(window: { from: string; to: string }): boolean {
  return window.from < window.to;
}

/**
 * Whether an address change moves the customer, for the 月结 settlement task: a billing or pickup
 * address whose text or region changed (a new contact person on the same address is no move).
 */
export function addressMoved(
  kind: AddressKind,
  before: { address: string; province: string; city: string | null; district: string | null },
  after: { address: string; province: string; city: string | null; district: string | null },
): boolean {
  if (!SETTLEMENT_ADDRESS_KINDS.includes(kind)) return false;
  const compact = (s: string) => s.replace(/\s+/g, '');
  return (
    compact(before.address) !== compact(after.address) ||
    before.province !== after.province ||
    before.city !== after.city ||
    before.district !== after.district
  );
}
