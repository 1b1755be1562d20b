/**
 * Held replies waiting for a supervisor (放行申请): each blocked reply an agent believes a false
 * block, oldest first, with the phrases the guard matched, the text, the agent's note, and the
 * decision — release (sent as written) or decline with a reason. A supervisor's own requests wait
 * for another supervisor. Reloaded with the board. The record of decided ones (质检: who asked,
 * when, the phrases, the text, who decided, when, why) is the second view.
 */
import { Card, Empty, Flex, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { listPhraseReleases, type PhraseRelease } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import { ticketPath } from '../tickets/parts';
import { ReleaseDecision, ReleasePhrases } from '../tickets/PhraseRelease';

export function PhraseReleases({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const [view, setView] = useState<'pending' | 'all'>('pending');
  const releases = useRemote((signal) => listPhraseReleases({ status: view }, signal), [refreshKey, view]);
  const items = releases.data ?? [];
  const waiting = items.filter((r) => r.status === 'pending').length;

  const columns: TableProps<PhraseRelease>['columns'] = [
    {
      title: t('board.releases.col.requested'),
      key: 'requested',
      width: 150,
      render: (_, r) => (
        <div>
          <div>{r.requestedByName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(r.requestedAt).slice(0, 16)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('board.releases.col.ticket'),
      key: 'ticket',
      width: 180,
      render: (_, r) => (
        <div>
          <Link to={ticketPath(r.ticketId)}>
            <strong>#{r.ticketNumber}</strong>
          </Link>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.ticketSubject }} style={{ display: 'block', fontSize: 12 }}>
            {r.ticketSubject}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('board.releases.col.reply'),
      key: 'reply',
      render: (_, r) => (
        <Flex vertical gap={4}>
          <ReleasePhrases release={r} />
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
            {r.body}
          </Typography.Paragraph>
          {r.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tickets.release.noteShown', { note: r.note })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('board.releases.col.decision'),
      key: 'decision',
      width: 200,
      render: (_, r) =>
        r.status !== 'pending' ? (
          <Flex vertical gap={2} data-testid="release-decided" data-status={r.status}>
            <Tag color={r.status === 'approved' ? 'success' : 'warning'} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
              {t(r.status === 'approved' ? 'board.releases.approvedBy' : 'board.releases.declinedBy', { name: r.decidedByName ?? '' })}
            </Tag>
            {r.decidedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(r.decidedAt).slice(0, 16)}
              </Typography.Text>
            )}
            {r.declineReason && <Typography.Text style={{ fontSize: 12 }}>{r.declineReason}</Typography.Text>}
          </Flex>
        ) : r.canDecide ? (
          <ReleaseDecision release={r} onDone={releases.reload} />
        ) : (
          <Typography.Text type="secondary">{t('board.releases.own')}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <span>{t('board.releases.title')}</span>
          {view === 'pending' && <Tag color={waiting ? 'processing' : 'default'}>{waiting}</Tag>}
        </Flex>
      }
      extra={
        <Segmented<'pending' | 'all'>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'pending', label: t('board.releases.view.pending') },
            { value: 'all', label: t('board.releases.view.all') },
          ]}
          data-testid="board-releases-view"
        />
      }
      data-testid="board-releases"
    >
      <Table<PhraseRelease>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={releases.loading && !releases.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(view === 'pending' ? 'board.releases.none' : 'board.releases.noneEver')} /> }}
      />
    </Card>
  );
}
