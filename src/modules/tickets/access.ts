/**
 * Who may do what to which ticket record: the one place of the tickets module that decides it, and
 * the first thing every use case calls. The rules themselves are pure (domain/tickets/lifecycle.ts);
 * here they meet the rows. A ticket the caller may not read does not exist for them (404, and so do
 * its callbacks and department requests); a reader who may not do the thing is refused (403).
 *
 * Lock order (docs/architecture.md, Tickets): a ticket before its callbacks, clocks and department
 * requests; several tickets in id order. So a lookup by a callback or a request reads its ticket id
 * first, locks the ticket, then locks the row itself.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import {
  allowedActions,
  callbackRecordRefusal,
  customerRevealGround,
  type ActorFacts,
  type CustomerRevealGround,
  type TicketAction,
  type TicketStatus,
} from '../../domain/tickets/lifecycle.js';
import { releaseDecisionRefusal } from '../../domain/phrases/release.js';
import {
  askedDepartments,
  callbackTicketId,
  departmentRequestTicketId,
  lockCallback,
  lockDepartmentRequest,
  lockReleaseRequest,
  lockTicket,
  releaseRequestTicketId,
  ticketWithAsked,
  type Viewer,
} from './repository.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type TicketRow = NonNullable<Awaited<ReturnType<typeof lockTicket>>>;

export function userOf(actor: Actor | null): UserActor {
  if (!actor || actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return actor;
}

export function factsOf(actor: UserActor): ActorFacts {
  return {
    id: actor.id,
    departmentId: actor.departmentId,
    works: can(actor.role, 'tickets.work'),
    supervises: can(actor.role, 'tickets.supervise'),
    readsConfidential: can(actor.role, 'tickets.readConfidential'),
  };
}

/** Who is looking, for the lists: `visibleTo` in repository.ts applies allowedActions' "read" in SQL. */
export function viewerOf(actor: UserActor): Viewer {
  return {
    id: actor.id,
    departmentId: actor.departmentId,
    readsConfidential: can(actor.role, 'tickets.readConfidential'),
    works: can(actor.role, 'tickets.work'),
  };
}

type AccessRow = Pick<TicketRow, 'status' | 'owner_id' | 'team_id' | 'confidential' | 'merged_into_id'>;

/** What the actor may do with a ticket whose asked departments are already known. */
export function actionsOnLoaded(row: AccessRow, askedDepartmentIds: readonly string[], actor: UserActor): Set<TicketAction> {
  return allowedActions(
    {
      status: row.status as TicketStatus,
      ownerId: row.owner_id,
      teamId: row.team_id,
      confidential: row.confidential,
      mergedInto: row.merged_into_id !== null,
      askedDepartmentIds,
    },
    factsOf(actor),
  );
}

/** What the actor may do with the ticket now: the lifecycle decides from the ticket's facts. */
export async function actionsOn(db: Kysely<DB>, row: AccessRow & Pick<TicketRow, 'id'>, actor: UserActor): Promise<Set<TicketAction>> {
  return actionsOnLoaded(row, await askedDepartments(db, row.id), actor);
}

/** The answer for a loaded ticket: 404 to whoever may not read it, 403 (or 409 once it ended) to a reader who may not do `action`. */
export async function mayDo(db: Kysely<DB>, row: TicketRow | undefined, actor: UserActor, action: TicketAction, version?: number): Promise<TicketRow> {
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  return mayDoLoaded(row, await askedDepartments(db, row.id), actor, action, version);
}

/** `mayDo` for a ticket whose asked departments were read with it. */
function mayDoLoaded(row: TicketRow, askedDepartmentIds: readonly string[], actor: UserActor, action: TicketAction, version?: number): TicketRow {
  const allowed = actionsOnLoaded(row, askedDepartmentIds, actor);
  if (!allowed.has('read')) throw new AppError('TICKET_NOT_FOUND');
  if (!allowed.has(action)) {
    if (row.status === 'closed' || row.merged_into_id) throw new AppError('TICKET_TRANSITION_INVALID', { from: row.status });
    throw new AppError('FORBIDDEN');
  }
  if (version !== undefined && version !== row.version) throw new AppError('CONFLICT_STALE_VERSION');
  return row;
}

/**
 * Locks the ticket and checks the caller may do `action` on the version they read. A ticket the
 * caller may not read is "not found" (a confidential ticket's existence is not disclosed).
 */
export async function ticketFor(trx: Transaction<DB>, actor: UserActor, id: string, action: TicketAction, version?: number): Promise<TicketRow> {
  return mayDo(trx, await lockTicket(trx, id), actor, action, version);
}

/**
 * Several tickets for one command (merge), locked in id order whatever order the request named
 * them in, so two commands on the same pair cannot wait for each other; then each is checked as
 * `ticketFor` checks one, in the order given.
 */
export async function ticketsFor<const W extends readonly { id: string; action: TicketAction; version?: number | undefined }[]>(
  trx: Transaction<DB>,
  actor: UserActor,
  wanted: W,
): Promise<{ [K in keyof W]: TicketRow }> {
  const locked = new Map<string, TicketRow | undefined>();
  for (const id of [...new Set(wanted.map((w) => w.id))].sort()) locked.set(id, await lockTicket(trx, id));
  const rows: TicketRow[] = [];
  for (const w of wanted) rows.push(await mayDo(trx, locked.get(w.id), actor, w.action, w.version));
  return rows as { [K in keyof W]: TicketRow };
}

