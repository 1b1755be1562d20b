/**
 * 主动告知 (docs/product.md §1): which newly raised exceptions the customer is told about, and the time
 * each notice names. Every exception is still recorded once per shipment and kind (the board and
 * the tickets work from the records); this only decides the messages.
 */
import type { ActiveException, ExceptionKind } from '../tracking/exceptions.js';

/**
 * A parcel past its complete-delay limit is treated as lost and a claim is opened (docs/product.md §7
 * 彻底延误): being late and having no scans are part of that story, not news of their own. A
 * customer gets the most serious notice — not "late", "no news, we are checking" and "lost" in
 * the same second — and no "late" or "no news" notice after being told the parcel is lost.
 */
const SUPERSEDED_BY: Partial<Record<ExceptionKind, ExceptionKind>> = { delayed: 'lost', stalled: 'lost' };

export interface ExceptionNotice {
  kind: ExceptionKind;
  /** the time the notice names as `{since}`: for a stall the last scan, not when the stall was noticed */
  since: Date;
}

/**
 * The notices to send for one shipment: `active` is everything that holds now, `raised` the kinds
 * raised for the first time in this evaluation (only those are news).
 */
export function exceptionNotices(active: readonly ActiveException[], raised: ReadonlySet<ExceptionKind>): ExceptionNotice[] {
  const holding = new Set(active.map((a) => a.kind));
  return active.flatMap((exception) => {
    if (!raised.has(exception.kind)) return [];
    const superseder = SUPERSEDED_BY[exception.kind];
    if (superseder && holding.has(superseder)) return [];
    return [{ kind: exception.kind, since: noticeSince(exception) }];
  });
}

/** "自{since}起暂无新的物流信息" is about the last scan; the stall itself is raised 48 h after it. */
function noticeSince(exception: ActiveException): Date {
  if (exception.kind === 'stalled' && typeof exception.detail.lastScanAt === 'string') return new Date(exception.detail.lastScanAt);
  return exception.since;
}
