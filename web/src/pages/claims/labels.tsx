/**
 * How the claims pages word the claims core's codes: the labels live once in
 * src/domain/claims/labels.ts (the server's messages, these pages and the customer pages read the
 * same words), taken here in the console's language. Money is whole fen, shown as yuan with two
 * decimals.
 */
import { Tag } from 'antd';
import {
  APPROVAL_LEVEL_LABELS,
  CLAIM_STATE_LABELS,
  CLAIM_TYPE_LABELS,
  EVIDENCE_ITEM_LABELS,
  EVIDENCE_NEED_LABELS,
  EVIDENCE_REVIEW_LABELS,
  formatYuan,
  LEDGER_KIND_LABELS,
  PAYMENT_TERM_LABELS,
  RESPONSIBILITY_BASIS_LABELS,
  type ClaimLabel,
} from '../../../../src/domain/claims/labels';
import { useLocale, type Locale, type Translate } from '../../i18n';

export { formatYuan };

function pick(labels: Record<string, ClaimLabel>, code: string | null | undefined, locale: Locale): string {
  if (!code) return '';
  return labels[code]?.[locale] ?? code;
}

export const claimTypeLabel = (code: string, locale: Locale) => pick(CLAIM_TYPE_LABELS, code, locale);
export const claimStateLabel = (code: string, locale: Locale) => pick(CLAIM_STATE_LABELS, code, locale);
export const evidenceItemLabel = (code: string, locale: Locale) => pick(EVIDENCE_ITEM_LABELS, code, locale);
export const evidenceNeedLabel = (code: string, locale: Locale) => pick(EVIDENCE_NEED_LABELS, code, locale);
export const evidenceReviewLabel = (code: string, locale: Locale) => pick(EVIDENCE_REVIEW_LABELS, code, locale);
export const ledgerKindLabel = (code: string, locale: Locale) => pick(LEDGER_KIND_LABELS, code, locale);
export const paymentTermLabel = (code: string | null | undefined, locale: Locale) => pick(PAYMENT_TERM_LABELS, code, locale);
export const approvalLevelLabel = (code: string, locale: Locale) => pick(APPROVAL_LEVEL_LABELS, code, locale);
export const responsibilityBasisLabel = (code: string | null, locale: Locale) => pick(RESPONSIBILITY_BASIS_LABELS, code, locale);

/** Yuan with the unit in the console's language: "1,234.50 元" / "1,234.50 yuan". */
export function yuan(fen: number | null | undefined, locale: Locale): string {
  if (fen === null || fen === undefined) return '—';
  return locale === 'zh-CN' ? `${formatYuan(fen)} 元` : `${formatYuan(fen)} yuan`;
}

const STATE_COLORS: Record<string, string> = {
  opened: 'blue',
  awaiting_evidence: 'orange',
  evidence_complete: 'cyan',
  proposed: 'gold',
  approved: 'green',
  rejected: 'red',
  disputed: 'magenta',
  settled: 'purple',
  closed: 'default',
};

export function ClaimStateTag({ state }: { state: string }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} style={{ marginInlineEnd: 0 }}>
      {claimStateLabel(state, locale)}
    </Tag>
  );
}

export function ClaimTypeTag({ type }: { type: string }) {
  const { locale } = useLocale();
  return <Tag style={{ marginInlineEnd: 0 }}>{claimTypeLabel(type, locale)}</Tag>;
}

/** The claimant as lists show them: their side of the parcel and their name, masked. */
export function claimantText(t: Translate, c: { claimantSide: string; claimant: string | null }): string {
  const side = c.claimantSide === 'recipient' ? t('claims.side.recipient') : t('claims.side.sender');
  return c.claimant ? `${side} · ${c.claimant}` : side;
}

/** The amount a decision is about: the override when there is one, otherwise the proposal. */
export function amountToDecide(c: { overrideFen: number | null; proposedFen: number }): number {
  return c.overrideFen ?? c.proposedFen;
}
