/**
 * Rules the console shares with the server, imported from the server's domain so there is one
 * number in one place (limits shared by server and web). These files are pure: no I/O,
 * no Node APIs, safe to bundle.
 */
export { ROLES, MACHINE_ROLES, PERMISSIONS, permissionsOf, type Role, type MachineRole, type AnyRole, type Permission } from '../../src/domain/roles';
export {
  USERNAME_PATTERN,
  USERNAME_MAX,
  DISPLAY_NAME_MAX,
  PASSWORD_MIN,
  PASSWORD_MAX,
  EMAIL_MAX,
  PAGE_SIZE_MAX,
  MAX_PUBLIC_WAYBILLS,
  PUBLIC_WAYBILL_INPUT_MAX,
  WAYBILL_PATTERN,
  API_KEY_NAME_MAX,
} from '../../src/domain/limits';
export { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from '../../src/domain/limits';
export {
  CUSTOMER_NAME_MAX,
  DEPARTMENT_TEXT_MAX,
  BULK_ASSIGN_MAX,
  DUTY_CAPACITY_MAX,
  PUBLIC_TEXT_MAX,
  RATING_REASON_MAX,
  SORT_MAX,
  TICKET_NOTE_MAX,
  TICKET_REASON_MAX,
  TICKET_REASON_MIN,
  TICKET_SEARCH_MAX,
  TICKET_SUBJECT_MAX,
  TICKET_TEXT_MAX,
} from '../../src/domain/limits';
export { STATUS_LIST } from '../../src/domain/tracking/vocabulary';
export { noParcel } from '../../src/domain/tracking/no-parcel';
export { normalizeWaybillNo } from '../../src/domain/waybill';
export type { ExceptionKind } from '../../src/domain/tracking/exceptions';
export {
  TIME_LIMIT_RULES,
  TIME_LIMIT_RULE_KEYS,
  DEFAULT_POLICY_NOTE,
  type TimeLimitRuleKey,
} from '../../src/domain/time-limits/policy';
export {
  TICKET_CODE_PATTERN,
  TICKET_CODE_MAX,
  TICKET_CODE_NAME_MAX,
  PHRASE_TITLE_MAX,
  FORBIDDEN_PHRASE_MAX,
  CALENDAR_DAY_NAME_MAX,
  REFERENCE_SOURCE_MAX,
  POLICY_NOTE_MIN,
  POLICY_NOTE_MAX,
} from '../../src/domain/limits';
export { PHRASE_SITUATIONS, FORBIDDEN_CATEGORIES, type PhraseSituation, type ForbiddenCategory, type MatchMode } from '../../src/domain/phrases/catalog';
export { PLACEHOLDERS, PHRASE_TEXT_MAX, TEMPLATE_ERRORS, validateTemplate, renderTemplate, placeholdersIn, promiseDate, type Placeholder } from '../../src/domain/phrases/template';
export {
  TICKET_KINDS,
  PRIORITIES,
  CUSTOMER_TIERS,
  type TicketKind,
  type Priority,
  type CustomerTier,
  type SlaPolicy,
  type SlaRule,
  type SlaTarget,
  type SlaRuleScope,
  mostSpecificRule,
} from '../../src/domain/sla/policy';
export { isCalendarDate, isTimeZone, type ClockBasis, type TimeWindow } from '../../src/domain/sla/calendar';
export { holidayArrangementMissing } from '../../src/domain/sla/holidays-cn';
export { sourceText, systemNoteText } from '../../src/domain/sources';
export { wallClock, fromWallClock, localDateOf } from '../../src/domain/time-limits/working-days';
export {
  TICKET_STATUSES,
  OPEN_STATUSES,
  CHANNELS,
  LIVE_CHANNELS,
  type TicketStatus,
  type Channel,
  type TicketAction,
} from '../../src/domain/tickets/lifecycle';
export { nameShowsInFull } from '../../src/domain/privacy';
export { CALLBACK_UNREACHABLE_ATTEMPTS_MAX } from '../../src/domain/tickets/callback-attempts';
export { scoreReview, scoresRefusal } from '../../src/domain/quality/scorecard';
