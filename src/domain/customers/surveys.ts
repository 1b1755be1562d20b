/**
 * Satisfaction surveys (满意度调查, docs/product.md §5): a questionnaire of typed questions, the
 * check of a customer's answers, and the scores.
 *
 * - NPS (Net Promoter Score, 0–10 "how likely are you to recommend us"): % promoters (9–10) − %
 *   detractors (0–6), from −100 to 100; 7–8 are passives and count only in the denominator.
 * - CSAT (1–5): the share of 4 and 5. The rating a customer gives a ticket after it is resolved is
 *   the same 1–5 question, so it counts too: the caller passes those ratings beside the survey's.
 * - CES (Customer Effort Score, 1–7 "how easy was it"): the mean.
 *
 * Results can be grouped by value segment, tier or account manager. Pure: the caller reads the
 * answers and the groups from the database.
 */

import { isAcceptableText } from '../text.js';

export const QUESTION_KINDS = ['nps', 'csat', 'ces', 'single', 'multi', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The scale of each scored kind, both ends included. */
export const SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } } as const;

export const TEXT_ANSWER_MAX = 2000;
export const QUESTIONS_MAX = 50;
export const OPTIONS_MAX = 30;

interface QuestionBase {
  /** stable within the questionnaire: answers name it */
  id: string;
  /** the question as the customer reads it, zh-CN and en-US */
  text: { 'zh-CN': string; 'en-US': string };
  required: boolean;
}

export interface ChoiceOption {
  id: string;
  label: { 'zh-CN': string; 'en-US': string };
}

export type Question =
  | (QuestionBase & { kind: 'nps' | 'csat' | 'ces' })
  | (QuestionBase & { kind: 'single'; options: ChoiceOption[] })
  | (QuestionBase & { kind: 'multi'; options: ChoiceOption[]; minChoices?: number; maxChoices?: number })
  | (QuestionBase & { kind: 'text'; maxLength?: number });

export interface Questionnaire {
  questions: Question[];
}

/** A checked answer: a score, one option id, several option ids (in the questionnaire's order) or text. */
export type Answer = number | string | string[];
export type Answers = Record<string, Answer>;

export type AnswerProblemCode =
  | 'not_an_object'
  | 'unknown_question'
  | 'required'
  | 'not_an_integer'
  | 'out_of_range'
  | 'not_an_option'
  | 'not_a_list'
  | 'duplicate_choice'
  | 'too_few_choices'
  | 'too_many_choices'
  | 'not_text'
  | 'too_long'
  | 'text_invalid';

export interface AnswerProblem {
  /** the question's id, '' for the answers as a whole */
  question: string;
  code: AnswerProblemCode;
}

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] };

/**
 * Checks what a customer sent against the questionnaire. Every problem is listed (the page marks
 * each question); nothing is coerced: "9" is not 9. An empty text or an empty list of choices is
 * no answer. A multiple choice comes back in the questionnaire's option order, without duplicates
 * (a duplicate is refused, not silently dropped).
 */
export function checkAnswers(questionnaire: Questionnaire, input: unknown): AnswerCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: [{ question: '', code: 'not_an_object' }] };
  const given = input as Record<string, unknown>;
  const problems: AnswerProblem[] = [];
  const answers: Answers = {};
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(given)) if (!byId.has(key)) problems.push({ question: key, code: 'unknown_question' });

  for (const q of questionnaire.questions) {
    const value = Object.hasOwn(given, q.id) ? given[q.id] : undefined;
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (q.required) problems.push({ question: q.id, code: 'required' });
      continue;
    }
    const problem = (code: AnswerProblemCode) => problems.push({ question: q.id, code });
    switch (q.kind) {
      case 'nps':
      case 'csat':
      case 'ces': {
        const { min, max } = SCALES[q.kind];
        if (typeof value !== 'number' || !Number.isInteger(value)) problem('not_an_integer');
        else if (value < min || value > max) problem('out_of_range');
        else answers[q.id] = value;
        break;
      }
      case 'single': {
        if (typeof value !== 'string' || !q.options.some((o) => o.id === value)) problem('not_an_option');
        else answers[q.id] = value;
        break;
      }
      case 'multi': {
        if (!Array.isArray(value)) {
          problem('not_a_list');
          break;
        }
        const ids = new Set(q.options.map((o) => o.id));
        if (value.some((v) => typeof v !== 'string' || !ids.has(v))) {
          problem('not_an_option');
          break;
        }
        const chosen = new Set(value as string[]);
        if (chosen.size !== value.length) problem('duplicate_choice');
        else if (chosen.size < (q.minChoices ?? 1)) problem('too_few_choices');
        else if (chosen.size > (q.maxChoices ?? q.options.length)) problem('too_many_choices');
        else answers[q.id] = q.options.map((o) => o.id).filter((id) => chosen.has(id));
        break;
      }
      case 'text': {
        if (typeof value !== 'string') problem('not_text');
        else if (!isAcceptableText(value)) problem('text_invalid');
        else if ([...value].length > (q.maxLength ?? TEXT_ANSWER_MAX)) problem('too_long');
        else if (value.trim() === '') {
          if (q.required) problem('required');
        } else answers[q.id] = value.trim();
        break;
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers };
}

