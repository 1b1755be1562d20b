import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { audit } from '../../audit/service.js';
import { actionsOn, revealGroundOf, userOf } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { callbacksOf, ticketRow } from '../repository.js';

/**
 * The customer's unmasked name and phone, for whoever must call them (docs/product.md §5): the ticket's
 * owner, the assignee of a callback not made yet, roles that see personal data. Someone who may
 * not read the ticket is told it does not exist, like everywhere else; someone who may read it but
 * has no ground is refused. Every reveal is audited before the data leaves: who (the entry's
 * actor), whose data (the ticket's customer: the ticket and its number), why (the ground) and when.
 * This is the only way a ticket's customer leaves unmasked (domain/privacy.ts).
 */
export async function revealCustomer(deps: TicketDeps, ctx: RequestContext, id: string) {
  const actor = userOf(ctx.actor);
  // The same access rules and answers as the ticket's page (queries.ts ticketDetail).
  const row = await ticketRow(deps.db, id);
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  const [allowed, callbacks] = await Promise.all([actionsOn(deps.db, row, actor), callbacksOf(deps.db, id)]);
  if (!allowed.has('read')) throw new AppError('TICKET_NOT_FOUND');
  const ground = revealGroundOf(allowed, row.owner_id, callbacks, actor);
  if (!ground) throw new AppError('CUSTOMER_REVEAL_FORBIDDEN');
  await audit(deps.db, ctx, { action: 'ticket.customer_reveal', subjectType: 'ticket', subjectId: row.id, detail: { number: row.number_text, ground } });
  return { customerName: row.customer_name, customerPhone: row.customer_phone };
}
