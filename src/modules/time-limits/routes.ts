import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/schemas.js';
import Type from 'typebox';
import { TimeLimitChange, TimeLimitPolicies, TimeLimitPolicy } from './schemas.js';
import { changePolicy, policyHistory } from './service.js';

export const timeLimitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/time-limit-policy',
    {
      config: { permission: 'shipments.read' },
      schema: {
        tags: ['policies'],
        summary: 'The time-limit policy in force and every earlier version, each rule with its source',
        response: { 200: TimeLimitPolicies, ...errorResponses },
      },
    },
    async () => policyHistory(app.db, app.tracking),
  );
  app.post(
    '/api/time-limit-policy',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: 'Change rule values: saved as a new version (shipments keep the version they were promised under)',
        description: 'Made from `baseVersion`, the version the editor showed; a change from an older version is refused with 409 CONFLICT_STALE_VERSION and saves nothing.',
        body: TimeLimitChange,
        response: { 201: TimeLimitPolicy, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => reply.status(201).send(await changePolicy(app.db, app.tracking, request.context(), request.body)),
  );
};
