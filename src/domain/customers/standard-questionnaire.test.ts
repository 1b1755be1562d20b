import { describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.js';
import { questionnaireProblems } from './surveys.js';

describe('the standard questionnaire', () => {
  it('passes the check every questionnaire must pass before it is written', () => {
    expect(questionnaireProblems(STANDARD_QUESTIONNAIRE)).toEqual([]);
  });
  it('asks each scored kind once', () => {
    expect(STANDARD_QUESTIONNAIRE.questions.map((q) => q.kind)).toEqual(['nps', 'csat', 'ces', 'single', 'text']);
  });
});
