/**
 * Tickets (工单, docs/product.md §2) as the console uses them: queues, one ticket with everything on it,
 * the commands on it (each sends the version it read; a stale one is 409), the department inbox,
 * duty, and the phrase help of the reply box. Shapes are the static types of the server's
 * schemas, so they cannot drift.
 */
import type { Static } from 'typebox';
import type * as Reference from '../../../src/modules/reference/schemas';
import type * as Tickets from '../../../src/modules/tickets/schemas';
import { api, request } from '../api';
import type { TicketAction } from '../shared';

export type TicketView = 'mine' | 'team' | 'open' | 'unassigned' | 'breached' | 'at_risk';
export type ClockStatus = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';
export type Visibility = 'public' | 'internal';
export type CallbackOutcome = 'satisfied' | 'unsatisfied' | 'unreachable';

type Of<Name extends keyof typeof Tickets> = Static<(typeof Tickets)[Name]>;

export type TicketSummary = Of<'TicketSummary'>;
export type TicketPage = Of<'TicketPage'>;
export type Clock = Of<'ClockView'>;
export type TimelineEntry = Of<'TimelineEntry'>;
/** Text the system wrote, as data (labels.ts systemTextLabel words it). */
export type SystemText = TimelineEntry['systemText'];
export type DepartmentRequest = Of<'DepartmentRequest'>;
export type Callback = Of<'Callback'>;
export type Contact = Of<'Contact'>;
export type ShipmentBrief = Of<'ShipmentBrief'>;
export type Notice = Of<'Notice'>;
export type Attachment = Of<'Attachment'>;

/** What the caller may do now: the server's own list of actions (domain/tickets/lifecycle.ts). */
export type { TicketAction };

export type TicketDetail = Of<'TicketDetail'>;
/** A ticket's customer unmasked: the number to dial and the name to say. */
export type RevealedCustomer = Of<'RevealedCustomer'>;
export type DutyEntry = Of<'DutyView'>;
export type TicketCode = Static<typeof Reference.TicketCode>;
export type StandardPhrase = Static<typeof Reference.StandardPhrase>;
export type PhraseHit = PhraseCheck['hits'][number];
export type PhraseCheck = Static<typeof Reference.PhraseCheckResult>;
export type NewTicket = Of<'TicketCreate'>;
/** A blocked reply held for a supervisor's release. */
export type PhraseRelease = Of<'PhraseRelease'>;
export type TicketCreated = Of<'TicketCreated'>;
export type OpenCase = Of<'OpenCase'>;
export type OpenCases = Of<'OpenCases'>;
export type BulkAssign = Of<'BulkAssign'>;
export type BulkAssignResult = Of<'BulkAssignResult'>;

type Changed = Promise<{ version: number }>;

// ---- Reading ----

