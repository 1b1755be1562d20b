/**
 * Tickets (工单): the queues in clock-urgency order, and search by ticket or waybill number, phone
 * or its last 4 digits, customer name, surname or given name, or Chinese words of the ticket, best
 * match first, each row tagged with how it matched (docs/product.md §2). Supervisors also see every open
 * ticket and the breached ones.
 */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Segmented, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import type { TicketSummary, TicketView } from '../../services/tickets';
import { TICKET_SEARCH_MAX } from '../../shared';
import { BulkAssignBar } from './BulkAssign';
import { QueueTable, useTicketQueue } from './QueueTable';

const DESK_VIEWS: TicketView[] = ['mine', 'team', 'unassigned'];
const SUPERVISOR_VIEWS: TicketView[] = [...DESK_VIEWS, 'open', 'breached'];

export default function TicketsPage() {
  const t = useT();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const views = can('tickets.supervise') ? SUPERVISOR_VIEWS : DESK_VIEWS;
  const asked = params.get('view') as TicketView | null;
  const view = asked && views.includes(asked) ? asked : 'mine';
  const q = params.get('q')?.trim() ?? '';
  const [search, setSearch] = useState(q);
  useDocumentTitle(t('nav.tickets'));
  useEffect(() => setSearch(q), [q]);

  const queue = useTicketQueue({ view, q }, 30_000);
  // Supervisors select tickets to move them in bulk; a new view or search starts afresh.
  const supervises = can('tickets.supervise');
  const [selected, setSelected] = useState<TicketSummary[]>([]);
  useEffect(() => setSelected([]), [view, q]);
  // A background reload brings newer versions of the selected rows: a move names what is shown.
  useEffect(() => {
    setSelected((before) => {
      const shown = new Map(queue.items.map((r) => [r.id, r]));
      return before.map((r) => shown.get(r.id) ?? r);
    });
  }, [queue.items]);

  function set(changes: { view?: string; q?: string }) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  }

  return (
    <>
      <PageHeader title={t('nav.tickets')} subtitle={t('tickets.list.subtitle')} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Space.Compact style={{ width: 440, maxWidth: '100%' }}>
            <Input
              allowClear
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                if (event.target.value === '' && q) set({ q: undefined });
              }}
              onPressEnter={() => set({ q: search.trim() })}
              placeholder={t('tickets.list.searchPlaceholder')}
              prefix={<SearchOutlined />}
              aria-label={t('tickets.list.searchPlaceholder')}
              maxLength={TICKET_SEARCH_MAX}
              data-testid="ticket-search"
            />
            <Button type="primary" onClick={() => set({ q: search.trim() })} data-testid="ticket-search-submit">
              {t('common.search')}
            </Button>
          </Space.Compact>
          <Segmented<TicketView>
            value={view}
            disabled={Boolean(q)}
            options={views.map((v) => ({ value: v, label: t(`tickets.view.${v}` as const) }))}
            onChange={(v) => set({ view: v === 'mine' ? undefined : v })}
            data-testid="ticket-view"
          />
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={queue.refresh} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {q ? t('tickets.list.searching', { q }) : t(`tickets.viewHint.${view}` as const)}
        </Typography.Paragraph>
        {supervises && <BulkAssignBar selected={selected} onClear={() => setSelected([])} onMoved={queue.refresh} />}
        <QueueTable
          queue={queue}
          testId="ticket-results"
          emptyText={q ? t('tickets.list.noMatch', { q }) : t('tickets.list.empty')}
          selection={supervises ? { selected, onChange: setSelected } : undefined}
        />
      </Card>
    </>
  );
}
