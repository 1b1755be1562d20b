import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { INT4_MAX } from '../../domain/limits.js';
import { errorResponses, Text, Version } from '../../http/schemas.js';
import { changePolicy, policyHistory } from './service.js';

const Rule = Type.Object({ value: Type.Number(), unit: Type.Optional(Type.String()), source: Type.String() }, { additionalProperties: true });
const Policy = Type.Object({
  version: Type.Integer(),
  rules: Type.Record(Type.String(), Rule),
  note: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const Change = Type.Object(
  {
    rules: Type.Record(
      Type.String({ pattern: '^[A-Za-z0-9_.]{1,64}$' }),
      Type.Object(
        // Whole numbers within each rule's range are validatePolicy's to say (POLICY_INVALID); here only what fits.
        { value: Type.Number({ exclusiveMinimum: 0, maximum: INT4_MAX }) },
        { additionalProperties: false },
      ),
    ),
    note: Text({ maxLength: 500, description: 'why the policy changes' }),
    baseVersion: Version(
      'The version the change was made from; if another has been saved since, the change is refused (409 CONFLICT_STALE_VERSION) instead of silently undoing it',
    ),
  },
  { additionalProperties: false },
);

export const timeLimitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/time-limit-policy',
    {
      config: { permission: 'shipments.read' },
      schema: {
        tags: ['policies'],
        summary: 'The time-limit policy in force and every earlier version, each rule with its source',
        response: { 200: Type.Object({ current: Policy, history: Type.Array(Policy) }), ...errorResponses },
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
        body: Change,
        response: { 201: Policy, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => reply.status(201).send(await changePolicy(app.db, app.tracking, request.context(), request.body)),
  );
};
