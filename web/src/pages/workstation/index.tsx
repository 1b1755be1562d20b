/**
 * 工作台. Desk staff (tickets.work): my tickets by clock urgency with live countdowns, my team's and
 * the unassigned ones, the duty switch, and "new ticket". Department staff (相应部门) see what
 * tickets ask of their department and answer it here.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, InputNumber, List, Segmented, Space, Switch, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { departmentInbox, listDuty, setDuty, ticketCodes, type DepartmentRequest, type TicketView } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import { ticketPath } from '../tickets/parts';
import { DUTY_CAPACITY_MAX } from '../../shared';
import { QueueTable, useTicketQueue } from '../tickets/QueueTable';
import { DepartmentReplyModal } from '../tickets/TicketSide';
import { NewTicketModal } from './NewTicketModal';

const REFRESH_MS = 30_000;

export default function WorkstationPage() {
  const t = useT();
  const { can } = useAuth();
  useDocumentTitle(t('nav.workstation'));
  if (can('tickets.work')) return <DeskWorkstation />;
  if (can('tickets.departmentReply')) return <DepartmentWorkstation />;
  return (
    <>
      <PageHeader title={t('nav.workstation')} />
      <Card>
        <Empty description={t('workstation.nothing')} />
      </Card>
    </>
  );
}

const DESK_TABS: TicketView[] = ['mine', 'team', 'unassigned'];

function DeskWorkstation() {
  const t = useT();
  const navigate = useNavigate();
  const [tab, setTab] = useState<TicketView>('mine');
  const [creating, setCreating] = useState(false);
  const queue = useTicketQueue({ view: tab }, REFRESH_MS);
  const codes = useRemote((signal) => ticketCodes(signal), []);

  return (
    <>
      <PageHeader
        title={t('nav.workstation')}
        subtitle={t('workstation.subtitle')}
        extra={
          <Flex gap={12} align="center" wrap>
            <DutySwitch />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-ticket">
              {t('tickets.new.button')}
            </Button>
          </Flex>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TicketView)}
          tabBarExtraContent={
            <Space size={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('workstation.autoRefresh')}
              </Typography.Text>
              <Tooltip title={t('common.reload')}>
                <Button icon={<ReloadOutlined />} onClick={queue.refresh} aria-label={t('common.reload')} />
              </Tooltip>
            </Space>
          }
          items={DESK_TABS.map((view) => ({ key: view, label: t(`workstation.tab.${view}` as const) }))}
          data-testid="workstation-tabs"
        />
        <QueueTable queue={queue} testId="workstation-queue" emptyText={t(`workstation.empty.${tab}` as const)} />
      </Card>
      {creating && (
        <NewTicketModal
          codes={codes.data?.items ?? []}
          onClose={(created) => {
            setCreating(false);
            if (created) void navigate(ticketPath(created.id));
          }}
        />
      )}
    </>
  );
}

/** On duty or not, and how many open tickets the router may give me (派单 picks the least loaded). */
function DutySwitch() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const roster = useRemote((signal) => listDuty(signal), []);
  const [saving, setSaving] = useState(false);
  const mine = roster.data?.find((d) => d.userId === me.id);

  async function save(onDuty: boolean, capacity?: number) {
    setSaving(true);
    try {
      await setDuty(me.id, { onDuty, ...(capacity !== undefined ? { capacity } : {}) });
      void message.success(t(onDuty ? 'workstation.duty.onSaved' : 'workstation.duty.offSaved'));
      roster.reload();
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  const onDuty = mine?.onDuty ?? false;
  return (
    <Flex gap={8} align="center" data-testid="duty" data-on-duty={onDuty ? 'true' : 'false'}>
      <Badge status={onDuty ? 'success' : 'default'} />
      <Switch
        checked={onDuty}
        loading={saving || roster.loading}
        onChange={(checked) => save(checked, mine?.capacity)}
        checkedChildren={t('workstation.duty.on')}
        unCheckedChildren={t('workstation.duty.off')}
        aria-label={t('workstation.duty.label')}
        data-testid="duty-switch"
      />
      <Tooltip title={t('workstation.duty.capacityHint')}>
        <InputNumber
          min={0}
          max={DUTY_CAPACITY_MAX}
          value={mine?.capacity}
          disabled={saving || !mine}
          prefix={t('workstation.duty.capacityLabel')}
          style={{ width: 110 }}
          onChange={(value) => {
            if (typeof value === 'number' && mine && value !== mine.capacity) void save(onDuty, value);
          }}
          aria-label={t('workstation.duty.capacity')}
          data-testid="duty-capacity"
        />
      </Tooltip>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {t('workstation.duty.openNow', { open: mine?.openTickets ?? 0 })}
      </Typography.Text>
    </Flex>
  );
}

/** 相应部门: what tickets ask of my department; open questions first, the soonest due on top. */
function DepartmentWorkstation() {
  const t = useT();
  const me = useMe();
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [answering, setAnswering] = useState<DepartmentRequest | null>(null);
  const inbox = useRemote((signal) => departmentInbox(show === 'open', signal), [show]);
  const items = [...(inbox.data ?? [])].sort((a, b) => {
    if (!a.repliedAt !== !b.repliedAt) return a.repliedAt ? 1 : -1;
    if (!a.repliedAt) return Date.parse(a.dueAt ?? a.askedAt) - Date.parse(b.dueAt ?? b.askedAt);
    return Date.parse(b.repliedAt ?? b.askedAt) - Date.parse(a.repliedAt ?? a.askedAt);
  });

  return (
    <>
      <PageHeader
        title={t('workstation.inbox.title')}
        subtitle={t('workstation.inbox.subtitle', { department: me.departmentName ?? t('common.none') })}
        extra={
          <Space>
            <Segmented
              value={show}
              onChange={(v) => setShow(v as 'open' | 'all')}
              options={[
                { value: 'open', label: t('workstation.inbox.open') },
                { value: 'all', label: t('workstation.inbox.all') },
              ]}
            />
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={inbox.reload} aria-label={t('common.reload')} />
            </Tooltip>
          </Space>
        }
      />
      <Card data-testid="department-inbox">
        <List
          loading={inbox.loading}
          dataSource={items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workstation.inbox.empty')} /> }}
          renderItem={(r) => (
            <List.Item
              data-testid="inbox-item"
              data-ticket={r.ticketNumber}
              actions={[
                <Link key="open" to={ticketPath(r.ticketId)}>
                  {t('workstation.inbox.openTicket')}
                </Link>,
                ...(r.repliedAt
                  ? []
                  : [
                      <Button key="reply" type="primary" size="small" onClick={() => setAnswering(r)} data-testid="inbox-reply">
                        {t('tickets.inbox.reply')}
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <Link to={ticketPath(r.ticketId)}>#{r.ticketNumber}</Link>
                    {r.repliedAt ? (
                      <Tag color="success" style={{ marginInlineEnd: 0 }}>
                        {t('tickets.departmentRequests.replied')}
                      </Tag>
                    ) : (
                      <Countdown dueAt={r.dueAt} />
                    )}
                  </Flex>
                }
                description={
                  <Flex vertical gap={4}>
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.question}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('tickets.departmentRequests.asked', { name: r.askedByName ?? '', at: formatDateTime(r.askedAt) })}
                    </Typography.Text>
                    {r.reply && (
                      <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                        {t('workstation.inbox.ourReply', { text: r.reply, name: r.repliedByName ?? '' })}
                      </Typography.Text>
                    )}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {answering && (
        <DepartmentReplyModal
          request={answering}
          onClose={(changed) => {
            setAnswering(null);
            if (changed) inbox.reload();
          }}
        />
      )}
    </>
  );
}
