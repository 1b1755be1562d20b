/** Request and response schemas of the quality checks (质检); also the OpenAPI document. */
import Type from 'typebox';
import { TICKET_NOTE_MAX, TICKET_REASON_MAX } from '../../domain/limits.js';
import { PER_AGENT_MAX, WEIGHT_MAX } from '../../domain/quality/sampling.js';
import { Nullable, PageQuery, Text, Uuid, Version } from '../../http/schemas.js';

const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'YYYY-MM-DD, a day of the company time zone' });
const Localized = Type.Object({ 'zh-CN': Type.String({ maxLength: 100 }), 'en-US': Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const ItemKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });
const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const TicketRef = Type.Object({ id: Type.String(), number: Type.String(), subject: Type.String(), kind: Type.Optional(Type.String()) });
const Stratum = Type.Union([Type.Literal('phrase_hit'), Type.Literal('complaint'), Type.Literal('claim')]);

export const Scorecard = Type.Object(
  {
    categories: Type.Array(
      Type.Object(
        { key: ItemKey, label: Localized, weight: Type.Integer({ minimum: 0, maximum: 100 }), critical: Type.Optional(Type.Boolean({ description: '红线: scored 0 (failed) or 100 (passed); a fail sets the review to 0' })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
    bonus: Type.Array(Type.Object({ key: ItemKey, label: Localized, points: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }), { maxItems: 20 }),
    bonusCap: Type.Integer({ minimum: 0, maximum: 100 }),
    maxScore: Type.Integer({ minimum: 100, maximum: 200 }),
    passMark: Type.Integer({ minimum: 0, maximum: 200 }),
  },
  { additionalProperties: false },
);

export const ScorecardView = Type.Object({ version: Type.Integer(), scorecard: Scorecard, note: Type.Optional(Type.String()), createdAt: Type.Optional(Type.String()) });
export const ScorecardChange = Type.Object({ scorecard: Scorecard, note: Text({ maxLength: TICKET_REASON_MAX }) }, { additionalProperties: false });
export const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false });

export const Sampling = Type.Object(
  {
    perAgent: Type.Integer({ minimum: 1, maximum: PER_AGENT_MAX, description: 'tickets drawn per agent and week' }),
    weights: Type.Object(
      {
        phrase_hit: Type.Integer({ minimum: 1, maximum: WEIGHT_MAX }),
        complaint: Type.Integer({ minimum: 1, maximum: WEIGHT_MAX }),
        claim: Type.Integer({ minimum: 1, maximum: WEIGHT_MAX }),
      },
      { additionalProperties: false, description: 'how much likelier a ticket of each stratum is drawn than an ordinary one' },
    ),
  },
  { additionalProperties: false },
);

export const SampleRequest = Type.Object(
  {
    week: Type.Optional(Type.String({ maxLength: 10, description: 'the Monday of the week (YYYY-MM-DD); default this week so far' })),
    teamId: Type.Optional(Uuid),
    agentId: Type.Optional(Uuid),
    seed: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'default the week: the same seed draws the same tickets' })),
  },
  { additionalProperties: false },
);

export const Assignment = Type.Object({
  id: Type.String(),
  week: Type.String(),
  agent: Ref,
  team: Nullable(Ref),
  ticket: TicketRef,
  reviewer: Ref,
  strata: Type.Array(Type.String()),
  reason: Type.String({ description: 'phrase_hit, complaint or claim: the stratum’s guaranteed place; draw: the weighted draw' }),
  source: Type.String(),
  createdAt: Type.String(),
  review: Nullable(Type.Object({ id: Type.String(), score: Type.Number(), criticalFailed: Type.Boolean(), status: Type.String() })),
});
export const SampleResult = Type.Object({ week: Type.String(), perAgent: Type.Integer(), created: Type.Array(Assignment) });
export const AssignmentPage = Type.Object({ items: Type.Array(Assignment), total: Type.Integer() });
export const AssignmentQuery = Type.Object(
  {
    week: Type.Optional(Day),
    mine: Type.Optional(Type.Boolean({ default: true, description: 'only those assigned to me (default); false: every reviewer’s' })),
    agentId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    reviewed: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Scores = Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: -100_000, maximum: 100_000 }), {
  maxProperties: 30,
  description: 'each category key of the scorecard → 0–100 (a red line 0 or 100); out of range: 400 QUALITY_SCORE_OUT_OF_RANGE',
});
const Bonus = Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'the bonus item keys awarded' });

