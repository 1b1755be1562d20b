/**
 * Station and region rankings of one KPI over the period, worst first, against their targets: a
 * bar chart and its table (the same rows), a workbook of exactly those rows, and each number opens
 * the records behind it (a station's damaged parcels).
 */
import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Segmented, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { KPIS } from '../../../../src/domain/kpis/registry';
import { rankingBasis } from '../../../../src/domain/kpis/targets';
import { EChart, type ChartOption } from '../../components/EChart';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { kpiRanking, rankingXlsxUrl, type RankingRow, type RankingSlice } from '../../services/kpis';
import { useRemote } from '../../useRemote';
import { factLabel, factsPath, formatFact, formatKpi, shownValue, verdictTag } from './format';

const SLICES: RankingSlice[] = ['station', 'province', 'city'];

export function Rankings({ from, to, kpiId, by, onChange }: { from: string; to: string; kpiId: string; by: RankingSlice; onChange: (c: { kpi?: string; by?: RankingSlice }) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [view, setView] = useState<'chart' | 'table'>('table');
  const choices = KPIS.filter((k) => rankingBasis(k, by) !== null);
  const kpi = choices.find((k) => k.id === kpiId) ?? choices[0]!;
  const ranking = useRemote((signal) => kpiRanking(kpi.id, { from, to, by }, signal), [kpi.id, from, to, by]);
  const data = ranking.data;
  const rows = data?.rows ?? [];
  const byNumerator = data?.basis === 'numerator';
  const drill = (r: RankingRow) => factsPath(kpi.id, { from, to, by, key: r.key });
  const name = (r: RankingRow) => r.label ?? (r.key || t('kpis.ranking.none'));
  const score = (r: RankingRow) => (byNumerator ? formatFact(Object.keys(r.facts)[0] ?? '', r.count) : formatKpi(t, kpi.unit, r.value));

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 140, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map(name) },
      series: [
        {
          type: 'bar',
          name: byNumerator ? t('kpis.ranking.count') : t('kpis.value'),
          data: rows.map((r) => ({
            value: (byNumerator ? shownValue(kpi.unit === 'fen' || kpi.unit === 'fen_per_10k' ? kpi.unit : 'count', r.count) : shownValue(kpi.unit, r.value)) ?? undefined,
            itemStyle: { color: r.verdict === 'missed' ? '#cf1322' : '#1677ff' },
          })),
        },
      ],
    }),
    [rows, byNumerator, kpi.unit, t],
  );
  const factNames = rows[0] ? Object.keys(rows[0].facts) : [];
  const columns: TableProps<RankingRow>['columns'] = [
    { title: t('kpis.ranking.rank'), dataIndex: 'rank', width: 70 },
    { title: t(`kpis.ranking.by.${by}` as MessageKey), key: 'key', render: (_, r) => name(r) },
    {
      title: byNumerator ? t('kpis.ranking.count') : kpi.name[locale],
      key: 'score',
      align: 'right',
      render: (_, r) => (
        <Link to={drill(r)} data-testid="kpi-ranking-drill">
          {score(r)}
        </Link>
      ),
    },
    ...(byNumerator
      ? []
      : [
          { title: t('kpis.target'), key: 'target', align: 'right' as const, render: (_: unknown, r: RankingRow) => (r.target ? formatKpi(t, kpi.unit, r.target.value) : '—') },
          { title: t('kpis.verdict'), key: 'verdict', render: (_: unknown, r: RankingRow) => verdictTag(t, r.verdict) },
        ]),
    ...factNames.map((f) => ({ title: factLabel(t, f), key: f, align: 'right' as const, render: (_: unknown, r: RankingRow) => formatFact(f, r.facts[f] ?? 0) })),
  ];

  return (
    <Card size="small" data-testid="kpi-rankings">
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            style={{ minWidth: 220 }}
            value={kpi.id}
            onChange={(v: string) => onChange({ kpi: v })}
            options={choices.map((k) => ({ value: k.id, label: k.name[locale] }))}
            aria-label={t('kpis.kpi')}
            data-testid="kpi-ranking-kpi"
          />
          <Segmented value={by} onChange={(v) => onChange({ by: v as RankingSlice })} options={SLICES.map((s) => ({ value: s, label: t(`kpis.ranking.by.${s}` as MessageKey) }))} data-testid="kpi-ranking-by" />
        </Space>
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('kpis.view.chart') },
              { value: 'table', label: t('kpis.view.table') },
            ]}
          />
          <Button icon={<FileExcelOutlined />} href={rankingXlsxUrl(kpi.id, { from, to, by })} download data-testid="kpi-ranking-xlsx">
            {t('kpis.download')}
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('kpis.ranking.worstFirst')}</Typography.Paragraph>
      {byNumerator && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('kpis.ranking.numeratorNote')} />}
      {view === 'chart' ? (
        <EChart option={option} style={{ height: Math.max(220, rows.length * 26 + 40) }} onItemClick={(i) => rows[i] && navigate(drill(rows[i]))} testId="kpi-ranking-chart" />
      ) : (
        <Table rowKey="key" size="small" loading={ranking.loading} dataSource={rows} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }} scroll={{ x: 640 }} data-testid="kpi-ranking-table" />
      )}
    </Card>
  );
}
