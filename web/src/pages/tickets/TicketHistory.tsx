/**
 * A ticket's history two ways: the conversation (what the customer said, what we answered, and our
 * internal notes, set apart) and the full append-only timeline — who, when, what, from → to.
 */
import { Empty, Flex, Tag, Timeline, Typography, theme } from 'antd';
import { useState, type CSSProperties } from 'react';
import { formatDateTime } from '../../format';
import { useT, type Translate } from '../../i18n';
import { exceptionKindLabel, labelOrKey, notificationChannelLabel, systemTextLabel } from '../../labels';
import type { TicketCode, TimelineEntry } from '../../services/tickets';
import {
  channelLabel,
  clockLabel,
  kindLabel,
  outcomeLabel,
  priorityLabel,
  statusLabel,
  useCodeName,
} from './parts';
import { CONVERSATION_FOLD, foldText, TIMELINE_FOLD, type FoldLimits } from './fold';

type Side = 'customer' | 'agent' | 'internal' | 'department' | 'system';

/** Which entries are messages, and whose. */
const MESSAGE_SIDES: Record<string, Side> = {
  created: 'customer',
  contact: 'customer',
  customer_reply: 'customer',
  reply: 'agent',
  note: 'internal',
  department_reply: 'department',
  notification: 'system',
};

const SIDE_COLORS: Record<Side, string> = { customer: 'default', agent: 'blue', internal: 'gold', department: 'green', system: 'purple' };

/** A message body, folded when long: its start, then 展开 (and 收起 once open). */
function FoldedBody({ text, limits, style }: { text: string; limits: FoldLimits; style?: CSSProperties }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const folded = foldText(text, limits);
  const bodyStyle: CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word', ...style };
  if (!folded) return <div style={bodyStyle}>{text}</div>;
  return (
    <div style={bodyStyle} data-testid="folded-body" data-open={open}>
      {open ? text : `${folded.shown}…`}
      <Typography.Link
        style={{ marginInlineStart: 8, whiteSpace: 'nowrap' }}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="fold-toggle"
      >
        {open ? t('tickets.fold.collapse') : t('tickets.fold.expand', { count: folded.hidden })}
      </Typography.Link>
    </div>
  );
}

/**
 * Who wrote an entry, in the reader's language: staff by their name, the customer by theirs as the
 * page shows it (masked, or revealed), the system as 系统 / System. The server sends the kind, never
 * a label to show (docs/architecture.md, timeline).
 */
export function actorLabel(t: Translate, e: TimelineEntry, customerName: string | null): string {
  if (e.actorKind === 'staff') return e.actorName;
  if (e.actorKind === 'customer') return customerName ? t('tickets.actor.customer', { name: customerName }) : t('tickets.actor.customerUnnamed');
  return t('tickets.actor.system');
}

/**
 * What an entry says: what the system wrote in the reader's language (the exception that opened
 * the ticket, a reason a command gave by itself), else the body as written.
 */
export function entryText(t: Translate, e: TimelineEntry): string | null {
  // A claim's opening and settlement carry data (waybill, type code, fen), not words: their title
  // says what happened and the ticket's claims card shows the claim in the reader's language.
  if (DATA_BODIES.has(e.kind)) return null;
  return e.systemText ? systemTextLabel(t, e.systemText) : e.body;
}

const DATA_BODIES = new Set(['claim_opened', 'claim_settled']);

export function Conversation({ entries, customerName }: { entries: readonly TimelineEntry[]; customerName: string | null }) {
  const t = useT();
  const { token } = theme.useToken();
  const messages = entries.filter((e) => e.kind in MESSAGE_SIDES && e.body);
  if (messages.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.conversation.none')} />;
  }
  const look: Record<Side, { background: string; border: string; align: 'flex-start' | 'flex-end' | 'center' }> = {
    customer: { background: token.colorFillQuaternary, border: token.colorBorderSecondary, align: 'flex-start' },
    agent: { background: token.colorPrimaryBg, border: token.colorPrimaryBorder, align: 'flex-end' },
    internal: { background: token.colorWarningBg, border: token.colorWarningBorder, align: 'flex-end' },
    department: { background: token.colorSuccessBg, border: token.colorSuccessBorder, align: 'flex-start' },
    system: { background: token.colorFillQuaternary, border: token.colorBorderSecondary, align: 'center' },
  };
  return (
    <Flex vertical gap={12} data-testid="ticket-conversation">
      {messages.map((e) => {
        // A ticket the system opened (an exception) starts with the system's words, not the customer's.
        const side = e.kind === 'created' && e.detail.channel === 'system' ? 'system' : (MESSAGE_SIDES[e.kind] ?? 'system');
        const style = look[side];
        return (
          <Flex key={e.id} justify={style.align} data-testid="message" data-side={side} data-kind={e.kind}>
            <div
              style={{
                maxWidth: side === 'system' ? '90%' : '80%',
                background: style.background,
                border: `1px ${side === 'internal' || side === 'department' ? 'dashed' : 'solid'} ${style.border}`,
                borderRadius: 8,
                padding: '8px 12px',
              }}
            >
              <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
                <Tag
                  color={SIDE_COLORS[side]}
                  style={{ marginInlineEnd: 0 }}
                >
                  {t(`tickets.side.${side}`)}
                </Tag>
                <Typography.Text strong style={{ fontSize: 13 }} data-testid="message-author">
                  {messageAuthor(t, e, customerName)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
              </Flex>
              <FoldedBody text={entryText(t, e) ?? ''} limits={CONVERSATION_FOLD} />
              {e.kind === 'contact' && typeof e.detail.answer === 'string' && e.detail.answer && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {t('tickets.conversation.answeredOnSpot', { answer: e.detail.answer })}
                </Typography.Paragraph>
              )}
            </div>
          </Flex>
        );
      })}
    </Flex>
  );
}

