/**
 * One ticket (工单): who owns it and its clocks, the customer and their parcels, what they told us
 * before, the conversation and the full timeline, the reply box, and the commands the server says
 * the signed-in person may use. Every command sends the version read; when someone else changed
 * the ticket meanwhile (409), the page says so and offers a reload — it never overwrites.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Result, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useCustomerReveal } from '../../components/CustomerPhone';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { getTicket, ticketCodes, type Clock, type TicketDetail } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import type { TicketContext } from './context';
import {
  channelLabel,
  clockLabel,
  clockStatusLabel,
  ConfidentialTag,
  KindTag,
  PriorityTag,
  StatusTag,
  useCodeName,
} from './parts';
import { ReplyBox } from './ReplyBox';
import { TicketActions } from './TicketActions';
import { CauseSuggestion } from './CauseSuggestion';
import { Conversation, TicketTimeline } from './TicketHistory';
import { TicketAttachments } from './Attachments';
import { TicketClaimsCard } from '../claims/TicketClaims';
import { CallbacksCard, CustomerCard, DepartmentRequestsCard, NoticesCard, RelatedCard, ShipmentsCard } from './TicketSide';

/** A ticket the server does not show this person (or that does not exist) is its own page, not a toast. */
async function loadTicket(id: string, signal: AbortSignal): Promise<TicketDetail | null> {
  try {
    return await getTicket(id, signal);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

export default function TicketDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const ticket = useRemote((signal) => loadTicket(id, signal), [id]);
  const codes = useRemote((signal) => ticketCodes(signal), []);
  const [stale, setStale] = useState(false);
  useDocumentTitle(ticket.data ? `${t('tickets.detail.title')} #${ticket.data.number}` : t('tickets.detail.title'));

  const reload = ticket.reload;
  const reloadFresh = useCallback(() => {
    setStale(false);
    reload();
  }, [reload]);

  const back = (
    <Link to={can('tickets.work') ? '/tickets' : '/workstation'}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t(can('tickets.work') ? 'tickets.detail.back' : 'tickets.detail.backInbox')}
      </Button>
    </Link>
  );

  if (ticket.data === null) {
    return (
      <>
        {back}
        <Card>
          <Result status="404" title={t('tickets.detail.notFound')} subTitle={t('tickets.detail.notFoundHint')} data-testid="ticket-not-found" />
        </Card>
      </>
    );
  }
  if (!ticket.data) {
    return (
      <>
        {back}
        <Card loading={ticket.loading}>{!ticket.loading && <Empty description={t('tickets.detail.loadFailed')} />}</Card>
      </>
    );
  }

  const ctx: PageContext = {
    ticket: ticket.data,
    reload: reloadFresh,
    onStale: () => setStale(true),
    codes: codes.data?.items ?? [],
  };
  return (
    <TicketView
      // Keyed by ticket: a draft reply never carries over to another ticket, but survives a reload.
      key={ticket.data.id}
      ctx={ctx}
      back={back}
      stale={stale}
      loading={ticket.loading}
    />
  );
}

type PageContext = Omit<TicketContext, 'reveal' | 'customerName'>;

function TicketView({ ctx: page, back, stale, loading }: { ctx: PageContext; back: ReactNode; stale: boolean; loading: boolean }) {
  const t = useT();
  const { ticket } = page;
  // One reveal for the whole page (docs/product.md §5): once the agent reveals the customer (audited),
  // the card, the conversation, the timeline and the reply box name them alike; masked until then.
  const reveal = useCustomerReveal(ticket.id);
  const ctx: TicketContext = { ...page, reveal, customerName: reveal.revealed?.customerName ?? ticket.customerName };
  return (
    <Flex vertical gap={16} data-testid="ticket-detail" data-ticket={ticket.number} data-version={ticket.version}>
      <div>{back}</div>
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="ticket-stale"
          title={t('tickets.stale.title')}
          description={t('tickets.stale.text')}
          action={
            <Button type="primary" icon={<ReloadOutlined />} onClick={ctx.reload} data-testid="ticket-stale-reload">
              {t('tickets.stale.reload')}
            </Button>
          }
        />
      )}
      <TicketHeader ctx={ctx} loading={loading} />
      <ClocksCard clocks={ticket.clocks} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15} xxl={16}>
          <Flex vertical gap={16}>
            <Card title={t('tickets.conversation.title')} size="small">
              <Conversation entries={ticket.timeline} customerName={ctx.customerName} />
            </Card>
            <ReplyBox ctx={ctx} />
            <Card title={t('tickets.timeline.title')} size="small">
              <TicketTimeline entries={ticket.timeline} codes={ctx.codes} customerName={ctx.customerName} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9} xxl={8}>
          <Flex vertical gap={16}>
            <CustomerCard ctx={ctx} />
            <ShipmentsCard ctx={ctx} />
            <TicketClaimsCard ticket={ticket} />
            <RelatedCard ctx={ctx} />
            <DepartmentRequestsCard ctx={ctx} />
            <CallbacksCard ctx={ctx} />
            <TicketAttachments
              ticketId={ticket.id}
              attachments={ticket.attachments}
              canAttach={ticket.can.includes('attach')}
              onChanged={ctx.reload}
            />
            <NoticesCard ctx={ctx} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

