import { api } from '../api';
import { noParcel, normalizeWaybillNo, PUBLIC_WAYBILL_INPUT_MAX } from '../shared';
import type { PublicTrackResult } from './types';

/** How many waybill numbers one public query may carry (the server refuses more). */
export { MAX_PUBLIC_WAYBILLS as PUBLIC_TRACK_MAX } from '../shared';

export interface PublicTrackQuery {
  waybillNos: string[];
  /** Last 4 digits of the sender's or recipient's phone: unlocks names and addresses. */
  phoneLast4?: string;
}

export interface PublicTrackAnswer {
  results: PublicTrackResult[];
  /** The company's time zone, which the delay notices are written in: show every time in it. */
  timeZone: string | null;
}

/**
 * One result per number, in the order given. The server answers a number that is not a waybill
 * number with `invalid`; only one too long for it to take at all (it would refuse the whole query)
 * is answered here, the same way, without asking (and then no zone is known if nothing was sent).
 */
export async function trackPublicly(query: PublicTrackQuery): Promise<PublicTrackAnswer> {
  const sendable = query.waybillNos.filter((waybillNo) => waybillNo.length <= PUBLIC_WAYBILL_INPUT_MAX);
  const { results, timeZone } =
    sendable.length > 0
      ? await api.post<{ results: PublicTrackResult[]; timeZone: string }>('/api/public/track', { ...query, waybillNos: sendable })
      : { results: [], timeZone: null };
  const answered = new Map(results.map((result) => [result.waybillNo, result]));
  // The server's own normalisation (a repeat once), so the order is the customer's.
  const inOrder = new Map<string, PublicTrackResult | undefined>();
  for (const typed of query.waybillNos) {
    const waybillNo = normalizeWaybillNo(typed);
    inOrder.set(waybillNo, typed.length > PUBLIC_WAYBILL_INPUT_MAX ? noParcel(waybillNo, true) : answered.get(waybillNo));
  }
  return { results: [...inOrder.values()].filter((result) => result !== undefined), timeZone };
}

