/**
 * Customer self-service (docs/product.md §2, §5): without signing in, a customer opens a query or a
 * complaint about a waybill after the phone check (last 4 digits of the sender's or recipient's
 * phone), and finds their tickets again the same way. Each ticket is followed through a secret
 * link, /service/t/:token.
 */
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Form, Input, Radio, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import {
  followPath,
  lookupPublicTickets,
  openPublicTicket,
  PUBLIC_NAME_MAX,
  PUBLIC_TEXT_MAX,
  PUBLIC_TEXT_MIN,
  PUBLIC_TICKET_KINDS,
  type PublicTicketKind,
  type PublicTicketSummary,
} from '../../services/self-service';
import { WAYBILL_PATTERN } from '../../shared';
import { isPhoneLast4 } from '../track/parse';
import { isSettled, messageOf, publicKindLabel, publicStatusLabel } from './labels';
import { PublicFrame } from './PublicFrame';
import { publicTimeZone } from '../track/public-times';
import { TimeZoneHint } from '../../components/TimeZoneHint';

const WAYBILL = new RegExp(WAYBILL_PATTERN);


/** The two fields of the phone check, shared by both forms. */
function WaybillAndPhone({ t, idPrefix }: { t: Translate; idPrefix: string }) {
  return (
    <>
      <Form.Item
        name="waybillNo"
        label={t('selfService.waybill')}
        normalize={(value: string) => value.trim()}
        rules={[
          { required: true, message: t('selfService.v.waybill') },
          { pattern: WAYBILL, message: t('selfService.v.waybillFormat') },
        ]}
      >
        <Input
          placeholder={t('selfService.waybillPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          data-testid={`${idPrefix}-waybill`}
        />
      </Form.Item>
      <Form.Item
        name="phoneLast4"
        label={t('selfService.phoneLast4')}
        extra={t('selfService.phoneLast4Hint')}
        normalize={(value: string) => value.trim()}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              value && isPhoneLast4(value) ? Promise.resolve() : Promise.reject(new Error(t('selfService.v.phoneLast4'))),
          },
        ]}
      >
        <Input
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          placeholder={t('selfService.phoneLast4Placeholder')}
          style={{ maxWidth: 200 }}
          data-testid={`${idPrefix}-phone`}
        />
      </Form.Item>
    </>
  );
}

export default function SelfServicePage() {
  const t = useT();
  const [params] = useSearchParams();
  const waybillNo = params.get('waybill')?.trim() ?? '';
  // Coming from /track with the parcel verified: the customer is not asked for the digits again.
  const given = (useLocation().state as { phoneLast4?: unknown } | null)?.phoneLast4;
  const phoneLast4 = typeof given === 'string' && isPhoneLast4(given) ? given : undefined;
  useDocumentTitle(t('selfService.title'));

  return (
    <PublicFrame>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('selfService.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('selfService.subtitle')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CreateCard waybillNo={waybillNo} phoneLast4={phoneLast4} />
        </Col>
        <Col xs={24} lg={10}>
          <LookupCard waybillNo={waybillNo} phoneLast4={phoneLast4} />
        </Col>
      </Row>
    </PublicFrame>
  );
}

interface CreateValues {
  waybillNo: string;
  phoneLast4: string;
  kind: PublicTicketKind;
  text: string;
  contactName?: string;
}

function CreateCard({ waybillNo, phoneLast4 }: { waybillNo: string; phoneLast4: string | undefined }) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<{ number: string; token: string; joined: boolean } | null>(null);

  async function submit(values: CreateValues) {
    setSending(true);
    setFailure(null);
    try {
      const contactName = values.contactName?.trim();
      setCreated(
        await openPublicTicket({
          waybillNo: values.waybillNo,
          phoneLast4: values.phoneLast4,
          kind: values.kind,
          text: values.text.trim(),
          ...(contactName ? { contactName } : {}),
        }),
      );
    } catch (error) {
      setFailure(messageOf(t, error));
    } finally {
      setSending(false);
    }
  }

  if (created) {
    const link = `${window.location.origin}${followPath(created.token)}`;
    return (
      <Card title={t('selfService.create.title')} style={{ height: '100%' }} data-testid="service-created">
        <Flex vertical gap={12}>
          <Flex align="center" gap={10}>
            <CheckCircleFilled style={{ color: '#52c41a', fontSize: 24 }} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="service-created-number">
              {t(created.joined ? 'selfService.created.joinedTitle' : 'selfService.created.title', { number: created.number })}
            </Typography.Title>
          </Flex>
          {created.joined && (
            <Alert type="info" showIcon title={t('selfService.created.joined', { number: created.number })} data-testid="service-created-joined" />
          )}
          <Alert type="warning" showIcon title={t('selfService.created.keep')} />
          <Typography.Paragraph
            copyable={{ text: link }}
            style={{
              margin: 0,
              padding: '8px 12px',
              background: '#fafafa',
              border: '1px solid #f0f0f0',
              borderRadius: 6,
              wordBreak: 'break-all',
            }}
            data-testid="service-created-link"
          >
            {link}
          </Typography.Paragraph>
          <Space wrap>
            <Link to={followPath(created.token)}>
              <Button type="primary" data-testid="service-created-open">
                {t('selfService.created.open')}
              </Button>
            </Link>
            <Button
              onClick={() => {
                setCreated(null);
                form.resetFields();
              }}
            >
              {t('selfService.created.another')}
            </Button>
          </Space>
        </Flex>
      </Card>
    );
  }

  return (
    <Card title={t('selfService.create.title')} style={{ height: '100%' }}>
      <Form<CreateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ waybillNo, phoneLast4, kind: 'query' }}
        onFinish={(values) => void submit(values)}
        data-testid="service-create-form"
      >
        <WaybillAndPhone t={t} idPrefix="service-create" />
        <Form.Item name="kind" label={t('selfService.kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={PUBLIC_TICKET_KINDS.map((kind) => ({ value: kind, label: t(`selfService.kind.${kind}`) }))}
            data-testid="service-create-kind"
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('selfService.text')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value?.trim().length ?? 0) >= PUBLIC_TEXT_MIN
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('selfService.v.text', { min: PUBLIC_TEXT_MIN }))),
            },
          ]}
        >
          <Input.TextArea
            rows={5}
            maxLength={PUBLIC_TEXT_MAX}
            showCount
            placeholder={t('selfService.textPlaceholder')}
            data-testid="service-create-text"
          />
        </Form.Item>
        <Form.Item name="contactName" label={t('selfService.contactName')}>
          <Input
            maxLength={PUBLIC_NAME_MAX}
            placeholder={t('selfService.contactNamePlaceholder')}
            style={{ maxWidth: 280 }}
            data-testid="service-create-name"
          />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="service-create-error" />}
        <Button type="primary" htmlType="submit" loading={sending} data-testid="service-create-submit">
          {t('selfService.submit')}
        </Button>
      </Form>
    </Card>
  );
}

