/**
 * 首问负责制 for follow-ups (docs/product.md §2): a new contact about a waybill or a customer that
 * already has a case not yet closed goes to that case, so the customer never explains twice and the
 * person who took the case first keeps it. Pure: the use cases load the cases and act on the plan.
 *
 * - A case concerns the contact when it is not closed (resolved counts: the customer says the fix
 *   does not stand) and it is about one of the contact's waybills, or, for a contact that names no
 *   waybill, it is the same customer's (the same phone). Another waybill is another matter.
 * - Same waybill, both phones known and different: another customer's case (the sender and the
 *   recipient of one parcel). Never joined — the customer would read the other's conversation — but
 *   linked, so that one person has the parcel's whole story.
 * - The customer's own case is joined when the two are one conversation: the same kind, or a query,
 *   complaint or exception on either side (a complaint about a delay the system already found). A
 *   claim, a service request or a suggestion is its own process with its own clocks: a new ticket,
 *   linked. So is a confidential contact beside a case the whole desk reads.
 * - Of several cases the oldest wins: it was taken first.
 */
import type { TicketKind } from '../sla/policy.js';
import type { TicketStatus } from './lifecycle.js';

export interface FollowUpContact {
  /** the kind of ticket the contact would open; null for a contact logged without a ticket */
  kind: TicketKind | null;
  confidential: boolean;
  waybillNos: readonly string[];
  /** digits only, as tickets store it */
  customerPhone: string | null;
}

export interface CaseFacts {
  id: string;
  kind: TicketKind;
  status: TicketStatus;
  merged: boolean;
  confidential: boolean;
  customerPhone: string | null;
  waybillNos: readonly string[];
  createdAt: Date;
  /** the ticket's number: the tie-break after the creation instant */
  number: number;
}

/** Why a new ticket was opened beside a case; `chosen`: the agent chose to, though it could have joined. */
export type LinkReason = 'kind' | 'confidential' | 'other_customer' | 'chosen';

export type FollowUpPlan =
  | { action: 'join'; caseId: string }
  | { action: 'link'; caseId: string; reason: LinkReason }
  | { action: 'new' };

/** The kinds that are one conversation with the customer about a parcel. */
const CONVERSATION_KINDS: readonly TicketKind[] = ['query', 'complaint', 'exception'];

/** Whose case it is, for this contact: the same customer's, another customer's, or none of its business. */
export function caseConcerns(contact: FollowUpContact, c: CaseFacts): 'same_customer' | 'other_customer' | null {
  if (c.merged || c.status === 'closed') return null;
  const phonesKnown = contact.customerPhone !== null && c.customerPhone !== null;
  const samePhone = phonesKnown && contact.customerPhone === c.customerPhone;
  if (contact.waybillNos.length > 0) {
    if (!c.waybillNos.some((w) => contact.waybillNos.includes(w))) return null;
    return phonesKnown && !samePhone ? 'other_customer' : 'same_customer';
  }
  return samePhone ? 'same_customer' : null;
}

/** Why the customer's own case cannot take this contact into its conversation, or null if it can. */
export function joinRefusal(contact: Pick<FollowUpContact, 'kind' | 'confidential'>, c: Pick<CaseFacts, 'kind' | 'confidential'>): 'kind' | 'confidential' | null {
  if (contact.confidential && !c.confidential) return 'confidential';
  if (contact.kind === null || contact.kind === c.kind) return null;
  return CONVERSATION_KINDS.includes(contact.kind) && CONVERSATION_KINDS.includes(c.kind) ? null : 'kind';
}

/** Join the customer's case, open a new ticket linked to a case, or open a new ticket as before. */
export function followUpPlan(contact: FollowUpContact, cases: readonly CaseFacts[]): FollowUpPlan {
  const ordered = [...cases].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number);
  const own = ordered.filter((c) => caseConcerns(contact, c) === 'same_customer');
  const joinable = own.find((c) => joinRefusal(contact, c) === null);
  if (joinable) return { action: 'join', caseId: joinable.id };
  const first = own[0];
  if (first) return { action: 'link', caseId: first.id, reason: joinRefusal(contact, first)! };
  const other = ordered.find((c) => caseConcerns(contact, c) === 'other_customer');
  if (other) return { action: 'link', caseId: other.id, reason: 'other_customer' };
  return { action: 'new' };
}
