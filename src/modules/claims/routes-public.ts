/**
 * The customer's side of claims (docs/product.md §3, self-service): public and rate-limited like the
 * other self-service routes; opening and looking up need the phone check on the waybill, the rest the
 * ticket's secret link. The evidence upload is a multipart route of the attachments module (it alone
 * parses multipart bodies): `POST /api/public/tickets/:token/claims/:claimId/evidence?item=`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { localeFrom } from '../../http/locale.js';
import * as S from './schemas.js';
import { acceptOffer, disputeClaim, lookupSelfServiceClaims, openSelfServiceClaim, selfServiceClaims, type SelfServiceClaimDeps } from './service.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const claimPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): SelfServiceClaimDeps => ({ db: app.db, timeZone: app.config.timeZone, reference: app.reference, tickets: { db: app.db, reference: app.reference } });
  const limited = { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } } as const;
  const tags = ['public'];

  app.post(
    '/api/public/claims',
    {
      config: limited,
      schema: {
        tags,
        security: [],
        summary: 'A customer opens a claim on a parcel after the phone check: its case (the follow-up rule), the claim and its proposal',
        body: S.PublicClaimOpen,
        response: { 201: S.PublicClaimOpened, ...err(400, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await openSelfServiceClaim(deps(), app.phoneChecks.forClient(request.ip), request.body)),
  );

  app.post(
    '/api/public/claims/lookup',
    {
      config: limited,
      schema: {
        tags,
        security: [],
        summary: 'My claims on a waybill after the phone check, each with a fresh link to its ticket',
        body: S.PublicClaimLookup,
        response: { 200: S.PublicClaimLookupResult, ...err(400, 403, 429) },
      },
    },
    async (request) => lookupSelfServiceClaims(deps(), app.phoneChecks.forClient(request.ip), request.body),
  );

  app.get(
    '/api/public/tickets/:token/claims',
    {
      config: limited,
      schema: {
        tags,
        security: [],
        summary: 'The claims of the ticket behind the link: checklist and uploads, state, the offer and how it is paid, a rejection and how to appeal',
        params: S.PublicLinkParams,
        response: { 200: S.PublicClaims, ...err(400, 404, 429) },
      },
    },
    async (request) => selfServiceClaims(deps(), request.params.token, localeFrom(request.headers['accept-language'])),
  );

  app.post(
    '/api/public/tickets/:token/claims/:claimId/accept',
    {
      config: limited,
      schema: { tags, security: [], summary: 'The customer accepts the offer (once)', params: S.PublicClaimParams, response: { 200: S.PublicChanged, ...err(400, 404, 409, 429) } },
    },
    async (request) => acceptOffer(deps(), request.params.token, request.params.claimId),
  );

  app.post(
    '/api/public/tickets/:token/claims/:claimId/dispute',
    {
      config: limited,
      schema: {
        tags,
        security: [],
        summary: 'The customer disputes the offer or the rejection, with a reason: a supervisor reviews the claim again',
        params: S.PublicClaimParams,
        body: S.PublicDisputeBody,
        response: { 200: S.PublicChanged, ...err(400, 404, 409, 429) },
      },
    },
    async (request) => disputeClaim(deps(), request.params.token, request.params.claimId, request.body),
  );
};
