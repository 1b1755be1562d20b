/**
 * The account managers' desk (docs/product.md §5): my accounts with their health, what needs
 * attention first (a click opens the customer view), the planned callbacks (回访) due this week
 * with the dialog that logs an outcome, and — for those who may assign — the selected accounts
 * handed to an account manager.
 */
import { ArrowDownOutlined, ArrowUpOutlined, ReloadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Radio, Rate, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { customerPath } from '../../paths';
import { listAccountManagers } from '../../services/customers';
import {
  assignAccounts,
  getDeskAccounts,
  getDueAccountCallbacks,
  logAccountCallbackOutcome,
  type CallbackOutcome,
  type DeskAccount,
  type DueAccountCallback,
} from '../../services/desk';
import { useRemote } from '../../useRemote';
import { tierLabel } from '../tickets/parts';
import { labelOrKey } from '../../labels';

/** The callbacks listed: those due within this many days (and every overdue one). */
const DUE_WITHIN_DAYS = 7;
const SCOPE_ALL = 'all';
const SCOPE_UNASSIGNED = 'unassigned';

const percent = (rate: number | null) => (rate === null ? null : `${(rate * 100).toFixed(1)}%`);

function OnTime({ a }: { a: DeskAccount }) {
  const t = useT();
  if (a.onTimeRate30 === null) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const previous = a.onTimeRatePrev30;
  const delta = previous === null ? 0 : a.onTimeRate30 - previous;
  const trend =
    previous === null || Math.abs(delta) < 0.0005 ? null : delta > 0 ? (
      <ArrowUpOutlined style={{ color: '#389e0d' }} aria-label={t('desk.trend.up')} />
    ) : (
      <ArrowDownOutlined style={{ color: '#cf1322' }} aria-label={t('desk.trend.down')} />
    );
  return (
    <Tooltip title={previous === null ? undefined : t('desk.onTimePrevious', { rate: percent(previous) ?? '' })}>
      <Space size={4}>
        {percent(a.onTimeRate30)}
        {trend}
      </Space>
    </Tooltip>
  );
}

function NextCallback({ a, t }: { a: DeskAccount; t: Translate }) {
  if (!a.nextCallback) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <span>{a.nextCallback.dueDate}</span>
      {a.daysOverdue !== null && a.daysOverdue > 0 ? (
        <Typography.Text type="danger" strong data-testid="desk-overdue">
          {t('desk.overdueDays', { n: a.daysOverdue })}
        </Typography.Text>
      ) : (
        a.daysToNextCallback !== null && <Typography.Text type="secondary">{t('desk.inDays', { n: a.daysToNextCallback })}</Typography.Text>
      )}
    </Space>
  );
}

