/**
 * The timeline writer: every change to a ticket is a new entry (who, when, what, from → to), never
 * an edit (`ticket_events` is append-only). Conversation is part of it, with a visibility.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UserActor } from './access.js';
import { insertTicketEvent, type NewEvent } from './repository.js';

/** Who an entry names: a person, the system or the customer. */
export interface Author {
  id: string | null;
  name: string;
}

export const SYSTEM: Author = { id: null, name: '系统' };

export function who(actor: Pick<UserActor, 'id' | 'displayName'>): Author {
  return { id: actor.id, name: actor.displayName };
}

export type { NewEvent };
/** An entry's row, for a command that writes it within a statement of its own. */
export { ticketEventRow } from './repository.js';

export async function addEvent(trx: Transaction<DB>, ticketId: string, author: Author, event: NewEvent): Promise<void> {
  await insertTicketEvent(trx, ticketId, author, event);
}
