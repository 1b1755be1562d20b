/**
 * The customer's monthly statistics reports (月度统计分析表): the stored reports with their PDF and
 * XLSX, and making one for a month that is over (optionally e-mailed to the customer's contact).
 * Shown to whoever may keep the account (its account manager, supervisors and managers).
 */
import { FileExcelOutlined, FilePdfOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { generateMonthlyReport, listMonthlyReports, monthlyReportUrl, type MonthlyReport } from '../../services/customers';
import { useDisplayTimeZone } from '../../time-zone';
import { useRemote } from '../../useRemote';

/** The last twelve months that are over, newest first, in the company's zone. */
function monthsOver(timeZone: string, now = new Date()): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(year, month - 2 - i, 1)).toISOString().slice(0, 7));
}

export function ReportsCard({ customerId }: { customerId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const zone = useDisplayTimeZone();
  const months = useMemo(() => monthsOver(zone), [zone]);
  const [month, setMonth] = useState(months[0]!);
  const [email, setEmail] = useState(false);
  const [busy, setBusy] = useState(false);
  const reports = useRemote((signal) => listMonthlyReports(customerId, signal), [customerId]);

  const generate = async () => {
    setBusy(true);
    try {
      const made = await generateMonthlyReport(customerId, month, email);
      void message.success(made.emailedTo ? t('customers.reports.madeAndSent', { to: made.emailedTo }) : t('customers.reports.made'));
      reports.reload();
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  };

  const items = reports.data?.items ?? [];
  return (
    <Card
      size="small"
      data-testid="customer-reports"
      title={t('customers.reports.title')}
      extra={
        <Space wrap>
          <Select size="small" value={month} onChange={setMonth} options={months.map((m) => ({ value: m, label: m }))} style={{ width: 110 }} data-testid="report-month" />
          <Checkbox checked={email} onChange={(e) => setEmail(e.target.checked)} data-testid="report-email">
            {t('customers.reports.email')}
          </Checkbox>
          <Button size="small" type="primary" icon={<FileAddOutlined />} loading={busy} onClick={() => void generate()} data-testid="report-generate">
            {t('customers.reports.generate')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('customers.reports.explain')}
      </Typography.Paragraph>
      {items.length === 0 && !reports.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.reports.none')} />
      ) : (
        <Table<MonthlyReport>
          size="small"
          rowKey="id"
          loading={reports.loading}
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('customers.reports.month'), dataIndex: 'month' },
            { title: t('customers.reports.shipments'), dataIndex: 'shipments', align: 'right', render: (n: number) => n.toLocaleString() },
            { title: t('customers.reports.onTime'), dataIndex: 'onTimeRate', align: 'right', render: (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`) },
            {
              title: t('customers.reports.generated'),
              render: (_, r) => (
                <Space size={4} wrap>
                  <span>{formatDateTime(r.generatedAt).slice(0, 16)}</span>
                  <Tag>{r.trigger === 'schedule' ? t('customers.reports.bySchedule') : (r.generatedBy ?? '')}</Tag>
                </Space>
              ),
            },
            {
              title: t('customers.reports.download'),
              render: (_, r) => (
                <Space>
                  <a href={monthlyReportUrl(customerId, r.id, 'pdf')} download data-testid="report-pdf">
                    <FilePdfOutlined /> PDF
                  </a>
                  <a href={monthlyReportUrl(customerId, r.id, 'xlsx')} download data-testid="report-xlsx">
                    <FileExcelOutlined /> Excel
                  </a>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
