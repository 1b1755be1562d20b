/**
 * Row types of the tables, as Kysely sees them. Written by hand next to the migrations that
 * create them; a migration never imports these (migrations are frozen, see db/migrations).
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Scorecard } from '../domain/quality/scorecard.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface DepartmentTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  department_id: string | null;
  email: string | null;
  password_hash: string;
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  detail: JSONColumnType<Record<string, unknown>, string, never>;
}

export interface TimeLimitPolicyTable {
  version: number;
  rules: JSONColumnType<Record<string, unknown>, string, never>;
  note: string;
  created_by: string;
  created_at: CreatedAt;
}

type Updatable<T> = ColumnType<T, T | undefined, T>;

export interface ShipmentTable {
  id: Generated<string>;
  waybill_no: string;
  sender_name: Updatable<string | null>;
  sender_phone: Updatable<string | null>;
  sender_address: Updatable<string | null>;
  sender_province: Updatable<string | null>;
  sender_city: Updatable<string | null>;
  sender_district: Updatable<string | null>;
  recipient_name: Updatable<string | null>;
  recipient_phone: Updatable<string | null>;
  recipient_address: Updatable<string | null>;
  recipient_province: Updatable<string | null>;
  recipient_city: Updatable<string | null>;
  recipient_district: Updatable<string | null>;
  product: Generated<string>;
  weight_g: Updatable<number | null>;
  declared_value_fen: Updatable<number | null>;
  insured: Generated<boolean>;
  insurance_fee_fen: Updatable<number | null>;
  freight_fen: Updatable<number | null>;
  payment_term: Updatable<string | null>;
  monthly_account: Updatable<string | null>;
  route_class: Updatable<string | null>;
  policy_version: Updatable<number | null>;
  picked_up_at: Updatable<Date | null>;
  promised_at: Updatable<Date | null>;
  complete_delay_at: Updatable<Date | null>;
  status: Generated<string>;
  sub_status: Generated<string>;
  terminal: Generated<boolean>;
  last_event_time: Updatable<Date | null>;
  last_event_key: Updatable<string | null>;
  last_event_text: Updatable<string | null>;
  last_site: Updatable<string | null>;
  last_area_code: Updatable<string | null>;
  delivered_at: Updatable<Date | null>;
  failed_attempts: Generated<number>;
  damaged_at: Updatable<Date | null>;
  awaiting_pickup_since: Updatable<Date | null>;
  next_check_at: Updatable<Date | null>;
  registered: Generated<boolean>;
  /** a carrier feed stopped monitoring the number (快递100 abort); null when nothing is wrong */
  feed_notice: ColumnType<FeedNotice | null, string | null | undefined, string | null>;
  /**
   * The parcel's stored events, in no order, for the public lookup (migration
   * 2026-12-08T1800_tracking_timeline): appended by ingestion, trimmed by retention.
   */
  timeline: ColumnType<TimelineEntry[], string | undefined, string>;
  /** the oldest event in `timeline`: retention trims the timelines that reach past what it keeps */
  timeline_from: Updatable<Date | null>;
  /**
   * The parcel has, or once had, an exception, a ticket naming it or a claim (kept by triggers,
   * migration 2026-12-08T2310_parcel_lookup): only then does a lookup read those tables.
   */
  has_cases: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One event of a shipment's timeline: `time` is ISO 8601 in UTC with milliseconds, so text order is time order. */
export interface TimelineEntry {
  time: string;
  key: string;
  status: string;
  site: string | null;
  text: string;
}

export interface FeedNotice {
  feed: string;
  /** the feed's monitoring state, e.g. abort */
  status: string;
  /** the feed's words, e.g. 3天查询无记录 */
  message: string;
  /** the carrier code the feed tracks the number under */
  carrier: string;
  /** the carrier code the feed had before correcting it, if it did */
  carrierCorrectedFrom: string | null;
  /** when the push came */
  at: string;
}

export interface TrackingEventTable {
  waybill_no: string;
  event_time: Date;
  event_key: string;
  status: string;
  sub_status: string;
  site: string | null;
  area_code: string | null;
  courier: string | null;
  raw_text: string;
  source: string;
  received_at: Generated<Date>;
}

export interface ShipmentExceptionTable {
  id: Generated<string>;
  shipment_id: string;
  waybill_no: string;
  kind: string;
  raised_at: Date;
  cleared_at: Updatable<Date | null>;
  site: string | null;
  area_code: string | null;
  detail: JSONColumnType<Record<string, unknown>, string, string>;
  ticket_id: Updatable<string | null>;
}

/** Wrong passwords per account name (lower case, as typed) and client address (modules/auth). */
export interface SignInLockTable {
  username: string;
  client: string;
  failures: Generated<number>;
  locked_until: Date | null;
  last_failure_at: Date | null;
}

