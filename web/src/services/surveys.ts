/**
 * Satisfaction surveys: the console's campaigns and results, and the customer's public page.
 * Shapes are the static types of src/modules/surveys/schemas.ts.
 */
import type { Static } from 'typebox';
import type * as Surveys from '../../../src/modules/surveys/schemas';
import type { Question } from '../../../src/domain/customers/surveys';
import { api } from '../api';

export type { Question };
type Of<Name extends keyof typeof Surveys> = Static<(typeof Surveys)[Name]>;

export type Questionnaire = Of<'Questionnaire'>;
export type CampaignSummary = Of<'CampaignSummary'>;
export type CampaignResults = Of<'CampaignResults'>;
export type AnswerList = Of<'AnswerList'>;
export type PublicSurvey = Omit<Of<'PublicSurvey'>, 'questions'> & { questions: Question[] };
export type AnswerProblem = { question: string; code: string };
export type Answer = number | string | string[];

export const listCampaigns = (signal?: AbortSignal) => api.get<{ items: CampaignSummary[] }>('/api/surveys', { signal });
export const listQuestionnaires = (signal?: AbortSignal) => api.get<{ items: Questionnaire[] }>('/api/surveys/questionnaires', { signal });
export const createQuestionnaire = (input: { title: string; questions: unknown[] }) => api.post<Questionnaire>('/api/surveys/questionnaires', input);
export const createCampaign = (input: { title: string; questionnaireId: string; audience: { tiers?: string[] }; openDays: number }) =>
  api.post<{ id: string }>('/api/surveys', input);
export const sendCampaign = (id: string) => api.post<{ invited: number }>(`/api/surveys/${encodeURIComponent(id)}/send`);
export const campaignResults = (id: string, signal?: AbortSignal) => api.get<CampaignResults>(`/api/surveys/${encodeURIComponent(id)}/results`, { signal });
export const campaignAnswers = (id: string, page: number, signal?: AbortSignal) =>
  api.get<AnswerList>(`/api/surveys/${encodeURIComponent(id)}/answers`, { query: { page, pageSize: 20 }, signal });

export const getPublicSurvey = (token: string, signal?: AbortSignal) => api.get<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(token)}`, { signal });
export const answerPublicSurvey = (token: string, answers: Record<string, Answer>) =>
  api.post<void>(`/api/public/surveys/${encodeURIComponent(token)}/answers`, { answers });

export { STANDARD_QUESTIONNAIRE } from '../../../src/domain/customers/standard-questionnaire';
