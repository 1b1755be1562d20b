/**
 * The monthly statistics reports of a customer (docs/product.md §5): the list on the customer's
 * page, generating one on demand, and downloading its PDF or XLSX. Who may: `customers/access.ts`
 * (the `report` action: the account's manager, supervisors and managers).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, Uuid } from '../../../http/schemas.js';
import { generateMonthlyReport, listMonthlyReports, monthlyReportFile } from './service.js';
import { sendDownload } from '../../../http/download.js';

const tags = ['customers'];
const notFound = { 404: Type.Ref('ErrorResponse') };
const Params = Type.Object({ id: Uuid }, { additionalProperties: false });
const FileParams = Type.Object({ id: Uuid, reportId: Uuid, format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) }, { additionalProperties: false });

const reportFields = {
  id: Type.String(),
    month: Type.String({ description: 'YYYY-MM, company time zone' }),
    reportNo: Type.String(),
    generatedAt: Type.String({ format: 'date-time' }),
    trigger: Type.Union([Type.Literal('schedule'), Type.Literal('demand')]),
    generatedBy: Type.Union([Type.String(), Type.Null()], { description: 'who made it on demand; null for the schedule' }),
    shipments: Type.Integer(),
    onTimeRate: Type.Union([Type.Number(), Type.Null()]),
};
const Report = Type.Object(reportFields, { additionalProperties: false });

const Generate = Type.Object(
  {
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'a month that is over, YYYY-MM in the company time zone' }),
    email: Type.Optional(Type.Boolean({ description: "also e-mail it to the customer's first contact with an address (through the outbox)" })),
  },
  { additionalProperties: false },
);

export const monthlyReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = () => ({ db: app.db, timeZone: app.config.timeZone });

  app.get(
    '/api/customers/:id/reports',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The customer's monthly statistics reports (月度统计分析表), newest month first",
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(Report) }, { additionalProperties: false }), ...errorResponses, ...notFound },
      },
    },
    async (request) => listMonthlyReports(deps(), request.context(), request.params.id),
  );

  app.post(
    '/api/customers/:id/reports',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "Make the customer's report of a month that is over now (replacing that month's), optionally e-mailing it",
        description: 'A month not over is 400 REPORT_MONTH_INVALID; `email` without a contact address is 409 REPORT_NO_EMAIL.',
        params: Params,
        body: Generate,
        response: {
          201: Type.Object({ ...reportFields, emailedTo: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
          ...errorResponses,
          ...notFound,
          409: Type.Ref('ErrorResponse'),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await generateMonthlyReport(deps(), request.context(), request.params.id, request.body)),
  );

  app.get(
    '/api/customers/:id/reports/:reportId/:format',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'Download a stored monthly report as PDF or XLSX',
        description: 'The file with its type and `Content-Disposition: attachment` naming it in Chinese (RFC 5987 `filename*`).',
        params: FileParams,
        response: { ...errorResponses, ...notFound },
      },
    },
    async (request, reply) => {
      const file = await monthlyReportFile(deps(), request.context(), request.params.id, request.params.reportId, request.params.format);
      return sendDownload(reply, file);
    },
  );
};