function LogOutcomeModal({ callback, onDone }: { callback: DueAccountCallback; onDone: (saved: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: CallbackOutcome; note?: string; satisfaction?: number; rescheduleTo?: Dayjs }>();
  const outcome = Form.useWatch('outcome', form);
  const { save, modalProps } = useSaveDialog(onDone);
  return (
    <FormModal form={form} title={t('desk.log.title', { name: callback.customerName })} okText={t('desk.log.save')} {...modalProps}>
      <Typography.Paragraph type="secondary">{t('desk.log.due', { date: callback.dueDate })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'reached' }}
        data-testid="callback-outcome-form"
        onFinish={(v) =>
          void save(async () => {
            const result = await logAccountCallbackOutcome(callback.id, {
              outcome: v.outcome,
              note: v.note?.trim() || undefined,
              satisfaction: v.outcome === 'reached' && v.satisfaction ? v.satisfaction : undefined,
              rescheduleTo: v.outcome === 'rescheduled' ? v.rescheduleTo?.format('YYYY-MM-DD') : undefined,
            });
            void message.success(t('desk.log.saved', { date: result.next.dueDate }));
          })
        }
      >
        <Form.Item name="outcome" label={t('desk.log.outcome')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['reached', 'not_reached', 'rescheduled'] as const).map((o) => ({ value: o, label: t(`desk.outcome.${o}`) }))}
          />
        </Form.Item>
        {outcome === 'rescheduled' && (
          <Form.Item name="rescheduleTo" label={t('desk.log.rescheduleTo')} rules={[{ required: true, message: t('desk.log.rescheduleRequired') }]}>
            <DatePicker disabledDate={(d) => d.isBefore(new Date(), 'day')} />
          </Form.Item>
        )}
        {outcome === 'reached' && (
          <Form.Item name="satisfaction" label={t('desk.log.satisfaction')}>
            <Rate count={5} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('desk.log.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} placeholder={t('desk.log.notePlaceholder')} data-testid="callback-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function AssignModal({ customerIds, onDone }: { customerIds: string[]; onDone: (saved: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountManagerId: string }>();
  const managers = useRemote((signal) => listAccountManagers(signal), []);
  const { save, modalProps } = useSaveDialog(onDone);
  return (
    <FormModal form={form} title={t('desk.assign.title', { n: customerIds.length })} okText={t('desk.assign.save')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void save(async () => {
            const result = await assignAccounts(customerIds, v.accountManagerId);
            void message.success(t('desk.assign.saved', { changed: result.changed, unchanged: result.unchanged }));
          })
        }
      >
        <Form.Item name="accountManagerId" label={t('desk.col.manager')} rules={[{ required: true, message: t('desk.assign.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={managers.loading}
            options={(managers.data?.items ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
            data-testid="assign-manager"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export default function DeskPage() {
  const t = useT();
  const navigate = useNavigate();
  const { can } = useAuth();
  const mayAssign = can('customers.manage');
  useDocumentTitle(t('desk.title'));
  // Those who keep every record choose whose accounts: every manager's, one's, or those with none.
  const [scope, setScope] = useState<string>(SCOPE_ALL);
  const accounts = useRemote(
    (signal) => getDeskAccounts(scope === SCOPE_ALL ? {} : scope === SCOPE_UNASSIGNED ? { unassigned: true } : { accountManagerId: scope }, signal),
    [scope],
  );
  const managers = useRemote((signal) => (mayAssign ? listAccountManagers(signal) : Promise.resolve({ items: [] })), [mayAssign]);
  const callbacks = useRemote((signal) => getDueAccountCallbacks(DUE_WITHIN_DAYS, signal), []);
  const [logging, setLogging] = useState<DueAccountCallback | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const columns: TableProps<DeskAccount>['columns'] = [
    {
      title: t('desk.col.customer'),
      key: 'name',
      fixed: 'left',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Link to={customerPath(a.id)} onClick={(e) => e.stopPropagation()} data-testid="desk-account-link">
            <strong>{a.name}</strong>
          </Link>
          {a.tier === 'key' && <Tag color="gold">{tierLabel(t, a.tier)}</Tag>}
        </Space>
      ),
    },
    ...(mayAssign ? [{ title: t('desk.col.manager'), key: 'manager', width: 110, render: (_: unknown, a: DeskAccount) => a.accountManager?.displayName ?? none }] : []),
    { title: t('desk.col.parcels'), key: 'parcels', width: 110, align: 'right', render: (_, a) => `${a.parcels30} / ${a.parcels90}` },
    {
      title: t('desk.col.complaints'),
      key: 'complaints',
      width: 150,
      align: 'right',
      render: (_, a) => (
        <Tooltip title={t('desk.complaintsCount', { c30: a.complaints30, c90: a.complaints90 })}>
          {`${a.complaintsPer1000_30?.toFixed(1) ?? '—'} / ${a.complaintsPer1000_90?.toFixed(1) ?? '—'}`}
        </Tooltip>
      ),
    },
    { title: t('desk.col.onTime'), key: 'onTime', width: 120, align: 'right', render: (_, a) => <OnTime a={a} /> },
    {
      title: t('desk.col.openTickets'),
      key: 'open',
      width: 100,
      align: 'right',
      render: (_, a) => (a.openComplaints > 0 ? <Tooltip title={t('desk.openComplaints', { n: a.openComplaints })}><Typography.Text type="danger">{a.openTickets}</Typography.Text></Tooltip> : a.openTickets),
    },
    {
      title: t('desk.col.lastContact'),
      key: 'contact',
      width: 130,
      render: (_, a) => (a.lastContactAt ? <Tooltip title={formatDateTime(a.lastContactAt)}>{a.daysSinceContact ? t('desk.daysAgo', { n: a.daysSinceContact }) : t('desk.today')}</Tooltip> : none),
    },
    { title: t('desk.col.nextCallback'), key: 'next', width: 130, render: (_, a) => <NextCallback a={a} t={t} /> },
  ];

  const callbackColumns: TableProps<DueAccountCallback>['columns'] = [
    { title: t('desk.col.customer'), key: 'customer', render: (_, c) => <Link to={customerPath(c.customerId)}>{c.customerName}</Link> },
    ...(mayAssign ? [{ title: t('desk.col.manager'), key: 'manager', width: 110, render: (_: unknown, c: DueAccountCallback) => c.accountManager?.displayName ?? none }] : []),
    { title: t('desk.col.cadence'), dataIndex: 'cadence', width: 100, render: (c: string) => labelOrKey(t, `desk.cadence.${c}`, c) },
    {
      title: t('desk.col.due'),
      key: 'due',
      width: 200,
      render: (_, c) => (
        <Space size={8}>
          <span>{formatDate(c.dueAt)}</span>
          {c.daysOverdue > 0 && <Typography.Text type="danger" strong>{t('desk.overdueDays', { n: c.daysOverdue })}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '',
      key: 'action',
      width: 120,
      render: (_, c) => (
        <Button size="small" type="primary" onClick={() => setLogging(c)} data-testid="callback-log">
          {t('desk.log.open')}
        </Button>
      ),
    },
  ];

  const reload = () => {
    accounts.reload();
    callbacks.reload();
  };

  return (
    <>
      <PageHeader
        title={t('desk.title')}
        subtitle={t(mayAssign ? 'desk.subtitleAll' : 'desk.subtitle')}
        extra={
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.reload')} />
          </Tooltip>
        }
      />
      <Card title={t('desk.callbacks.title', { n: DUE_WITHIN_DAYS })} style={{ marginBottom: 16 }} data-testid="desk-callbacks">
        <Table<DueAccountCallback>
          rowKey="id"
          size="small"
          columns={callbackColumns}
          dataSource={callbacks.data?.items ?? []}
          loading={callbacks.loading}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.callbacks.none')} /> }}
        />
      </Card>
      <Card
        title={t(mayAssign ? 'desk.accounts.titleAll' : 'desk.accounts.title', { n: accounts.data?.total ?? 0 })}
        extra={
          mayAssign && (
            <Space>
              <Select
                value={scope}
                onChange={(value) => {
                  setScope(value);
                  setSelected([]);
                }}
                style={{ width: 200 }}
                aria-label={t('desk.scope.label')}
                data-testid="desk-scope"
                options={[
                  { value: SCOPE_ALL, label: t('desk.scope.all') },
                  { value: SCOPE_UNASSIGNED, label: t('desk.scope.unassigned') },
                  ...(managers.data?.items ?? []).map((m) => ({ value: m.id, label: m.displayName })),
                ]}
              />
              <Button icon={<UserSwitchOutlined />} disabled={selected.length === 0} onClick={() => setAssigning(true)} data-testid="desk-assign">
                {t('desk.assign.open', { n: selected.length })}
              </Button>
            </Space>
          )
        }
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('desk.accounts.hint')}</Typography.Text>
          <div data-testid="desk-accounts">
            <Table<DeskAccount>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={accounts.data?.items ?? []}
              loading={accounts.loading}
              scroll={{ x: 1000 }}
              pagination={false}
              rowSelection={mayAssign ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.accounts.none')} /> }}
              onRow={(a) => ({
                onClick: (event) => {
                  // A click on the selection checkbox selects; anywhere else on the row opens the customer view.
                  if (!(event.target as HTMLElement).closest('.ant-table-selection-column')) void navigate(customerPath(a.id));
                },
                style: { cursor: 'pointer' },
              })}
            />
          </div>
        </Flex>
      </Card>
      {logging && (
        <LogOutcomeModal
          callback={logging}
          onDone={(saved) => {
            setLogging(null);
            if (saved) reload();
          }}
        />
      )}
      {assigning && (
        <AssignModal
          customerIds={selected}
          onDone={(saved) => {
            setAssigning(false);
            if (saved) {
              setSelected([]);
              reload();
            }
          }}
        />
      )}
    </>
  );
}
