import { describe, expect, it } from 'vitest';
import { cesScore, checkAnswers, csatScore, npsScore, questionnaireProblems, surveyScores, surveyScoresBy, type Questionnaire, type SurveyResponse } from './surveys.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const questionnaire: Questionnaire = {
  questions: [
    { id: 'recommend', kind: 'nps', text: t('您有多大可能向朋友推荐我们？', 'How likely are you to recommend us?'), required: true },
    { id: 'satisfied', kind: 'csat', text: t('您对本季度的服务满意吗？', 'How satisfied were you this quarter?'), required: true },
    { id: 'effort', kind: 'ces', text: t('办理业务是否方便？', 'How easy was it to get things done?'), required: false },
    {
      id: 'why',
      kind: 'single',
      text: t('您选择我们的主要原因', 'Why do you choose us?'),
      required: false,
      options: [
        { id: 'price', label: t('价格', 'Price') },
        { id: 'speed', label: t('时效', 'Speed') },
        { id: 'safety', label: t('安全', 'Safety') },
      ],
    },
    {
      id: 'improve',
      kind: 'multi',
      text: t('希望改进的方面', 'What should improve?'),
      required: false,
      maxChoices: 2,
      options: [
        { id: 'pickup', label: t('上门揽收', 'Pickup') },
        { id: 'tracking', label: t('物流信息', 'Tracking') },
        { id: 'claims', label: t('理赔', 'Claims') },
      ],
    },
    { id: 'comment', kind: 'text', text: t('其他意见', 'Anything else?'), required: false, maxLength: 10 },
  ],
};

describe('checkAnswers', () => {
  const base = { recommend: 9, satisfied: 4 };

  it('accepts a complete answer, trims text and orders choices as the questionnaire does', () => {
    expect(checkAnswers(questionnaire, { ...base, effort: 2, why: 'speed', improve: ['claims', 'pickup'], comment: '  很好  ' })).toEqual({
      ok: true,
      answers: { ...base, effort: 2, why: 'speed', improve: ['pickup', 'claims'], comment: '很好' },
    });
  });

  it('accepts the required questions alone; empty optional answers are no answers', () => {
    expect(checkAnswers(questionnaire, { ...base, effort: null, improve: [], comment: '' })).toEqual({ ok: true, answers: base });
  });

  it.each([
    { case: 'not an object', input: [9, 4], problems: [{ question: '', code: 'not_an_object' }] },
    { case: 'null', input: null, problems: [{ question: '', code: 'not_an_object' }] },
    { case: 'nothing answered', input: {}, problems: [{ question: 'recommend', code: 'required' }, { question: 'satisfied', code: 'required' }] },
    { case: 'an unknown question', input: { ...base, extra: 1 }, problems: [{ question: 'extra', code: 'unknown_question' }] },
    { case: 'NPS 11', input: { ...base, recommend: 11 }, problems: [{ question: 'recommend', code: 'out_of_range' }] },
    { case: 'NPS −1', input: { ...base, recommend: -1 }, problems: [{ question: 'recommend', code: 'out_of_range' }] },
    { case: 'NPS 0 is an answer', input: { ...base, recommend: 0 }, problems: [] },
    { case: 'NPS as text "9"', input: { ...base, recommend: '9' }, problems: [{ question: 'recommend', code: 'not_an_integer' }] },
    { case: 'NPS 8.5', input: { ...base, recommend: 8.5 }, problems: [{ question: 'recommend', code: 'not_an_integer' }] },
    { case: 'CSAT 0', input: { ...base, satisfied: 0 }, problems: [{ question: 'satisfied', code: 'out_of_range' }] },
    { case: 'CSAT 6', input: { ...base, satisfied: 6 }, problems: [{ question: 'satisfied', code: 'out_of_range' }] },
    { case: 'CES 7 is the top', input: { ...base, effort: 7 }, problems: [] },
    { case: 'CES 8', input: { ...base, effort: 8 }, problems: [{ question: 'effort', code: 'out_of_range' }] },
    { case: 'an unknown option', input: { ...base, why: 'love' }, problems: [{ question: 'why', code: 'not_an_option' }] },
    { case: 'a list for a single choice', input: { ...base, why: ['price'] }, problems: [{ question: 'why', code: 'not_an_option' }] },
    { case: 'text for a multiple choice', input: { ...base, improve: 'pickup' }, problems: [{ question: 'improve', code: 'not_a_list' }] },
    { case: 'a duplicate choice', input: { ...base, improve: ['pickup', 'pickup'] }, problems: [{ question: 'improve', code: 'duplicate_choice' }] },
    { case: 'three of at most two', input: { ...base, improve: ['pickup', 'tracking', 'claims'] }, problems: [{ question: 'improve', code: 'too_many_choices' }] },
    { case: 'a number for text', input: { ...base, comment: 5 }, problems: [{ question: 'comment', code: 'not_text' }] },
    { case: '11 characters of at most 10', input: { ...base, comment: '一二三四五六七八九十一' }, problems: [{ question: 'comment', code: 'too_long' }] },
    { case: '10 characters with an emoji are 10', input: { ...base, comment: '一二三四五六七八九😀' }, problems: [] },
    { case: 'a NUL in text', input: { ...base, comment: 'a\u0000b' }, problems: [{ question: 'comment', code: 'text_invalid' }] },
    { case: 'a lone surrogate', input: { ...base, comment: '\ud800' }, problems: [{ question: 'comment', code: 'text_invalid' }] },
    { case: 'every problem at once', input: { recommend: 10.5, why: 'x' }, problems: [{ question: 'recommend', code: 'not_an_integer' }, { question: 'satisfied', code: 'required' }, { question: 'why', code: 'not_an_option' }] },
  ])('$case', ({ input, problems }) => {
    const result = checkAnswers(questionnaire, input);
    if (problems.length === 0) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, problems });
  });

  it('a required text of spaces only is no answer', () => {
    const q: Questionnaire = { questions: [{ id: 'c', kind: 'text', text: t('意见', 'Comment'), required: true }] };
    expect(checkAnswers(q, { c: '   ' })).toEqual({ ok: false, problems: [{ question: 'c', code: 'required' }] });
  });

  it('a multiple choice below its minimum', () => {
    const q: Questionnaire = { questions: [{ ...(questionnaire.questions[4] as Extract<(typeof questionnaire.questions)[number], { kind: 'multi' }>), minChoices: 2 }] };
    expect(checkAnswers(q, { improve: ['claims'] })).toEqual({ ok: false, problems: [{ question: 'improve', code: 'too_few_choices' }] });
  });
});

