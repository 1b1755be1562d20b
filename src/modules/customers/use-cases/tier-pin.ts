/**
 * A tier set by hand (docs/product.md §5): a supervisor or manager (`customers.manage`) keeps a
 * customer at a tier whatever the spend rule says — a strategic account kept 大客户 below the
 * threshold, a contract's terms — with a reason and optionally a last day. The nightly tier job
 * leaves a pinned customer where it is (derive.ts) and ends a pin whose last day has passed. Pin
 * and unpin are audited and on the customer's timeline; the customer's tier (which the SLA
 * policies read) changes at once when pinned. Unpinning leaves the tier as it is: the rule decides
 * it again at the next run. Refused requests change nothing.
 */
import { sql } from 'kysely';
import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { wallClock } from '../../../domain/time-limits/working-days.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { mayChange, userOf } from '../access.js';
import { addCustomerEvent } from '../repository.js';
import { author, type Deps } from './steps.js';

export type TierPinDeps = Deps & { timeZone: string };

const DAY = 86_400_000;
const localDate = (at: Date, zone: string) => new Date(wallClock(at, zone)).toISOString().slice(0, 10);

/** Pins the customer's tier (replacing an earlier pin), at the version read. */
export async function pinTier(deps: TierPinDeps, ctx: RequestContext, id: string, input: { version: number; tier: 'standard' | 'key'; reason: string; until?: string | null | undefined }, now = new Date()) {
  const actor = userOf(ctx.actor);
  const reason = input.reason.trim();
  const until = input.until ?? null;
  return inTransaction(deps.db, async (trx) => {
    const row = await mayChange(trx, id, actor, 'pinTier', input.version);
    if (!reason) throw new AppError('CUSTOMER_TIER_PIN_REASON_REQUIRED');
    if (until !== null) {
      const today = localDate(now, deps.timeZone);
      const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 731 * DAY).toISOString().slice(0, 10);
      if (Number.isNaN(Date.parse(`${until}T00:00:00Z`)) || new Date(`${until}T00:00:00Z`).toISOString().slice(0, 10) !== until || until <= today || until > latest) {
        throw new AppError('CUSTOMER_TIER_PIN_UNTIL_INVALID');
      }
    }
    const by = author(actor);
    await trx
      .insertInto('customer_tier_pins')
      .values({ customer_id: id, tier: input.tier, reason, until, pinned_by: actor.id, pinned_by_name: actor.displayName, pinned_at: now })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ tier: input.tier, reason, until, pinned_by: actor.id, pinned_by_name: actor.displayName, pinned_at: now }))
      .execute();
    const saved = await trx
      .updateTable('customers')
      .set({ tier: input.tier, version: sql`version + 1`, updated_at: now } as never)
      .where('id', '=', id)
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    const detail = { from: row.tier, tier: input.tier, reason, until };
    await addCustomerEvent(trx, id, by, 'tier_pinned', detail);
    await audit(trx, ctx, { action: 'customer.tier_pin', subjectType: 'customer', subjectId: id, detail });
    return saved;
  });
}

/** Ends the pin: the tier stays until the tier rule's next run decides it. 404 when the tier is not pinned. */
export async function unpinTier(deps: TierPinDeps, ctx: RequestContext, id: string, version: number) {
  const actor = userOf(ctx.actor);
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'pinTier', version);
    const pin = await trx.deleteFrom('customer_tier_pins').where('customer_id', '=', id).returning(['tier', 'reason']).executeTakeFirst();
    if (!pin) throw new AppError('CUSTOMER_TIER_PIN_NOT_FOUND');
    const saved = await trx
      .updateTable('customers')
      .set({ version: sql`version + 1`, updated_at: new Date() } as never)
      .where('id', '=', id)
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    const detail = { tier: pin.tier, reason: pin.reason };
    await addCustomerEvent(trx, id, author(actor), 'tier_unpinned', detail);
    await audit(trx, ctx, { action: 'customer.tier_unpin', subjectType: 'customer', subjectId: id, detail });
    return saved;
  });
}
