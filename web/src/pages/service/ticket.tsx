/**
 * A customer follows one ticket with its secret link (/service/t/:token): status in plain words,
 * the public conversation, a reply box while the ticket is not closed, and once it is resolved a
 * 1–5 rating — with a reason below 3 stars (docs/product.md §5: CSAT with a reason on bad ratings).
 */
import { CheckCircleFilled, NotificationOutlined, PaperClipOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Rate, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT, type MessageKey } from '../../i18n';
import {
  getPublicTicket,
  LOW_RATING_THRESHOLD,
  PUBLIC_REPLY_MAX,
  RATING_REASON_MAX,
  RATING_REASON_MIN,
  ratePublicTicket,
  replyToPublicTicket,
  uploadPublicPhoto,
  type PublicMessage,
  type PublicTicket,
} from '../../services/self-service';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from '../../shared';
import { STATUS_COLORS } from '../tickets/parts';
import { isSettled, messageOf, openedAtLabel, publicAuthorLabel, publicKindLabel, publicStatusLabel } from './labels';
import { ParcelStories } from './ParcelStories';
import { systemTextLabel } from '../../labels';
import { LinkLoadStatus, useLinkLoad } from './link-page';
import { PublicFrame } from './PublicFrame';
import { publicTimeZone } from '../track/public-times';
import { TimeZoneHint } from '../../components/TimeZoneHint';

const RATING_WORDS: MessageKey[] = [
  'selfService.rating.level1',
  'selfService.rating.level2',
  'selfService.rating.level3',
  'selfService.rating.level4',
  'selfService.rating.level5',
];

export default function PublicTicketPage() {
  const t = useT();
  const { token = '' } = useParams();
  const { loaded, data: ticket, load } = useLinkLoad(token, getPublicTicket);
  useDocumentTitle(ticket ? t('selfService.ticket.title', { number: ticket.number }) : t('selfService.title'));

  return (
    <PublicFrame>
      <LinkLoadStatus loaded={loaded} reload={() => void load()} back={{ to: '/service', label: t('selfService.ticket.back'), hint: t('selfService.notFound.hint') }} testId="service-ticket" />
      {ticket && <TicketView ticket={ticket} token={token} onChanged={() => void load()} />}
    </PublicFrame>
  );
}

function TicketView({ ticket, token, onChanged }: { ticket: PublicTicket; token: string; onChanged: () => void }) {
  const t = useT();
  // The company's zone comes with the ticket (no session here): every time on the page is shown in it.
  const timeZone = publicTimeZone(ticket.timeZone);
  return (
    <>
      <Card data-testid="service-ticket" data-status={ticket.status}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Space size={12} wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="service-ticket-number">
              {t('selfService.ticket.title', { number: ticket.number })}
            </Typography.Title>
            <Tag
              color={STATUS_COLORS[ticket.status] ?? 'default'}
              style={{ fontSize: 14, padding: '2px 10px' }}
              data-testid="service-ticket-status"
            >
              {publicStatusLabel(t, ticket.status)}
            </Tag>
          </Space>
          <Link to="/service">
            <Button type="link" style={{ paddingInline: 0 }}>
              {t('selfService.ticket.back')}
            </Button>
          </Link>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          style={{ marginTop: 16 }}
          items={[
            { key: 'kind', label: t('selfService.ticket.kind'), children: publicKindLabel(t, ticket.kind) },
            { key: 'subject', label: t('selfService.ticket.subject'), children: ticket.subject },
            {
              key: 'waybills',
              label: t('selfService.ticket.waybills'),
              children: ticket.waybillNos.join(t('track.listSeparator')) || t('common.none'),
            },
            // 提交时间 only for what the customer submitted; a ticket our staff or the system opened says so.
            {
              key: 'createdAt',
              label: <span data-testid="service-ticket-opened-label">{openedAtLabel(t, ticket.openedBy)}</span>,
              children: formatDateTime(ticket.createdAt, timeZone).slice(0, 16),
            },
            ...(ticket.resolvedAt
              ? [{ key: 'resolvedAt', label: t('selfService.ticket.resolvedAt'), children: formatDateTime(ticket.resolvedAt, timeZone).slice(0, 16) }]
              : []),
          ]}
        />
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('selfService.ticket.keepLink')}
          </Typography.Text>
          <TimeZoneHint zone={timeZone} />
        </Flex>
      </Card>

      <ParcelStories waybillNos={ticket.waybillNos} timeZone={timeZone} />

      {(ticket.canRate || ticket.rating !== null) && <RatingCard ticket={ticket} token={token} onRated={onChanged} />}

      <Card title={t('selfService.conversation')} data-testid="service-conversation">
        {ticket.messages.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selfService.noMessages')} />
        ) : (
          <Flex vertical gap={12}>
            {ticket.messages.map((m, index) => (
              <MessageBubble key={`${m.at}-${index}`} message={m} timeZone={timeZone} />
            ))}
          </Flex>
        )}
        <CustomerFiles files={ticket.attachments} timeZone={timeZone} />
        {ticket.canReply ? (
          <>
            <ReplyBox token={token} settled={isSettled(ticket.status)} onSent={onChanged} />
            <PhotoUpload token={token} onSent={onChanged} />
          </>
        ) : (
          <Alert type="info" showIcon title={t('selfService.closed')} style={{ marginTop: 16 }} />
        )}
      </Card>
    </>
  );
}