export const ReviewInput = Type.Object({ scores: Scores, bonus: Bonus, comment: Type.Optional(Text({ maxLength: TICKET_NOTE_MAX })) }, { additionalProperties: false });

export const Review = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('assigned'), Type.Literal('calibration')]),
  assignmentId: Nullable(Type.String()),
  calibrationId: Nullable(Type.String()),
  week: Nullable(Type.String()),
  ticket: TicketRef,
  agent: Nullable(Ref),
  reviewer: Ref,
  scorecardVersion: Type.Integer(),
  scores: Type.Record(Type.String(), Type.Number()),
  bonus: Type.Array(Type.String()),
  comment: Type.String(),
  score: Type.Number({ description: 'points, one decimal; 0 after a red-line fail' }),
  criticalFailed: Type.Boolean(),
  originalScore: Nullable(Type.Number({ description: 'the score before a dispute revised it' })),
  status: Type.String({ description: 'submitted, disputed, upheld or revised' }),
  submittedAt: Type.String(),
  dispute: Nullable(Type.Object({ reason: Type.String(), at: Nullable(Type.String()) })),
  decision: Nullable(Type.Object({ by: Type.String(), at: Type.String(), note: Type.String() })),
  version: Type.Integer(),
});
export const ReviewDetail = Type.Intersect([Review, Type.Object({ scorecard: Scorecard, can: Type.Object({ dispute: Type.Boolean(), decide: Type.Boolean() }) })]);
export const ReviewPage = Type.Object({ items: Type.Array(Review), total: Type.Integer(), averageScore: Nullable(Type.Number({ description: 'the average score of every review the filter finds (not only this page)' })) });
export const ReviewQuery = Type.Object(
  {
    agentId: Type.Optional(Uuid),
    status: Type.Optional(Type.Union([Type.Literal('submitted'), Type.Literal('disputed'), Type.Literal('upheld'), Type.Literal('revised')])),
    calibrations: Type.Optional(Type.Boolean({ description: 'reviewers: the calibration scores instead of the counted reviews' })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const AssignmentDetail = Type.Intersect([Assignment, Type.Object({ mayReview: Type.Boolean(), reviewDetail: Nullable(Review) })]);

export const Dispute = Type.Object({ reason: Text({ maxLength: TICKET_REASON_MAX }) }, { additionalProperties: false });
export const Decision = Type.Object(
  {
    outcome: Type.Union([Type.Literal('uphold'), Type.Literal('revise')]),
    note: Text({ maxLength: TICKET_REASON_MAX }),
    version: Version(),
    scores: Type.Optional(Scores),
    bonus: Type.Optional(Bonus),
  },
  { additionalProperties: false },
);

export const CalibrationCreate = Type.Object({ ticketId: Uuid, title: Text({ maxLength: 200 }) }, { additionalProperties: false });
export const Calibration = Type.Object({
  id: Type.String(),
  title: Type.String(),
  ticket: TicketRef,
  agent: Nullable(Ref),
  scorecardVersion: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  reviewCount: Type.Integer(),
});
export const CalibrationPage = Type.Object({ items: Type.Array(Calibration), total: Type.Integer() });
export const CalibrationDetail = Type.Intersect([
  Calibration,
  Type.Object({
    scorecard: Scorecard,
    submitted: Type.Boolean({ description: 'whether the caller has scored it; the others’ scores show only then' }),
    reviews: Type.Array(Review),
    spread: Nullable(Type.Object({ min: Type.Number(), max: Type.Number(), spread: Type.Number(), mean: Type.Number(), stdDev: Type.Number() })),
  }),
]);

export const SignalsQuery = Type.Object({ from: Day, to: Day, teamId: Type.Optional(Uuid) }, { additionalProperties: false });
export const Signals = Type.Object({
  from: Type.String(),
  to: Type.String(),
  agents: Type.Array(
    Type.Object({
      agent: Ref,
      team: Nullable(Ref),
      replies: Type.Integer(),
      standardPhraseReplies: Type.Integer(),
      standardPhraseRate: Nullable(Type.Number({ description: 'percent of public replies started from a standard phrase; null without replies' })),
      phraseHits: Type.Integer(),
      blockedHits: Type.Integer(),
      reviews: Type.Integer(),
      averageScore: Nullable(Type.Number()),
      criticalFails: Type.Integer(),
      disputes: Type.Integer(),
    }),
  ),
});

export { Stratum };
