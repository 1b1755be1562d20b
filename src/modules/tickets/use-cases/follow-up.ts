/**
 * A follow-up finds its owner (首问负责制, docs/product.md §2; the rule: domain/tickets/follow-up.ts).
 * The steps the self-service complaint, an agent's new ticket and a logged contact share, inside
 * their transaction: find the case the contact concerns (after the waybills' lock, so a case opened
 * at the same moment is seen), join it, or open a new ticket beside it for the same owner.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Priority, TicketKind } from '../../../domain/sla/policy.js';
import { followUpPlan, type FollowUpContact, type FollowUpPlan, type LinkReason } from '../../../domain/tickets/follow-up.js';
import type { TicketStatus } from '../../../domain/tickets/lifecycle.js';
import { AppError } from '../../../domain/errors.js';
import { WAYBILL_PATTERN } from '../../../domain/limits.js';
import { viewerOf, type TicketRow, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { refreshTicketDue } from '../clocks.js';
import { casesAbout, lockWaybillCases, markFollowUp, touchTicket, type NewEvent, type Viewer } from '../repository.js';
import type { Settings } from '../settings.js';
import { addEvent, type Author } from '../timeline.js';
import { indexWords } from '../words.js';
import { raisePriorityTo } from './priority.js';
import { digitsOf, reopenRow, setStatus, takeIfUnowned, waybillsOfInput } from './steps.js';

export type OpenCase = Awaited<ReturnType<typeof casesAbout>>[number];

/**
 * The plan for a new contact, and the cases it weighed. `viewer` is the person who takes the contact
 * (they are offered only cases they may read); null for the customer's own contact.
 */
export async function findFollowUp(trx: Transaction<DB>, contact: FollowUpContact, viewer: Viewer | null): Promise<{ plan: FollowUpPlan; cases: OpenCase[] }> {
  await lockWaybillCases(trx, contact.waybillNos);
  const cases = await casesAbout(trx, { waybillNos: [...contact.waybillNos], phone: contact.customerPhone }, viewer);
  return { plan: planFor(contact, cases), cases };
}

/**
 * For the new-ticket form, as the agent types: the open cases of these waybills or this phone the
 * agent may read, and what the rule would do. Nothing is locked: creating the ticket decides again.
 */
export async function openCasesFor(
  deps: TicketDeps,
  actor: UserActor,
  query: { waybillNos?: string | undefined; customerPhone?: string | undefined; kind?: TicketKind | undefined; confidential?: boolean | undefined },
) {
  const typed = (query.waybillNos ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  const waybillNos = waybillsOfInput(typed);
  if (waybillNos.length > 20 || waybillNos.some((w) => !WAYBILL.test(w))) throw new AppError('VALIDATION_FAILED', { detail: 'waybillNos' });
  const contact = { kind: query.kind ?? null, confidential: query.confidential ?? false, waybillNos, customerPhone: digitsOf(query.customerPhone) };
  const cases = await casesAbout(deps.db, { waybillNos, phone: contact.customerPhone }, viewerOf(actor));
  const plan = planFor(contact, cases);
  return { plan: plan.action, cases: cases.map((c) => presentOpenCase(c, plan)) };
}

const WAYBILL = new RegExp(WAYBILL_PATTERN);

function planFor(contact: FollowUpContact, cases: OpenCase[]): FollowUpPlan {
  return followUpPlan(
    contact,
    cases.map((c) => ({
      id: c.id,
      kind: c.kind as TicketKind,
      status: c.status as TicketStatus,
      merged: c.merged_into_id !== null,
      confidential: c.confidential,
      customerPhone: c.customer_phone,
      waybillNos: c.waybill_nos,
      createdAt: c.created_at,
      number: Number(c.number),
    })),
  );
}

/**
 * The contact joins the case (locked by the caller): its entry on the timeline; a case waiting for
 * the customer goes on, a resolved one is reopened (the fix does not stand); the priority rises to
 * what the contact would have opened at, never falls; a case nobody owns is taken by the desk
 * person who took the contact (首问负责制), and a case someone else owns is marked for them. The
 * case's new version.
 */
export async function joinCase(
  trx: Transaction<DB>,
  row: TicketRow,
  author: Author,
  entry: NewEvent,
  input: { priority: Priority; takenBy: UserActor | null },
  s: Settings,
  now: Date,
): Promise<number> {
  const status = row.status as TicketStatus;
  await addEvent(trx, row.id, author, entry);
  if (status === 'pending_customer') await setStatus(trx, row, 'open', author, s, now);
  else if (status === 'resolved') await reopenRow(trx, row, author, entry.body ?? '', s, now);
  await raisePriorityTo(trx, row.id, input.priority, author, FOLLOW_UP_REASON, s);
  if (input.takenBy) await takeIfUnowned(trx, row, input.takenBy);
  if (row.owner_id !== input.takenBy?.id) await markFollowUp(trx, row.id, now);
  const version = await touchTicket(trx, row.id, status === 'resolved' ? { resolved_at: null } : {}, indexWords(entry.body ?? ''));
  await refreshTicketDue(trx, row.id);
  return version;
}

/** The timeline's word for why a follow-up raised the priority. */
const FOLLOW_UP_REASON = '客户就此事再次联系';

/**
 * A new ticket beside a case: both timelines say so (internal entries), and the new one is marked
 * for its owner, the case's owner, who did not take it themselves.
 */
export async function linkToCase(
  trx: Transaction<DB>,
  kase: Pick<OpenCase, 'id' | 'number'>,
  created: { id: string; number: string },
  author: Author,
  reason: LinkReason,
  now: Date,
): Promise<void> {
  // Numbers as text, however the driver hands a bigint over.
  await addEvent(trx, kase.id, author, { kind: 'linked', to: String(created.number), detail: { ticketId: created.id, reason, role: 'case' } });
  await addEvent(trx, created.id, author, { kind: 'linked', from: String(kase.number), detail: { ticketId: kase.id, reason, role: 'new' } });
  await markFollowUp(trx, created.id, now);
}

/** What an agent is told of an open case (the API's 409 and the new-ticket form). */
export function presentOpenCase(c: OpenCase, plan: FollowUpPlan) {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    status: c.status,
    subject: c.subject,
    ownerName: c.owner_name,
    teamName: c.team_name,
    waybillNos: c.waybill_nos,
    suggestion: plan.action !== 'new' && plan.caseId === c.id ? plan.action : null,
  };
}
