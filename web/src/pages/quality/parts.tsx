/**
 * What the quality pages share: the ticket's conversation beside the review, the scoring form
 * (the scorecard's categories, red lines and bonus items, with the score it will give), and a
 * submitted review as the agent and the reviewers read it.
 */
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, InputNumber, Radio, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { getTicket, type TicketDetail } from '../../services/tickets';
import { isAbortError } from '../../api';
import { formatDateTime } from '../../format';
import { useLocale, useT, type Translate } from '../../i18n';
import { scoreReview, scoresRefusal } from '../../shared';
import type { Review, ReviewInput, Scorecard } from '../../services/quality';
import { Conversation } from '../tickets/TicketHistory';

/** The ticket's conversation, read through the tickets API (a ticket the reader may not read says so). */
export function TicketConversation({ ticketId, number }: { ticketId: string; number: string }) {
  const t = useT();
  const [ticket, setTicket] = useState<TicketDetail | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    getTicket(ticketId, controller.signal)
      .then(setTicket)
      .catch((error: unknown) => {
        if (!isAbortError(error)) setTicket(null);
      });
    return () => controller.abort();
  }, [ticketId]);
  return (
    <Card
      size="small"
      title={t('quality.conversation')}
      extra={<Link to={`/tickets/${ticketId}`}>{t('quality.openTicket', { number })}</Link>}
      data-testid="quality-conversation"
    >
      {ticket === undefined ? <Spin /> : ticket === null ? <Empty description={t('quality.ticketUnavailable')} /> : <Conversation entries={ticket.timeline} customerName={ticket.customerName} />}
    </Card>
  );
}

export function statusTag(t: Translate, status: string) {
  const color = status === 'disputed' ? 'orange' : status === 'revised' ? 'blue' : status === 'upheld' ? 'default' : 'green';
  return <Tag color={color}>{t(`quality.status.${status}` as 'quality.status.submitted')}</Tag>;
}

export function strataTags(t: Translate, strata: readonly string[], reason?: string) {
  const shown = strata.length ? strata : reason ? [reason] : [];
  return shown.map((s) => (
    <Tag key={s} color={s === 'draw' ? 'default' : s === 'phrase_hit' ? 'red' : 'gold'}>
      {t(`quality.stratum.${s}` as 'quality.stratum.draw')}
    </Tag>
  ));
}

export function scoreText(score: number, criticalFailed: boolean, passMark?: number) {
  const color = criticalFailed ? 'red' : passMark !== undefined && score < passMark ? 'orange' : 'green';
  return <Typography.Text style={{ color: color === 'green' ? undefined : color, fontWeight: 600 }}>{score.toFixed(1)}</Typography.Text>;
}

