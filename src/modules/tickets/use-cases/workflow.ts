import { inTransaction } from '../../../db/transaction.js';
import { ticketFor, type UserActor } from '../access.js';
import { refreshTicketDue } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { touchTicket } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { setStatus, takeIfUnowned } from './steps.js';

/** Wait for the customer (pauses the resolution clock) or back to open, with an optional note. */
export async function changeStatus(deps: TicketDeps, actor: UserActor, id: string, input: { status: 'open' | 'pending_customer'; version: number; note?: string | undefined }) {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'changeStatus', input.version);
    await takeIfUnowned(trx, row, actor);
    await setStatus(trx, row, input.status, who(actor), s, now);
    if (input.note) await addEvent(trx, id, who(actor), { kind: 'note', body: input.note });
    await refreshTicketDue(trx, id);
    return { version: await touchTicket(trx, id) };
  });
}