/** Phone-check guesses in the current hour, per waybill and per client address (public-tracking/phone-check-guard.ts). */
export interface PhoneCheckCountTable {
  scope: 'waybill' | 'client';
  subject: string;
  window_start: Date;
  guesses: number;
}

export interface NotificationTable {
  id: Generated<string>;
  shipment_id: string | null;
  exception_id: string | null;
  channel: string;
  recipient: string;
  locale: string;
  template: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: Updatable<string | null>;
  created_at: CreatedAt;
  sent_at: Updatable<Date | null>;
  /** the dispatch run that took it to send, until `claimed_until` (then it may be taken again) */
  claimed_by: Updatable<string | null>;
  claimed_until: Updatable<Date | null>;
  /** an e-mail's subject; null for SMS and WeChat */
  subject: Updatable<string | null>;
}

/** Files sent with an outbox message (e-mail), in order; deleted with it. */
export interface NotificationAttachmentTable {
  notification_id: string;
  position: number;
  file_name: string;
  content_type: string;
  content: Buffer;
}

type Json<T extends object | null> = JSONColumnType<T, string, string>;
type Optional<T> = ColumnType<T, T | undefined, T>;

/** A customer's monthly statistics report as made and sent (modules/reports/monthly); one per customer and month. */
export interface MonthlyReportTable {
  id: Generated<string>;
  customer_id: string;
  /** 'YYYY-MM' in the company's zone */
  month: string;
  report_no: string;
  generated_at: Generated<Date>;
  generated_by: string | null;
  trigger: 'schedule' | 'demand';
  /** the file name without extension the downloads and the e-mail use */
  file_stem: string;
  pdf: Buffer;
  xlsx: Buffer;
  /** the headline numbers (MonthlyTotals), for the list without opening the files */
  summary: Json<Record<string, unknown>>;
}

export interface CustomerTable {
  id: Generated<string>;
  name: string;
  phone: string | null;
  kind: Generated<string>;
  tier: Generated<string>;
  account_manager_id: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** the record this one was merged into (a tombstone: its phone still finds the survivor) */
  merged_into_id: Updatable<string | null>;
  /** 统一社会信用代码, normalised and checked (domain/customers/credit-code.ts) */
  credit_code: Updatable<string | null>;
  industry: Updatable<string | null>;
  company_nature: Updatable<string | null>;
  headcount: Updatable<number | null>;
  coverage_area: Updatable<string | null>;
  business_status: Updatable<string | null>;
  credit_rating: Updatable<string | null>;
  /** bigint: read as a string by node-postgres, as a number by PGlite; the presenter makes it a number */
  credit_limit_fen: ColumnType<string | number | null, number | null | undefined, number | null>;
  note: Generated<string>;
  /** tsvector of the jieba-segmented name, written with to_tsvector('simple', …); null for records tickets created */
  search: ColumnType<string | null, never, never>;
  created_by: Updatable<string | null>;
  version: Generated<number>;
  /** what the account manager recorded: packaging requirements and choice factors, most important first */
  packaging_requirements: Generated<string>;
  choice_factors: Generated<string[]>;
}

/** One customer's parcels of one local date, reduced (domain/customers/habits.ts HabitDay). */
export interface CustomerHabitDayTable {
  customer_id: string;
  date: ColumnType<Date | string, string, string>;
  shipments: number;
  freight_fen: ColumnType<string | number, number, number>;
  /** null: a day before the habit period when a rebuild wrote it, kept for RFM and the tier (counts only) */
  day: Json<Record<string, unknown>> | null;
}

/** A customer's running totals over the ledger of HabitDays (derive.ts): what RFM and the tier read. */
export interface CustomerTotalsTable {
  customer_id: string;
  last_date: ColumnType<Date | string, string, string>;
  /** parcels and freight of the days on or after customer_derive_state.window_from */
  shipments: number;
  freight_fen: ColumnType<string | number, number, number>;
  /** year × 12 + month − 1 of month_fen's first month (the month of window_from when refreshed) */
  first_month: number;
  /** freight of 13 local months from first_month, null for a month without parcels */
  month_fen: ColumnType<(string | null)[], (number | null)[], (number | null)[]>;
}

/** One row: the totals' window and the last habits run. */
export interface CustomerDeriveStateTable {
  id: ColumnType<boolean, never, never>;
  window_from: ColumnType<Date | string | null, string | null, string | null>;
  habits_day: ColumnType<Date | string | null, string | null, string | null>;
  habits_computed_at: Date | null;
  /** the local date RFM was scored on (recency counts to it) and when */
  rfm_day: ColumnType<Date | string | null, string | null, string | null>;
  rfm_computed_at: Date | null;
  tier_computed_at: Date | null;
}