const BUBBLE_COLORS = {
  customer: { background: '#e6f4ff', border: '#bae0ff' },
  staff: { background: '#f5f5f5', border: '#f0f0f0' },
  system: { background: '#fffbe6', border: '#ffe58f' },
} as const;

/** One message, signed by who wrote it: 您, our staff by role, or 系统通知 (never 客服 for what the system wrote). */
function MessageBubble({ message, timeZone }: { message: PublicMessage; timeZone: string }) {
  const t = useT();
  const mine = message.from === 'customer';
  const colors = BUBBLE_COLORS[message.from];
  return (
    <Flex vertical align={mine ? 'flex-end' : 'flex-start'} data-testid="service-message" data-from={message.from}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 2 }} data-testid="service-message-author">
        {message.from === 'system' && <NotificationOutlined style={{ marginInlineEnd: 4 }} />}
        {publicAuthorLabel(t, message.from, message.staffRole)} · {formatDateTime(message.at, timeZone).slice(0, 16)}
      </Typography.Text>
      <div
        style={{
          maxWidth: 'min(85%, 640px)',
          padding: '8px 12px',
          borderRadius: 10,
          background: colors.background,
          border: `1px solid ${colors.border}`,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {message.systemText ? systemTextLabel(t, message.systemText) : message.body}
      </div>
    </Flex>
  );
}

