/**
 * Opening a ticket (docs/product.md §2): by an agent from a contact (首问负责制: they own it), or by the
 * system or a customer, routed to a team and its least-loaded agent on duty.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { startClock } from '../../../domain/sla/clock.js';
import { CUSTOMER_TIERS, targetsFor, type Priority, type TicketKind } from '../../../domain/sla/policy.js';
import { LIVE_CHANNELS, type Channel } from '../../../domain/tickets/lifecycle.js';
import { AppError } from '../../../domain/errors.js';
import { joinRefusal } from '../../../domain/tickets/follow-up.js';
import { ticketFor, viewerOf, type UserActor } from '../access.js';
import { columnsOf } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { checkOutgoing, phraseGuardOf, recordHits } from '../phrase-guard.js';
import { insertContact, insertTicketWithCustomer, markAssigned, pickAssignee, userById } from '../repository.js';
import { loadSettings, type Settings } from '../settings.js';
import { addEvent, SYSTEM, who, type Author } from '../timeline.js';
import { indexWords } from '../words.js';
import { findFollowUp, joinCase, linkToCase, presentOpenCase } from './follow-up.js';
import { assertCode, digitsOf, waybillsOfInput } from './steps.js';

type Db = Parameters<typeof insertTicketWithCustomer>[0];

export interface NewTicket {
  kind: TicketKind;
  subject: string;
  description: string;
  channel: Channel;
  priority: Priority;
  waybillNos: string[];
  customerName: string | null;
  customerPhone: string | null;
  categoryCode?: string | null | undefined;
  confidential?: boolean | undefined;
  teamId: string | null;
  ownerId: string | null;
  createdBy: string | null;
  /** answered on the spot: the first response is given at creation */
  answer?: string | undefined;
  /** opened by the exception job for this waybill: one such open ticket per waybill (unique index) */
  exceptionWaybillNo?: string | null | undefined;
  /** the exception the system opened it for, kept on its first entry as data (presenter.ts SystemText) */
  openedFor?: { exceptionKind: string; site: string | null } | undefined;
}

interface NewContact {
  question: string;
  answer: string;
  agentId: string | null;
}

/**
 * Inserts a ticket with its customer, waybills, first timeline entries, clocks and the contact that
 * opened it (one statement: repository.ts `insertTicketWithCustomer`). The clocks depend on the
 * customer's tier, which only the database knows: they are computed here for every tier.
 */
async function insertTicket(db: Db, input: NewTicket, actor: Author, s: Settings, now: Date, contact?: NewContact) {
  const answeredLive = Boolean(input.answer) && LIVE_CHANNELS.includes(input.channel);
  const clocks = CUSTOMER_TIERS.flatMap((tier) => {
    const targets = targetsFor(s.policy, input.kind, input.priority, tier);
    return [
      ...(targets.firstResponse && !answeredLive ? [{ kind: 'first_response' as const, target: targets.firstResponse }] : []),
      ...(targets.resolution ? [{ kind: 'resolution' as const, target: targets.resolution }] : []),
    ].map(({ kind, target }) => {
      const state = startClock(kind, target.minutes, target.basis, now);
      return { tier, kind, basis: state.basis, ...columnsOf(state, s.policy.warnRatio, s.calendar) };
    });
  });
  // The ticket's urgency per tier: its earliest clock.
  const dueByTier = CUSTOMER_TIERS.map((tier) => {
    const dues = clocks.filter((c) => c.tier === tier && c.due_at).map((c) => c.due_at!.getTime());
    return { tier, dueAt: dues.length ? new Date(Math.min(...dues)) : null };
  });
  return insertTicketWithCustomer(db, {
    kind: input.kind,
    status: input.ownerId ? 'open' : 'new',
    priority: input.priority,
    subject: input.subject,
    description: input.description,
    channel: input.channel,
    categoryCode: input.categoryCode ?? null,
    customerName: input.customerName,
    customerPhone: input.customerPhone,
    teamId: input.teamId,
    ownerId: input.ownerId,
    confidential: input.confidential ?? false,
    firstResponseAt: answeredLive ? now : null,
    createdBy: input.createdBy,
    searchWords: indexWords(`${input.subject} ${input.description}`),
    waybillNos: input.waybillNos,
    exceptionWaybillNo: input.exceptionWaybillNo ?? null,
    at: now,
    policyVersion: s.policyVersion,
    dueByTier,
    clocks,
    events: [
      {
        kind: 'created',
        to: input.kind,
        body: input.description || input.subject,
        detail: { channel: input.channel, priority: input.priority, waybillNos: input.waybillNos, ...(input.openedFor && { openedFor: input.openedFor }) },
      },
      ...(input.answer ? [{ kind: 'reply', to: null, body: input.answer, detail: {} }] : []),
    ],
    actor,
    contact,
  });
}

