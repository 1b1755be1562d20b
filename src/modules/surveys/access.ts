/**
 * Who may see which survey records: the one place of the surveys module that decides it, and the
 * first thing every use case calls. Writing questionnaires and sending surveys needs
 * `surveys.manage` (supervisors, managers, admins; checked by the route's permission) and has no
 * per-record rule: surveys are company-wide. Results and answers need `surveys.read`; whoever
 * supervises (`surveys.manage`) reads every customer's, an account manager only those of the
 * customers they looked after when the survey was sent (the invitation keeps that manager), so a
 * reassigned account's old answers stay with whoever asked.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import { campaignById } from './repository.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** Whose answers a reader sees: everyone's, or those of one account manager's customers. */
export type ResultScope = { kind: 'all' } | { kind: 'accountManager'; userId: string };

export function userOf(actor: Actor | null): UserActor {
  if (!actor || actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return actor;
}

export function resultScopeOf(actor: UserActor): ResultScope {
  if (can(actor.role, 'surveys.manage')) return { kind: 'all' };
  if (can(actor.role, 'surveys.read')) return { kind: 'accountManager', userId: actor.id };
  throw new AppError('FORBIDDEN');
}

/** A campaign to read the results of, with the scope of what the reader sees of it; 404 when there is none. */
export async function campaignToRead(db: Kysely<DB>, actor: UserActor, id: string) {
  const scope = resultScopeOf(actor);
  const campaign = await campaignById(db, id);
  if (!campaign) throw new AppError('SURVEY_NOT_FOUND');
  return { campaign, scope };
}

/** Writing questionnaires and sending campaigns: supervisors and managers. */
export function mayManage(actor: UserActor): UserActor {
  if (!can(actor.role, 'surveys.manage')) throw new AppError('FORBIDDEN');
  return actor;
}
