import Type from 'typebox';
import { DIMENSIONS } from '../../domain/kpis/registry.js';

const Localized = Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() });
const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'YYYY-MM-DD, a day of the company’s time zone' });
const Dimension = Type.Union(DIMENSIONS.map((d) => Type.Literal(d)));
const Term = Type.Object({ fact: Type.String(), sign: Type.Optional(Type.Number()) });

export const KpiDefinition = Type.Object({
  id: Type.String(),
  name: Localized,
  formula: Type.Object({ numerator: Type.Array(Term), denominator: Type.Union([Type.Array(Term), Type.Null()]), scale: Type.Number() }),
  unit: Type.String(),
  direction: Type.String(),
  source: Localized,
  businessTime: Type.Boolean(),
  available: Type.Boolean(),
  facts: Type.Array(Type.String()),
  dimensions: Type.Array(Type.String()),
});
export const KpiList = Type.Object({ kpis: Type.Array(KpiDefinition), facts: Type.Array(Type.String()) });

export const KpiParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const SeriesQuery = Type.Object(
  {
    from: Day,
    to: Day,
    grain: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], { default: 'day' })),
    by: Type.Optional(Dimension),
    /** with `by`: only this key of the slice (e.g. one station) */
    key: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const SeriesPoint = Type.Object({
  /** the first day of the period (a week starts on Monday) */
  period: Type.String(),
  /** the slice's key ('' = records without one), '' without `by` */
  key: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  /** null: nothing to divide by in this period and slice (never a made-up 0) */
  value: Type.Union([Type.Number(), Type.Null()]),
  facts: Type.Record(Type.String(), Type.Number()),
});

export const Series = Type.Object({
  kpi: Type.String(),
  available: Type.Boolean(),
  unit: Type.String(),
  grain: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
  from: Type.String(),
  to: Type.String(),
  points: Type.Array(SeriesPoint),
});

export const FactsQuery = Type.Object(
  {
    from: Day,
    to: Day,
    by: Type.Optional(Dimension),
    key: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const FactRecord = Type.Object({
  /** parcel, ticket, claim or ledger entry */
  kind: Type.String(),
  id: Type.String(),
  /** the waybill number, or the ticket number */
  reference: Type.String(),
  fact: Type.String(),
  at: Type.String({ format: 'date-time' }),
  /** counted in the numerator (late, damaged, answered within target …) or only in the denominator */
  inNumerator: Type.Boolean(),
});

export const FactPage = Type.Object({ kpi: Type.String(), available: Type.Boolean(), total: Type.Integer(), records: Type.Array(FactRecord) });