/**
 * For other modules (attachments): the same access rules and answers as the ticket commands.
 * Inside a transaction the ticket is locked; outside it is only read.
 */
export async function ticketAccess(db: Kysely<DB>, actor: UserActor, id: string, action: TicketAction): Promise<TicketRow> {
  // One statement for the ticket and what its rules read (a claim's creation sends five in all).
  const loaded = await ticketWithAsked(db, id, db.isTransaction);
  if (!loaded) throw new AppError('TICKET_NOT_FOUND');
  return mayDoLoaded(loaded.row, loaded.asked, actor, action);
}

/**
 * A callback (回访) to record, with its ticket, both locked (the ticket first): its assignee, the
 * ticket's owner and supervisors may (lifecycle.ts `callbackRecordRefusal`); whoever may not read
 * the ticket learns nothing about its callback, not even that it is done.
 */
export async function callbackFor(trx: Transaction<DB>, actor: UserActor, callbackId: string) {
  const ticketId = await callbackTicketId(trx, callbackId);
  const ticket = ticketId === undefined ? undefined : await lockTicket(trx, ticketId);
  const callback = ticket && (await lockCallback(trx, callbackId));
  if (!ticket || !callback) throw new AppError('CALLBACK_NOT_FOUND');
  const allowed = await actionsOn(trx, ticket, actor);
  const refusal = callbackRecordRefusal(allowed, { ownerId: ticket.owner_id, assigneeId: callback.assignee_id }, factsOf(actor));
  if (refusal === 'hidden') throw new AppError('CALLBACK_NOT_FOUND');
  if (refusal === 'forbidden') throw new AppError('FORBIDDEN');
  return { ticket, callback };
}

/**
 * A department request (相应部门) to answer, with its ticket, both locked (the ticket first): the
 * department asked, or a supervisor; to anyone else it does not exist.
 */
export async function departmentRequestFor(trx: Transaction<DB>, actor: UserActor, requestId: string) {
  const ticketId = await departmentRequestTicketId(trx, requestId);
  const ticket = ticketId === undefined ? undefined : await lockTicket(trx, ticketId);
  const request = ticket && (await lockDepartmentRequest(trx, requestId));
  const mayAnswer = request && (request.department_id === actor.departmentId || can(actor.role, 'tickets.supervise'));
  if (!ticket || !request || !mayAnswer) throw new AppError('DEPARTMENT_REQUEST_NOT_FOUND');
  return { ticket, request };
}

/**
 * A held reply's release request to decide, with its ticket, both locked (the ticket first): a
 * supervisor who reads the ticket, never the one who asked (domain/phrases/release.ts); whoever may
 * not read the ticket learns nothing of the request. `allowed`: what the decider may do with the
 * ticket (an approval sends the reply, which the ticket must still take).
 */
export async function releaseRequestFor(trx: Transaction<DB>, actor: UserActor, requestId: string) {
  const ticketId = await releaseRequestTicketId(trx, requestId);
  const ticket = ticketId === undefined ? undefined : await lockTicket(trx, ticketId);
  const request = ticket && (await lockReleaseRequest(trx, requestId));
  if (!ticket || !request) throw new AppError('PHRASE_RELEASE_NOT_FOUND');
  const allowed = await actionsOn(trx, ticket, actor);
  const refusal = releaseDecisionRefusal(
    { requestedBy: request.requested_by, status: request.status },
    { id: actor.id, readsTicket: allowed.has('read'), supervises: can(actor.role, 'tickets.supervise') },
  );
  if (refusal === 'hidden') throw new AppError('PHRASE_RELEASE_NOT_FOUND');
  if (refusal === 'forbidden') throw new AppError('FORBIDDEN');
  if (refusal === 'own') throw new AppError('PHRASE_RELEASE_OWN');
  if (refusal === 'decided') throw new AppError('PHRASE_RELEASE_DECIDED');
  return { ticket, request, allowed };
}

/** For the lists: may the actor record this callback (the same rule as `callbackFor`)? */
export function mayRecordCallback(allowed: ReadonlySet<TicketAction>, ownerId: string | null, assigneeId: string | null, actor: UserActor): boolean {
  return callbackRecordRefusal(allowed, { ownerId, assigneeId }, factsOf(actor)) === null;
}

/**
 * May the actor see the ticket's customer unmasked, and on what ground (domain/tickets/lifecycle.ts)?
 * `callbacks`: the ticket's callbacks; the assignees of those not made yet must still call.
 */
export function revealGroundOf(
  allowed: ReadonlySet<TicketAction>,
  ownerId: string | null,
  callbacks: readonly { done_at: Date | null; assignee_id: string | null }[],
  actor: UserActor,
): CustomerRevealGround | null {
  const pendingCallbackAssigneeIds = callbacks.flatMap((c) => (c.done_at === null && c.assignee_id ? [c.assignee_id] : []));
  // The company's one "sees personal data" permission, for shipments and tickets alike.
  return customerRevealGround(allowed, { ownerId, pendingCallbackAssigneeIds }, { id: actor.id, revealsPersonalData: can(actor.role, 'shipments.revealPersonalData') });
}
