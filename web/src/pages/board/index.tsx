/**
 * Supervisor board (主管看板, docs/product.md §2 and §6): the tickets whose clocks have run out and those
 * about to, the counts a supervisor watches, open and past-due work per team, and the duty roster.
 * Every figure comes from /api/tickets/board; the page asks again every 30 seconds and the
 * deadlines count down every second in between.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Tooltip, Typography, theme, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { EChart, type ChartOption } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { Countdown } from '../../countdown';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT, type MessageKey } from '../../i18n';
import { BOARD_LIST_MAX, getBoard, type BoardCounts } from '../../services/supervision';
import type { TicketSummary } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import { BulkAssignBar } from '../tickets/BulkAssign';
import { kindLabel, PRIORITY_COLORS, priorityLabel, ticketPath } from '../tickets/parts';
import { ClaimClocks } from './ClaimClocks';
import { DutyRoster } from './DutyRoster';
import { OverdueAccountCallbacks } from './OverdueAccountCallbacks';
import { PhraseReleases } from './PhraseReleases';
import { ServiceOrderClocks } from './ServiceOrderClocks';

const REFRESH_MS = 30_000;

const COUNTS: { key: keyof BoardCounts; label: MessageKey; alarm?: boolean }[] = [
  { key: 'open', label: 'board.count.open' },
  { key: 'unassigned', label: 'board.count.unassigned', alarm: true },
  { key: 'breached', label: 'board.count.breached', alarm: true },
  { key: 'atRisk', label: 'board.count.atRisk', alarm: true },
  { key: 'pendingDepartment', label: 'board.count.pendingDepartment' },
  { key: 'callbacksPending', label: 'board.count.callbacksPending' },
];

export default function BoardPage() {
  const t = useT();
  const { token } = theme.useToken();
  useDocumentTitle(t('board.title'));

  const board = useRemote(async (signal) => ({ board: await getBoard(signal), loadedAt: Date.now() }), []);
  const { reload } = board;
  // Ask again every 30 s while the tab is visible; a hidden tab catches up when it is shown.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (!document.hidden) reload();
    }, REFRESH_MS);
    const onVisible = () => {
      if (!document.hidden) reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

  const data = board.data?.board;
  const firstLoad = board.loading && !data;
  const counts = data?.counts;
  // A clock past due that the minute job has not marked yet is still "warned": it belongs to the
  // past-due list only, so a ticket never shows in both.
  const atRisk = useMemo(() => {
    const breachedIds = new Set((data?.breached ?? []).map((ticket) => ticket.id));
    return (data?.atRisk ?? []).filter((ticket) => !breachedIds.has(ticket.id));
  }, [data]);

  // Tickets selected in either list, to move in bulk; each keeps the version last shown.
  const [selected, setSelected] = useState<TicketSummary[]>([]);
  useEffect(() => {
    const shown = new Map([...(data?.breached ?? []), ...atRisk].map((ticket) => [ticket.id, ticket]));
    setSelected((before) => before.filter((ticket) => shown.has(ticket.id)).map((ticket) => shown.get(ticket.id)!));
  }, [data, atRisk]);
  const selection = (list: TicketSummary[]) => ({
    selected: selected.filter((ticket) => list.some((shown) => shown.id === ticket.id)),
    onChange: (rows: TicketSummary[]) =>
      setSelected((before) => [...before.filter((ticket) => !list.some((shown) => shown.id === ticket.id)), ...rows]),
  });

  const teams = useMemo(() => data?.byTeam ?? [], [data]);
  const chartOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('board.chart.open'), t('board.chart.breached')] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: teams.map((team) => team.teamName ?? t('board.noTeam')),
        axisLabel: { interval: 0, width: 96, overflow: 'break' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('board.chart.open'),
          data: teams.map((team) => team.open),
          itemStyle: { color: token.colorPrimary },
          barMaxWidth: 32,
          label: { show: true, position: 'top' },
        },
        {
          type: 'bar',
          name: t('board.chart.breached'),
          data: teams.map((team) => team.breached),
          itemStyle: { color: token.colorError },
          barMaxWidth: 32,
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [teams, t, token.colorError, token.colorPrimary],
  );

  return (
    <>
      <PageHeader
        title={t('board.title')}
        subtitle={t('board.subtitle')}
        extra={
          <Flex align="center" gap={8}>
            {board.data && (
              <Typography.Text type="secondary" data-testid="board-updated">
                {t('board.updatedAt', { time: formatDateTime(new Date(board.data.loadedAt).toISOString()).slice(11) })}
              </Typography.Text>
            )}
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={reload} loading={board.loading} aria-label={t('common.reload')} />
            </Tooltip>
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <div data-testid="board-counts">
          <Row gutter={[12, 12]}>
            {COUNTS.map(({ key, label, alarm }) => {
              const value = counts?.[key] ?? 0;
              return (
                <Col key={key} xs={12} sm={8} xl={4}>
                  <Card size="small" style={{ height: '100%' }} loading={firstLoad} data-count={key}>
                    <Statistic
                      title={key === 'callbacksPending' ? <Link to="/callbacks">{t(label)}</Link> : t(label)}
                      value={value}
                      styles={{
                        content:
                          alarm && value > 0 ? { color: key === 'atRisk' ? token.colorWarning : token.colorError } : undefined,
                      }}
                    />
                    {key === 'callbacksPending' && counts && (
                      <Typography.Text type="secondary" data-testid="board-callbacks-due">
                        {t('board.count.callbacksDue', { n: counts.callbacksDue })}
                      </Typography.Text>
                    )}
                  </Card>
                </Col>
              );
            })}
          </Row>
        </div>

        <BulkAssignBar selected={selected} onClear={() => setSelected([])} onMoved={reload} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={12}>
            <DeadlineCard kind="breached" tickets={data?.breached ?? []} loading={firstLoad} selection={selection(data?.breached ?? [])} />
          </Col>
          <Col xs={24} xxl={12}>
            <DeadlineCard kind="atRisk" tickets={atRisk} loading={firstLoad} selection={selection(atRisk)} />
          </Col>
        </Row>

        <ClaimClocks refreshKey={board.data?.loadedAt ?? 0} />

        <ServiceOrderClocks refreshKey={board.data?.loadedAt ?? 0} />

        <PhraseReleases refreshKey={board.data?.loadedAt ?? 0} />

        <OverdueAccountCallbacks refreshKey={board.data?.loadedAt ?? 0} />

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card title={t('board.chart.title')} style={{ height: '100%' }}>
              {teams.length === 0 && !firstLoad ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.chart.empty')} />
              ) : (
                <EChart option={chartOption} style={{ height: 300 }} testId="board-chart" />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <DutyRoster refreshKey={board.data?.loadedAt ?? 0} />
          </Col>
        </Row>
      </Flex>
    </>
  );
}


/** One list of the board: past due (overdue for how long) or due soon (how long is left), live. */
function DeadlineCard({
  kind,
  tickets,
  loading,
  selection,
}: {
  kind: 'breached' | 'atRisk';
  tickets: TicketSummary[];
  loading: boolean;
  selection: { selected: TicketSummary[]; onChange(rows: TicketSummary[]): void };
}) {
  const t = useT();
  const [page, setPage] = useState(1);

  const columns: TableProps<TicketSummary>['columns'] = [
    {
      title: t('board.col.due'),
      key: 'due',
      width: 190,
      // Every ticket here is due soon or past due; one whose time runs out while the page is open turns red at once.
      render: (_, ticket) => <Countdown dueAt={ticket.dueAt} testId="board-countdown" dueSoon />,
    },
    {
      title: t('board.col.number'),
      dataIndex: 'number',
      render: (number: string, ticket) => (
        <Link to={ticketPath(ticket.id)}>
          <strong>{number}</strong>
        </Link>
      ),
    },
    {
      title: t('board.col.subject'),
      dataIndex: 'subject',
      ellipsis: { showTitle: true },
    },
    {
      title: t('board.col.kind'),
      dataIndex: 'kind',
      render: (code: string) => kindLabel(t, code),
    },
    {
      title: t('board.col.priority'),
      dataIndex: 'priority',
      render: (code: string) => (
        <Tag color={PRIORITY_COLORS[code] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {priorityLabel(t, code)}
        </Tag>
      ),
    },
    {
      title: t('board.col.team'),
      dataIndex: 'teamName',
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('board.noTeam')}</Typography.Text>,
    },
    {
      title: t('board.col.owner'),
      dataIndex: 'ownerName',
      render: (name: string | null) => name ?? <Typography.Text type="warning">{t('board.unowned')}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <span>{t(kind === 'breached' ? 'board.breached.title' : 'board.atRisk.title')}</span>
          <Tag color={kind === 'breached' ? 'error' : 'warning'}>{tickets.length}</Tag>
        </Flex>
      }
      extra={
        tickets.length >= BOARD_LIST_MAX ? (
          <Typography.Text type="secondary">{t('board.listCap', { max: BOARD_LIST_MAX })}</Typography.Text>
        ) : undefined
      }
      style={{ height: '100%' }}
      data-testid={kind === 'breached' ? 'board-breached' : 'board-at-risk'}
    >
      <Table<TicketSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tickets}
        loading={loading}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: selection.selected.map((ticket) => ticket.id),
          onChange: (_, rows) => selection.onChange(rows),
          getCheckboxProps: () => ({ 'data-testid': 'board-select' }) as never,
          preserveSelectedRowKeys: false,
        }}
        onRow={(ticket) => ({ 'data-ticket': ticket.number }) as never}
        pagination={tickets.length > 10 ? { current: page, pageSize: 10, onChange: setPage, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(kind === 'breached' ? 'board.breached.none' : 'board.atRisk.none')}
            />
          ),
        }}
      />
    </Card>
  );
}
