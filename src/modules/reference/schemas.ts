/**
 * Request and response schemas of the reference data: ticket codes, the phrase library and its
 * guard, phrase hits, the business calendar and the SLA policy (docs/product.md §2, §6, §7).
 */
import Type, { type Static } from 'typebox';
import {
  CALENDAR_DAY_NAME_MAX,
  FORBIDDEN_PHRASE_MAX,
  PHRASE_CHECK_TEXT_MAX,
  PHRASE_TITLE_MAX,
  POLICY_NOTE_MAX,
  POLICY_NOTE_MIN,
  REFERENCE_SOURCE_MAX,
  SORT_MAX,
  TICKET_CODE_NAME_MAX,
  TICKET_CODE_PATTERN,
} from '../../domain/limits.js';
import { FORBIDDEN_CATEGORIES, PHRASE_SITUATIONS } from '../../domain/phrases/catalog.js';
import { PHRASE_TEXT_MAX } from '../../domain/phrases/template.js';
import { CUSTOMER_TIERS, PRIORITIES, TICKET_KINDS } from '../../domain/sla/policy.js';
import { Int32, Nullable, PageQuery, Text, Uuid, Version } from '../../http/schemas.js';

const Source = Type.String({ maxLength: REFERENCE_SOURCE_MAX, description: 'Where the entry comes from (seed, standard, notice)' });
const Sort = Type.Integer({ minimum: 0, maximum: SORT_MAX, description: 'Position in its list, smallest first' });
const Instant = Type.String({ format: 'date-time' });

// ---- Ticket codes ----

const TicketCodeKind = Type.Enum(['category', 'cause'], { description: 'category: what the ticket is about; cause: root cause, for reports' });
const CodeValue = Type.String({ pattern: TICKET_CODE_PATTERN, description: 'lower-case snake_case, e.g. where_is_it' });
const NameZh = Text({ maxLength: TICKET_CODE_NAME_MAX, description: 'Chinese name' });
const NameEn = Text({ maxLength: TICKET_CODE_NAME_MAX * 2, description: 'English name' });

export const TicketCode = Type.Object({ code: Type.String(), kind: TicketCodeKind, nameZh: Type.String(), nameEn: Type.String() });
export const TicketCodeList = Type.Object({ items: Type.Array(TicketCode) });

export const AdminTicketCode = Type.Object({
  code: Type.String(),
  kind: TicketCodeKind,
  nameZh: Type.String(),
  nameEn: Type.String(),
  active: Type.Boolean({ description: 'Inactive codes stay on old tickets but cannot be chosen' }),
  sort: Type.Integer(),
});
export type AdminTicketCode = Static<typeof AdminTicketCode>;
export const AdminTicketCodeList = Type.Object({ items: Type.Array(AdminTicketCode) });

export const CreateTicketCodeBody = Type.Object(
  { code: CodeValue, kind: TicketCodeKind, nameZh: NameZh, nameEn: NameEn, sort: Type.Optional(Sort) },
  { additionalProperties: false },
);
export type CreateTicketCodeBody = Static<typeof CreateTicketCodeBody>;

export const UpdateTicketCodeBody = Type.Object(
  { nameZh: Type.Optional(NameZh), nameEn: Type.Optional(NameEn), active: Type.Optional(Type.Boolean()), sort: Type.Optional(Sort) },
  { additionalProperties: false },
);
export type UpdateTicketCodeBody = Static<typeof UpdateTicketCodeBody>;

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

// ---- Standard phrases (规范用语) ----

const Situation = Type.Enum(PHRASE_SITUATIONS, { description: 'The situation of the customer-service language code (客服用语规范) the phrase is for' });
const PhraseTitle = Text({ maxLength: PHRASE_TITLE_MAX });
const PhraseText = Text({
  maxLength: PHRASE_TEXT_MAX,
  description: 'zh-CN text; placeholders {customerName} {waybillNo} {date} {agentName} {minutes}',
});

export const StandardPhrase = Type.Object({ id: Uuid, key: Type.String(), situation: Situation, title: Type.String(), text: Type.String() });
export const StandardPhraseList = Type.Object({ items: Type.Array(StandardPhrase) });

export const AdminStandardPhrase = Type.Object({
  id: Uuid,
  key: Type.String({ description: 'Stable key, <situation>.<n>' }),
  situation: Situation,
  title: Type.String(),
  text: Type.String(),
  source: Type.String(),
  active: Type.Boolean(),
  sort: Type.Integer(),
  updatedAt: Instant,
});
export type AdminStandardPhrase = Static<typeof AdminStandardPhrase>;
export const AdminStandardPhraseList = Type.Object({ items: Type.Array(AdminStandardPhrase) });

