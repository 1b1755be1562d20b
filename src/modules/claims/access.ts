/**
 * Who may do what to which claim: the one place of the claims module that decides it, and the
 * first thing every use case calls. A claim is read by whoever may read its ticket
 * (domain/tickets/lifecycle.ts): to anyone else it does not exist (404). Working a claim (evidence,
 * override, settlement) needs the desk's permission; deciding responsibility, chargebacks and
 * reversals a supervisor's; who may approve or reject which amount is the claims core's rule
 * (domain/claims/approval.ts), asked in the use case.
 *
 * Lock order (docs/architecture.md): the ticket, then its claim, then the claim's ledger rows are
 * read under the claim's lock — so two settle requests for one claim are decided one after the other.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import { ticketAccess, type UserActor } from '../tickets/service.js';
import { claimTicketId, loadClaim, type ClaimRow } from './repository.js';

export type ClaimNeed = 'read' | 'work' | 'supervise';

/** The ticket of a claim to open: the caller must read it and work the desk; a ticket they may not read is not found. */
export async function ticketForClaim(trx: Transaction<DB>, actor: UserActor, ticketId: string) {
  if (!can(actor.role, 'tickets.work')) throw new AppError('FORBIDDEN');
  const ticket = await ticketAccess(trx, actor, ticketId, 'read');
  if (ticket.status === 'closed' || ticket.merged_into_id) throw new AppError('TICKET_TRANSITION_INVALID', { from: ticket.status });
  return ticket;
}

/**
 * The claim (locked, inside a transaction, after its ticket) when the caller may `need` it, at the
 * `version` they read. Not readable → CLAIM_NOT_FOUND; readable but not allowed → FORBIDDEN.
 */
export async function claimFor(db: Kysely<DB>, actor: UserActor, id: string, need: ClaimNeed, version?: number): Promise<ClaimRow> {
  const ticketId = await claimTicketId(db, id);
  if (ticketId === undefined) throw new AppError('CLAIM_NOT_FOUND');
  try {
    await ticketAccess(db, actor, ticketId, 'read');
  } catch (err) {
    if (err instanceof AppError && err.code === 'TICKET_NOT_FOUND') throw new AppError('CLAIM_NOT_FOUND');
    throw err;
  }
  const claim = await loadClaim(db, id);
  if (!claim) throw new AppError('CLAIM_NOT_FOUND');
  if (need === 'work' && !can(actor.role, 'tickets.work')) throw new AppError('FORBIDDEN');
  if (need === 'supervise' && !can(actor.role, 'tickets.supervise')) throw new AppError('FORBIDDEN');
  if (version !== undefined && version !== claim.version) throw new AppError('CONFLICT_STALE_VERSION');
  return claim;
}

/**
 * For the lists: the claims whose ticket the caller may read, as lifecycle.ts decides for one
 * ticket (a desk user reads every ticket that is not confidential; a confidential one its team,
 * its owner and whoever reads confidential tickets). `t` is the joined tickets table.
 */
export function readableClaims(actor: UserActor) {
  return (eb: ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>): Expression<SqlBool> => {
    if (can(actor.role, 'tickets.readConfidential')) return sql<boolean>`true`;
    const mine = [eb('t.confidential', '=', false), eb('t.owner_id', '=', actor.id)];
    if (actor.departmentId) mine.push(eb('t.team_id', '=', actor.departmentId));
    return eb.or(mine);
  };
}
