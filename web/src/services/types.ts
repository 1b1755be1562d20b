/**
 * Shapes of the server's answers (the API contract), as the console uses them: each is the static
 * type of the TypeBox schema the server validates and documents its answer with, so the two cannot
 * drift apart. Type-only imports: nothing of the server is bundled.
 */
import type { Static } from 'typebox';
import type * as ApiKeys from '../../../src/modules/api-keys/schemas';
import type * as Audit from '../../../src/modules/audit/schemas';
import type * as Auth from '../../../src/modules/auth/schemas';
import type * as Exceptions from '../../../src/modules/exceptions/schemas';
import type * as PublicTracking from '../../../src/modules/public-tracking/schemas';
import type * as Shipments from '../../../src/modules/shipments/schemas';
import type * as TimeLimits from '../../../src/modules/time-limits/schemas';
import type * as Users from '../../../src/modules/users/schemas';
export type Me = Static<typeof Users.Me>;
export type Session = Static<typeof Auth.SessionResponse>;
export type User = Static<typeof Users.User>;
export type Department = Static<typeof Users.Department>;
export type AuditEntry = Static<typeof Audit.AuditEntry>;

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- Shipments and tracking ----

export type RouteClass = 'same_city' | 'intra_province' | 'inter_province' | 'hmt' | 'international';
export type PaymentTerm = 'sender_pays' | 'collect' | 'monthly';

/** A sender or recipient. Masked by the server (张**, 138****8000) unless revealed. */
export type Party = Static<typeof Shipments.Party>;
export type ShipmentSummary = Static<typeof Shipments.ShipmentSummary>;
export type TrackingEvent = Static<typeof Shipments.TrackingEvent>;
export type ShipmentException = Static<typeof Shipments.ShipmentException>;
/** A message to a customer (主动告知); named so to stay clear of the browser's Notification. */
export type ShipmentNotification = Static<typeof Shipments.Notification>;
export type ShipmentDetail = Static<typeof Shipments.ShipmentDetail>;
export type RevealedParties = Static<typeof Shipments.Revealed>;

export type ExceptionPage = Static<typeof Exceptions.ExceptionBoard>;
export type ExceptionListItem = ExceptionPage['items'][number];
export type ExceptionCounts = ExceptionPage['counts'];

export type PolicyRule = Static<typeof TimeLimits.PolicyRule>;
export type TimeLimitPolicy = Static<typeof TimeLimits.TimeLimitPolicy>;
export type TimeLimitPolicies = Static<typeof TimeLimits.TimeLimitPolicies>;

// ---- Public tracking (no sign-in) ----

/** Labels and the delay notice come in the request's language. Parties only when `verified`. */
export type PublicTrackResult = Static<typeof PublicTracking.TrackResult>;
export type PublicTrackEvent = PublicTrackResult['events'][number];

/** An API key as the list shows it: never the secret, only its first characters. */
export type ApiKey = Static<typeof ApiKeys.ApiKey>;
/** The answer to issuing a key: `key` is the secret, sent this once and never again. */
export type IssuedApiKey = Static<typeof ApiKeys.CreatedApiKey>;
