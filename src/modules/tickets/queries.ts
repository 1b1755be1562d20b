/**
 * What people read: a ticket's page, the queues, search, the supervisor board, callbacks and the
 * department inbox. Access follows domain/tickets/lifecycle.ts; lists hide confidential tickets of
 * other teams.
 */
import { can } from '../../domain/roles.js';
import { AppError } from '../../domain/errors.js';
import { maskName, maskPhone } from '../../domain/privacy.js';
import { releaseDecisionRefusal } from '../../domain/phrases/release.js';
import { SEARCH_MATCHES, searchTermsOf } from '../../domain/tickets/search.js';
import { presentClock } from './clocks.js';
import { presentRelease, presentCallback, presentContact, presentDepartmentRequest, presentSummary, presentTimeline } from './presenter.js';
import {
  askedDepartmentsOf,
  atRiskTickets,
  attachmentsOf,
  boardCounts,
  callbackList,
  callbacksOf,
  clearFollowUp,
  clockRowsOf,
  customerHistory,
  departmentRequestsOf,
  dutyRoster,
  notificationsOf,
  openQueue,
  releaseRequestList,
  releaseRequestsOf,
  type ReleaseRequestRow,
  relatedTo,
  searchTickets,
  shipmentsFor,
  ticketRow,
  timelineOf,
  type QueueQuery,
  waybillsOf,
} from './repository.js';
import { mayRecordCallback, viewerOf } from './access.js';
import { actionsOn, actionsOnLoaded, loadSettings, revealGroundOf, type TicketDeps, type userOf } from './service.js';
import { queryWords } from './words.js';

type UserActor = ReturnType<typeof userOf>;


export async function ticketDetail(deps: TicketDeps, actor: UserActor, id: string) {
  const { db } = deps;
  const row = await ticketRow(db, id);
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  const allowed = await actionsOn(db, row, actor);
  if (!allowed.has('read')) throw new AppError('TICKET_NOT_FOUND');
  // The owner has seen what followed up (首问负责制): their queue stops marking it. The answer still
  // says when it came, so the page can point at it.
  if (row.follow_up_at && row.owner_id === actor.id) await clearFollowUp(db, id, actor.id);
  const now = new Date();
  const s = await loadSettings(deps);
  const waybillNos = await waybillsOf(db, id);
  const [clocks, shipments, timeline, requests, callbacks, attachments, notices, related, releases] = await Promise.all([
    clockRowsOf(db, id),
    shipmentsFor(db, waybillNos),
    timelineOf(db, id),
    departmentRequestsOf(db, { ticketId: id }),
    callbacksOf(db, id),
    attachmentsOf(db, id),
    notificationsOf(db, id),
    relatedTo(db, viewerOf(actor), row, waybillNos),
    releaseRequestsOf(db, id),
  ]);
  const byWaybill = new Map(shipments.map((sh) => [sh.waybill_no, sh]));
  const canRevealCustomer = revealGroundOf(allowed, row.owner_id, callbacks, actor) !== null;
  const summary = presentSummary({ ...row, number: row.number_text, waybill_nos: waybillNos }, now);
  // docs/product.md §5: one rule for the name wherever the page shows it (card, timeline, messages):
  // masked for every reader (李女士 as typed: it shows no more than the surname). Whoever must call
  // the customer reveals them (POST …/customer/reveal), which is audited; the console then shows the
  // revealed name in those same places.
  const customerName = maskName(row.customer_name);
  return {
    ...summary,
    customerName,
    description: row.description,
    categoryCode: row.category_code,
    causeCode: row.cause_code,
    customerId: row.customer_id,
    customerTier: row.customer_tier,
    mergedIntoId: row.merged_into_id,
    firstResponseAt: row.first_response_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    closeReason: row.close_reason,
    rating: row.rating,
    ratingReason: row.rating_reason,
    version: row.version,
    clocks: clocks.map((c) => presentClock(c, now, s.policy.warnRatio, s.calendar)),
    shipments: waybillNos.map((w) => {
      const sh = byWaybill.get(w);
      return {
        waybillNo: w,
        known: Boolean(sh),
        status: sh?.status ?? null,
        subStatus: sh?.sub_status ?? null,
        promisedAt: sh?.promised_at?.toISOString() ?? null,
        lastEventText: sh?.last_event_text ?? null,
        lastEventTime: sh?.last_event_time?.toISOString() ?? null,
      };
    }),
    timeline: presentTimeline(timeline, customerName),
    departmentRequests: requests.map(presentDepartmentRequest),
    callbacks: callbacks.map((c) => presentCallback(c, canRevealCustomer, mayRecordCallback(allowed, row.owner_id, c.assignee_id, actor))),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      byCustomer: a.uploaded_by_customer,
      createdAt: a.created_at.toISOString(),
    })),
    notifications: notices.map((n) => ({
      id: n.id,
      channel: n.channel,
      recipient: maskPhone(n.recipient) ?? '',
      body: n.body,
      status: n.status,
      createdAt: n.created_at.toISOString(),
      sentAt: n.sent_at?.toISOString() ?? null,
    })),
    related: {
      tickets: related.tickets.map((t) => presentSummary(t, now)),
      contacts: related.contacts.map(presentContact),
    },
    can: [...allowed],
    canRevealCustomer,
    phraseReleases: releases.map((r) => presentRelease(r, mayDecide(r, actor))),
  };
}