/** The files the customer sent through this link, as the server has them: still listed after a reload. */
function CustomerFiles({ files, timeZone }: { files: PublicTicket['attachments']; timeZone: string }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={4} style={{ marginTop: 16 }} data-testid="service-files">
      <Typography.Text strong>{t('selfService.photo.listTitle')}</Typography.Text>
      {files.map((file, index) => (
        <Flex key={`${file.at}-${index}`} gap={8} align="baseline" wrap data-testid="service-file">
          <Typography.Text style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            <PaperClipOutlined /> {file.fileName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(file.at, timeZone).slice(0, 16)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

function ReplyBox({ token, settled, onSent }: { token: string; settled: boolean; onSent: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit({ body }: { body: string }) {
    setSending(true);
    setFailure(null);
    try {
      await replyToPublicTicket(token, body.trim());
      form.resetFields();
      void message.success(t('selfService.reply.sent'));
      onSent();
    } catch (error) {
      setFailure(messageOf(t, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      style={{ marginTop: 20 }}
      data-testid="service-reply-form"
    >
      <Form.Item
        name="body"
        label={t('selfService.reply.label')}
        extra={settled ? t('selfService.reply.reopenHint') : undefined}
        rules={[{ required: true, whitespace: true, message: t('selfService.reply.v.required') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={PUBLIC_REPLY_MAX}
          placeholder={t('selfService.reply.placeholder')}
          data-testid="service-reply-text"
        />
      </Form.Item>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={sending} data-testid="service-reply-submit">
        {t('selfService.reply.submit')}
      </Button>
    </Form>
  );
}

/** The customer adds a photo (damage, signed slip); the agent sees it on the ticket, the customer in CustomerFiles. */
function PhotoUpload({ token, onSent }: { token: string; onSent: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  return (
    <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="service-photo">
      <Upload
        accept={ATTACHMENT_ACCEPT}
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            void message.error(t('selfService.photo.tooLarge', { max: `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          setUploading(true);
          uploadPublicPhoto(token, file as File)
            .then((saved) => {
              void message.success(t('selfService.photo.sent'));
              onSuccess?.(saved);
              onSent();
            })
            .catch((error: unknown) => {
              void message.error(messageOf(t, error));
              onError?.(error as Error);
            })
            .finally(() => setUploading(false));
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} data-testid="service-photo-upload">
          {t('selfService.photo.button')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('selfService.photo.hint')}
      </Typography.Text>
    </Flex>
  );
}

interface RatingValues {
  rating?: number;
  reason?: string;
}

function RatingCard({ ticket, token, onRated }: { ticket: PublicTicket; token: string; onRated: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RatingValues>();
  const rating = Form.useWatch('rating', form) ?? 0;
  const reasonRequired = rating > 0 && rating < LOW_RATING_THRESHOLD;
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Once rated, the customer's rating stays on the page with our thanks.
  if (ticket.rating !== null) {
    return (
      <Card data-testid="service-rated">
        <Flex vertical align="center" gap={8} style={{ textAlign: 'center' }}>
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 32 }} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('selfService.rating.thanks')}
          </Typography.Title>
          <Rate disabled value={ticket.rating} />
          <Typography.Text type="secondary">{t('selfService.rating.yours', { rating: ticket.rating })}</Typography.Text>
          {ticket.ratingReason && (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', maxWidth: 560 }} data-testid="service-rated-reason">
              “{ticket.ratingReason}”
            </Typography.Paragraph>
          )}
        </Flex>
      </Card>
    );
  }

  async function submit(values: RatingValues) {
    if (!values.rating) return;
    setSending(true);
    setFailure(null);
    try {
      const reason = values.reason?.trim();
      await ratePublicTicket(token, { rating: values.rating, ...(reason ? { reason } : {}) });
      onRated();
    } catch (error) {
      setFailure(messageOf(t, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Card title={t('selfService.rating.title')} data-testid="service-rating">
      <Typography.Paragraph type="secondary">{t('selfService.rating.intro')}</Typography.Paragraph>
      <Form<RatingValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        data-testid="service-rating-form"
      >
        <Form.Item
          name="rating"
          label={t('selfService.rating.stars')}
          rules={[
            {
              // Clicking the chosen star again clears it (0): that is no rating either.
              validator: (_, value: number | undefined) =>
                value && value >= 1 ? Promise.resolve() : Promise.reject(new Error(t('selfService.rating.v.stars'))),
            },
          ]}
        >
          <RateWithWords />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t(reasonRequired ? 'selfService.rating.reason' : 'selfService.rating.reasonOptional')}
          extra={reasonRequired ? undefined : t('selfService.rating.reasonHint', { threshold: LOW_RATING_THRESHOLD })}
          dependencies={['rating']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                const stars = Number(getFieldValue('rating') ?? 0);
                const needed = stars > 0 && stars < LOW_RATING_THRESHOLD;
                return needed && (value?.trim().length ?? 0) < RATING_REASON_MIN
                  ? Promise.reject(new Error(t('selfService.rating.v.reason', { threshold: LOW_RATING_THRESHOLD })))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={RATING_REASON_MAX}
            placeholder={t('selfService.rating.reasonPlaceholder')}
            data-testid="service-rating-reason"
          />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="service-rating-error" />}
        <Button type="primary" htmlType="submit" loading={sending} data-testid="service-rating-submit">
          {t('selfService.rating.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** antd Rate with the meaning of the chosen star count beside it (非常不满意 … 非常满意). */
function RateWithWords({ value, onChange }: { value?: number; onChange?: (value: number) => void }) {
  const t = useT();
  const words = RATING_WORDS.map((key) => t(key));
  return (
    <Flex align="center" gap={12} wrap>
      <Rate value={value} onChange={onChange} tooltips={words} style={{ fontSize: 28 }} data-testid="service-rating-stars" />
      {value ? <Typography.Text data-testid="service-rating-word">{words[value - 1]}</Typography.Text> : null}
    </Flex>
  );
}
