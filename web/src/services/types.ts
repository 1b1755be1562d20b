/** Shapes of the server's answers (the API contract), as the console uses them. */
import type { AnyRole, Permission, Role } from '../shared';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  permissions: Permission[];
}

export interface Session {
  user: Me;
  csrfToken: string;
  /** The company's IANA time zone (the business calendar's): every time on screen is shown in it. */
  timeZone: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  email: string | null;
  active: boolean;
  /** ISO instant; in the past means the lock has run out. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  version: number;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- Shipments and tracking (PRODUCT.md §1) ----

export type RouteClass = 'same_city' | 'intra_province' | 'inter_province' | 'hmt' | 'international';
export type PaymentTerm = 'sender_pays' | 'collect' | 'monthly';

/** A sender or recipient. Masked by the server (张**, 138****8000) unless revealed. */
export interface Party {
  name: string | null;
  phone: string | null;
  address: string | null;
  /** e.g. "浙江省 杭州市 西湖区" */
  region: string | null;
}

/** Times are ISO instants or null. `status` is one of the tracking statuses; unknown ones show as sent. */
export interface ShipmentSummary {
  id: string;
  waybillNo: string;
  status: string;
  subStatus: string | null;
  routeClass: RouteClass | null;
  product: string | null;
  sender: Party;
  recipient: Party;
  pickedUpAt: string | null;
  promisedAt: string | null;
  lastEventTime: string | null;
  lastEventText: string | null;
  lastSite: string | null;
  /** Kinds of the exceptions not cleared yet. */
  openExceptions: string[];
}

export interface TrackingEvent {
  time: string;
  status: string;
  subStatus: string | null;
  site: string | null;
  areaCode: string | null;
  courier: string | null;
  /** The carrier's own words, as received. */
  text: string;
  source: string;
}

export interface ShipmentException {
  id: string;
  kind: string;
  raisedAt: string;
  clearedAt: string | null;
  site: string | null;
  detail: Record<string, unknown> | null;
}

/** A message to a customer (主动告知); named so to stay clear of the browser's Notification. */
export interface ShipmentNotification {
  id: string;
  channel: string;
  template: string;
  locale: string;
  recipient: string;
  body: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

export interface ShipmentDetail extends ShipmentSummary {
  weightG: number | null;
  declaredValueFen: number | null;
  insured: boolean;
  insuranceFeeFen: number | null;
  freightFen: number | null;
  paymentTerm: PaymentTerm | null;
  monthlyAccount: string | null;
  completeDelayAt: string | null;
  deliveredAt: string | null;
  policyVersion: number | null;
  /** The server's answer to "may this user see the full personal data" (audited when used). */
  canRevealPersonalData: boolean;
  events: TrackingEvent[];
  exceptions: ShipmentException[];
  notifications: ShipmentNotification[];
}

export interface RevealedParties {
  sender: Party;
  recipient: Party;
}

export interface ExceptionListItem {
  id: string;
  waybillNo: string;
  kind: string;
  raisedAt: string;
  clearedAt: string | null;
  site: string | null;
  provinceCode: string | null;
  provinceName: string | null;
}

export interface ExceptionCounts {
  byKind: Record<string, number>;
  byAge: { under1d: number; from1to3d: number; over3d: number };
  bySite: { site: string; count: number }[];
  byProvince: { code: string; name: string; count: number }[];
}

export interface ExceptionPage extends Page<ExceptionListItem> {
  counts: ExceptionCounts;
}

export interface PolicyRule {
  value: number;
  /** hours, days, working_days …; absent for a plain number. */
  unit?: string;
  /** Where the number comes from (seed, standard, regulation). */
  source: string;
}

export interface TimeLimitPolicy {
  version: number;
  rules: Record<string, PolicyRule>;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface TimeLimitPolicies {
  current: TimeLimitPolicy;
  history: TimeLimitPolicy[];
}

// ---- Public tracking (no sign-in) ----

export interface PublicTrackEvent {
  time: string;
  text: string;
  site: string | null;
}

/** Labels and the delay notice come in the request's language. Parties only when `verified`. */
export interface PublicTrackResult {
  waybillNo: string;
  found: boolean;
  /** Not a waybill number at all (6–32 letters, digits or dashes): never looked up, `found` is false. */
  invalid: boolean;
  status: string | null;
  statusLabel: string | null;
  promisedAt: string | null;
  delayNotice: string | null;
  events: PublicTrackEvent[];
  verified: boolean;
  /**
   * Digits were given but not compared: this waybill had too many wrong guesses within the hour
   * (known or unknown alike, never an invalid number). Not a sign that the digits are wrong.
   */
  phoneCheckLocked: boolean;
  /** While locked, when the check opens again. */
  phoneCheckLockedUntil: string | null;
  sender: Party | null;
  recipient: Party | null;
}

/** An API key as the list shows it: never the secret, only its first characters. */
export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the key (`pd_…`), to recognise it. */
  prefix: string;
  /** A staff role or a machine role (integration); the server's KeyRole. */
  role: AnyRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to issuing a key: `key` is the secret, sent this once and never again. */
export interface IssuedApiKey {
  apiKey: ApiKey;
  key: string;
}
