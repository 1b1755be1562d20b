/**
 * Held replies waiting for a supervisor (放行申请): each blocked reply an agent believes a false
 * block, oldest first, with the phrases the guard matched, the text, the agent's note, and the
 * decision — release (sent as written) or decline with a reason. A supervisor's own requests wait
 * for another supervisor. Reloaded with the board.
 */
import { Card, Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { listPhraseReleases, type PhraseRelease } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import { ticketPath } from '../tickets/parts';
import { ReleaseDecision, ReleasePhrases } from '../tickets/PhraseRelease';

export function PhraseReleases({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const releases = useRemote((signal) => listPhraseReleases({ status: 'pending' }, signal), [refreshKey]);
  const items = releases.data ?? [];

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
        r.canDecide ? (
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
          <Tag color={items.length ? 'processing' : 'default'}>{items.length}</Tag>
        </Flex>
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
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.releases.none')} /> }}
      />
    </Card>
  );
}
