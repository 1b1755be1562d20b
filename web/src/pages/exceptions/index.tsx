import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Tooltip,
  Typography,
  theme,
  type TableProps,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { EChart, type ChartOption } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { ExceptionTag } from '../../components/ShipmentTags';
import { formatAge, formatDateTime } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { EXCEPTION_KINDS, exceptionKindLabel } from '../../labels';
import { shipmentPath } from '../../paths';
import { listExceptions } from '../../services/exceptions';
import type { ExceptionCounts, ExceptionListItem } from '../../services/types';
import { PAGE_SIZE_MAX } from '../../shared';
import { positiveInt, useQueryState } from '../../url-params';
import { useRemote } from '../../useRemote';

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, PAGE_SIZE_MAX];

/** The known kinds in their order, then any kind the server counts that the console does not know yet. */
function kindsOf(counts: ExceptionCounts | undefined): string[] {
  const known: string[] = [...EXCEPTION_KINDS];
  const extra = Object.keys(counts?.byKind ?? {}).filter((kind) => !known.includes(kind));
  return [...known, ...extra];
}

/** Exceptions board: what is wrong, where, and for how long; every figure comes from /api/exceptions. */
export default function ExceptionsPage() {
  const t = useT();
  const { token } = theme.useToken();
  const [params, setQuery] = useQueryState(DEFAULT_PAGE_SIZE);
  const kind = params.get('kind') ?? undefined;
  // Open exceptions are what the board is for; `?open=false` widens it to cleared ones too.
  const open = params.get('open') !== 'false';
  const site = params.get('site') ?? '';
  const province = params.get('province') ?? undefined;
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX);
  const [siteText, setSiteText] = useState(site);
  useDocumentTitle(t('exceptions.title'));

  useEffect(() => setSiteText(site), [site]);

  const board = useRemote(
    async (signal) => ({
      page: await listExceptions({ kind, open, site: site || undefined, province, page, pageSize }, signal),
      // Ages are measured from when the list was loaded, so they agree with the counts beside them.
      loadedAt: Date.now(),
    }),
    [kind, open, site, province, page, pageSize],
  );
  const counts = board.data?.page.counts;
  const kinds = useMemo(() => kindsOf(counts), [counts]);

  function toggleKind(value: string) {
    setQuery({ kind: kind === value ? undefined : value, page: 1 });
  }

  const chartOption = useMemo<ChartOption>(
    () => ({
      // Horizontal bars: the kind names (彻底延误（按丢失处理）…) read in full along the axis.
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: kinds.map((k) => exceptionKindLabel(t, k)),
        axisLabel: { interval: 0 },
      },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('exceptions.chart.series'),
          data: kinds.map((k) => ({
            value: counts?.byKind[k] ?? 0,
            itemStyle: { color: k === kind ? token.colorError : token.colorPrimary },
          })),
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [kinds, counts, kind, t, token.colorError, token.colorPrimary],
  );

  // The selected province stays selectable even if the counts no longer list it.
  const provinceOptions = (counts?.byProvince ?? []).map((p) => ({
    value: p.code,
    label: t('exceptions.provinceOption', { name: p.name, count: p.count }),
  }));
  if (province && !provinceOptions.some((o) => o.value === province)) {
    provinceOptions.unshift({ value: province, label: province });
  }

  const loadedAt = board.data?.loadedAt ?? 0;
  const columns: TableProps<ExceptionListItem>['columns'] = [
    {
      title: t('exceptions.col.waybill'),
      dataIndex: 'waybillNo',
      render: (waybillNo: string) => (
        <Link to={shipmentPath(waybillNo)}>
          <strong>{waybillNo}</strong>
        </Link>
      ),
    },
    {
      title: t('exceptions.col.kind'),
      dataIndex: 'kind',
      render: (value: string, e) => <ExceptionTag kind={value} cleared={e.clearedAt !== null} />,
    },
    { title: t('exceptions.col.raisedAt'), dataIndex: 'raisedAt', render: (at: string) => formatDateTime(at) },
    {
      title: t('exceptions.col.age'),
      key: 'age',
      render: (_, e) =>
        e.clearedAt ? (
          <Typography.Text type="secondary">
            {t('exceptions.clearedAfter', { age: formatAge(t, Date.parse(e.clearedAt) - Date.parse(e.raisedAt)) })}
          </Typography.Text>
        ) : (
          formatAge(t, loadedAt - Date.parse(e.raisedAt))
        ),
    },
    {
      title: t('exceptions.col.site'),
      dataIndex: 'site',
      render: (value: string | null) => value ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('exceptions.col.province'),
      dataIndex: 'provinceName',
      render: (value: string | null) => value ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
  ];

  const filtered = Boolean(kind || site || province || !open);
  const scope = open ? t('exceptions.scope.open') : t('exceptions.scope.all');

  return (
    <>
      <PageHeader title={t('exceptions.title')} subtitle={t('exceptions.subtitle')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={12} wrap align="center" data-testid="exception-filters">
            <Segmented<'open' | 'all'>
              value={open ? 'open' : 'all'}
              onChange={(value) => setQuery({ open: value === 'all' ? 'false' : undefined, page: 1 })}
              options={[
                { value: 'open', label: t('exceptions.scope.open') },
                { value: 'all', label: t('exceptions.scope.all') },
              ]}
              data-testid="exception-open-filter"
            />
            <Select<string>
              allowClear
              value={kind}
              onChange={(value) => setQuery({ kind: value, page: 1 })}
              placeholder={t('exceptions.filter.kind')}
              options={kinds.map((k) => ({ value: k, label: exceptionKindLabel(t, k) }))}
              style={{ width: 200 }}
              data-testid="exception-kind-filter"
            />
            <Input.Search
              allowClear
              value={siteText}
              onChange={(event) => setSiteText(event.target.value)}
              onSearch={(value) => setQuery({ site: value.trim(), page: 1 })}
              placeholder={t('exceptions.filter.site')}
              style={{ width: 220 }}
              data-testid="exception-site-filter"
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={province}
              onChange={(value) => setQuery({ province: value, page: 1 })}
              placeholder={t('exceptions.filter.province')}
              options={provinceOptions}
              notFoundContent={t('exceptions.noProvinces')}
              style={{ width: 200 }}
              data-testid="exception-province-filter"
            />
            {filtered && (
              <Button onClick={() => setQuery({ kind: undefined, open: undefined, site: undefined, province: undefined, page: 1 })}>
                {t('common.reset')}
              </Button>
            )}
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={board.reload} aria-label={t('common.reload')} />
            </Tooltip>
          </Flex>
        </Card>

        <div data-testid="exception-counts">
          <Row gutter={[12, 12]}>
            {kinds.map((k) => {
              const selected = k === kind;
              return (
                <Col key={k} xs={12} sm={8} md={6} xl={3}>
                  <Card
                    size="small"
                    hoverable
                    style={{
                      height: '100%',
                      ...(selected ? { borderColor: token.colorPrimary, boxShadow: `0 0 0 1px ${token.colorPrimary}` } : {}),
                    }}
                    loading={!counts && board.loading}
                    onClick={() => toggleKind(k)}
                    data-kind={k}
                    data-selected={selected || undefined}
                    aria-pressed={selected}
                    role="button"
                  >
                    <Statistic title={exceptionKindLabel(t, k)} value={counts?.byKind[k] ?? 0} />
                  </Card>
                </Col>
              );
            })}
          </Row>
        </div>

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={t('exceptions.chart.title', { scope })} style={{ height: '100%' }}>
              <EChart
                option={chartOption}
                style={{ height: Math.max(220, kinds.length * 34) }}
                testId="exception-chart"
                onItemClick={(index) => {
                  const k = kinds[index];
                  if (k) toggleKind(k);
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('exceptions.age.title', { scope })} style={{ height: '100%' }} data-testid="exception-ages">
              <Flex vertical gap={20}>
                <Statistic title={t('exceptions.age.under1d')} value={counts?.byAge.under1d ?? 0} />
                <Statistic title={t('exceptions.age.from1to3d')} value={counts?.byAge.from1to3d ?? 0} />
                <Statistic
                  title={t('exceptions.age.over3d')}
                  value={counts?.byAge.over3d ?? 0}
                  styles={{ content: (counts?.byAge.over3d ?? 0) > 0 ? { color: token.colorError } : undefined }}
                />
              </Flex>
            </Card>
          </Col>
        </Row>

        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('exceptions.bySite')} size="small" style={{ height: '100%' }}>
              <Table<{ site: string; count: number }>
                rowKey="site"
                size="small"
                pagination={false}
                scroll={{ y: 240 }}
                loading={board.loading}
                dataSource={counts?.bySite ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exceptions.none')} /> }}
                onRow={(row) => ({ onClick: () => setQuery({ site: row.site, page: 1 }), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('exceptions.col.site'), dataIndex: 'site' },
                  { title: t('exceptions.col.count'), dataIndex: 'count', width: 100, align: 'right' },
                ]}
                data-testid="exception-by-site"
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('exceptions.byProvince')} size="small" style={{ height: '100%' }}>
              <Table<{ code: string; name: string; count: number }>
                rowKey="code"
                size="small"
                pagination={false}
                scroll={{ y: 240 }}
                loading={board.loading}
                dataSource={counts?.byProvince ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exceptions.none')} /> }}
                onRow={(row) => ({
                  onClick: () => setQuery({ province: row.code, page: 1 }),
                  style: { cursor: 'pointer' },
                })}
                columns={[
                  { title: t('exceptions.col.province'), dataIndex: 'name' },
                  { title: t('exceptions.col.count'), dataIndex: 'count', width: 100, align: 'right' },
                ]}
                data-testid="exception-by-province"
              />
            </Card>
          </Col>
        </Row>

        <Card title={t('exceptions.listTitle', { scope })}>
          <div data-testid="exception-list">
            <Table<ExceptionListItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={board.data?.page.items ?? []}
              loading={board.loading}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exceptions.none')} /> }}
              pagination={{
                current: page,
                pageSize,
                total: board.data?.page.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                showTotal: (total) => t('common.total', { total }),
              }}
              onChange={(pagination) =>
                setQuery({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? DEFAULT_PAGE_SIZE })
              }
            />
          </div>
        </Card>
      </Flex>
    </>
  );
}
