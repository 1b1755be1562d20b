/**
 * One kept supervision report as it was made: KPIs against targets and the last period (red where
 * a target is missed), complaint causes, the worst stations, notable complaints and QA results,
 * with its PDF and Excel files.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Table, Tag, Typography, type TableProps } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT } from '../../i18n';
import { getReport, reportFileUrl, type KpiLine, type ReportData } from '../../services/supervision-reports';
import { useRemote } from '../../useRemote';

/** A KPI's value in its unit, as the report's PDF writes it. */
export function kpiText(unit: string, value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'percent':
      return `${value.toFixed(2)}%`;
    case 'per_million':
      return value.toFixed(1);
    case 'minutes':
      return value >= 120 ? `${(value / 60).toFixed(1)} h` : `${Math.round(value)} min`;
    case 'fen':
    case 'fen_per_10k':
      return `¥${(value / 100).toFixed(2)}`;
    default:
      return value.toFixed(1);
  }
}

const STANDING_COLOR = { met: 'success', missed: 'error', no_target: 'default', no_data: 'default' } as const;

export default function SupervisionReportPage() {
  const t = useT();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const report = useRemote((signal) => getReport(id, signal), [id]);
  const data = report.data?.data;
  const scope = data ? (data.scope.teamName ?? t('supervision.scope.company')) : '';
  useDocumentTitle(data ? `${scope} ${data.period.title}` : t('supervision.title'));
  if (!report.data || !data) return <Spin />;

  const kpiColumns: TableProps<KpiLine>['columns'] = [
    { title: t('supervision.detail.col.kpi'), key: 'name', render: (_, k) => k.name[locale] },
    { title: t('supervision.detail.col.value'), key: 'value', align: 'right', render: (_, k) => <Typography.Text type={k.standing === 'missed' ? 'danger' : undefined}>{kpiText(k.unit, k.value)}</Typography.Text> },
    { title: t('supervision.detail.col.previous'), key: 'previous', align: 'right', render: (_, k) => kpiText(k.unit, k.previous) },
    { title: t('supervision.detail.col.target'), key: 'target', align: 'right', render: (_, k) => (k.target ? `${k.target.direction === 'higher' ? '≥' : '≤'} ${kpiText(k.unit, k.target.value)}` : t('supervision.detail.noTarget')) },
    {
      title: t('supervision.detail.col.standing'),
      key: 'standing',
      align: 'center',
      render: (_, k) => <Tag color={STANDING_COLOR[k.standing]}>{k.available ? t(`supervision.standing.${k.standing}`) : t('supervision.standing.unavailable')}</Tag>,
    },
  ];
  type Cause = ReportData['causes'][number];
  type Station = NonNullable<ReportData['stations']>[number];
  type Notable = ReportData['notable'][number];
  return (
    <>
      <PageHeader
        title={`${scope} · ${data.period.title} · ${t(`supervision.period.${data.period.kind}`)}`}
        subtitle={`${report.data.reportNo} · ${formatDateTime(report.data.generatedAt)}`}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={reportFileUrl(id, 'pdf')}>
              {t('supervision.detail.pdf')}
            </Button>
            <Button icon={<DownloadOutlined />} href={reportFileUrl(id, 'xlsx')}>
              {t('supervision.detail.xlsx')}
            </Button>
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('supervision.detail.kpis')}>
          <Table rowKey="id" size="small" pagination={false} columns={kpiColumns} dataSource={data.kpis} />
        </Card>
        <Card size="small" title={t('supervision.detail.causes')}>
          <Table<Cause>
            rowKey={(c) => c.code ?? ''}
            size="small"
            pagination={false}
            locale={{ emptyText: t('supervision.detail.none') }}
            dataSource={data.causes}
            columns={[
              { title: t('supervision.detail.col.cause'), key: 'label', render: (_, c) => c.label[locale] },
              { title: t('supervision.detail.col.count'), dataIndex: 'count', align: 'right' },
              { title: t('supervision.detail.col.before'), dataIndex: 'previous', align: 'right' },
            ]}
          />
        </Card>
        <Card size="small" title={t('supervision.detail.stations')}>
          {data.stations === null ? (
            <Typography.Text type="secondary">{t('supervision.detail.teamStations')}</Typography.Text>
          ) : (
            <Table<Station>
              rowKey="station"
              size="small"
              pagination={false}
              locale={{ emptyText: t('supervision.detail.none') }}
              dataSource={data.stations}
              columns={[
                { title: t('supervision.detail.col.station'), dataIndex: 'station' },
                { title: t('supervision.detail.col.delivered'), dataIndex: 'delivered', align: 'right' },
                { title: t('supervision.detail.col.late'), dataIndex: 'late', align: 'right' },
                { title: t('supervision.detail.col.onTime'), dataIndex: 'onTimeRate', align: 'right', render: (v: number | null) => kpiText('percent', v) },
                { title: t('supervision.detail.col.damaged'), dataIndex: 'damaged', align: 'right' },
                { title: t('supervision.detail.col.lost'), dataIndex: 'lost', align: 'right' },
                { title: t('supervision.detail.col.chargeback'), dataIndex: 'chargebackFen', align: 'right', render: (v: number) => (v / 100).toFixed(2) },
              ]}
            />
          )}
        </Card>
        <Card size="small" title={t('supervision.detail.notable')}>
          <Table<Notable>
            rowKey="id"
            size="small"
            pagination={false}
            locale={{ emptyText: t('supervision.detail.none') }}
            dataSource={data.notable}
            columns={[
              { title: t('supervision.detail.col.ticket'), key: 'number', width: 110, render: (_, n) => <Link to={`/tickets/${n.id}`}>#{n.number}</Link> },
              { title: t('supervision.detail.col.subject'), dataIndex: 'subject' },
              { title: t('supervision.detail.col.openedAt'), dataIndex: 'openedAt', width: 120, render: (v: string) => formatDate(v) },
              { title: t('supervision.detail.col.reasons'), key: 'reasons', render: (_, n) => n.reasons.map((r) => <Tag key={r}>{t(`supervision.reason.${r}`)}</Tag>) },
            ]}
          />
        </Card>
        <Card size="small" title={t('supervision.detail.qa')}>
          {data.qa.available ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text data-testid="supervision-qa">
                {t('supervision.detail.qaLine', {
                  reviews: data.qa.reviews,
                  average: data.qa.averageScore === null ? '—' : data.qa.averageScore.toFixed(1),
                  fails: data.qa.criticalFails,
                  disputes: data.qa.disputes,
                })}
              </Typography.Text>
              {data.qa.lowest.length > 0 && (
                <Table
                  rowKey="agent"
                  size="small"
                  pagination={false}
                  dataSource={data.qa.lowest}
                  columns={[
                    { title: t('supervision.detail.col.agent'), dataIndex: 'agent' },
                    { title: t('supervision.detail.col.reviews'), dataIndex: 'reviews', align: 'right' },
                    { title: t('supervision.detail.col.averageScore'), dataIndex: 'averageScore', align: 'right', render: (v: number) => v.toFixed(1) },
                  ]}
                />
              )}
            </Space>
          ) : (
            <Alert type="info" showIcon message={t('supervision.detail.qaUnavailable')} />
          )}
        </Card>
      </Space>
    </>
  );
}
