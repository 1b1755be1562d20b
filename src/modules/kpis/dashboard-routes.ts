/**
 * Routes of the KPI dashboards, targets and assessments (docs/product.md §6; docs/architecture.md
 * "KPIs: dashboards, targets and assessments"). Thin: schema, permission, use case.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { errorResponses } from '../../http/schemas.js';
import { agentAssessment, assessmentPeople, kpiOverview, kpiRanking, kpiRankingXlsx, kpiTrendXlsx } from './dashboard.js';
import * as S from './dashboard-schemas.js';
import { KpiParams } from './schemas.js';
import type { KpiDeps } from './service.js';
import { listTargets, setTarget } from './targets.js';
import { sendDownload, XLSX_TYPE } from '../../http/download.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const kpiDashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): KpiDeps => ({ db: app.db, timeZone: app.config.timeZone });
  const read = { permission: 'kpis.read' } as const;
  const tags = ['kpis'];
  const sendXlsx = (reply: FastifyReply, file: { fileName: string; bytes: Buffer }) => sendDownload(reply, { fileName: file.fileName, contentType: XLSX_TYPE, content: file.bytes });

  app.get(
    '/api/kpis/overview',
    {
      config: read,
      schema: {
        tags,
        summary: 'Every KPI by day, week or month for the company, each period with the company target in force on its last day and whether it is met; from the daily facts only',
        querystring: S.OverviewQuery,
        response: { 200: S.Overview, ...errorResponses },
      },
    },
    async (request) => kpiOverview(deps(), request.query),
  );

  app.get(
    '/api/kpis/:id/trend.xlsx',
    {
      config: read,
      schema: { tags, summary: 'Exactly one KPI’s overview chart as an XLSX workbook: every period, its value, target and verdict', params: KpiParams, querystring: S.OverviewQuery, response: { ...errorResponses, ...err(404) } },
    },
    async (request, reply) => sendXlsx(reply, await kpiTrendXlsx(deps(), request.params.id, request.query, request.locale)),
  );

  app.get(
    '/api/kpis/:id/ranking',
    {
      config: read,
      schema: {
        tags,
        summary: 'A KPI’s stations, provinces or cities over a period, worst first, against their targets; from the daily facts only',
        params: KpiParams,
        querystring: S.RankingQuery,
        response: { 200: S.Ranking, ...errorResponses, ...err(404) },
      },
    },
    async (request) => kpiRanking(deps(), request.params.id, request.query),
  );

  app.get(
    '/api/kpis/:id/ranking.xlsx',
    {
      config: read,
      schema: { tags, summary: 'Exactly the ranking as an XLSX workbook (every row, no row cap)', params: KpiParams, querystring: S.RankingQuery, response: { ...errorResponses, ...err(404) } },
    },
    async (request, reply) => sendXlsx(reply, await kpiRankingXlsx(deps(), request.params.id, request.query, request.locale)),
  );

  app.get(
    '/api/kpi-targets',
    {
      config: read,
      schema: {
        tags,
        summary: 'Targets and their history: every version, newest first per KPI and scope, the one in force today marked',
        querystring: S.TargetsQuery,
        response: { 200: S.TargetList, ...errorResponses, ...err(404) },
      },
    },
    async (request) => listTargets(deps(), request.query),
  );

  app.post(
    '/api/kpi-targets',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags,
        summary: 'A new version of a KPI’s target for the company, a team or a station from a day on, with why; earlier versions stay',
        body: S.SetTargetBody,
        response: { 201: S.TargetCreated, ...errorResponses, ...err(404) },
      },
    },
    async (request, reply) => reply.status(201).send(await setTarget(deps(), request.context(), request.body)),
  );

  app.get(
    '/api/kpi-assessments',
    {
      config: { permission: 'console.use' },
      schema: { tags, summary: 'The people whose assessment the caller may read: themself; a supervisor their team; managers everyone', response: { 200: S.People, ...errorResponses } },
    },
    async (request) => assessmentPeople(deps(), request.context().actor),
  );

  app.get(
    '/api/kpi-assessments/:userId',
    {
      config: { permission: 'console.use' },
      schema: {
        tags,
        summary: 'A person’s assessment for a period: the KPIs credited to them against their team’s targets (else the company’s)',
        params: S.PersonParams,
        querystring: S.PeriodQuery,
        response: { 200: S.Assessment, ...errorResponses, ...err(403, 404) },
      },
    },
    async (request) => agentAssessment(deps(), request.context().actor, request.params.userId, request.query),
  );
};
