/**
 * A customer's claims for the customer view (docs/product.md §5): the claims on the customer's
 * tickets (a merged record's tickets moved to the survivor) and on the shipments linked to the
 * customer (their monthly accounts, their phones as sender or recipient), as far as the caller may
 * read each claim's ticket (access.ts, the one place that decides it). Newest first, with totals.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { UserActor } from '../../tickets/service.js';
import { readableClaims } from '../access.js';
import { fen, fenOrNull, ledgerRows, toEntries } from '../repository.js';
import { claimBalances } from '../../../domain/claims/index.js';

export const CUSTOMER_CLAIMS_LIMIT = 200;

export async function customerClaims(db: Kysely<DB>, actor: UserActor, link: { customerId: string; accounts: string[]; phones: string[] }) {
  const rows = await db
    .selectFrom('claims as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .innerJoin('shipments as s', 's.id', 'c.shipment_id')
    .where(readableClaims(actor))
    .where((eb) =>
      eb.or([
        eb('t.customer_id', '=', link.customerId),
        ...(link.accounts.length ? [eb('s.monthly_account', 'in', link.accounts)] : []),
        ...(link.phones.length ? [eb('s.sender_phone', 'in', link.phones), eb('s.recipient_phone', 'in', link.phones)] : []),
      ]),
    )
    .select(['c.id', 'c.waybill_no', 'c.ticket_id', 'c.type', 'c.state', 'c.claimed_fen', 'c.approved_fen', 'c.created_at'])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(CUSTOMER_CLAIMS_LIMIT + 1)
    .execute();
  const shown = rows.slice(0, CUSTOMER_CLAIMS_LIMIT);
  const ledger = await ledgerRows(db, shown.map((r) => r.id));
  const items = shown.map((r) => ({
    id: r.id,
    waybillNo: r.waybill_no,
    ticketId: r.ticket_id,
    type: r.type,
    state: r.state,
    claimedFen: fen(r.claimed_fen),
    approvedFen: fenOrNull(r.approved_fen),
    settledFen: claimBalances(toEntries(ledger.filter((l) => l.claim_id === r.id))).settledFen,
    openedAt: r.created_at.toISOString(),
  }));
  return {
    available: true as const,
    items,
    more: rows.length > CUSTOMER_CLAIMS_LIMIT,
    totals: {
      count: items.length,
      claimedFen: items.reduce((sum, c) => sum + c.claimedFen, 0),
      approvedFen: items.reduce((sum, c) => sum + (c.approvedFen ?? 0), 0),
      settledFen: items.reduce((sum, c) => sum + c.settledFen, 0),
    },
  };
}
