/**
 * 主动告知 (docs/product.md §1): which newly raised exception the customer is told about. Every
 * exception is still recorded once per shipment and kind (the board and the tickets work from the
 * records); this only decides the message, whose words are the parcel's story (story.ts).
 */
import type { ActiveException, ExceptionKind } from '../tracking/exceptions.js';
import { mostSeriousException } from '../tracking/story.js';

/**
 * A parcel past its complete-delay limit is treated as lost (docs/product.md §7 彻底延误): being late
 * and having no scans are part of that story, not news of their own, so once it is lost no "late"
 * or "no news" notice follows.
 */
const SUPERSEDED_BY: Partial<Record<ExceptionKind, ExceptionKind>> = { delayed: 'lost', stalled: 'lost' };

export interface ExceptionNotice {
  /** the exception the notice is recorded against (its template, exception.<kind>) */
  kind: ExceptionKind;
}

/**
 * The notice to send for one shipment, if any: `active` is everything that holds now, `raised` the
 * kinds raised for the first time in this evaluation (only those are news). One notice per
 * evaluation, against the most serious news: it tells the whole story (late and stalled at once
 * is one SMS that says both), never two messages in the same second.
 */
export function exceptionNotices(active: readonly ActiveException[], raised: ReadonlySet<ExceptionKind>): ExceptionNotice[] {
  const holding = new Set(active.map((a) => a.kind));
  const news = active
    .map((a) => a.kind)
    .filter((kind) => raised.has(kind))
    .filter((kind) => {
      const superseder = SUPERSEDED_BY[kind];
      return !(superseder && holding.has(superseder));
    });
  const kind = mostSeriousException(news);
  return kind ? [{ kind }] : [];
}
