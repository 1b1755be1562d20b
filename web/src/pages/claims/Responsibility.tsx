/**
 * Responsibility and chargeback (责任判定/追偿): the station proposed from the scan trail when the
 * claim was opened and why, the station a supervisor confirmed or changed with a reason, and the
 * chargeback to it — an entry of the claim's ledger, never above the compensation paid.
 */
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { chargeBack, decideResponsibility, type ClaimDetail } from '../../services/claims';
import { fenFromYuan, StepDialog } from './dialogs';
import { responsibilityBasisLabel, yuan } from './labels';

export function ResponsibilityCard({ claim, decidedBy, onChanged }: { claim: ClaimDetail; decidedBy: string | null; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [dialog, setDialog] = useState<'responsibility' | 'chargeback' | null>(null);
  const r = claim.responsibility;
  const paid = claim.ledger.reduce((sum, e) => {
    if (e.station) return sum;
    return e.kind === 'reversal' ? sum - e.amountFen : sum + e.amountFen;
  }, 0);
  const charged = claim.ledger.reduce((sum, e) => (!e.station ? sum : e.kind === 'reversal' ? sum - e.amountFen : sum + e.amountFen), 0);
  const close = (saved: boolean) => {
    setDialog(null);
    if (saved) onChanged();
  };

  return (
    <Card
      size="small"
      title={t('claims.responsibility.title')}
      data-testid="claim-responsibility"
      extra={
        <Space size={8}>
          {claim.can.includes('responsibility') && (
            <Button size="small" onClick={() => setDialog('responsibility')} data-testid="responsibility-decide">
              {r.station ? t('claims.responsibility.change') : t('claims.responsibility.confirm')}
            </Button>
          )}
          {claim.can.includes('chargeback') && (
            <Button size="small" onClick={() => setDialog('chargeback')} data-testid="claim-chargeback">
              {t('claims.responsibility.chargeback')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('claims.responsibility.proposed')}>
          {r.proposedStation ? (
            <>
              {r.proposedStation} <Tag style={{ marginInlineStart: 6 }}>{responsibilityBasisLabel(r.proposedBasis, locale)}</Tag>
            </>
          ) : (
            t('claims.responsibility.noProposal')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.responsibility.decided')}>
          {r.station ? <span data-testid="responsibility-station">{r.station}</span> : <Tag color="orange">{t('claims.responsibility.undecided')}</Tag>}
        </Descriptions.Item>
        {r.station && (
          <>
            <Descriptions.Item label={t('claims.form.reason')}>{r.reason}</Descriptions.Item>
            <Descriptions.Item label={t('claims.decision.by')}>
              {decidedBy ?? t('common.none')} · {formatDateTime(r.at)}
            </Descriptions.Item>
          </>
        )}
        {charged !== 0 && <Descriptions.Item label={t('claims.responsibility.charged')}>{yuan(charged, locale)}</Descriptions.Item>}
      </Descriptions>
      {dialog === 'responsibility' && (
        <StepDialog
          title={t('claims.responsibility.title')}
          okText={t('common.save')}
          station={{ initial: r.station ?? r.proposedStation ?? '' }}
          intro={r.proposedStation ? t('claims.responsibility.intro', { station: r.proposedStation, basis: responsibilityBasisLabel(r.proposedBasis, locale) }) : undefined}
          testId="responsibility-dialog"
          onSubmit={(v) => decideResponsibility(claim.id, claim.version, v.station?.trim() ?? '', v.reason?.trim() ?? '')}
          onClosed={close}
        />
      )}
      {dialog === 'chargeback' && (
        <StepDialog
          title={t('claims.responsibility.chargebackTitle', { station: r.station ?? '' })}
          okText={t('claims.responsibility.chargeback')}
          intro={t('claims.responsibility.chargebackIntro', { paid: yuan(paid, locale), charged: yuan(charged, locale) })}
          amount={{ label: t('claims.responsibility.chargebackAmount'), initial: Math.max(0, paid - charged) / 100, max: Math.max(0, paid - charged) / 100 }}
          reasonLabel={t('claims.responsibility.chargebackReason')}
          testId="chargeback-dialog"
          onSubmit={(v, key) => chargeBack(claim.id, key, fenFromYuan(v.amountYuan), v.reason?.trim() ?? '')}
          onClosed={close}
        />
      )}
    </Card>
  );
}
