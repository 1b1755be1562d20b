/**
 * Which station or partner is proposed as responsible for a claim (责任判定, docs/product.md §3),
 * read from the shipment's scan trail in our tracking vocabulary (domain/tracking/vocabulary.ts):
 * for damage, frozen goods and short contents the site that scanned it damaged (破损), or else the
 * site where it was refused (拒收 — a recipient refuses what arrives broken), or else the site that
 * delivered it; for a loss the last site that scanned it; for a wrong delivery (错派/冒领) the site
 * that delivered it; for a delay the site where it waited longest between scans. A supervisor
 * confirms or changes the proposal with a reason. Pure: scans may arrive in any order.
 */
import { CITATIONS, source } from '../sources.js';
import { STATUS_RANK, type CanonicalEvent, type TrackingStatus } from '../tracking/vocabulary.js';
import type { ClaimType } from './policy.js';

export type Scan = Pick<CanonicalEvent, 'eventTime' | 'status' | 'subStatus' | 'site'>;

export const RESPONSIBILITY_BASES = ['damage_scan', 'refusal_scan', 'delivery_scan', 'last_scan', 'longest_stay'] as const;
export type ResponsibilityBasis = (typeof RESPONSIBILITY_BASES)[number];

export type ResponsibilityProposal =
  | { kind: 'proposed'; site: string; basis: ResponsibilityBasis; scannedAt: Date; source: string }
  | { kind: 'none'; code: 'RESPONSIBILITY_NO_SITE' };

const DELIVERY: readonly TrackingStatus[] = ['delivered', 'out_for_delivery', 'awaiting_pickup', 'failed_attempt'];

/**
 * The proposal for a claim of `type` from `scans`. `until` (delay only): when the delay was judged —
 * the delivery or now — so a parcel still sitting at its last site counts that wait too.
 */
export function proposeResponsibleSite(type: ClaimType, scans: readonly Scan[], until: Date | null = null): ResponsibilityProposal {
  const trail = scans
    .filter((s) => s.site !== null && s.site.trim() !== '' && Number.isFinite(s.eventTime.getTime()))
    .slice()
    .sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime() || STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  const proposed = (scan: Scan | undefined, basis: ResponsibilityBasis): ResponsibilityProposal | null =>
    scan ? { kind: 'proposed', site: scan.site!.trim(), basis, scannedAt: scan.eventTime, source: source(CITATIONS.responsibleFromScans) } : null;
  const first = (status: TrackingStatus) => trail.find((s) => s.status === status);
  const lastDelivery = () => [...trail].reverse().find((s) => DELIVERY.includes(s.status));

  let result: ResponsibilityProposal | null = null;
  switch (type) {
    case 'damage':
    case 'frozen_spoiled':
    case 'short_contents':
      result = proposed(first('damaged'), 'damage_scan') ?? proposed(first('refused'), 'refusal_scan') ?? proposed(lastDelivery(), 'delivery_scan');
      break;
    case 'wrong_delivery':
      result = proposed(lastDelivery(), 'delivery_scan');
      break;
    case 'loss':
      result = proposed(trail.at(-1), 'last_scan');
      break;
    case 'delay':
      result = proposed(longestStay(trail, until), 'longest_stay');
      break;
  }
  return result ?? (trail.length > 0 && type !== 'delay' ? proposed(trail.at(-1), 'last_scan')! : { kind: 'none', code: 'RESPONSIBILITY_NO_SITE' });
}

/** The scan after which the parcel waited longest for the next one (the earliest on a tie). */
function longestStay(trail: readonly Scan[], until: Date | null): Scan | undefined {
  let best: Scan | undefined;
  let bestGap = -1;
  trail.forEach((scan, i) => {
    const next = trail[i + 1]?.eventTime ?? until;
    if (!next) return;
    const gap = next.getTime() - scan.eventTime.getTime();
    if (gap > bestGap) {
      best = scan;
      bestGap = gap;
    }
  });
  return best ?? trail.at(-1);
}
