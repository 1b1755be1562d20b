import { AppError } from '../../../domain/errors.js';
import { can } from '../../../domain/roles.js';
import type { UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { upsertDuty, userById } from '../repository.js';

/** On or off duty, with a capacity: oneself, or a supervisor for anyone (routing picks from these). */
export async function setDuty(deps: TicketDeps, actor: UserActor, userId: string, input: { onDuty: boolean; capacity?: number | undefined }) {
  if (userId !== actor.id && !can(actor.role, 'tickets.supervise')) throw new AppError('FORBIDDEN');
  if (!(await userById(deps.db, userId))) throw new AppError('USER_NOT_FOUND');
  await upsertDuty(deps.db, userId, input);
}
