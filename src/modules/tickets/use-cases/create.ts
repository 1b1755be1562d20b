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
import type { UserActor } from '../access.js';
import { columnsOf } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { checkOutgoing, phraseGuardOf, recordHits } from '../phrase-guard.js';
import { insertTicketWithCustomer, markAssigned, pickAssignee } from '../repository.js';
import { loadSettings, type Settings } from '../settings.js';
import { addEvent, SYSTEM, who, type Author } from '../timeline.js';
import { indexWords } from '../words.js';
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
        detail: { channel: input.channel, priority: input.priority, waybillNos: input.waybillNos },
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
}

/**
 * An agent opens a ticket from a contact: 首问负责制 makes them its owner, in their own team. The
 * contact itself is recorded too (every contact is).
 */
export async function createTicket(deps: TicketDeps, actor: UserActor, input: CreateTicketInput) {
  const [s, guard] = await Promise.all([loadSettings(deps), phraseGuardOf(deps)]);
  const waybillNos = waybillsOfInput(input.waybillNos);
  const created = await inTransaction(deps.db, async (trx) => {
    if (input.categoryCode) await assertCode(trx, input.categoryCode, 'category');
    // The answer given on the spot is a reply to the customer like any other: guarded.
    const verdict = input.answer ? checkOutgoing(guard, input.answer, input.acknowledgeWarnings ?? false) : null;
    if (verdict?.refused) {
      await recordHits(trx, actor, null, verdict);
      return { refused: verdict.refused };
    }
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
        customerPhone: digitsOf(input.customerPhone),
        categoryCode: input.categoryCode,
        confidential: input.confidential,
        teamId: actor.departmentId,
        ownerId: actor.id,
        createdBy: actor.id,
        answer: input.answer,
      },
      who(actor),
      s,
      new Date(),
      { question: input.description || input.subject, answer: input.answer ?? '', agentId: actor.id },
    );
    if (verdict) await recordHits(trx, actor, ticket.id, verdict);
    return ticket;
  });
  if ('refused' in created) throw created.refused;
  return created;
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
  if (picked) await addEvent(trx, ticket.id, SYSTEM, { kind: 'assign', to: picked.display_name, detail: { rule: 'least_loaded' } });
  return { ...ticket, ownerName: picked?.display_name ?? null };
}
