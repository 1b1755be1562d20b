/**
 * The approval inbox (待我审批): the claims the signed-in person's level may decide (the server
 * leaves out their own), oldest first, with the amount to decide; each opens the claim's page,
 * where the decision is taken with what it is judged on in view.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { approvalLevelOf } from '../../../../src/domain/claims/approval';
import { useAuth } from '../../auth';
import { formatAge, formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { claimPath } from '../../paths';
import { approvalInbox, type ClaimSummary } from '../../services/claims';
import type { Role } from '../../shared';
import { useRemote } from '../../useRemote';
import { amountToDecide, approvalLevelLabel, claimantText, ClaimStateTag, ClaimTypeTag, formatYuan } from './labels';

/** Claims per page (the server's default, at most 200). */
const PAGE_SIZE = 50;

export function ApprovalInbox() {
  const t = useT();
  const { locale } = useLocale();
  const { me } = useAuth();
  const navigate = useNavigate();
  const level = me ? approvalLevelOf(me.role as Role) : null;
  // A page at a time, oldest first; the next pages are added below the first on request.
  const inbox = useRemote((signal) => approvalInbox({ pageSize: PAGE_SIZE }, signal), []);
  const [more, setMore] = useState<{ items: ClaimSummary[]; full: boolean }>({ items: [], full: true });
  const [loadingMore, setLoadingMore] = useState(false);
  const first = inbox.data ?? [];
  const items = [...first, ...more.items];
  const canLoadMore = first.length === PAGE_SIZE && more.full;
  useEffect(() => setMore({ items: [], full: true }), [inbox.data]);
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await approvalInbox({ pageSize: PAGE_SIZE, after: items.at(-1)!.id });
      setMore((m) => ({ items: [...m.items, ...page], full: page.length === PAGE_SIZE }));
    } finally {
      setLoadingMore(false);
    }
  };
  const now = Date.now();

  const columns: TableProps<ClaimSummary>['columns'] = [
    {
      title: t('claims.col.waybill'),
      // A waybill number is read whole: a fixed column, never wrapped (the other columns have theirs).
      width: 170,
      fixed: 'left',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      dataIndex: 'waybillNo',
      render: (w: string, c) => (
        <Link to={claimPath(c.id)} onClick={(e) => e.stopPropagation()} data-testid="inbox-link">
          <Typography.Text strong>{w}</Typography.Text>
        </Link>
      ),
    },
    { title: t('claims.col.type'), dataIndex: 'type', width: 120, render: (v: string) => <ClaimTypeTag type={v} /> },
    { title: t('claims.col.claimant'), key: 'claimant', width: 150, render: (_, c) => claimantText(t, c) },
    {
      title: t('claims.col.toDecide'),
      key: 'amount',
      align: 'right',
      width: 150,
      render: (_, c) => (
        <span data-testid="inbox-amount">
          {formatYuan(amountToDecide(c))}
          {c.overrideFen !== null && <Typography.Text type="warning"> {t('claims.overridden')}</Typography.Text>}
        </span>
      ),
    },
    { title: t('claims.col.claimed'), dataIndex: 'claimedFen', align: 'right', width: 120, render: (f: number) => formatYuan(f) },
    { title: t('claims.col.level'), dataIndex: 'requiredLevel', width: 90, render: (l: string) => approvalLevelLabel(l, locale) },
    { title: t('claims.col.state'), dataIndex: 'state', width: 170, render: (s: string) => <ClaimStateTag state={s} /> },
    {
      title: t('claims.col.waiting'),
      dataIndex: 'createdAt',
      width: 130,
      render: (at: string) => <Tooltip title={formatDateTime(at)}>{formatAge(t, now - new Date(at).getTime())}</Tooltip>,
    },
    {
      title: t('common.actions'),
      key: 'open',
      width: 110,
      render: (_, c) => (
        <Button size="small" type="primary" onClick={() => void navigate(claimPath(c.id))}>
          {t('claims.inbox.decide')}
        </Button>
      ),
    },
  ];

  return (
    <Card>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={12} wrap>
        <Alert type="info" showIcon message={t('claims.inbox.hint', { level: level ? approvalLevelLabel(level, locale) : '' })} style={{ flex: 1 }} />
        <Tooltip title={t('common.reload')}>
          <Button icon={<ReloadOutlined />} onClick={inbox.reload} aria-label={t('common.reload')} />
        </Tooltip>
      </Flex>
      <div data-testid="claims-inbox">
        <Table<ClaimSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={inbox.loading}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.inbox.empty')} /> }}
          onRow={(c) => ({ onClick: () => void navigate(claimPath(c.id)), style: { cursor: 'pointer' } })}
        />
        {canLoadMore && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void loadMore()} loading={loadingMore} data-testid="inbox-more">
              {t('claims.inbox.more')}
            </Button>
          </Flex>
        )}
      </div>
    </Card>
  );
}
