/**
 * Complaint classification's routes (docs/product.md §6): the suggested cause of a ticket, the
 * agent's confirmation, the model's figures and training it now. Who may: classifier/service.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams, Nullable, Version } from '../../http/schemas.js';
import { userOf } from '../tickets/access.js';
import { causeSuggestion, classifierStatus, confirmCause, trainComplaintClassifier } from './service.js';

const tags = ['classifier'];
const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));
const Method = Type.Union([Type.Literal('naive_bayes'), Type.Literal('rules'), Type.Literal('none')]);

const Suggestion = Type.Object(
  {
    ticketId: Type.String(),
    version: Type.Integer(),
    kind: Type.String(),
    causeCode: Nullable(Type.String()),
    needed: Type.Boolean({ description: 'a complaint without a cause: what the suggestion is for' }),
    method: Method,
    suggestions: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), score: Type.Number() }), { description: 'best first, at most three; empty when nothing fits' }),
    lastConfirmation: Nullable(Type.Object({ suggestedCode: Nullable(Type.String()), chosenCode: Type.String(), accepted: Type.Boolean(), by: Type.String(), at: Type.String({ format: 'date-time' }) })),
  },
  { additionalProperties: false },
);

const Confirm = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64, description: 'the cause code chosen: the suggestion or another active one' }), version: Version() },
  { additionalProperties: false },
);

const Training = Type.Object(
  {
    id: Type.String(),
    method: Type.Union([Type.Literal('naive_bayes'), Type.Literal('rules')]),
    samples: Type.Integer({ description: 'resolved complaints with a cause it learned from' }),
    heldOut: Type.Integer({ description: 'resolved complaints set aside to measure it' }),
    accuracy: Nullable(Type.Number({ description: 'share of the held-out complaints whose top suggestion was their cause' })),
    trainedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const classifierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/tickets/:id/cause-suggestion',
    {
      config: { permission: 'tickets.work' },
      schema: { tags, summary: 'The suggested cause code for a ticket’s text (model or rules), for the agent to confirm', params: IdParams, response: { 200: Suggestion, ...errorResponses, ...err(404) } },
    },
    async (request) => causeSuggestion(app.db, userOf(request.context().actor), request.params.id),
  );

  app.post(
    '/api/tickets/:id/cause-suggestion/confirm',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'Set the ticket’s cause: the suggestion confirmed or another code chosen (both recorded)',
        params: IdParams,
        body: Confirm,
        response: {
          200: Type.Object({ ticketId: Type.String(), version: Type.Integer(), causeCode: Type.String(), suggestedCode: Nullable(Type.String()), accepted: Type.Boolean() }, { additionalProperties: false }),
          ...errorResponses,
          ...err(404, 409),
        },
      },
    },
    async (request) => confirmCause(app.db, userOf(request.context().actor), request.params.id, request.body),
  );

  app.get(
    '/api/complaint-classifier',
    {
      config: { permission: 'kpis.read' },
      schema: {
        tags,
        summary: 'The newest training of the cause-code model (accuracy on held-out complaints) and how agents answered its suggestions',
        response: {
          200: Type.Object({ training: Nullable(Training), confirmations: Type.Object({ accepted: Type.Integer(), changed: Type.Integer() }) }, { additionalProperties: false }),
          ...errorResponses,
        },
      },
    },
    async () => classifierStatus(app.db),
  );

  app.post(
    '/api/complaint-classifier/train',
    {
      config: { permission: 'policies.manage' },
      schema: { tags, summary: 'Train the cause-code model now on resolved complaints with codes (the job does it nightly)', response: { 201: Training, ...errorResponses } },
    },
    async (_request, reply) => reply.code(201).send(await trainComplaintClassifier(app.db)),
  );
};
