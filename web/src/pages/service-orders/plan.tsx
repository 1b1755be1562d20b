/**
 * The work plan (工作计划表, docs/product.md §4): one work center's site visits for a day or a
 * Monday-to-Sunday week, as the printed plan shows them (urgent first, then by agreed time), with
 * links to the clean print page, the PDF and the workbook. The work center, date and span are in
 * the address, so a plan can be bookmarked or sent.
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Radio, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { getWorkPlan, listWorkCenters, workPlanUrl, type WorkPlan, type WorkPlanQuery } from '../../services/service-orders';
import { useRemote } from '../../useRemote';

type Row = WorkPlan['model']['days'][number]['rows'][number] & { urgent: boolean };

const multiline = (text: string) =>
  text.split('\n').map((line, i) => (
    <div key={i} style={i > 0 ? { color: 'rgba(0,0,0,0.55)' } : undefined}>
      {line}
    </div>
  ));

export default function WorkPlanPage() {
  const t = useT();
  useDocumentTitle(t('soPlan.title'));
  const [params, setParams] = useSearchParams();
  const centers = useRemote((signal) => listWorkCenters(signal), []);
  const workCenterId = params.get('workCenter') ?? centers.data?.find((c) => c.active)?.id ?? '';
  const date = params.get('date') ?? dayjs().format('YYYY-MM-DD');
  const span = params.get('span') === 'week' ? 'week' : 'day';
  const query: WorkPlanQuery = { workCenterId, date, span };
  const plan = useRemote((signal) => (workCenterId ? getWorkPlan(query, signal) : Promise.resolve(undefined)), [workCenterId, date, span]);
  const set = (patch: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p), workCenter: workCenterId, date, span, ...patch }), { replace: true });
  const model = plan.data?.model;

  const columns: TableProps<Row>['columns'] = (model?.columns ?? []).map((c) => ({
    title: c.title,
    key: c.key,
    width: c.width * 12,
    render: (_: unknown, r: Row) =>
      c.key === 'notificationNo' ? (
        <Flex vertical align="flex-start">
          <span>{r.notificationNo}</span>
          {r.urgent && <Tag color="red">{t('so.urgent')}</Tag>}
        </Flex>
      ) : c.key === 'done' ? (
        <span style={{ display: 'inline-block', minHeight: 24 }} />
      ) : (
        multiline(r[c.key as keyof Row] as string)
      ),
  }));

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('soPlan.title')}
        subtitle={t('soPlan.subtitle')}
        extra={
          workCenterId && (
            <Space wrap>
              <Button icon={<PrinterOutlined />} href={workPlanUrl('html', query)} target="_blank" rel="noopener" data-testid="plan-print">
                {t('soPlan.print')}
              </Button>
              <Button icon={<DownloadOutlined />} href={workPlanUrl('pdf', query)} data-testid="plan-pdf">
                {t('soPlan.pdf')}
              </Button>
              <Button icon={<DownloadOutlined />} href={workPlanUrl('xlsx', query)} data-testid="plan-xlsx">
                {t('soPlan.xlsx')}
              </Button>
            </Space>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            style={{ minWidth: 260 }}
            placeholder={t('soPlan.workCenter')}
            value={workCenterId || undefined}
            loading={centers.loading}
            options={(centers.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
            onChange={(id: string) => set({ workCenter: id })}
            data-testid="plan-work-center"
          />
          <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') })} data-testid="plan-date" />
          <Radio.Group
            value={span}
            optionType="button"
            options={[
              { value: 'day', label: t('soPlan.span.day') },
              { value: 'week', label: t('soPlan.span.week') },
            ]}
            onChange={(e) => set({ span: e.target.value as string })}
            data-testid="plan-span"
          />
        </Flex>
        {!workCenterId && !centers.loading && <Alert type="info" showIcon message={t('soPlan.pick')} />}
        {model && (
          <Flex vertical gap={12} data-testid="plan">
            <Typography.Text strong>
              {model.workCenter} · {model.period}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="plan-summary">
              {model.summary}
            </Typography.Text>
            {model.days.map((day) => (
              <div key={day.date}>
                <Typography.Title level={5} style={{ marginTop: 8 }}>
                  {day.heading}
                </Typography.Title>
                {day.rows.length === 0 ? (
                  <Typography.Text type="secondary">{t('soPlan.noVisits')}</Typography.Text>
                ) : (
                  <Table<Row>
                    rowKey="notificationNo"
                    size="small"
                    bordered
                    pagination={false}
                    columns={columns}
                    dataSource={day.rows.map((r, i) => ({ ...r, urgent: day.urgent[i] ?? false }))}
                    scroll={{ x: (model.columns ?? []).reduce((sum, c) => sum + c.width * 12, 0) }}
                    data-testid={`plan-day-${day.date}`}
                  />
                )}
              </div>
            ))}
            <Typography.Text strong>{t('soPlan.notes')}</Typography.Text>
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {model.notes.map((note) => (
                <li key={note}>
                  <Typography.Text type="secondary">{note}</Typography.Text>
                </li>
              ))}
            </ol>
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
