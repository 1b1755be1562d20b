/**
 * A customer answers a satisfaction survey with the one-time link of their SMS (/survey/:token):
 * no sign-in, phone width first. Scores are rows of large buttons (0–10, 1–5, 1–7), choices are
 * radio buttons or check boxes, comments a text box. The server checks the answers with the
 * domain rule and names each problem; the page marks those questions. An unknown link, a closed
 * survey and an invitation already answered each get a plain page of their own.
 */
import { Alert, Button, Card, Checkbox, Flex, Input, Radio, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, isAbortError } from '../../api';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT, type MessageKey, type Translate } from '../../i18n';
import { answerPublicSurvey, getPublicSurvey, type Answer, type AnswerProblem, type PublicSurvey, type Question } from '../../services/surveys';
import { PublicFrame } from '../service/PublicFrame';
import { publicTimeZone } from '../track/public-times';

const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

type State =
  | { kind: 'loading' }
  | { kind: 'form'; survey: PublicSurvey }
  | { kind: 'thanks' }
  | { kind: 'already' }
  | { kind: 'missing' }
  | { kind: 'closed' }
  | { kind: 'failed'; message: string };

function problemText(t: Translate, code: string): string {
  if (code === 'required' || code === 'too_long' || code === 'too_many_choices' || code === 'too_few_choices') return t(`survey.problem.${code}` as MessageKey);
  return t('survey.problem.invalid');
}

/** Where a failed request leaves the customer. */
function stateOfError(error: unknown): State {
  if (error instanceof ApiError) {
    if (error.code === 'SURVEY_ALREADY_ANSWERED') return { kind: 'already' };
    if (error.code === 'SURVEY_LINK_EXPIRED') return { kind: 'closed' };
    // A malformed link is refused as a bad request, an unknown one as not found: the same to the customer.
    if (error.status === 404 || (error.status === 400 && error.code !== 'SURVEY_ANSWERS_INVALID')) return { kind: 'missing' };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

export default function PublicSurveyPage() {
  const t = useT();
  const { token = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'loading' });
  useDocumentTitle(state.kind === 'form' ? state.survey.title : t('survey.pageTitle'));

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getPublicSurvey(token, controller.signal)
      .then((survey) => setState(survey.answered ? { kind: 'already' } : { kind: 'form', survey }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setState(stateOfError(error));
      });
    return () => controller.abort();
  }, [token]);

  return (
    <PublicFrame>
      {state.kind === 'loading' && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {state.kind === 'form' && <SurveyForm survey={state.survey} token={token} onDone={setState} />}
      {state.kind === 'thanks' && <Outcome testId="survey-thanks" status="success" title={t('survey.thanks.title')} hint={t('survey.thanks.hint')} />}
      {state.kind === 'already' && <Outcome testId="survey-already" status="info" title={t('survey.already.title')} hint={t('survey.already.hint')} />}
      {state.kind === 'missing' && <Outcome testId="survey-missing" status="404" title={t('survey.missing.title')} hint={t('survey.missing.hint')} />}
      {state.kind === 'closed' && <Outcome testId="survey-closed" status="warning" title={t('survey.closed.title')} hint={t('survey.closed.hint')} />}
      {state.kind === 'failed' && <Alert type="error" showIcon title={state.message} data-testid="survey-error" />}
    </PublicFrame>
  );
}

function Outcome({ testId, status, title, hint }: { testId: string; status: 'success' | 'info' | 'warning' | '404'; title: string; hint: string }) {
  return (
    <Card data-testid={testId}>
      <Result status={status} title={title} subTitle={hint} />
    </Card>
  );
}

