import { inTransaction } from '../../../db/transaction.js';
import type { Channel } from '../../../domain/tickets/lifecycle.js';
import { ticketFor, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { insertContact, touchTicket } from '../repository.js';
import { addEvent, who } from '../timeline.js';
import { digitsOf, waybillsOfInput } from './steps.js';

export interface ContactInput {
  channel: Channel;
  customerName?: string | undefined;
  customerPhone?: string | undefined;
  waybillNos?: string[] | undefined;
  question: string;
  answer?: string | undefined;
  ticketId?: string | undefined;
}

/** Records a contact; attached to a ticket, it shows on its timeline (the customer called again). */
export async function recordContact(deps: TicketDeps, actor: UserActor, input: ContactInput) {
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    if (input.ticketId) {
      await ticketFor(trx, actor, input.ticketId, 'note');
      await addEvent(trx, input.ticketId, who(actor), {
        kind: 'contact',
        body: input.question,
        detail: { channel: input.channel, answer: input.answer ?? '' },
      });
      await touchTicket(trx, input.ticketId);
    }
    return insertContact(trx, {
      channel: input.channel,
      customerName: input.customerName ?? null,
      customerPhone: digitsOf(input.customerPhone),
      waybillNos: waybillsOfInput(input.waybillNos),
      question: input.question,
      answer: input.answer ?? '',
      agentId: actor.id,
      ticketId: input.ticketId ?? null,
      at: now,
    });
  });
}
