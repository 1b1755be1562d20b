/**
 * The service notifications list (IW59): filters by type, system status, work center, required
 * start and number, a page at a time; those who work notifications create one (IW51) from here.
 */
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { listServiceOrders, listWorkCenters, type ListColumn, type ListFilters, type NotificationSummary } from '../../services/service-orders';
import { useRemote } from '../../useRemote';
import { CreateNotificationDialog } from './create';
import { DEFAULT_COLUMNS, SavedViews } from './views';

const PAGE_SIZE = 20;
export const SYSTEM_STATUSES = ['outstanding', 'in_process', 'postponed', 'completed'] as const;
const SYSTEM_COLOURS: Record<string, string> = { outstanding: 'default', in_process: 'processing', postponed: 'warning', completed: 'success' };

export function SystemStatusTag({ status }: { status: { code: string; label: string } }) {
  return <Tag color={SYSTEM_COLOURS[status.code] ?? 'default'}>{status.label}</Tag>;
}

export default function ServiceOrdersPage() {
  const t = useT();
  useDocumentTitle(t('so.title'));
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ListFilters>({ systemStatus: undefined });
  const [shown, setShown] = useState<ListColumn[]>(DEFAULT_COLUMNS);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useRemote((signal) => listServiceOrders(filters, page, PAGE_SIZE, signal), [JSON.stringify(filters), page]);
  const centers = useRemote((signal) => listWorkCenters(signal), []);
  const filter = (patch: Partial<ListFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

  const allColumns: (NonNullable<TableProps<NotificationSummary>['columns']>[number] & { key: ListColumn })[] = [
    {
      title: t('so.col.number'),
      key: 'number',
      dataIndex: 'number',
      width: 150,
      render: (number: string, n) => (
        <Link to={`/service-orders/${n.id}`} data-testid={`so-row-${number}`}>
          {number}
        </Link>
      ),
    },
    { title: t('so.col.type'), key: 'type', dataIndex: 'type', width: 70 },
    {
      title: t('so.col.shortText'),
      key: 'shortText',
      dataIndex: 'shortText',
      render: (text: string, n) => (
        <>
          {text} {n.urgent && <Tag color="red">{t('so.urgent')}</Tag>}
        </>
      ),
    },
    { title: t('so.col.userStatus'), key: 'userStatus', width: 120, render: (_, n) => `${n.userStatus.code} ${n.userStatus.label}` },
    { title: t('so.col.systemStatus'), key: 'systemStatus', width: 110, render: (_, n) => <SystemStatusTag status={n.systemStatus} /> },
    { title: t('so.col.soldTo'), key: 'soldTo', render: (_, n) => n.soldTo.name },
    { title: t('so.field.shipTo'), key: 'shipTo', render: (_, n) => n.shipTo.name },
    { title: t('so.col.workCenter'), key: 'mainWorkCenter', width: 110, render: (_, n) => n.mainWorkCenter.code },
    { title: t('so.field.responsible'), key: 'responsible', width: 110, render: (_, n) => n.responsible?.name ?? '—' },
    { title: t('so.col.requiredStart'), key: 'requiredStart', dataIndex: 'requiredStart', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('so.col.expectedEnd'), key: 'expectedEnd', dataIndex: 'expectedEnd', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('soViews.col.createdAt'), key: 'createdAt', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];
  const columns = shown.map((key) => allColumns.find((c) => c.key === key)!).filter(Boolean);

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('so.title')}
        subtitle={t('so.subtitle')}
        extra={
          <Space>
            <Button icon={<CalendarOutlined />} onClick={() => void navigate('/service-orders/plan')} data-testid="so-plan">
              {t('soPlan.open')}
            </Button>
            {can('serviceOrders.work') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="so-new">
                {t('so.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <SavedViews
          filters={filters}
          columns={shown}
          allColumns={allColumns.map((c) => ({ key: c.key, title: String(c.title) }))}
          onColumns={setShown}
          onApply={(view) => {
            setFilters(view.filters);
            setShown(view.columns);
            setPage(1);
          }}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={filters.type}
            placeholder={t('so.filter.type')}
            style={{ width: 220 }}
            options={(['Z1', 'Z2'] as const).map((type) => ({ value: type, label: t(`so.type.${type}`) }))}
            onChange={(type?: 'Z1' | 'Z2') => filter({ type })}
            data-testid="so-filter-type"
          />
          <Select
            allowClear
            value={filters.systemStatus}
            placeholder={t('so.filter.systemStatus')}
            style={{ width: 150 }}
            options={SYSTEM_STATUSES.map((s) => ({ value: s, label: t(`so.status.${s}`) }))}
            onChange={(systemStatus?: string) => filter({ systemStatus })}
            data-testid="so-filter-status"
          />
          <Select
            allowClear
            value={filters.workCenterId}
            placeholder={t('so.filter.workCenter')}
            style={{ width: 200 }}
            options={(centers.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
            onChange={(workCenterId?: string) => filter({ workCenterId })}
          />
          <DatePicker.RangePicker
            value={filters.startFrom && filters.startTo ? [dayjs(filters.startFrom), dayjs(filters.startTo)] : null}
            placeholder={[t('so.filter.start'), t('so.filter.start')]}
            onChange={(range) => filter({ startFrom: day(range?.[0]), startTo: day(range?.[1]) })} />
          <Input.Search allowClear placeholder={t('so.filter.number')} style={{ width: 200 }} onSearch={(v) => filter({ number: /^[12]\d{11}$/.test(v.trim()) ? v.trim() : undefined })} />
        </Flex>
        <Table
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1100 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => t(list.data?.totalCapped ? 'so.list.totalCapped' : 'so.list.total', { n: total.toLocaleString() }),
          }}
          data-testid="so-list"
        />
      </Card>
      {creating && (
        <CreateNotificationDialog
          onClosed={(created) => {
            setCreating(false);
            if (created) {
              void message.success(t('so.created', { number: created.number }));
              void navigate(`/service-orders/${created.id}`);
            }
          }}
        />
      )}
    </Flex>
  );
}
