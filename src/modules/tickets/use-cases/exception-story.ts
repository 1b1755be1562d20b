/**
 * An exception ticket follows its parcel's story (domain/tracking/story.ts): when a worse exception
 * joins it (a stall becomes a loss), its title says so, the change on its timeline by the system,
 * so the agent, the customer's SMS and the tracking page tell the same story.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { OPEN_STATUSES, type TicketStatus } from '../../../domain/tickets/lifecycle.js';
import { worsenedTicketTitle } from '../../../domain/tracking/story.js';
import { lockTicket, touchTicket } from '../repository.js';
import { addEvent, SYSTEM } from '../timeline.js';
import { indexWords } from '../words.js';

/** Retitles the open ticket if `raised` worsens its story; says whether it did. */
export async function followExceptionStory(trx: Transaction<DB>, ticketId: string, waybillNo: string, raised: readonly string[]): Promise<boolean> {
  const row = await lockTicket(trx, ticketId);
  if (!row || !OPEN_STATUSES.includes(row.status as TicketStatus)) return false;
  const title = worsenedTicketTitle(row.subject, waybillNo, raised);
  if (!title) return false;
  await addEvent(trx, ticketId, SYSTEM, { kind: 'edit', from: row.subject, to: title, detail: { field: 'subject', reason: 'exception' } });
  await touchTicket(trx, ticketId, { subject: title }, indexWords(title));
  return true;
}
