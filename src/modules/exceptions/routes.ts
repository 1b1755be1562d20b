import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { provinceName } from '../../domain/regions/index.js';
import { errorResponses, pageWindow } from '../../http/schemas.js';
import { ExceptionBoard, ExceptionQuery } from './schemas.js';
import { exceptionBoard } from './service.js';

export const exceptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/exceptions',
    {
      config: { permission: 'shipments.read' },
      schema: {
        tags: ['tracking'],
        summary: 'Exceptions board: the list and counts by kind, age, station and province',
        querystring: ExceptionQuery,
        response: { 200: ExceptionBoard, ...errorResponses },
      },
    },
    async (request) => {
      const { kind, site, province } = request.query;
      const filter = { kind, site, province, open: request.query.open ?? true };
      const { list, counts } = await exceptionBoard(app.db, filter, pageWindow(request.query));
      return {
        items: list.rows.map((r) => ({
          id: r.id,
          waybillNo: r.waybill_no,
          kind: r.kind,
          raisedAt: r.raised_at.toISOString(),
          clearedAt: r.cleared_at?.toISOString() ?? null,
          site: r.site,
          provinceCode: r.recipient_province,
          provinceName: r.recipient_province ? provinceName(r.recipient_province) : null,
        })),
        total: list.total,
        counts: {
          byKind: Object.fromEntries(counts.byKind.map((r) => [r.kind, Number(r.n)])),
          byAge: { under1d: Number(counts.byAge.under1d), from1to3d: Number(counts.byAge.from1to3d), over3d: Number(counts.byAge.over3d) },
          bySite: counts.bySite.map((r) => ({ site: r.site!, count: Number(r.n) })),
          byProvince: counts.byProvince.map((r) => ({ code: r.code!, name: provinceName(r.code!) ?? r.code!, count: Number(r.n) })),
        },
      };
    },
  );
};
