/**
 * What the agent needs beside the conversation: the customer, their parcels, what they told us
 * before (客户无需重复陈述), what departments were asked, callbacks, and the notices already sent.
 */
import { CheckOutlined, ContactsOutlined, MessageOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { CustomerPhone } from '../../components/CustomerPhone';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { StatusWithSub } from '../../components/ShipmentTags';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { type Translate, useT } from '../../i18n';
import { notificationChannelLabel, notificationStatusLabel } from '../../labels';
import { customerPath, shipmentPath } from '../../paths';
import {
  answerDepartmentRequest,
  completeCallback,
  type Callback,
  type CallbackCompleted,
  type CallbackOutcome,
  type DepartmentRequest,
} from '../../services/tickets';
import { CALLBACK_UNREACHABLE_ATTEMPTS_MAX, DEPARTMENT_TEXT_MAX, TICKET_NOTE_MAX } from '../../shared';
import type { TicketContext } from './context';
import {
  channelLabel,
  KindTag,
  outcomeLabel,
  StatusTag,
  ticketPath,
  tierLabel,
} from './parts';

function None() {
  const t = useT();
  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
}

export function CustomerCard({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { ticket } = ctx;
  const { reveal, customerName: name } = ctx;
  const { can } = useAuth();
  return (
    <Card title={t('tickets.customer.title')} size="small" data-testid="ticket-customer">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('tickets.customer.name'), children: name ?? <None /> },
          {
            key: 'phone',
            label: t('tickets.customer.phone'),
            children: ticket.customerPhone ? (
              <CustomerPhone masked={ticket.customerPhone} canReveal={ticket.canRevealCustomer} state={reveal} />
            ) : (
              <None />
            ),
          },
          {
            key: 'tier',
            label: t('tickets.customer.tier'),
            children: <Tag color={ticket.customerTier === 'key' ? 'gold' : 'default'}>{tierLabel(t, ticket.customerTier)}</Tag>,
          },
          { key: 'channel', label: t('tickets.field.channel'), children: channelLabel(t, ticket.channel) },
        ]}
      />
      {ticket.customerId && can('customers.read') && (
        <Link to={customerPath(ticket.customerId)} data-testid="ticket-customer-360">
          <ContactsOutlined /> {t('customers.action.open360')}
        </Link>
      )}
    </Card>
  );
}

