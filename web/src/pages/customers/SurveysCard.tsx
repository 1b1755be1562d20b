/**
 * The surveys sent to a customer on the customer view (客户360): each invitation, answered or not,
 * with the scores the customer gave (NPS 0–10, CSAT 1–5, CES 1–7); the customer's text answers stay
 * on the survey's own answers page. A reader who does not read survey results is told so.
 */
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import type { CustomerView } from '../../services/customers';
import { tierLabel } from '../tickets/parts';

type Surveys = CustomerView['surveys'];
type Line = Extract<Surveys, { available: true }>['items'][number];

const STATUS_COLOR = { answered: 'green', open: 'blue', closed: 'default' } as const;
const SCALE = { nps: 10, csat: 5, ces: 7 } as const;

export function SurveysCard({ surveys }: { surveys: Surveys }) {
  const t = useT();
  if (!surveys.available) {
    return (
      <Card size="small" data-testid="customer-surveys">
        <Typography.Text type="secondary">{t('customers.surveys.notPermitted')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" data-testid="customer-surveys">
      <Table<Line>
        rowKey="invitationId"
        size="small"
        pagination={false}
        dataSource={surveys.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.surveys.none')} /> }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('customers.surveys.col.title'), key: 'title', render: (_, s) => <Link to={`/surveys/${s.campaignId}`}>{s.title}</Link> },
          { title: t('customers.surveys.col.sentAt'), key: 'sentAt', width: 150, render: (_, s) => (s.sentAt ? formatDateTime(s.sentAt).slice(0, 16) : '—') },
          {
            title: t('customers.surveys.col.status'),
            key: 'status',
            width: 170,
            render: (_, s) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[s.status]}>{t(`customers.surveys.status.${s.status}`)}</Tag>
                {s.answeredAt && <Typography.Text type="secondary">{formatDateTime(s.answeredAt).slice(0, 16)}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('customers.surveys.col.scores'),
            key: 'scores',
            render: (_, s) =>
              s.status !== 'answered' ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Space size={4} wrap>
                  {s.scores.map((q) => (
                    <Tag key={q.questionId} title={t('customers.surveys.scoreTitle', { kind: q.kind.toUpperCase(), max: SCALE[q.kind] })}>
                      {q.kind.toUpperCase()} {q.value ?? '—'}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          { title: t('customers.surveys.col.whenAsked'), key: 'asked', width: 180, render: (_, s) => `${tierLabel(t, s.tier)}${s.accountManager ? ` · ${s.accountManager}` : ''}` },
        ]}
      />
    </Card>
  );
}
