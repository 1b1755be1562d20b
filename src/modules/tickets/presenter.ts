/**
 * Ticket rows → API shapes. Names and phones leave masked for every reader (domain/privacy.ts); the
 * full ones only through the audited reveal (use-cases/reveal.ts). Database rows never leave this file.
 */
import { maskName, maskPhone } from '../../domain/privacy.js';
import { ROLES, type Role } from '../../domain/roles.js';
import type { ReleaseRequestRow, SummaryRow } from './repository.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentSummary(row: SummaryRow, now: Date) {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    subject: row.subject,
    channel: row.channel,
    // docs/product.md §5: masked for every reader, the ticket's own page too; the full name and phone
    // only through the audited reveal.
    customerName: maskName(row.customer_name),
    customerPhone: maskPhone(row.customer_phone),
    waybillNos: row.waybill_nos,
    teamId: row.team_id,
    teamName: row.team_name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    confidential: row.confidential,
    dueAt: iso(row.due_at),
    breached: row.due_at !== null && row.due_at < now && ['new', 'open', 'pending_customer', 'pending_department'].includes(row.status),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    followUpAt: iso(row.follow_up_at),
    version: row.version,
  };
}

/** Who wrote a customer's entry (self-service, public reply, upload, rating): see public.ts CUSTOMER. */
export const CUSTOMER_ACTOR_NAME = '客户';

/** Who wrote a timeline entry, as the customer's pages say it: they, our staff or the system. */
export type PublicAuthor = 'customer' | 'staff' | 'system';

/**
 * The author of an entry by the actor it was written with: a signed-in user is staff; the
 * customer's entries name CUSTOMER_ACTOR_NAME (with their name, in entries written before it was
 * kept out); everything else without a user (timeline.ts SYSTEM: the exception job, routing) is
 * the system.
 */
export function publicAuthorOf(actorId: string | null, actorName: string): PublicAuthor {
  if (actorId !== null) return 'staff';
  if (actorName === CUSTOMER_ACTOR_NAME || actorName.startsWith(`${CUSTOMER_ACTOR_NAME} `)) return 'customer';
  return 'system';
}

/**
 * One message of the customer's conversation: who wrote it, and for staff only their role
 * (客服专员, 主管 …): staff names stay inside.
 */
export function presentPublicMessage(
  row: { at: Date; kind: string; actor_id: string | null; actor_name: string; actor_role: string | null; body: string; detail: Record<string, unknown> },
  opening: Opening | null,
) {
  const from = publicAuthorOf(row.actor_id, row.actor_name);
  const role = from === 'staff' && ROLES.includes(row.actor_role as Role) ? (row.actor_role as Role) : null;
  return { at: row.at.toISOString(), from, staffRole: role, body: row.body, systemText: systemTextOf(row, opening) };
}

export interface EventRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  visibility: string;
  from_value: string | null;
  to_value: string | null;
  body: string | null;
  detail: Record<string, unknown>;
}

/**
 * Who wrote an entry, for the console to name in the reader's language: a member of staff (by
 * their name), the customer (by their name, masked), or the system (routing, the clocks, the
 * exception job, a callback it schedules), which has no name. The stored actor name is never shown
 * for the customer or the system: it is Chinese (系统, 客户), and older customer entries held the
 * customer's full name.
 */
export type ActorKind = PublicAuthor;

/**
 * Text the system wrote for an entry, as data the console words in the reader's language: the
 * stored body (Chinese) stays for the record and for readers that do not know the key.
 * - `exceptionFound`: the ticket the exception job opened (its first entry), with the exception it
 *   was opened for (`exceptionKind`, `site`: kept on the entry; for older entries the ticket's
 *   first `exception` entry).
 * - `exceptionRaisedPriority`: the priority raise of a lost or damaged parcel joining the ticket.
 * - `ticketClosed`, `mergedInto`, `callbackUnsatisfied`: the reasons a command gives when the person gave none.
 */
export type SystemText =
  | { key: 'exceptionFound' | 'exceptionRaisedPriority'; exceptionKind: string; site: string | null }
  | { key: 'ticketClosed' | 'callbackUnsatisfied' }
  | { key: 'mergedInto'; number: string };

const REASON_KEYS = ['ticketClosed', 'callbackUnsatisfied', 'mergedInto'] as const;

/** The exception a ticket the system opened was opened for (its first), if it was. */
export interface Opening {
  kind: string;
  site: string | null;
}

