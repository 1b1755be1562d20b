import type { RequestContext } from '../../../domain/actor.js';
import { normalizeCreditCode } from '../../../domain/customers/credit-code.js';
import { queryWords } from '../../tickets/service.js';
import { userOf } from '../access.js';
import { presentSummary } from '../presenter.js';
import { accountManagers, findCustomerIds, newestCustomerIds, summariesOf } from '../repository.js';
import type { Deps } from './steps.js';

const MATCH_LIMIT = 100;

/**
 * Finds customers (docs/product.md §5): a phone exactly (the record's own or a contact's, shown
 * masked), a monthly account, a credit code, a name exactly, by its beginning or by its words. Each
 * way is its own indexed, limited query; a merged record's phone finds the survivor. Without a
 * query: the newest customers, or the caller's own accounts (`mine`).
 */
export async function searchCustomers(deps: Deps, ctx: RequestContext, query: { q?: string | undefined; mine?: boolean | undefined; page?: number | undefined; pageSize?: number | undefined }) {
  const actor = userOf(ctx.actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const offset = (page - 1) * pageSize;
  const mine = query.mine ? actor.id : null;
  const q = query.q?.trim() ?? '';
  if (q === '') {
    const ids = await newestCustomerIds(deps.db, mine, pageSize + 1, offset);
    const rows = await summariesOf(deps.db, ids.slice(0, pageSize));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: ids.slice(0, pageSize).flatMap((id) => (byId.has(id) ? [presentSummary(byId.get(id)!)] : [])), page, hasMore: ids.length > pageSize };
  }
  const compact = q.replace(/[\s-]/g, '');
  const phone = /^\+?\d{5,20}$/.test(compact) ? compact.replace(/\D/g, '') : null;
  const code = normalizeCreditCode(q);
  const isNumber = phone !== null;
  const matches = await findCustomerIds(
    deps.db,
    {
      phone,
      accountNo: /^[A-Za-z0-9-]{4,32}$/.test(q) ? q.toUpperCase() : null,
      creditCode: code.length === 18 ? code : null,
      name: q,
      prefix: isNumber ? '' : `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      words: isNumber ? [] : queryWords(q),
    },
    MATCH_LIMIT,
  );
  const rows = await summariesOf(deps.db, matches.map((m) => m.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = matches.filter((m) => byId.has(m.id) && (!mine || byId.get(m.id)!.account_manager_id === mine));
  const items = found.slice(offset, offset + pageSize).map((m) => presentSummary(byId.get(m.id)!, m.matched_by));
  return { items, page, hasMore: found.length > offset + pageSize };
}

/** The active account managers, to name one on a customer (those who keep every record). */
export async function listAccountManagers(deps: Deps) {
  return { items: (await accountManagers(deps.db)).map((u) => ({ id: u.id, displayName: u.display_name })) };
}
