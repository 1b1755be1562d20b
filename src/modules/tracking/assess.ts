/**
 * One shipment's time limits and exceptions, from its standing and accumulated facts. Shared by
 * ingestion (as events arrive), registration, and the clock (as time passes), so all three judge
 * a shipment the same way.
 */
import { detectExceptions } from '../../domain/tracking/exceptions.js';
import type { Accumulated, Standing } from '../../domain/tracking/progress.js';
import { isTerminal } from '../../domain/tracking/vocabulary.js';
import type { ActivePolicy, TrackingContext } from './context.js';
import type { Evaluation } from './exceptions-store.js';
import type { LockedShipment, ShipmentStateUpdate } from './repository.js';
import { timeLimitsFor } from './time-limits.js';

/** What the latest scan says, and when the shipment's current status began (null: not known). */
export interface LastScan {
  text: string;
  site: string | null;
  areaCode: string | null;
  awaitingSince: Date | null;
  statusSince: Date | null;
}

export interface Assessment {
  update: ShipmentStateUpdate;
  evaluation: Evaluation;
}

export function assess(
  context: TrackingContext,
  shipment: LockedShipment,
  standing: Standing,
  facts: Accumulated,
  lastScan: LastScan,
  policy: ActivePolicy,
  now: Date,
): Assessment {
  const limits = timeLimitsFor(context, shipment, facts.pickedUpAt, policy);
  const terminal = isTerminal(standing.status, standing.subStatus);
  const awaitingPickupSince = standing.status === 'awaiting_pickup' ? lastScan.awaitingSince : null;
  const detected = detectExceptions(
    {
      status: standing.status,
      subStatus: standing.subStatus,
      terminal,
      pickedUpAt: facts.pickedUpAt,
      promisedAt: limits.promisedAt,
      completeDelayAt: limits.completeDelayAt,
      lastEventTime: standing.eventTime,
      awaitingPickupSince,
      failedAttempts: facts.failedAttempts,
      damaged: facts.damagedAt !== null,
      // raised at the damage scan, even when later scans of the same batch moved the standing on
      damagedAt: facts.damagedAt,
      deliveredAt: facts.deliveredAt,
      statusSince: lastScan.statusSince,
    },
    now,
    { rules: policy.rules },
  );
  return {
    update: {
      id: shipment.id,
      status: standing.status,
      subStatus: standing.subStatus,
      terminal,
      lastEventTime: standing.eventTime,
      lastEventKey: standing.eventKey,
      lastEventText: lastScan.text,
      lastSite: lastScan.site,
      lastAreaCode: lastScan.areaCode,
      ...facts,
      awaitingPickupSince,
      promisedAt: limits.promisedAt,
      completeDelayAt: limits.completeDelayAt,
      routeClass: limits.routeClass,
      policyVersion: limits.policyVersion,
      nextCheckAt: detected.nextCheckAt,
    },
    evaluation: {
      shipmentId: shipment.id,
      waybillNo: shipment.waybill_no,
      site: lastScan.site,
      areaCode: lastScan.areaCode,
      phone: shipment.recipient_phone ?? shipment.sender_phone,
      promisedAt: limits.promisedAt,
      facts: {
        status: standing.status,
        subStatus: standing.subStatus,
        terminal,
        promisedAt: limits.promisedAt,
        completeDelayAt: limits.completeDelayAt,
        deliveredAt: facts.deliveredAt,
        lastEventTime: standing.eventTime,
        lastSite: lastScan.site,
      },
      detected,
    },
  };
}

/** The standing and facts a shipment row already holds (for the clock and registration). */
export function storedStanding(shipment: LockedShipment): { standing: Standing | null; facts: Accumulated } {
  return {
    standing: shipment.last_event_time
      ? {
          status: shipment.status as Standing['status'],
          subStatus: shipment.sub_status,
          eventTime: shipment.last_event_time,
          eventKey: shipment.last_event_key ?? '',
        }
      : null,
    facts: {
      pickedUpAt: shipment.picked_up_at,
      deliveredAt: shipment.delivered_at,
      damagedAt: shipment.damaged_at,
      failedAttempts: shipment.failed_attempts,
    },
  };
}

export function storedLastScan(shipment: LockedShipment): LastScan {
  return {
    text: shipment.last_event_text ?? '',
    site: shipment.last_site,
    areaCode: shipment.last_area_code,
    awaitingSince: shipment.awaiting_pickup_since,
    // not stored: an exception keeps the raised time of its first judgement, made as the scans came in
    statusSince: null,
  };
}
