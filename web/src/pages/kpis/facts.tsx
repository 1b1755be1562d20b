/**
 * The records behind a KPI's number (docs/product.md §6): the parcels, tickets, claims or
 * chargebacks the daily facts were counted from for a period and slice, newest first, each linked
 * to its page, and whether it counts in the numerator (late, damaged, answered in time …) or only
 * in the denominator.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { kpiById } from '../../../../src/domain/kpis/registry';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT, type MessageKey } from '../../i18n';
import { claimPath, shipmentPath } from '../../paths';
import { kpiFacts, type FactPage } from '../../services/kpis';
import { useRemote } from '../../useRemote';
import { positiveInt } from '../../url-params';
import { factLabel, labelled } from './format';

type Record = FactPage['records'][number];
const PAGE_SIZE = 50;

function recordLink(r: Record): string {
  if (r.kind === 'ticket') return `/tickets/${encodeURIComponent(r.id)}`;
  if (r.kind === 'claim') return claimPath(r.id);
  return shipmentPath(r.reference);
}

export default function KpiFactsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const kpi = kpiById(id);
  const name = kpi?.name[locale] ?? id;
  useDocumentTitle(t('kpis.facts.title', { kpi: name }));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const by = params.get('by') ?? undefined;
  const key = params.get('key') ?? undefined;
  const page = positiveInt(params.get('page'), 1);
  const facts = useRemote((signal) => kpiFacts(id, { from, to, by, key: by ? (key ?? '') : undefined, page, pageSize: PAGE_SIZE }, signal), [id, from, to, by, key, page]);
  const columns: TableProps<Record>['columns'] = [
    { title: t('kpis.facts.col.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`kpis.facts.kind.${k}` as MessageKey) },
    {
      title: t('kpis.facts.col.reference'),
      dataIndex: 'reference',
      render: (ref: string, r) => (
        <Link to={recordLink(r)} data-testid="kpi-fact-link">
          {r.kind === 'ticket' ? `#${ref}` : ref}
        </Link>
      ),
    },
    { title: t('kpis.facts.col.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('kpis.facts.col.counted'),
      key: 'counted',
      render: (_, r) => (r.inNumerator ? <Tag color="red">{labelled(locale, t('kpis.facts.numerator'), factLabel(t, r.fact))}</Tag> : <Tag>{t('kpis.facts.denominatorOnly')}</Tag>),
    },
  ];
  const sliceLabel = by ? labelled(locale, t(`kpis.ranking.by.${by}` as MessageKey), key || t('kpis.ranking.none')) : null;
  return (
    <Flex vertical gap={16}>
      <Link to={`/kpis?from=${from}&to=${to}`}>
        <ArrowLeftOutlined /> {t('kpis.facts.back')}
      </Link>
      <PageHeader title={t('kpis.facts.title', { kpi: name })} subtitle={t('kpis.facts.subtitle', { from, to, total: facts.data?.total ?? 0 })} extra={sliceLabel && <Tag data-testid="kpi-facts-slice">{sliceLabel}</Tag>} />
      <Card size="small">
        {facts.data && !facts.data.available ? (
          <Typography.Text type="secondary">{t('kpis.notAvailable')}</Typography.Text>
        ) : (
          <Table
            rowKey={(r) => `${r.kind}:${r.id}`}
            size="small"
            loading={facts.loading}
            dataSource={facts.data?.records ?? []}
            columns={columns}
            data-testid="kpi-facts-table"
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: facts.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => {
                const next = new URLSearchParams(params);
                if (p === 1) next.delete('page');
                else next.set('page', String(p));
                setParams(next);
              },
            }}
          />
        )}
      </Card>
    </Flex>
  );
}