function SurveyForm({ survey, token, onDone }: { survey: PublicSurvey; token: string; onDone: (state: State) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [problems, setProblems] = useState<AnswerProblem[]>([]);
  const [sending, setSending] = useState(false);
  const set = (id: string, value: Answer | undefined) => {
    // A question the customer has changed is no longer marked; the server checks it again on sending.
    setProblems((current) => current.filter((p) => p.question !== id));
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[id];
      else next[id] = value;
      return next;
    });
  };

  async function submit() {
    setSending(true);
    try {
      await answerPublicSurvey(token, answers);
      onDone({ kind: 'thanks' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SURVEY_ANSWERS_INVALID') {
        setProblems((error.body as { problems?: AnswerProblem[] }).problems ?? []);
      } else onDone(stateOfError(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Card data-testid="survey-page" styles={{ body: { padding: '20px 16px' } }}>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="survey-title">
        {survey.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('survey.intro')}
        {survey.closesAt && (
          <>
            <br />
            {t('survey.closesAt', { time: formatDateTime(survey.closesAt, publicTimeZone(survey.timeZone)).slice(0, 16) })}
          </>
        )}
      </Typography.Paragraph>
      {problems.length > 0 && <Alert type="error" showIcon title={t('survey.invalid')} style={{ marginBottom: 16 }} data-testid="survey-invalid" />}
      <Flex vertical gap={24}>
        {survey.questions.map((q, index) => {
          const problem = problems.find((p) => p.question === q.id);
          return (
            <section key={q.id} data-testid={`survey-question-${q.id}`} aria-invalid={problem ? true : undefined}>
              <Typography.Text strong style={{ fontSize: 16, display: 'block', marginBottom: 10 }}>
                {index + 1}. {q.text[locale]}
                {q.required && <span style={{ color: '#ff4d4f', marginInlineStart: 4 }}>*</span>}
              </Typography.Text>
              <QuestionInput question={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} />
              {problem && (
                <Typography.Text type="danger" style={{ display: 'block', marginTop: 6 }} data-testid={`survey-problem-${q.id}`}>
                  {problemText(t, problem.code)}
                </Typography.Text>
              )}
            </section>
          );
        })}
        <Button type="primary" size="large" block loading={sending} onClick={() => void submit()} data-testid="survey-submit">
          {t('survey.submit')}
        </Button>
      </Flex>
    </Card>
  );
}

function QuestionInput({ question, value, onChange }: { question: Question; value: Answer | undefined; onChange: (value: Answer | undefined) => void }) {
  const t = useT();
  const { locale } = useLocale();
  switch (question.kind) {
    case 'nps':
    case 'csat':
    case 'ces': {
      const [min, max] = SCALES[question.kind];
      const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
      return (
        <div>
          <Flex wrap gap={6}>
            {values.map((v) => (
              <Button
                key={v}
                type={value === v ? 'primary' : 'default'}
                style={{ width: 44, height: 44, fontSize: 16, padding: 0 }}
                aria-pressed={value === v}
                onClick={() => onChange(value === v ? undefined : v)}
                data-testid={`survey-score-${question.id}-${v}`}
              >
                {v}
              </Button>
            ))}
          </Flex>
          <Flex justify="space-between" style={{ marginTop: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`survey.scaleLow.${question.kind}` as MessageKey)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`survey.scaleHigh.${question.kind}` as MessageKey)}
            </Typography.Text>
          </Flex>
        </div>
      );
    }
    case 'single':
      return (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as string)}>
          <Flex vertical gap={10}>
            {question.options.map((o) => (
              <Radio key={o.id} value={o.id} style={{ fontSize: 15 }} data-testid={`survey-option-${question.id}-${o.id}`}>
                {o.label[locale]}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      );
    case 'multi':
      return (
        <Checkbox.Group value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v as string[])}>
          <Flex vertical gap={10}>
            {question.options.map((o) => (
              <Checkbox key={o.id} value={o.id} style={{ fontSize: 15 }} data-testid={`survey-option-${question.id}-${o.id}`}>
                {o.label[locale]}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      );
    case 'text':
      return (
        <Input.TextArea
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={question.maxLength ?? 2000}
          showCount
          placeholder={t('survey.textPlaceholder')}
          data-testid={`survey-text-${question.id}`}
        />
      );
  }
}
