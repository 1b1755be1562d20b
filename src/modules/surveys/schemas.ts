/** Request and response schemas of the surveys module (also its OpenAPI). */
import Type from 'typebox';
import { Nullable, Text, Uuid } from '../../http/schemas.js';
import { OPTIONS_MAX, QUESTION_KINDS, QUESTIONS_MAX, TEXT_ANSWER_MAX } from '../../domain/customers/surveys.js';

const Bilingual = (maxLength: number) => Type.Object({ 'zh-CN': Text({ maxLength }), 'en-US': Text({ maxLength }) }, { additionalProperties: false });
const QuestionId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' });

export const QuestionInput = Type.Object(
  {
    id: QuestionId,
    kind: Type.Union(QUESTION_KINDS.map((k) => Type.Literal(k))),
    text: Bilingual(300),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Type.Object({ id: QuestionId, label: Bilingual(100) }, { additionalProperties: false }), { maxItems: OPTIONS_MAX })),
    minChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: OPTIONS_MAX })),
    maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: OPTIONS_MAX })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: TEXT_ANSWER_MAX })),
  },
  { additionalProperties: false },
);

export const QuestionnaireCreate = Type.Object(
  { title: Text({ maxLength: 100 }), questions: Type.Array(QuestionInput, { minItems: 1, maxItems: QUESTIONS_MAX }) },
  { additionalProperties: false },
);

export const Questionnaire = Type.Object({ id: Type.String(), title: Type.String(), questions: Type.Array(Type.Unknown()), createdAt: Type.String() });
export const QuestionnaireList = Type.Object({ items: Type.Array(Questionnaire) });

export const Audience = Type.Object(
  {
    tiers: Type.Optional(Type.Array(Type.Union([Type.Literal('standard'), Type.Literal('key')]), { minItems: 1, maxItems: 2 })),
    accountManagerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 200 })),
    customerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000 })),
  },
  { additionalProperties: false, minProperties: 1, description: 'Who is asked: all criteria given hold (tiers, account managers, an explicit list of customers). Only customers with a phone are sent the link.' },
);

export const CampaignCreate = Type.Object(
  {
    title: Text({ maxLength: 100 }),
    questionnaireId: Uuid,
    audience: Audience,
    openDays: Type.Integer({ minimum: 1, maximum: 90, description: 'days the link stays open after sending' }),
  },
  { additionalProperties: false },
);
export const CampaignCreated = Type.Object({ id: Type.String() });

export const CampaignSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  questionnaireId: Type.String(),
  audience: Type.Unknown(),
  openDays: Type.Integer(),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  invited: Type.Integer({ description: 'customers asked (an account manager: of their own customers)' }),
  answered: Type.Integer(),
});
export const CampaignList = Type.Object({ items: Type.Array(CampaignSummary) });
export const CampaignSent = Type.Object({ invited: Type.Integer(), sentAt: Type.String(), closesAt: Type.String() });

const N = Nullable(Type.Number());
const Scores = {
  nps: Type.Object({ responses: Type.Integer(), promoters: Type.Integer(), passives: Type.Integer(), detractors: Type.Integer(), score: N }, { description: '% promoters (9–10) − % detractors (0–6)' }),
  csat: Type.Object({ responses: Type.Integer(), satisfied: Type.Integer(), fromTicketRatings: Type.Integer(), share: N }, { description: 'share of 4–5, ticket ratings after resolution included' }),
  ces: Type.Object({ responses: Type.Integer(), mean: N }),
};
const Group = Type.Object({ group: Nullable(Type.String()), invited: Type.Integer(), answered: Type.Integer(), responseRate: N, ...Scores });

export const CampaignResults = Type.Object({
  campaign: CampaignSummary,
  scope: Type.Union([Type.Literal('all'), Type.Literal('ownCustomers')]),
  questions: Type.Array(Type.Unknown()),
  responseRate: N,
  ...Scores,
  byTier: Type.Array(Group),
  byAccountManager: Type.Array(Type.Object({ ...Group.properties, name: Nullable(Type.String()) })),
  bySegment: Type.Object({ available: Type.Boolean(), groups: Type.Array(Group) }, { description: 'RFM value segments: not available until they are stored' }),
});

export const AnswerList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({ id: Type.String(), customer: Type.String({ description: 'masked' }), tier: Type.String(), accountManager: Nullable(Type.String()), answeredAt: Type.String(), answers: Type.Unknown() }),
  ),
});

export const SurveyTokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{32,64}$' }) }, { additionalProperties: false });

export const PublicSurvey = Type.Object({
  title: Type.String(),
  closesAt: Nullable(Type.String()),
  timeZone: Type.String({ description: 'the company zone, to show closesAt in' }),
  answered: Type.Boolean({ description: 'true once this invitation has its answer (the questions are then not sent)' }),
  questions: Type.Array(Type.Unknown()),
});

/** Answers are checked by the domain rule, not here: a wrong type comes back as that question's problem. */
export const PublicAnswers = Type.Object(
  {
    answers: Type.Record(
      Type.String({ maxLength: 40 }),
      Type.Union([
        Type.Number({ minimum: -1_000_000, maximum: 1_000_000 }),
        Type.String({ maxLength: TEXT_ANSWER_MAX * 2 }),
        Type.Array(Type.String({ maxLength: 40 }), { maxItems: OPTIONS_MAX * 2 }),
        Type.Null(),
      ]),
      { maxProperties: QUESTIONS_MAX * 2 },
    ),
  },
  { additionalProperties: false },
);
