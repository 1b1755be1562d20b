/**
 * The decision and the money of a claim: who approved or rejected it, when and why; settlement by
 * the parcel's payment term (寄付 a payout with its reference, 到付 a deduction from the freight still
 * to collect, 月结 a credit note on the monthly account) and the append-only ledger, each entry
 * reversible only by a new reversing entry. Buttons only for what the server says the caller may do.
 */
import { RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { reverseEntry, settleClaim, type ClaimDetail, type LedgerEntry } from '../../services/claims';
import { StepDialog } from './dialogs';
import { factsOf } from './Facts';
import { formatYuan, ledgerKindLabel, paymentTermLabel, yuan } from './labels';

export function DecisionCard({ claim, decidedBy }: { claim: ClaimDetail; decidedBy: string | null }) {
  const t = useT();
  const { locale } = useLocale();
  const d = claim.decision;
  if (!d) return null;
  const approved = d.approvedFen !== null;
  return (
    <Card size="small" title={t('claims.decision.title')} data-testid="claim-decision">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('claims.decision.outcome')}>
          <Tag color={approved ? 'green' : 'red'}>{approved ? t('claims.decision.approved') : t('claims.decision.rejected')}</Tag>
        </Descriptions.Item>
        {approved && <Descriptions.Item label={t('claims.decision.amount')}>{yuan(d.approvedFen, locale)}</Descriptions.Item>}
        <Descriptions.Item label={t('claims.decision.by')}>{decidedBy ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('claims.decision.at')}>{formatDateTime(d.at)}</Descriptions.Item>
        {d.reason && (
          <Descriptions.Item label={t('claims.form.reason')} span={2}>
            {d.reason}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

export function SettlementCard({ claim, onChanged }: { claim: ClaimDetail; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [settling, setSettling] = useState(false);
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const f = factsOf(claim);
  const term = f.paymentTerm ?? 'sender_pays';
  const reversed = new Set(claim.ledger.map((e) => e.reversesEntryId).filter(Boolean));
  const mayReverse = claim.can.includes('reverse');
  const entries = claim.ledger;
  // 寄付 pays out; 到付 deducts the freight still to collect (paid out beyond it, or all once collected); 月结 credits the account.
  const needsReference = term === 'sender_pays' || (term === 'collect' && (Boolean(f.deliveredAt) || (claim.approvedFen ?? 0) > (f.freightFen ?? 0)));
  const how =
    term === 'monthly'
      ? t('claims.settle.monthly', { account: f.monthlyAccount ?? t('claims.facts.noAccount') })
      : term === 'collect'
        ? f.deliveredAt
          ? t('claims.settle.collectCollected')
          : t('claims.settle.collect', { freight: yuan(f.freightFen ?? 0, locale) })
        : t('claims.settle.senderPays');

  return (
    <Card
      size="small"
      title={t('claims.settle.title', { term: paymentTermLabel(term, locale) })}
      extra={
        claim.can.includes('settle') && (
          <Button type="primary" size="small" onClick={() => setSettling(true)} data-testid="claim-settle">
            {t('claims.settle.action')}
          </Button>
        )
      }
      data-testid="claim-settlement"
    >
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={claim.state === 'approved' ? how : t('claims.settle.none')} />
      ) : (
        <Table<LedgerEntry>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={entries}
          scroll={{ x: 600 }}
          columns={[
            {
              title: t('claims.ledger.kind'),
              dataIndex: 'kind',
              width: 150,
              render: (k: string, e) => (
                <Flex gap={4} wrap>
                  <span data-testid="ledger-kind" data-kind={k}>{ledgerKindLabel(k, locale)}</span>
                  {reversed.has(e.id) && <Tag color="default">{t('claims.ledger.reversed')}</Tag>}
                </Flex>
              ),
            },
            {
              title: t('claims.ledger.amount'),
              dataIndex: 'amountFen',
              align: 'right',
              width: 110,
              render: (a: number, e) => (
                <Typography.Text type={e.direction === 'in' ? 'success' : undefined} data-testid="ledger-amount">
                  {e.direction === 'in' ? '+' : '−'}
                  {formatYuan(a)}
                </Typography.Text>
              ),
            },
            { title: t('claims.ledger.reference'), dataIndex: 'reference', render: (r: string, e) => (e.station ? `${r}（${e.station}）` : r) },
            { title: t('claims.ledger.at'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
            ...(mayReverse
              ? [
                  {
                    title: t('common.actions'),
                    key: 'reverse',
                    width: 100,
                    render: (_: unknown, e: LedgerEntry) =>
                      e.kind !== 'reversal' && !reversed.has(e.id) ? (
                        <Button size="small" icon={<RollbackOutlined />} onClick={() => setReversing(e)} data-testid="ledger-reverse">
                          {t('claims.ledger.reverse')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {entries.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('claims.ledger.note')}
        </Typography.Text>
      )}
      {settling && (
        <StepDialog
          title={t('claims.settle.action')}
          okText={t('claims.settle.confirm', { amount: yuan(claim.approvedFen, locale) })}
          intro={how}
          reason="none"
          reference={needsReference ? { required: true } : undefined}
          testId="settle-dialog"
          onSubmit={(v, key) => settleClaim(claim.id, key, v.reference?.trim())}
          onClosed={(saved) => {
            setSettling(false);
            if (saved) onChanged();
          }}
        />
      )}
      {reversing && (
        <StepDialog
          title={t('claims.ledger.reverseTitle', { kind: ledgerKindLabel(reversing.kind, locale), amount: yuan(reversing.amountFen, locale) })}
          okText={t('claims.ledger.reverse')}
          danger
          intro={t('claims.ledger.reverseIntro')}
          testId="reverse-dialog"
          onSubmit={(v, key) => reverseEntry(claim.id, key, reversing.id, v.reason?.trim() ?? '')}
          onClosed={(saved) => {
            setReversing(null);
            if (saved) onChanged();
          }}
        />
      )}
    </Card>
  );
}