describe('questionnaireProblems', () => {
  it('accepts the sample questionnaire', () => {
    expect(questionnaireProblems(questionnaire)).toEqual([]);
  });

  it.each([
    { case: 'no questions', q: { questions: [] }, match: /at least one question/ },
    { case: 'an id twice', q: { questions: [questionnaire.questions[0]!, questionnaire.questions[0]!] }, match: /used twice/ },
    { case: 'an id with spaces', q: { questions: [{ ...questionnaire.questions[0]!, id: 'a b' }] }, match: /\.id must be/ },
    { case: 'no English text', q: { questions: [{ ...questionnaire.questions[0]!, text: t('问题', '') }] }, match: /zh-CN and en-US/ },
    { case: 'a choice of one option', q: { questions: [{ id: 'x', kind: 'single', text: t('问', 'Q'), required: false, options: [{ id: 'a', label: t('甲', 'A') }] }] }, match: /2–30 options/ },
    {
      case: 'more choices allowed than options',
      q: { questions: [{ id: 'x', kind: 'multi', text: t('问', 'Q'), required: false, maxChoices: 3, options: [{ id: 'a', label: t('甲', 'A') }, { id: 'b', label: t('乙', 'B') }] }] },
      match: /min ≤ max ≤ options/,
    },
    { case: 'a text longer than allowed', q: { questions: [{ id: 'x', kind: 'text', text: t('问', 'Q'), required: false, maxLength: 5000 }] }, match: /maxLength/ },
  ] as { case: string; q: Questionnaire; match: RegExp }[])('$case', ({ q, match }) => {
    expect(questionnaireProblems(q).join('\n')).toMatch(match);
  });
});

