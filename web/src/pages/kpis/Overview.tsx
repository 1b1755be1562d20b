/**
 * The manager's overview: each KPI's trend by day, week or month with the company target in force
 * as a dashed line and the periods that miss it in red; a KPI whose part is not built says so
 * (never 0). Every chart has its table and a workbook of exactly those rows; a point or a row
 * opens the records behind it.
 */
import { FileExcelOutlined, OrderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Segmented, Space, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EChart, type ChartOption } from '../../components/EChart';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { kpiOverview, trendXlsxUrl, type Grain, type OverviewKpi, type OverviewPoint } from '../../services/kpis';
import { useRemote } from '../../useRemote';
import { todayIn } from '../../format';
import { factLabel, factsPath, formatFact, formatKpi, periodEnd, shownValue, verdictTag } from './format';

const RANKABLE = new Set(['on_time_delivery_rate', 'damage_rate', 'loss_rate', 'chargebacks_by_station', 'claim_amount_per_10k', 'claim_cycle_time']);

export function Overview({ from, to, grain }: { from: string; to: string; grain: Grain }) {
  const overview = useRemote((signal) => kpiOverview({ from, to, grain }, signal), [from, to, grain]);
  const kpis = overview.data?.kpis ?? [];
  return (
    <Row gutter={[16, 16]} data-testid="kpi-overview">
      {overview.loading && !overview.data && (
        <Col span={24}>
          <Card loading />
        </Col>
      )}
      {kpis.map((k) => (
        <Col key={k.id} xs={24} xl={12}>
          <KpiCard kpi={k} from={from} to={to} grain={grain} />
        </Col>
      ))}
    </Row>
  );
}