function TicketHeader({ ctx, loading }: { ctx: TicketContext; loading: boolean }) {
  const t = useT();
  const codeName = useCodeName();
  const { ticket } = ctx;
  const category = codeName(ctx.codes, ticket.categoryCode);
  const cause = codeName(ctx.codes, ticket.causeCode);
  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={8} style={{ minWidth: 0, flex: 1 }}>
            <Flex gap={10} align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: ticket.number }} data-testid="ticket-number">
                #{ticket.number}
              </Typography.Title>
              <Typography.Title level={4} style={{ margin: 0, fontWeight: 500 }} data-testid="ticket-subject">
                {ticket.subject}
              </Typography.Title>
            </Flex>
            <Space size={6} wrap data-testid="ticket-tags">
              <KindTag kind={ticket.kind} />
              <StatusTag status={ticket.status} />
              <PriorityTag priority={ticket.priority} />
              {ticket.confidential && <ConfidentialTag />}
              {category && <Tag style={{ marginInlineEnd: 0 }}>{t('tickets.categoryIs', { name: category })}</Tag>}
              {cause && <Tag style={{ marginInlineEnd: 0 }}>{t('tickets.causeIs', { name: cause })}</Tag>}
            </Space>
            <Typography.Text type="secondary" data-testid="ticket-owner">
              {[
                ticket.ownerName ? t('tickets.ownerIs', { name: ticket.ownerName }) : t('tickets.unassigned'),
                ticket.teamName ? t('tickets.teamIs', { name: ticket.teamName }) : null,
                t('tickets.openedAt', { at: formatDateTime(ticket.createdAt), channel: channelLabel(t, ticket.channel) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            {ticket.mergedIntoId && (
              <Alert type="info" showIcon title={t('tickets.detail.merged')} action={<Link to={`/tickets/${ticket.mergedIntoId}`}>{t('tickets.detail.openMerged')}</Link>} />
            )}
            {ticket.closeReason && ticket.closeReason !== 'merged' && (
              <Typography.Text type="secondary">{t('tickets.detail.closeReason', { reason: ticket.closeReason })}</Typography.Text>
            )}
            {ticket.rating !== null && (
              <Typography.Text data-testid="ticket-rating">
                {t('tickets.detail.rating', { rating: ticket.rating })}
                {ticket.ratingReason ? ` · ${ticket.ratingReason}` : ''}
              </Typography.Text>
            )}
          </Flex>
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={ctx.reload} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
        {ticket.kind === 'complaint' && !ticket.causeCode && ticket.can.includes('edit') && <CauseSuggestion ctx={ctx} />}
        <TicketActions ctx={ctx} />
      </Flex>
    </Card>
  );
}

function durationLabel(t: Translate, minutes: number): string {
  const m = Math.round(minutes);
  // Whole days from 2 on ("1 天" reads as a calendar day; 24 小时 is what the clock means).
  if (m >= 2880 && m % 1440 === 0) return t('reference.duration.days', { days: m / 1440 });
  if (m >= 60 && m % 60 === 0) return t('reference.duration.hours', { hours: m / 60 });
  if (m > 60) return t('reference.duration.hoursMinutes', { hours: Math.floor(m / 60), minutes: m % 60 });
  return t('reference.duration.minutes', { minutes: m });
}

const CLOCK_COLORS: Record<string, string> = {
  running: 'processing',
  warning: 'warning',
  breached: 'error',
  paused: 'default',
  met: 'success',
  missed: 'error',
};

function ClockState({ clock }: { clock: Clock }) {
  const t = useT();
  if (clock.status === 'running' || clock.status === 'warning' || clock.status === 'breached') {
    return <Countdown dueAt={clock.dueAt} testId={`clock-${clock.kind}`} />;
  }
  if (clock.status === 'paused') {
    return <Typography.Text type="secondary">{t('tickets.clock.pausedUsed', { used: durationLabel(t, clock.usedMinutes) })}</Typography.Text>;
  }
  return (
    <Typography.Text type={clock.status === 'missed' ? 'danger' : 'secondary'}>
      {t('tickets.clock.stoppedAt', { at: formatDateTime(clock.stoppedAt) })}
    </Typography.Text>
  );
}

function ClocksCard({ clocks }: { clocks: Clock[] }) {
  const t = useT();
  if (clocks.length === 0) return null;
  return (
    <Card size="small" title={t('tickets.clocks.title')} data-testid="ticket-clocks">
      <Row gutter={[16, 12]}>
        {clocks.map((c, i) => (
          <Col key={`${c.kind}-${i}`} xs={24} md={12} xl={8}>
            <Flex vertical gap={2} data-testid="ticket-clock" data-kind={c.kind} data-status={c.status}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{clockLabel(t, c.kind)}</Typography.Text>
                <Tag color={CLOCK_COLORS[c.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {clockStatusLabel(t, c.status)}
                </Tag>
              </Flex>
              <ClockState clock={c} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tickets.clock.target', {
                  target: durationLabel(t, c.targetMinutes),
                  basis: t(c.basis === 'business' ? 'reference.basis.business' : 'reference.basis.calendar'),
                })}
                {c.dueAt ? ` · ${t('tickets.dueAt', { at: formatDateTime(c.dueAt) })}` : ''}
              </Typography.Text>
            </Flex>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