export interface CreateTicketInput {
  kind: TicketKind;
  subject: string;
  description?: string | undefined;
  channel: Channel;
  priority?: Priority | undefined;
  waybillNos?: string[] | undefined;
  customerName?: string | undefined;
  customerPhone?: string | undefined;
  categoryCode?: string | undefined;
  confidential?: boolean | undefined;
  answer?: string | undefined;
  acknowledgeWarnings?: boolean | undefined;
  /** the agent's answer to an open case of this customer or waybill: add the contact to it, or open a ticket beside it */
  followUp?: { ticketId: string; as: 'join' | 'separate' } | undefined;
}

export type CreatedTicket = { id: string; number: string; version: number; outcome: 'created' | 'joined' | 'linked'; ownerName: string | null };

/**
 * An agent opens a ticket from a contact: 首问负责制 makes them its owner, in their own team. The
 * contact itself is recorded too (every contact is). When the customer or the waybill already has
 * an open case (use-cases/follow-up.ts), the agent is told (409 `TICKET_OPEN_CASE`, with the case)
 * and chooses: the contact joins the case, or a ticket is opened beside it, linked, for the case's
 * owner — who took the customer's matter first.
 */
export async function createTicket(deps: TicketDeps, actor: UserActor, input: CreateTicketInput): Promise<CreatedTicket> {
  const [s, guard] = await Promise.all([loadSettings(deps), phraseGuardOf(deps)]);
  const waybillNos = waybillsOfInput(input.waybillNos);
  const customerPhone = digitsOf(input.customerPhone);
  const now = new Date();
  const created = await inTransaction(deps.db, async (trx) => {
    // The case the agent named: read (to open beside it) or noted on (to join it), else 404/409 as for any command.
    const kase = input.followUp ? await ticketFor(trx, actor, input.followUp.ticketId, input.followUp.as === 'join' ? 'note' : 'read') : null;
    if (kase?.status === 'closed' || kase?.merged_into_id) throw new AppError('TICKET_TRANSITION_INVALID', { from: kase.status });
    if (input.categoryCode) await assertCode(trx, input.categoryCode, 'category');
    // The answer given on the spot is a reply to the customer like any other: guarded.
    const verdict = input.answer ? checkOutgoing(guard, input.answer, input.acknowledgeWarnings ?? false) : null;
    if (verdict?.refused) {
      await recordHits(trx, actor, null, verdict);
      return { refused: verdict.refused };
    }
    const question = input.description || input.subject;
    const contact = { question, answer: input.answer ?? '', agentId: actor.id };
    if (!kase) {
      const found = await findFollowUp(trx, { kind: input.kind, confidential: input.confidential ?? false, waybillNos, customerPhone }, viewerOf(actor));
      if (found.plan.action !== 'new') {
        const offered = found.cases.find((c) => c.id === (found.plan as { caseId: string }).caseId)!;
        throw new AppError('TICKET_OPEN_CASE', { number: offered.number }, { openCases: found.cases.map((c) => presentOpenCase(c, found.plan)) });
      }
    }
    if (kase && input.followUp?.as === 'join') {
      const version = await joinCase(
        trx,
        kase,
        who(actor),
        { kind: 'contact', body: question, detail: { channel: input.channel, answer: input.answer ?? '', followUp: { kind: input.kind } } },
        { priority: input.priority ?? 'normal', takenBy: actor },
        s,
        now,
      );
      await insertContact(trx, { channel: input.channel, customerName: input.customerName ?? null, customerPhone, waybillNos, ...contact, ticketId: kase.id, at: now });
      if (verdict) await recordHits(trx, actor, kase.id, verdict);
      const owner = kase.owner_id ? await userById(trx, kase.owner_id) : undefined;
      return { id: kase.id, number: String(kase.number), version, outcome: 'joined' as const, ownerName: owner?.display_name ?? null };
    }
    // Beside a case someone owns: theirs (they took the customer's matter first); else the agent's.
    const owner = kase?.owner_id ? await userById(trx, kase.owner_id) : undefined;
    const ticket = await insertTicket(
      trx,
      {
        kind: input.kind,
        subject: input.subject,
        description: input.description ?? '',
        channel: input.channel,
        priority: input.priority ?? 'normal',
        waybillNos,
        customerName: input.customerName ?? null,
        customerPhone,
        categoryCode: input.categoryCode,
        confidential: input.confidential,
        teamId: owner ? kase!.team_id : actor.departmentId,
        ownerId: owner?.id ?? actor.id,
        createdBy: actor.id,
        answer: input.answer,
      },
      who(actor),
      s,
      now,
      contact,
    );
    if (kase) {
      if (owner && owner.id !== actor.id) await addEvent(trx, ticket.id, who(actor), { kind: 'assign', to: owner.display_name, detail: { rule: 'follow_up' } });
      // Why beside, not in it: another customer's case, a different process, confidentiality, or the agent's choice.
      const otherCustomer = kase.customer_phone !== null && customerPhone !== null && kase.customer_phone !== customerPhone;
      const reason = otherCustomer ? 'other_customer' : (joinRefusal({ kind: input.kind, confidential: input.confidential ?? false }, { kind: kase.kind as TicketKind, confidential: kase.confidential }) ?? 'chosen');
      await linkToCase(trx, kase, ticket, who(actor), reason, now);
    }
    if (verdict) await recordHits(trx, actor, ticket.id, verdict);
    return { ...ticket, outcome: kase ? ('linked' as const) : ('created' as const), ownerName: owner?.display_name ?? actor.displayName };
  });
  if ('refused' in created) throw created.refused;
  return created;
}