export interface CustomerSegmentTable {
  customer_id: string;
  /** the last local date the customer sent a parcel (recency counts from it to customer_derive_state.rfm_day) */
  last_date: ColumnType<Date | string | null, string | null, string | null>;
  frequency: number | null;
  monetary_fen: ColumnType<string | number | null, number | null, number | null>;
  r: number | null;
  f: number | null;
  m: number | null;
  segment: string | null;
  tier_reason: Json<Record<string, unknown> | null>;
  tier_policy_version: number | null;
}

/** A tier set by hand (one per customer): the tier rule leaves the customer at `tier` through `until` (a local date, inclusive), or for good. */
export interface CustomerTierPinTable {
  customer_id: string;
  tier: 'standard' | 'key';
  reason: string;
  /** 'YYYY-MM-DD' (select it as text), null for no end */
  until: ColumnType<string | null, string | null | undefined, string | null>;
  pinned_by: string | null;
  pinned_by_name: string;
  pinned_at: Generated<Date>;
}

export interface CustomerTierPolicyTable {
  version: number;
  rules: Json<Record<string, unknown>>;
  note: Generated<string>;
  created_by: string;
  created_at: CreatedAt;
}

export interface CallbackWindow {
  /** HH:MM, local time of the company's zone */
  from: string;
  to: string;
}

/** A planned callback (回访) to a key account; one open per customer (docs/architecture.md). */
export interface AccountCallbackTable {
  id: Generated<string>;
  customer_id: string;
  /** 'YYYY-MM-DD' the rule gave (PGlite and node-postgres both read `date` as a Date unless parsed; selected as text) */
  due_date: ColumnType<string, string, string>;
  due_at: Date;
  cadence: 'monthly' | 'quarterly' | 'retry' | 'rescheduled';
  status: Generated<'open' | 'done'>;
  outcome: Updatable<'reached' | 'not_reached' | 'rescheduled' | null>;
  satisfaction: Updatable<number | null>;
  note: Updatable<string | null>;
  done_at: Updatable<Date | null>;
  done_by: Updatable<string | null>;
  created_at: CreatedAt;
}

