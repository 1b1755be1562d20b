/**
 * A ticket's life (docs/product.md §2): statuses grouped by category, the moves between them, and who
 * may do what. Pure: the service loads the facts and asks here.
 */

export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'pending_department', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which work is still owed; queues and clocks only look at these. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_department'];

export const CHANNELS = ['phone', 'web', 'app', 'wechat', 'email', 'walk_in', 'social', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels on which the customer is answered live: taking the contact is the first response. */
export const LIVE_CHANNELS: readonly Channel[] = ['phone', 'walk_in'];

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

const MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending_customer', 'pending_department', 'resolved'],
  open: ['pending_customer', 'pending_department', 'resolved'],
  pending_customer: ['open', 'pending_department', 'resolved'],
  pending_department: ['open', 'pending_customer', 'resolved'],
  // A resolved ticket is reopened when the customer is not satisfied, or closed after the callback.
  resolved: ['open', 'closed'],
  closed: [],
};

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return MOVES[from].includes(to);
}

/** The resolution clock pauses only while we wait for the customer (docs/product.md §2, issue 4). */
export function pausesResolutionClock(status: TicketStatus): boolean {
  return status === 'pending_customer';
}

export type TicketAction =
  | 'read'
  | 'take'
  | 'reply'
  | 'note'
  | 'changeStatus'
  | 'resolve'
  | 'close'
  | 'transfer'
  | 'escalate'
  | 'askDepartment'
  | 'merge'
  | 'edit'
  | 'attach';

export interface TicketFacts {
  status: TicketStatus;
  ownerId: string | null;
  teamId: string | null;
  confidential: boolean;
  mergedInto: boolean;
  /** departments that were asked something on this ticket */
  askedDepartmentIds: readonly string[];
}

export interface ActorFacts {
  id: string;
  departmentId: string | null;
  /** may work tickets (agents, supervisors, account managers, managers, admins) */
  works: boolean;
  /** may reassign any ticket and see every clock */
  supervises: boolean;
  /** may read confidential tickets of other teams */
  readsConfidential: boolean;
}

/**
 * 首问负责制: the owner works the ticket; a supervisor may step in; a ticket nobody owns yet is taken
 * by the first desk person who acts on it. Department staff only read what they were asked about.
 * A confidential ticket is read by its team, its owner, the departments asked and supervisors.
 */
export function allowedActions(ticket: TicketFacts, actor: ActorFacts): Set<TicketAction> {
  const allowed = new Set<TicketAction>();
  const ownTeam = ticket.teamId !== null && ticket.teamId === actor.departmentId;
  const asked = actor.departmentId !== null && ticket.askedDepartmentIds.includes(actor.departmentId);
  const owner = ticket.ownerId === actor.id;
  const readable = actor.readsConfidential || owner || ownTeam || asked || (!ticket.confidential && actor.works);
  if (!readable) return allowed;
  allowed.add('read');
  if (!actor.works) return allowed;
  allowed.add('note');
  allowed.add('attach');
  if (ticket.mergedInto || ticket.status === 'closed') return allowed;
  const acting = owner || actor.supervises;
  if (ticket.ownerId === null && isOpen(ticket.status)) allowed.add('take');
  if (acting || ticket.ownerId === null) {
    for (const a of ['reply', 'changeStatus', 'resolve', 'transfer', 'escalate', 'askDepartment', 'edit', 'merge'] as const) {
      allowed.add(a);
    }
  }
  if (ticket.status === 'resolved') {
    allowed.delete('resolve');
    allowed.delete('askDepartment');
    if (acting) allowed.add('close');
  }
  return allowed;
}

/** On what ground someone may see a ticket's customer unmasked; recorded with every reveal. */
export type CustomerRevealGround = 'owner' | 'callback_assignee' | 'personal_data_role';

/**
 * docs/product.md §5: the customer's name and phone are masked by default and revealed only to those
 * who need them — whoever must call the customer (the ticket's owner, 首问负责制; the assignee of a
 * callback not made yet, 回访) and roles that may see personal data at all. Never to someone who
 * may not read the ticket (`allowed` is the answer of `allowedActions`). `null`: refused.
 */
export function customerRevealGround(
  allowed: ReadonlySet<TicketAction>,
  ticket: { ownerId: string | null; pendingCallbackAssigneeIds: readonly string[] },
  actor: { id: string; revealsPersonalData: boolean },
): CustomerRevealGround | null {
  if (!allowed.has('read')) return null;
  if (ticket.ownerId === actor.id) return 'owner';
  if (ticket.pendingCallbackAssigneeIds.includes(actor.id)) return 'callback_assignee';
  if (actor.revealsPersonalData) return 'personal_data_role';
  return null;
}

/**
 * Who records a callback's outcome or an unanswered call (回访): whoever must make the call — the
 * callback's assignee, the ticket's owner (首问负责制) — and supervisors, who may step in as they may
 * close the ticket. The outcome closes or reopens the ticket, so reading it is not enough (issue 14
 * §5). Someone who may not read the ticket is not told the callback exists (`hidden`, a 404); a
 * reader who is none of these is refused (`forbidden`, a 403). `null`: they may.
 */
export function callbackRecordRefusal(
  allowed: ReadonlySet<TicketAction>,
  who: { ownerId: string | null; assigneeId: string | null },
  actor: Pick<ActorFacts, 'id' | 'works' | 'supervises'>,
): 'hidden' | 'forbidden' | null {
  if (!allowed.has('read')) return 'hidden';
  if (!actor.works) return 'forbidden';
  if (actor.supervises || who.ownerId === actor.id || who.assigneeId === actor.id) return null;
  return 'forbidden';
}

/** What a callback (回访) ends with: the customer's answer, or cancelled when its resolution no longer stands. */
export type CallbackOutcome = 'satisfied' | 'unsatisfied' | 'unreachable' | 'cancelled';

export interface CallbackFacts {
  done: boolean;
  outcome: CallbackOutcome | null;
}

/**
 * May a callback take an outcome now? Only one not made yet, of a ticket still resolved: the
 * callback confirms a resolution (docs/product.md §2), so once the ticket was reopened or closed its
 * outcome would record an answer nothing acts on (不满意 must reopen the ticket). `null`: it may.
 */
export function callbackOutcomeRefusal(callback: CallbackFacts, ticketStatus: TicketStatus): 'cancelled' | 'done' | 'ticket_not_resolved' | null {
  if (callback.done) return callback.outcome === 'cancelled' ? 'cancelled' : 'done';
  if (ticketStatus !== 'resolved') return 'ticket_not_resolved';
  return null;
}

/**
 * Issue 4 §11: a complaint closes with the outcome of its latest callback (the one for the
 * resolution that stands; a cancelled one is no outcome) or with a reason why there is none.
 */
export function mayCloseWithoutReason(kind: string, latestCallback: CallbackFacts | undefined): boolean {
  if (kind !== 'complaint') return true;
  return latestCallback !== undefined && latestCallback.done && latestCallback.outcome !== 'cancelled';
}

/**
 * docs/product.md §2, complaint handling: "cause codes feed reports". A complaint is resolved with its
 * cause (原因代码), given now or set on the ticket before; other kinds may go without one.
 */
export function resolveNeedsCause(kind: string, causeGiven: boolean, causeOnTicket: boolean): boolean {
  return kind === 'complaint' && !causeGiven && !causeOnTicket;
}
