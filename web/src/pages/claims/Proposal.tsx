/**
 * The compensation proposal (赔偿建议): computed by the claims policy's rules when the claim was
 * opened, line by line — each names its rule, its source and its amount (a cap is a negative line) —
 * and the total their sum. An agent's override (another amount, with a reason) is shown beside it,
 * never in its place, and sends the decision one level up.
 */
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { overrideProposal, type ClaimDetail } from '../../services/claims';
import { readableSource } from '../policies/parts';
import { fenFromYuan, StepDialog } from './dialogs';
import { approvalLevelLabel, formatYuan, yuan } from './labels';

type Line = ClaimDetail['proposal']['lines'][number];

export function ProposalCard({ claim, overriddenBy, onChanged }: { claim: ClaimDetail; overriddenBy: string | null; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [overriding, setOverriding] = useState(false);
  const { proposal, override } = claim;

  return (
    <Card
      size="small"
      title={t('claims.proposal.title', { version: claim.policyVersion })}
      extra={
        claim.can.includes('override') && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setOverriding(true)} data-testid="claim-override">
            {t('claims.proposal.override')}
          </Button>
        )
      }
      data-testid="claim-proposal"
    >
      <Row gutter={16}>
        <Col xs={24} xl={override ? 15 : 24}>
          {proposal.treatedAsLoss && <Tag color="volcano" style={{ marginBottom: 8 }}>{t('claims.proposal.asLoss')}</Tag>}
          <Table<Line>
            size="small"
            rowKey={(l, i) => `${l.code}-${i}`}
            pagination={false}
            dataSource={proposal.lines}
            columns={[
              { title: t('claims.proposal.rule'), dataIndex: 'text', render: (text: string) => <span data-testid="proposal-line">{text}</span> },
              {
                title: t('claims.proposal.source'),
                dataIndex: 'source',
                width: '38%',
                render: (s: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{readableSource(s)}</Typography.Text>,
              },
              {
                title: t('claims.proposal.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                width: 130,
                render: (f: number) => <Typography.Text type={f < 0 ? 'danger' : undefined}>{formatYuan(f)}</Typography.Text>,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>{t('claims.proposal.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong data-testid="proposal-total">{formatYuan(proposal.totalFen)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('claims.proposal.unit')}
          </Typography.Text>
        </Col>
        {override && (
          <Col xs={24} xl={9}>
            <Alert
              type="warning"
              data-testid="claim-override-shown"
              message={t('claims.proposal.overrideTitle')}
              description={
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('claims.proposal.overrideAmount')}>
                    <Typography.Text strong>{yuan(override.amountFen, locale)}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('claims.proposal.insteadOf')}>{yuan(proposal.totalFen, locale)}</Descriptions.Item>
                  <Descriptions.Item label={t('claims.form.reason')}>{override.reason}</Descriptions.Item>
                  <Descriptions.Item label={t('claims.proposal.overriddenBy')}>{overriddenBy ?? t('common.none')}</Descriptions.Item>
                  <Descriptions.Item label={t('claims.proposal.decidedAt')}>{approvalLevelLabel(claim.requiredLevel, locale)}</Descriptions.Item>
                </Descriptions>
              }
            />
          </Col>
        )}
      </Row>
      {overriding && (
        <StepDialog
          title={t('claims.proposal.override')}
          okText={t('common.save')}
          intro={t('claims.proposal.overrideIntro', { total: yuan(proposal.totalFen, locale), claimed: yuan(claim.claimedFen, locale) })}
          amount={{ label: t('claims.proposal.overrideAmount'), initial: (override?.amountFen ?? proposal.totalFen) / 100, max: claim.claimedFen / 100 }}
          testId="override-dialog"
          onSubmit={(v) => overrideProposal(claim.id, claim.version, fenFromYuan(v.amountYuan), v.reason?.trim() ?? '')}
          onClosed={(saved) => {
            setOverriding(false);
            if (saved) onChanged();
          }}
        />
      )}
    </Card>
  );
}
