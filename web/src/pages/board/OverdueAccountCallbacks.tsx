/**
 * Planned callbacks (回访) to key accounts that are overdue, the oldest first, with the account
 * manager who owes each and how many days late (docs/product.md §5). Reloaded with the board.
 */
import { Card, Empty, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { customerPath } from '../../paths';
import { getOverdueAccountCallbacks, type ListedAccountCallback } from '../../services/desk';
import { useRemote } from '../../useRemote';

export function OverdueAccountCallbacks({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const overdue = useRemote((signal) => getOverdueAccountCallbacks(signal), [refreshKey]);
  const items = overdue.data?.items ?? [];
  const columns: TableProps<ListedAccountCallback>['columns'] = [
    { title: t('desk.overdue.col.customer'), key: 'customer', render: (_, r) => <Link to={customerPath(r.customerId)}>{r.customerName}</Link> },
    { title: t('desk.overdue.col.manager'), key: 'manager', width: 140, render: (_, r) => r.accountManager?.displayName ?? t('desk.overdue.noManager') },
    { title: t('desk.overdue.col.due'), dataIndex: 'dueDate', width: 120 },
    { title: t('desk.overdue.col.late'), key: 'late', width: 110, render: (_, r) => <Tag color="red">{t('desk.overdue.days', { n: r.daysOverdue })}</Tag> },
  ];
  return (
    <Card title={t('desk.overdue.title')} data-testid="overdue-account-callbacks">
      {items.length === 0 && !overdue.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.overdue.none')} />
      ) : (
        <Table rowKey="id" size="small" columns={columns} dataSource={items} loading={overdue.loading} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      )}
    </Card>
  );
}