function KpiCard({ kpi, from, to, grain }: { kpi: OverviewKpi; from: string; to: string; grain: Grain }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  // The headline is the latest whole period: today's is only begun (two parcels at one in the
  // morning would make a rate of anything). A period still running is shown only when no whole one has a value.
  const today = todayIn();
  const running = (p: OverviewPoint) => periodEnd(p.period, grain, '9999-12-31') >= today;
  const withValue = [...kpi.points].reverse().filter((p) => p.value !== null);
  const latest = withValue.find((p) => !running(p)) ?? withValue[0];
  const drill = (p: OverviewPoint) => factsPath(kpi.id, { from: p.period < from ? from : p.period, to: periodEnd(p.period, grain, to) });
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('kpis.value'), t('kpis.target')] },
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: kpi.points.map((p) => p.period.slice(5)) },
      // A percentage never goes past 100, so a single 100 % point does not stretch the axis to 160.
      yAxis: { type: 'value', scale: true, max: kpi.unit === 'percent' ? (v: { max: number }) => Math.min(100, Math.ceil(v.max * 1.05)) : undefined },
      series: [
        {
          name: t('kpis.value'),
          type: 'line',
          connectNulls: false,
          symbolSize: 7,
          // Every point drawn, whatever labels the axis has room for: a missed period is a red point.
          showAllSymbol: true,
          // A period still running is drawn hollow and grey, never red: its value is only so far.
          data: kpi.points.map((p) =>
            running(p)
              ? { value: shownValue(kpi.unit, p.value) ?? undefined, symbol: 'emptyCircle', itemStyle: { color: '#8c8c8c' }, symbolSize: 7 }
              : {
                  value: shownValue(kpi.unit, p.value) ?? undefined,
                  itemStyle: { color: p.verdict === 'missed' ? '#cf1322' : '#1677ff' },
                  symbolSize: p.verdict === 'missed' ? 10 : 7,
                },
          ),
          lineStyle: { color: '#1677ff' },
          itemStyle: { color: '#1677ff' },
        },
        {
          name: t('kpis.target'),
          type: 'line',
          step: 'middle',
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#fa8c16' },
          itemStyle: { color: '#fa8c16' },
          data: kpi.points.map((p) => shownValue(kpi.unit, p.target?.value ?? null) ?? undefined),
        },
      ],
    }),
    [kpi, t, grain, today],
  );
  const facts = kpi.points[0] ? Object.keys(kpi.points[0].facts) : [];
  const columns: TableProps<OverviewPoint>['columns'] = [
    { title: t('kpis.col.period'), dataIndex: 'period', width: 110 },
    { title: t('kpis.value'), key: 'value', align: 'right', render: (_, p) => formatKpi(t, kpi.unit, p.value) },
    { title: t('kpis.target'), key: 'target', align: 'right', render: (_, p) => (p.target ? formatKpi(t, kpi.unit, p.target.value) : '—') },
    { title: t('kpis.verdict'), key: 'verdict', render: (_, p) => verdictTag(t, p.verdict) },
    ...facts.map((f) => ({ title: factLabel(t, f), key: f, align: 'right' as const, render: (_: unknown, p: OverviewPoint) => formatFact(f, p.facts[f] ?? 0) })),
    { title: t('kpis.drill'), key: 'drill', render: (_, p) => <Link to={drill(p)}>{t('kpis.drill')}</Link> },
  ];
  return (
    <Card
      size="small"
      data-testid={`kpi-card-${kpi.id}`}
      title={
        <Space size={8} wrap>
          <span>{kpi.name[locale]}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t(`kpis.better.${kpi.direction}` as MessageKey)}
          </Typography.Text>
        </Space>
      }
      extra={
        kpi.available && (
          <Space size={4} wrap>
            {RANKABLE.has(kpi.id) && (
              <Link to={`/kpis?tab=rankings&kpi=${kpi.id}&from=${from}&to=${to}`} data-testid={`kpi-rank-${kpi.id}`}>
                <Button size="small" type="text" icon={<OrderedListOutlined />}>
                  {t('kpis.toRanking')}
                </Button>
              </Link>
            )}
            <Segmented
              size="small"
              value={view}
              onChange={(v) => setView(v as 'chart' | 'table')}
              options={[
                { value: 'chart', label: t('kpis.view.chart') },
                { value: 'table', label: t('kpis.view.table') },
              ]}
            />
            <Button size="small" icon={<FileExcelOutlined />} href={trendXlsxUrl(kpi.id, { from, to, grain })} download data-testid={`kpi-xlsx-${kpi.id}`} aria-label={t('kpis.download')} />
          </Space>
        )
      }
    >
      {!kpi.available ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kpis.notAvailable')} data-testid={`kpi-na-${kpi.id}`} />
      ) : (
        <>
          <Flex align="baseline" gap={12} wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong style={{ fontSize: 22, whiteSpace: 'nowrap' }} data-testid={`kpi-latest-${kpi.id}`}>
              {formatKpi(t, kpi.unit, latest?.value ?? null)}
            </Typography.Text>
            {latest && verdictTag(t, latest.verdict)}
            {latest?.target && (
              <Typography.Text type="secondary">
                {t('kpis.target')} {formatKpi(t, kpi.unit, latest.target.value)}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">{latest ? `${t('kpis.latest')} ${latest.period}${running(latest) ? t('kpis.latestRunning') : ''}` : ''}</Typography.Text>
          </Flex>
          {view === 'chart' ? (
            <>
              <EChart option={option} testId={`kpi-chart-${kpi.id}`} style={{ height: 220 }} onItemClick={(i) => kpi.points[i] && navigate(drill(kpi.points[i]))} />
              {kpi.points.some((p) => running(p) && p.value !== null) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('kpis.runningPoint')}
                </Typography.Text>
              )}
            </>
          ) : (
            <Table rowKey="period" size="small" dataSource={kpi.points} columns={columns} pagination={false} scroll={{ x: 640, y: 320 }} data-testid={`kpi-table-${kpi.id}`} />
          )}
        </>
      )}
    </Card>
  );
}
