import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { can } from '../../../domain/roles.js';
import { ticketFor, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { departmentById, markAssigned, pickAssignee, touchTicket, userById } from '../repository.js';
import { addEvent, who } from '../timeline.js';

/** An explicit transfer with a reason: the only way ownership moves (首问负责制). */
export async function transfer(
  deps: TicketDeps,
  actor: UserActor,
  id: string,
  input: { toUserId?: string | undefined; toTeamId?: string | undefined; reason: string; version: number },
) {
  if (!input.toUserId && !input.toTeamId) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'toUserId or toTeamId' });
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'transfer', input.version);
    let ownerId: string | null = null;
    let teamId: string | null = input.toTeamId ?? null;
    let toName = '';
    if (input.toUserId) {
      const user = await userById(trx, input.toUserId);
      if (!user || !user.active || !can(user.role as UserActor['role'], 'tickets.work')) {
        throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'user' });
      }
      if (user.id === row.owner_id) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'already the owner' });
      ownerId = user.id;
      teamId ??= user.department_id;
      toName = user.display_name;
    }
    if (teamId) {
      const team = await departmentById(trx, teamId);
      if (!team) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'team' });
      if (!ownerId) {
        const picked = await pickAssignee(trx, team.id);
        if (picked) {
          ownerId = picked.id;
          await markAssigned(trx, picked.id, new Date());
        }
        toName = picked ? `${team.name} · ${picked.display_name}` : team.name;
      }
    }
    const fromName = row.owner_id ? ((await userById(trx, row.owner_id))?.display_name ?? null) : null;
    await addEvent(trx, id, who(actor), { kind: 'transfer', from: fromName, to: toName, body: input.reason });
    return { version: await touchTicket(trx, id, { owner_id: ownerId, team_id: teamId }) };
  });
}
