/**
 * Promised delivery and complete-delay instants for a shipment: computed once it is picked up,
 * under the policy version in force then (a later policy change never rewrites them).
 */
import { classifyRoute } from '../../domain/regions/route.js';
import { computeTimeLimits } from '../../domain/time-limits/compute.js';
import type { ActivePolicy, TrackingContext } from './context.js';
import type { LockedShipment } from './repository.js';

export interface ShipmentTimeLimits {
  routeClass: string | null;
  policyVersion: number | null;
  promisedAt: Date | null;
  completeDelayAt: Date | null;
}

export function timeLimitsFor(
  context: TrackingContext,
  shipment: LockedShipment,
  pickedUpAt: Date | null,
  current: ActivePolicy,
): ShipmentTimeLimits {
  const unchanged =
    shipment.promised_at !== null && shipment.picked_up_at?.getTime() === pickedUpAt?.getTime();
  if (unchanged || pickedUpAt === null) {
    return {
      routeClass: shipment.route_class,
      policyVersion: shipment.policy_version,
      promisedAt: shipment.promised_at,
      completeDelayAt: shipment.complete_delay_at,
    };
  }
  if (!shipment.sender_province || !shipment.sender_city || !shipment.recipient_province || !shipment.recipient_city) {
    // Not registered with addresses (a scan seen before the order): no promise can be made yet.
    return { routeClass: null, policyVersion: null, promisedAt: null, completeDelayAt: null };
  }
  const policy = (shipment.policy_version !== null && context.versioned(shipment.policy_version)) || current;
  const routeClass = classifyRoute(
    { provinceCode: shipment.sender_province, cityCode: shipment.sender_city },
    { provinceCode: shipment.recipient_province, cityCode: shipment.recipient_city },
  );
  const limits = computeTimeLimits({ pickedUpAt, routeClass, policy: { version: policy.version, rules: policy.rules }, calendar: context.calendar });
  return { routeClass, policyVersion: policy.version, promisedAt: limits.promisedAt, completeDelayAt: limits.completeDelayAt };
}
