import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { customerActions, userOf } from '../access.js';
import { relinkCustomerRows } from '../merge-links.js';
import { addCustomerEvent, lockCustomers, markMerged, relink, updateCustomer, type ProfileValues } from '../repository.js';
import { author, type Deps } from './steps.js';

/**
 * Merges a duplicate record into this customer (docs/product.md §5): its tickets, contact records,
 * contacts, addresses, monthly accounts and tasks move over, its survey invitations, monthly
 * reports, planned callbacks and habit days too (merge-links.ts), and so do its shipments (linked by
 * those accounts and its phone, which the duplicate keeps so it still finds this customer). The
 * profile keeps this customer's values and takes the duplicate's where it has none; the key tier
 * and the enterprise kind win. The duplicate stays as a pointer; both timelines and the audit log
 * record the merge. Both rows are locked in id order, at the versions the caller read.
 */
export async function mergeCustomers(deps: Deps, ctx: RequestContext, id: string, input: { version: number; otherId: string; otherVersion: number; reason?: string | undefined }) {
  const actor = userOf(ctx.actor);
  if (input.otherId === id) throw new AppError('CUSTOMER_MERGE_INVALID');
  return inTransaction(deps.db, async (trx) => {
    const rows = await lockCustomers(trx, [id, input.otherId]);
    const keeper = rows.find((r) => r.id === id);
    const other = rows.find((r) => r.id === input.otherId);
    if (!keeper || keeper.merged_into_id) throw new AppError('CUSTOMER_NOT_FOUND');
    if (!customerActions(keeper, actor).has('merge')) throw new AppError('FORBIDDEN');
    if (!other) throw new AppError('CUSTOMER_NOT_FOUND');
    if (other.merged_into_id) throw new AppError('CUSTOMER_MERGE_INVALID');
    if (keeper.version !== input.version || other.version !== input.otherVersion) throw new AppError('CONFLICT_STALE_VERSION');

    const moved = { ...(await relink(trx, other.id, keeper.id)), ...(await relinkCustomerRows(trx, other.id, keeper.id)) };
    await markMerged(trx, other.id, keeper.id);
    const fill: ProfileValues = {};
    const fields = ['credit_code', 'industry', 'company_nature', 'headcount', 'coverage_area', 'business_status', 'credit_rating', 'credit_limit_fen', 'account_manager_id'] as const;
    for (const f of fields) if (keeper[f] === null && other[f] !== null) (fill as Record<string, unknown>)[f] = f === 'credit_limit_fen' ? Number(other[f]) : other[f];
    if (keeper.kind !== 'enterprise' && other.kind === 'enterprise') fill.kind = 'enterprise';
    if (other.tier === 'key' && keeper.tier !== 'key') fill.tier = 'key';
    const saved = await updateCustomer(trx, keeper.id, fill);
    const by = author(actor);
    const detail = { mergedId: other.id, moved, filled: Object.keys(fill), reason: input.reason ?? null };
    await addCustomerEvent(trx, other.id, by, 'merged_into', { survivorId: keeper.id });
    await addCustomerEvent(trx, keeper.id, by, 'merged', detail);
    await audit(trx, ctx, { action: 'customer.merge', subjectType: 'customer', subjectId: keeper.id, detail: { mergedIds: [other.id], moved, reason: input.reason ?? 'staff merge' } });
    return saved;
  });
}
