/**
 * Undoing a ledger entry (docs/product.md §3): never by changing it — a new entry the other way,
 * with a reason, by a supervisor; once per entry; exactly once per idempotency key (ledger.ts).
 */
import { AppError } from '../../../domain/errors.js';
import { addEvent, type UserActor } from '../../tickets/service.js';
import type { ClaimDeps } from '../deps.js';
import { ledgerStep } from '../ledger.js';
import { updateClaim } from '../repository.js';
import { who } from '../words.js';

export async function reverseEntry(deps: ClaimDeps, actor: UserActor, claimId: string, key: string | undefined, input: { entryId: string; reason: string }) {
  return ledgerStep(deps.db, actor, claimId, key, {
    need: 'supervise',
    request: (_claim, rows) => {
      const target = rows.find((r) => r.id === input.entryId);
      if (!target) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
      return { kind: 'reverse' as const, idempotencyKey: '', entryKey: target.entry_key, reference: input.reason };
    },
    after: async (trx, claim, entries) => {
      await addEvent(trx, claim.ticket_id, who(actor), { kind: 'claim_reversal', body: input.reason.trim(), detail: { claimId: claim.id, reverses: entries[0]?.reversesEntryKey ?? null } });
      await updateClaim(trx, claim, {});
    },
  });
}
