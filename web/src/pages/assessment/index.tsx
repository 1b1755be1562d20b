/**
 * An agent's assessment (考核) for a month: the KPIs credited to them against their team's
 * targets (else the company's). An agent sees themself; a supervisor picks someone of their team;
 * a manager anyone — the server decides who may be read (modules/kpis/access.ts).
 */
import { Alert, Card, DatePicker, Flex, Select, Space, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { todayIn } from '../../format';
import { useDocumentTitle, useLocale, useT, type MessageKey } from '../../i18n';
import { assessmentOf, assessmentPeople, type Assessment } from '../../services/kpis';
import { useRemote } from '../../useRemote';
import { factLabel, formatFact, formatKpi, inBrackets, labelled, verdictTag } from '../kpis/format';

type Row = Assessment['kpis'][number];

function monthRange(month: string): { from: string; to: string } {
  const d = dayjs(`${month}-01`);
  return { from: d.format('YYYY-MM-DD'), to: d.endOf('month').format('YYYY-MM-DD') };
}

export default function AssessmentPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  useDocumentTitle(t('assessment.title'));
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : todayIn().slice(0, 7);
  const person = params.get('person') ?? me.id;
  const people = useRemote((signal) => assessmentPeople(signal), []);
  const { from, to } = monthRange(month);
  const assessment = useRemote((signal) => assessmentOf(person, { from, to }, signal), [person, from, to]);
  const rows = assessment.data?.kpis ?? [];
  const count = (v: string) => rows.filter((r) => r.verdict === v).length;
  const set = (changes: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...changes });

  const columns: TableProps<Row>['columns'] = [
    { title: t('kpis.kpi'), key: 'kpi', render: (_, r) => r.name[locale] },
    { title: t('kpis.value'), key: 'value', align: 'right', render: (_, r) => formatKpi(t, r.unit, r.value) },
    {
      title: t('kpis.target'),
      key: 'target',
      align: 'right',
      render: (_, r) => (r.target ? `${formatKpi(t, r.unit, r.target.value)}${inBrackets(locale, t(`assessment.targetScope.${r.target.scope}` as MessageKey))}` : '—'),
    },
    { title: t('kpis.verdict'), key: 'verdict', render: (_, r) => verdictTag(t, r.verdict) },
    {
      title: t('assessment.basis'),
      key: 'facts',
      render: (_, r) => (
        <Typography.Text type="secondary">
          {Object.entries(r.facts)
            .map(([f, v]) => `${factLabel(t, f)} ${formatFact(f, v)}`)
            .join(locale === 'zh-CN' ? '；' : '; ')}
        </Typography.Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('assessment.title')} subtitle={t('assessment.subtitle')} />
      <Card size="small" data-testid="assessment">
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
          <Space wrap>
            <Select
              style={{ minWidth: 220 }}
              value={person}
              onChange={(v: string) => set({ person: v })}
              showSearch
              optionFilterProp="label"
              options={(people.data?.people ?? []).map((p) => ({ value: p.id, label: p.departmentName ? `${p.displayName}${inBrackets(locale, p.departmentName)}` : p.displayName }))}
              aria-label={t('assessment.person')}
              data-testid="assessment-person"
            />
            <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && set({ month: d.format('YYYY-MM') })} aria-label={t('assessment.month')} />
          </Space>
          {assessment.data && (
            <Typography.Text data-testid="assessment-summary">
              {t('assessment.summary', { met: count('met'), missed: count('missed'), other: rows.length - count('met') - count('missed') })}
            </Typography.Text>
          )}
        </Flex>
        {assessment.data && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={labelled(locale, `${assessment.data.person.displayName}${assessment.data.person.departmentName ? inBrackets(locale, assessment.data.person.departmentName) : ''}`, `${from} – ${to}`)}
          />
        )}
        <Table rowKey="id" size="small" loading={assessment.loading} dataSource={rows} columns={columns} pagination={false} scroll={{ x: 720 }} data-testid="assessment-table" />
      </Card>
    </>
  );
}