export function ShipmentsCard({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { shipments } = ctx.ticket;
  return (
    <Card title={t('tickets.shipments.title')} size="small" data-testid="ticket-shipments">
      {shipments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.shipments.none')} />
      ) : (
        <Flex vertical gap={12}>
          {shipments.map((s) => (
            <div key={s.waybillNo} data-waybill={s.waybillNo}>
              <Flex gap={8} align="center" wrap>
                <Link to={shipmentPath(s.waybillNo)}>
                  <strong>{s.waybillNo}</strong>
                </Link>
                {s.status ? <StatusWithSub status={s.status} subStatus={s.subStatus} /> : null}
              </Flex>
              {!s.known ? (
                <Typography.Text type="secondary">{t('tickets.shipments.unknown')}</Typography.Text>
              ) : (
                <>
                  {s.lastEventText && <div style={{ marginTop: 2 }}>{s.lastEventText}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[
                      s.lastEventTime ? formatDateTime(s.lastEventTime) : null,
                      s.promisedAt ? t('tickets.shipments.promised', { at: formatDateTime(s.promisedAt) }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </>
              )}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Earlier tickets and contacts about the same parcels or customer: nobody explains twice. */
export function RelatedCard({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { tickets, contacts: allContacts } = ctx.ticket.related;
  const others = tickets.filter((r) => r.id !== ctx.ticket.id);
  // The contact this ticket was opened from is already the conversation's first message.
  const contacts = allContacts.filter((c) => c.ticketId !== ctx.ticket.id);
  return (
    <Card
      title={t('tickets.related.title')}
      size="small"
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('tickets.related.hint')}</Typography.Text>}
      data-testid="ticket-related"
    >
      {others.length === 0 && contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.related.none')} />
      ) : (
        <Flex vertical gap={12}>
          {others.map((r) => (
            <div key={r.id} data-testid="related-ticket">
              <Flex gap={6} align="center" wrap>
                <Link to={ticketPath(r.id)}>#{r.number}</Link>
                <KindTag kind={r.kind} />
                <StatusTag status={r.status} />
              </Flex>
              <div>{r.subject}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[formatDateTime(r.createdAt), r.ownerName].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
          ))}
          {contacts.map((c) => (
            <div key={c.id} data-testid="related-contact">
              <Flex gap={6} align="center" wrap>
                <Tag style={{ marginInlineEnd: 0 }}>{channelLabel(t, c.channel)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatDateTime(c.createdAt), c.agentName].filter(Boolean).join(' · ')}
                </Typography.Text>
                {c.ticketId && c.ticketId !== ctx.ticket.id && <Link to={ticketPath(c.ticketId)}>#{c.ticketNumber}</Link>}
              </Flex>
              <div>{t('tickets.related.asked', { text: c.question })}</div>
              {c.answer && (
                <Typography.Text type="secondary">{t('tickets.related.answered', { text: c.answer })}</Typography.Text>
              )}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export function DepartmentRequestsCard({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { me, can } = useAuth();
  const [answering, setAnswering] = useState<DepartmentRequest | null>(null);
  const requests = ctx.ticket.departmentRequests;
  if (requests.length === 0) return null;
  return (
    <Card title={t('tickets.departmentRequests.title')} size="small" data-testid="ticket-department-requests">
      <Flex vertical gap={12}>
        {requests.map((r) => (
          <div key={r.id}>
            <Flex gap={8} align="center" wrap justify="space-between">
              <Flex gap={8} align="center" wrap>
                <strong>{r.departmentName}</strong>
                {r.repliedAt ? (
                  <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('tickets.departmentRequests.replied')}</Tag>
                ) : (
                  <Countdown dueAt={r.dueAt} />
                )}
              </Flex>
              {!r.repliedAt && can('tickets.departmentReply') && me?.departmentId === r.departmentId && (
                <Button size="small" icon={<MessageOutlined />} onClick={() => setAnswering(r)}>
                  {t('tickets.inbox.reply')}
                </Button>
              )}
            </Flex>
            <div style={{ whiteSpace: 'pre-wrap' }}>{r.question}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tickets.departmentRequests.asked', { name: r.askedByName ?? '', at: formatDateTime(r.askedAt) })}
            </Typography.Text>
            {r.reply && (
              <div style={{ marginTop: 4, paddingLeft: 8, borderLeft: '3px solid #b7eb8f', whiteSpace: 'pre-wrap' }}>
                {r.reply}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('tickets.departmentRequests.repliedBy', { name: r.repliedByName ?? '', at: formatDateTime(r.repliedAt) })}
                  </Typography.Text>
                </div>
              </div>
            )}
          </div>
        ))}
      </Flex>
      {answering && (
        <DepartmentReplyModal
          request={answering}
          onClose={(changed) => {
            setAnswering(null);
            if (changed) ctx.reload();
          }}
        />
      )}
    </Card>
  );
}

/** 相应部门回复: a department answers what it was asked, without taking the ticket. */
export function DepartmentReplyModal({ request, onClose }: { request: DepartmentRequest; onClose(changed: boolean): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reply: string }>();
  const { save, modalProps } = useSaveDialog(onClose);
  const submit = (values: { reply: string }) =>
    save(async () => {
      await answerDepartmentRequest(request.id, values.reply.trim());
      void message.success(t('tickets.inbox.replied'));
    });
  return (
    <FormModal
      {...modalProps}
      title={t('tickets.inbox.replyTitle', { number: request.ticketNumber })}
      okText={t('tickets.inbox.send')}
      okButtonProps={{ 'data-testid': 'department-reply-ok' }}
      form={form}
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {t('tickets.inbox.question', { text: request.question })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="department-reply-form">
        <Form.Item
          name="reply"
          label={t('tickets.inbox.yourReply')}
          rules={[
            { required: true, whitespace: true, message: t('tickets.v.reply') },
            { min: 2, message: t('tickets.v.min2') },
            { max: DEPARTMENT_TEXT_MAX, message: t('tickets.v.max', { max: DEPARTMENT_TEXT_MAX }) },
          ]}
        >
          <Input.TextArea rows={5} maxLength={DEPARTMENT_TEXT_MAX} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function CallbacksCard({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const [completing, setCompleting] = useState<Callback | null>(null);
  const { callbacks } = ctx.ticket;
  if (callbacks.length === 0) return null;
  // Only a resolved ticket's callback takes an outcome (the server refuses it otherwise).
  const mayComplete = ctx.ticket.can.includes('note') && ctx.ticket.status === 'resolved';
  return (
    <Card title={t('tickets.callbacks.title')} size="small" data-testid="ticket-callbacks">
      <List
        size="small"
        dataSource={callbacks}
        renderItem={(c) => (
          <List.Item
            actions={
              !c.doneAt && mayComplete && c.canRecord
                ? [
                    <Button key="done" size="small" icon={<CheckOutlined />} onClick={() => setCompleting(c)} data-testid="callback-complete">
                      {t('tickets.callbacks.complete')}
                    </Button>,
                  ]
                : []
            }
          >
            <div>
              <div>{t('tickets.callbacks.scheduled', { at: formatDateTime(c.scheduledFor), name: c.assigneeName ?? t('common.none') })}</div>
              {c.doneAt ? (
                <Typography.Text type="secondary">
                  {t('tickets.callbacks.done', { outcome: outcomeLabel(t, c.outcome ?? ''), at: formatDateTime(c.doneAt) })}
                  {c.note ? ` · ${c.note}` : ''}
                </Typography.Text>
              ) : (
                <>
                  {c.attempts > 0 && c.lastAttemptAt && (
                    <Typography.Text type="warning" style={{ display: 'block' }}>
                      {t('tickets.callbacks.attempts', { n: c.attempts, at: formatDateTime(c.lastAttemptAt) })}
                      {c.lastAttemptNote ? ` · ${c.lastAttemptNote}` : ''}
                    </Typography.Text>
                  )}
                  <Countdown dueAt={c.scheduledFor} />
                </>
              )}
            </div>
          </List.Item>
        )}
      />
      {completing && (
        <CallbackModal
          callback={completing}
          onClose={(changed) => {
            setCompleting(null);
            if (changed) ctx.reload();
          }}
        />
      )}
    </Card>
  );
}

function callbackDoneMessage(t: Translate, done: CallbackCompleted): string {
  if (done.nextAttemptAt) return t('tickets.done.callbackRetry', { time: formatDateTime(done.nextAttemptAt) });
  if (done.outcome === 'unreachable') return t('tickets.done.callbackUnreachable', { n: done.attempts });
  if (done.outcome === 'satisfied') return t('tickets.done.callbackSatisfied');
  if (done.outcome === 'unsatisfied') return t('tickets.done.callbackUnsatisfied');
  return t('tickets.done.callback');
}

function CallbackModal({ callback, onClose }: { callback: Callback; onClose(changed: boolean): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: CallbackOutcome; note?: string }>();
  const { save, modalProps } = useSaveDialog(onClose);
  const submit = (values: { outcome: CallbackOutcome; note?: string }) =>
    save(async () => {
      const done = await completeCallback(callback.id, { outcome: values.outcome, note: values.note?.trim() || undefined });
      void message.success(callbackDoneMessage(t, done));
    });
  return (
    <FormModal
      {...modalProps}
      title={t('tickets.callbacks.completeTitle', { number: callback.ticketNumber })}
      okText={t('common.save')}
      form={form}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="callback-form">
        <Form.Item name="outcome" label={t('tickets.callbacks.outcome')} rules={[{ required: true, message: t('tickets.v.outcome') }]}>
          <Radio.Group
            options={(['satisfied', 'unsatisfied', 'unreachable'] as const).map((o) => ({ value: o, label: outcomeLabel(t, o) }))}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('tickets.callbacks.outcomeHint', { max: CALLBACK_UNREACHABLE_ATTEMPTS_MAX })}</Typography.Paragraph>
        <Form.Item name="note" label={t('tickets.callbacks.note')} rules={[{ max: TICKET_NOTE_MAX, message: t('tickets.v.max', { max: TICKET_NOTE_MAX }) }]}>
          <Input.TextArea rows={3} maxLength={TICKET_NOTE_MAX} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function NoticesCard({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { notifications } = ctx.ticket;
  if (notifications.length === 0) return null;
  return (
    <Card title={t('tickets.notices.title')} size="small" data-testid="ticket-notices">
      <Flex vertical gap={12}>
        {notifications.map((n) => (
          <div key={n.id}>
            <Flex gap={6} align="center" wrap>
              <Tag style={{ marginInlineEnd: 0 }}>{notificationChannelLabel(t, n.channel)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[n.recipient, notificationStatusLabel(t, n.status), formatDateTime(n.sentAt ?? n.createdAt)].join(' · ')}
              </Typography.Text>
            </Flex>
            <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
          </div>
        ))}
      </Flex>
    </Card>
  );
}
