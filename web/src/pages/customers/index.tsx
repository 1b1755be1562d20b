/**
 * Customers (客户): find a customer by name, phone, monthly account or credit code, or list the
 * newest (an account manager: their own); a click opens the customer view. Above the list, the
 * tasks the signed-in person is to do.
 */
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Input, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { customerPath } from '../../paths';
import { listCustomerTasks, searchCustomers, type CustomerSummary } from '../../services/customers';
import { PAGE_SIZE_MAX } from '../../shared';
import { positiveInt, useQueryState } from '../../url-params';
import { useRemote } from '../../useRemote';
import { CustomerFormModal } from './CustomerModals';
import { customerKindLabel, matchedByLabel } from './labels';
import { TasksCard } from './TasksCard';
import { tierLabel } from '../tickets/parts';

const DEFAULT_PAGE_SIZE = 20;

export default function CustomersPage() {
  const t = useT();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params, setQuery] = useQueryState(DEFAULT_PAGE_SIZE);
  const q = params.get('q') ?? '';
  const mine = params.get('mine') === '1';
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX);
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const mayEdit = can('customers.edit');
  useDocumentTitle(t('customers.title'));
  useEffect(() => setSearch(q), [q]);

  const customers = useRemote((signal) => searchCustomers({ q: q || undefined, mine, page, pageSize }, signal), [q, mine, page, pageSize]);
  const tasks = useRemote((signal) => (mayEdit ? listCustomerTasks('open', signal) : Promise.resolve({ items: [] })), [mayEdit]);

  const columns: TableProps<CustomerSummary>['columns'] = [
    {
      title: t('customers.col.name'),
      key: 'name',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={customerPath(c.id)} onClick={(e) => e.stopPropagation()}>
            <strong>{c.name}</strong>
          </Link>
          <Space size={4}>
            <Tag>{customerKindLabel(t, c.kind)}</Tag>
            {c.tier === 'key' && <Tag color="gold">{tierLabel(t, c.tier)}</Tag>}
          </Space>
        </Space>
      ),
    },
    { title: t('customers.col.phone'), dataIndex: 'phone', width: 140, render: (p: string | null) => p ?? t('common.none') },
    {
      title: t('customers.col.accounts'),
      dataIndex: 'monthlyAccounts',
      width: 160,
      render: (a: string[]) => (a.length ? a.join('、') : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
    { title: t('customers.col.creditCode'), dataIndex: 'creditCode', width: 190, render: (c: string | null) => (c ? <Typography.Text code>{c}</Typography.Text> : t('common.none')) },
    { title: t('customers.col.manager'), key: 'manager', width: 110, render: (_, c) => c.accountManager?.displayName ?? t('common.none') },
    ...(q ? [{ title: t('customers.col.matchedBy'), key: 'matchedBy', width: 110, render: (_: unknown, c: CustomerSummary) => (c.matchedBy ? matchedByLabel(t, c.matchedBy) : '') }] : []),
  ];

  const items = customers.data?.items ?? [];
  const total = (page - 1) * pageSize + items.length + (customers.data?.hasMore ? 1 : 0);

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
              {t('customers.new')}
            </Button>
          )
        }
      />
      <TasksCard tasks={tasks.data?.items} onChanged={tasks.reload} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Space.Compact style={{ width: 440, maxWidth: '100%' }}>
            <Input
              allowClear
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                if (event.target.value === '' && q) setQuery({ q: undefined, page: 1 });
              }}
              onPressEnter={() => setQuery({ q: search.trim(), page: 1 })}
              placeholder={t('customers.searchPlaceholder')}
              prefix={<SearchOutlined />}
              aria-label={t('customers.searchPlaceholder')}
              data-testid="customer-search"
            />
            <Button type="primary" onClick={() => setQuery({ q: search.trim(), page: 1 })} data-testid="customer-search-submit">
              {t('common.search')}
            </Button>
          </Space.Compact>
          {mayEdit && (
            <Checkbox checked={mine} onChange={(e) => setQuery({ mine: e.target.checked ? '1' : undefined, page: 1 })} data-testid="customer-mine">
              {t('customers.mine')}
            </Checkbox>
          )}
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={customers.reload} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
        <div data-testid="customer-results">
          <Table<CustomerSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={customers.loading}
            scroll={{ x: 860 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('customers.noMatch', { q }) : t('customers.none')} /> }}
            onRow={(c) => ({ onClick: () => void navigate(customerPath(c.id)), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, PAGE_SIZE_MAX] }}
            onChange={(pagination) => setQuery({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? DEFAULT_PAGE_SIZE })}
          />
        </div>
      </Card>
      {creating && (
        <CustomerFormModal
          canAssign={can('customers.manage')}
          onDone={(saved) => {
            setCreating(false);
            if (saved) customers.reload();
          }}
        />
      )}
    </>
  );
}
