/**
 * Live countdowns, the same on the board, the queues and the ticket page: one ticker for the whole
 * page, one way to word a span, and the countdown to a due time.
 */
import { Tooltip, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { formatDateTime } from './format';
import { useT, type Translate } from './i18n';

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

/** Orange below this (docs/product.md §7 warns at 80 % used; 15 minutes is the console's simple rule). */
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

/**
 * Time left to `dueAt`, live: red "已超时 xx" once past, orange when little is left — or from the
 * start when the caller already knows it is due soon (`dueSoon`, the board's at-risk list).
 */
export function Countdown({ dueAt, testId, dueSoon = false }: { dueAt: string | null; testId?: string; dueSoon?: boolean }) {
  const t = useT();
  const now = useNow();
  if (!dueAt) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const left = Date.parse(dueAt) - now;
  const overdue = left < 0;
  const soon = dueSoon || left < SOON_MS;
  return (
    <Tooltip title={t('tickets.dueAt', { at: formatDateTime(dueAt) })}>
      <Typography.Text
        type={overdue ? 'danger' : soon ? 'warning' : undefined}
        strong={overdue || soon}
        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        data-testid={testId}
        data-overdue={overdue ? 'true' : 'false'}
      >
        {overdue ? t('tickets.overdue', { span: formatSpan(t, -left) }) : t('tickets.left', { span: formatSpan(t, left) })}
      </Typography.Text>
    </Tooltip>
  );
}
