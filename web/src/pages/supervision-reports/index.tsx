/**
 * Supervision reports (服务监督报告): the kept weekly and monthly reports of the company and the
 * teams, making one for a period that is over, and one's own e-mail subscription.
 */
import { FileTextOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Modal, Segmented, Select, Space, Table, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { listDepartments } from '../../services/departments';
import { generateReport, listReports, mySubscription, saveSubscription, type PeriodKind, type ReportSummary } from '../../services/supervision-reports';
import { useRemote } from '../../useRemote';


/** Monday of last week, whatever the week start of dayjs's locale (zh-cn starts on Monday, en on Sunday). */
function lastWeeksMonday() {
  const today = dayjs().startOf('day');
  return today.subtract((today.day() + 6) % 7, 'day').subtract(7, 'day');
}
export default function SupervisionReportsPage() {
  const t = useT();
  useDocumentTitle(t('supervision.title'));
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [period, setPeriod] = useState<PeriodKind | 'all'>('all');
  const [scope, setScope] = useState<string>('all');
  const reports = useRemote((signal) => listReports({ ...(period !== 'all' ? { period } : {}), ...(scope !== 'all' ? { scope } : {}) }, signal), [period, scope]);
  const teams = useRemote((signal) => listDepartments(signal), []);
  const subscription = useRemote((signal) => mySubscription(signal), []);
  const [making, setMaking] = useState(false);
  const [form] = Form.useForm<{ period: PeriodKind; start: Dayjs; teamId: string; email: boolean }>();
  const scopeOptions = [{ value: '', label: t('supervision.scope.company') }, ...(teams.data ?? []).map((d) => ({ value: d.id, label: d.name }))];

  async function make() {
    const values = await form.validateFields();
    try {
      const made = await generateReport({ period: values.period, start: values.start.format('YYYY-MM-DD'), ...(values.teamId ? { teamId: values.teamId } : {}), email: values.email });
      void message.success(values.email ? t('supervision.generate.emailed', { n: made.emailed }) : t('supervision.generate.done'));
      setMaking(false);
      reports.reload();
    } catch (error) {
      handleError(error);
    }
  }

  async function subscribe(change: Partial<{ weekly: boolean; monthly: boolean; teamId: string | null }>) {
    const current = subscription.data;
    if (!current) return;
    try {
      await saveSubscription({ weekly: current.weekly, monthly: current.monthly, teamId: current.teamId, ...change });
      void message.success(t('supervision.subscription.saved'));
    } catch (error) {
      handleError(error);
    }
    subscription.reload();
  }

  const columns: TableProps<ReportSummary>['columns'] = [
    { title: t('supervision.col.period'), key: 'period', render: (_, r) => <Link to={`/reports/supervision/${r.id}`}>{`${r.start} — ${r.end}`}</Link> },
    { title: t('supervision.col.kind'), dataIndex: 'period', width: 90, render: (p: PeriodKind) => t(`supervision.period.${p}`) },
    { title: t('supervision.col.scope'), key: 'scope', render: (_, r) => r.teamName ?? t('supervision.scope.company') },
    { title: t('supervision.col.generatedAt'), dataIndex: 'generatedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('supervision.col.by'), key: 'by', width: 140, render: (_, r) => (r.trigger === 'schedule' ? t('supervision.by.schedule') : t('supervision.by.demand', { name: r.generatedBy ?? '' })) },
    { key: 'open', width: 80, render: (_, r) => <Link to={`/reports/supervision/${r.id}`}>{t('supervision.open')}</Link> },
  ];

  const sub = subscription.data;
  return (
    <>
      <PageHeader
        title={t('supervision.title')}
        subtitle={t('supervision.subtitle')}
        extra={
          <Button type="primary" icon={<FileTextOutlined />} onClick={() => setMaking(true)}>
            {t('supervision.generate')}
          </Button>
        }
      />
      <Card size="small" title={t('supervision.subscription.title')} style={{ marginBottom: 16 }}>
        {sub && !sub.email ? (
          <Alert type="info" showIcon message={t('supervision.subscription.noEmail')} />
        ) : (
          sub && (
            <Flex gap={16} align="center" wrap>
              <Checkbox checked={sub.weekly} onChange={(e) => void subscribe({ weekly: e.target.checked })}>
                {t('supervision.subscription.weekly')}
              </Checkbox>
              <Checkbox checked={sub.monthly} onChange={(e) => void subscribe({ monthly: e.target.checked })}>
                {t('supervision.subscription.monthly')}
              </Checkbox>
              <Select style={{ minWidth: 180 }} value={sub.teamId ?? ''} options={scopeOptions} onChange={(v: string) => void subscribe({ teamId: v || null })} aria-label={t('supervision.field.team')} />
              <span>{t('supervision.subscription.hint', { email: sub.email ?? '' })}</span>
            </Flex>
          )
        )}
      </Card>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={period}
          onChange={(v) => setPeriod(v as PeriodKind | 'all')}
          options={[
            { value: 'all', label: t('supervision.filter.all') },
            { value: 'week', label: t('supervision.period.week') },
            { value: 'month', label: t('supervision.period.month') },
          ]}
        />
        <Select
          style={{ minWidth: 180 }}
          value={scope}
          onChange={setScope}
          aria-label={t('supervision.col.scope')}
          options={[{ value: 'all', label: t('supervision.filter.all') }, { value: 'company', label: t('supervision.scope.company') }, ...(teams.data ?? []).map((d) => ({ value: d.id, label: d.name }))]}
        />
      </Space>
      <Table rowKey="id" size="middle" loading={reports.loading} columns={columns} dataSource={reports.data?.items ?? []} locale={{ emptyText: t('supervision.empty') }} pagination={{ pageSize: 20 }} />
      <Modal open={making} title={t('supervision.generate.title')} onCancel={() => setMaking(false)} onOk={() => void make()} okText={t('supervision.generate')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ period: 'week', teamId: '', email: false, start: lastWeeksMonday() }}>
          <Form.Item name="period" label={t('supervision.field.period')}>
            <Segmented options={[{ value: 'week', label: t('supervision.period.week') }, { value: 'month', label: t('supervision.period.month') }]} />
          </Form.Item>
          <Form.Item name="start" label={t('supervision.field.start')} help={t('supervision.field.start.help')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="teamId" label={t('supervision.field.team')}>
            <Select options={scopeOptions} />
          </Form.Item>
          <Form.Item name="email" valuePropName="checked">
            <Checkbox>{t('supervision.field.email')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