export function listTickets(
  query: { view?: TicketView; q?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<TicketPage> {
  return api.get('/api/tickets', { query, signal });
}

export function getTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
  return api.get(`/api/tickets/${encodeURIComponent(id)}`, { signal });
}

/** The customer's full name and number; the server audits every call (docs/product.md §5). */
export function revealTicketCustomer(id: string): Promise<RevealedCustomer> {
  return api.post(`/api/tickets/${encodeURIComponent(id)}/customer/reveal`);
}

export function departmentInbox(open: boolean, signal?: AbortSignal): Promise<DepartmentRequest[]> {
  return api.get('/api/department-requests', { query: { open }, signal });
}

export function listDuty(signal?: AbortSignal): Promise<DutyEntry[]> {
  return api.get('/api/duty', { signal });
}

export function ticketCodes(signal?: AbortSignal): Promise<{ items: TicketCode[] }> {
  return api.get('/api/reference/ticket-codes', { signal });
}

export function standardPhrases(signal?: AbortSignal): Promise<{ items: StandardPhrase[] }> {
  return api.get('/api/phrases/standard', { signal });
}

/** The live forbidden-phrase check of the reply box; records nothing. */
export function checkPhrases(text: string, signal?: AbortSignal): Promise<PhraseCheck> {
  return api.post('/api/phrases/check', { text }, { signal });
}

// ---- Commands ----

/** A new ticket; or, with `followUp`, the contact added to an open case or a ticket beside it (首问负责制). */
export function createTicket(body: NewTicket): Promise<TicketCreated> {
  return api.post('/api/tickets', body);
}

/** The open cases a new contact about these waybills or this phone would join or sit beside. */
export function openCases(
  query: { waybillNos?: string[]; customerPhone?: string; kind?: string; confidential?: boolean },
  signal?: AbortSignal,
): Promise<OpenCases> {
  const { waybillNos, ...rest } = query;
  return api.get('/api/tickets/open-cases', { query: { ...rest, waybillNos: waybillNos?.length ? waybillNos.join(',') : undefined }, signal });
}

/** A supervisor moves several tickets at once; each is moved or refused with its own reason. */
export function bulkAssign(body: BulkAssign): Promise<BulkAssignResult> {
  return api.post('/api/tickets/bulk/assign', body);
}

const command = <B extends object>(id: string, path: string, body: B): Changed =>
  api.post(`/api/tickets/${encodeURIComponent(id)}/${path}`, body);

export const ticketCommands = {
  reply: (
    id: string,
    body: {
      body: string;
      visibility: Visibility;
      version: number;
      seenEventId?: string;
      acknowledgeWarnings?: boolean;
      templateKey?: string;
      waitForCustomer?: boolean;
    },
  ) => command(id, 'replies', body),
  status: (id: string, body: { status: 'open' | 'pending_customer'; version: number; note?: string }) =>
    command(id, 'status', body),
  transfer: (id: string, body: { toUserId?: string; toTeamId?: string; reason: string; version: number }) =>
    command(id, 'transfer', body),
  escalate: (id: string, body: { reason: string; version: number }) => command(id, 'escalate', body),
  askDepartment: (id: string, body: { departmentId: string; question: string; version: number }) =>
    command(id, 'department-requests', body),
  resolve: (id: string, body: { reply?: string; causeCode?: string; version: number; acknowledgeWarnings?: boolean }) =>
    command(id, 'resolve', body),
  close: (id: string, body: { reason?: string; version: number }) => command(id, 'close', body),
  reopen: (id: string, body: { reason: string; version: number }) => command(id, 'reopen', body),
  merge: (id: string, body: { intoTicketId: string; version: number }) => command(id, 'merge', body),
  edit: (
    id: string,
    body: { priority?: string; categoryCode?: string | null; confidential?: boolean; version: number },
  ) => command(id, 'edit', body),
};

/**
 * `nextAttemptAt`: unreachable before the last attempt, when to call again; null once the callback is done.
 * `outcome`: what the callback was settled as (satisfied and unreachable closed the ticket, unsatisfied
 * reopened it); null while it stays pending.
 */
export interface CallbackCompleted {
  ticketId: string;
  attempts: number;
  nextAttemptAt: string | null;
  outcome: 'satisfied' | 'unsatisfied' | 'unreachable' | null;
}

export function completeCallback(id: string, body: { outcome: CallbackOutcome; note?: string }): Promise<CallbackCompleted> {
  return api.post(`/api/callbacks/${encodeURIComponent(id)}/complete`, body);
}

export function answerDepartmentRequest(id: string, reply: string): Promise<{ ticketId: string }> {
  return api.post(`/api/department-requests/${encodeURIComponent(id)}/reply`, { reply });
}

export function setDuty(userId: string, body: { onDuty: boolean; capacity?: number }): Promise<void> {
  return request('PUT', `/api/duty/${encodeURIComponent(userId)}`, { body });
}

// ---- Releasing a falsely blocked reply ----

/** Holds a reply the guard blocked for a supervisor's release (it is not sent). */
export function requestPhraseRelease(ticketId: string, body: { body: string; note?: string }): Promise<{ id: string; version: number }> {
  return api.post(`/api/tickets/${encodeURIComponent(ticketId)}/phrase-releases`, body);
}

/** Waiting held replies (a supervisor: everyone's; others: their own), or decided ones. */
export function listPhraseReleases(
  query: { status?: 'pending' | 'approved' | 'declined' | 'all'; mine?: boolean },
  signal?: AbortSignal,
): Promise<PhraseRelease[]> {
  return api.get('/api/phrase-releases', { query, signal });
}

export const phraseReleaseCommands = {
  approve: (id: string): Promise<{ status: string; version: number }> => api.post(`/api/phrase-releases/${encodeURIComponent(id)}/approve`),
  decline: (id: string, reason: string): Promise<{ status: string; version: number }> =>
    api.post(`/api/phrase-releases/${encodeURIComponent(id)}/decline`, { reason }),
};
