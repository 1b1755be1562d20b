/**
 * Where a shipment stands, derived from its events so that arrival order does not matter
 * (docs/product.md §1: "never let a shipment's status go backwards because an old event arrived late").
 *
 * The standing is the greatest event under one total order: terminal events (signed, returned to
 * sender, cancelled) above all others, then later event time, then the further stage, then the
 * event key. Taking a maximum is commutative and idempotent, so any order of arrival and any
 * number of replays give the same result.
 */
import { createHash } from 'node:crypto';
import { isTerminal, STATUS_RANK, type CanonicalEvent, type TrackingStatus } from './vocabulary.js';

export interface Standing {
  status: TrackingStatus;
  subStatus: string;
  eventTime: Date;
  eventKey: string;
}

export function compareStanding(a: Standing, b: Standing): number {
  const terminal = Number(isTerminal(a.status, a.subStatus)) - Number(isTerminal(b.status, b.subStatus));
  if (terminal !== 0) return terminal;
  const time = a.eventTime.getTime() - b.eventTime.getTime();
  if (time !== 0) return time;
  const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (rank !== 0) return rank;
  return a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0;
}

/** The standing after also knowing `candidate`. */
export function advance(current: Standing | null, candidate: Standing): Standing {
  return current === null || compareStanding(candidate, current) > 0 ? candidate : current;
}

/**
 * The identity of an event for de-duplication: the sender's own id when it gives one, otherwise a
 * digest of what the event says (so a feed that re-sends its whole history stores each scan once).
 */
export function eventKeyOf(event: CanonicalEvent): string {
  if (event.externalId) return `${event.source}:${event.externalId}`;
  return createHash('sha1')
    .update([event.eventTime.toISOString(), event.status, event.subStatus, event.site ?? '', event.rawText].join('\u001f'))
    .digest('base64url');
}

/** Facts about a shipment that accumulate from its events, whatever order they come in. */
export interface Accumulated {
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  damagedAt: Date | null;
  failedAttempts: number;
}

const earliest = (a: Date | null, b: Date): Date => (a === null || b < a ? b : a);

/** Folds newly stored events (each seen for the first time) into the accumulated facts. */
export function accumulate(facts: Accumulated, event: Pick<CanonicalEvent, 'status' | 'subStatus' | 'eventTime'>): Accumulated {
  const next = { ...facts };
  // Pickup is the earliest scan from pickup onwards: a parcel scanned in transit was picked up.
  if (STATUS_RANK[event.status] >= STATUS_RANK.picked_up && event.status !== 'cancelled') {
    next.pickedUpAt = earliest(facts.pickedUpAt, event.eventTime);
  }
  if (event.status === 'delivered') next.deliveredAt = earliest(facts.deliveredAt, event.eventTime);
  if (event.status === 'damaged') next.damagedAt = earliest(facts.damagedAt, event.eventTime);
  if (event.status === 'failed_attempt') next.failedAttempts = facts.failedAttempts + 1;
  return next;
}

/**
 * When the shipment's current status began, after the standing moved from `previous` to `next`:
 * a new status begins at its event; more scans of the same status (a return's many 退回 scans)
 * keep the start. `since` is what was known for `previous` (null when not known: the detector
 * then falls back to the last event time).
 */
export function statusSinceAfter(previous: Standing | null, since: Date | null, next: Standing): Date | null {
  if (previous === next) return since;
  if (previous === null || previous.status !== next.status) return next.eventTime;
  return since;
}