function messageAuthor(t: Translate, e: TimelineEntry, customerName: string | null): string {
  // The side's tag already says 客户 / Customer: the customer's messages carry their name alone.
  const name = e.actorKind === 'customer' && customerName ? customerName : actorLabel(t, e, customerName);
  if (e.kind === 'created' && e.actorKind === 'system') return t('tickets.conversation.openedBySystem');
  if (e.kind === 'created') return t('tickets.conversation.opened', { name, channel: channelLabel(t, String(e.detail.channel ?? '')) });
  if (e.kind === 'contact') return t('tickets.conversation.calledAgain', { name, channel: channelLabel(t, String(e.detail.channel ?? '')) });
  if (e.kind === 'notification') return t('tickets.conversation.notice', { channel: notificationChannelLabel(t, e.to ?? '') });
  return name;
}

const EDIT_FIELDS = ['categoryCode', 'causeCode', 'confidential', 'subject', 'waybillNos'] as const;

/** One timeline entry in words: a title, and the from → to when there is one. */
function describe(t: Translate, e: TimelineEntry, codeName: (code: string | null) => string | null): { title: string; change?: [string, string] } {
  const value = (v: string | null, label: (t: Translate, v: string) => string) => (v === null ? t('common.none') : label(t, v));
  switch (e.kind) {
    case 'created':
      return { title: t('tickets.event.created', { kind: kindLabel(t, e.to ?? ''), channel: channelLabel(t, String(e.detail.channel ?? '')) }) };
    case 'status':
      return { title: t('tickets.event.status'), change: [value(e.from, statusLabel), value(e.to, statusLabel)] };
    case 'priority':
      return {
        title:
          e.detail.reason === 'clock_breach'
            ? t('tickets.event.priorityBreach')
            : e.systemText?.key === 'exceptionRaisedPriority'
              ? (entryText(t, e) ?? '')
              : t('tickets.event.priority'),
        change: [value(e.from, priorityLabel), value(e.to, priorityLabel)],
      };
    case 'escalate':
      return { title: t('tickets.event.escalate'), change: [value(e.from, priorityLabel), value(e.to, priorityLabel)] };
    case 'transfer':
      return { title: t('tickets.event.transfer'), change: [e.from ?? t('tickets.unassigned'), e.to ?? t('common.none')] };
    case 'take':
      return { title: t('tickets.event.take', { name: e.to ?? e.actorName }) };
    case 'assign':
      return { title: t(e.detail.rule === 'follow_up' ? 'tickets.event.assignFollowUp' : 'tickets.event.assign', { name: e.to ?? '' }) };
    case 'linked': {
      const reason = labelOrKey(t, `tickets.linkReason.${String(e.detail.reason ?? '')}`, String(e.detail.reason ?? ''));
      return e.detail.role === 'new'
        ? { title: t('tickets.event.linkedNew', { number: e.from ?? '', reason }) }
        : { title: t('tickets.event.linkedCase', { number: e.to ?? '', reason }) };
    }
    case 'customer_reply': {
      const followUp = e.detail.followUp as { kind?: string } | undefined;
      return followUp ? { title: t('tickets.event.followUp', { kind: kindLabel(t, followUp.kind ?? '') }) } : { title: t('tickets.event.customer_reply') };
    }
    case 'department_request':
      return { title: t('tickets.event.department_request', { department: e.to ?? '' }) };
    case 'merged':
      return typeof e.detail.intoTicketId === 'string'
        ? { title: t('tickets.event.mergedInto', { number: e.to ?? '' }) }
        : { title: t('tickets.event.mergedFrom', { number: e.from ?? '' }) };
    case 'clock_warning':
      return { title: t('tickets.event.clock_warning', { clock: clockLabel(t, e.to ?? '') }) };
    case 'clock_breach': {
      // The job's escalation travels with the breach: { from, to } when the priority went up.
      const step = e.detail.priority as { from?: string; to?: string } | undefined;
      return {
        title: t(step ? 'tickets.event.clock_breachRaised' : 'tickets.event.clock_breach', { clock: clockLabel(t, e.to ?? '') }),
        ...(step?.from && step.to && { change: [value(step.from, priorityLabel), value(step.to, priorityLabel)] }),
      };
    }
    case 'exception':
      return { title: t('tickets.event.exception', { kind: exceptionKindLabel(t, e.to ?? '') }) };
    case 'notification':
      return { title: t('tickets.event.notification', { channel: notificationChannelLabel(t, e.to ?? '') }) };
    case 'resolved':
      return {
        title: typeof e.detail.causeCode === 'string'
          ? t('tickets.event.resolvedWithCause', { cause: codeName(e.detail.causeCode) ?? e.detail.causeCode })
          : t('tickets.event.resolved'),
      };
    case 'callback_scheduled':
      return { title: t('tickets.event.callback_scheduled', { at: formatDateTime(e.to) || (e.to ?? '') }) };
    case 'callback_attempt':
      // 联系不上 before the last attempt: the callback stays, moved to the next callback window.
      return {
        title: t('tickets.event.callback_attempt', { attempt: String(e.detail.attempt ?? ''), at: formatDateTime(e.to) || (e.to ?? '') }),
      };
    case 'callback_done':
      return { title: t('tickets.event.callback_done', { outcome: outcomeLabel(t, e.to ?? '') }) };
    case 'rating':
      return { title: t('tickets.event.rating', { rating: e.to ?? '' }) };
    case 'service_order_created':
      return { title: t('tickets.event.service_order_created', { number: e.to ?? '' }) };
    case 'edit': {
      const field = String(e.detail.field ?? '');
      const known = (EDIT_FIELDS as readonly string[]).includes(field);
      const show = (v: string | null) => {
        if (v === null) return t('common.none');
        if (field === 'confidential') return v === 'true' ? t('common.yes') : t('common.no');
        if (field === 'categoryCode' || field === 'causeCode') return codeName(v) ?? v;
        return v;
      };
      return {
        title: t('tickets.event.edit', { field: known ? t(`tickets.editField.${field as (typeof EDIT_FIELDS)[number]}`) : field }),
        change: field === 'waybillNos' ? undefined : [show(e.from), show(e.to)],
      };
    }
    default:
      return { title: labelOrKey(t, `tickets.event.${e.kind}`, e.kind) };
  }
}

