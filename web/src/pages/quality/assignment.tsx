/**
 * The review page (质检评分): a sampled ticket's conversation beside the scorecard. The assigned
 * reviewer scores it once; afterwards (and for anyone else) the submitted review shows.
 */
import { App, Alert, Col, Flex, Row, Spin } from 'antd';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { getAssignment, submitReview } from '../../services/quality';
import { useRemote } from '../../useRemote';
import { ScoreForm, strataTags, TicketConversation } from './parts';
import { api } from '../../api';
import type { Scorecard } from '../../services/quality';

export default function QualityAssignmentPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const assignment = useRemote((signal) => getAssignment(id, signal), [id]);
  const card = useRemote((signal) => api.get<{ version: number; scorecard: Scorecard }>('/api/quality/scorecard', { signal }), []);
  useDocumentTitle(assignment.data ? `${t('quality.review')} #${assignment.data.ticket.number}` : t('quality.title'));
  const a = assignment.data;
  if (!a || !card.data) return <Spin />;
  // A submitted review is read on its own page, under the scorecard version it was scored with.
  if (a.review) return <Navigate to={`/quality/reviews/${a.review.id}`} replace />;

  return (
    <Flex vertical gap={16} data-testid="quality-assignment" data-reviewed={a.review ? 'yes' : 'no'}>
      <Link to="/quality">← {t('quality.title')}</Link>
      <PageHeader
        title={`${t('quality.review')} · #${a.ticket.number} ${a.ticket.subject}`}
        subtitle={`${t('quality.weekOf', { week: a.week })} · ${t('quality.agentIs', { name: a.agent.name })} · ${t('quality.reviewerIs', { name: a.reviewer.name })}`}
        extra={<Flex gap={4}>{strataTags(t, a.strata, a.reason)}</Flex>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TicketConversation ticketId={a.ticket.id} number={a.ticket.number} />
        </Col>
        <Col xs={24} xl={10}>
          {a.mayReview ? (
            <ScoreForm
              scorecard={card.data.scorecard}
              version={card.data.version}
              submitLabel={t('quality.submit')}
              onSubmit={async (input) => {
                try {
                  const review = await submitReview(a.id, input);
                  void message.success(t('quality.submitted'));
                  void navigate(`/quality/reviews/${review.id}`);
                } catch (error) {
                  handleError(error);
                }
              }}
            />
          ) : (
            <Alert type="info" showIcon title={t('quality.notYourAssignment', { reviewer: a.reviewer.name })} />
          )}
        </Col>
      </Row>
    </Flex>
  );
}
