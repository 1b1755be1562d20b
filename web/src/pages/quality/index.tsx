/**
 * Quality checks (服务质检). Reviewers (supervisors, quality staff): this week's sampled tickets to
 * score, every review, the disputes to decide, calibration sessions and the signals per agent.
 * Agents: the reviews of their own work, to read and dispute.
 */
import { ExperimentOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Flex, Statistic, Switch, Table, Tabs, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, todayIn } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { createCalibration, getSignals, listAssignments, listCalibrations, listReviews, sampleNow, type Assignment, type Calibration, type Review, type Signals } from '../../services/quality';
import { useRemote } from '../../useRemote';
import { scoreText, statusTag, strataTags } from './parts';

/** The Monday of the week a 'YYYY-MM-DD' falls in. */
function mondayOf(day: string): string {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

export default function QualityPage() {
  const t = useT();
  useDocumentTitle(t('quality.title'));
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const reviewer = can('quality.review');
  const tabs = [
    ...(reviewer
      ? [
          { key: 'assignments', label: t('quality.tab.assignments'), children: <AssignmentsTab /> },
          { key: 'reviews', label: t('quality.tab.reviews'), children: <ReviewsTab /> },
          { key: 'disputes', label: t('quality.tab.disputes'), children: <ReviewsTab status="disputed" /> },
          { key: 'calibrations', label: t('quality.tab.calibrations'), children: <CalibrationsTab /> },
        ]
      : []),
    ...(can('quality.read') ? [{ key: 'signals', label: t('quality.tab.signals'), children: <SignalsTab /> }] : []),
    ...(can('quality.self') ? [{ key: 'mine', label: t('quality.tab.mine'), children: <MineTab /> }] : []),
  ];
  const active = tabs.find((x) => x.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <Flex vertical gap={0} data-testid="quality-page">
      <PageHeader title={t('quality.title')} subtitle={reviewer ? t('quality.subtitle.reviewer') : t('quality.subtitle.agent')} />
      {tabs.length === 0 ? (
        <Empty description={t('quality.none')} />
      ) : (
        <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs} destroyOnHidden />
      )}
    </Flex>
  );
}

function AssignmentsTab() {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const navigate = useNavigate();
  const [week, setWeek] = useState(() => mondayOf(todayIn()));
  const [all, setAll] = useState(false);
  const list = useRemote((signal) => listAssignments({ week, mine: !all }, signal), [week, all]);

  async function sample() {
    try {
      const result = await sampleNow({ week });
      void message.success(t('quality.sampled', { n: result.created.length, perAgent: result.perAgent }));
      list.reload();
    } catch (error) {
      handleError(error);
    }
  }
  async function calibrate(a: Assignment) {
    try {
      const created = await createCalibration({ ticketId: a.ticket.id, title: `${t('quality.tab.calibrations')} #${a.ticket.number}` });
      void navigate(`/quality/calibrations/${created.id}`);
    } catch (error) {
      handleError(error);
    }
  }

  const columns: TableProps<Assignment>['columns'] = [
    { title: t('quality.col.ticket'), key: 'ticket', render: (_, a) => `#${a.ticket.number} ${a.ticket.subject}` },
    { title: t('quality.col.agent'), key: 'agent', width: 110, render: (_, a) => a.agent.name },
    { title: t('quality.col.team'), key: 'team', width: 130, render: (_, a) => a.team?.name ?? '—' },
    { title: t('quality.col.strata'), key: 'strata', width: 170, render: (_, a) => strataTags(t, a.strata, a.reason) },
    ...(all ? [{ title: t('quality.col.reviewer'), key: 'reviewer', width: 110, render: (_: unknown, a: Assignment) => a.reviewer.name }] : []),
    { title: t('quality.col.score'), key: 'score', width: 90, render: (_, a) => (a.review ? scoreText(a.review.score, a.review.criticalFailed) : <Typography.Text type="secondary">{t('quality.notReviewed')}</Typography.Text>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, a) => (
        <Flex gap={8}>
          <Link to={a.review ? `/quality/reviews/${a.review.id}` : `/quality/assignments/${a.id}`} data-testid={`quality-open-${a.ticket.number}`}>
            {a.review ? t('quality.open') : t('quality.review')}
          </Link>
          <Button size="small" type="link" icon={<ExperimentOutlined />} onClick={() => calibrate(a)}>
            {t('quality.calibration.new')}
          </Button>
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={16} align="center" wrap>
        <span>{t('quality.week')}</span>
        <DatePicker picker="week" allowClear={false} value={dayjs(week)} onChange={(d) => d && setWeek(mondayOf(d.format('YYYY-MM-DD')))} />
        <Flex gap={8} align="center">
          <Switch size="small" checked={all} onChange={setAll} />
          <span>{t('quality.showAll')}</span>
        </Flex>
        <Button icon={<ThunderboltOutlined />} onClick={sample} data-testid="quality-sample-now">
          {t('quality.sampleNow')}
        </Button>
      </Flex>
      <Table rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} pagination={false} data-testid="quality-assignments" />
    </Flex>
  );
}

function reviewColumns(t: ReturnType<typeof useT>, withAgent: boolean): TableProps<Review>['columns'] {
  return [
    { title: t('quality.col.ticket'), key: 'ticket', render: (_, r) => <Link to={`/quality/reviews/${r.id}`}>{`#${r.ticket.number} ${r.ticket.subject}`}</Link> },
    ...(withAgent ? [{ title: t('quality.col.agent'), key: 'agent', width: 110, render: (_: unknown, r: Review) => r.agent?.name ?? '—' }] : []),
    { title: t('quality.col.reviewer'), key: 'reviewer', width: 110, render: (_, r) => r.reviewer.name },
    { title: t('quality.col.score'), key: 'score', width: 90, render: (_, r) => scoreText(r.score, r.criticalFailed) },
    { title: t('quality.col.status'), key: 'status', width: 110, render: (_, r) => statusTag(t, r.status) },
    { title: t('quality.col.submittedAt'), key: 'at', width: 170, render: (_, r) => formatDateTime(r.submittedAt) },
  ];
}

function ReviewsTab({ status }: { status?: string }) {
  const t = useT();
  const list = useRemote((signal) => listReviews(status ? { status } : {}, signal), [status]);
  return <Table rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} columns={reviewColumns(t, true)} pagination={false} data-testid="quality-reviews" />;
}

