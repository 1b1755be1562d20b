import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams, PageQuery, pageWindow } from '../../http/schemas.js';
import { userOf } from './access.js';
import type { SurveyDeps } from './deps.js';
import * as S from './schemas.js';
import { answerSurvey, openSurvey } from './use-cases/answer.js';
import { createCampaign, listCampaigns } from './use-cases/campaigns.js';
import { createQuestionnaire, listQuestionnaires } from './use-cases/questionnaires.js';
import { campaignAnswers, campaignResults } from './use-cases/results.js';
import { sendCampaign } from './use-cases/send.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): SurveyDeps => ({ db: app.db, publicBaseUrl: app.config.publicBaseUrl, timeZone: app.config.timeZone });
  const manage = { permission: 'surveys.manage' } as const;
  const read = { permission: 'surveys.read' } as const;
  const tags = ['surveys'];

  app.get(
    '/api/surveys/questionnaires',
    { config: manage, schema: { tags, summary: 'Questionnaires, newest first', response: { 200: S.QuestionnaireList, ...errorResponses } } },
    async (request) => listQuestionnaires(deps(), userOf(request.context().actor)),
  );

  app.post(
    '/api/surveys/questionnaires',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Write a questionnaire (NPS 0–10, CSAT 1–5, CES 1–7, single/multiple choice, text); frozen once written',
        body: S.QuestionnaireCreate,
        response: { 201: S.Questionnaire, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createQuestionnaire(deps(), userOf(request.context().actor), request.body)),
  );

  app.get(
    '/api/surveys',
    { config: read, schema: { tags, summary: 'Survey campaigns, newest first, with asked/answered counts of what the caller may read', response: { 200: S.CampaignList, ...errorResponses } } },
    async (request) => listCampaigns(deps(), userOf(request.context().actor)),
  );

  app.post(
    '/api/surveys',
    { config: manage, schema: { tags, summary: 'Prepare a survey campaign: a questionnaire and who is asked', body: S.CampaignCreate, response: { 201: S.CampaignCreated, ...errorResponses, ...err(404) } } },
    async (request, reply) => reply.status(201).send(await createCampaign(deps(), userOf(request.context().actor), request.body)),
  );

  app.post(
    '/api/surveys/:id/send',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Send the survey: an invitation with a one-time link to each customer with a phone, by SMS through the outbox; once only',
        params: IdParams,
        response: { 200: S.CampaignSent, ...errorResponses, ...err(404, 409, 422) },
      },
    },
    async (request) => sendCampaign(deps(), userOf(request.context().actor), request.params.id),
  );

  app.get(
    '/api/surveys/:id/results',
    {
      config: read,
      schema: {
        tags,
        summary: 'NPS, CSAT (ticket ratings included), CES and response rate, overall, by tier and by account manager',
        params: IdParams,
        response: { 200: S.CampaignResults, ...errorResponses, ...err(404) },
      },
    },
    async (request) => campaignResults(deps(), userOf(request.context().actor), request.params.id),
  );

  app.get(
    '/api/surveys/:id/answers',
    {
      config: read,
      schema: { tags, summary: 'The answers, newest first (customers masked)', params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: S.AnswerList, ...errorResponses, ...err(404) } },
    },
    async (request) => campaignAnswers(deps(), userOf(request.context().actor), request.params.id, pageWindow(request.query)),
  );

  // The customer's page: public, rate-limited like the other public routes.
  const limited = { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } } as const;

  app.get(
    '/api/public/surveys/:token',
    {
      config: limited,
      schema: { tags: ['public'], security: [], summary: 'Open a survey with its one-time link', params: S.SurveyTokenParams, response: { 200: S.PublicSurvey, ...err(400, 404, 410, 429) } },
    },
    async (request) => openSurvey(deps(), request.params.token),
  );

  app.post(
    '/api/public/surveys/:token/answers',
    {
      config: limited,
      schema: {
        tags: ['public'],
        security: [],
        summary: 'Answer the survey, once per invitation (a second answer: 409 SURVEY_ALREADY_ANSWERED)',
        params: S.SurveyTokenParams,
        body: S.PublicAnswers,
        response: { 204: Type.Null(), ...err(400, 404, 409, 410, 429) },
      },
    },
    async (request, reply) => {
      await answerSurvey(deps(), request.params.token, request.body.answers);
      return reply.status(204).send(null);
    },
  );
};