/** The rule access.ts `releaseRequestFor` applies, for requests of tickets the caller reads. */
function mayDecide(row: ReleaseRequestRow, actor: UserActor): boolean {
  const facts = { id: actor.id, readsTicket: true, supervises: can(actor.role, 'tickets.supervise') };
  return releaseDecisionRefusal({ requestedBy: row.requested_by, status: row.status }, facts) === null;
}

/**
 * Held replies waiting for release (or decided, for quality checks): a supervisor sees everyone's
 * on the tickets they read, anyone else only their own.
 */
export async function listReleases(
  deps: TicketDeps,
  actor: UserActor,
  input: { status?: 'pending' | 'approved' | 'declined' | 'all' | undefined; mine?: boolean | undefined; limit?: number | undefined },
) {
  const everyone = can(actor.role, 'tickets.supervise') && !input.mine;
  const rows = await releaseRequestList(deps.db, viewerOf(actor), {
    status: input.status ?? 'pending',
    requestedBy: everyone ? null : actor.id,
    limit: input.limit ?? 50,
  });
  return rows.map((r) => presentRelease(r, mayDecide(r, actor)));
}

export type TicketView = 'mine' | 'team' | 'open' | 'unassigned' | 'breached' | 'at_risk' | 'search';

export interface ListInput {
  view?: TicketView | undefined;
  q?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  teamId?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

function decodeCursor(cursor: string | undefined): string[] | undefined {
  if (!cursor) return undefined;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 2 || !/^\d+$/.test(parts[1]!)) throw new AppError('VALIDATION_FAILED', { detail: 'cursor' });
  return parts;
}

const encodeCursor = (a: string, b: string) => Buffer.from(`${a}|${b}`).toString('base64url');

/** Search pages by rank, then newest first: the last row's rank, creation instant and number. */
const encodeSearchCursor = (rank: number, createdAt: Date, number: string) =>
  Buffer.from(`${rank}|${createdAt.toISOString()}|${number}`).toString('base64url');

function searchCursor(cursor: string | undefined): { rank: number; createdAt: Date; number: string } | undefined {
  if (!cursor) return undefined;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3 || !/^[1-9]$/.test(parts[0]!) || Number(parts[0]) > SEARCH_MATCHES.length || !/^\d{1,18}$/.test(parts[2]!)) {
    throw new AppError('VALIDATION_FAILED', { detail: 'cursor' });
  }
  return { rank: Number(parts[0]), createdAt: dateOrFail(parts[1]!), number: parts[2]! };
}

function dateOrFail(text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION_FAILED', { detail: 'cursor' });
  return d;
}

/** The queues in clock-urgency order, and search (best match first, then newest). Keyset-paged with `cursor`. */
export async function listTickets(deps: TicketDeps, actor: UserActor, input: ListInput) {
  const now = new Date();
  const viewer = viewerOf(actor);
  const limit = input.limit ?? 20;
  const view: TicketView = input.q ? 'search' : (input.view ?? 'mine');
  const supervises = can(actor.role, 'tickets.supervise');

  if (view === 'search') {
    if (!input.q) throw new AppError('VALIDATION_FAILED', { detail: 'q' });
    const terms = searchTermsOf(input.q);
    const after = searchCursor(input.cursor);
    const rows = await searchTickets(deps.db, viewer, {
      terms,
      words: terms.words ? queryWords(input.q) : [],
      limit: limit + 1,
      after,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ ...presentSummary(r, now), match: SEARCH_MATCHES[r.rank - 1]! })),
      nextCursor: rows.length > limit && last ? encodeSearchCursor(last.rank, last.created_at, last.number) : null,
    };
  }

  const cursor = decodeCursor(input.cursor);
  if (view === 'at_risk') {
    if (!supervises) throw new AppError('FORBIDDEN');
    const rows = await atRiskTickets(deps.db, viewer, limit);
    return { items: rows.map((r) => presentSummary(r, now)), nextCursor: null };
  }

  let scope: QueueQuery['scope'];
  if (view === 'mine') scope = { ownerId: actor.id };
  else if (view === 'team') {
    const teamId = input.teamId ?? actor.departmentId;
    if (!teamId) return { items: [], nextCursor: null };
    if (teamId !== actor.departmentId && !supervises) throw new AppError('FORBIDDEN');
    scope = { teamId };
  } else if (view === 'unassigned') scope = { unassigned: true };
  else if (view === 'breached') {
    if (!supervises) throw new AppError('FORBIDDEN');
    scope = { breachedBefore: now };
  } else {
    if (!supervises) throw new AppError('FORBIDDEN');
    scope = { all: true };
  }
  const rows = await openQueue(deps.db, viewer, {
    scope,
    kind: input.kind,
    status: input.status,
    limit: limit + 1,
    after: cursor ? { dueAt: cursor[0] === 'none' ? null : dateOrFail(cursor[0]!), number: cursor[1]! } : undefined,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentSummary(r, now)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.due_at?.toISOString() ?? 'none', last.number) : null,
  };
}

