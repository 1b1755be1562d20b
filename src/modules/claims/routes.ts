import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from '../../http/schemas.js';
import { localeFrom } from '../../http/locale.js';
import { userOf } from '../tickets/service.js';
import * as S from './schemas.js';
import { sendDownload, XLSX_TYPE } from '../../http/download.js';
import {
  approvalInbox,
  attachEvidence,
  chargeBack,
  chargebacks,
  chargebacksXlsx,
  claimClockBoard,
  claimDetail,
  decideClaim,
  decideResponsibility,
  listClaims,
  openClaim,
  overrideProposal,
  requestEvidence,
  reverseEntry,
  reviewEvidence,
  settleClaim,
  type ClaimDeps,
} from './service.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ClaimDeps => ({ db: app.db, timeZone: app.config.timeZone, reference: app.reference, publicBaseUrl: app.config.publicBaseUrl });
  const work = { permission: 'tickets.work' } as const;
  const supervise = { permission: 'tickets.supervise' } as const;
  const tags = ['claims'];
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);

  app.post(
    '/api/tickets/:id/claims',
    {
      config: work,
      schema: {
        tags,
        summary: 'Open a claim (理赔) for one of the ticket’s waybills: facts from the parcel, the proposal computed with its lines',
        params: S.ClaimParams,
        body: S.ClaimOpen,
        response: { 201: S.Created, ...errorResponses, ...err(404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await openClaim(deps(), actor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/claims',
    { config: work, schema: { tags, summary: 'Claims: filters by state, type, amount, station, age; exact waybill', querystring: S.ClaimList, response: { 200: Type.Array(S.ClaimSummary), ...errorResponses } } },
    async (request) => listClaims(deps(), actor(request), request.query),
  );

  app.get(
    '/api/claims/inbox',
    {
      config: work,
      schema: {
        tags,
        summary: 'Approval inbox: claims the caller’s level may decide, never their own, oldest first, a page at a time',
        querystring: S.ClaimInboxQuery,
        response: { 200: Type.Array(S.ClaimSummary), ...errorResponses },
      },
    },
    async (request) => approvalInbox(deps(), actor(request), request.query),
  );

  app.get(
    '/api/claims/clock-board',
    {
      config: supervise,
      schema: { tags, summary: 'The claims on the supervisor’s SLA board: clocks breached and past their warning, with waybill and type', response: { 200: S.ClaimClockBoard, ...errorResponses } },
    },
    async (request) => claimClockBoard(deps(), actor(request)),
  );

  app.get(
    '/api/claims/chargebacks',
    { config: supervise, schema: { tags, summary: 'Chargebacks (追偿) per station in a month', querystring: S.ChargebackQuery, response: { 200: S.ChargebackList, ...errorResponses } } },
    async (request) => chargebacks(deps(), actor(request), request.query),
  );

  app.get(
    '/api/claims/chargebacks.xlsx',
    {
      config: supervise,
      schema: { tags, summary: 'The month’s chargebacks per station as an XLSX workbook', querystring: S.ChargebackQuery, response: { ...errorResponses } },
    },
    async (request, reply) => {
      const { fileName, bytes } = await chargebacksXlsx(deps(), actor(request), request.query);
      return sendDownload(reply, { fileName, contentType: XLSX_TYPE, content: bytes });
    },
  );

  app.get(
    '/api/claims/:id',
    { config: work, schema: { tags, summary: 'A claim: facts, checklist and evidence, proposal lines, decision, responsibility, ledger', params: S.ClaimParams, response: { 200: S.ClaimDetail, ...errorResponses, ...err(404) } } },
    async (request) => claimDetail(deps(), actor(request), request.params.id, localeFrom(request.headers['accept-language'])),
  );

  app.post(
    '/api/claims/:id/evidence',
    {
      config: work,
      schema: { tags, summary: 'Attach an upload of the claim’s ticket to a checklist item', params: S.ClaimParams, body: S.EvidenceAttach, response: { 201: S.Created, ...errorResponses, ...err(404, 409, 415, 422) } },
    },
    async (request, reply) => reply.status(201).send(await attachEvidence(deps(), actor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/claims/:id/evidence/:evidenceId/review',
    { config: work, schema: { tags, summary: 'Accept an upload, or reject it with a reason', params: S.EvidenceParams, body: S.EvidenceReviewBody, response: { 200: S.Changed, ...errorResponses, ...err(404, 409) } } },
    async (request) => reviewEvidence(deps(), actor(request), request.params.id, request.params.evidenceId, request.body),
  );

  app.post(
    '/api/claims/:id/evidence-requests',
    { config: work, schema: { tags, summary: 'Ask the customer for more evidence (told by SMS through the outbox)', params: S.ClaimParams, body: S.EvidenceRequest, response: { 200: S.Changed, ...errorResponses, ...err(404, 409) } } },
    async (request) => requestEvidence(deps(), actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/claims/:id/override',
    { config: work, schema: { tags, summary: 'Replace the proposal’s amount, with a reason (decided one level up)', params: S.ClaimParams, body: S.OverrideBody, response: { 200: S.Changed, ...errorResponses, ...err(404, 409, 422) } } },
    async (request) => overrideProposal(deps(), actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/claims/:id/approve',
    { config: work, schema: { tags, summary: '批准: by the level the amount needs, never one’s own claim', params: S.ClaimParams, body: S.ApproveBody, response: { 200: S.Changed, ...errorResponses, ...err(404, 409) } } },
    async (request) => decideClaim(deps(), actor(request), request.params.id, 'approve', request.body),
  );

  app.post(
    '/api/claims/:id/reject',
    { config: work, schema: { tags, summary: '不批准, with the reason the customer is told', params: S.ClaimParams, body: S.RejectBody, response: { 200: S.Changed, ...errorResponses, ...err(404, 409) } } },
    async (request) => decideClaim(deps(), actor(request), request.params.id, 'reject', request.body),
  );

  app.post(
    '/api/claims/:id/settlement',
    {
      config: work,
      schema: {
        tags,
        summary: 'Settle an approved claim by its payment term, exactly once per idempotency key',
        params: S.ClaimParams,
        headers: S.IdempotencyHeaders,
        body: S.SettleBody,
        response: { 200: S.LedgerResult, ...errorResponses, ...err(404, 409, 422) },
      },
    },
    async (request) => settleClaim(deps(), actor(request), request.params.id, request.headers['idempotency-key'] ?? request.body.idempotencyKey, request.body),
  );

  app.post(
    '/api/claims/:id/reversals',
    {
      config: supervise,
      schema: { tags, summary: 'Reverse a ledger entry with a new entry the other way', params: S.ClaimParams, headers: S.IdempotencyHeaders, body: S.ReverseBody, response: { 200: S.LedgerResult, ...errorResponses, ...err(404, 409) } },
    },
    async (request) => reverseEntry(deps(), actor(request), request.params.id, request.headers['idempotency-key'] ?? request.body.idempotencyKey, request.body),
  );

  app.post(
    '/api/claims/:id/responsibility',
    { config: supervise, schema: { tags, summary: '责任判定: confirm or change the proposed station, with a reason', params: S.ClaimParams, body: S.ResponsibilityBody, response: { 200: Type.Object({ station: Type.String(), version: Type.Integer() }), ...errorResponses, ...err(404, 409) } } },
    async (request) => decideResponsibility(deps(), actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/claims/:id/chargebacks',
    {
      config: supervise,
      schema: { tags, summary: '追偿: charge the responsible station back, exactly once per idempotency key', params: S.ClaimParams, headers: S.IdempotencyHeaders, body: S.ChargebackBody, response: { 200: S.LedgerResult, ...errorResponses, ...err(404, 409, 422) } },
    },
    async (request) => chargeBack(deps(), actor(request), request.params.id, request.headers['idempotency-key'] ?? request.body.idempotencyKey, request.body),
  );
};
