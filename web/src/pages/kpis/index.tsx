/**
 * The KPI dashboard (docs/product.md §6): the overview of every KPI against its target, station
 * and region rankings, a heat table by province, and the targets with their history. The period,
 * grain, tab and choices live in the address, so a view can be shared and reloaded.
 */
import { DatePicker, Flex, Segmented, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { addDays, todayIn } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import type { Grain, RankingSlice } from '../../services/kpis';
import { Heat } from './Heat';
import { Overview } from './Overview';
import { Rankings } from './Rankings';
import { Targets } from './Targets';

const TABS = ['overview', 'rankings', 'heat', 'targets'] as const;
type Tab = (typeof TABS)[number];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function KpiPage() {
  const t = useT();
  useDocumentTitle(t('kpis.title'));
  const [params, setParams] = useSearchParams();
  const today = todayIn();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : today;
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : addDays(to, -29);
  const grainParam = params.get('grain');
  const grain: Grain = grainParam === 'week' || grainParam === 'month' ? grainParam : 'day';
  const byParam = params.get('by');
  const by: RankingSlice = byParam === 'province' || byParam === 'city' ? byParam : 'station';
  const kpi = params.get('kpi') ?? (tab === 'rankings' ? 'damage_rate' : 'on_time_delivery_rate');

  function set(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  }

  const periodControls = tab !== 'targets' && (
    <Space wrap>
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        onChange={(range) => range?.[0] && range[1] && set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
        aria-label={t('kpis.period')}
        data-testid="kpi-period"
      />
      {tab !== 'rankings' && (
        <Segmented
          value={grain}
          onChange={(v) => set({ grain: v === 'day' ? undefined : String(v) })}
          options={(['day', 'week', 'month'] as const).map((g) => ({ value: g, label: t(`kpis.grain.${g}`) }))}
          data-testid="kpi-grain"
        />
      )}
    </Space>
  );

  return (
    <>
      <PageHeader title={t('kpis.title')} subtitle={t('kpis.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key === 'overview' ? undefined : key, kpi: undefined })}
        destroyOnHidden
        tabBarExtraContent={<Flex gap={8}>{periodControls}</Flex>}
        items={[
          { key: 'overview', label: <span data-testid="kpi-tab-overview">{t('kpis.tab.overview')}</span>, children: <Overview from={from} to={to} grain={grain} /> },
          {
            key: 'rankings',
            label: <span data-testid="kpi-tab-rankings">{t('kpis.tab.rankings')}</span>,
            children: <Rankings from={from} to={to} kpiId={kpi} by={by} onChange={(c) => set({ kpi: c.kpi ?? kpi, by: c.by ?? by })} />,
          },
          { key: 'heat', label: <span data-testid="kpi-tab-heat">{t('kpis.tab.heat')}</span>, children: <Heat from={from} to={to} grain={grain} kpiId={kpi} onChange={(c) => set({ kpi: c.kpi })} /> },
          { key: 'targets', label: <span data-testid="kpi-tab-targets">{t('kpis.tab.targets')}</span>, children: <Targets /> },
        ]}
      />
    </>
  );
}
