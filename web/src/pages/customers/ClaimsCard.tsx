/**
 * A customer's claims on the customer view (客户360): the claims on the customer's tickets and
 * parcels with their amounts, each linking to the claim, and the totals. The server lists only the
 * claims whose ticket the reader may read, and counts only those.
 */
import { Card, Empty, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { claimPath } from '../../paths';
import type { CustomerView } from '../../services/customers';
import { ClaimStateTag, ClaimTypeTag, formatYuan } from '../claims/labels';

type Claims = CustomerView['claims'];
type Line = Claims['items'][number];

export function ClaimsCard({ claims }: { claims: Claims }) {
  const t = useT();
  const { totals } = claims;
  return (
    <Card size="small" data-testid="customer-claims">
      <Table<Line>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={claims.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.claims.none')} /> }}
        scroll={{ x: 820 }}
        columns={[
          { title: t('claims.col.waybill'), key: 'waybill', render: (_, c) => <Link to={claimPath(c.id)}>{c.waybillNo}</Link> },
          { title: t('claims.col.type'), key: 'type', width: 110, render: (_, c) => <ClaimTypeTag type={c.type} /> },
          { title: t('claims.col.state'), key: 'state', width: 110, render: (_, c) => <ClaimStateTag state={c.state} /> },
          { title: t('claims.col.claimed'), key: 'claimed', width: 110, align: 'right', render: (_, c) => formatYuan(c.claimedFen) },
          { title: t('claims.col.approved'), key: 'approved', width: 110, align: 'right', render: (_, c) => (c.approvedFen === null ? '—' : formatYuan(c.approvedFen)) },
          { title: t('customers.claims.col.settled'), key: 'settled', width: 110, align: 'right', render: (_, c) => formatYuan(c.settledFen) },
          { title: t('customers.claims.col.openedAt'), key: 'openedAt', width: 150, render: (_, c) => formatDateTime(c.openedAt).slice(0, 16) },
        ]}
        summary={() =>
          claims.items.length === 0 ? null : (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('customers.claims.totals', { count: totals.count })}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{formatYuan(totals.claimedFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{formatYuan(totals.approvedFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{formatYuan(totals.settledFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} />
            </Table.Summary.Row>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {claims.more ? t('customers.claims.more') : t('claims.amountsNote')}
      </Typography.Paragraph>
    </Card>
  );
}
