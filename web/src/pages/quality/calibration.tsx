/**
 * A calibration session (校准): several reviewers score the same ticket; once a reviewer has
 * submitted, they see each score and the spread. These scores never count for the agent.
 */
import { Alert, App, Card, Col, Flex, Row, Spin, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { getCalibration, scoreCalibration, type Review } from '../../services/quality';
import { useRemote } from '../../useRemote';
import { ScoreForm, scoreText, TicketConversation } from './parts';

export default function QualityCalibrationPage() {
  const t = useT();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const calibration = useRemote((signal) => getCalibration(id, signal), [id]);
  const c = calibration.data;
  useDocumentTitle(c ? c.title : t('quality.tab.calibrations'));
  if (!c) return <Spin />;
  const columns = [
    { title: t('quality.col.reviewer'), key: 'reviewer', render: (_: unknown, r: Review) => r.reviewer.name },
    { title: t('quality.col.score'), key: 'score', width: 90, render: (_: unknown, r: Review) => scoreText(r.score, r.criticalFailed, c.scorecard.passMark) },
    ...c.scorecard.categories.map((cat) => ({ title: cat.label[locale], key: cat.key, width: 90, render: (_: unknown, r: Review) => r.scores[cat.key] })),
    { title: t('quality.col.submittedAt'), key: 'at', width: 170, render: (_: unknown, r: Review) => formatDateTime(r.submittedAt) },
  ];
  return (
    <Flex vertical gap={16} data-testid="quality-calibration">
      <Link to="/quality?tab=calibrations">← {t('quality.tab.calibrations')}</Link>
      <PageHeader title={c.title} subtitle={`#${c.ticket.number} ${c.ticket.subject}${c.agent ? ` · ${t('quality.agentIs', { name: c.agent.name })}` : ''}`} />
      <Alert type="info" showIcon title={t('quality.calibration.hint')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TicketConversation ticketId={c.ticket.id} number={c.ticket.number} />
        </Col>
        <Col xs={24} xl={10}>
          {c.submitted ? (
            <Card size="small" title={t('quality.calibration.reviews')} data-testid="quality-calibration-spread">
              {c.spread && (
                <Typography.Paragraph strong>
                  {t('quality.calibration.spread', { min: c.spread.min.toFixed(1), max: c.spread.max.toFixed(1), spread: c.spread.spread.toFixed(1), mean: c.spread.mean.toFixed(1), stdDev: c.spread.stdDev.toFixed(1) })}
                </Typography.Paragraph>
              )}
              <Table rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={c.reviews} columns={columns} />
            </Card>
          ) : (
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">{t('quality.calibration.waiting', { n: c.reviewCount })}</Typography.Text>
              <ScoreForm
                scorecard={c.scorecard}
                version={c.scorecardVersion}
                submitLabel={t('quality.submit')}
                onSubmit={async (input) => {
                  try {
                    await scoreCalibration(c.id, input);
                    void message.success(t('quality.submitted'));
                    calibration.reload();
                  } catch (error) {
                    handleError(error);
                  }
                }}
              />
            </Flex>
          )}
        </Col>
      </Row>
    </Flex>
  );
}
