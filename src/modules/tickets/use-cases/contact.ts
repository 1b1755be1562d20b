import { inTransaction } from '../../../db/transaction.js';
import type { Channel } from '../../../domain/tickets/lifecycle.js';
import { ticketFor, viewerOf, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { insertContact, touchTicket } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { findFollowUp, joinCase } from './follow-up.js';
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

/**
 * Records a contact; attached to a ticket, it shows on its timeline (the customer called again).
 * Without a ticket named, a contact about the customer's open case joins it (use-cases/follow-up.ts,
 * 首问负责制): on its timeline, its owner told; a case nobody owns is taken by the agent.
 */
export async function recordContact(deps: TicketDeps, actor: UserActor, input: ContactInput) {
  const now = new Date();
  const s = await loadSettings(deps);
  const customerPhone = digitsOf(input.customerPhone);
  const waybillNos = waybillsOfInput(input.waybillNos);
  return inTransaction(deps.db, async (trx) => {
    let ticket: { id: string; number: string } | null = null;
    const entry = { kind: 'contact', body: input.question, detail: { channel: input.channel, answer: input.answer ?? '' } };
    if (input.ticketId) {
      const row = await ticketFor(trx, actor, input.ticketId, 'note');
      await addEvent(trx, row.id, who(actor), entry);
      await touchTicket(trx, row.id);
      ticket = row;
    } else {
      const found = await findFollowUp(trx, { kind: null, confidential: false, waybillNos, customerPhone }, viewerOf(actor));
      if (found.plan.action === 'join') {
        const row = await ticketFor(trx, actor, found.plan.caseId, 'note');
        await joinCase(trx, row, who(actor), { ...entry, detail: { ...entry.detail, followUp: { kind: null } } }, { priority: 'low', takenBy: actor }, s, now);
        ticket = row;
      }
    }
    const contact = await insertContact(trx, {
      channel: input.channel,
      customerName: input.customerName ?? null,
      customerPhone,
      waybillNos,
      question: input.question,
      answer: input.answer ?? '',
      agentId: actor.id,
      ticketId: ticket?.id ?? null,
      at: now,
    });
    return { id: contact.id, ticketId: ticket?.id ?? null, ticketNumber: ticket ? String(ticket.number) : null, joined: !input.ticketId && ticket !== null };
  });
}