/** The scoring form: every category, the red lines as pass/fail, the bonus items, and the score it gives. */
export function ScoreForm({
  scorecard,
  version,
  initial,
  submitLabel,
  onSubmit,
  withComment = true,
}: {
  scorecard: Scorecard;
  version: number;
  initial?: { scores: Record<string, number>; bonus: string[] };
  submitLabel: string;
  onSubmit: (input: ReviewInput) => Promise<void>;
  withComment?: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const blank = Object.fromEntries(scorecard.categories.map((c) => [c.key, c.critical ? 100 : (undefined as unknown as number)]));
  const [scores, setScores] = useState<Record<string, number | undefined>>(initial?.scores ?? blank);
  const [bonus, setBonus] = useState<string[]>(initial?.bonus ?? []);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const given = { scores: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== undefined && v !== null)) as Record<string, number>, bonus };
  const complete = scoresRefusal(scorecard, given) === null;
  const result = complete ? scoreReview(scorecard, given) : null;

  async function submit() {
    setBusy(true);
    try {
      await onSubmit({ ...given, ...(withComment && comment.trim() ? { comment: comment.trim() } : {}) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('quality.scorecard', { version })} data-testid="quality-score-form">
      <Form layout="vertical" onFinish={submit}>
        {scorecard.categories.map((c) => (
          <Form.Item
            key={c.key}
            label={
              <Space>
                {c.label[locale]}
                {c.critical ? <Tag color="red">{t('quality.redLine')}</Tag> : <Typography.Text type="secondary">{t('quality.weight', { weight: c.weight })}</Typography.Text>}
              </Space>
            }
            style={{ marginBottom: 12 }}
          >
            {c.critical ? (
              <Radio.Group value={scores[c.key]} onChange={(e) => setScores({ ...scores, [c.key]: e.target.value as number })} data-testid={`quality-score-${c.key}`}>
                <Radio value={100}>{t('quality.redLine.pass')}</Radio>
                <Radio value={0}>{t('quality.redLine.fail')}</Radio>
              </Radio.Group>
            ) : (
              <InputNumber
                min={0}
                max={100}
                step={5}
                precision={0}
                value={scores[c.key]}
                onChange={(v) => setScores({ ...scores, [c.key]: v ?? undefined })}
                data-testid={`quality-score-${c.key}`}
              />
            )}
          </Form.Item>
        ))}
        {scorecard.bonus.length > 0 && (
          <Form.Item label={t('quality.bonus', { cap: scorecard.bonusCap })}>
            <Checkbox.Group value={bonus} onChange={(v) => setBonus(v as string[])} data-testid="quality-bonus">
              <Flex vertical gap={4}>
                {scorecard.bonus.map((b) => (
                  <Checkbox key={b.key} value={b.key}>
                    {b.label[locale]} <Typography.Text type="secondary">{t('quality.bonusPoints', { points: b.points })}</Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
        )}
        {withComment && (
          <Form.Item label={t('quality.comment')}>
            <Input.TextArea rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('quality.comment.placeholder')} data-testid="quality-comment" />
          </Form.Item>
        )}
        {result?.criticalFailed && <Alert type="error" showIcon title={t('quality.redLine.hint')} style={{ marginBottom: 12 }} />}
        <Flex justify="space-between" align="center">
          <Typography.Text data-testid="quality-preview">{result ? t('quality.preview', { score: (result.scoreTenths / 10).toFixed(1) }) : ''}</Typography.Text>
          <Button type="primary" htmlType="submit" disabled={!complete} loading={busy} data-testid="quality-submit">
            {submitLabel}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** A submitted review: each category's score, bonus, comment, the total, and its dispute and decision. */
export function ReviewCard({ review, scorecard }: { review: Review; scorecard: Scorecard }) {
  const t = useT();
  const { locale } = useLocale();
  const awarded = new Set(review.bonus);
  return (
    <Card size="small" title={t('quality.scorecard', { version: review.scorecardVersion })} extra={statusTag(t, review.status)} data-testid="quality-review-card">
      <Flex gap={32} align="center" style={{ marginBottom: 12 }}>
        <Statistic title={t('quality.total')} value={review.score.toFixed(1)} styles={{ content: { color: review.criticalFailed ? '#cf1322' : review.score < scorecard.passMark ? '#d46b08' : '#389e0d' } }} data-testid="quality-review-score" />
        <Flex vertical>
          <Typography.Text>{review.criticalFailed || review.score < scorecard.passMark ? t('quality.failed') : t('quality.passed')}</Typography.Text>
          <Typography.Text type="secondary">{t('quality.passMark', { mark: scorecard.passMark })}</Typography.Text>
          {review.originalScore !== null && <Typography.Text type="secondary">{t('quality.originalScore', { score: review.originalScore.toFixed(1) })}</Typography.Text>}
        </Flex>
      </Flex>
      {review.criticalFailed && <Alert type="error" showIcon title={t('quality.redLine.hint')} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={1} bordered>
        {scorecard.categories.map((c) => (
          <Descriptions.Item key={c.key} label={c.critical ? t('quality.withRedLine', { label: c.label[locale] }) : t('quality.withWeight', { label: c.label[locale], weight: c.weight })}>
            {c.critical ? (review.scores[c.key] === 0 ? <Tag color="red">{t('quality.redLine.fail')}</Tag> : <Tag color="green">{t('quality.redLine.pass')}</Tag>) : review.scores[c.key]}
          </Descriptions.Item>
        ))}
        {scorecard.bonus
          .filter((b) => awarded.has(b.key))
          .map((b) => (
            <Descriptions.Item key={b.key} label={b.label[locale]}>
              {t('quality.bonusPoints', { points: b.points })}
            </Descriptions.Item>
          ))}
        {review.comment && <Descriptions.Item label={t('quality.comment')}>{review.comment}</Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('quality.reviewedBy', { reviewer: review.reviewer.name, at: formatDateTime(review.submittedAt) })}
      </Typography.Paragraph>
      {review.dispute && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          title={t('quality.dispute.by', { at: formatDateTime(review.dispute.at) })}
          description={review.dispute.reason}
          data-testid="quality-dispute-reason"
        />
      )}
      {review.decision && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          title={`${t(`quality.status.${review.status}` as 'quality.status.upheld')} · ${t('quality.decision.by', { by: review.decision.by, at: formatDateTime(review.decision.at) })}`}
          description={review.decision.note}
          data-testid="quality-decision"
        />
      )}
    </Card>
  );
}