interface LookupValues {
  waybillNo: string;
  phoneLast4: string;
}

function LookupCard({ waybillNo, phoneLast4 }: { waybillNo: string; phoneLast4: string | undefined }) {
  const t = useT();
  const [form] = Form.useForm<LookupValues>();
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [tickets, setTickets] = useState<PublicTicketSummary[] | null>(null);
  const [timeZone, setTimeZone] = useState<string>(() => publicTimeZone(null));

  async function submit(values: LookupValues) {
    setLoading(true);
    setFailure(null);
    try {
      const found = await lookupPublicTickets(values);
      // The company's zone comes with the answer (no session here): the times are shown in it.
      setTimeZone(publicTimeZone(found.timeZone));
      setTickets(found.tickets);
    } catch (error) {
      setTickets(null);
      setFailure(messageOf(t, error));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card title={t('selfService.lookup.title')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('selfService.lookup.intro')}</Typography.Paragraph>
      <Form<LookupValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ waybillNo, phoneLast4 }}
        onFinish={(values) => void submit(values)}
        data-testid="service-lookup-form"
      >
        <WaybillAndPhone t={t} idPrefix="service-lookup" />
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="service-lookup-error" />}
        <Button htmlType="submit" loading={loading} data-testid="service-lookup-submit">
          {t('selfService.lookupSubmit')}
        </Button>
      </Form>
      {tickets && (
        <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="service-lookup-results">
          {tickets.length > 0 && <TimeZoneHint zone={timeZone} />}
          {tickets.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfService.lookup.none')} />
          ) : (
            tickets.map((ticket) => (
              <Card key={ticket.token} size="small" data-testid="service-lookup-ticket" data-number={ticket.number}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <Space size={6} wrap>
                      <Typography.Text strong>{ticket.number}</Typography.Text>
                      <Tag style={{ marginInlineEnd: 0 }}>{publicKindLabel(t, ticket.kind)}</Tag>
                      <Tag color={isSettled(ticket.status) ? 'success' : 'processing'} style={{ marginInlineEnd: 0 }}>
                        {publicStatusLabel(t, ticket.status)}
                      </Tag>
                    </Space>
                    <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }}>
                      {ticket.subject}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`selfService.lookup.openedAt.${ticket.openedBy}`, { time: formatDateTime(ticket.createdAt, timeZone).slice(0, 16) })}
                    </Typography.Text>
                  </div>
                  <Link to={followPath(ticket.token)}>
                    <Button size="small">{t('selfService.lookup.open')}</Button>
                  </Link>
                </Flex>
              </Card>
            ))
          )}
        </Flex>
      )}
    </Card>
  );
}
