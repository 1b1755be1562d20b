/**
 * Display a service notification, with its status bar: one button per move the server says the
 * signed-in user may make now (the status profile decides), the change form (IW52) while it is not
 * completed, the items and the status history.
 */
import { MailOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT, type MessageKey } from '../../i18n';
import { changeServiceOrder, getServiceOrder, listCatalogs, listWorkCenters, moveServiceOrder, type NotificationDetail, type StatusMove } from '../../services/service-orders';
import { useRemote } from '../../useRemote';
import { codeOptions, codeRef } from './create';
import { PaidServiceSection } from './paid-service';
import { SystemStatusTag } from './index';
import { ClocksCard, EmailDialog, opsHistoryTitle } from './ops-parts';

type Action = StatusMove['action'];
interface Pending {
  action: Action;
  status?: { code: string; label: string };
}

export default function ServiceOrderDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const n = useRemote((signal) => getServiceOrder(id, signal), [id]);
  const { can } = useAuth();
  useDocumentTitle(n.data ? `${n.data.number} ${n.data.shortText}` : t('so.title'));
  const [pending, setPending] = useState<Pending | null>(null);
  const [changing, setChanging] = useState(false);
  const [emailing, setEmailing] = useState(false);
  const { message } = App.useApp();
  const d = n.data;
  if (!d) return <Card loading />;

  const system = d.allowed.system as Action[];
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={`${d.number} ${d.shortText}`}
        subtitle={`${d.type} ${d.typeLabel}`}
        extra={
          <Space>
            <Link to="/service-orders">{t('so.backToList')}</Link>
            {can('serviceOrders.work') && (
              <Button icon={<MailOutlined />} onClick={() => setEmailing(true)} data-testid="so-email">
                {t('soEmail.button')}
              </Button>
            )}
            {d.allowed.change && (
              <Button onClick={() => setChanging(true)} data-testid="so-change">
                {t('so.change')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" data-testid="so-status-bar">
        <Flex gap={12} align="center" wrap>
          <Typography.Text>
            {d.userStatus.code} {d.userStatus.label}
          </Typography.Text>
          <SystemStatusTag status={d.systemStatus} />
          {d.urgent && <Tag color="red">{t('so.urgent')}</Tag>}
          <Typography.Text type="secondary">{t('so.statusBar')}：</Typography.Text>
          {d.allowed.statuses.map((s) => (
            <Button key={s.code} type="primary" onClick={() => setPending({ action: 'set_status', status: s })} data-testid={`so-status-${s.code}`}>
              {t('so.action.setStatus', { label: `${s.code} ${s.label}` })}
            </Button>
          ))}
          {system.map((a) => (
            <Button key={a} onClick={() => setPending({ action: a })} data-testid={`so-action-${a}`}>
              {t(`so.action.${a}` as MessageKey)}
            </Button>
          ))}
          {d.allowed.statuses.length === 0 && system.length === 0 && <Typography.Text type="secondary">{t('so.statusBar.none')}</Typography.Text>}
        </Flex>
      </Card>
      {d.systemStatus.code === 'completed' && <Alert type="info" showIcon title={t('so.readOnly')} />}
      <Card>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="so-fields">
          <Descriptions.Item label={t('so.field.soldTo')}>
            <Link to={`/customers/${d.soldTo.id}`}>{d.soldTo.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('so.field.shipTo')}>
            <Link to={`/customers/${d.shipTo.id}`}>{d.shipTo.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('so.field.reporter')}>{d.reporterName}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.responsible')}>{d.responsible?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.mainWorkCenter')}>{`${d.mainWorkCenter.code} ${d.mainWorkCenter.name}`}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.processingWorkCenter')}>{d.processingWorkCenter ? `${d.processingWorkCenter.code} ${d.processingWorkCenter.name}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.requiredStart')}>{formatDateTime(d.requiredStart)}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.expectedEnd')}>{formatDateTime(d.expectedEnd)}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.originalDocument')}>{[d.originalDocumentNo, d.originalDocumentDate].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.salesArea')}>{[d.salesOrg, d.distributionChannel, d.division, d.salesOffice, d.salesGroup].map((v) => v ?? '—').join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.serviceAddress')}>{d.serviceAddress ? `${d.serviceAddress.address}${d.serviceAddress.contactName ? `（${d.serviceAddress.contactName}）` : ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('so.field.reference')}>{d.reference ? <Link to={`/service-orders/${d.reference.id}`}>{d.reference.number}</Link> : '—'}</Descriptions.Item>
          {d.ticketId && (
            <Descriptions.Item label={t('so.field.ticket')}>
              <Link to={`/tickets/${d.ticketId}`}>{t('so.field.ticket')}</Link>
            </Descriptions.Item>
          )}
          {d.cause && <Descriptions.Item label={t('so.field.cause')}>{`${d.cause.group}/${d.cause.code} ${d.cause.label}`}</Descriptions.Item>}
        </Descriptions>
        {d.longText && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="so-long-text">
            {d.longText}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('so.items')}>
        <Table
          rowKey="position"
          size="small"
          pagination={false}
          dataSource={d.items}
          columns={[
            { title: '#', dataIndex: 'position', width: 50 },
            { title: t('so.item.productType'), dataIndex: 'productType', render: (v: string | null) => v ?? '—' },
            { title: t('so.item.colourCode'), dataIndex: 'colourCode', render: (v: string | null) => v ?? '—' },
            { title: t('so.item.material'), dataIndex: 'material', render: (v: string | null) => v ?? '—' },
            { title: t('so.item.quantity'), dataIndex: 'quantity', width: 80, align: 'right' },
            { title: t('so.item.reason'), key: 'reason', render: (_, i) => `${i.reason.group}/${i.reason.code} ${i.reason.label}` },
            { title: t('so.item.damage'), key: 'damage', render: (_, i) => (i.damage ? `${i.damage.group}/${i.damage.code} ${i.damage.label}` : '—') },
            { title: t('so.item.reasonText'), dataIndex: 'reasonText' },
          ]}
        />
      </Card>
      <ClocksCard id={d.id} refreshKey={d.version} />
      <PaidServiceSection notificationId={d.id} onChanged={n.reload} />
      <Card title={t('so.history')}>
        <Timeline
          data-testid="so-history"
          items={d.history.map((h) => ({
            key: `${h.at}-${h.kind}`,
            content: (
              <>
                <Typography.Text>{historyTitle(t, h)}</Typography.Text>
                <Typography.Text type="secondary">{` · ${h.actorName} · ${formatDateTime(h.at)}`}</Typography.Text>
                {h.cause && <div>{`${t('so.field.cause')}：${h.cause}`}</div>}
                {h.note && !['changed', 'clock_warning', 'clock_breach', 'escalated', 'emailed'].includes(h.kind) && <div>{h.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {emailing && (
        <EmailDialog
          notification={d}
          onClosed={(sent) => {
            setEmailing(false);
            if (sent) n.reload();
          }}
        />
      )}
      {pending && (
        <MoveDialog
          notification={d}
          pending={pending}
          onClosed={(status) => {
            setPending(null);
            if (status) {
              void message.success(t('so.action.done', { status }));
              n.reload();
            }
          }}
        />
      )}
      {changing && (
        <ChangeDialog
          notification={d}
          onClosed={(saved) => {
            setChanging(false);
            if (saved) {
              void message.success(t('so.changed'));
              n.reload();
            }
          }}
        />
      )}
    </Flex>
  );
}

function historyTitle(t: ReturnType<typeof useT>, h: NotificationDetail['history'][number]) {
  const label = (code: string | null) => (code ? t(`so.status.${code}` as MessageKey) : '');
  const ops = opsHistoryTitle(t, h);
  if (ops) return ops;
  if (h.kind === 'created') return `${t('so.history.created')}：${h.toUserStatus} · ${label(h.toSystemStatus)}`;
  if (h.kind === 'changed') return t('so.history.changed', { fields: h.note ?? '' });
  if (h.kind === 'quote' || h.kind === 'acceptance' || h.kind === 'invoice') return `${t(`so.history.${h.kind}` as MessageKey)} ${h.documentNo ?? ''}：${h.fromState ? `${t(`paid.state.${h.fromState}` as MessageKey)} → ` : ''}${t(`paid.state.${h.toState ?? 'draft'}` as MessageKey)}`;
  if (h.kind === 'status') return `${t('so.history.status')}：${h.fromUserStatus} → ${h.toUserStatus}`;
  return `${t('so.history.system')}：${label(h.fromSystemStatus)} → ${label(h.toSystemStatus)}`;
}

function MoveDialog({ notification, pending, onClosed }: { notification: NotificationDetail; pending: Pending; onClosed: (status: string | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ note?: string; cause?: string }>();
  const [result, setResult] = useState<string | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClosed(result));
  const catalogs = useRemote((signal) => (pending.action === 'complete' ? listCatalogs(signal) : Promise.resolve(undefined)), [pending.action]);
  const title = pending.status ? t('so.action.setStatus', { label: `${pending.status.code} ${pending.status.label}` }) : pending.action === 'complete' ? t('so.completeTitle') : t(`so.action.${pending.action}` as MessageKey);
  return (
    <FormModal form={form} title={title} okText={t('common.save')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        data-testid="so-move-form"
        onFinish={(values) =>
          save(async () => {
            const moved = await moveServiceOrder(notification.id, {
              version: notification.version,
              action: pending.action,
              ...(pending.status && { status: pending.status.code }),
              ...(values.cause && { cause: codeRef(values.cause) }),
              ...(values.note?.trim() && { note: values.note.trim() }),
            });
            setResult(pending.action === 'set_status' ? moved.userStatus : t(`so.status.${moved.systemStatus}` as MessageKey));
          })
        }
      >
        {pending.action === 'complete' && (
          <>
            <Alert type="warning" showIcon title={t('so.completeHint')} style={{ marginBottom: 12 }} />
            <Form.Item name="cause" label={t('so.field.cause')} rules={[{ required: true }]}>
              <Select options={codeOptions(catalogs.data, 'cause')} data-testid="so-cause" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('so.action.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface ChangeForm {
  shortText: string;
  longText: string;
  requiredStart: Dayjs;
  expectedEnd: Dayjs;
  processingWorkCenterId?: string | null;
}

function ChangeDialog({ notification, onClosed }: { notification: NotificationDetail; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<ChangeForm>();
  const { save, modalProps } = useSaveDialog(onClosed);
  const centers = useRemote((signal) => listWorkCenters(signal), []);
  return (
    <FormModal form={form} title={t('so.changeTitle')} okText={t('so.change')} width={720} {...modalProps}>
      <Form<ChangeForm>
        form={form}
        layout="vertical"
        data-testid="so-change-form"
        initialValues={{
          shortText: notification.shortText,
          longText: notification.longText,
          requiredStart: dayjs(notification.requiredStart),
          expectedEnd: dayjs(notification.expectedEnd),
          processingWorkCenterId: notification.processingWorkCenter?.id ?? null,
        }}
        onFinish={(values) =>
          save(() =>
            changeServiceOrder(notification.id, {
              version: notification.version,
              shortText: values.shortText,
              longText: values.longText ?? '',
              requiredStart: values.requiredStart.toISOString(),
              expectedEnd: values.expectedEnd.toISOString(),
              processingWorkCenterId: values.processingWorkCenterId ?? null,
            }),
          )
        }
      >
        <Form.Item name="shortText" label={t('so.field.shortText')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="longText" label={t('so.field.longText')}>
          <Input.TextArea rows={5} maxLength={20000} data-testid="so-change-long-text" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="requiredStart" label={t('so.field.requiredStart')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedEnd" label={t('so.field.expectedEnd')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="processingWorkCenterId" label={t('so.field.processingWorkCenter')}>
          <Select allowClear options={(centers.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
