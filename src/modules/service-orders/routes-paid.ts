/**
 * Paid service's routes (docs/product.md §4 "Paid service"; docs/architecture.md's route table):
 * a notification's quotations (服务销售订单) and their steps, the acceptance (验收确认), the service
 * invoice (服务销售发票) and both PDFs for the desk; the quotation's page for the customer, public
 * and rate-limited, each request with the phone check. Thin: each calls one use case.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { userOf } from '../tickets/service.js';
import { defaultInvoiceAdapter } from './invoice-adapter.js';
import * as S from './schemas-paid.js';
import { recordAcceptance } from './use-cases/acceptance.js';
import { moveQuotation, newQuoteLink, recordPhoneAnswer } from './use-cases/quotation-moves.js';
import { createQuotation, editQuotation, listQuotations, type PaidServiceDeps } from './use-cases/quotations.js';
import { acceptVisit, answerQuotation, publicQuotation } from './use-cases/quote-self-service.js';
import { invoicePdf, quotationPdf, writeServiceInvoice } from './use-cases/service-invoice.js';
import { sendDownload } from '../../http/download.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const paidServiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const invoices = defaultInvoiceAdapter();
  const deps = (): PaidServiceDeps => ({ db: app.db, reference: app.reference, timeZone: app.config.timeZone, invoices });
  const read = { permission: 'serviceOrders.read' } as const;
  const work = { permission: 'serviceOrders.work' } as const;
  const tags = ['service-orders'];
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);

  app.get(
    '/api/service-orders/:id/quotations',
    { config: read, schema: { tags, summary: 'A notification’s quotations: lines, totals (价税合计 in capitals), steps, invoice, what the caller may do; and whether the tax platform is connected', params: IdParams, response: { 200: S.QuotationList, ...errorResponses, ...err(404) } } },
    async (request) => listQuotations(deps(), actor(request), request.params.id),
  );

  app.post(
    '/api/service-orders/:id/quotations',
    {
      config: work,
      schema: { tags, summary: 'Write a draft quotation (服务销售订单) with its lines; refused without lines (QUOTE_NO_LINES)', params: IdParams, body: S.QuotationInput, response: { 201: S.QuotationWritten, ...errorResponses, ...err(404, 409) } },
    },
    async (request, reply) => reply.status(201).send(await createQuotation(deps(), actor(request), request.params.id, request.body)),
  );

  app.put(
    '/api/service-orders/:id/quotations/:quotationId',
    { config: work, schema: { tags, summary: 'Change a draft quotation’s lines, validity and headquarters flag', params: S.QuotationParams, body: S.QuotationEdit, response: { 200: S.QuotationWritten, ...errorResponses, ...err(404, 409) } } },
    async (request) => editQuotation(deps(), actor(request), request.params.id, request.params.quotationId, request.body),
  );

  app.post(
    '/api/service-orders/:id/quotations/:quotationId/moves',
    {
      config: work,
      schema: {
        tags,
        summary: 'The desk’s step: ask for approval of headquarters’ price, approve or reject it (a supervisor, not the one who asked), send (answers with the customer’s link, once), revise, cancel',
        params: S.QuotationParams,
        body: S.QuotationMove,
        response: { 200: S.QuotationMoved, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request) => moveQuotation(deps(), actor(request), request.params.id, request.params.quotationId, request.body),
  );

  app.post(
    '/api/service-orders/:id/quotations/:quotationId/link',
    { config: work, schema: { tags, summary: 'A fresh link to the customer’s page for a sent or confirmed quotation (the old one stops working)', params: S.QuotationParams, body: S.VersionOnly, response: { 200: S.QuotationMoved, ...errorResponses, ...err(404, 409) } } },
    async (request) => newQuoteLink(deps(), actor(request), request.params.id, request.params.quotationId, request.body),
  );

  app.post(
    '/api/service-orders/:id/quotations/:quotationId/phone-answer',
    { config: work, schema: { tags, summary: 'Record the customer’s answer given on the phone: confirmed or declined, once', params: S.QuotationParams, body: S.PhoneAnswer, response: { 200: S.QuotationMoved, ...errorResponses, ...err(404, 409) } } },
    async (request) => recordPhoneAnswer(deps(), actor(request), request.params.id, request.params.quotationId, request.body),
  );

  app.post(
    '/api/service-orders/:id/quotations/:quotationId/acceptance',
    { config: work, schema: { tags, summary: 'Record the customer’s acceptance of the visit (验收确认): signed on site or told on the phone', params: S.QuotationParams, body: S.AcceptanceInput, response: { 200: S.QuotationMoved, ...errorResponses, ...err(404, 409) } } },
    async (request) => recordAcceptance(deps(), actor(request), request.params.id, request.params.quotationId, request.body),
  );

  app.post(
    '/api/service-orders/:id/quotations/:quotationId/invoice',
    {
      config: work,
      schema: {
        tags,
        summary: 'Write the service invoice (服务销售发票) of an accepted visit, once; recorded in this system, not issued on the national e-invoice platform',
        params: S.QuotationParams,
        body: S.VersionOnly,
        response: { 201: S.InvoiceWritten, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await writeServiceInvoice(deps(), actor(request), request.params.id, request.params.quotationId, request.body)),
  );

  app.get(
    '/api/service-orders/:id/quotations/:quotationId/pdf',
    { config: read, schema: { tags, summary: 'The quotation as a PDF (服务报价单)', params: S.QuotationParams, response: { ...errorResponses, ...err(404) } } },
    async (request, reply) => sendDownload(reply, await quotationPdf(deps(), actor(request), request.params.id, request.params.quotationId)),
  );

  app.get(
    '/api/service-orders/:id/quotations/:quotationId/invoice.pdf',
    { config: read, schema: { tags, summary: 'The service invoice as written, as a PDF (服务销售发票)', params: S.QuotationParams, response: { ...errorResponses, ...err(404) } } },
    async (request, reply) => sendDownload(reply, await invoicePdf(deps(), actor(request), request.params.id, request.params.quotationId)),
  );

  // ---------------------------------------------------------------- the customer's page
  const limited = { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } } as const;
  const publicTags = ['public'];

  app.post(
    '/api/public/service-quotes/:token',
    {
      config: limited,
      schema: { tags: publicTags, security: [], summary: 'The customer reads the quotation behind their link, after the phone check', params: S.QuoteLinkParams, body: S.PublicQuoteCheck, response: { 200: S.PublicQuotation, ...err(400, 403, 404, 429) } },
    },
    async (request) => publicQuotation(deps(), app.phoneChecks.forClient(request.ip), request.params.token, request.body),
  );

  app.post(
    '/api/public/service-quotes/:token/answer',
    {
      config: limited,
      schema: { tags: publicTags, security: [], summary: 'The customer confirms (while valid) or declines the quotation, once', params: S.QuoteLinkParams, body: S.PublicQuoteAnswer, response: { 200: S.PublicQuoteChanged, ...err(400, 403, 404, 409, 429) } },
    },
    async (request) => answerQuotation(deps(), app.phoneChecks.forClient(request.ip), request.params.token, request.body),
  );

  app.post(
    '/api/public/service-quotes/:token/acceptance',
    {
      config: limited,
      schema: { tags: publicTags, security: [], summary: 'The customer accepts the visit (验收确认) with their name', params: S.QuoteLinkParams, body: S.PublicVisitAcceptance, response: { 200: S.PublicQuoteChanged, ...err(400, 403, 404, 409, 429) } },
    },
    async (request) => acceptVisit(deps(), app.phoneChecks.forClient(request.ip), request.params.token, request.body),
  );
};
