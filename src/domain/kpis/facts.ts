/**
 * What one record contributes to the daily facts (domain/kpis/registry.ts FACTS), as pure rules.
 * The rollup (modules/kpis/repository.ts) says the same in SQL, set-based; these functions are the
 * definitions it is tested against, and the rules a reader of a number can check by hand.
 */
import type { ClockState } from '../sla/clock.js';
import { usedMinutes } from '../sla/clock.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { FactName } from './registry.js';

export type FactCounts = Partial<Record<FactName, number>>;

/** The company-zone calendar date (YYYY-MM-DD) an instant falls on: the day its facts belong to. */
export function companyDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * A parcel signed for: on time when signed no later than the promise it was given at pickup —
 * the promised time computed under the time-limit policy version in force then and stored with
 * it (`shipments.promised_at`, `policy_version`), never today's policy. A parcel without a promise
 * is not counted either way.
 */
export function deliveryFacts(parcel: { deliveredAt: Date; promisedAt: Date | null }): FactCounts {
  if (parcel.promisedAt === null) return {};
  const onTime = parcel.deliveredAt.getTime() <= parcel.promisedAt.getTime() ? 1 : 0;
  return { 'parcels.delivered_promised': 1, 'parcels.delivered_on_time': onTime };
}

/**
 * A stopped SLA clock: its minutes are those the clock used, on its own basis — business minutes
 * (working hours, weekends and holidays of the company calendar left out, pauses while waiting
 * for the customer left out) where the SLA policy says so. Met means stopped before a breach.
 */
export function clockFacts(clock: ClockState, calendar: BusinessCalendar): FactCounts {
  if (clock.stoppedAt === null) return {};
  const minutes = usedMinutes(clock, clock.stoppedAt, calendar);
  const facts: FactCounts = { 'sla.ended': 1, 'sla.met': clock.breachedAt === null ? 1 : 0 };
  if (clock.kind === 'first_response') Object.assign(facts, { 'first_response.count': 1, 'first_response.minutes': minutes });
  if (clock.kind === 'resolution') Object.assign(facts, { 'resolution.count': 1, 'resolution.minutes': minutes });
  return facts;
}

/** The timeline entries first-contact resolution looks at. */
export interface ResolutionTimelineEntry {
  kind: string;
  visibility: string;
  /** staff wrote it (not the customer, not the system) */
  byStaff: boolean;
}

/** Resolved with at most one agent reply to the customer and no transfer (一次解决). */
export function firstContactResolution(timeline: readonly ResolutionTimelineEntry[]): FactCounts {
  const agentReplies = timeline.filter((e) => e.kind === 'reply' && e.visibility === 'public' && e.byStaff).length;
  const transferred = timeline.some((e) => e.kind === 'transfer');
  return { 'fcr.resolved': 1, 'fcr.first_contact': agentReplies <= 1 && !transferred ? 1 : 0 };
}

/** A callback (回访) on the day it was scheduled for: done when it reached the customer; a cancelled one is not due. */
export function callbackFacts(callback: { outcome: string | null }): FactCounts {
  if (callback.outcome === 'cancelled') return {};
  const reached = callback.outcome === 'satisfied' || callback.outcome === 'unsatisfied' ? 1 : 0;
  return { 'callbacks.due': 1, 'callbacks.done': reached };
}

/** An after-resolution rating of 1–5: satisfied at 4 or 5. */
export function ratingFacts(rating: number): FactCounts {
  return { 'csat.ratings': 1, 'csat.satisfied': rating >= 4 ? 1 : 0 };
}

/** A claim decided (approved or rejected): minutes from opening to the decision, the fen approved. */
export function claimDecisionFacts(claim: { openedAt: Date; decidedAt: Date; approvedFen: number | null }): FactCounts {
  const minutes = Math.floor((claim.decidedAt.getTime() - claim.openedAt.getTime()) / 60_000);
  return { 'claims.decided': 1, 'claims.cycle_minutes': minutes, 'claims.approved_fen': claim.approvedFen ?? 0 };
}

/** A ledger entry: a chargeback to a station adds, the reversal of one takes it back. */
export function chargebackFacts(entry: { kind: string; station: string | null; amountFen: number }): FactCounts {
  if (entry.station === null) return {};
  if (entry.kind === 'chargeback') return { 'chargebacks.count': 1, 'chargebacks.fen': entry.amountFen };
  if (entry.kind === 'reversal') return { 'chargebacks.count': -1, 'chargebacks.fen': -entry.amountFen };
  return {};
}

/** Sums fact contributions, as a day's or a period's rows are summed. */
export function sumFacts(parts: readonly FactCounts[]): FactCounts {
  const sums: FactCounts = {};
  for (const part of parts) for (const [fact, v] of Object.entries(part) as [FactName, number][]) sums[fact] = (sums[fact] ?? 0) + v;
  return sums;
}
