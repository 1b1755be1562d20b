import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { ticketFor, type UserActor } from '../access.js';
import { refreshTicketDue } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { guardOutgoing, phraseGuardOf } from '../phrase-guard.js';
import { onlyKindsSince, touchTicket } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { setStatus, stopFirstResponse, takeIfUnowned } from './steps.js';

export interface ReplyInput {
  body: string;
  visibility: 'public' | 'internal';
  version: number;
  seenEventId?: string | undefined;
  acknowledgeWarnings?: boolean | undefined;
  templateKey?: string | undefined;
  waitForCustomer?: boolean | undefined;
}

/**
 * A public reply to the customer (guarded: phrase-guard.ts) or an internal note for colleagues.
 * Access first, then the version, then the guard, then the writes, in one transaction.
 */
export async function reply(deps: TicketDeps, actor: UserActor, id: string, input: ReplyInput) {
  const [s, guard] = await Promise.all([loadSettings(deps), phraseGuardOf(deps)]);
  const isPublic = input.visibility === 'public';
  const now = new Date();
  const result = await inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, isPublic ? 'reply' : 'note');
    if (row.version !== input.version && !(await onlyRelabelledSince(trx, id, input.seenEventId))) throw new AppError('CONFLICT_STALE_VERSION');
    const verdict = isPublic ? await guardOutgoing(trx, guard, actor, id, input.body, input.acknowledgeWarnings ?? false) : null;
    if (verdict?.refused) return { refused: verdict.refused };
    const hits = verdict?.hits ?? [];
    if (isPublic) await takeIfUnowned(trx, row, actor);
    await addEvent(trx, id, who(actor), {
      kind: isPublic ? 'reply' : 'note',
      visibility: input.visibility,
      body: input.body,
      detail: { ...(input.templateKey ? { templateKey: input.templateKey } : {}), ...(hits.length ? { warnedPhrases: hits.map((h) => h.phrase) } : {}) },
    });
    if (isPublic) {
      await stopFirstResponse(trx, row, s, now);
      if (row.status === 'new') await setStatus(trx, row, 'open', who(actor), s, now);
      if (input.waitForCustomer) await setStatus(trx, row, 'pending_customer', who(actor), s, now);
      await refreshTicketDue(trx, id);
    }
    return { version: await touchTicket(trx, id) };
  });
  if ('refused' in result) throw result.refused;
  return result;
}

/**
 * What a colleague or the clock does to a ticket's labels while someone writes: the priority, an
 * edit (category, cause, subject, waybills, confidentiality), a clock's warning or breach. A reply
 * or note written meanwhile still fits the conversation and the state its writer saw.
 */
const RELABELLING_KINDS = ['priority', 'edit', 'clock_warning', 'clock_breach'];

/**
 * Whether every timeline entry after `seenEventId` (one of this ticket's) only relabelled it. A
 * breach raises the priority at the very moment an agent hurries to answer: that alone must not
 * send the answer back.
 */
async function onlyRelabelledSince(trx: Transaction<DB>, ticketId: string, seenEventId: string | undefined): Promise<boolean> {
  if (seenEventId === undefined) return false;
  return onlyKindsSince(trx, ticketId, seenEventId, RELABELLING_KINDS);
}
