/**
 * Which exceptions (异常, docs/product.md §1) a shipment has now, and when the next one could arise
 * by the clock alone. Some come from events (damaged, refused, returned, undeliverable), some
 * from clocks (delayed, stalled, lost, not collected): "Lost is never reported by a scanner: it
 * is derived when a parcel passes its complete-delay limit (彻底延误)".
 */
import type { TimeLimitPolicy, TimeLimitRuleKey } from '../time-limits/policy.js';
import { addHours } from '../time-limits/working-days.js';
import type { TrackingStatus } from './vocabulary.js';

export const EXCEPTION_KINDS = [
  'delayed',
  'stalled',
  'lost',
  'damaged',
  'refused',
  'undeliverable',
  'returned',
  'not_collected',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** What the shipment row knows, as of its latest event. */
export interface ShipmentSnapshot {
  status: TrackingStatus;
  subStatus: string;
  terminal: boolean;
  pickedUpAt: Date | null;
  promisedAt: Date | null;
  completeDelayAt: Date | null;
  lastEventTime: Date | null;
  awaitingPickupSince: Date | null;
  failedAttempts: number;
  /** ever reported damaged: stays recorded after delivery */
  damaged: boolean;
  deliveredAt: Date | null;
  /** when the current status began; defaults to lastEventTime */
  statusSince?: Date | null;
  /** when the damage was reported; defaults to statusSince */
  damagedAt?: Date | null;
}

export interface ActiveException {
  kind: ExceptionKind;
  /** when the condition began (promisedAt for delayed), not when it was noticed */
  since: Date;
  /** JSON-serialisable facts for the agent: instants as ISO strings, the rule applied */
  detail: Record<string, unknown>;
}

export interface ExceptionCheck {
  active: ActiveException[];
  /** the earliest future instant a clock could raise another kind; null if only an event can */
  nextCheckAt: Date | null;
}

/** docs/product.md §1 "stalled (no scan for N hours)": the threshold of each stage. */
const STALLED_RULE: Partial<Record<TrackingStatus, TimeLimitRuleKey>> = {
  picked_up: 'stalledPickedUp',
  in_transit: 'stalledInTransit',
  // a damaged parcel normally travels on
  damaged: 'stalledInTransit',
  customs: 'stalledCustoms',
  out_for_delivery: 'stalledOutForDelivery',
  failed_attempt: 'stalledFailedAttempt',
  returned: 'stalledReturned',
};

/** After these the delivery promise no longer runs: the recipient refused, or it goes back. */
const PROMISE_ENDED: readonly TrackingStatus[] = ['refused', 'returned', 'cancelled'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function detectExceptions(snapshot: ShipmentSnapshot, now: Date, policy: Pick<TimeLimitPolicy, 'rules'>): ExceptionCheck {
  const s = snapshot;
  const { rules } = policy;
  const delivered = s.status === 'delivered' || s.deliveredAt !== null;
  const moving = !delivered && !s.terminal;
  const knownStatusSince = s.statusSince ?? s.lastEventTime;
  // Only an event's `since` may fall back to now: a clock must not move with the clock.
  const statusSince = knownStatusSince ?? s.pickedUpAt ?? now;
  const available = s.status === 'awaiting_pickup';
  const availableSince = available ? (s.awaitingPickupSince ?? knownStatusSince) : null;

  const active: ActiveException[] = [];
  const upcoming: number[] = [];
  const raise = (kind: ExceptionKind, since: Date, detail: Record<string, unknown>) => active.push({ kind, since, detail });
  /** A clock: active from `at` on (exactly at the threshold counts), otherwise due then. */
  const clock = (kind: ExceptionKind, at: Date, detail: Record<string, unknown>) => {
    if (at.getTime() <= now.getTime()) raise(kind, at, detail);
    else upcoming.push(at.getTime());
  };

  const promiseRuns = moving && !PROMISE_ENDED.includes(s.status);
  // Made available at a locker or station in time counts as on time (delivered to the 驿站).
  if (promiseRuns && s.promisedAt && !(availableSince && availableSince <= s.promisedAt)) {
    clock('delayed', s.promisedAt, { promisedAt: iso(s.promisedAt), availableSince: iso(availableSince) });
  }
  // docs/product.md §7: past the complete-delay limit (彻底延误) and not delivered → treated as lost;
  // a parcel waiting at a station is located, so it is not lost.
  if (promiseRuns && s.completeDelayAt && !available) {
    clock('lost', s.completeDelayAt, { completeDelayAt: iso(s.completeDelayAt), promisedAt: iso(s.promisedAt) });
  }

  const stalledRule = STALLED_RULE[s.status];
  const lastScan = s.lastEventTime ?? s.pickedUpAt;
  if (moving && s.status === 'stalled') {
    // The feed itself says so (快递100 疑难, AfterShip Exception/Expired).
    raise('stalled', statusSince, { reported: true, subStatus: s.subStatus, lastScanAt: iso(lastScan) });
  } else if (moving && stalledRule && lastScan) {
    const hours = rules[stalledRule].value;
    clock('stalled', addHours(lastScan, hours), { stage: s.status, rule: stalledRule, thresholdHours: hours, lastScanAt: iso(lastScan) });
  }

  if (moving && availableSince) {
    const hours = rules.notCollected.value;
    clock('not_collected', addHours(availableSince, hours), {
      place: s.subStatus,
      rule: 'notCollected',
      thresholdHours: hours,
      availableSince: iso(availableSince),
    });
  }

  if (s.damaged || s.status === 'damaged') {
    raise('damaged', s.damagedAt ?? statusSince, { subStatus: s.status === 'damaged' ? s.subStatus : null });
  }
  if (s.status === 'refused') raise('refused', statusSince, { subStatus: s.subStatus });

  const attemptLimit = rules.undeliverableAttempts.value;
  const addressProblem = s.status === 'failed_attempt' && s.subStatus === 'address_issue';
  if (moving && (s.failedAttempts >= attemptLimit || addressProblem)) {
    raise('undeliverable', statusSince, {
      reason: s.failedAttempts >= attemptLimit ? 'attempts' : 'address_issue',
      failedAttempts: s.failedAttempts,
      rule: 'undeliverableAttempts',
      limit: attemptLimit,
    });
  }

  // 退回: the parcel is on its way back to the sender, since the return began. Once the sender has
  // it again (退签, 退回件已签收) the return is finished: nothing is left to do or to tell, so the
  // exception clears and a shipment first judged after that never raises it.
  if (moving && s.status === 'returned') {
    raise('returned', statusSince, { subStatus: s.subStatus });
  }

  active.sort((a, b) => EXCEPTION_KINDS.indexOf(a.kind) - EXCEPTION_KINDS.indexOf(b.kind));
  return { active, nextCheckAt: upcoming.length ? new Date(Math.min(...upcoming)) : null };
}
