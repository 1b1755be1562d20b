/**
 * The claims list: filters by state, type, amount claimed (yuan, sent as fen), responsible station
 * and age, or one exact waybill; newest first, each row opening the claim. The filters live in the
 * address, so a reload or a shared link shows the same list.
 */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, InputNumber, Select, Space, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CLAIM_STATES } from '../../../../src/domain/claims/claim-state';
import { CLAIM_TYPES } from '../../../../src/domain/claims/policy';
import { formatAge, formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { claimPath } from '../../paths';
import { listClaims, type ClaimListQuery, type ClaimSummary } from '../../services/claims';
import { normalizeWaybillNo, PAGE_SIZE_MAX } from '../../shared';
import { positiveInt, useQueryState } from '../../url-params';
import { useRemote } from '../../useRemote';
import { approvalLevelLabel, claimantText, ClaimStateTag, ClaimTypeTag, claimStateLabel, claimTypeLabel, formatYuan } from './labels';

const DEFAULT_PAGE_SIZE = 20;

/** A yuan amount typed in a filter, as whole fen; undefined when empty or not a number. */
function fenOf(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
}

export function ClaimsList() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [params, setQuery] = useQueryState(DEFAULT_PAGE_SIZE);
  const waybill = params.get('waybill') ?? '';
  const state = params.get('state') ?? undefined;
  const type = params.get('type') ?? undefined;
  const station = params.get('station') ?? '';
  const minYuan = params.get('min');
  const maxYuan = params.get('max');
  const olderThan = params.get('olderThanDays');
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX);
  const [search, setSearch] = useState(waybill);
  const [stationText, setStationText] = useState(station);
  useEffect(() => setSearch(waybill), [waybill]);
  useEffect(() => setStationText(station), [station]);

  const query: ClaimListQuery = {
    waybill: waybill || undefined,
    state: state as ClaimListQuery['state'],
    type: type as ClaimListQuery['type'],
    station: station || undefined,
    minFen: fenOf(minYuan),
    maxFen: fenOf(maxYuan),
    olderThanDays: olderThan ? positiveInt(olderThan, 0, 3650) || undefined : undefined,
    page,
    pageSize,
  };
  const claims = useRemote((signal) => listClaims(query, signal), [JSON.stringify(query)]);
  const now = Date.now();

  const money = (fen: number | null) => (fen === null ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : formatYuan(fen));
  const columns: TableProps<ClaimSummary>['columns'] = [
    {
      title: t('claims.col.waybill'),
      // A waybill number is read whole: a fixed column, never wrapped (the other columns have theirs).
      width: 170,
      fixed: 'left',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      dataIndex: 'waybillNo',
      render: (w: string, c) => (
        <Link to={claimPath(c.id)} onClick={(e) => e.stopPropagation()} data-testid="claim-link">
          <Typography.Text strong>{w}</Typography.Text>
        </Link>
      ),
    },
    { title: t('claims.col.type'), dataIndex: 'type', width: 120, render: (v: string) => <ClaimTypeTag type={v} /> },
    { title: t('claims.col.claimant'), key: 'claimant', width: 150, render: (_, c) => claimantText(t, c) },
    { title: t('claims.col.claimed'), dataIndex: 'claimedFen', align: 'right', width: 120, render: money },
    {
      title: t('claims.col.proposed'),
      key: 'proposed',
      align: 'right',
      width: 150,
      render: (_, c) =>
        c.overrideFen === null ? (
          formatYuan(c.proposedFen)
        ) : (
          <Tooltip title={t('claims.overrideOf', { amount: formatYuan(c.proposedFen) })}>
            <span>
              {formatYuan(c.overrideFen)} <Typography.Text type="warning">{t('claims.overridden')}</Typography.Text>
            </span>
          </Tooltip>
        ),
    },
    { title: t('claims.col.approved'), dataIndex: 'approvedFen', align: 'right', width: 120, render: money },
    { title: t('claims.col.state'), dataIndex: 'state', width: 150, render: (s: string) => <ClaimStateTag state={s} /> },
    { title: t('claims.col.level'), dataIndex: 'requiredLevel', width: 90, render: (l: string) => approvalLevelLabel(l, locale) },
    { title: t('claims.col.station'), dataIndex: 'station', width: 160, render: (s: string | null) => s ?? t('common.none') },
    {
      title: t('claims.col.age'),
      dataIndex: 'createdAt',
      width: 120,
      render: (at: string) => <Tooltip title={formatDateTime(at)}>{formatAge(t, now - new Date(at).getTime())}</Tooltip>,
    },
  ];

  const items = claims.data ?? [];
  const total = (page - 1) * pageSize + items.length + (items.length === pageSize ? 1 : 0);
  const filtered = Boolean(waybill || state || type || station || minYuan || maxYuan || olderThan);
  const setWaybill = () => {
    const value = search.trim();
    setQuery({ waybill: value ? normalizeWaybillNo(value) : undefined, page: 1 });
  };

  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Space.Compact style={{ width: 300, maxWidth: '100%' }}>
          <Input
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (e.target.value === '' && waybill) setQuery({ waybill: undefined, page: 1 });
            }}
            onPressEnter={setWaybill}
            placeholder={t('claims.filter.waybill')}
            aria-label={t('claims.filter.waybill')}
            prefix={<SearchOutlined />}
            data-testid="claims-waybill"
          />
          <Button type="primary" onClick={setWaybill}>
            {t('common.search')}
          </Button>
        </Space.Compact>
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('claims.filter.state')}
          value={state}
          onChange={(v) => setQuery({ state: v, page: 1 })}
          options={CLAIM_STATES.map((s) => ({ value: s, label: claimStateLabel(s, locale) }))}
          data-testid="claims-state"
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('claims.filter.type')}
          value={type}
          onChange={(v) => setQuery({ type: v, page: 1 })}
          options={CLAIM_TYPES.map((s) => ({ value: s, label: claimTypeLabel(s, locale) }))}
        />
        <Space.Compact>
          <InputNumber
            min={0}
            precision={2}
            style={{ width: 130 }}
            placeholder={t('claims.filter.min')}
            value={minYuan ? Number(minYuan) : null}
            onChange={(v) => setQuery({ min: v === null ? undefined : String(v), page: 1 })}
          />
          <InputNumber
            min={0}
            precision={2}
            style={{ width: 130 }}
            placeholder={t('claims.filter.max')}
            value={maxYuan ? Number(maxYuan) : null}
            onChange={(v) => setQuery({ max: v === null ? undefined : String(v), page: 1 })}
          />
        </Space.Compact>
        <Input
          allowClear
          style={{ width: 170 }}
          placeholder={t('claims.filter.station')}
          value={stationText}
          onChange={(e) => {
            setStationText(e.target.value);
            if (e.target.value === '') setQuery({ station: undefined, page: 1 });
          }}
          onPressEnter={() => setQuery({ station: stationText.trim() || undefined, page: 1 })}
        />
        <InputNumber
          min={1}
          max={3650}
          precision={0}
          style={{ width: 150 }}
          placeholder={t('claims.filter.olderThan')}
          addonAfter={t('claims.filter.days')}
          value={olderThan ? Number(olderThan) : null}
          onChange={(v) => setQuery({ olderThanDays: v === null ? undefined : String(v), page: 1 })}
        />
        <Tooltip title={t('common.reload')}>
          <Button icon={<ReloadOutlined />} onClick={claims.reload} aria-label={t('common.reload')} />
        </Tooltip>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('claims.amountsNote')}
      </Typography.Paragraph>
      <div data-testid="claims-results">
        <Table<ClaimSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={claims.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('claims.noMatch') : t('claims.none')} /> }}
          onRow={(c) => ({ onClick: () => void navigate(claimPath(c.id)), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, PAGE_SIZE_MAX] }}
          onChange={(p) => setQuery({ page: p.current ?? 1, pageSize: p.pageSize ?? DEFAULT_PAGE_SIZE })}
        />
      </div>
    </Card>
  );
}
