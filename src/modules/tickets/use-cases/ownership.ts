import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { AppError, type ErrorCode, type ErrorParams } from '../../../domain/errors.js';
import { can } from '../../../domain/roles.js';
import { ticketFor, type TicketRow, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { departmentById, lockAgentLoad, markAssigned, pickAssignee, touchTicket, userById } from '../repository.js';
import { addEvent, who } from '../timeline.js';

interface Target {
  toUserId?: string | undefined;
  toTeamId?: string | undefined;
}

/** The person or team a ticket is moved to, checked: a desk person who is active, a team that exists. */
async function targetOf(db: Parameters<typeof userById>[0], input: Target) {
  if (!input.toUserId && !input.toTeamId) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'toUserId or toTeamId' });
  const user = input.toUserId ? await userById(db, input.toUserId) : undefined;
  if (input.toUserId && (!user || !user.active || !can(user.role as UserActor['role'], 'tickets.work'))) {
    throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'user' });
  }
  const teamId = input.toTeamId ?? user?.department_id ?? null;
  const team = teamId ? await departmentById(db, teamId) : undefined;
  if (teamId && !team) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'team' });
  return { user, team };
}

type CheckedTarget = Awaited<ReturnType<typeof targetOf>>;

/**
 * Moves the locked ticket to the person, or to the team's least-loaded agent on duty with room (or
 * the team's queue), with the reason on its timeline. The ticket's new version and where it went.
 */
async function moveTicket(trx: Transaction<DB>, actor: UserActor, row: TicketRow, target: CheckedTarget, reason: string, detail: Record<string, unknown> = {}) {
  if (target.user && target.user.id === row.owner_id) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'already the owner' });
  let ownerId: string | null = target.user?.id ?? null;
  let toName = target.user?.display_name ?? '';
  let ownerName: string | null = target.user?.display_name ?? null;
  if (target.team && !ownerId) {
    const picked = await pickAssignee(trx, target.team.id);
    if (picked) {
      ownerId = picked.id;
      ownerName = picked.display_name;
      await markAssigned(trx, picked.id, new Date());
    }
    toName = picked ? `${target.team.name} · ${picked.display_name}` : target.team.name;
  }
  const fromName = row.owner_id ? ((await userById(trx, row.owner_id))?.display_name ?? null) : null;
  await addEvent(trx, row.id, who(actor), { kind: 'transfer', from: fromName, to: toName, body: reason, detail });
  const version = await touchTicket(trx, row.id, { owner_id: ownerId, team_id: target.team?.id ?? null });
  return { version, ownerName, teamName: target.team?.name ?? null };
}

/** An explicit transfer with a reason: the only way ownership moves (首问负责制). */
export async function transfer(
  deps: TicketDeps,
  actor: UserActor,
  id: string,
  input: { toUserId?: string | undefined; toTeamId?: string | undefined; reason: string; version: number },
) {
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'transfer', input.version);
    const { version } = await moveTicket(trx, actor, row, await targetOf(trx, input), input.reason);
    return { version };
  });
}

export interface BulkAssignInput extends Target {
  items: { id: string; version: number }[];
  reason: string;
  /** move to the person even past their capacity (the supervisor says so) */
  overCapacity?: boolean | undefined;
}

export type BulkAssignItem =
  | { id: string; outcome: 'moved'; number: string; version: number; ownerName: string | null; teamName: string | null }
  | { id: string; outcome: 'refused'; code: ErrorCode; params: ErrorParams };

/**
 * A supervisor moves several tickets at once (the board, the ticket list) to a person or a team.
 * The target is checked once (a bad one refuses the request, nothing moved). Then each ticket in the
 * order given, in its own transaction, as a transfer: access.ts decides for it (404 to whoever may
 * not read it, 403, 409 for a stale version or an ended ticket), and its timeline records the move.
 * A person's capacity (open tickets, as the duty roster counts them) is respected — the ticket that
 * would pass it is refused with AGENT_AT_CAPACITY — unless `overCapacity` says otherwise; a team's
 * routing only picks agents with room. Each ticket's answer says moved or refused with its code;
 * nothing partial is hidden.
 */
export async function bulkAssign(deps: TicketDeps, actor: UserActor, input: BulkAssignInput): Promise<BulkAssignItem[]> {
  const target = await targetOf(deps.db, input);
  const results: BulkAssignItem[] = [];
  for (const item of input.items) {
    try {
      const moved = await inTransaction(deps.db, async (trx) => {
        const row = await ticketFor(trx, actor, item.id, 'transfer', item.version);
        if (target.user && target.user.id !== row.owner_id) {
          // The ticket first, then the person's duty row (the lock order routing keeps too).
          const load = await lockAgentLoad(trx, target.user.id);
          if (load.open >= load.capacity && !input.overCapacity) {
            throw new AppError('AGENT_AT_CAPACITY', { name: target.user.display_name, open: load.open, capacity: load.capacity });
          }
        }
        const detail = { bulk: true, ...(input.overCapacity && target.user ? { overCapacity: true } : {}) };
        return { number: String(row.number), ...(await moveTicket(trx, actor, row, target, input.reason, detail)) };
      });
      results.push({ id: item.id, outcome: 'moved', ...moved });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id: item.id, outcome: 'refused', code: error.code, params: error.params });
    }
  }
  return results;
}
