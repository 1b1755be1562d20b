/**
 * A quality review (质检结果) beside the ticket's conversation. The agent reads it and may dispute
 * it once with a reason; a reviewer (not the agent) decides a dispute: uphold, or revise the scores.
 */
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { decideDispute, disputeReview, getReview, type ReviewDetail } from '../../services/quality';
import { useRemote } from '../../useRemote';
import { ReviewCard, ScoreForm, TicketConversation } from './parts';

export default function QualityReviewPage() {
  const t = useT();
  const { id = '' } = useParams();
  const review = useRemote((signal) => getReview(id, signal), [id]);
  const r = review.data;
  useDocumentTitle(r ? `${t('quality.title')} #${r.ticket.number}` : t('quality.title'));
  if (!r) return <Spin />;
  return (
    <Flex vertical gap={16} data-testid="quality-review" data-status={r.status}>
      <Link to="/quality">← {t('quality.title')}</Link>
      <PageHeader
        title={`${t('quality.title')} · #${r.ticket.number} ${r.ticket.subject}`}
        subtitle={[r.week ? t('quality.weekOf', { week: r.week }) : null, r.agent ? t('quality.agentIs', { name: r.agent.name }) : null].filter(Boolean).join(' · ')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TicketConversation ticketId={r.ticket.id} number={r.ticket.number} />
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <ReviewCard review={r} scorecard={r.scorecard} />
            {r.can.dispute && <DisputeForm review={r} onDone={review.reload} />}
            {r.can.decide && <DecisionForm review={r} onDone={review.reload} />}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

function DisputeForm({ review, onDone }: { review: ReviewDetail; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      await disputeReview(review.id, reason.trim());
      void message.success(t('quality.dispute.sent'));
      onDone();
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card size="small" title={t('quality.dispute')} data-testid="quality-dispute-form">
      <Typography.Paragraph type="secondary">{t('quality.dispute.once')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('quality.dispute.reason')} required>
          <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('quality.dispute.placeholder')} data-testid="quality-dispute-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!reason.trim()} loading={busy} data-testid="quality-dispute-submit">
          {t('quality.dispute.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ review, onDone }: { review: ReviewDetail; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [outcome, setOutcome] = useState<'uphold' | 'revise'>('uphold');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  async function decide(input: { scores?: Record<string, number>; bonus?: string[] }) {
    setBusy(true);
    try {
      await decideDispute(review.id, { outcome, note: note.trim(), version: review.version, ...input });
      void message.success(t('quality.decision.done'));
      onDone();
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card size="small" title={t('quality.decision')} data-testid="quality-decision-form">
      <Flex vertical gap={12}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as 'uphold' | 'revise')}>
          <Radio value="uphold">{t('quality.decision.uphold')}</Radio>
          <Radio value="revise">{t('quality.decision.revise')}</Radio>
        </Radio.Group>
        <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('quality.decision.note')} data-testid="quality-decision-note" />
        {outcome === 'uphold' ? (
          <Button type="primary" disabled={!note.trim()} loading={busy} onClick={() => decide({})} data-testid="quality-decision-submit">
            {t('quality.decision.submit')}
          </Button>
        ) : (
          <ScoreForm
            scorecard={review.scorecard}
            version={review.scorecardVersion}
            initial={{ scores: review.scores, bonus: review.bonus }}
            withComment={false}
            submitLabel={t('quality.decision.submit')}
            onSubmit={async (input) => {
              if (note.trim()) await decide({ scores: input.scores, bonus: input.bonus });
            }}
          />
        )}
      </Flex>
    </Card>
  );
}