export const CreateStandardPhraseBody = Type.Object(
  { situation: Situation, title: PhraseTitle, text: PhraseText, source: Type.Optional(Source), sort: Type.Optional(Sort) },
  { additionalProperties: false },
);
export type CreateStandardPhraseBody = Static<typeof CreateStandardPhraseBody>;

export const UpdateStandardPhraseBody = Type.Object(
  {
    situation: Type.Optional(Situation),
    title: Type.Optional(PhraseTitle),
    text: Type.Optional(PhraseText),
    active: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Sort),
  },
  { additionalProperties: false },
);
export type UpdateStandardPhraseBody = Static<typeof UpdateStandardPhraseBody>;

// ---- Forbidden phrases (服务忌语) and the guard ----

const Category = Type.Enum(FORBIDDEN_CATEGORIES, { description: 'addressing 直呼客户, questioning 反问/质问, shirking 推诿/搪塞, impatience 厌烦/训斥, other' });
const MatchMode = Type.Enum(['contains', 'standalone'], {
  description: 'contains: anywhere in the reply; standalone: only as a whole clause (for short words such as 什么)',
});
const GuardMode = Type.Enum(['block', 'warn'], { description: 'block: a reply with a forbidden phrase is not sent; warn: it is, with the hits shown' });
const ForbiddenText = Text({ maxLength: FORBIDDEN_PHRASE_MAX });

export const AdminForbiddenPhrase = Type.Object({
  id: Uuid,
  phrase: Type.String(),
  normalized: Type.String({ description: 'The form phrases are compared in: no spaces or punctuation, half-width, lower case' }),
  category: Category,
  match: MatchMode,
  source: Type.String(),
  active: Type.Boolean(),
  updatedAt: Instant,
});
export type AdminForbiddenPhrase = Static<typeof AdminForbiddenPhrase>;
export const AdminForbiddenPhraseList = Type.Object({ items: Type.Array(AdminForbiddenPhrase) });

export const CreateForbiddenPhraseBody = Type.Object(
  { phrase: ForbiddenText, category: Category, match: MatchMode, source: Type.Optional(Source) },
  { additionalProperties: false },
);
export type CreateForbiddenPhraseBody = Static<typeof CreateForbiddenPhraseBody>;

export const UpdateForbiddenPhraseBody = Type.Object(
  {
    phrase: Type.Optional(ForbiddenText),
    category: Type.Optional(Category),
    match: Type.Optional(MatchMode),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateForbiddenPhraseBody = Static<typeof UpdateForbiddenPhraseBody>;

export const PhraseGuardSetting = Type.Object({ mode: GuardMode }, { additionalProperties: false });

export const PhraseCheckBody = Type.Object(
  { text: Type.String({ maxLength: PHRASE_CHECK_TEXT_MAX, description: 'The reply as typed so far' }) },
  { additionalProperties: false },
);

const PhraseHitSpan = Type.Object({
  phrase: Type.String(),
  category: Category,
  start: Type.Integer({ description: 'UTF-16 offset of the first character in the text sent' }),
  end: Type.Integer({ description: 'UTF-16 offset after the last character (exclusive)' }),
});
export const PhraseCheckResult = Type.Object({
  mode: GuardMode,
  hits: Type.Array(PhraseHitSpan),
  allowed: Type.Boolean({ description: 'Whether the reply may be sent as it is' }),
});

// ---- Phrase hits (质检) ----

export const PhraseHitQuery = Type.Object(
  { userId: Type.Optional(Uuid), ...PageQuery },
  { additionalProperties: false },
);

export const PhraseHit = Type.Object({
  id: Type.String(),
  at: Instant,
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  ticketId: Nullable(Uuid),
  ticketNumber: Nullable(Type.Integer()),
  phrase: Type.String(),
  category: Type.String(),
  excerpt: Type.String({ description: 'The words around the hit' }),
  blocked: Type.Boolean({ description: 'Whether the reply was stopped' }),
});
export type PhraseHit = Static<typeof PhraseHit>;
export const PhraseHitPage = Type.Object({ items: Type.Array(PhraseHit), total: Type.Integer() });

// ---- Business calendar ----

const Clock = Type.String({ pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'HH:MM local time; 24:00 ends a day' });
const TimeWindow = Type.Object({ start: Clock, end: Clock }, { additionalProperties: false });

export const CalendarSettings = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
    workingHours: Type.Array(TimeWindow, { maxItems: 8, description: 'Windows of a working day, in order' }),
    callbackHours: Type.Array(TimeWindow, { maxItems: 8, description: 'When customers may be called back (回访) if no time was agreed' }),
  },
  { additionalProperties: false },
);
export type CalendarSettings = Static<typeof CalendarSettings>;

