/**
 * A heat table by province: one KPI, provinces down, periods across, each cell shaded by how bad
 * it is (by the KPI's direction, relative to the table's range). Its list view and its workbook
 * are the series by province — the same points the cells show.
 */
import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Select, Space, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { dimensionsOf, KPIS } from '../../../../src/domain/kpis/registry';
import { useLocale, useT } from '../../i18n';
import { kpiSeries, seriesXlsxUrl, type Grain, type Series } from '../../services/kpis';
import { useRemote } from '../../useRemote';
import { factLabel, factsPath, formatFact, formatKpi, periodEnd } from './format';

type Point = Series['points'][number];

export function Heat({ from, to, grain, kpiId, onChange }: { from: string; to: string; grain: Grain; kpiId: string; onChange: (c: { kpi?: string }) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [view, setView] = useState<'heat' | 'list'>('heat');
  const choices = KPIS.filter((k) => k.available && dimensionsOf(k).includes('province'));
  const kpi = choices.find((k) => k.id === kpiId) ?? choices[0]!;
  const series = useRemote((signal) => kpiSeries(kpi.id, { from, to, grain, by: 'province' }, signal), [kpi.id, from, to, grain]);
  const points = series.data?.points ?? [];
  const periods = [...new Set(points.map((p) => p.period))].sort();
  const label = new Map(points.map((p) => [p.key, p.label ?? (p.key || t('kpis.ranking.none'))]));
  const provinces = [...label.keys()].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const cell = new Map(points.map((p) => [`${p.key}|${p.period}`, p]));
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  // 0 = best of the table, 1 = worst
  const badness = (v: number) => (hi === lo ? 0 : kpi.direction === 'lower_is_better' ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo));
  const shade = (v: number | null) => (v === null ? undefined : `rgba(207, 19, 34, ${(0.7 * badness(v)).toFixed(2)})`);

  type HeatRow = { province: string };
  const heatColumns: TableProps<HeatRow>['columns'] = [
    { title: t('kpis.heat.province'), dataIndex: 'province', fixed: 'left', width: 120, render: (p: string) => label.get(p) },
    ...periods.map((period) => ({
      title: period.slice(5),
      key: period,
      align: 'right' as const,
      width: 92,
      onCell: (r: HeatRow) => ({ style: { background: shade(cell.get(`${r.province}|${period}`)?.value ?? null) } }),
      render: (_: unknown, r: HeatRow) => {
        const p = cell.get(`${r.province}|${period}`);
        if (!p || p.value === null) return '';
        return (
          <Tooltip title={Object.entries(p.facts).map(([f, v]) => `${factLabel(t, f)} ${formatFact(f, v)}`).join(locale === 'zh-CN' ? '；' : '; ')}>
            <Link to={factsPath(kpi.id, { from: period < from ? from : period, to: periodEnd(period, grain, to), by: 'province', key: r.province })}>{formatKpi(t, kpi.unit, p.value)}</Link>
          </Tooltip>
        );
      },
    })),
  ];
  const factNames = points[0] ? Object.keys(points[0].facts) : [];
  const listColumns: TableProps<Point>['columns'] = [
    { title: t('kpis.col.period'), dataIndex: 'period', width: 110 },
    { title: t('kpis.heat.province'), dataIndex: 'key', render: (k: string) => label.get(k) },
    { title: kpi.name[locale], key: 'value', align: 'right', render: (_, p) => formatKpi(t, kpi.unit, p.value) },
    ...factNames.map((f) => ({ title: factLabel(t, f), key: f, align: 'right' as const, render: (_: unknown, p: Point) => formatFact(f, p.facts[f] ?? 0) })),
  ];

  return (
    <Card size="small" data-testid="kpi-heat">
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Select style={{ minWidth: 220 }} value={kpi.id} onChange={(v: string) => onChange({ kpi: v })} options={choices.map((k) => ({ value: k.id, label: k.name[locale] }))} aria-label={t('kpis.kpi')} />
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'heat' | 'list')}
            options={[
              { value: 'heat', label: t('kpis.tab.heat') },
              { value: 'list', label: t('kpis.heat.list') },
            ]}
          />
          <Button icon={<FileExcelOutlined />} href={seriesXlsxUrl(kpi.id, { from, to, grain, by: 'province' })} download data-testid="kpi-heat-xlsx">
            {t('kpis.download')}
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('kpis.heat.hint')}</Typography.Paragraph>
      {view === 'heat' ? (
        <Table rowKey="province" size="small" loading={series.loading} dataSource={provinces.map((province) => ({ province }))} columns={heatColumns} pagination={false} scroll={{ x: 120 + periods.length * 92 }} bordered data-testid="kpi-heat-table" />
      ) : (
        <Table rowKey={(p) => `${p.period}|${p.key}`} size="small" loading={series.loading} dataSource={points} columns={listColumns} pagination={false} scroll={{ x: 640 }} />
      )}
    </Card>
  );
}
