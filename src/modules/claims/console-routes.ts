/**
 * The claims routes the console's pages need beyond the claims API (routes.ts): a ticket's claims,
 * and the claims policy read by the desk and changed by admins and managers as a new version.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { POLICY_NOTE_MAX, POLICY_NOTE_MIN } from '../../domain/limits.js';
import { errorResponses } from '../../http/schemas.js';
import { Int32, Text } from '../../http/schemas.js';
import { userOf } from '../tickets/service.js';
import * as S from './schemas.js';
import { changeClaimsPolicy, claimsPolicyHistory } from './use-cases/policy-change.js';
import { ticketClaims } from './use-cases/ticket-claims.js';

const ErrorRef = Type.Ref('ErrorResponse');

const PolicyRules = Type.Record(Type.String(), Type.Unknown(), {
  description: 'every rule of domain/claims/policy.ts: each number with value, unit and source; the multiples by payment term and tier; the evidence checklist of each claim type',
});
const PolicyVersion = Type.Object({ version: Type.Integer(), rules: PolicyRules, note: Type.String(), createdBy: Type.String(), createdAt: Type.String() });
const PolicyHistory = Type.Object({
  current: PolicyVersion,
  history: Type.Array(Type.Object({ version: Type.Integer(), note: Type.String(), createdBy: Type.String(), createdAt: Type.String() })),
});
const PolicyChange = Type.Object(
  {
    rules: PolicyRules,
    baseVersion: Int32({ minimum: 1, description: 'the version the change was made from; if another was saved since, 409 CONFLICT_STALE_VERSION and nothing is saved' }),
    note: Text({ minLength: POLICY_NOTE_MIN, maxLength: POLICY_NOTE_MAX, description: 'why the policy changes; kept with the version and in the changed rules’ sources' }),
  },
  { additionalProperties: false },
);

export const claimConsoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['claims'];
  app.get(
    '/api/tickets/:id/claims',
    {
      config: { permission: 'tickets.work' },
      schema: { tags, summary: 'The ticket’s claims, oldest first', params: S.ClaimParams, response: { 200: Type.Array(S.ClaimSummary), ...errorResponses, 404: ErrorRef } },
    },
    async (request) => ticketClaims({ db: app.db, timeZone: app.config.timeZone, reference: app.reference }, userOf(request.context().actor), request.params.id),
  );

  app.get(
    '/api/claims-policy',
    { config: { permission: 'tickets.work' }, schema: { tags: ['policies'], summary: 'The claims policy in force, each rule with its source, and every version’s note', response: { 200: PolicyHistory, ...errorResponses } } },
    async () => claimsPolicyHistory(app.db),
  );

  app.put(
    '/api/claims-policy',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['policies'],
        summary: 'Save the claims policy as a new version (claims keep the version they were proposed under)',
        description: 'Validated rule by rule and proven to give a claim filed now its validity and clocks under the company calendar; 400 POLICY_INVALID otherwise, nothing saved.',
        body: PolicyChange,
        response: { 200: PolicyVersion, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request) => changeClaimsPolicy(app.db, () => app.reference.calendar(app.db), request.context(), request.body),
  );
};
