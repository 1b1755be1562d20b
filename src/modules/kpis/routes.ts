import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from '../../http/schemas.js';
import * as S from './schemas.js';
import { kpiFacts, kpiRegistry, kpiSeries, kpiSeriesXlsx, type KpiDeps } from './service.js';
import { sendDownload, XLSX_TYPE } from '../../http/download.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): KpiDeps => ({ db: app.db, timeZone: app.config.timeZone });
  const read = { permission: 'kpis.read' } as const;
  const tags = ['kpis'];

  app.get(
    '/api/kpis',
    { config: read, schema: { tags, summary: 'The KPI registry: each KPI’s formula over daily facts, unit, direction, source, slices and whether it is available', response: { 200: S.KpiList, ...errorResponses } } },
    async () => kpiRegistry(),
  );

  app.get(
    '/api/kpis/:id/series',
    {
      config: read,
      schema: {
        tags,
        summary: 'A KPI by day, week or month (company time zone), optionally by one slice; read from the daily facts only',
        params: S.KpiParams,
        querystring: S.SeriesQuery,
        response: { 200: S.Series, ...errorResponses, ...err(404) },
      },
    },
    async (request) => kpiSeries(deps(), request.params.id, request.query),
  );

  app.get(
    '/api/kpis/:id/series.xlsx',
    {
      config: read,
      schema: { tags, summary: 'Exactly the series as an XLSX workbook (every point, no row cap)', params: S.KpiParams, querystring: S.SeriesQuery, response: { ...errorResponses, ...err(404) } },
    },
    async (request, reply) => {
      const { fileName, bytes } = await kpiSeriesXlsx(deps(), request.params.id, request.query);
      return sendDownload(reply, { fileName, contentType: XLSX_TYPE, content: bytes });
    },
  );

  app.get(
    '/api/kpis/:id/facts',
    {
      config: read,
      schema: {
        tags,
        summary: 'The tickets, parcels, claims or ledger entries behind a KPI’s number in a period (and slice), newest first, paged',
        params: S.KpiParams,
        querystring: S.FactsQuery,
        response: { 200: S.FactPage, ...errorResponses, ...err(404) },
      },
    },
    async (request) => kpiFacts(deps(), request.params.id, request.query),
  );
};
