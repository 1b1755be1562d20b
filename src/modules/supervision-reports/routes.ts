/**
 * Supervision reports' routes (docs/product.md §6): list, generate on demand, read one (the page),
 * download its PDF or XLSX, and one's own e-mail subscription. Who may: access.ts (`kpis.read`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, Nullable, Uuid } from '../../http/schemas.js';
import { generateSupervisionReport, listSupervisionReports, mySubscription, setSubscription, supervisionReport, supervisionReportFile, type SupervisionDeps } from './service.js';
import { sendDownload } from '../../http/download.js';

const tags = ['supervision-reports'];
const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));
const read = { permission: 'kpis.read' } as const;
const PeriodKind = Type.Union([Type.Literal('week'), Type.Literal('month')]);
const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'YYYY-MM-DD, company time zone' });

const reportFields = {
  id: Type.String(),
  period: PeriodKind,
  start: Type.String({ description: 'first day (a Monday, or the 1st)' }),
  end: Type.String({ description: 'last day, included' }),
  teamId: Nullable(Type.String({ description: 'null: the company’s report' })),
  teamName: Nullable(Type.String()),
  reportNo: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('demand')]),
  generatedBy: Nullable(Type.String({ description: 'who made it on demand; null for the schedule' })),
};
const Report = Type.Object(reportFields, { additionalProperties: false });

const Localized = Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() });
const Num = Nullable(Type.Number());
const ReportData = Type.Object({
  reportNo: Type.String(),
  carrier: Type.String(),
  period: Type.Object({ kind: PeriodKind, start: Type.String(), end: Type.String(), title: Type.String() }),
  previous: Type.Object({ kind: PeriodKind, start: Type.String(), end: Type.String() }),
  scope: Type.Object({ kind: Type.Union([Type.Literal('company'), Type.Literal('team')]), teamId: Nullable(Type.String()), teamName: Nullable(Type.String()) }),
  timeZone: Type.String(),
  generatedAt: Type.String(),
  kpis: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Localized,
      unit: Type.String(),
      direction: Type.String(),
      available: Type.Boolean(),
      value: Num,
      previous: Num,
      delta: Num,
      better: Nullable(Type.Boolean()),
      target: Nullable(Type.Object({ value: Type.Number(), direction: Type.String(), versionId: Type.String() })),
      standing: Type.Union([Type.Literal('met'), Type.Literal('missed'), Type.Literal('no_target'), Type.Literal('no_data')]),
    }),
  ),
  trend: Type.Object({ kpi: Type.String(), points: Type.Array(Type.Object({ day: Type.String(), value: Num })) }),
  stations: Nullable(
    Type.Array(Type.Object({ station: Type.String(), delivered: Type.Number(), late: Type.Number(), onTimeRate: Num, damaged: Type.Number(), lost: Type.Number(), chargebackFen: Type.Number() })),
  ),
  causes: Type.Array(Type.Object({ code: Nullable(Type.String()), label: Localized, count: Type.Number(), previous: Type.Number() })),
  notable: Type.Array(
    Type.Object({ id: Type.String(), number: Type.String(), subject: Type.String(), openedAt: Type.String(), status: Type.String(), causeCode: Nullable(Type.String()), reasons: Type.Array(Type.String()) }),
  ),
  qa: Type.Object({
    available: Type.Boolean(),
    reviews: Type.Optional(Type.Number()),
    averageScore: Type.Optional(Num),
    criticalFails: Type.Optional(Type.Number()),
    disputes: Type.Optional(Type.Number()),
    lowest: Type.Optional(Type.Array(Type.Object({ agent: Type.String(), reviews: Type.Number(), averageScore: Type.Number() }))),
  }),
});

const ListQuery = Type.Object(
  {
    period: Type.Optional(PeriodKind),
    scope: Type.Optional(Type.Union([Type.Literal('company'), Uuid], { description: '`company`, or a team’s id' })),
  },
  { additionalProperties: false },
);
const Generate = Type.Object(
  {
    period: PeriodKind,
    start: Day,
    teamId: Type.Optional(Uuid),
    email: Type.Optional(Type.Boolean({ description: 'also e-mail it to the scope’s subscribers (through the outbox)' })),
  },
  { additionalProperties: false },
);
const Params = Type.Object({ id: Uuid }, { additionalProperties: false });
const FileParams = Type.Object({ id: Uuid, format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) }, { additionalProperties: false });
const Subscription = Type.Object(
  {
    weekly: Type.Boolean(),
    monthly: Type.Boolean(),
    teamId: Nullable(Uuid),
  },
  { additionalProperties: false },
);
const SubscriptionView = Type.Object(
  { weekly: Type.Boolean(), monthly: Type.Boolean(), teamId: Nullable(Type.String()), email: Nullable(Type.String({ description: 'where the reports go: the address on one’s account' })) },
  { additionalProperties: false },
);

export const supervisionReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): SupervisionDeps => ({ db: app.db, timeZone: app.config.timeZone });

  app.get(
    '/api/supervision-reports',
    {
      config: read,
      schema: { tags, summary: 'The kept supervision reports (服务监督报告), newest period first', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Report) }, { additionalProperties: false }), ...errorResponses } },
    },
    async (request) => listSupervisionReports(deps(), request.context().actor, request.query),
  );

  app.post(
    '/api/supervision-reports',
    {
      config: read,
      schema: {
        tags,
        summary: 'Make the weekly or monthly report of a period that is over now, for the company or a team (replacing a kept one)',
        description: 'A start that is not a Monday (week) or the 1st (month), or a period not over, is 400 SUPERVISION_PERIOD_INVALID; an unknown team 400 DEPARTMENT_NOT_FOUND.',
        body: Generate,
        response: { 201: Type.Object({ ...reportFields, emailed: Type.Integer() }, { additionalProperties: false }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await generateSupervisionReport(deps(), request.context().actor, request.body)),
  );

  app.get(
    '/api/supervision-reports/subscription',
    { config: read, schema: { tags, summary: 'My e-mail subscription to the supervision reports', response: { 200: SubscriptionView, ...errorResponses } } },
    async (request) => mySubscription(deps(), request.context().actor),
  );

  app.put(
    '/api/supervision-reports/subscription',
    {
      config: read,
      schema: {
        tags,
        summary: 'Set my subscription: weekly and/or monthly reports of the company (teamId null) or of a team, e-mailed to my address',
        description: 'Wanting a report without an e-mail address on one’s account is 409 SUPERVISION_SUBSCRIPTION_NO_EMAIL.',
        body: Subscription,
        response: { 200: SubscriptionView, ...errorResponses, ...err(409) },
      },
    },
    async (request) => setSubscription(deps(), request.context().actor, request.body),
  );

  app.get(
    '/api/supervision-reports/:id',
    {
      config: read,
      schema: { tags, summary: 'A kept report with everything it showed', params: Params, response: { 200: Type.Object({ ...reportFields, data: ReportData }), ...errorResponses, ...err(404) } },
    },
    async (request) => supervisionReport(deps(), request.context().actor, request.params.id),
  );

  app.get(
    '/api/supervision-reports/:id/:format',
    {
      config: read,
      schema: { tags, summary: 'Download a kept report as PDF or XLSX', params: FileParams, response: { ...errorResponses, ...err(404) } },
    },
    async (request, reply) => {
      const file = await supervisionReportFile(deps(), request.context().actor, request.params.id, request.params.format);
      return sendDownload(reply, file);
    },
  );
};
