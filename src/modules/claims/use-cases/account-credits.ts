/**
 * The credit notes (冲账) a monthly account (月结) got from settled claims, and their reversals, in a
 * span of time (docs/product.md §3, §5): what the customers module prints on the account's monthly
 * statement. A credit note names the account the parcel was billed to when the claim was opened (the
 * facts kept with the claim, which the settlement's reference names too); a reversal of one is its
 * own line, in the month it was made. Read through the expression index of migration
 * `2026-12-08T0501_claims_by_monthly_account`, so the cost follows the account's claims.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { fen } from '../repository.js';

export interface AccountCreditLine {
  entryId: string;
  kind: 'credit_note' | 'reversal';
  claimId: string;
  waybillNo: string;
  claimType: string;
  /** from the account's side: a credit note credits it (+), its reversal takes the credit back (−) */
  creditFen: number;
  reference: string;
  at: string;
  reversesEntryId: string | null;
}

export async function monthlyAccountCredits(db: Kysely<DB>, accountNo: string, from: Date, to: Date): Promise<AccountCreditLine[]> {
  const { rows } = await sql<{
    id: string;
    kind: 'credit_note' | 'reversal';
    amount_fen: string;
    reference: string;
    created_at: Date;
    reverses_entry_id: string | null;
    claim_id: string;
    waybill_no: string;
    type: string;
  }>`
    select l.id, l.kind, l.amount_fen, l.reference, l.created_at, l.reverses_entry_id, c.id as claim_id, c.waybill_no, c.type
    from claims c
    join claim_ledger l on l.claim_id = c.id
    left join claim_ledger r on r.id = l.reverses_entry_id
    where (c.facts ->> 'monthlyAccount') = ${accountNo}
      and l.created_at >= ${from} and l.created_at < ${to}
      and (l.kind = 'credit_note' or (l.kind = 'reversal' and r.kind = 'credit_note'))
    order by l.created_at, l.entry_key`.execute(db);
  return rows.map((r) => ({
    entryId: r.id,
    kind: r.kind,
    claimId: r.claim_id,
    waybillNo: r.waybill_no,
    claimType: r.type,
    creditFen: r.kind === 'credit_note' ? fen(r.amount_fen) : -fen(r.amount_fen),
    reference: r.reference,
    at: r.created_at.toISOString(),
    reversesEntryId: r.reverses_entry_id,
  }));
}
