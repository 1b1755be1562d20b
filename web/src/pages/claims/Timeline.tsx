/**
 * A claim's timeline: the steps on its ticket's timeline that belong to this claim (opened,
 * evidence added and reviewed, asked for more, override, decision, settlement, responsibility,
 * chargeback, reversal), each with who did it and when, in the console's language.
 */
import { Card, Empty, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useLocale, useT, type Locale, type Translate } from '../../i18n';
import type { TimelineEntry } from '../../services/tickets';
import { claimStateLabel, evidenceItemLabel, evidenceReviewLabel, formatYuan } from './labels';

/** The entries of the ticket's timeline about claim `claimId`. */
export function claimEntries(timeline: readonly TimelineEntry[], claimId: string): TimelineEntry[] {
  return timeline.filter((e) => e.kind.startsWith('claim_') && e.detail.claimId === claimId);
}

/** Who did the last entry of `kind` (matching `detail`) — the names the claim's record keeps as ids. */
export function actorOf(entries: readonly TimelineEntry[], kind: string, match: (e: TimelineEntry) => boolean = () => true): string | null {
  const found = [...entries].reverse().find((e) => e.kind === kind && match(e));
  return found ? found.actorName || null : null;
}

function title(t: Translate, locale: Locale, e: TimelineEntry): string {
  const amount = (v: unknown) => formatYuan(Number(v ?? 0));
  switch (e.kind) {
    case 'claim_opened':
      return t('claims.event.opened', { state: claimStateLabel(e.to ?? '', locale) });
    case 'claim_evidence':
      return t('claims.event.evidence', { item: evidenceItemLabel(e.to ?? '', locale) });
    case 'claim_evidence_review':
      return t('claims.event.review', { item: evidenceItemLabel(e.from ?? '', locale), review: evidenceReviewLabel(e.to ?? '', locale) });
    case 'claim_state':
      return t('claims.event.state', { from: claimStateLabel(e.from ?? '', locale), to: claimStateLabel(e.to ?? '', locale) });
    case 'claim_override':
      return t('claims.event.override', { from: amount(e.from), to: amount(e.to) });
    case 'claim_decision':
      return e.to === 'approved' ? t('claims.event.approved', { amount: amount(e.detail.amountFen) }) : t('claims.event.rejected');
    case 'claim_settled':
      return t('claims.event.settled', { amount: amount(e.detail.totalFen) });
    case 'claim_responsibility':
      return t('claims.event.responsibility', { station: e.to ?? '' });
    case 'claim_chargeback':
      return t('claims.event.chargeback', { station: e.to ?? '', amount: amount(e.detail.amountFen) });
    case 'claim_reversal':
      return t('claims.event.reversal');
    default:
      return e.kind;
  }
}

/** Bodies that are data rather than words (the opening's summary, the settlement's entries): the title says them. */
const NO_BODY = new Set(['claim_opened', 'claim_settled']);

export function ClaimTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Card size="small" title={t('claims.timeline.title')} data-testid="claim-timeline">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.timeline.empty')} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.id,
            color: e.kind === 'claim_decision' ? (e.to === 'approved' ? 'green' : 'red') : e.kind === 'claim_settled' ? 'green' : 'blue',
            content: (
              <div data-testid="claim-event" data-kind={e.kind}>
                <Typography.Text strong>{title(t, locale, e)}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {e.actorName || t('claims.timeline.system')}
                </Typography.Text>
                {e.body && !NO_BODY.has(e.kind) && <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>{e.body}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
