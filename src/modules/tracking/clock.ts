/**
 * The tracking clock: exceptions that arise by time passing (delayed, stalled, lost, not collected).
 * It reads only shipments whose `next_check_at` is due (a partial index), so its cost grows with
 * what is due, not with how many shipments exist.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { assess, storedLastScan, storedStanding } from './assess.js';
import type { TrackingContext } from './context.js';
import { applyExceptions } from './exceptions-store.js';
import { lockShipments, updateShipmentStates } from './repository.js';
import { inTransaction } from '../../db/transaction.js';

/** Re-judges the given shipments as of `now` (after registration, or when their check is due). */
export async function reassessShipments(trx: Transaction<DB>, context: TrackingContext, waybillNos: string[], now: Date): Promise<number> {
  const policy = await context.policy(trx);
  const shipments = await lockShipments(trx, [...waybillNos].sort());
  const assessed = shipments.flatMap((shipment) => {
    const { standing, facts } = storedStanding(shipment);
    return standing ? [assess(context, shipment, standing, facts, storedLastScan(shipment), policy, now)] : [];
  });
  await updateShipmentStates(trx, assessed.map((a) => a.update));
  return applyExceptions(trx, context, assessed.map((a) => a.evaluation), now);
}

/** One tick: judges up to `limit` due shipments; returns how many were checked and raised. */
export async function runTrackingClock(
  db: Kysely<DB>,
  context: TrackingContext,
  now: Date = new Date(),
  limit = 5000,
): Promise<{ checked: number; raised: number }> {
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('shipments')
      .select('waybill_no')
      .where('next_check_at', '<=', now)
      .orderBy('next_check_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return { checked: 0, raised: 0 };
    const raised = await reassessShipments(trx, context, due.map((d) => d.waybill_no), now);
    return { checked: due.length, raised };
  });
}
