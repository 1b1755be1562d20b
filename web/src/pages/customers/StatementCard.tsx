/**
 * A monthly account's statement (月结对账单, docs/product.md §5): for one of the customer's monthly
 * accounts and a month, the credit notes (冲账) its settled claims gave it and their reversals, each
 * with its claim and waybill, and the month's total. Read by whoever reads the customer.
 */
import { Card, Empty, Flex, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { fenToYuan, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { claimPath } from '../../services/claim-clocks';
import { getMonthlyStatement, type StatementLine } from '../../services/statements';
import { useDisplayTimeZone } from '../../time-zone';
import { useRemote } from '../../useRemote';

/** This month and the eleven before it, newest first, in the company's zone. */
function recentMonths(timeZone: string, now = new Date()): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(year, month - 1 - i, 1)).toISOString().slice(0, 7));
}

export function StatementCard({ customerId, accounts }: { customerId: string; accounts: string[] }) {
  const t = useT();
  const zone = useDisplayTimeZone();
  const months = useMemo(() => recentMonths(zone), [zone]);
  const [month, setMonth] = useState(months[0]!);
  const [account, setAccount] = useState(accounts[0]!);
  const statement = useRemote((signal) => getMonthlyStatement(customerId, account, month, signal), [customerId, account, month]);
  const lines = statement.data?.lines ?? [];

  const columns: TableProps<StatementLine>['columns'] = [
    { title: t('statement.col.at'), key: 'at', width: 170, render: (_, l) => formatDateTime(l.at).slice(0, 16) },
    { title: t('statement.col.kind'), key: 'kind', width: 120, render: (_, l) => <Tag color={l.kind === 'reversal' ? 'orange' : 'green'}>{t(l.kind === 'reversal' ? 'statement.kind.reversal' : 'statement.kind.credit_note')}</Tag> },
    { title: t('statement.col.waybill'), dataIndex: 'waybillNo', width: 170 },
    { title: t('statement.col.claim'), key: 'claim', width: 110, render: (_, l) => <Link to={claimPath(l.claimId)}>{t('statement.openClaim')}</Link> },
    {
      title: t('statement.col.amount'),
      key: 'amount',
      align: 'right',
      width: 140,
      render: (_, l) => (
        <Typography.Text type={l.creditFen < 0 ? 'danger' : 'success'} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {l.creditFen > 0 ? '+' : ''}
          {fenToYuan(l.creditFen)}
        </Typography.Text>
      ),
    },
    { title: t('statement.col.reference'), dataIndex: 'reference', ellipsis: { showTitle: true } },
  ];

  return (
    <Card size="small" data-testid="customer-statement">
      <Flex vertical gap={12}>
        <Space wrap>
          <span>{t('statement.account')}</span>
          <Select value={account} onChange={setAccount} options={accounts.map((a) => ({ value: a, label: a }))} style={{ minWidth: 160 }} data-testid="statement-account" />
          <span>{t('statement.month')}</span>
          <Select value={month} onChange={setMonth} options={months.map((m) => ({ value: m, label: m }))} style={{ width: 120 }} data-testid="statement-month" />
        </Space>
        <Typography.Text type="secondary">{t('statement.hint')}</Typography.Text>
        <Table<StatementLine>
          rowKey="entryId"
          size="small"
          columns={columns}
          dataSource={lines}
          loading={statement.loading}
          pagination={lines.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statement.none')} /> }}
        />
        {statement.data && (
          <Typography.Text strong data-testid="statement-total">
            {t('statement.total', { amount: fenToYuan(statement.data.totalCreditFen) })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
