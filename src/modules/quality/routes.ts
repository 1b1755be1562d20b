import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams, pageWindow, PageQuery } from '../../http/schemas.js';
import { userOf } from '../tickets/service.js';
import * as S from './schemas.js';
import * as quality from './service.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

/** Quality checks (质检, docs/product.md §6); who may do what: modules/quality/access.ts. */
export const qualityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): quality.QualityDeps => ({ db: app.db, timeZone: app.config.timeZone });
  const anyone = { permission: 'console.use' } as const;
  const review = { permission: 'quality.review' } as const;
  const read = { permission: 'quality.read' } as const;
  const manage = { permission: 'policies.manage' } as const;
  const tags = ['quality'];
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);

  app.get(
    '/api/quality/scorecard',
    { config: anyone, schema: { tags, summary: 'The current scorecard (评分表): categories with weights, red lines, bonus items; reviewers and reviewed agents', response: { 200: S.ScorecardView, ...errorResponses } } },
    async (request) => quality.currentScorecard(deps(), actor(request)),
  );

  app.get(
    '/api/quality/scorecard/:version',
    { config: anyone, schema: { tags, summary: 'A scorecard version, as a review scored under it reads it', params: S.VersionParams, response: { 200: S.ScorecardView, ...errorResponses, ...err(404) } } },
    async (request) => quality.scorecardAt(deps(), actor(request), request.params.version),
  );

  app.put(
    '/api/quality/scorecard',
    { config: manage, schema: { tags, summary: 'A new scorecard version; reviews keep the version they were scored under', body: S.ScorecardChange, response: { 200: Type.Object({ version: Type.Integer() }), ...errorResponses } } },
    async (request) => quality.changeScorecard(deps(), actor(request), request.body),
  );

  app.get(
    '/api/quality/sampling',
    { config: review, schema: { tags, summary: 'The sampling settings: tickets per agent and week, the strata’s weights', response: { 200: S.Sampling, ...errorResponses } } },
    async (request) => quality.samplingSettings(deps(), actor(request)),
  );

  app.put(
    '/api/quality/sampling',
    { config: manage, schema: { tags, summary: 'Change the sampling settings (from the next sample on)', body: S.Sampling, response: { 200: S.Sampling, ...errorResponses } } },
    async (request) => quality.changeSampling(deps(), actor(request), request.body),
  );

  app.post(
    '/api/quality/samples',
    {
      config: review,
      schema: {
        tags,
        summary: 'Sample a week now (质检抽样): each agent’s worked tickets, complaints, claims and forbidden-phrase hits first, topped up to the number per agent; the same seed adds nothing',
        body: S.SampleRequest,
        response: { 200: S.SampleResult, ...errorResponses },
      },
    },
    async (request) => quality.sampleOnDemand(deps(), actor(request), request.body),
  );

  app.get(
    '/api/quality/assignments',
    { config: review, schema: { tags, summary: 'Sampled tickets to review: mine by default, by week, agent, team, reviewed or not', querystring: S.AssignmentQuery, response: { 200: S.AssignmentPage, ...errorResponses } } },
    async (request) => quality.listAssignments(deps(), actor(request), { ...request.query, ...pageWindow(request.query) }),
  );

  app.get(
    '/api/quality/assignments/:id',
    { config: review, schema: { tags, summary: 'A sampled ticket with its review, if submitted', params: IdParams, response: { 200: S.AssignmentDetail, ...errorResponses, ...err(404) } } },
    async (request) => quality.assignmentDetail(deps(), actor(request), request.params.id),
  );

  app.post(
    '/api/quality/assignments/:id/review',
    {
      config: review,
      schema: {
        tags,
        summary: 'Score the sampled ticket against the current scorecard (its assigned reviewer, once)',
        params: IdParams,
        body: S.ReviewInput,
        response: { 201: S.ReviewDetail, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await quality.submitReview(deps(), actor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/quality/reviews',
    {
      config: anyone,
      schema: { tags, summary: 'Quality reviews: a reviewer sees every one (or the calibration scores); an agent only those of their own work', querystring: S.ReviewQuery, response: { 200: S.ReviewPage, ...errorResponses } },
    },
    async (request) => quality.listReviews(deps(), actor(request), { ...request.query, ...pageWindow(request.query) }),
  );

  app.get(
    '/api/quality/reviews/:id',
    { config: anyone, schema: { tags, summary: 'A review with its scorecard version and what the caller may do (dispute, decide)', params: IdParams, response: { 200: S.ReviewDetail, ...errorResponses, ...err(404) } } },
    async (request) => quality.reviewDetail(deps(), actor(request), request.params.id),
  );

  app.post(
    '/api/quality/reviews/:id/dispute',
    { config: anyone, schema: { tags, summary: 'The reviewed agent disputes their review once, with a reason (申诉)', params: IdParams, body: S.Dispute, response: { 200: S.ReviewDetail, ...errorResponses, ...err(404, 409) } } },
    async (request) => quality.disputeReview(deps(), actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/quality/reviews/:id/decision',
    {
      config: review,
      schema: { tags, summary: 'Decide a dispute: uphold the score, or revise it with new scores (the score before is kept)', params: IdParams, body: S.Decision, response: { 200: S.ReviewDetail, ...errorResponses, ...err(404, 409) } },
    },
    async (request) => quality.decideDispute(deps(), actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/quality/calibrations',
    { config: review, schema: { tags, summary: 'Open a calibration session (校准) on a ticket: several reviewers score it, their spread is shown; not counted for the agent', body: S.CalibrationCreate, response: { 201: S.CalibrationDetail, ...errorResponses, ...err(404) } } },
    async (request, reply) => reply.status(201).send(await quality.createCalibration(deps(), actor(request), request.body)),
  );

  app.get(
    '/api/quality/calibrations',
    { config: review, schema: { tags, summary: 'Calibration sessions, newest first', querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: S.CalibrationPage, ...errorResponses } } },
    async (request) => quality.listCalibrations(deps(), actor(request), pageWindow(request.query)),
  );

  app.get(
    '/api/quality/calibrations/:id',
    { config: review, schema: { tags, summary: 'A calibration session; the scores and their spread once the caller has scored', params: IdParams, response: { 200: S.CalibrationDetail, ...errorResponses, ...err(404) } } },
    async (request) => quality.calibrationDetail(deps(), actor(request), request.params.id),
  );

  app.post(
    '/api/quality/calibrations/:id/reviews',
    { config: review, schema: { tags, summary: 'Score the calibration ticket (once per reviewer)', params: IdParams, body: S.ReviewInput, response: { 201: S.CalibrationDetail, ...errorResponses, ...err(404, 409) } } },
    async (request, reply) => reply.status(201).send(await quality.submitCalibrationReview(deps(), actor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/quality/signals',
    {
      config: read,
      schema: {
        tags,
        summary: 'Per agent for a period: forbidden-phrase hits, public replies and standard-phrase use, counted reviews with their average, red-line fails and disputes',
        querystring: S.SignalsQuery,
        response: { 200: S.Signals, ...errorResponses },
      },
    },
    async (request) => quality.qualitySignals(deps(), actor(request), request.query),
  );
};
