import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { userOf } from '../tickets/service.js';
import * as S from './schemas-ops.js';
import { emailNotification, renderWorkPlanHtml, workPlan, workPlanDocument, type ServiceOrderDeps } from './service.js';
import { sendDownload } from '../../http/download.js';

const TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** The work plan (工作计划表) of a work center as data, a print page, a PDF and a workbook; e-mailing a notification to a department. */
export const serviceOrderPlanRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ServiceOrderDeps => ({ db: app.db, reference: app.reference, timeZone: app.config.timeZone });
  const tags = ['service-orders'];
  const read = { permission: 'serviceOrders.read' } as const;
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);

  app.get(
    '/api/service-orders/work-plan',
    { config: read, schema: { tags, summary: 'A work center’s plan of site visits for a day or a week (Monday–Sunday): urgent first, then by agreed time', querystring: S.WorkPlanQuery, response: { 200: S.WorkPlanView, ...errorResponses, 422: Type.Ref('ErrorResponse') } } },
    async (request) => workPlan(deps(), actor(request), request.query),
  );

  app.get(
    '/api/service-orders/work-plan.html',
    {
      config: read,
      schema: { tags, summary: 'The work plan as a clean page to print (A4 landscape; self-contained, no script)', querystring: S.WorkPlanQuery, response: { ...errorResponses, 422: Type.Ref('ErrorResponse') } },
    },
    async (request, reply) => {
      const { model } = await workPlan(deps(), actor(request), request.query);
      return reply.headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' }).send(renderWorkPlanHtml(model));
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/service-orders/work-plan.${format}`,
      {
        config: read,
        schema: {
          tags,
          summary: format === 'pdf' ? 'The work plan as a PDF (Chinese in the embedded Noto Sans SC)' : 'The work plan as an XLSX workbook (one row per visit, header frozen)',
          querystring: S.WorkPlanQuery,
          response: { ...errorResponses, 422: Type.Ref('ErrorResponse') },
        },
      },
      async (request, reply) => {
        const { fileName, body } = await workPlanDocument(deps(), actor(request), request.query, format);
        return sendDownload(reply, { fileName, contentType: TYPES[format], content: body });
      },
    );
  }

  app.post(
    '/api/service-orders/:id/email',
    {
      config: { permission: 'serviceOrders.work' },
      schema: {
        tags,
        summary: 'E-mail the notification to a department: the work center’s mailbox, through the outbox (sent by SMTP when configured, else recorded)',
        params: IdParams,
        body: S.EmailBody,
        response: { 202: S.EmailQueued, ...errorResponses, 404: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse'), 422: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => reply.status(202).send(await emailNotification(deps(), actor(request), request.params.id, request.body)),
  );
};
