/** The exceptions board's query and answer (the console's types are their static types). */
import Type from 'typebox';
import { EXCEPTION_KINDS } from '../../domain/tracking/exceptions.js';
import { Nullable, PageQuery } from '../../http/schemas.js';

export const ExceptionQuery = Type.Object(
  {
    kind: Type.Optional(Type.Enum([...EXCEPTION_KINDS])),
    open: Type.Optional(Type.Boolean({ default: true })),
    site: Type.Optional(Type.String({ maxLength: 128 })),
    province: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const ExceptionBoard = Type.Object({
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