/** What is wrong with a questionnaire staff want to send; empty when it may be sent. */
export function questionnaireProblems(questionnaire: Questionnaire): string[] {
  const errors: string[] = [];
  const { questions } = questionnaire;
  if (questions.length === 0) errors.push('a questionnaire needs at least one question');
  if (questions.length > QUESTIONS_MAX) errors.push(`at most ${QUESTIONS_MAX} questions`);
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    if (!/^[a-z0-9_-]{1,40}$/i.test(q.id)) errors.push(`${at}.id must be 1–40 letters, digits, _ or -`);
    if (seen.has(q.id)) errors.push(`${at}.id ${q.id} is used twice`);
    seen.add(q.id);
    if (!QUESTION_KINDS.includes(q.kind)) errors.push(`${at}.kind ${String(q.kind)} is not one of ${QUESTION_KINDS.join(', ')}`);
    if (!q.text || !q.text['zh-CN']?.trim() || !q.text['en-US']?.trim()) errors.push(`${at}.text needs zh-CN and en-US`);
    if (q.kind === 'single' || q.kind === 'multi') {
      if (q.options.length < 2 || q.options.length > OPTIONS_MAX) errors.push(`${at} needs 2–${OPTIONS_MAX} options`);
      const ids = new Set(q.options.map((o) => o.id));
      if (ids.size !== q.options.length) errors.push(`${at} has an option id twice`);
      if (q.options.some((o) => !o.label['zh-CN']?.trim() || !o.label['en-US']?.trim())) errors.push(`${at} has an option without zh-CN and en-US labels`);
    }
    if (q.kind === 'multi') {
      const min = q.minChoices ?? 1;
      const max = q.maxChoices ?? q.options.length;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > q.options.length) errors.push(`${at} choices must satisfy 1 ≤ min ≤ max ≤ options`);
    }
    if (q.kind === 'text' && q.maxLength !== undefined && (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > TEXT_ANSWER_MAX)) {
      errors.push(`${at}.maxLength must be 1–${TEXT_ANSWER_MAX}`);
    }
  });
  return errors;
}

export interface NpsScore {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100 … 100, null without responses */
  score: number | null;
}

/** NPS = % promoters (9–10) − % detractors (0–6). */
export function npsScore(values: readonly number[]): NpsScore {
  let promoters = 0;
  let detractors = 0;
  for (const v of values) {
    assertOnScale(v, 'nps');
    if (v >= 9) promoters++;
    else if (v <= 6) detractors++;
  }
  const responses = values.length;
  return { responses, promoters, passives: responses - promoters - detractors, detractors, score: responses === 0 ? null : ((promoters - detractors) * 100) / responses };
}

export interface CsatScore {
  responses: number;
  /** 4 or 5 */
  satisfied: number;
  /** of them, ticket ratings after resolution */
  fromTicketRatings: number;
  /** satisfied / responses, 0–1, null without responses */
  share: number | null;
}

/** CSAT = the share of 4 and 5, the survey's answers and the tickets' ratings together. */
export function csatScore(surveyAnswers: readonly number[], ticketRatings: readonly number[] = []): CsatScore {
  let satisfied = 0;
  for (const v of [...surveyAnswers, ...ticketRatings]) {
    assertOnScale(v, 'csat');
    if (v >= 4) satisfied++;
  }
  const responses = surveyAnswers.length + ticketRatings.length;
  return { responses, satisfied, fromTicketRatings: ticketRatings.length, share: responses === 0 ? null : satisfied / responses };
}

export interface CesScore {
  responses: number;
  /** 1–7, null without responses */
  mean: number | null;
}

/** CES: the mean of the 1–7 answers. */
export function cesScore(values: readonly number[]): CesScore {
  let sum = 0;
  for (const v of values) {
    assertOnScale(v, 'ces');
    sum += v;
  }
  return { responses: values.length, mean: values.length === 0 ? null : sum / values.length };
}

/** Who a response or a rating belongs to, for grouping. */
export interface ResponseGroups {
  segment: string | null;
  tier: string | null;
  accountManagerId: string | null;
}

export interface SurveyResponse {
  answers: Answers;
  groups: ResponseGroups;
}

export interface TicketRating {
  rating: number;
  groups: ResponseGroups;
}

export interface SurveyScores {
  nps: NpsScore;
  csat: CsatScore;
  ces: CesScore;
}

/**
 * The scores of a questionnaire's responses: every NPS, CSAT and CES question of it counts
 * (a questionnaire usually has one of each), and the tickets' ratings count in CSAT.
 */
export function surveyScores(questionnaire: Questionnaire, responses: readonly SurveyResponse[], ticketRatings: readonly TicketRating[] = []): SurveyScores {
  const values = { nps: [] as number[], csat: [] as number[], ces: [] as number[] };
  for (const response of responses) {
    for (const q of questionnaire.questions) {
      const answer = response.answers[q.id];
      if ((q.kind === 'nps' || q.kind === 'csat' || q.kind === 'ces') && typeof answer === 'number') values[q.kind].push(answer);
    }
  }
  return { nps: npsScore(values.nps), csat: csatScore(values.csat, ticketRatings.map((r) => r.rating)), ces: cesScore(values.ces) };
}

export type GroupBy = keyof ResponseGroups;

/**
 * The scores per group (segment, tier or account manager), groups in key order with the
 * responses of no group (null) last. A group with only ticket ratings is listed too.
 */
export function surveyScoresBy(
  questionnaire: Questionnaire,
  responses: readonly SurveyResponse[],
  by: GroupBy,
  ticketRatings: readonly TicketRating[] = [],
): { group: string | null; scores: SurveyScores }[] {
  const keys = new Set<string | null>([...responses.map((r) => r.groups[by]), ...ticketRatings.map((r) => r.groups[by])]);
  const ordered = [...keys].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return ordered.map((group) => ({
    group,
    scores: surveyScores(
      questionnaire,
      responses.filter((r) => r.groups[by] === group),
      ticketRatings.filter((r) => r.groups[by] === group),
    ),
  }));
}

function assertOnScale(value: number, kind: keyof typeof SCALES): void {
  const { min, max } = SCALES[kind];
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${kind} answers are whole numbers ${min}–${max}, got ${value}`);
}
