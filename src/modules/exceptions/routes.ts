import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { provinceName } from '../../domain/regions/index.js';
import { errorResponses, Nullable, PageQuery, pageWindow } from '../../http/schemas.js';
import { EXCEPTION_KINDS } from '../../domain/tracking/exceptions.js';
import { exceptionBoard } from './service.js';

const Query = Type.Object(
  {
    kind: Type.Optional(Type.Enum([...EXCEPTION_KINDS])),
    open: Type.Optional(Type.Boolean({ default: true })),
    site: Type.Optional(Type.String({ maxLength: 128 })),
    province: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Board = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      waybillNo: Type.String(),
      kind: Type.String(),
      raisedAt: Type.String({ format: 'date-time' }),
      clearedAt: Nullable(Type.String({ format: 'date-time' })),
      site: Nullable(Type.String()),
      provinceCode: Nullable(Type.String()),
      provinceName: Nullable(Type.String()),
    }),
  ),
  total: Type.Integer(),
  counts: Type.Object({
    byKind: Type.Record(Type.String(), Type.Integer()),
    byAge: Type.Object({ under1d: Type.Integer(), from1to3d: Type.Integer(), over3d: Type.Integer() }),
    bySite: Type.Array(Type.Object({ site: Type.String(), count: Type.Integer() })),
    byProvince: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() })),
  }),
});

export const exceptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/exceptions',
    {
      config: { permission: 'shipments.read' },
      schema: {
        tags: ['tracking'],
        summary: 'Exceptions board: the list and counts by kind, age, station and province',
        querystring: Query,
        response: { 200: Board, ...errorResponses },
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
