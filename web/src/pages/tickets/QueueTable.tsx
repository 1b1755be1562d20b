/**
 * A ticket queue as a table: clock urgency order from the server, a live countdown per row, "load
 * more" with the server's cursor (keyset paging), and an optional refresh every 30 seconds that
 * keeps as many rows as were shown.
 */
import { Button, Empty, Flex, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isAbortError } from '../../api';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { listTickets, type TicketSummary, type TicketView } from '../../services/tickets';
import { OPEN_STATUSES } from '../../shared';
import { ConfidentialTag, KindTag, maskedCustomer, PriorityTag, StatusTag, ticketPath } from './parts';

const PAGE = 20;
const PAGE_MAX = 100;

export interface QueueQuery {
  view?: TicketView;
  q?: string;
}

export interface Queue {
  items: TicketSummary[];
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loadMore(): void;
  refresh(): void;
}

/** The rows of one queue or search; `refreshMs` reloads them in the background. */
export function useTicketQueue(query: QueueQuery, refreshMs?: number): Queue {
  const handleError = useRequestErrorHandler();
  const [items, setItems] = useState<TicketSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const shown = useRef(0);
  const { view, q } = query;

  useEffect(() => {
    shown.current = 0;
  }, [view, q]);

  useEffect(() => {
    const controller = new AbortController();
    const load = (background: boolean) => {
      if (!background) setLoading(true);
      const limit = Math.min(PAGE_MAX, Math.max(PAGE, shown.current));
      listTickets({ view: q ? undefined : view, q: q || undefined, limit }, controller.signal)
        .then((page) => {
          if (controller.signal.aborted) return;
          setItems(page.items);
          setCursor(page.nextCursor);
          shown.current = page.items.length;
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted && !isAbortError(error)) handleError(error);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    };
    load(false);
    const timer = refreshMs ? setInterval(() => load(true), refreshMs) : null;
    return () => {
      controller.abort();
      if (timer) clearInterval(timer);
    };
  }, [view, q, refreshMs, generation, handleError]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    setLoadingMore(true);
    listTickets({ view: q ? undefined : view, q: q || undefined, cursor, limit: PAGE })
      .then((page) => {
        setItems((before) => {
          const seen = new Set(before.map((i) => i.id));
          const next = [...before, ...page.items.filter((i) => !seen.has(i.id))];
          shown.current = next.length;
          return next;
        });
        setCursor(page.nextCursor);
      })
      .catch(handleError)
      .finally(() => setLoadingMore(false));
  }, [cursor, view, q, handleError]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { items, loading, loadingMore, hasMore: cursor !== null, loadMore, refresh };
}

/**
 * Column widths; the subject takes what is left (at least SUBJECT_MIN, cut with an ellipsis).
 * Narrower than all of them the table scrolls sideways with the number kept on the left and the
 * last update on the right.
 */
const WIDTHS = { number: 92, due: 104, tags: 190, customer: 145, waybills: 140, owner: 112, updatedAt: 140 };
const SUBJECT_MIN = 150;
const TABLE_MIN_WIDTH = Object.values(WIDTHS).reduce((sum, w) => sum + w, 0) + SUBJECT_MIN;

const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** Rows a supervisor selected to move in bulk (the ticket list); without it the table selects nothing. */
export interface QueueSelection {
  selected: TicketSummary[];
  onChange(selected: TicketSummary[]): void;
}

export function QueueTable({ queue, emptyText, testId, selection }: { queue: Queue; emptyText: string; testId: string; selection?: QueueSelection }) {
  const t = useT();
  const navigate = useNavigate();
  const columns: TableProps<TicketSummary>['columns'] = [
    {
      title: t('tickets.col.number'),
      dataIndex: 'number',
      width: WIDTHS.number,
      fixed: 'left',
      render: (number: string, r) => (
        <Link to={ticketPath(r.id)} onClick={(event) => event.stopPropagation()}>
          <strong>#{number}</strong>
        </Link>
      ),
    },
    {
      title: t('tickets.col.due'),
      dataIndex: 'dueAt',
      width: WIDTHS.due,
      render: (dueAt: string | null, r) =>
        isOpen(r.status) && dueAt ? (
          <Countdown dueAt={dueAt} testId="row-countdown" />
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('tickets.col.tags'),
      key: 'tags',
      width: WIDTHS.tags,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <KindTag kind={r.kind} />
          <PriorityTag priority={r.priority} />
          <StatusTag status={r.status} />
          {r.confidential && <ConfidentialTag />}
          {r.match && (
            <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="ticket-match">
              {t(`tickets.match.${r.match}` as const)}
            </Tag>
          )}
          {r.followUpAt && (
            <Tooltip title={t('tickets.followUp.hint')}>
              <Tag color="magenta" style={{ marginInlineEnd: 0 }} data-testid="follow-up-tag">
                {t('tickets.followUp.tag')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: t('tickets.col.subject'),
      dataIndex: 'subject',
      ellipsis: { showTitle: true },
    },
    {
      title: t('tickets.col.customer'),
      key: 'customer',
      width: WIDTHS.customer,
      ellipsis: true,
      render: (_, r) => maskedCustomer(t, r.customerName, r.customerPhone),
    },
    {
      title: t('tickets.col.waybills'),
      dataIndex: 'waybillNos',
      width: WIDTHS.waybills,
      render: (waybills: string[]) =>
        waybills.length ? (
          <div>
            {waybills.slice(0, 3).map((w) => (
              <div key={w}>{w}</div>
            ))}
            {waybills.length > 3 && (
              <Typography.Text type="secondary">{t('tickets.moreWaybills', { count: waybills.length - 3 })}</Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('tickets.col.owner'),
      key: 'owner',
      width: WIDTHS.owner,
      render: (_, r) => (
        <div>
          <Typography.Text ellipsis style={{ display: 'block' }}>
            {r.ownerName ?? <Typography.Text type="warning">{t('tickets.unassigned')}</Typography.Text>}
          </Typography.Text>
          {r.teamName && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: r.teamName }} style={{ fontSize: 12, display: 'block' }}>
              {r.teamName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('tickets.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: WIDTHS.updatedAt,
      fixed: 'right',
      // To the minute, the seconds in the tooltip.
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }} title={formatDateTime(at)}>
          {formatDateTime(at).slice(0, 16)}
        </span>
      ),
    },
  ];
  return (
    <div data-testid={testId}>
      <Table<TicketSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={queue.items}
        loading={queue.loading}
        pagination={false}
        scroll={{ x: TABLE_MIN_WIDTH }}
        rowSelection={
          selection && {
            selectedRowKeys: selection.selected.map((r) => r.id),
            // Kept across reloads by id, with the row as last shown (its version is what a move names).
            onChange: (_, rows) => selection.onChange(rows),
            getCheckboxProps: (r) => ({ disabled: !isOpen(r.status), 'data-testid': 'ticket-select' }) as never,
            columnWidth: 40,
            fixed: 'left',
          }
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        onRow={(r) => ({
          onClick: () => void navigate(ticketPath(r.id)),
          style: { cursor: 'pointer' },
          'data-ticket': r.number,
          'data-testid': 'ticket-row',
        })}
      />
      {queue.hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={queue.loadMore} loading={queue.loadingMore} data-testid="load-more">
            {t('tickets.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