const DayKind = Type.Enum(['holiday', 'workday'], { description: 'holiday: a rest day (法定节假日); workday: a weekend day worked (调休上班)' });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, company time zone' });

export const CalendarDay = Type.Object({ date: Type.String(), kind: DayKind, name: Type.String(), source: Type.String() });
export type CalendarDay = Static<typeof CalendarDay>;
export const CalendarDayList = Type.Object({
  items: Type.Array(CalendarDay),
  years: Type.Array(Type.Integer(), { description: 'Every year that has special days' }),
});
export const CalendarDayQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'Only this year; all years without it' })) },
  { additionalProperties: false },
);
export const DateParams = Type.Object({ date: DateText }, { additionalProperties: false });
export const CalendarDayBody = Type.Object(
  { kind: DayKind, name: Text({ maxLength: CALENDAR_DAY_NAME_MAX }), source: Type.Optional(Source) },
  { additionalProperties: false },
);
export type CalendarDayBody = Static<typeof CalendarDayBody>;

// ---- SLA policy ----

// Structure only: the numbers' rules (positive minutes, the statutory complaint ceiling, a base rule
// per kind) are validateSlaPolicy's, which answers POLICY_INVALID with every problem at once.
const SlaTarget = Type.Object(
  {
    minutes: Int32({ description: 'Target in minutes of the basis' }),
    basis: Type.Enum(['calendar', 'business'], { description: 'calendar: 24×7; business: working hours of working days' }),
    source: Type.String({ maxLength: REFERENCE_SOURCE_MAX * 2, description: 'Where the number comes from' }),
  },
  { additionalProperties: false },
);
const SlaRule = Type.Object(
  {
    kind: Type.Enum(TICKET_KINDS),
    priority: Type.Optional(Type.Enum(PRIORITIES, { description: 'Only for this priority; absent = any' })),
    tier: Type.Optional(Type.Enum(CUSTOMER_TIERS, { description: 'Only for this customer tier; absent = any' })),
    firstResponse: Nullable(SlaTarget),
    resolution: Nullable(SlaTarget),
  },
  { additionalProperties: false, description: 'The most specific rule for a ticket wins; null = no clock' },
);
export const SlaPolicySchema = Type.Object(
  {
    warnRatio: Type.Number({ minimum: 0, maximum: 1, description: 'Share of a target after which the clock warns, e.g. 0.8' }),
    rules: Type.Array(SlaRule, { maxItems: 200 }),
    callbackAfterResolutionMinutes: Int32({ description: 'Calendar minutes after resolution before the callback (回访确认) is due' }),
    departmentReply: SlaTarget,
    statutoryComplaintCeilingMinutes: Int32({ description: 'No complaint resolution target may exceed it (《快递暂行条例》: 7 days)' }),
  },
  { additionalProperties: false },
);

const SlaPolicyVersion = Type.Object({ version: Type.Integer(), note: Type.String(), createdBy: Type.String(), createdAt: Instant });
export const SlaPolicyView = Type.Object({
  version: Type.Integer(),
  policy: SlaPolicySchema,
  note: Type.String(),
  createdBy: Type.String(),
  createdAt: Instant,
  versions: Type.Array(SlaPolicyVersion, { description: 'Every version, newest first; none is ever changed' }),
});
export type SlaPolicyView = Static<typeof SlaPolicyView>;
export const SlaPolicyVersionParams = Type.Object({ version: Version('a version of the policy') }, { additionalProperties: false });
export const SlaPolicyVersionView = Type.Object({
  version: Type.Integer(),
  policy: SlaPolicySchema,
  note: Type.String(),
  createdBy: Type.String(),
  createdAt: Instant,
});

export const ChangeSlaPolicyBody = Type.Object(
  {
    policy: SlaPolicySchema,
    baseVersion: Int32({
      minimum: 0,
      description: 'The version the change was made from; if another has been saved since, the change is refused (409 CONFLICT_STALE_VERSION) instead of silently undoing it',
    }),
    note: Text({ minLength: POLICY_NOTE_MIN, maxLength: POLICY_NOTE_MAX, description: 'Why the policy changes; kept with the version' }),
  },
  { additionalProperties: false },
);
export type ChangeSlaPolicyBody = Static<typeof ChangeSlaPolicyBody>;
