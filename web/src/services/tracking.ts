import { api } from '../api';
import type { PublicTrackResult } from './types';

/** How many waybill numbers one public query may carry (the server refuses more). */
export { MAX_PUBLIC_WAYBILLS as PUBLIC_TRACK_MAX } from '../shared';

export interface PublicTrackQuery {
  waybillNos: string[];
  /** Last 4 digits of the sender's or recipient's phone: unlocks names and addresses. */
  phoneLast4?: string;
}

export async function trackPublicly(query: PublicTrackQuery): Promise<PublicTrackResult[]> {
  const { results } = await api.post<{ results: PublicTrackResult[] }>('/api/public/track', query);
  return results;
}