/**
 * Opens a ticket beside an open case (a follow-up that is not one conversation with it): its owner
 * owns the new one too, in the case's team; a case nobody owns routes the new one to its team.
 */
export async function openBesideCase(
  trx: Transaction<DB>,
  input: Omit<NewTicket, 'ownerId' | 'createdBy'>,
  kase: { owner_id: string | null; owner_name: string | null; team_id: string | null },
  actor: Author,
  s: Settings,
  now: Date,
): Promise<{ id: string; number: string; version: number; ownerName: string | null }> {
  if (!kase.owner_id) return openRoutedTicket(trx, { ...input, teamId: kase.team_id ?? input.teamId }, actor, s, now);
  const ticket = await insertTicket(trx, { ...input, teamId: kase.team_id, ownerId: kase.owner_id, createdBy: null }, actor, s, now);
  await addEvent(trx, ticket.id, SYSTEM, { at: now, kind: 'assign', to: kase.owner_name, detail: { rule: 'follow_up' } });
  return { ...ticket, ownerName: kase.owner_name };
}

/** Opens a ticket routed to a team; the agent picked (if any on duty) owns it. */
export async function openRoutedTicket(
  trx: Transaction<DB>,
  input: Omit<NewTicket, 'ownerId' | 'createdBy'>,
  actor: Author,
  s: Settings,
  now: Date,
): Promise<{ id: string; number: string; version: number; ownerName: string | null }> {
  const picked = input.teamId ? await pickAssignee(trx, input.teamId) : undefined;
  if (picked) await markAssigned(trx, picked.id, now);
  const ticket = await insertTicket(trx, { ...input, ownerId: picked?.id ?? null, createdBy: null }, actor, s, now);
  if (picked) await addEvent(trx, ticket.id, SYSTEM, { at: now, kind: 'assign', to: picked.display_name, detail: { rule: 'least_loaded' } });
  return { ...ticket, ownerName: picked?.display_name ?? null };
}
