/**
 * Writing to the money ledger exactly once (domain/claims/settlement.ts): inside one transaction the
 * claim is locked (after its ticket), its entries read, the claims core asked what to append for the
 * request and its idempotency key, and the answer appended. A repeated request finds its own entries
 * and gets them back; the same key with another content, or a key another claim used, is refused.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { nextLedgerEntries, type LedgerEntry, type LedgerRequest } from '../../domain/claims/index.js';
import { AppError } from '../../domain/errors.js';
import type { UserActor } from '../tickets/service.js';
import { claimFor, type ClaimNeed } from './access.js';
import { presentLedgerRow, type LedgerView } from './presenter.js';
import { appendLedger, fenOrNull, keyUsedElsewhere, ledgerRows, toEntries, type ClaimRow } from './repository.js';

export interface LedgerStep {
  need: ClaimNeed;
  request: (claim: ClaimRow, rows: Awaited<ReturnType<typeof ledgerRows>>) => Promise<LedgerRequest> | LedgerRequest;
  /** after a new append: the claim's state change, timeline and notices, in the same transaction */
  after?: (trx: Transaction<DB>, claim: ClaimRow, entries: LedgerEntry[]) => Promise<void>;
}

export async function ledgerStep(db: Kysely<DB>, actor: UserActor, claimId: string, key: string | undefined, step: LedgerStep): Promise<{ replayed: boolean; entries: LedgerView[] }> {
  const idempotencyKey = key?.trim();
  if (!idempotencyKey) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  try {
    return await inTransaction(db, async (trx) => {
      const claim = await claimFor(trx, actor, claimId, step.need);
      const rows = await ledgerRows(trx, [claim.id]);
      const request = { ...(await step.request(claim, rows)), idempotencyKey };
      const approved = (claim.state === 'approved' || claim.state === 'settled') && claim.approved_fen !== null;
      const decision = nextLedgerEntries(toEntries(rows), request, { claimId: claim.id, approved, approvedAmountFen: fenOrNull(claim.approved_fen) ?? 0 });
      if (decision.kind === 'refused') throw new AppError(decision.code);
      if (decision.kind === 'already_done') {
        const keys = new Set(decision.entries.map((e) => e.entryKey));
        return { replayed: true, entries: rows.filter((r) => keys.has(r.entry_key)).map(presentLedgerRow) };
      }
      if (await keyUsedElsewhere(trx, idempotencyKey, claim.id)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      await appendLedger(trx, rows, decision.entries, actor.id);
      await step.after?.(trx, claim, decision.entries);
      const written = await trx.selectFrom('claim_ledger').selectAll().where('idempotency_key', '=', idempotencyKey).orderBy('entry_key').execute();
      return { replayed: false, entries: written.map(presentLedgerRow) };
    });
  } catch (err) {
    // The same key on two claims at the same instant: the unique entry key refuses the second.
    if ((err as { code?: unknown }).code === '23505') throw new AppError('IDEMPOTENCY_KEY_REUSED');
    throw err;
  }
}