/** The supervisor board: clocks breached and about to breach, with counts by team. */
export async function supervisorBoard(deps: TicketDeps, actor: UserActor) {
  const now = new Date();
  const viewer = viewerOf(actor);
  const [breached, atRisk, counts] = await Promise.all([
    openQueue(deps.db, viewer, { scope: { breachedBefore: now }, limit: 50 }),
    atRiskTickets(deps.db, viewer, 50),
    boardCounts(deps.db, now),
  ]);
  return {
    breached: breached.map((r) => presentSummary(r, now)),
    atRisk: atRisk.map((r) => presentSummary(r, now)),
    ...counts,
  };
}

/**
 * Callbacks by scheduled time, of tickets the caller may read (a confidential ticket of another team
 * does not exist for them, like everywhere else), each saying whether the caller may see its
 * customer unmasked.
 */
export async function listCallbacks(deps: TicketDeps, actor: UserActor, input: { due?: boolean | undefined; limit?: number | undefined }) {
  const rows = await callbackList(deps.db, viewerOf(actor), { due: input.due ?? true, limit: input.limit ?? 50 });
  const asked = await askedDepartmentsOf(deps.db, rows.map((r) => r.ticket_id));
  // Each ticket's callbacks, as far as the list shows them: who must still call its customer.
  const byTicket = new Map<string, typeof rows>();
  for (const r of rows) byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r]);
  return rows.map((r) => {
    const ticket = { status: r.ticket_status, owner_id: r.ticket_owner_id, team_id: r.ticket_team_id, confidential: r.ticket_confidential, merged_into_id: r.ticket_merged_into_id };
    const allowed = actionsOnLoaded(ticket, asked.get(r.ticket_id) ?? [], actor);
    const ground = revealGroundOf(allowed, r.ticket_owner_id, byTicket.get(r.ticket_id)!, actor);
    return presentCallback(r, ground !== null, mayRecordCallback(allowed, r.ticket_owner_id, r.assignee_id, actor));
  });
}

export async function departmentInbox(deps: TicketDeps, actor: UserActor, open: boolean) {
  if (!actor.departmentId) return [];
  const rows = await departmentRequestsOf(deps.db, { departmentId: actor.departmentId, open });
  return rows.map(presentDepartmentRequest);
}

export async function duty(deps: TicketDeps, actor: UserActor) {
  const rows = await dutyRoster(deps.db, can(actor.role, 'tickets.supervise') ? null : actor.departmentId);
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    departmentId: r.department_id,
    onDuty: r.on_duty,
    capacity: Number(r.capacity),
    openTickets: Number(r.open_tickets),
  }));
}

/** A customer's tickets, contact records and callbacks for the customer view, filtered like every ticket list. */
export async function customerTicketHistory(deps: Pick<TicketDeps, 'db'>, actor: UserActor, customerId: string, phones: string[], limit = 50) {
  const { tickets, contacts, callbacks } = await customerHistory(deps.db, viewerOf(actor), customerId, phones, limit);
  return {
    tickets: tickets.map((t) => ({ id: t.id, number: t.number, kind: t.kind, status: t.status, priority: t.priority, subject: t.subject, createdAt: t.created_at.toISOString() })),
    contactRecords: contacts.map((c) => ({ id: c.id, channel: c.channel, question: c.question, ticketId: c.ticket_id, at: c.created_at.toISOString() })),
    callbacks: callbacks.map((b) => ({
      id: b.id,
      ticketId: b.ticket_id,
      ticketNumber: b.number,
      scheduledFor: new Date(b.scheduled_for).toISOString(),
      outcome: b.outcome,
      doneAt: b.done_at?.toISOString() ?? null,
    })),
  };
}