describe('npsScore', () => {
  it.each([
    { case: 'no responses', values: [], score: null, p: 0, d: 0 },
    { case: 'all promoters', values: [9, 10, 10], score: 100, p: 3, d: 0 },
    { case: 'all detractors', values: [0, 6, 3], score: -100, p: 0, d: 3 },
    { case: 'passives only: 0', values: [7, 8], score: 0, p: 0, d: 0 },
    { case: 'boundaries 6, 7, 8, 9', values: [6, 7, 8, 9], score: 0, p: 1, d: 1 },
    { case: '3 promoters, 1 detractor of 5', values: [10, 9, 9, 7, 2], score: 40, p: 3, d: 1 },
    { case: 'a third', values: [10, 8, 8], score: 100 / 3, p: 1, d: 0 },
  ])('$case', ({ values, score, p, d }) => {
    expect(npsScore(values)).toEqual({ responses: values.length, promoters: p, passives: values.length - p - d, detractors: d, score });
  });

  it('refuses a value off the scale', () => {
    expect(() => npsScore([11])).toThrow(RangeError);
  });
});

describe('csatScore', () => {
  it.each([
    { case: 'no responses', survey: [], tickets: [], share: null, satisfied: 0 },
    { case: 'only 4 and 5 count', survey: [1, 2, 3, 4, 5], tickets: [], share: 2 / 5, satisfied: 2 },
    { case: 'ticket ratings count too', survey: [5], tickets: [1, 4, 3], share: 2 / 4, satisfied: 2 },
    { case: 'ticket ratings alone', survey: [], tickets: [4, 4], share: 1, satisfied: 2 },
  ])('$case', ({ survey, tickets, share, satisfied }) => {
    expect(csatScore(survey, tickets)).toEqual({ responses: survey.length + tickets.length, satisfied, fromTicketRatings: tickets.length, share });
  });

  it('refuses a rating off the scale', () => {
    expect(() => csatScore([], [0])).toThrow(RangeError);
  });
});

describe('cesScore', () => {
  it.each([
    { values: [], mean: null },
    { values: [1], mean: 1 },
    { values: [1, 7], mean: 4 },
    { values: [2, 3, 3], mean: 8 / 3 },
  ])('mean of $values is $mean', ({ values, mean }) => {
    expect(cesScore(values)).toEqual({ responses: values.length, mean });
  });
});

describe('scores by group', () => {
  const groups = (segment: string | null, tier: string | null, accountManagerId: string | null) => ({ segment, tier, accountManagerId });
  const responses: SurveyResponse[] = [
    { answers: { recommend: 10, satisfied: 5, effort: 2 }, groups: groups('important_value', 'key', 'kam01') },
    { answers: { recommend: 3, satisfied: 2 }, groups: groups('important_value', 'key', 'kam02') },
    { answers: { recommend: 8, satisfied: 4, effort: 6 }, groups: groups('general_develop', 'standard', null) },
  ];
  const ratings = [
    { rating: 5, groups: groups('general_develop', 'standard', null) },
    { rating: 1, groups: groups(null, 'standard', null) },
  ];

  it('scores the whole questionnaire, ticket ratings in CSAT', () => {
    const scores = surveyScores(questionnaire, responses, ratings);
    expect(scores.nps).toMatchObject({ responses: 3, promoters: 1, detractors: 1, score: 0 });
    expect(scores.csat).toEqual({ responses: 5, satisfied: 3, fromTicketRatings: 2, share: 3 / 5 });
    expect(scores.ces).toEqual({ responses: 2, mean: 4 });
  });

  it('groups by tier, segment and account manager, no group last', () => {
    expect(surveyScoresBy(questionnaire, responses, 'tier', ratings).map((g) => [g.group, g.scores.nps.score, g.scores.csat.share])).toEqual([
      ['key', 0, 1 / 2],
      ['standard', 0, 2 / 3],
    ]);
    expect(surveyScoresBy(questionnaire, responses, 'segment', ratings).map((g) => [g.group, g.scores.csat.responses])).toEqual([
      ['general_develop', 2],
      ['important_value', 2],
      [null, 1],
    ]);
    expect(surveyScoresBy(questionnaire, responses, 'accountManagerId').map((g) => [g.group, g.scores.nps.score])).toEqual([
      ['kam01', 100],
      ['kam02', -100],
      [null, 0],
    ]);
  });

  it('no responses and no ratings: no groups', () => {
    expect(surveyScoresBy(questionnaire, [], 'tier')).toEqual([]);
  });
});
