import { ArrowLeftOutlined, EyeInvisibleOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { PartyView } from '../../components/PartyView';
import { StoryNotice, StoryTag } from '../../components/ParcelStory';
import { ExceptionTag, StatusTag, StatusWithSub, useSubStatusText } from '../../components/ShipmentTags';
import { fenToYuan, formatDateTime, gramsToKg } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import {
  anySubStatusLabel,
  eventSourceLabel,
  labelOrKey,
  notificationChannelLabel,
  notificationStatusLabel,
  notificationTemplateLabel,
  paymentTermLabel,
  policyRuleLabel,
  productLabel,
  routeClassLabel,
  trackingStatusLabel,
} from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import { getShipment, revealPersonalData } from '../../services/shipments';
import type {
  RevealedParties,
  ShipmentDetail,
  ShipmentException,
  ShipmentNotification,
  TrackingEvent,
} from '../../services/types';
import { useRemote } from '../../useRemote';

function None() {
  const t = useT();
  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
}

function timeOrNone(iso: string | null) {
  return iso ? formatDateTime(iso) : <None />;
}

function yuanOrNone(t: Translate, fen: number | null) {
  return fen === null ? <None /> : t('unit.yuan', { amount: fenToYuan(fen) });
}

/** Newest first, whatever order the server sent them in. */
function newestFirst(events: readonly TrackingEvent[]): TrackingEvent[] {
  return [...events].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

/** Loads the shipment; a waybill the server does not know becomes `null` (its own page), not an error toast. */
async function loadShipment(waybillNo: string, signal: AbortSignal): Promise<ShipmentDetail | null> {
  try {
    return await getShipment(waybillNo, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Shipment detail: time limits, parties (masked, revealable with audit), parcel facts, timeline, exceptions, notifications. */
export default function ShipmentDetailPage() {
  const t = useT();
  const { waybillNo = '' } = useParams();
  useDocumentTitle(`${t('shipment.title')} ${waybillNo}`);
  const shipment = useRemote((signal) => loadShipment(waybillNo, signal), [waybillNo]);

  const back = (
    <Link to="/shipments">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('shipment.back')}
      </Button>
    </Link>
  );

  if (shipment.data === null) {
    return (
      <>
        {back}
        <Card>
          <Result
            status="404"
            title={t('shipment.notFound', { waybillNo })}
            subTitle={t('shipment.notFoundHint')}
            data-testid="shipment-not-found"
          />
        </Card>
      </>
    );
  }
  if (!shipment.data) {
    return (
      <>
        {back}
        <Card loading={shipment.loading} data-testid="shipment-loading">
          {!shipment.loading && <Empty description={t('shipment.loadFailed')} />}
        </Card>
      </>
    );
  }
  // Keyed by waybill: revealed data never carries over to another shipment.
  return <ShipmentView key={shipment.data.waybillNo} s={shipment.data} back={back} reload={shipment.reload} />;
}

function ShipmentView({ s, back, reload }: { s: ShipmentDetail; back: ReactNode; reload: () => void }) {
  const t = useT();
  const late = s.story.lateSince !== null;

  return (
    <Flex vertical gap={16} data-testid="shipment-detail" data-waybill={s.waybillNo}>
      <div>{back}</div>
      {s.feedNotice && (
        <Alert
          type="warning"
          showIcon
          data-testid="shipment-feed-notice"
          title={t('shipment.feedStopped', { feed: eventSourceLabel(t, s.feedNotice.feed) })}
          description={
            <>
              {t('shipment.feedStoppedDetail', { time: formatDateTime(s.feedNotice.at), message: s.feedNotice.message || t('common.none') })}
              {s.feedNotice.carrierCorrectedFrom &&
                ` ${t('shipment.feedCarrierCorrected', { from: s.feedNotice.carrierCorrectedFrom, to: s.feedNotice.carrier })}`}
              {` ${t('shipment.feedStoppedHint')}`}
            </>
          }
        />
      )}
      <Card>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={8}>
            <Flex gap={12} align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: s.waybillNo }}>
                {s.waybillNo}
              </Typography.Title>
              <StoryTag story={s.story} />
              <StatusWithSub status={s.status} subStatus={s.subStatus} />
            </Flex>
            <Flex gap={16} align="center" wrap>
              <Typography.Text data-testid="shipment-route-class">
                {t('shipment.routeClassIs', { value: routeClassLabel(t, s.routeClass) })}
              </Typography.Text>
              <Typography.Text data-testid="shipment-product">
                {t('shipment.productIs', { value: productLabel(t, s.product) })}
              </Typography.Text>
              {s.openExceptions.length > 0 && (
                <Space size={4}>
                  {s.openExceptions.map((kind) => (
                    <ExceptionTag key={kind} kind={kind} />
                  ))}
                </Space>
              )}
            </Flex>
          </Flex>
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('shipment.timeLimit')} style={{ height: '100%' }} data-testid="shipment-time-limit">
            {/* The story the customer is told (SMS, tracking page, ticket), for the agent to tell the same one. */}
            <StoryNotice story={s.story} testId="shipment-story" withTitle />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
              {t('shipment.storyHint')}
            </Typography.Paragraph>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'pickedUp', label: t('shipment.pickedUpAt'), children: timeOrNone(s.pickedUpAt) },
                {
                  key: 'promised',
                  label: t('shipment.promisedAt'),
                  children: s.promisedAt ? (
                    <Typography.Text type={late ? 'danger' : undefined} strong>
                      {formatDateTime(s.promisedAt)}
                    </Typography.Text>
                  ) : (
                    <None />
                  ),
                },
                {
                  key: 'completeDelay',
                  label: t('shipment.completeDelayAt'),
                  children: timeOrNone(s.completeDelayAt),
                },
                { key: 'delivered', label: t('shipment.deliveredAt'), children: timeOrNone(s.deliveredAt) },
                {
                  key: 'policy',
                  label: t('shipment.policyVersion'),
                  children:
                    s.policyVersion === null ? <None /> : t('shipment.policyVersionValue', { version: s.policyVersion }),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <ParcelFacts s={s} />
        </Col>
      </Row>

      <Parties s={s} />

      <Card title={t('shipment.timeline')}>
        <EventTimeline events={s.events} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card title={t('shipment.exceptions')} style={{ height: '100%' }}>
            <ExceptionsTable exceptions={s.exceptions} />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card title={t('shipment.notifications')} style={{ height: '100%' }}>
            <NotificationsTable notifications={s.notifications} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function ParcelFacts({ s }: { s: ShipmentDetail }) {
  const t = useT();
  const payment =
    s.paymentTerm === 'monthly' && s.monthlyAccount
      ? t('shipment.monthlyWithAccount', { term: paymentTermLabel(t, s.paymentTerm), account: s.monthlyAccount })
      : paymentTermLabel(t, s.paymentTerm);
  return (
    <Card title={t('shipment.parcel')} style={{ height: '100%' }} data-testid="shipment-parcel">
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        items={[
          {
            key: 'weight',
            label: t('shipment.weight'),
            children: s.weightG === null ? <None /> : t('unit.kg', { kg: gramsToKg(s.weightG) }),
          },
          { key: 'declared', label: t('shipment.declaredValue'), children: yuanOrNone(t, s.declaredValueFen) },
          {
            key: 'insured',
            label: t('shipment.insured'),
            children: s.insured ? (
              <Space size={6}>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {t('common.yes')}
                </Tag>
                {s.insuranceFeeFen !== null && (
                  <Typography.Text type="secondary">
                    {t('shipment.insuranceFee', { amount: fenToYuan(s.insuranceFeeFen) })}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              t('common.no')
            ),
          },
          { key: 'freight', label: t('shipment.freight'), children: yuanOrNone(t, s.freightFen) },
          { key: 'payment', label: t('shipment.paymentTerm'), children: payment },
        ]}
      />
    </Card>
  );
}

/** Sender and recipient, masked; staff allowed to may reveal them, and the server audits each look. */
function Parties({ s }: { s: ShipmentDetail }) {
  const t = useT();
  const handleError = useRequestErrorHandler();
  const [revealed, setRevealed] = useState<RevealedParties | null>(null);
  const [revealing, setRevealing] = useState(false);

  async function reveal() {
    setRevealing(true);
    try {
      setRevealed(await revealPersonalData(s.waybillNo));
    } catch (error) {
      handleError(error);
    } finally {
      setRevealing(false);
    }
  }

  const shown = revealed ?? { sender: s.sender, recipient: s.recipient };
  const extra = revealed ? (
    <Button icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)} data-testid="shipment-hide">
      {t('shipment.hideFull')}
    </Button>
  ) : (
    s.canRevealPersonalData && (
      <Button icon={<EyeOutlined />} loading={revealing} onClick={reveal} data-testid="shipment-reveal">
        {t('shipment.revealFull')}
      </Button>
    )
  );

  return (
    <Card
      title={
        <Space size={8}>
          {t('shipment.parties')}
          {revealed ? (
            <Tag color="red">{t('shipment.fullData')}</Tag>
          ) : (
            <Tag>{t('shipment.maskedData')}</Tag>
          )}
        </Space>
      }
      extra={extra}
      data-testid="shipment-parties"
    >
      {revealed && (
        <Alert
          type="warning"
          showIcon
          title={t('shipment.revealAudited')}
          style={{ marginBottom: 16 }}
          data-testid="shipment-revealed"
        />
      )}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('shipment.sender')}
          </Typography.Title>
          <PartyView party={shown.sender} testId="shipment-sender" />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('shipment.recipient')}
          </Typography.Title>
          <PartyView party={shown.recipient} testId="shipment-recipient" />
        </Col>
      </Row>
    </Card>
  );
}

function SubStatusText({ status, subStatus }: { status: string; subStatus: string | null }) {
  const text = useSubStatusText(status, subStatus);
  return text ? (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  ) : null;
}

function EventTimeline({ events }: { events: readonly TrackingEvent[] }) {
  const t = useT();
  if (events.length === 0) {
    return (
      <div data-testid="shipment-timeline">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shipment.noEvents')} />
      </div>
    );
  }
  return (
    <div data-testid="shipment-timeline">
      <Timeline
        items={newestFirst(events).map((e, index) => ({
          key: `${e.time}-${index}`,
          color: index === 0 ? 'blue' : 'gray',
          content: (
            <div data-testid="timeline-event">
              <Space size={8} wrap>
                <Typography.Text strong={index === 0}>{formatDateTime(e.time)}</Typography.Text>
                <StatusTag status={e.status} />
                <SubStatusText status={e.status} subStatus={e.subStatus} />
                {e.site && <Typography.Text type="secondary">{e.site}</Typography.Text>}
              </Space>
              <div style={{ marginTop: 4 }}>{e.text}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  e.courier ? t('shipment.courier', { courier: e.courier }) : null,
                  t('shipment.source', { source: eventSourceLabel(t, e.source) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </div>
  );
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One fact of an exception's detail in words: known keys get a label, instants local time. */
function detailValue(t: Translate, key: string, value: unknown): string {
  if (key === 'rule' && typeof value === 'string') return policyRuleLabel(t, value);
  if (key === 'stage' && typeof value === 'string') return trackingStatusLabel(t, value);
  if ((key === 'subStatus' || key === 'place') && typeof value === 'string') return anySubStatusLabel(t, value);
  if (key === 'reason' && typeof value === 'string') return labelOrKey(t, `exceptionDetail.reason.${value}`, value);
  if (key === 'reported' && value === true) return t('exceptionDetail.reportedByFeed');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatDateTime(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** "依据规则：停滞 · 运输中无新扫描；最后扫描：2026-11-18 20:25:38 …"; empty facts are left out. */
function describeDetail(t: Translate, detail: ShipmentException['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => t('shipment.detailPair', { label: labelOrKey(t, `exceptionDetail.${key}`, key), value: detailValue(t, key, value) }))
    .join(t('shipment.detailSeparator'));
}

function ExceptionsTable({ exceptions }: { exceptions: ShipmentException[] }) {
  const t = useT();
  const columns: TableProps<ShipmentException>['columns'] = [
    {
      title: t('shipment.exception.kind'),
      dataIndex: 'kind',
      render: (kind: string, e) => <ExceptionTag kind={kind} cleared={e.clearedAt !== null} />,
    },
    { title: t('shipment.exception.raisedAt'), dataIndex: 'raisedAt', render: (at: string) => formatDateTime(at) },
    {
      title: t('shipment.exception.clearedAt'),
      dataIndex: 'clearedAt',
      render: (at: string | null) =>
        at ? formatDateTime(at) : <Typography.Text type="danger">{t('shipment.exception.open')}</Typography.Text>,
    },
    { title: t('shipment.exception.site'), dataIndex: 'site', render: (site: string | null) => site ?? <None /> },
    {
      title: t('shipment.exception.detail'),
      dataIndex: 'detail',
      render: (detail: ShipmentException['detail']) => {
        const text = describeDetail(t, detail);
        return text ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', minWidth: 200, maxWidth: 420 }}>
            {text}
          </Typography.Text>
        ) : (
          <None />
        );
      },
    },
  ];
  return (
    <div data-testid="shipment-exceptions">
      <Table<ShipmentException>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={exceptions}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shipment.noExceptions')} /> }}
      />
    </div>
  );
}

function NotificationsTable({ notifications }: { notifications: ShipmentNotification[] }) {
  const t = useT();
  const columns: TableProps<ShipmentNotification>['columns'] = [
    {
      title: t('shipment.notification.channel'),
      dataIndex: 'channel',
      render: (channel: string, n) => (
        <div>
          <div>{notificationChannelLabel(t, channel)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {n.recipient}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('shipment.notification.template'),
      dataIndex: 'template',
      render: (template: string) => notificationTemplateLabel(t, template),
    },
    {
      title: t('shipment.notification.body'),
      dataIndex: 'body',
      render: (body: string) => <div style={{ minWidth: 200, maxWidth: 420, whiteSpace: 'pre-wrap' }}>{body}</div>,
    },
    {
      title: t('shipment.notification.status'),
      dataIndex: 'status',
      render: (status: string) => (
        <Tag color={status === 'sent' ? 'success' : status === 'failed' ? 'error' : 'default'}>
          {notificationStatusLabel(t, status)}
        </Tag>
      ),
    },
    {
      title: t('shipment.notification.time'),
      key: 'time',
      render: (_, n) => formatDateTime(n.sentAt ?? n.createdAt),
    },
  ];
  return (
    <div data-testid="shipment-notifications">
      <Table<ShipmentNotification>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={notifications}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shipment.noNotifications')} />,
        }}
      />
    </div>
  );
}