function systemTextOf(row: Pick<EventRow, 'kind' | 'actor_id' | 'detail'>, opening: Opening | null): SystemText | null {
  const d = row.detail;
  if (row.kind === 'created' && row.actor_id === null && d.channel === 'system') {
    // Kept on the entry since tickets are opened for their most serious exception; older entries
    // fall back to the ticket's first exception.
    const kept = d.openedFor as { exceptionKind?: unknown; site?: unknown } | undefined;
    if (kept && typeof kept.exceptionKind === 'string') {
      return { key: 'exceptionFound', exceptionKind: kept.exceptionKind, site: typeof kept.site === 'string' ? kept.site : null };
    }
    if (opening) return { key: 'exceptionFound', exceptionKind: opening.kind, site: opening.site };
  }
  if (row.kind === 'priority' && typeof d.exceptionKind === 'string') {
    return { key: 'exceptionRaisedPriority', exceptionKind: d.exceptionKind, site: null };
  }
  const reason = (REASON_KEYS as readonly unknown[]).includes(d.reasonKey) ? (d.reasonKey as (typeof REASON_KEYS)[number]) : null;
  if (reason === 'mergedInto') return typeof d.number === 'string' ? { key: reason, number: d.number } : null;
  return reason ? { key: reason } : null;
}

/**
 * A ticket's timeline as the API sends it. `maskedCustomerName`: the customer's name masked
 * (privacy.ts: every reader gets it masked; the full name only through the audited reveal), which
 * names the customer's entries: the entries themselves never do (older ones stored the full name).
 */
export function presentTimeline(rows: readonly EventRow[], maskedCustomerName: string | null) {
  const first = rows.find((r) => r.kind === 'exception' && r.actor_id === null);
  const opening = first?.to_value ? { kind: first.to_value, site: typeof first.detail.site === 'string' ? first.detail.site : null } : null;
  return rows.map((row) => presentEvent(row, maskedCustomerName, opening));
}

function presentEvent(row: EventRow, maskedCustomerName: string | null, opening: Opening | null) {
  const actorKind: ActorKind = publicAuthorOf(row.actor_id, row.actor_name);
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorKind,
    actorName: actorKind === 'staff' ? row.actor_name : actorKind === 'customer' ? (maskedCustomerName ?? '') : '',
    kind: row.kind,
    visibility: row.visibility as 'public' | 'internal',
    from: row.from_value,
    to: row.to_value,
    body: row.body,
    detail: row.detail,
    systemText: systemTextOf(row, opening),
  };
}

export function presentDepartmentRequest(row: {
  id: string;
  ticket_id: string;
  ticket_number: string;
  department_id: string;
  department_name: string;
  question: string;
  asked_by_name: string | null;
  asked_at: Date;
  due_at: Date | null;
  reply: string | null;
  replied_by_name: string | null;
  replied_at: Date | null;
}) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    departmentId: row.department_id,
    departmentName: row.department_name,
    question: row.question,
    askedByName: row.asked_by_name,
    askedAt: row.asked_at.toISOString(),
    dueAt: iso(row.due_at),
    reply: row.reply,
    repliedByName: row.replied_by_name,
    repliedAt: iso(row.replied_at),
  };
}

/**
 * `canRevealCustomer`: the caller may see this ticket's customer unmasked (POST …/customer/reveal);
 * `canRecord`: the caller may record the callback (POST /api/callbacks/{id}/complete).
 */
export function presentCallback(
  row: {
    id: string;
    ticket_id: string;
    ticket_number: string;
    subject: string;
    customer_name: string | null;
    customer_phone: string | null;
    scheduled_for: Date;
    assignee_name: string | null;
    outcome: string | null;
    note: string | null;
    done_at: Date | null;
    attempts: number;
    last_attempt_at: Date | null;
    last_attempt_by_name: string | null;
    last_attempt_note: string | null;
  },
  canRevealCustomer: boolean,
  canRecord: boolean,
) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    subject: row.subject,
    customerName: maskName(row.customer_name),
    customerPhone: maskPhone(row.customer_phone),
    scheduledFor: row.scheduled_for.toISOString(),
    assigneeName: row.assignee_name,
    outcome: row.outcome,
    note: row.note,
    doneAt: iso(row.done_at),
    attempts: row.attempts,
    lastAttemptAt: iso(row.last_attempt_at),
    lastAttemptByName: row.last_attempt_by_name,
    lastAttemptNote: row.last_attempt_note,
    canRevealCustomer,
    canRecord,
  };
}

export function presentContact(row: {
  id: string;
  channel: string;
  customer_name: string | null;
  customer_phone: string | null;
  waybill_nos: string[];
  question: string;
  answer: string;
  agent_name: string | null;
  ticket_id: string | null;
  ticket_number: string | null;
  created_at: Date;
}) {
  return {
    id: row.id,
    channel: row.channel,
    customerName: maskName(row.customer_name),
    customerPhone: maskPhone(row.customer_phone),
    waybillNos: row.waybill_nos,
    question: row.question,
    answer: row.answer,
    agentName: row.agent_name,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    createdAt: row.created_at.toISOString(),
  };
}

/** A held reply's release request; `canDecide`: the caller may approve or decline it now. */
export function presentRelease(row: ReleaseRequestRow, canDecide: boolean) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    ticketSubject: row.ticket_subject,
    status: row.status,
    body: row.body,
    phrases: row.phrases,
    note: row.note,
    requestedById: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at.toISOString(),
    decidedByName: row.decided_by_name,
    decidedAt: iso(row.decided_at),
    declineReason: row.decline_reason,
    canDecide,
  };
}
