/**
 * Tracking ingestion: every feed (our scanners, 快递100, AfterShip, imports, the simulator) ends
 * here with events in our vocabulary. Idempotent (an event already stored is skipped), safe out of
 * order (the standing is a maximum, see domain/tracking/progress.ts), and durable on return: the
 * events, the shipments' new standing, their exceptions and the customer notifications commit in
 * one transaction before the caller is answered.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isAcceptableText } from '../../domain/text.js';
import { normalizeWaybillNo } from '../../domain/waybill.js';
import { accumulate, advance, eventKeyOf, statusSinceAfter } from '../../domain/tracking/progress.js';
import { isSubStatusOf, isTrackingStatus, type CanonicalEvent, type TrackingStatus } from '../../domain/tracking/vocabulary.js';
import { assess, storedLastScan, storedStanding, type Assessment } from './assess.js';
import { ensurePartitions, monthOf } from './partitions.js';
import { applyExceptions } from './exceptions-store.js';
import type { TrackingContext } from './context.js';
import { ensureShipments, insertNewEvents, lockShipments, timelineEntry, updateShipmentStates, type EventRow } from './repository.js';
import type { EventRejectionCode, Rejection } from './rejections.js';
import { inTransaction } from '../../db/transaction.js';

export type IngestProblem = Rejection<EventRejectionCode>;

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  /** by index in `events`; routes put them in the caller's words with rejections.ts */
  rejected: IngestProblem[];
  shipmentsUpdated: number;
  exceptionsRaised: number;
}

/** Events may be at most this far in the future (clock skew of scanners). */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/** An event's text fields, by the names the scanner batch gives them (schemas.ts ScanEvent). */
const TEXT_FIELDS = [
  ['waybillNo', 'waybillNo'],
  ['status', 'status'],
  ['subStatus', 'subStatus'],
  ['site', 'site'],
  ['areaCode', 'areaCode'],
  ['courier', 'courier'],
  ['rawText', 'text'],
  ['externalId', 'eventId'],
] as const satisfies ReadonlyArray<readonly [keyof CanonicalEvent, string]>;

/**
 * Checks what a schema cannot: text the database can hold (domain/text.ts: no NUL, no lone
 * surrogate; a scan is refused rather than silently altered), the vocabulary pair, and times
 * inside what we keep.
 */
