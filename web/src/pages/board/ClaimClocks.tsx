/**
 * The claims beside the tickets on the supervisor's board (docs/product.md §3, §7): each claim clock
 * past due or past its warning point — the answer, the payment, the statutory complaint limit —
 * with the claim's waybill (opening the claim) and how long is left or how late it is. Reloaded
 * with the board.
 */
import { Card, Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { claimPath, getClaimClockBoard, type ClaimClockAlert } from '../../services/claim-clocks';
import { useRemote } from '../../useRemote';

type Row = ClaimClockAlert & { list: 'breached' | 'atRisk' };

export function ClaimClocks({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const board = useRemote((signal) => getClaimClockBoard(signal), [refreshKey]);
  const data = board.data;
  const rows: Row[] = [...(data?.breached ?? []).map((r) => ({ ...r, list: 'breached' as const })), ...(data?.atRisk ?? []).map((r) => ({ ...r, list: 'atRisk' as const }))];
  const columns: TableProps<Row>['columns'] = [
    {
      title: t('claimClocks.col.due'),
      key: 'due',
      width: 190,
      // A breach recorded before the customer was asked for evidence stays: the clock is paused, so it has no due instant.
      render: (_, r) =>
        r.clock.dueAt ? (
          <Countdown dueAt={r.clock.dueAt} dueSoon testId="claim-clock-countdown" />
        ) : (
          <Typography.Text type="danger">{t('claimClocks.breachedAt', { at: formatDateTime(r.clock.breachedAt ?? r.clock.startedAt) })}</Typography.Text>
        ),
    },
    {
      title: t('claimClocks.col.waybill'),
      key: 'waybill',
      render: (_, r) => (
        <Link to={claimPath(r.claimId)}>
          <strong>{r.waybillNo}</strong>
        </Link>
      ),
    },
    { title: t('claimClocks.col.clock'), key: 'clock', render: (_, r) => t(`claimClocks.clock.${r.clock.kind}` as MessageKey) },
    { title: t('claimClocks.col.type'), key: 'type', render: (_, r) => t(`claimClocks.type.${r.type}` as MessageKey) },
    {
      title: t('claimClocks.col.status'),
      key: 'status',
      render: (_, r) => {
        const status = r.clock.status === 'paused' ? 'paused' : r.list === 'breached' ? 'breached' : 'warning';
        return <Tag color={status === 'warning' ? 'warning' : status === 'paused' ? 'default' : 'error'}>{t(`claimClocks.status.${status}` as MessageKey)}</Tag>;
      },
    },
  ];
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <span>{t('claimClocks.title')}</span>
          <Tag color="error">{t('claimClocks.breached', { n: data?.counts.breached ?? 0 })}</Tag>
          <Tag color="warning">{t('claimClocks.atRisk', { n: data?.counts.atRisk ?? 0 })}</Tag>
        </Flex>
      }
      data-testid="board-claim-clocks"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('claimClocks.hint')}
      </Typography.Paragraph>
      {rows.length === 0 && !board.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claimClocks.none')} />
      ) : (
        <Table<Row>
          rowKey={(r) => `${r.claimId} ${r.clock.kind}`}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={board.loading}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-claim': r.waybillNo }) as never}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        />
      )}
    </Card>
  );
}
