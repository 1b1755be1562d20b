/**
 * The duty roster on the supervisor board: who is on duty and how many open tickets each may
 * hold. New tickets are routed to the least-loaded agent on duty below their limit, so these two
 * settings decide who gets the next customer (PUT /api/duty/:userId; supervisors for anyone).
 */
import { App, Card, Empty, Flex, InputNumber, Progress, Switch, Table, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { listDepartments } from '../../services/departments';
import { CAPACITY_MAX, listDuty, setDuty, type DutyEntry } from '../../services/supervision';
import { useRemote } from '../../useRemote';

/** `refreshKey`: the board's last load; the roster asks again with it, so both show the same moment. */
export function DutyRoster({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const roster = useRemote((signal) => listDuty(signal), [refreshKey]);
  const departments = useRemote((signal) => listDepartments(signal), []);
  const [saving, setSaving] = useState<string | null>(null);
  // What the roster shows until the server's answer replaces it (a switch moves at once).
  const [shown, setShown] = useState<DutyEntry[]>([]);
  useEffect(() => {
    if (roster.data) setShown(roster.data);
  }, [roster.data]);

  const departmentName = useMemo(() => {
    const names = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
    return (id: string | null) => (id ? (names.get(id) ?? null) : null);
  }, [departments.data]);

  async function save(entry: DutyEntry, change: { onDuty: boolean; capacity?: number }) {
    setSaving(entry.userId);
    setShown((rows) => rows.map((r) => (r.userId === entry.userId ? { ...r, ...change } : r)));
    try {
      await setDuty(entry.userId, change);
      void message.success(t('board.duty.saved', { name: entry.displayName }));
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(null);
      roster.reload();
    }
  }

  const columns: TableProps<DutyEntry>['columns'] = [
    { title: t('board.duty.col.name'), dataIndex: 'displayName', render: (name: string) => <strong>{name}</strong> },
    {
      title: t('board.duty.col.department'),
      dataIndex: 'departmentId',
      render: (id: string | null) => departmentName(id) ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('board.duty.col.onDuty'),
      dataIndex: 'onDuty',
      render: (onDuty: boolean, entry) => (
        <Switch
          checked={onDuty}
          checkedChildren={t('board.duty.on')}
          unCheckedChildren={t('board.duty.off')}
          loading={saving === entry.userId}
          onChange={(checked) => void save(entry, { onDuty: checked })}
          aria-label={`${t('board.duty.col.onDuty')} · ${entry.displayName}`}
          data-testid="duty-switch"
        />
      ),
    },
    {
      title: t('board.duty.col.capacity'),
      dataIndex: 'capacity',
      render: (capacity: number, entry) => (
        <InputNumber<number>
          // A new server value starts the field afresh.
          key={`${entry.userId}-${capacity}`}
          defaultValue={capacity}
          min={0}
          max={CAPACITY_MAX}
          precision={0}
          size="small"
          style={{ width: 88 }}
          disabled={saving === entry.userId}
          aria-label={`${t('board.duty.col.capacity')} · ${entry.displayName}`}
          onBlur={(event) => {
            const value = Number(event.target.value);
            if (Number.isInteger(value) && value >= 0 && value <= CAPACITY_MAX && value !== capacity) {
              void save(entry, { onDuty: entry.onDuty, capacity: value });
            }
          }}
          onPressEnter={(event) => (event.target as HTMLInputElement).blur()}
          data-testid="duty-capacity"
        />
      ),
    },
    {
      title: t('board.duty.col.load'),
      key: 'load',
      width: 180,
      render: (_, entry) => (
        <Flex align="center" gap={8}>
          <Progress
            percent={entry.capacity > 0 ? Math.min(100, (entry.openTickets / entry.capacity) * 100) : 100}
            showInfo={false}
            size="small"
            status={entry.openTickets >= entry.capacity ? 'exception' : 'normal'}
            style={{ width: 80, margin: 0 }}
          />
          <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {entry.openTickets} / {entry.capacity}
          </span>
        </Flex>
      ),
    },
  ];

  return (
    <Card title={t('board.duty.title')} style={{ height: '100%' }} data-testid="duty-roster">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('board.duty.hint')}
      </Typography.Paragraph>
      <Table<DutyEntry>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={shown}
        loading={roster.loading && !roster.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.duty.none')} /> }}
      />
    </Card>
  );
}
