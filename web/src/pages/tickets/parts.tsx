/**
 * Pieces the ticket pages and the workstation share: one second ticker for live countdowns, the
 * tags of kind / status / priority, labels of the codes the ticket API sends, ticket codes by
 * locale, and the two error cases every ticket command must handle (stale version, forbidden phrase).
 */
import { LockOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { useLocale, useT, type Translate } from '../../i18n';
import { labelOrKey } from '../../labels';
import type { TicketCode } from '../../services/tickets';
import { maskName } from '../../shared';

export function ticketPath(id: string): string {
  return `/tickets/${encodeURIComponent(id)}`;
}

// ---- One ticker for every countdown on the page ----

const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | null = null;
let nowMs = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!ticker) {
    nowMs = Date.now();
    ticker = setInterval(() => {
      nowMs = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

/** The current time, re-rendering every second while mounted (one interval for the whole page). */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => nowMs);
}

// ---- Spans and countdowns ----

/** Orange below this (PRODUCT.md §7 warns at 80 % used; 15 minutes is the console's simple rule). */
const SOON_MS = 15 * 60_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 2 天 3 小时 · 1:05:09 · 04:59 */
export function formatSpan(t: Translate, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return t('tickets.span.days', { days, hours });
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${pad(minutes)}:${pad(seconds)}`;
}

/** Time left to `dueAt`, live: red "已超时 xx" once past, orange when little is left. */
export function Countdown({ dueAt, testId }: { dueAt: string | null; testId?: string }) {
  const t = useT();
  const now = useNow();
  if (!dueAt) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const left = Date.parse(dueAt) - now;
  const overdue = left < 0;
  const type = overdue ? 'danger' : left < SOON_MS ? 'warning' : undefined;
  return (
    <Tooltip title={t('tickets.dueAt', { at: formatDateTime(dueAt) })}>
      <Typography.Text
        type={type}
        strong={overdue || left < SOON_MS}
        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        data-testid={testId}
        data-overdue={overdue ? 'true' : 'false'}
      >
        {overdue ? t('tickets.overdue', { span: formatSpan(t, -left) }) : t('tickets.left', { span: formatSpan(t, left) })}
      </Typography.Text>
    </Tooltip>
  );
}

// ---- Labels of codes ----

export const kindLabel = (t: Translate, kind: string) => labelOrKey(t, `reference.ticketKind.${kind}`, kind);
export const statusLabel = (t: Translate, status: string) => labelOrKey(t, `tickets.status.${status}`, status);
export const priorityLabel = (t: Translate, priority: string) => labelOrKey(t, `reference.priority.${priority}`, priority);
export const channelLabel = (t: Translate, channel: string) => labelOrKey(t, `tickets.channel.${channel}`, channel);
export const tierLabel = (t: Translate, tier: string) => labelOrKey(t, `reference.tier.${tier}`, tier);
export const clockLabel = (t: Translate, kind: string) => labelOrKey(t, `tickets.clock.${kind}`, kind);
export const clockStatusLabel = (t: Translate, status: string) => labelOrKey(t, `tickets.clockStatus.${status}`, status);
export const outcomeLabel = (t: Translate, outcome: string) => labelOrKey(t, `tickets.outcome.${outcome}`, outcome);

const KIND_COLORS: Record<string, string> = {
  query: 'cyan',
  complaint: 'volcano',
  claim: 'gold',
  suggestion: 'green',
  service_request: 'geekblue',
  exception: 'magenta',
};
const STATUS_COLORS: Record<string, string> = {
  new: 'blue',
  open: 'processing',
  pending_customer: 'gold',
  pending_department: 'purple',
  resolved: 'success',
  closed: 'default',
};
const PRIORITY_COLORS: Record<string, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

const tagStyle = { marginInlineEnd: 0 };

export function KindTag({ kind }: { kind: string }) {
  const t = useT();
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} style={tagStyle} data-kind={kind}>
      {kindLabel(t, kind)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} style={tagStyle} data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const t = useT();
  return (
    <Tag color={PRIORITY_COLORS[priority] ?? 'default'} style={tagStyle} data-priority={priority}>
      {t('tickets.priorityIs', { priority: priorityLabel(t, priority) })}
    </Tag>
  );
}

export function ConfidentialTag() {
  const t = useT();
  return (
    <Tag icon={<LockOutlined />} color="red" style={tagStyle} data-testid="ticket-confidential">
      {t('tickets.confidential')}
    </Tag>
  );
}

/** The customer as lists show them: name masked (张*) and the phone the server already masked. */
export function maskedCustomer(t: Translate, name: string | null, phone: string | null): string {
  const parts = [maskName(name), phone].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('common.none');
}

// ---- Ticket codes in the console's language ----

export function useCodeName(): (codes: readonly TicketCode[] | undefined, code: string | null) => string | null {
  const { locale } = useLocale();
  return (codes, code) => {
    if (!code) return null;
    const found = codes?.find((c) => c.code === code);
    if (!found) return code;
    return locale === 'zh-CN' ? found.nameZh : found.nameEn;
  };
}

// ---- Errors every ticket command handles ----

/** Someone else changed the ticket since it was read (409): reload, never overwrite. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'CONFLICT_STALE_VERSION';
}

/** The reply contained forbidden phrases (422); the hits are fetched again for the text sent. */
export function isForbiddenPhrase(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'PHRASE_FORBIDDEN';
}
