/**
 * Tickets (工单, PRODUCT.md §2) as the console uses them: queues, one ticket with everything on it,
 * the commands on it (each sends the version it read; a stale one is 409), the department inbox,
 * duty, and the phrase help of the reply box. Shapes follow src/modules/tickets/schemas.ts.
 */
import { api, request } from '../api';
import type { ForbiddenCategory, PhraseSituation, TicketAction } from '../shared';

export type TicketView = 'mine' | 'team' | 'open' | 'unassigned' | 'breached' | 'at_risk';
export type ClockStatus = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';
export type Visibility = 'public' | 'internal';
export type CallbackOutcome = 'satisfied' | 'unsatisfied' | 'unreachable';

export interface TicketSummary {
  id: string;
  number: string;
  kind: string;
  status: string;
  priority: string;
  subject: string;
  channel: string;
  /** masked */
  customerName: string | null;
  /** masked */
  customerPhone: string | null;
  waybillNos: string[];
  teamId: string | null;
  teamName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  confidential: boolean;
  /** the nearest running clock's due time */
  dueAt: string | null;
  breached: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
}

export interface Clock {
  kind: string;
  basis: string;
  targetMinutes: number;
  status: ClockStatus;
  startedAt: string;
  dueAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  usedMinutes: number;
}

export interface TimelineEntry {
  id: string;
  at: string;
  actorName: string;
  kind: string;
  visibility: Visibility;
  from: string | null;
  to: string | null;
  body: string | null;
  detail: Record<string, unknown>;
}

export interface DepartmentRequest {
  id: string;
  ticketId: string;
  ticketNumber: string;
  departmentId: string;
  departmentName: string;
  question: string;
  askedByName: string | null;
  askedAt: string;
  dueAt: string | null;
  reply: string | null;
  repliedByName: string | null;
  repliedAt: string | null;
}

export interface Callback {
  id: string;
  ticketId: string;
  ticketNumber: string;
  subject: string;
  customerName: string | null;
  customerPhone: string | null;
  scheduledFor: string;
  assigneeName: string | null;
  outcome: string | null;
  note: string | null;
  doneAt: string | null;
  /** calls recorded on it; 联系不上 keeps it pending (rescheduled) until the last attempt */
  attempts: number;
  lastAttemptAt: string | null;
  lastAttemptByName: string | null;
  lastAttemptNote: string | null;
  /** the caller may see this ticket's customer unmasked (revealTicketCustomer) */
  canRevealCustomer: boolean;
}

export interface Contact {
  id: string;
  channel: string;
  customerName: string | null;
  customerPhone: string | null;
  waybillNos: string[];
  question: string;
  answer: string;
  agentName: string | null;
  ticketId: string | null;
  ticketNumber: string | null;
  createdAt: string;
}

export interface ShipmentBrief {
  waybillNo: string;
  known: boolean;
  status: string | null;
  subStatus: string | null;
  promisedAt: string | null;
  lastEventText: string | null;
  lastEventTime: string | null;
}

export interface Notice {
  id: string;
  channel: string;
  recipient: string;
  body: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  byCustomer: boolean;
  createdAt: string;
}

/** What the caller may do now: the server's own list of actions (domain/tickets/lifecycle.ts). */
export type { TicketAction };

export interface TicketDetail extends TicketSummary {
  description: string;
  categoryCode: string | null;
  causeCode: string | null;
  customerId: string | null;
  customerTier: string;
  mergedIntoId: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  rating: number | null;
  ratingReason: string | null;
  version: number;
  clocks: Clock[];
  shipments: ShipmentBrief[];
  timeline: TimelineEntry[];
  departmentRequests: DepartmentRequest[];
  callbacks: Callback[];
  attachments: Attachment[];
  notifications: Notice[];
  related: { tickets: TicketSummary[]; contacts: Contact[] };
  can: TicketAction[];
  /** the caller may see the customer unmasked (revealTicketCustomer) */
  canRevealCustomer: boolean;
}

/** A ticket's customer unmasked: the number to dial and the name to say. */
export interface RevealedCustomer {
  customerName: string | null;
  customerPhone: string | null;
}

export interface DutyEntry {
  userId: string;
  displayName: string;
  departmentId: string | null;
  onDuty: boolean;
  capacity: number;
  openTickets: number;
}

export interface TicketCode {
  code: string;
  kind: 'category' | 'cause';
  nameZh: string;
  nameEn: string;
}

export interface StandardPhrase {
  id: string;
  key: string;
  situation: PhraseSituation;
  title: string;
  text: string;
}

export interface PhraseHit {
  phrase: string;
  category: ForbiddenCategory;
  start: number;
  end: number;
}

export interface PhraseCheck {
  mode: 'block' | 'warn';
  hits: PhraseHit[];
  allowed: boolean;
}

export interface NewTicket {
  kind: string;
  channel: string;
  subject: string;
  description?: string;
  priority?: string;
  waybillNos?: string[];
  customerName?: string;
  customerPhone?: string;
  categoryCode?: string;
  answer?: string;
}

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

/** The customer's full name and number; the server audits every call (PRODUCT.md §5). */
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

export function createTicket(body: NewTicket): Promise<{ id: string; number: string; version: number }> {
  return api.post('/api/tickets', body);
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
