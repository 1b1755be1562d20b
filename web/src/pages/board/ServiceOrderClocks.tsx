/**
 * The service notifications beside the tickets and claims on the supervisor's board (docs/product.md
 * §4): each required start or expected end past due or past its warning point, with the
 * notification's number (opening it), its work center, and how long is left or how late it is; a
 * Z2 escalated to its sales office says so. Reloaded with the board.
 */
import { Card, Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { getServiceClockBoard, type ServiceClockBoard } from '../../services/service-orders';
import { useRemote } from '../../useRemote';

type Row = ServiceClockBoard['breached'][number] & { list: 'breached' | 'atRisk' };

export function ServiceOrderClocks({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const board = useRemote((signal) => getServiceClockBoard(signal), [refreshKey]);
  const data = board.data;
  const rows: Row[] = [...(data?.breached ?? []).map((r) => ({ ...r, list: 'breached' as const })), ...(data?.atRisk ?? []).map((r) => ({ ...r, list: 'atRisk' as const }))];
  const columns: TableProps<Row>['columns'] = [
    { title: t('soClocks.col.due'), key: 'due', width: 190, render: (_, r) => <Countdown dueAt={r.clock.dueDate} dueSoon testId="so-clock-countdown" /> },
    {
      title: t('soClocks.col.number'),
      key: 'number',
      render: (_, r) => (
        <Flex vertical>
          <Link to={`/service-orders/${r.notificationId}`}>
            <strong>{r.number}</strong>
          </Link>
          <Typography.Text type="secondary">{`${r.type} · ${r.shortText}`}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('soClocks.col.clock'), key: 'clock', render: (_, r) => t(`soClocks.clock.${r.clock.kind}` as MessageKey) },
    { title: t('soClocks.col.workCenter'), key: 'wc', render: (_, r) => r.workCenter },
    {
      title: t('soClocks.col.status'),
      key: 'status',
      render: (_, r) => (
        <Flex vertical gap={4}>
          <Tag color={r.list === 'breached' ? 'error' : 'warning'}>{t(r.list === 'breached' ? 'soClocks.status.breached' : 'soClocks.status.warning')}</Tag>
          {r.clock.escalatedAt && <Typography.Text type="danger">{t('soClocks.escalated', { at: formatDateTime(r.clock.escalatedAt) })}</Typography.Text>}
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <span>{t('soClocks.title')}</span>
          <Tag color="error">{t('soClocks.breached', { n: data?.counts.breached ?? 0 })}</Tag>
          <Tag color="warning">{t('soClocks.atRisk', { n: data?.counts.atRisk ?? 0 })}</Tag>
        </Flex>
      }
      data-testid="board-service-clocks"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('soClocks.hint')}
      </Typography.Paragraph>
      {rows.length === 0 && !board.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('soClocks.none')} />
      ) : (
        <Table<Row>
          rowKey={(r) => `${r.notificationId} ${r.clock.kind}`}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={board.loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        />
      )}
    </Card>
  );
}