const ALARM_KINDS = new Set(['clock_breach', 'exception']);
const GOOD_KINDS = new Set(['resolved', 'callback_done', 'reply']);

/** Entries whose text the title already says (the exception that raised the priority). */
const TEXT_IN_TITLE = new Set(['exceptionRaisedPriority']);

export function TicketTimeline({
  entries,
  codes,
  customerName,
}: {
  entries: readonly TimelineEntry[];
  codes: readonly TicketCode[];
  customerName: string | null;
}) {
  const t = useT();
  const codeName = useCodeName();
  return (
    <div data-testid="ticket-timeline">
      <Timeline
        items={entries.map((e) => {
          const { title, change } = describe(t, e, (code) => codeName(codes, code));
          const text = e.systemText && TEXT_IN_TITLE.has(e.systemText.key) ? null : entryText(t, e);
          const color = ALARM_KINDS.has(e.kind)
            ? 'red'
            : e.kind === 'clock_warning'
              ? 'orange'
              : GOOD_KINDS.has(e.kind)
                ? 'green'
                : e.visibility === 'internal'
                  ? 'gray'
                  : 'blue';
          return {
            key: e.id,
            color,
            content: (
              <div data-testid="timeline-entry" data-kind={e.kind}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{title}</Typography.Text>
                  {e.visibility === 'internal' && (
                    <Tag style={{ marginInlineEnd: 0 }}>{t('tickets.internal')}</Tag>
                  )}
                  {Array.isArray(e.detail.warnedPhrases) && e.detail.warnedPhrases.length > 0 && (
                    // Sent in warn mode after the agent confirmed: quality checks look for these.
                    <Tag color="red" style={{ marginInlineEnd: 0 }}>
                      {t('tickets.warnedPhrases', { phrases: e.detail.warnedPhrases.map(String).join('、') })}
                    </Tag>
                  )}
                  {e.kind.startsWith('phrase_release_') && Array.isArray(e.detail.phrases) && e.detail.phrases.length > 0 && (
                    <Tag color="red" style={{ marginInlineEnd: 0 }}>
                      {t('tickets.release.matched', { phrases: e.detail.phrases.map(String).join('、') })}
                    </Tag>
                  )}
                  {typeof e.detail.releasedBy === 'string' && (
                    // A reply the guard blocked, sent once a supervisor released it.
                    <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="timeline-released">
                      {t('tickets.release.releasedBy', { name: e.detail.releasedBy })}
                    </Tag>
                  )}
                  {change && (
                    <Typography.Text>
                      {change[0]} <Typography.Text type="secondary">→</Typography.Text> {change[1]}
                    </Typography.Text>
                  )}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="timeline-actor" data-actor-kind={e.actorKind}>
                  {formatDateTime(e.at)} · {actorLabel(t, e, customerName)}
                </Typography.Text>
                {text && e.kind !== 'created' && <FoldedBody text={text} limits={TIMELINE_FOLD} style={{ marginTop: 2 }} />}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