function MineTab() {
  const t = useT();
  const list = useRemote((signal) => listReviews({}, signal), []);
  const items = list.data?.items ?? [];
  const average = list.data?.averageScore ?? null;
  return (
    <Flex vertical gap={12}>
      <Flex gap={48}>
        <Statistic title={t('quality.mine.average')} value={average === null ? '—' : average.toFixed(1)} />
        <Statistic title={t('quality.col.reviews')} value={list.data?.total ?? 0} data-testid="quality-mine-count" />
      </Flex>
      <Table rowKey="id" size="small" loading={list.loading} dataSource={items} columns={reviewColumns(t, false)} pagination={false} data-testid="quality-mine" />
    </Flex>
  );
}

function CalibrationsTab() {
  const t = useT();
  const list = useRemote((signal) => listCalibrations(signal), []);
  const columns: TableProps<Calibration>['columns'] = [
    { title: t('quality.col.title'), key: 'title', render: (_, c) => <Link to={`/quality/calibrations/${c.id}`}>{c.title}</Link> },
    { title: t('quality.col.ticket'), key: 'ticket', render: (_, c) => `#${c.ticket.number} ${c.ticket.subject}` },
    { title: t('quality.col.reviews'), dataIndex: 'reviewCount', width: 90, align: 'right' },
    { title: t('quality.col.createdBy'), dataIndex: 'createdBy', width: 110 },
    { title: t('quality.col.createdAt'), key: 'at', width: 170, render: (_, c) => formatDateTime(c.createdAt) },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('quality.calibration.hint')}</Typography.Text>
      <Table rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} pagination={false} />
    </Flex>
  );
}

function SignalsTab() {
  const t = useT();
  const [range, setRange] = useState<[string, string]>(() => [mondayOf(todayIn()), todayIn()]);
  const signals = useRemote((signal) => getSignals({ from: range[0], to: range[1] }, signal), [range[0], range[1]]);
  type Row = Signals['agents'][number];
  const columns: TableProps<Row>['columns'] = [
    { title: t('quality.col.agent'), key: 'agent', render: (_, r) => r.agent.name },
    { title: t('quality.col.team'), key: 'team', render: (_, r) => r.team?.name ?? '—' },
    { title: t('quality.col.hits'), dataIndex: 'phraseHits', width: 110, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
    { title: t('quality.col.blocked'), dataIndex: 'blockedHits', width: 100, align: 'right' },
    { title: t('quality.col.replies'), dataIndex: 'replies', width: 100, align: 'right' },
    { title: t('quality.col.standardRate'), key: 'rate', width: 130, align: 'right', render: (_, r) => (r.standardPhraseRate === null ? '—' : `${r.standardPhraseRate.toFixed(1)}%`) },
    { title: t('quality.col.reviews'), dataIndex: 'reviews', width: 80, align: 'right' },
    { title: t('quality.col.average'), key: 'avg', width: 90, align: 'right', render: (_, r) => (r.averageScore === null ? '—' : scoreText(r.averageScore, false)) },
    { title: t('quality.col.criticalFails'), dataIndex: 'criticalFails', width: 110, align: 'right' },
    { title: t('quality.col.disputes'), dataIndex: 'disputes', width: 80, align: 'right' },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={16} align="center" wrap>
        <span>{t('quality.signals.period')}</span>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
      </Flex>
      <Typography.Text type="secondary">{t('quality.signals.hint')}</Typography.Text>
      <Table rowKey={(r) => r.agent.id} size="small" loading={signals.loading} dataSource={signals.data?.agents ?? []} columns={columns} pagination={false} data-testid="quality-signals" />
    </Flex>
  );
}