export interface CustomerContactTable {
  id: Generated<string>;
  customer_id: string;
  name: string;
  role: Generated<string>;
  phones: Optional<string[]>;
  email: Updatable<string | null>;
  wechat: Updatable<string | null>;
  callback_windows: ColumnType<CallbackWindow[], string | undefined, string>;
  note: Generated<string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CustomerAddressTable {
  id: Generated<string>;
  customer_id: string;
  kind: string;
  contact_name: Updatable<string | null>;
  contact_phone: Updatable<string | null>;
  address: string;
  province: string;
  city: Updatable<string | null>;
  district: Updatable<string | null>;
  version: Generated<number>;
  removed_at: Updatable<Date | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CustomerAddressVersionTable {
  address_id: string;
  version: number;
  change: 'added' | 'changed' | 'removed';
  kind: string;
  contact_name: string | null;
  contact_phone: string | null;
  address: string;
  province: string;
  city: string | null;
  district: string | null;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string;
}

export interface MonthlyAccountTable {
  account_no: string;
  customer_id: string;
  opened_at: Generated<Date>;
  created_by: string | null;
}

export interface CustomerTaskTable {
  id: Generated<string>;
  customer_id: string;
  kind: 'settle_account';
  status: Generated<'open' | 'done'>;
  assignee_id: string | null;
  /** a role whose holders may take it when no person is named (the supervisors) */
  assignee_role: string | null;
  detail: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
  done_at: Updatable<Date | null>;
  done_by: Updatable<string | null>;
  done_note: Updatable<string | null>;
}

export interface CustomerEventTable {
  /** bigint, in the order written (read it as text) */
  id: Generated<string>;
  customer_id: string;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** A questionnaire (满意度调查问卷): frozen once written; `questions` as domain/customers/surveys.ts types them. */
export interface SurveyQuestionnaireTable {
  id: Generated<string>;
  title: string;
  questions: Json<unknown[]>;
  created_by: string | null;
  created_at: CreatedAt;
}

/** A survey sent once to a chosen set of customers; `audience` is how they were chosen. */
export interface SurveyCampaignTable {
  id: Generated<string>;
  title: string;
  questionnaire_id: string;
  audience: Json<{ tiers?: string[]; accountManagerIds?: string[]; customerIds?: string[] }>;
  open_days: number;
  created_by: string | null;
  created_at: CreatedAt;
  sent_at: Updatable<Date | null>;
  closes_at: Updatable<Date | null>;
}

/** One customer asked, with the link's digest and, once given, the one answer. */
export interface SurveyInvitationTable {
  id: Generated<string>;
  campaign_id: string;
  customer_id: string;
  token_hash: string;
  /** the customer's tier and account manager when asked */
  tier: string;
  account_manager_id: string | null;
  segment: string | null;
  answers: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  answered_at: Updatable<Date | null>;
}

export interface TicketCodeTable {
  code: string;
  kind: string;
  name_zh: string;
  name_en: string;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface TicketTable {
  id: Generated<string>;
  number: Generated<string>;
  kind: string;
  status: Generated<string>;
  priority: Generated<string>;
  subject: string;
  description: Generated<string>;
  channel: string;
  category_code: string | null;
  cause_code: string | null;
  customer_id: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  customer_tier: Generated<string>;
  team_id: string | null;
  owner_id: string | null;
  confidential: Generated<boolean>;
  merged_into_id: string | null;
  due_at: Updatable<Date | null>;
  first_response_at: Updatable<Date | null>;
  resolved_at: Updatable<Date | null>;
  closed_at: Updatable<Date | null>;
  close_reason: string | null;
  rating: number | null;
  rating_reason: string | null;
  rated_at: Updatable<Date | null>;
  /** tsvector of the jieba-segmented subject and text; written with to_tsvector('simple', …) */
  search: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** the waybill whose exceptions the exception job opened this ticket for; one open ticket per waybill */
  exception_waybill_no: string | null;
  /** a follow-up joined this case, or a ticket was routed to its owner beside one, and the owner has not opened it since */
  follow_up_at: Updatable<Date | null>;
}

export interface TicketLinkTable {
  token_hash: string;
  ticket_id: string;
  created_at: CreatedAt;
}

export interface TicketWaybillTable {
  ticket_id: string;
  waybill_no: string;
}

export interface ContactTable {
  id: Generated<string>;
  channel: string;
  customer_id: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  waybill_nos: Optional<string[]>;
  question: string;
  answer: Generated<string>;
  agent_id: string | null;
  ticket_id: string | null;
  created_at: CreatedAt;
}

export interface TicketEventTable {
  id: Generated<string>;
  ticket_id: string;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  visibility: Generated<string>;
  from_value: string | null;
  to_value: string | null;
  body: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface TicketClockTable {
  ticket_id: string;
  kind: string;
  basis: string;
  target_minutes: number;
  started_at: Timestamp;
  used_minutes: Optional<number>;
  running_since: Updatable<Date | null>;
  paused_at: Updatable<Date | null>;
  stopped_at: Updatable<Date | null>;
  warned_at: Updatable<Date | null>;
  breached_at: Updatable<Date | null>;
  due_at: Updatable<Date | null>;
  next_check_at: Updatable<Date | null>;
  policy_version: number;
}

export interface TicketCallbackTable {
  id: Generated<string>;
  ticket_id: string;
  scheduled_for: Timestamp;
  assignee_id: string | null;
  outcome: string | null;
  note: string | null;
  done_at: Updatable<Date | null>;
  done_by: string | null;
  created_at: CreatedAt;
  /** calls recorded on this callback (联系不上 keeps it pending until the last one) */
  attempts: Generated<number>;
  last_attempt_at: Timestamp | null;
  last_attempt_by: string | null;
  last_attempt_note: string | null;
}

export interface TicketDepartmentRequestTable {
  id: Generated<string>;
  ticket_id: string;
  department_id: string;
  question: string;
  asked_by: string | null;
  asked_at: Generated<Date>;
  due_at: Updatable<Date | null>;
  reply: string | null;
  replied_by: string | null;
  replied_at: Updatable<Date | null>;
}

/** A blocked reply held for a supervisor's release (质检 record: who, when, the phrases, the text, the decision). */
export interface PhraseReleaseRequestTable {
  id: Generated<string>;
  ticket_id: string;
  requested_by: string;
  requested_at: Generated<Date>;
  body: string;
  /** the phrases the guard matched: [{ phrase, category, excerpt }] */
  phrases: JSONColumnType<{ phrase: string; category: string; excerpt: string }[], string, never>;
  note: string | null;
  status: Generated<'pending' | 'approved' | 'declined'>;
  decided_by: string | null;
  decided_at: Updatable<Date | null>;
  decline_reason: string | null;
}

export interface TicketAttachmentTable {
  id: Generated<string>;
  ticket_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_by_customer: Generated<boolean>;
  created_at: CreatedAt;
}

export interface StandardPhraseTable {
  id: Generated<string>;
  key: string;
  situation: string;
  title: string;
  text: string;
  source: Generated<string>;
  active: Generated<boolean>;
  sort: Generated<number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ForbiddenPhraseTable {
  id: Generated<string>;
  phrase: string;
  normalized: string;
  category: string;
  match: string;
  source: Generated<string>;
  active: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PhraseHitTable {
  id: Generated<string>;
  at: CreatedAt;
  ticket_id: string | null;
  user_id: string | null;
  phrase: string;
  category: string;
  excerpt: string;
  blocked: boolean;
}

export interface CalendarDayTable {
  /** 'YYYY-MM-DD'; drivers parse `date` differently, so read it with to_char(date, 'YYYY-MM-DD') */
  date: ColumnType<Date | string, string, string>;
  kind: string;
  name: string;
  source: Generated<string>;
}

export interface SlaPolicyTable {
  version: number;
  policy: Json<Record<string, unknown>>;
  note: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface SettingTable {
  key: string;
  value: Json<Record<string, unknown>>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AgentDutyTable {
  user_id: string;
  on_duty: Generated<boolean>;
  capacity: Generated<number>;
  last_assigned_at: Updatable<Date | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Money in fen as PostgreSQL bigint: read back as a string, written as a number (modules/claims converts). */
type Fen = ColumnType<string, number, number>;

export interface ClaimsPolicyTable {
  version: number;
  rules: JSONColumnType<Record<string, unknown>, string, never>;
  note: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface ClaimTable {
  id: Generated<string>;
  shipment_id: string;
  waybill_no: string;
  ticket_id: string;
  type: string;
  claimant_side: string;
  claimed_fen: Fen;
  description: string;
  facts: JSONColumnType<Record<string, unknown>, string, string>;
  state: Generated<string>;
  policy_version: number;
  proposal: JSONColumnType<Record<string, unknown>, string, string>;
  proposed_fen: Fen;
  override_fen: ColumnType<string | null, number | null | undefined, number | null>;
  override_reason: string | null;
  overridden_by: string | null;
  required_level: string;
  approved_fen: ColumnType<string | null, number | null | undefined, number | null>;
  decided_by: string | null;
  decided_at: Updatable<Date | null>;
  decision_reason: string | null;
  evidence_requested_at: Updatable<Date | null>;
  proposed_station: string | null;
  proposed_station_basis: string | null;
  responsible_station: string | null;
  responsibility_reason: string | null;
  responsibility_by: string | null;
  responsibility_at: Updatable<Date | null>;
  opened_by: string | null;
  /** desk, self_service (the customer after the phone check) or system (a parcel treated as lost) */
  opened_via: Generated<string>;
  /** the customer accepted the offer standing (once) */
  offer_accepted_at: Updatable<Date | null>;
  /** the customer disputed the offer or the rejection, with their reason: a supervisor reviews it */
  disputed_at: Updatable<Date | null>;
  dispute_reason: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
}

export interface ClaimEvidenceTable {
  id: Generated<string>;
  claim_id: string;
  item: string;
  attachment_id: string;
  review: Generated<string>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Updatable<Date | null>;
  added_by: string | null;
  created_at: CreatedAt;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface ClaimLedgerTable {
  id: Generated<string>;
  claim_id: string;
  entry_key: string;
  idempotency_key: string;
  kind: string;
  direction: string;
  amount_fen: Fen;
  reference: string;
  station: string | null;
  reverses_entry_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/** One day's additive measure of one KPI fact for one slice ('' = no such slice); db/migrations/2026-12-08T0800_kpi_facts.ts */
export interface KpiDailyFactTable {
  day: ColumnType<Date | string, string, string>;
  fact: string;
  agent_id: string;
  team_id: string;
  department_id: string;
  station: string;
  province: string;
  city: string;
  customer_id: string;
  tier: string;
  clock: string;
  /** bigint: a string from node-postgres, a number from PGlite */
  value: ColumnType<string | number, number, number>;
}

/** The daily facts summed per single slice: `dim` '' the total, else the slice's name and `key` its value ('' where the fact has none). */
export interface KpiDailySliceTable {
  fact: string;
  dim: string;
  day: ColumnType<Date | string, string, string>;
  key: string;
  /** bigint: a string from node-postgres, a number from PGlite */
  value: ColumnType<string | number, number, number>;
}

/** Instants (15-minute buckets) whose company day's facts a change may have altered; drained by the rollup. */
export interface KpiChangeTable {
  id: Generated<string>;
  at: Date;
}

// Supervision reports and complaint classification (migration 2026-12-08T1500_supervision_reports)

/** A kept supervision report (服务监督报告): the data it showed and its files as made. */
export interface SupervisionReportTable {
  id: Generated<string>;
  period_kind: string;
  period_start: ColumnType<Date | string, string, string>;
  period_end: ColumnType<Date | string, string, string>;
  team_id: string | null;
  /** '' for the company's report, else the team's id (one report per period and scope) */
  scope_key: string;
  report_no: string;
  generated_at: Generated<Date>;
  generated_by: string | null;
  trigger: string;
  data: ColumnType<unknown, string, string>;
  pdf: Buffer;
  xlsx: Buffer;
}

/** One user's wish to receive reports by e-mail (team_id null: the company's). */
export interface SupervisionReportSubscriptionTable {
  user_id: string;
  weekly: Generated<boolean>;
  monthly: Generated<boolean>;
  team_id: string | null;
  updated_at: Generated<Date>;
}

/** One training of the complaint cause-code model. */
export interface ComplaintClassifierModelTable {
  id: Generated<string>;
  trained_at: Generated<Date>;
  method: string;
  samples: number;
  held_out: number;
  accuracy: number | null;
  model: ColumnType<unknown, string | null, string | null>;
}

/** What was suggested as a ticket's cause and what the agent chose. */
export interface TicketCauseConfirmationTable {
  id: Generated<string>;
  ticket_id: string;
  suggested_code: string | null;
  method: string;
  model_id: string | null;
  chosen_code: string;
  accepted: boolean;
  actor_id: string;
  at: Generated<Date>;
}

/** One version of a KPI's target for a scope (migration 2026-12-08T2000_kpi_targets); rows are only added. */
export interface KpiTargetTable {
  id: Generated<string>;
  kpi_id: string;
  scope_kind: 'company' | 'team' | 'station';
  /** '' for the company, a department's id for a team, the station's name */
  scope_id: string;
  /** null: the scope's own target is withdrawn from valid_from */
  value: number | null;
  direction: 'higher_is_better' | 'lower_is_better';
  valid_from: ColumnType<Date | string, string, string>;
  reason: string;
  set_by: string | null;
  set_by_name: string;
  set_at: CreatedAt;
}

// After-sales service notifications (migration 2026-12-08T0600_service_orders)

export interface ServiceWorkCenterTable {
  id: Generated<string>;
  code: string;
  name: string;
  department_id: string | null;
  /** the work center's own working hours (domain/sla TimeWindow[]); null: the company calendar's */
  working_hours: JSONColumnType<{ start: string; end: string }[] | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  /** the work center's mailbox: a notification e-mailed to it, an escalation (migration 2026-12-08T1200_service_order_clocks) */
  email: Updatable<string | null>;
  /** the sales office (销售办公室) it answers for: a Z2 past its end is escalated to it */
  sales_office: Updatable<string | null>;
  version: Generated<number>;
}

export interface ServiceWorkCenterStaffTable {
  work_center_id: string;
  user_id: string;
}

export interface ServiceCodeGroupTable {
  catalog: string;
  code_group: string;
  label_zh: string;
  label_en: string;
}

export interface ServiceCodeTable {
  catalog: string;
  code_group: string;
  code: string;
  label_zh: string;
  label_en: string;
  active: Generated<boolean>;
}

export interface ServiceNotificationTable {
  id: Generated<string>;
  number: string;
  type: string;
  reference_id: string | null;
  ticket_id: string | null;
  short_text: string;
  long_text: Generated<string>;
  urgent: Generated<boolean>;
  user_status: string;
  system_status: string;
  sold_to_id: string;
  ship_to_id: string;
  responsible_user_id: string | null;
  reporter_name: string;
  original_document_no: string | null;
  /** 'YYYY-MM-DD' (a date column, read as text: see database.ts type parsers) */
  original_document_date: ColumnType<string | Date | null, string | null | undefined, string | null>;
  required_start: Timestamp;
  expected_end: Timestamp;
  main_work_center_id: string;
  processing_work_center_id: string | null;
  sales_org: string | null;
  distribution_channel: string | null;
  division: string | null;
  sales_office: string | null;
  sales_group: string | null;
  service_address_id: string | null;
  cause_group: string | null;
  cause_code: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
}

export interface ServiceNotificationItemTable {
  id: Generated<string>;
  notification_id: string;
  position: number;
  product_type: string | null;
  colour_code: string | null;
  material: string | null;
  quantity: number;
  reason_group: string;
  reason_code: string;
  damage_group: string | null;
  damage_code: string | null;
  reason_text: Generated<string>;
}

export interface ServiceNotificationEventTable {
  id: Generated<string>;
  notification_id: string;
  kind: 'created' | 'changed' | 'status' | 'system' | 'clock_warning' | 'clock_breach' | 'escalated' | 'emailed' | 'quote' | 'acceptance' | 'invoice';
  from_user_status: string | null;
  to_user_status: string | null;
  from_system_status: string | null;
  to_system_status: string | null;
  cause_group: string | null;
  cause_code: string | null;
  note: string | null;
  actor_id: string | null;
  actor_name: string;
  at: CreatedAt;
  /** quote, acceptance, invoice: the quotation's or invoice's number and the quotation's states */
  document_no: Updatable<string | null>;
  from_state: Updatable<string | null>;
  to_state: Updatable<string | null>;
}

export interface ServiceNotificationViewTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filters: JSONColumnType<Record<string, unknown>, string, string>;
  columns: JSONColumnType<string[], string, string>;
  created_at: CreatedAt;
}

/** A service notification's required start or expected end as a clock (domain/service-orders/clocks.ts; migration 2026-12-08T1200_service_order_clocks). */
export interface ServiceNotificationClockTable {
  notification_id: string;
  kind: string;
  basis: string;
  target_minutes: number;
  started_at: Timestamp;
  used_minutes: Optional<number>;
  running_since: Updatable<Date | null>;
  paused_at: Updatable<Date | null>;
  stopped_at: Updatable<Date | null>;
  warned_at: Updatable<Date | null>;
  breached_at: Updatable<Date | null>;
  due_at: Updatable<Date | null>;
  next_check_at: Updatable<Date | null>;
  escalated_at: Updatable<Date | null>;
}

/** A claim's SLA clock (domain/claims/clocks.ts), shaped like a ticket's. */
export interface ClaimClockTable {
  claim_id: string;
  kind: string;
  basis: string;
  target_minutes: number;
  started_at: Timestamp;
  used_minutes: Optional<number>;
  running_since: Updatable<Date | null>;
  paused_at: Updatable<Date | null>;
  stopped_at: Updatable<Date | null>;
  warned_at: Updatable<Date | null>;
  breached_at: Updatable<Date | null>;
  due_at: Updatable<Date | null>;
  next_check_at: Updatable<Date | null>;
  policy_version: number;
}

export interface DB {
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  time_limit_policies: TimeLimitPolicyTable;
  shipments: ShipmentTable;
  tracking_events: TrackingEventTable;
  shipment_exceptions: ShipmentExceptionTable;
  notifications: NotificationTable;
  notification_attachments: NotificationAttachmentTable;
  phone_check_counts: PhoneCheckCountTable;
  sign_in_locks: SignInLockTable;
  customers: CustomerTable;
  customer_contacts: CustomerContactTable;
  customer_addresses: CustomerAddressTable;
  customer_address_versions: CustomerAddressVersionTable;
  monthly_accounts: MonthlyAccountTable;
  customer_tasks: CustomerTaskTable;
  customer_events: CustomerEventTable;
  account_callbacks: AccountCallbackTable;
  monthly_reports: MonthlyReportTable;
  customer_habit_days: CustomerHabitDayTable;
  customer_totals: CustomerTotalsTable;
  customer_derive_state: CustomerDeriveStateTable;
  customer_segments: CustomerSegmentTable;
  customer_tier_policies: CustomerTierPolicyTable;
  customer_tier_pins: CustomerTierPinTable;
  ticket_codes: TicketCodeTable;
  tickets: TicketTable;
  ticket_waybills: TicketWaybillTable;
  ticket_links: TicketLinkTable;
  contacts: ContactTable;
  ticket_events: TicketEventTable;
  ticket_clocks: TicketClockTable;
  ticket_callbacks: TicketCallbackTable;
  ticket_department_requests: TicketDepartmentRequestTable;
  ticket_attachments: TicketAttachmentTable;
  standard_phrases: StandardPhraseTable;
  forbidden_phrases: ForbiddenPhraseTable;
  phrase_hits: PhraseHitTable;
  phrase_release_requests: PhraseReleaseRequestTable;
  calendar_days: CalendarDayTable;
  sla_policies: SlaPolicyTable;
  settings: SettingTable;
  agent_duty: AgentDutyTable;
  survey_questionnaires: SurveyQuestionnaireTable;
  survey_campaigns: SurveyCampaignTable;
  survey_invitations: SurveyInvitationTable;
  claims_policies: ClaimsPolicyTable;
  claims: ClaimTable;
  claim_evidence: ClaimEvidenceTable;
  claim_ledger: ClaimLedgerTable;
  kpi_daily_facts: KpiDailyFactTable;
  kpi_daily_slices: KpiDailySliceTable;
  kpi_changes: KpiChangeTable;
  supervision_reports: SupervisionReportTable;
  supervision_report_subscriptions: SupervisionReportSubscriptionTable;
  complaint_classifier_models: ComplaintClassifierModelTable;
  ticket_cause_confirmations: TicketCauseConfirmationTable;
  kpi_targets: KpiTargetTable;
  service_work_centers: ServiceWorkCenterTable;
  service_work_center_staff: ServiceWorkCenterStaffTable;
  service_code_groups: ServiceCodeGroupTable;
  service_codes: ServiceCodeTable;
  service_notifications: ServiceNotificationTable;
  service_notification_items: ServiceNotificationItemTable;
  service_notification_events: ServiceNotificationEventTable;
  service_notification_views: ServiceNotificationViewTable;
  service_quotations: ServiceQuotationTable;
  service_quotation_lines: ServiceQuotationLineTable;
  service_invoices: ServiceInvoiceTable;
  service_document_counters: ServiceDocumentCounterTable;
  claim_clocks: ClaimClockTable;
  quality_scorecards: QualityScorecardTable;
  quality_assignments: QualityAssignmentTable;
  quality_calibrations: QualityCalibrationTable;
  quality_reviews: QualityReviewTable;
  service_notification_clocks: ServiceNotificationClockTable;
}

/** A version of the quality-check scorecard (domain/quality/scorecard.ts); never changed once written. */
export interface QualityScorecardTable {
  version: number;
  scorecard: JSONColumnType<Scorecard, string, never>;
  note: string;
  created_by: string;
  created_at: CreatedAt;
}

/** One ticket of an agent's week sampled for a reviewer (质检抽样). */
export interface QualityAssignmentTable {
  id: Generated<string>;
  /** the Monday of the company-zone week, 'YYYY-MM-DD' */
  week: ColumnType<string, string, never>;
  agent_id: string;
  team_id: string | null;
  ticket_id: string;
  reviewer_id: string;
  strata: ColumnType<string[], string[] | undefined, never>;
  reason: string;
  source: 'weekly' | 'on_demand';
  seed: string;
  created_by: string | null;
  created_at: CreatedAt;
}

/** A ticket several reviewers score to compare (校准); not counted in the agent's score. */
export interface QualityCalibrationTable {
  id: Generated<string>;
  ticket_id: string;
  agent_id: string | null;
  title: string;
  scorecard_version: number;
  created_by: string;
  created_at: CreatedAt;
}

/** A submitted quality review, its dispute and the decision on it. */
export interface QualityReviewTable {
  id: Generated<string>;
  assignment_id: string | null;
  calibration_id: string | null;
  ticket_id: string;
  agent_id: string | null;
  reviewer_id: string;
  scorecard_version: number;
  scores: JSONColumnType<Record<string, number>, string, string>;
  bonus: JSONColumnType<string[], string, string>;
  comment: Generated<string>;
  score_tenths: number;
  critical_failed: boolean;
  original_score_tenths: number | null;
  status: Generated<'submitted' | 'disputed' | 'upheld' | 'revised'>;
  submitted_at: Generated<Date>;
  dispute_reason: string | null;
  disputed_at: Updatable<Date | null>;
  decided_by: string | null;
  decided_at: Updatable<Date | null>;
  decision_note: string | null;
  version: Generated<number>;
}

/** bigint fen: a string from node-postgres, a number from PGlite; the presenter makes it a number */
type SalesFen = ColumnType<string | number, number | undefined, number>;

export interface ServiceQuotationTable {
  id: Generated<string>;
  notification_id: string;
  number: string;
  state: string;
  valid_until: ColumnType<string | Date, string, string>;
  needs_hq_price: Generated<boolean>;
  note: Generated<string>;
  net_fen: SalesFen;
  tax_fen: SalesFen;
  gross_fen: SalesFen;
  approval_requested_by: Updatable<string | null>;
  approval_requested_at: Updatable<Date | null>;
  approved_by: Updatable<string | null>;
  approved_at: Updatable<Date | null>;
  sent_by: Updatable<string | null>;
  sent_at: Updatable<Date | null>;
  answered_at: Updatable<Date | null>;
  answer_channel: Updatable<string | null>;
  answered_by: Updatable<string | null>;
  decline_reason: Updatable<string | null>;
  accepted_at: Updatable<Date | null>;
  accepted_by_name: Updatable<string | null>;
  acceptance_channel: Updatable<string | null>;
  acceptance_remarks: Updatable<string | null>;
  acceptance_recorded_by: Updatable<string | null>;
  link_token_hash: Updatable<string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  version: Generated<number>;
}

export interface ServiceQuotationLineTable {
  quotation_id: string;
  position: number;
  kind: string;
  description: string;
  /** numeric(7,3): a string from both drivers */
  quantity: ColumnType<string | number, number, number>;
  unit: string;
  unit_price_fen: SalesFen;
  tax_category: string;
  rate_bp: number;
  amount_fen: SalesFen;
  tax_fen: SalesFen;
}

export interface ServiceInvoiceTable {
  id: Generated<string>;
  quotation_id: string;
  number: string;
  issued_at: Date;
  issued_by: string | null;
  /** the invoice as the rule wrote it (domain/service-orders/quotation.ts ServiceInvoice) */
  document: ColumnType<unknown, string, string>;
  net_fen: SalesFen;
  tax_fen: SalesFen;
  gross_fen: SalesFen;
  platform_status: Updatable<'pending' | 'recorded' | 'issued'>;
  platform_invoice_no: Updatable<string | null>;
}

export interface ServiceDocumentCounterTable {
  prefix: 'BJ' | 'FW';
  month: string;
  last: number;
}
