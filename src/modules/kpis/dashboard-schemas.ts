/** Request and response schemas of the dashboards, targets and assessments (also the OpenAPI). */
import Type from 'typebox';
import { Nullable, Text, Uuid } from '../../http/schemas.js';

const Localized = Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() });
const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'YYYY-MM-DD, a day of the company’s time zone' });
const Grain = Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], { default: 'day' });
const Direction = Type.Union([Type.Literal('higher_is_better'), Type.Literal('lower_is_better')]);
const ScopeKind = Type.Union([Type.Literal('company'), Type.Literal('team'), Type.Literal('station')]);
const Verdict = Type.Union([Type.Literal('met'), Type.Literal('missed'), Type.Literal('no_target'), Type.Literal('no_data')], {
  description: 'met or missed against the target; no_target when none is set; no_data when there is nothing to divide by',
});
const Facts = Type.Record(Type.String(), Type.Number());
const TargetRef = Nullable(
  Type.Object({ value: Type.Number(), direction: Direction, versionId: Type.String(), scope: ScopeKind }, { description: 'the target version compared against' }),
);

export const PeriodQuery = Type.Object({ from: Day, to: Day }, { additionalProperties: false });
export const OverviewQuery = Type.Object({ from: Day, to: Day, grain: Type.Optional(Grain) }, { additionalProperties: false });

export const Overview = Type.Object({
  from: Type.String(),
  to: Type.String(),
  grain: Type.String(),
  kpis: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Localized,
      unit: Type.String(),
      direction: Direction,
      /** false: the part that produces it is not built; no points, never zeros */
      available: Type.Boolean(),
      points: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()), target: TargetRef, verdict: Verdict, facts: Facts })),
    }),
  ),
});

export const RankingQuery = Type.Object(
  { from: Day, to: Day, by: Type.Union([Type.Literal('station'), Type.Literal('province'), Type.Literal('city')]) },
  { additionalProperties: false },
);

export const Ranking = Type.Object({
  kpi: Type.String(),
  available: Type.Boolean(),
  unit: Type.String(),
  direction: Direction,
  by: Type.String(),
  from: Type.String(),
  to: Type.String(),
  /** value: ranked by the KPI; numerator: by its numerator's count, where the slice keeps only that (a station's damaged parcels) */
  basis: Type.Union([Type.Literal('value'), Type.Literal('numerator')]),
  rows: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      key: Type.String(),
      label: Nullable(Type.String()),
      value: Nullable(Type.Number()),
      count: Type.Number(),
      target: TargetRef,
      verdict: Verdict,
      facts: Facts,
    }),
  ),
});

export const TargetsQuery = Type.Object(
  {
    kpiId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    scopeKind: Type.Optional(ScopeKind),
    scopeId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

const TargetEntry = Type.Object({
  id: Type.String(),
  kpiId: Type.String(),
  scope: Type.Object({ kind: ScopeKind, id: Type.String(), label: Type.Optional(Nullable(Type.String())) }),
  /** null: the scope's own target withdrawn from validFrom */
  value: Nullable(Type.Number()),
  direction: Direction,
  validFrom: Type.String(),
  reason: Type.String(),
  setBy: Type.String(),
  setAt: Type.String({ format: 'date-time' }),
  inForce: Type.Optional(Type.Boolean()),
});

export const TargetList = Type.Object({ today: Type.String(), targets: Type.Array(TargetEntry) });
export const TargetCreated = TargetEntry;

export const SetTargetBody = Type.Object(
  {
    kpiId: Type.String({ minLength: 1, maxLength: 64 }),
    scope: Type.Object(
      { kind: ScopeKind, id: Type.Optional(Type.String({ maxLength: 100, description: 'a team’s (department’s) id, a station’s name; none for the company' })) },
      { additionalProperties: false },
    ),
    value: Nullable(Type.Number({ minimum: 0, maximum: 1_000_000_000_000, description: 'in the KPI’s unit as the API gives it (percent, minutes, fen …); null withdraws a team’s or station’s own target' })),
    direction: Type.Optional(Direction),
    validFrom: Day,
    reason: Text({ maxLength: 500, description: 'why it is set or changed (kept in the history)' }),
  },
  { additionalProperties: false },
);

const Person = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
});

export const People = Type.Object({ people: Type.Array(Person) });
export const PersonParams = Type.Object({ userId: Uuid }, { additionalProperties: false });

export const Assessment = Type.Object({
  person: Person,
  from: Type.String(),
  to: Type.String(),
  kpis: Type.Array(
    Type.Object({ id: Type.String(), name: Localized, unit: Type.String(), direction: Direction, value: Nullable(Type.Number()), target: TargetRef, verdict: Verdict, facts: Facts }),
  ),
});
