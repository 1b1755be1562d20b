/**
 * Pieces the ticket pages and the workstation share: the tags of kind / status / priority, labels
 * of the codes the ticket API sends, ticket codes by locale, and the two error cases every ticket
 * command must handle (stale version, forbidden phrase). Live countdowns are in ../../countdown.
 */
import { LockOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { ApiError } from '../../api';
import { useLocale, useT, type Translate } from '../../i18n';
import { labelOrKey } from '../../labels';
import type { TicketCode, TimelineEntry } from '../../services/tickets';

export function ticketPath(id: string): string {
  return `/tickets/${encodeURIComponent(id)}`;
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
export const STATUS_COLORS: Record<string, string> = {
  new: 'blue',
  open: 'processing',
  pending_customer: 'gold',
  pending_department: 'purple',
  resolved: 'success',
  closed: 'default',
};
export const PRIORITY_COLORS: Record<string, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

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

/** The customer as lists show them: name and phone as the server sent them, masked (domain/privacy.ts). */
export function maskedCustomer(t: Translate, name: string | null, phone: string | null): string {
  const parts = [name, phone].filter(Boolean);
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

/** Resolving was refused: the customer has not been given an answer (422). */
export function isAnswerMissing(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'TICKET_RESOLVE_NEEDS_ANSWER';
}

/**
 * Has the customer been answered (a public reply from us) since the ticket was last reopened?
 * The server decides (service.ts resolve); the dialog uses this only to say what it needs.
 */
export function answeredSinceReopened(timeline: readonly TimelineEntry[]): boolean {
  let answered = false;
  for (const e of timeline) {
    if (e.kind === 'reopened') answered = false;
    else if (e.kind === 'reply' && e.visibility === 'public') answered = true;
  }
  return answered;
}

/** The reply contained forbidden phrases (422); the hits are fetched again for the text sent. */
export function isForbiddenPhrase(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'PHRASE_FORBIDDEN';
}
