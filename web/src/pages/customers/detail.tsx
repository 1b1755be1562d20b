/**
 * The customer view (客户360, docs/product.md §5): one call brings the profile, contacts, addresses
 * with their history, monthly accounts, shipments, tickets, calls, callbacks, tasks and the
 * timeline; sections are tabs. Personal data is masked; whoever keeps the record may show it in
 * full (audited) and change it. Claims say plainly they are not available yet; surveys list what was sent
 * and the scores given; habits show
 * what the nightly job derived.
 */
import { AuditOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, List, Popconfirm, Result, Row, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { StatusWithSub } from '../../components/ShipmentTags';
import { fenToYuan, formatDateTime, todayIn } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { labelOrKey, paymentTermLabel } from '../../labels';
import { customerPath, shipmentPath } from '../../paths';
import { useRequestErrorHandler } from '../../request-error';
import {
  getCustomer,
  moreShipments,
  removeAddress,
  removeContact,
  revealCustomerRecord,
  unpinCustomerTier,
  type CustomerAddress,
  type CustomerContact,
  type CustomerView,
  type RevealedCustomerRecord,
} from '../../services/customers';
import { useRemote } from '../../useRemote';
import { KindTag, StatusTag, outcomeLabel, ticketPath, tierLabel } from '../tickets/parts';
import { AccountModal, AddressModal, ContactModal, CustomerFormModal, MergeModal, TierPinModal } from './CustomerModals';
import { addressChangeLabel, addressKindLabel, businessStatusLabel, customerKindLabel, linkedByLabel, natureLabel, profileFieldLabel } from './labels';
import { ReportsCard } from './ReportsCard';
import { ClaimsCard } from './ClaimsCard';
import { SurveysCard } from './SurveysCard';
import { StatementCard } from './StatementCard';
import { HabitsTab } from './HabitsCard';
import { TaskList } from './TasksCard';

type Dialog =
  | { kind: 'edit' }
  | { kind: 'merge' }
  | { kind: 'tierPin' }
  | { kind: 'contact'; contact?: CustomerContact }
  | { kind: 'address'; address?: CustomerAddress }
  | { kind: 'account' };

const None = () => {
  const t = useT();
  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
};

function eventText(t: Translate, e: CustomerView['timeline'][number]): string {
  const d = e.detail as Record<string, unknown>;
  switch (e.kind) {
    case 'edited':
      return t('customers.event.edited', { fields: ((d.fields as string[]) ?? []).map((f) => profileFieldLabel(t, f)).join('、') });
    case 'address_added':
    case 'address_removed':
      return t(`customers.event.${e.kind}`, { region: String(d.region ?? '') });
    case 'address_changed':
      return t('customers.event.address_changed', { from: String(d.fromRegion ?? ''), to: String(d.region ?? '') });
    case 'tier_changed': {
      const reason = (d.reason ?? {}) as { averageFen?: number; thresholdFen?: number };
      const tiers = { from: tierLabel(t, String(d.from ?? '')), to: tierLabel(t, String(d.to ?? '')) };
      return reason.averageFen === undefined
        ? t('customers.event.tier_changed_to', tiers)
        : t('customers.event.tier_changed_because', { ...tiers, average: fenToYuan(reason.averageFen), threshold: fenToYuan(reason.thresholdFen ?? 0) });
    }
    case 'tier_pinned':
      return t(d.until ? 'customers.event.tier_pinned_until' : 'customers.event.tier_pinned', { tier: tierLabel(t, String(d.tier ?? '')), reason: String(d.reason ?? ''), until: String(d.until ?? '') });
    case 'tier_unpinned':
      return t('customers.event.tier_unpinned', { tier: tierLabel(t, String(d.tier ?? '')) });
    case 'tier_pin_ended':
      return t('customers.event.tier_pin_ended', { tier: tierLabel(t, String(d.tier ?? '')), until: String(d.until ?? '') });
    case 'account_added':
      return t('customers.event.account_added', { accountNo: String(d.accountNo ?? '') });
    case 'merged': {
      const moved = (d.moved ?? {}) as { tickets?: number; accounts?: number };
      return t('customers.event.merged', { tickets: moved.tickets ?? 0, accounts: moved.accounts ?? 0 });
    }
    default:
      return labelOrKey(t, `customers.event.${e.kind}`, e.kind);
  }
}

export default function CustomerDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'profile';
  const view = useRemote((signal) => getCustomer(id, signal), [id]);
  const [revealed, setRevealed] = useState<RevealedCustomerRecord | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [shipments, setShipments] = useState<CustomerView['shipments'] | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const v = view.data;
  useDocumentTitle(v ? `${revealed?.name ?? v.profile.name} · ${t('customers.view.title')}` : t('customers.view.title'));

  useEffect(() => setShipments(v?.shipments ?? null), [v]);
  useEffect(() => setRevealed(null), [id]);
  // A merged record's address shows the customer it became under its own address.
  useEffect(() => {
    if (v?.redirectedFrom && v.profile.id !== id) void navigate(customerPath(v.profile.id), { replace: true, state: { redirectedFrom: id } });
  }, [v, id, navigate]);

  if (!v) {
    if (!view.loading) return <Result status="404" title={t('customers.view.notFound')} extra={<Link to="/customers">{t('customers.title')}</Link>} />;
    return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  }
  const { profile, actions } = v;

  async function reveal(): Promise<RevealedCustomerRecord | null> {
    if (revealed) return revealed;
    setRevealing(true);
    try {
      const data = await revealCustomerRecord(profile.id);
      setRevealed(data);
      return data;
    } catch (error) {
      handleError(error);
      return null;
    } finally {
      setRevealing(false);
    }
  }

  /** Opens a change dialog with the stored (unmasked) values: revealing is audited. */
  async function openWithData(next: Dialog) {
    if (!(await reveal())) return;
    setDialog(next);
  }

  async function remove(kind: 'contact' | 'address', itemId: string) {
    try {
      if (kind === 'contact') await removeContact(profile.id, itemId, profile.version);
      else await removeAddress(profile.id, itemId, profile.version);
      void message.success(t('customers.saved'));
      setRevealed(null);
      view.reload();
    } catch (error) {
      handleError(error);
    }
  }

  async function loadMore() {
    if (!shipments?.nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await moreShipments(profile.id, shipments.nextCursor);
      setShipments({ items: [...shipments.items, ...next.items], nextCursor: next.nextCursor });
    } catch (error) {
      handleError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  const closeDialog = (saved: boolean) => {
    setDialog(null);
    if (saved) {
      setRevealed(null);
      view.reload();
    }
  };

  const name = revealed?.name ?? profile.name;
  const contactOf = (c: CustomerContact) => revealed?.contacts.find((r) => r.id === c.id);
  const addressOf = (a: CustomerAddress) => revealed?.addresses.find((r) => r.id === a.id);

  const pin = v.standing.pin;
  async function unpin() {
    try {
      await unpinCustomerTier(profile.id, profile.version);
      void message.success(t('customers.tierPin.unpinned'));
      view.reload();
    } catch (error) {
      handleError(error);
    }
  }
  const tierCell = (
    <Space direction="vertical" size={2} data-testid="customer-tier">
      <Space size={4} wrap>
        <Tag color={profile.tier === 'key' ? 'gold' : 'default'}>{tierLabel(t, profile.tier)}</Tag>
        {pin && <Tag color="purple" data-testid="tier-pinned">{t('customers.tierPin.pinned')}</Tag>}
        {actions.pinTier && (
          <Button size="small" type="link" onClick={() => setDialog({ kind: 'tierPin' })} data-testid="tier-pin">
            {pin ? t('customers.tierPin.change') : t('customers.tierPin.action')}
          </Button>
        )}
        {actions.pinTier && pin && (
          <Popconfirm title={t('customers.tierPin.unpinConfirm')} onConfirm={() => void unpin()}>
            <Button size="small" type="link" danger data-testid="tier-unpin">{t('customers.tierPin.unpin')}</Button>
          </Popconfirm>
        )}
      </Space>
      {pin && (
        <Typography.Text type="secondary" data-testid="tier-pin-detail">
          {t(pin.until ? 'customers.tierPin.detailUntil' : 'customers.tierPin.detail', { by: pin.pinnedBy, at: formatDateTime(pin.pinnedAt).slice(0, 10), reason: pin.reason, until: pin.until ?? '' })}
        </Typography.Text>
      )}
    </Space>
  );

  const profileTab = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card size="small">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'kind', label: t('customers.field.kind'), children: customerKindLabel(t, profile.kind) },
              { key: 'tier', label: t('customers.field.tier'), children: tierCell },
              { key: 'phone', label: t('customers.field.phone'), children: (revealed?.phone ?? profile.phone) || <None /> },
              { key: 'manager', label: t('customers.field.manager'), children: profile.accountManager?.displayName ?? <None /> },
              ...(profile.kind === 'enterprise'
                ? [
                    { key: 'code', label: t('customers.field.creditCode'), children: profile.creditCode ? <Typography.Text code copyable>{profile.creditCode}</Typography.Text> : <None /> },
                    { key: 'industry', label: t('customers.field.industry'), children: profile.industry ?? <None /> },
                    { key: 'nature', label: t('customers.field.companyNature'), children: profile.companyNature ? natureLabel(t, profile.companyNature) : <None /> },
                    { key: 'headcount', label: t('customers.field.headcount'), children: profile.headcount ?? <None /> },
                    { key: 'coverage', label: t('customers.field.coverageArea'), children: profile.coverageArea ?? <None /> },
                    { key: 'status', label: t('customers.field.businessStatus'), children: profile.businessStatus ? businessStatusLabel(t, profile.businessStatus) : <None /> },
                  ]
                : []),
              { key: 'rating', label: t('customers.field.creditRating'), children: profile.creditRating ?? <None /> },
              { key: 'limit', label: t('customers.field.creditLimit'), children: profile.creditLimitFen === null ? <None /> : fenToYuan(profile.creditLimitFen) },
              { key: 'settled', label: t('customers.field.monthlySettled'), children: profile.monthlySettled ? t('common.yes') : t('common.no') },
              { key: 'since', label: t('customers.field.createdAt'), children: formatDateTime(profile.createdAt).slice(0, 16) },
              ...(profile.note ? [{ key: 'note', label: t('customers.field.note'), span: 2, children: profile.note }] : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={t('customers.section.accounts')}
            extra={actions.edit && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'account' })} data-testid="account-add">{t('customers.action.addAccount')}</Button>}
            data-testid="customer-accounts"
          >
            {v.monthlyAccounts.length === 0 ? (
              <None />
            ) : (
              <List size="small" dataSource={v.monthlyAccounts} renderItem={(a) => <List.Item extra={formatDateTime(a.openedAt).slice(0, 10)}><Typography.Text strong>{a.accountNo}</Typography.Text></List.Item>} />
            )}
          </Card>
        </Flex>
      </Col>
    </Row>
  );

  const contactsTab = (
    <Card size="small" extra={actions.edit && <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'contact' })} data-testid="contact-add">{t('customers.action.addContact')}</Button>}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={v.contacts}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} /> }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('customers.field.personName'), key: 'name', render: (_, c) => contactOf(c)?.name ?? c.name },
          { title: t('customers.field.role'), dataIndex: 'role' },
          { title: t('customers.field.phones'), key: 'phones', render: (_, c) => (contactOf(c)?.phones ?? c.phones).join('、') || <None /> },
          { title: t('customers.field.email'), key: 'email', render: (_, c) => (contactOf(c)?.email ?? c.email) || <None /> },
          { title: t('customers.field.wechat'), key: 'wechat', render: (_, c) => (contactOf(c)?.wechat ?? c.wechat) || <None /> },
          {
            title: t('customers.field.callbackWindows'),
            key: 'windows',
            render: (_, c) => (c.callbackWindows.length ? c.callbackWindows.map((w) => `${w.from}–${w.to}`).join('，') : <Typography.Text type="secondary">{t('customers.field.defaultWindows')}</Typography.Text>),
          },
          ...(actions.edit
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, c: CustomerContact) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => void openWithData({ kind: 'contact', contact: c })}>{t('customers.action.change')}</Button>
                      <Popconfirm title={t('customers.confirmRemove')} onConfirm={() => void remove('contact', c.id)}>
                        <Button type="link" size="small" danger>{t('customers.action.remove')}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );

  const live = v.addresses.filter((a) => !a.removed);
  const removedAddresses = v.addresses.filter((a) => a.removed);
  const addressCard = (a: CustomerAddress) => (
    <Card
      key={a.id}
      size="small"
      style={{ marginBottom: 12, opacity: a.removed ? 0.6 : 1 }}
      data-testid="customer-address"
      title={
        <Space>
          <Tag color={a.kind === 'billing' ? 'purple' : a.kind === 'pickup' ? 'blue' : 'default'}>{addressKindLabel(t, a.kind)}</Tag>
          {a.removed && <Tag>{t('customers.change.removed')}</Tag>}
          <span>{a.region}</span>
        </Space>
      }
      extra={
        actions.edit && !a.removed && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => void openWithData({ kind: 'address', address: a })} data-testid="address-change">{t('customers.action.change')}</Button>
            <Popconfirm title={t('customers.confirmRemove')} onConfirm={() => void remove('address', a.id)}>
              <Button type="link" size="small" danger>{t('customers.action.remove')}</Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>{addressOf(a)?.address ?? a.address}</Typography.Paragraph>
      {(a.contactName || a.contactPhone) && (
        <Typography.Text type="secondary">
          {[addressOf(a)?.contactName ?? a.contactName, addressOf(a)?.contactPhone ?? a.contactPhone].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
      {a.history.length > 1 && (
        <details style={{ marginTop: 8 }} data-testid="address-history">
          <summary style={{ cursor: 'pointer' }}>{t('customers.action.history', { count: a.history.length })}</summary>
          <Timeline
            style={{ marginTop: 12 }}
            items={a.history.map((h) => ({
              color: h.change === 'removed' ? 'gray' : h.change === 'added' ? 'green' : 'blue',
              children: (
                <>
                  <Typography.Text strong>{addressChangeLabel(t, h.change)}</Typography.Text> · {addressKindLabel(t, h.kind)} · {h.address}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(h.at).slice(0, 16)} · {h.by}
                    </Typography.Text>
                  </div>
                </>
              ),
            }))}
          />
        </details>
      )}
    </Card>
  );
  const addressesTab = (
    <>
      {actions.edit && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'address' })} data-testid="address-add">{t('customers.action.addAddress')}</Button>
        </Flex>
      )}
      {v.addresses.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} /> : [...live, ...removedAddresses].map(addressCard)}
    </>
  );

  const shipmentsTab = (
    <Card size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={shipments?.items ?? []}
        scroll={{ x: 820 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.shipments.none')} /> }}
        columns={[
          { title: t('customers.shipments.col.waybill'), dataIndex: 'waybillNo', width: 150, render: (w: string) => <Link to={shipmentPath(w)}>{w}</Link> },
          { title: t('customers.shipments.col.status'), key: 'status', width: 140, render: (_, s) => <StatusWithSub status={s.status} subStatus={s.subStatus} /> },
          { title: t('customers.shipments.col.route'), key: 'route', render: (_, s) => `${s.sender.region ?? t('common.none')} → ${s.recipient.region ?? t('common.none')}` },
          { title: t('customers.shipments.linkedBy'), key: 'linkedBy', width: 120, render: (_, s) => <Tag>{linkedByLabel(t, s.linkedBy)}</Tag> },
          { title: t('customers.shipments.col.freight'), key: 'freight', width: 120, render: (_, s) => (s.freightFen === null ? <None /> : `${fenToYuan(s.freightFen)} · ${paymentTermLabel(t, s.paymentTerm)}`) },
          { title: t('customers.shipments.col.createdAt'), dataIndex: 'createdAt', width: 140, render: (at: string) => formatDateTime(at).slice(0, 16) },
        ]}
      />
      {shipments?.nextCursor && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void loadMore()} loading={loadingMore} data-testid="shipments-more">{t('customers.action.loadMore')}</Button>
        </Flex>
      )}
    </Card>
  );

  const ticketsTab = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('customers.section.tickets')}>
          <List
            size="small"
            dataSource={v.tickets}
            locale={{ emptyText: t('customers.tickets.none') }}
            renderItem={(x) => (
              <List.Item extra={formatDateTime(x.createdAt).slice(0, 16)}>
                <Space wrap>
                  <Link to={ticketPath(x.id)}>#{x.number}</Link>
                  <KindTag kind={x.kind} />
                  <StatusTag status={x.status} />
                  <span>{x.subject}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('customers.contactRecords.title')}>
          <List
            size="small"
            dataSource={v.contactRecords}
            locale={{ emptyText: t('customers.contactRecords.none') }}
            renderItem={(c) => (
              <List.Item extra={formatDateTime(c.at).slice(0, 16)}>
                <Typography.Text ellipsis={{ tooltip: c.question }} style={{ maxWidth: 260 }}>
                  {c.ticketId ? <Link to={ticketPath(c.ticketId)}>{c.question || t('common.none')}</Link> : c.question}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );

  const today = todayIn();
  const callbacksTab = (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {v.plannedCallbacks.length > 0 && (
        <Card size="small" title={t('customers.plannedCallbacks.title')} data-testid="customer-planned-callbacks">
          <List
            size="small"
            dataSource={v.plannedCallbacks}
            renderItem={(c) => (
              <List.Item extra={c.doneAt ? formatDateTime(c.doneAt).slice(0, 16) : formatDateTime(c.dueAt).slice(0, 16)}>
                <Space wrap>
                  <Tag>{labelOrKey(t, `desk.cadence.${c.cadence}`, c.cadence)}</Tag>
                  {c.status === 'open' ? (
                    <Tag color={c.dueDate < today ? 'red' : 'orange'}>{t(c.dueDate < today ? 'customers.plannedCallbacks.overdue' : 'customers.plannedCallbacks.due', { date: c.dueDate })}</Tag>
                  ) : (
                    <Tag color="green">{labelOrKey(t, `desk.outcome.${c.outcome ?? ''}`, c.outcome ?? '')}</Tag>
                  )}
                  {c.satisfaction !== null && <Typography.Text type="secondary">{t('customers.plannedCallbacks.satisfaction', { score: c.satisfaction })}</Typography.Text>}
                  {c.note && <Typography.Text type="secondary">{c.note}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={v.plannedCallbacks.length > 0 ? t('customers.callbacks.ticketTitle') : undefined}>
        <List
          size="small"
          dataSource={v.callbacks}
          locale={{ emptyText: t('customers.callbacks.none') }}
          renderItem={(b) => (
            <List.Item extra={formatDateTime(b.scheduledFor).slice(0, 16)}>
              <Space>
                <Link to={ticketPath(b.ticketId)}>#{b.ticketNumber}</Link>
                <Tag color={b.outcome ? 'green' : 'orange'}>{b.outcome ? outcomeLabel(t, b.outcome) : t('customers.callbacks.pending')}</Tag>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );

  const timelineTab = (
    <Card size="small" data-testid="customer-timeline">
      {v.timeline.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.timeline.none')} />
      ) : (
        <Timeline
          items={v.timeline.map((e) => ({
            color: e.kind === 'merged' || e.kind === 'merged_into' ? 'purple' : e.kind.startsWith('task') ? 'orange' : 'blue',
            children: (
              <>
                <div>{eventText(t, e)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at).slice(0, 16)} · {e.actor}
                </Typography.Text>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );

  const openTasks = v.tasks.filter((k) => k.status === 'open').length;

  return (
    <>
      <PageHeader
        title={name}
        subtitle={[customerKindLabel(t, profile.kind), profile.creditCode, profile.monthlySettled ? t('customers.field.monthlySettled') : null].filter(Boolean).join(' · ')}
        extra={
          <Space wrap>
            {actions.reveal &&
              (revealed ? (
                <Button icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)} data-testid="customer-hide">{t('customers.action.hide')}</Button>
              ) : (
                <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="customer-reveal">{t('customers.action.reveal')}</Button>
              ))}
            {actions.edit && (
              <Button icon={<EditOutlined />} onClick={() => void openWithData({ kind: 'edit' })} data-testid="customer-edit">{t('customers.action.edit')}</Button>
            )}
            {actions.merge && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setDialog({ kind: 'merge' })} data-testid="customer-merge">{t('customers.action.merge')}</Button>
            )}
          </Space>
        }
      />
      {revealed && (
        <Alert type="warning" showIcon icon={<AuditOutlined />} message={t('customers.revealRecorded')} style={{ marginBottom: 16 }} data-testid="customer-revealed" />
      )}
      {v.redirectedFrom && <Alert type="info" showIcon message={t('customers.view.redirected')} style={{ marginBottom: 16 }} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams((p) => { const next = new URLSearchParams(p); if (key === 'profile') next.delete('tab'); else next.set('tab', key); return next; }, { replace: true })}
        items={[
          { key: 'profile', label: t('customers.section.profile'), children: profileTab },
          { key: 'contacts', label: t('customers.section.counted', { label: t('customers.section.contacts'), count: v.contacts.length }), children: contactsTab },
          { key: 'addresses', label: t('customers.section.counted', { label: t('customers.section.addresses'), count: live.length }), children: addressesTab },
          { key: 'shipments', label: t('customers.section.shipments'), children: shipmentsTab },
          { key: 'habits', label: t('customers.section.habits'), children: <HabitsTab view={v} onChanged={view.reload} /> },
          { key: 'tickets', label: t('customers.section.counted', { label: t('customers.section.tickets'), count: v.tickets.length }), children: ticketsTab },
          { key: 'claims', label: t('customers.section.counted', { label: t('customers.section.claims'), count: v.claims.totals.count }), children: <ClaimsCard claims={v.claims} /> },
          { key: 'callbacks', label: t('customers.section.counted', { label: t('customers.section.callbacks'), count: v.callbacks.length + v.plannedCallbacks.length }), children: callbacksTab },
          {
            key: 'surveys',
            label: v.surveys.available ? t('customers.section.counted', { label: t('customers.section.surveys'), count: v.surveys.items.length }) : t('customers.section.surveys'),
            children: <SurveysCard surveys={v.surveys} />,
          },
          { key: 'tasks', label: openTasks ? <span>{t('customers.section.tasks')} <Tag color="orange">{openTasks}</Tag></span> : t('customers.section.tasks'), children: <Card size="small"><TaskList tasks={v.tasks} onChanged={view.reload} showCustomer={false} /></Card> },
          ...(v.monthlyAccounts.length > 0
            ? [{ key: 'statement', label: t('statement.tab'), children: <StatementCard customerId={profile.id} accounts={v.monthlyAccounts.map((a) => a.accountNo)} /> }]
            : []),
          ...(actions.edit ? [{ key: 'reports', label: t('customers.section.reports'), children: <ReportsCard customerId={profile.id} /> }] : []),
          { key: 'timeline', label: t('customers.section.timeline'), children: timelineTab },
        ]}
      />
      {dialog?.kind === 'edit' && <CustomerFormModal profile={profile} unmasked={revealed ?? undefined} canAssign={actions.assign} onDone={closeDialog} />}
      {dialog?.kind === 'merge' && <MergeModal profile={{ ...profile, name }} onDone={closeDialog} />}
      {dialog?.kind === 'tierPin' && <TierPinModal profile={profile} onDone={closeDialog} />}
      {dialog?.kind === 'account' && <AccountModal customerId={profile.id} version={profile.version} onDone={closeDialog} />}
      {dialog?.kind === 'contact' && (
        <ContactModal
          customerId={profile.id}
          version={profile.version}
          contact={dialog.contact && { ...dialog.contact, ...(contactOf(dialog.contact) ?? {}) }}
          onDone={closeDialog}
        />
      )}
      {dialog?.kind === 'address' && (
        <AddressModal
          customerId={profile.id}
          version={profile.version}
          monthlySettled={profile.monthlySettled}
          address={dialog.address && { ...dialog.address, ...(addressOf(dialog.address) ?? {}) }}
          onDone={closeDialog}
        />
      )}
    </>
  );
}

