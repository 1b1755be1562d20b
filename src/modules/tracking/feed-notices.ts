/**
 * What a carrier feed says about its own tracking of a number (快递100 `abort`: it stopped looking),
 * kept on the shipment for the console until a later push says tracking goes on. The feed routes
 * call this rather than the repository (routes do not query).
 */
import type { Kysely } from 'kysely';
import type { DB, FeedNotice } from '../../db/schema.js';
import { setFeedNotice } from './repository.js';

export async function recordFeedNotice(db: Kysely<DB>, waybillNo: string, notice: FeedNotice | null): Promise<void> {
  await setFeedNotice(db, waybillNo, notice);
}
