/**
 * The results of one survey: NPS (% promoters 9–10 − % detractors 0–6), CSAT (share of 4–5, the
 * tickets' after-resolution ratings counted in), CES and the response rate; by tier and by account
 * manager as a bar chart or a table; by value segment "not available" until segments exist; and
 * the answers themselves. An account manager sees their own customers only (the server decides).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Row, Segmented, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { EChart, type ChartOption } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT } from '../../i18n';
import { campaignAnswers, campaignResults, type AnswerList, type CampaignResults, type Question } from '../../services/surveys';
import { useRemote } from '../../useRemote';
import { campaignStatus, percent } from './index';

type Group = CampaignResults['byTier'][number] & { name?: string | null };

const fixed = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toFixed(digits));

export default function SurveyResultsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const results = useRemote((signal) => campaignResults(id, signal), [id]);
  const r = results.data;
  useDocumentTitle(r?.campaign.title ?? t('surveys.title'));

  return (
    <Flex vertical gap={16}>
      <Link to="/surveys">
        <ArrowLeftOutlined /> {t('surveys.result.back')}
      </Link>
      <PageHeader title={r?.campaign.title ?? t('surveys.title')} extra={r && campaignStatus(t, r.campaign)} />
      {r?.scope === 'ownCustomers' && <Alert type="info" showIcon title={t('surveys.ownCustomers')} />}
      {r && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <Card data-testid="survey-result-nps">
                <Statistic title={t('surveys.result.nps')} value={fixed(r.nps.score)} />
                <Typography.Text type="secondary">{t('surveys.result.npsHint')}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card data-testid="survey-result-csat">
                <Statistic title={t('surveys.result.csat')} value={percent(r.csat.share)} />
                <Typography.Text type="secondary">{t('surveys.result.csatHint', { n: r.csat.fromTicketRatings })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card data-testid="survey-result-ces">
                <Statistic title={t('surveys.result.ces')} value={fixed(r.ces.mean, 2)} />
                <Typography.Text type="secondary">{t('surveys.result.cesHint')}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card data-testid="survey-result-rate">
                <Statistic title={t('surveys.result.rate')} value={percent(r.responseRate)} />
                <Typography.Text type="secondary">{t('surveys.result.rateHint', { answered: r.campaign.answered, invited: r.campaign.invited })}</Typography.Text>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <GroupCard title={t('surveys.result.byTier')} groups={r.byTier} label={(g) => (g.group === 'key' ? t('surveys.tier.key') : g.group === 'standard' ? t('surveys.tier.standard') : (g.group ?? '—'))} testId="survey-by-tier" />
            </Col>
            <Col xs={24} xl={12}>
              <GroupCard title={t('surveys.result.byManager')} groups={r.byAccountManager} label={(g) => g.name ?? t('surveys.result.noManager')} testId="survey-by-manager" />
            </Col>
          </Row>
          <Card title={t('surveys.result.bySegment')} size="small">
            <Typography.Text type="secondary" data-testid="survey-by-segment">
              {t('surveys.result.segmentNotAvailable')}
            </Typography.Text>
          </Card>
          <AnswersCard id={id} questions={r.questions as Question[]} />
        </>
      )}
    </Flex>
  );
}

function GroupCard({ title, groups, label, testId }: { title: string; groups: Group[]; label: (g: Group) => string; testId: string }) {
  const t = useT();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: groups.map(label) },
      yAxis: { type: 'value', min: -100, max: 100 },
      series: [
        { name: 'NPS', type: 'bar', data: groups.map((g) => (g.nps.score === null ? null : Math.round(g.nps.score * 10) / 10)) },
        { name: 'CSAT %', type: 'bar', data: groups.map((g) => (g.csat.share === null ? null : Math.round(g.csat.share * 1000) / 10)) },
        { name: `${t('surveys.result.rate')} %`, type: 'bar', data: groups.map((g) => (g.responseRate === null ? null : Math.round(g.responseRate * 1000) / 10)) },
      ],
    }),
    [groups, label, t],
  );
  const columns: TableProps<Group>['columns'] = [
    { title: t('surveys.result.group'), key: 'group', render: (_, g) => label(g) },
    { title: t('surveys.col.invited'), dataIndex: 'invited', align: 'right' },
    { title: t('surveys.col.answered'), dataIndex: 'answered', align: 'right' },
    { title: t('surveys.result.rate'), key: 'rate', align: 'right', render: (_, g) => percent(g.responseRate) },
    { title: 'NPS', key: 'nps', align: 'right', render: (_, g) => fixed(g.nps.score) },
    { title: 'CSAT', key: 'csat', align: 'right', render: (_, g) => percent(g.csat.share) },
    { title: 'CES', key: 'ces', align: 'right', render: (_, g) => fixed(g.ces.mean, 2) },
  ];
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={
        <Segmented
          size="small"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('surveys.result.chart') },
            { value: 'table', label: t('surveys.result.table') },
          ]}
        />
      }
    >
      {view === 'chart' ? (
        <EChart option={option} testId={`${testId}-chart`} />
      ) : (
        <Table rowKey={(g) => g.group ?? '-'} size="small" dataSource={groups} columns={columns} pagination={false} scroll={{ x: 520 }} />
      )}
    </Card>
  );
}

function answerText(q: Question, value: unknown, locale: 'zh-CN' | 'en-US'): string {
  if (value === undefined || value === null) return '—';
  if ((q.kind === 'single' || q.kind === 'multi') && q.options) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => q.options.find((o) => o.id === id)?.label[locale] ?? String(id)).join('、');
  }
  return String(value);
}

function AnswersCard({ id, questions }: { id: string; questions: Question[] }) {
  const t = useT();
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const answers = useRemote((signal) => campaignAnswers(id, page, signal), [id, page]);
  type Row = AnswerList['items'][number];
  const columns: TableProps<Row>['columns'] = [
    { title: t('surveys.result.customer'), dataIndex: 'customer', width: 110, fixed: 'left' },
    { title: t('surveys.form.tiers'), dataIndex: 'tier', width: 90, render: (tier: string) => <Tag>{tier === 'key' ? t('surveys.tier.key') : t('surveys.tier.standard')}</Tag> },
    { title: t('surveys.result.manager'), dataIndex: 'accountManager', width: 110, render: (v: string | null) => v ?? t('surveys.result.none') },
    ...questions.map((q) => ({
      title: q.text[locale],
      key: q.id,
      width: q.kind === 'text' ? 260 : 140,
      ellipsis: true,
      render: (_: unknown, row: Row) => answerText(q, (row.answers as Record<string, unknown>)[q.id], locale),
    })),
    { title: t('surveys.result.answeredAt'), dataIndex: 'answeredAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Card title={t('surveys.result.answers')} size="small">
      <Table
        rowKey="id"
        size="small"
        loading={answers.loading}
        dataSource={answers.data?.items ?? []}
        columns={columns}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: answers.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        data-testid="survey-answers"
      />
    </Card>
  );
}