export function checkEvent(event: CanonicalEvent, now: Date, retentionDays: number): Omit<IngestProblem, 'index'> | null {
  for (const [key, field] of TEXT_FIELDS) {
    const value = event[key];
    if (typeof value === 'string' && !isAcceptableText(value)) return { code: 'EVENT_TEXT_INVALID', params: { field } };
  }
  const { status, subStatus } = event;
  if (!isTrackingStatus(status)) return { code: 'EVENT_STATUS_UNKNOWN', params: { status } };
  if (!isSubStatusOf(status, subStatus)) return { code: 'EVENT_SUB_STATUS_MISMATCH', params: { status, subStatus } };
  if (Number.isNaN(event.eventTime.getTime())) return { code: 'EVENT_TIME_INVALID' };
  if (event.eventTime.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { code: 'EVENT_TIME_IN_FUTURE' };
  if (event.eventTime.getTime() < now.getTime() - retentionDays * 86_400_000) {
    return { code: 'EVENT_TIME_BEFORE_RETENTION', params: { days: retentionDays } };
  }
  return null;
}

/**
 * Stores a batch. Events that fail the checks are reported by their index and skipped; the rest of
 * the batch is stored (a scanner's one bad reading must not lose its other 4,999 scans).
 */
export async function ingestEvents(
  db: Kysely<DB>,
  context: TrackingContext,
  events: CanonicalEvent[],
  now: Date = new Date(),
): Promise<IngestResult> {
  const policy = await context.policy(db);
  const rejected: IngestProblem[] = [];
  const rows: EventRow[] = [];
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const problem = checkEvent(event, now, policy.retentionDays);
    if (problem) return void rejected.push({ index, ...problem });
    // Every way in ends here: one spelling per parcel whatever the feed sent (domain/waybill.ts).
    const waybillNo = normalizeWaybillNo(event.waybillNo);
    const time = event.eventTime.toISOString();
    const eventKey = eventKeyOf(event);
    const identity = `${waybillNo}\u001f${time}\u001f${eventKey}`;
    if (seen.has(identity)) return; // the same event twice in one batch is one event
    seen.add(identity);
    rows.push({
      waybillNo,
      eventTime: event.eventTime,
      time,
      eventKey,
      status: event.status,
      subStatus: event.subStatus,
      site: event.site,
      areaCode: event.areaCode,
      courier: event.courier,
      rawText: event.rawText,
      source: event.source,
    });
  });

  await ensurePartitions(db, rows.map((r) => monthOf(r.time)));
  // Rows are written in key order, so two batches that share events never wait on each other in a cycle.
  // (ISO 8601 in UTC with milliseconds: text order is time order.)
  rows.sort((a, b) =>
    a.waybillNo < b.waybillNo ? -1 : a.waybillNo > b.waybillNo ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventKey < b.eventKey ? -1 : 1,
  );

  const outcome = await inTransaction(db, async (trx) => {
    const fresh = await insertNewEvents(trx, rows);
    if (fresh.length === 0) return { stored: 0, shipmentsUpdated: 0, exceptionsRaised: 0 };
    const touched = [...new Set(fresh.map((r) => r.waybillNo))].sort();
    await ensureShipments(trx, touched);
    const shipments = await lockShipments(trx, touched);
    const byWaybill = new Map<string, EventRow[]>();
    for (const row of fresh) {
      const list = byWaybill.get(row.waybillNo);
      if (list) list.push(row);
      else byWaybill.set(row.waybillNo, [row]);
    }

    const assessed: Assessment[] = [];
    for (const shipment of shipments) {
      let { standing, facts } = storedStanding(shipment);
      let lastScan = storedLastScan(shipment);
      for (const row of byWaybill.get(shipment.waybill_no) ?? []) {
        // The row itself is the candidate standing (it has the four fields): no object per event.
        const candidate = row as EventRow & { status: TrackingStatus };
        const previous = standing;
        standing = advance(standing, candidate);
        facts = accumulate(facts, candidate);
        // A late old event changes the facts, not the last scan shown.
        if (standing === candidate) {
          const statusSince = statusSinceAfter(previous, lastScan.statusSince, candidate);
          // Waiting at a locker or station counts from the first such scan: a reminder or a move
          // from locker to station does not restart the customer's 72 hours.
          const stillWaiting = previous?.status === 'awaiting_pickup' && candidate.status === 'awaiting_pickup';
          const awaitingSince = stillWaiting ? (lastScan.awaitingSince ?? row.eventTime) : row.eventTime;
          lastScan = { text: row.rawText, site: row.site, areaCode: row.areaCode, awaitingSince, statusSince };
        }
      }
      if (!standing) continue;
      const assessment = assess(context, shipment, standing, facts, lastScan, policy, now);
      // Its new events, oldest first (rows are in key order), join the shipment's timeline.
      assessment.update.newEvents = (byWaybill.get(shipment.waybill_no) ?? []).map(timelineEntry);
      assessed.push(assessment);
    }
    const updates = assessed.map((a) => a.update);
    const evaluations = assessed.map((a) => a.evaluation);
    await updateShipmentStates(trx, updates);
    const exceptionsRaised = await applyExceptions(trx, context, evaluations, now);
    return { stored: fresh.length, shipmentsUpdated: updates.length, exceptionsRaised };
  });

  return {
    received: events.length,
    stored: outcome.stored,
    duplicates: events.length - rejected.length - outcome.stored,
    rejected,
    shipmentsUpdated: outcome.shipmentsUpdated,
    exceptionsRaised: outcome.exceptionsRaised,
  };
}
