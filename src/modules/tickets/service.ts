/**
 * The ticket use cases (PRODUCT.md §2). Each command runs in one transaction: it locks the ticket,
 * checks who may do it (domain/tickets/lifecycle.ts) and that the caller read the latest version,
 * changes the ticket and its clocks, and appends to the timeline. Nothing is ever edited in place
 * on the timeline: every change is a new entry (who, when, what, from → to).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { localTime } from '../../domain/notifications/templates.js';
import { can } from '../../domain/roles.js';
import { addClockMinutes, type BusinessCalendar, nextCallbackSlot } from '../../domain/sla/calendar.js';
import { pauseClock, reopenClock, resumeClock, retargetClock, startClock, stopClock, type ClockKind } from '../../domain/sla/clock.js';
import { CUSTOMER_TIERS, PRIORITIES, raisePriority, targetsFor, type CustomerTier, type Priority, type SlaPolicy, type TicketKind } from '../../domain/sla/policy.js';
import { CALLBACK_UNREACHABLE_ATTEMPTS_MAX, callbackAttemptStep, type CallbackAnswer } from '../../domain/tickets/callback-attempts.js';
import { normalizeWaybillNo } from '../../domain/waybill.js';
import {
  callbackOutcomeRefusal,
  canMove,
  LIVE_CHANNELS,
  mayCloseWithoutReason,
  resolveNeedsCause,
  type CallbackOutcome,
  type Channel,
  type TicketStatus,
} from '../../domain/tickets/lifecycle.js';
import { audit } from '../audit/service.js';
import { changeClocks, clocksOf, columnsOf, refreshTicketDue, startTicketClock, stateOf } from './clocks.js';
import { actionsOn, callbackFor, departmentRequestFor, revealGroundOf, ticketFor, ticketsFor, userOf, type TicketRow, type UserActor } from './access.js';
import { callbacksOf, lockTicket, pickAssignee, ticketRow } from './repository.js';
import { indexWords } from './words.js';
import type { TicketDeps } from './deps.js';
import { checkOutgoing, guardOutgoing, phraseGuardOf, recordHits } from './phrase-guard.js';
import { inTransaction } from '../../db/transaction.js';

export type { TicketDeps };

type Db = Kysely<DB> | Transaction<DB>;

export const SYSTEM = { id: null, name: '系统' } as const;

export function digitsOf(phone: string | undefined | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length ? digits : null;
}

function waybillsOfInput(list: string[] | undefined): string[] {
  return [...new Set((list ?? []).map(normalizeWaybillNo))];
}

interface EventInput {
  kind: string;
  visibility?: 'public' | 'internal';
  from?: string | null;
  to?: string | null;
  body?: string | null;
  detail?: Record<string, unknown>;
}

export async function addEvent(
  trx: Transaction<DB>,
  ticketId: string,
  actor: { id: string | null; name: string },
  event: EventInput,
): Promise<void> {
  await trx
    .insertInto('ticket_events')
    .values({
      ticket_id: ticketId,
      actor_id: actor.id,
      actor_name: actor.name,
      kind: event.kind,
      visibility: event.visibility ?? 'internal',
      from_value: event.from ?? null,
      to_value: event.to ?? null,
      body: event.body ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

function who(actor: UserActor) {
  return { id: actor.id, name: actor.displayName };
}

async function settings(deps: TicketDeps) {
  const [calendar, sla] = await Promise.all([deps.reference.calendar(deps.db), deps.reference.slaPolicy(deps.db)]);
  return { calendar, policy: sla.policy, policyVersion: sla.version };
}

type Settings = Awaited<ReturnType<typeof settings>>;

/**
 * The customer's unmasked name and phone, for whoever must call them (PRODUCT.md §5): the ticket's
 * owner, the assignee of a callback not made yet, roles that see personal data. Someone who may
 * not read the ticket is told it does not exist, like everywhere else; someone who may read it but
 * has no ground is refused. Every reveal is audited with its ground before the data leaves.
 */
export async function revealCustomer(deps: TicketDeps, ctx: RequestContext, id: string) {
  const actor = userOf(ctx.actor);
  // The same access rules and answers as the ticket's page (queries.ts ticketDetail).
  const row = await ticketRow(deps.db, id);
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  const [allowed, callbacks] = await Promise.all([actionsOn(deps.db, row, actor), callbacksOf(deps.db, id)]);
  if (!allowed.has('read')) throw new AppError('TICKET_NOT_FOUND');
  const ground = revealGroundOf(allowed, row.owner_id, callbacks, actor);
  if (!ground) throw new AppError('CUSTOMER_REVEAL_FORBIDDEN');
  await audit(deps.db, ctx, { action: 'ticket.customer_reveal', subjectType: 'ticket', subjectId: row.id, detail: { number: row.number_text, ground } });
  return { customerName: row.customer_name, customerPhone: row.customer_phone };
}

async function touch(trx: Transaction<DB>, id: string, patch: Record<string, unknown> = {}): Promise<number> {
  const row = await trx
    .updateTable('tickets')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** 首问负责制: the first desk person who acts on a ticket nobody owns becomes its owner. */
async function takeIfUnowned(trx: Transaction<DB>, row: TicketRow, actor: UserActor): Promise<void> {
  if (row.owner_id) return;
  await trx
    .updateTable('tickets')
    .set({ owner_id: actor.id, team_id: row.team_id ?? actor.departmentId })
    .where('id', '=', row.id)
    .execute();
  await addEvent(trx, row.id, who(actor), { kind: 'take', to: actor.displayName });
  row.owner_id = actor.id;
}

export async function setStatus(
  trx: Transaction<DB>,
  row: TicketRow,
  to: TicketStatus,
  actor: { id: string | null; name: string },
  s: Settings,
  now: Date,
): Promise<void> {
  const from = row.status as TicketStatus;
  if (from === to) return;
  if (!canMove(from, to)) throw new AppError('TICKET_TRANSITION_INVALID', { from });
  const clocks = await clocksOf(trx, row.id);
  const warn = s.policy.warnRatio;
  if (to === 'pending_customer') {
    await changeClocks(trx, clocks, ['resolution'], (c) => pauseClock(c, now, s.calendar), warn, s.calendar);
  } else if (from === 'pending_customer') {
    await changeClocks(trx, clocks, ['resolution'], (c) => resumeClock(c, now), warn, s.calendar);
  }
  await trx.updateTable('tickets').set({ status: to }).where('id', '=', row.id).execute();
  await addEvent(trx, row.id, actor, { kind: 'status', from, to });
  row.status = to;
}

async function assertCode(trx: Db, code: string | null | undefined, kind: 'category' | 'cause'): Promise<void> {
  if (!code) return;
  const row = await trx.selectFrom('ticket_codes').select('code').where('code', '=', code).where('kind', '=', kind).where('active', '=', true).executeTakeFirst();
  if (!row) throw new AppError('TICKET_CODE_INVALID', { code });
}

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
}

interface NewContact {
  question: string;
  answer: string;
  agentId: string | null;
}

/**
 * Inserts a ticket with its customer (when new; the phone is unique, so two creations at once
 * for one new phone insert it once and the second takes that row), waybills, first timeline entries, clocks and the
 * contact that opened it — one statement, atomic on its own. The clocks depend on the customer's
 * tier, which only the database knows: they are computed here for every tier and the statement
 * keeps the ones of the tier it finds.
 */
async function insertTicket(
  db: Db,
  input: NewTicket,
  actor: { id: string | null; name: string },
  s: Settings,
  now: Date,
  contact?: NewContact,
): Promise<{ id: string; number: string; version: number }> {
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
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  // The ticket's urgency per tier: its earliest clock.
  const dueByTier = CUSTOMER_TIERS.map((tier) => {
    const dues = clocks.filter((c) => c.tier === tier && c.due_at).map((c) => c.due_at!.getTime());
    return dues.length ? new Date(Math.min(...dues)).toISOString() : null;
  });
  const events = [
    {
      kind: 'created',
      to: input.kind,
      body: input.description || input.subject,
      detail: { channel: input.channel, priority: input.priority, waybillNos: input.waybillNos },
    },
    ...(input.answer ? [{ kind: 'reply', to: null, body: input.answer, detail: {} }] : []),
  ];
  const at = now.toISOString();
  const row = await sql<{ id: string; number: string; version: number }>`
    with found as (
      select id, tier from customers where phone = ${input.customerPhone}::text limit 1
    ), new_customer as (
      insert into customers (name, phone)
      select ${input.customerName ?? input.customerPhone?.slice(-4) ?? ''}, ${input.customerPhone}::text
      where ${input.customerPhone}::text is not null and not exists (select 1 from found)
      on conflict (phone) do update set phone = excluded.phone
      returning id, tier
    ), customer as (
      select id, tier from found union all select id, tier from new_customer
    ), ticket as (
      insert into tickets (kind, status, priority, subject, description, channel, category_code, customer_id,
        customer_name, customer_phone, customer_tier, team_id, owner_id, confidential, first_response_at,
        created_by, search, due_at, created_at, updated_at)
      select ${input.kind}, ${input.ownerId ? 'open' : 'new'}, ${input.priority}, ${input.subject}, ${input.description},
        ${input.channel}, ${input.categoryCode ?? null}, c.id, ${input.customerName}, ${input.customerPhone}, tier.tier,
        ${input.teamId}::uuid, ${input.ownerId}::uuid, ${input.confidential ?? false},
        ${answeredLive ? at : null}::timestamptz, ${input.createdBy}::uuid,
        to_tsvector('simple', ${indexWords(`${input.subject} ${input.description}`)}),
        (select d from unnest(${[...CUSTOMER_TIERS]}::text[], ${dueByTier}::timestamptz[]) as x(t, d) where x.t = tier.tier),
        ${at}::timestamptz, ${at}::timestamptz
      from (select coalesce((select tier from customer limit 1), 'standard') as tier) tier
      left join (select id from customer limit 1) c on true
      returning id, number, version, customer_tier
    ), waybills as (
      insert into ticket_waybills (ticket_id, waybill_no)
      select ticket.id, w from ticket, unnest(${input.waybillNos}::text[]) w
    ), events as (
      insert into ticket_events (ticket_id, actor_id, actor_name, kind, visibility, to_value, body, detail)
      select ticket.id, ${actor.id}::uuid, ${actor.name}, e.kind, 'public', e.to_value, e.body, e.detail
      from ticket, unnest(${events.map((e) => e.kind)}::text[], ${events.map((e) => e.to)}::text[],
        ${events.map((e) => e.body)}::text[], ${events.map((e) => JSON.stringify(e.detail))}::jsonb[])
        with ordinality as e(kind, to_value, body, detail, n)
      order by e.n
    ), clocks as (
      insert into ticket_clocks (ticket_id, kind, basis, target_minutes, started_at, used_minutes, running_since, due_at,
        next_check_at, policy_version)
      select ticket.id, c.kind, c.basis, c.target_minutes, ${at}::timestamptz, 0, ${at}::timestamptz, c.due_at,
        c.next_check_at, ${s.policyVersion}
      from ticket, unnest(${clocks.map((c) => c.tier)}::text[], ${clocks.map((c) => c.kind)}::text[],
        ${clocks.map((c) => c.basis)}::text[], ${clocks.map((c) => c.target_minutes)}::int[],
        ${clocks.map((c) => iso(c.due_at))}::timestamptz[], ${clocks.map((c) => iso(c.next_check_at))}::timestamptz[])
        as c(tier, kind, basis, target_minutes, due_at, next_check_at)
      where c.tier = ticket.customer_tier
    ), contact as (
      insert into contacts (channel, customer_name, customer_phone, waybill_nos, question, answer, agent_id, ticket_id, created_at)
      select ${input.channel}, ${input.customerName}, ${input.customerPhone}, ${input.waybillNos}::text[],
        ${contact?.question ?? ''}, ${contact?.answer ?? ''}, ${contact?.agentId ?? null}::uuid, ticket.id, ${at}::timestamptz
      from ticket where ${contact !== undefined}
    )
    select id, number::text as number, version from ticket`.execute(db);
  return row.rows[0]!;
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
  const [s, guard] = await Promise.all([settings(deps), phraseGuardOf(deps)]);
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

export interface ContactInput {
  channel: Channel;
  customerName?: string | undefined;
  customerPhone?: string | undefined;
  waybillNos?: string[] | undefined;
  question: string;
  answer?: string | undefined;
  ticketId?: string | undefined;
}

/** Records a contact; attached to a ticket, it shows on its timeline (the customer called again). */
export async function recordContact(deps: TicketDeps, actor: UserActor, input: ContactInput) {
  const now = new Date();
  const phone = digitsOf(input.customerPhone);
  return inTransaction(deps.db, async (trx) => {
    if (input.ticketId) {
      await ticketFor(trx, actor, input.ticketId, 'note');
      await addEvent(trx, input.ticketId, who(actor), {
        kind: 'contact',
        body: input.question,
        detail: { channel: input.channel, answer: input.answer ?? '' },
      });
      await touch(trx, input.ticketId);
    }
    return trx
      .insertInto('contacts')
      .values({
        channel: input.channel,
        customer_name: input.customerName ?? null,
        customer_phone: phone,
        waybill_nos: waybillsOfInput(input.waybillNos),
        question: input.question,
        answer: input.answer ?? '',
        agent_id: actor.id,
        ticket_id: input.ticketId ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  });
}

async function stopFirstResponse(trx: Transaction<DB>, row: TicketRow, s: Settings, now: Date): Promise<void> {
  if (row.first_response_at) return;
  await trx.updateTable('tickets').set({ first_response_at: now }).where('id', '=', row.id).execute();
  await changeClocks(trx, await clocksOf(trx, row.id), ['first_response'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
}

export interface ReplyInput {
  body: string;
  visibility: 'public' | 'internal';
  version: number;
  seenEventId?: string | undefined;
  acknowledgeWarnings?: boolean | undefined;
  templateKey?: string | undefined;
  waitForCustomer?: boolean | undefined;
}

/** A public reply to the customer (guarded) or an internal note for colleagues. */
export async function reply(deps: TicketDeps, actor: UserActor, id: string, input: ReplyInput) {
  const [s, guard] = await Promise.all([settings(deps), phraseGuardOf(deps)]);
  const isPublic = input.visibility === 'public';
  const now = new Date();
  const result = await inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, isPublic ? 'reply' : 'note');
    if (row.version !== input.version && !(await onlyRelabelledSince(trx, id, input.seenEventId))) throw new AppError('CONFLICT_STALE_VERSION');
    const verdict = isPublic ? await guardOutgoing(trx, guard, actor, id, input.body, input.acknowledgeWarnings ?? false) : null;
    if (verdict?.refused) return { refused: verdict.refused };
    const hits = verdict?.hits ?? [];
    if (isPublic) await takeIfUnowned(trx, row, actor);
    await addEvent(trx, id, who(actor), {
      kind: isPublic ? 'reply' : 'note',
      visibility: input.visibility,
      body: input.body,
      detail: { ...(input.templateKey ? { templateKey: input.templateKey } : {}), ...(hits.length ? { warnedPhrases: hits.map((h) => h.phrase) } : {}) },
    });
    if (isPublic) {
      await stopFirstResponse(trx, row, s, now);
      if (row.status === 'new') await setStatus(trx, row, 'open', who(actor), s, now);
      if (input.waitForCustomer) await setStatus(trx, row, 'pending_customer', who(actor), s, now);
      await refreshTicketDue(trx, id);
    }
    return { version: await touch(trx, id) };
  });
  if ('refused' in result) throw result.refused;
  return result;
}

/**
 * What a colleague or the clock does to a ticket's labels while someone writes: the priority, an
 * edit (category, cause, subject, waybills, confidentiality), a clock's warning or breach. A reply
 * or note written meanwhile still fits the conversation and the state its writer saw.
 */
const RELABELLING_KINDS = ['priority', 'edit', 'clock_warning', 'clock_breach'];

/**
 * Whether every timeline entry after `seenEventId` (one of this ticket's) only relabelled it. A
 * breach raises the priority at the very moment an agent hurries to answer: that alone must not
 * send the answer back.
 */
async function onlyRelabelledSince(trx: Transaction<DB>, ticketId: string, seenEventId: string | undefined): Promise<boolean> {
  if (seenEventId === undefined) return false;
  const [seen, other] = await Promise.all([
    trx.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('id', '=', seenEventId).executeTakeFirst(),
    trx
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('id', '>', seenEventId)
      .where('kind', 'not in', RELABELLING_KINDS)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return seen !== undefined && other === undefined;
}

export async function changeStatus(deps: TicketDeps, actor: UserActor, id: string, input: { status: 'open' | 'pending_customer'; version: number; note?: string | undefined }) {
  const s = await settings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'changeStatus', input.version);
    await takeIfUnowned(trx, row, actor);
    await setStatus(trx, row, input.status, who(actor), s, now);
    if (input.note) await addEvent(trx, id, who(actor), { kind: 'note', body: input.note });
    await refreshTicketDue(trx, id);
    return { version: await touch(trx, id) };
  });
}

/** An explicit transfer with a reason: the only way ownership moves (首问负责制). */
export async function transfer(
  deps: TicketDeps,
  actor: UserActor,
  id: string,
  input: { toUserId?: string | undefined; toTeamId?: string | undefined; reason: string; version: number },
) {
  if (!input.toUserId && !input.toTeamId) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'toUserId or toTeamId' });
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'transfer', input.version);
    let ownerId: string | null = null;
    let teamId: string | null = input.toTeamId ?? null;
    let toName = '';
    if (input.toUserId) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'display_name', 'department_id', 'role', 'active'])
        .where('id', '=', input.toUserId)
        .executeTakeFirst();
      if (!user || !user.active || !can(user.role as UserActor['role'], 'tickets.work')) {
        throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'user' });
      }
      if (user.id === row.owner_id) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'already the owner' });
      ownerId = user.id;
      teamId ??= user.department_id;
      toName = user.display_name;
    }
    if (teamId) {
      const team = await trx.selectFrom('departments').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
      if (!team) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'team' });
      if (!ownerId) {
        const picked = await pickAssignee(trx, team.id);
        if (picked) {
          ownerId = picked.id;
          await trx.updateTable('agent_duty').set({ last_assigned_at: new Date() }).where('user_id', '=', picked.id).execute();
        }
        toName = picked ? `${team.name} · ${picked.display_name}` : team.name;
      }
    }
    const fromName = row.owner_id
      ? ((await trx.selectFrom('users').select('display_name').where('id', '=', row.owner_id).executeTakeFirst())?.display_name ?? null)
      : null;
    await addEvent(trx, id, who(actor), { kind: 'transfer', from: fromName, to: toName, body: input.reason });
    return { version: await touch(trx, id, { owner_id: ownerId, team_id: teamId }) };
  });
}

async function retargetAll(trx: Transaction<DB>, row: TicketRow, priority: Priority, s: Settings): Promise<void> {
  const targets = targetsFor(s.policy, row.kind as TicketKind, priority, row.customer_tier as CustomerTier);
  const byKind: Partial<Record<ClockKind, number>> = {
    first_response: targets.firstResponse?.minutes,
    resolution: targets.resolution?.minutes,
  };
  const clocks = await clocksOf(trx, row.id);
  for (const clock of clocks) {
    const minutes = byKind[clock.kind as ClockKind];
    if (minutes === undefined || minutes === clock.target_minutes || clock.stopped_at) continue;
    await changeClocks(trx, [clock], [clock.kind as ClockKind], (c) => retargetClock(c, minutes), s.policy.warnRatio, s.calendar);
  }
  await refreshTicketDue(trx, row.id);
}

/**
 * Raises a ticket to at least `priority`, never lowering it (a lost or damaged parcel joining a
 * ticket opened for a delay): one timeline entry, the clocks follow the new priority's targets.
 */
export async function raisePriorityTo(trx: Transaction<DB>, ticketId: string, priority: Priority, actor: { id: string | null; name: string }, reason: string, s: Settings): Promise<boolean> {
  const row = await lockTicket(trx, ticketId);
  if (!row || PRIORITIES.indexOf(row.priority as Priority) >= PRIORITIES.indexOf(priority)) return false;
  await addEvent(trx, ticketId, actor, { kind: 'priority', from: row.priority, to: priority, body: reason });
  await trx.updateTable('tickets').set({ priority }).where('id', '=', ticketId).execute();
  await retargetAll(trx, row, priority, s);
  await touch(trx, ticketId);
  return true;
}

/** Escalation: the priority goes up one step, the clocks follow the new priority's targets. */
export async function escalate(deps: TicketDeps, actor: UserActor, id: string, input: { reason: string; version: number }) {
  const s = await settings(deps);
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'escalate', input.version);
    const to = raisePriority(row.priority as Priority);
    await addEvent(trx, id, who(actor), { kind: 'escalate', from: row.priority, to, body: input.reason });
    await trx.updateTable('tickets').set({ priority: to }).where('id', '=', id).execute();
    await retargetAll(trx, row, to, s);
    return { version: await touch(trx, id) };
  });
}

/** 相应部门: ask a department; the ticket waits for it and the department's reply clock runs. */
export async function askDepartment(deps: TicketDeps, actor: UserActor, id: string, input: { departmentId: string; question: string; version: number }) {
  const s = await settings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'askDepartment', input.version);
    const department = await trx.selectFrom('departments').select(['id', 'name']).where('id', '=', input.departmentId).executeTakeFirst();
    if (!department) throw new AppError('DEPARTMENT_NOT_FOUND');
    await takeIfUnowned(trx, row, actor);
    const target = s.policy.departmentReply;
    await trx
      .insertInto('ticket_department_requests')
      .values({
        ticket_id: id,
        department_id: department.id,
        question: input.question,
        asked_by: actor.id,
        asked_at: now,
        due_at: addClockMinutes(now, target.minutes, s.calendar, target.basis),
      })
      .execute();
    await addEvent(trx, id, who(actor), { kind: 'department_request', to: department.name, body: input.question });
    await startTicketClock(trx, { ticketId: id, kind: 'department_reply', target, at: now, policyVersion: s.policyVersion, warnRatio: s.policy.warnRatio, calendar: s.calendar });
    if (row.status !== 'pending_department') await setStatus(trx, row, 'pending_department', who(actor), s, now);
    await refreshTicketDue(trx, id);
    return { version: await touch(trx, id) };
  });
}

/** A department answers what it was asked, without taking the ticket (相应部门回复). */
export async function answerDepartmentRequest(deps: TicketDeps, actor: UserActor, requestId: string, input: { reply: string }) {
  const s = await settings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const { ticket: row, request } = await departmentRequestFor(trx, actor, requestId);
    if (request.replied_at) throw new AppError('DEPARTMENT_REQUEST_ANSWERED');
    await trx.updateTable('ticket_department_requests').set({ reply: input.reply, replied_by: actor.id, replied_at: now }).where('id', '=', requestId).execute();
    await addEvent(trx, row.id, who(actor), { kind: 'department_reply', body: input.reply, detail: { requestId } });
    const stillOpen = await trx
      .selectFrom('ticket_department_requests')
      .select('id')
      .where('ticket_id', '=', row.id)
      .where('replied_at', 'is', null)
      .executeTakeFirst();
    if (!stillOpen) {
      await changeClocks(trx, await clocksOf(trx, row.id), ['department_reply'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
      if (row.status === 'pending_department') await setStatus(trx, row, 'open', who(actor), s, now);
      await refreshTicketDue(trx, row.id);
    }
    await touch(trx, row.id);
    return { ticketId: row.id };
  });
}

/**
 * Resolve: the answer goes to the customer (guarded), every clock stops, and a complaint gets its
 * callback (回访) scheduled inside callback hours (seed 002: 9:00–12:00, 15:00–18:00). The customer
 * must have been told the outcome (PRODUCT.md §2: every contact records what was answered): either
 * the answer comes with the resolve, or a public reply since the ticket was last reopened gave it.
 * An internal note or a department's reply is not an answer to the customer.
 */
export async function resolve(
  deps: TicketDeps,
  actor: UserActor,
  id: string,
  input: { reply?: string | undefined; causeCode?: string | undefined; version: number; acknowledgeWarnings?: boolean | undefined },
) {
  const [s, guard] = await Promise.all([settings(deps), phraseGuardOf(deps)]);
  const now = new Date();
  const result = await inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'resolve', input.version);
    if (!input.reply && !(await answeredSinceReopened(trx, id))) throw new AppError('TICKET_RESOLVE_NEEDS_ANSWER');
    if (resolveNeedsCause(row.kind, Boolean(input.causeCode), row.cause_code !== null)) throw new AppError('TICKET_RESOLVE_NEEDS_CAUSE');
    await assertCode(trx, input.causeCode, 'cause');
    const verdict = input.reply ? await guardOutgoing(trx, guard, actor, id, input.reply, input.acknowledgeWarnings ?? false) : null;
    if (verdict?.refused) return { refused: verdict.refused };
    await takeIfUnowned(trx, row, actor);
    if (input.reply) {
      await addEvent(trx, id, who(actor), { kind: 'reply', visibility: 'public', body: input.reply });
      await stopFirstResponse(trx, row, s, now);
    }
    await setStatus(trx, row, 'resolved', who(actor), s, now);
    const clocks = await clocksOf(trx, id);
    await changeClocks(trx, clocks, ['first_response', 'resolution', 'department_reply'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
    await addEvent(trx, id, who(actor), { kind: 'resolved', visibility: 'public', detail: input.causeCode ? { causeCode: input.causeCode } : {} });
    if (row.kind === 'complaint') await scheduleCallback(trx, row, actor.id, s, now);
    await refreshTicketDue(trx, id);
    return {
      version: await touch(trx, id, { resolved_at: now, ...(input.causeCode ? { cause_code: input.causeCode } : {}) }),
    };
  });
  if ('refused' in result) throw result.refused;
  return result;
}

/**
 * Has the customer been given an answer (a public reply from us) since the ticket was last
 * reopened? A reopened ticket was reopened because the earlier answer did not settle it.
 */
async function answeredSinceReopened(trx: Transaction<DB>, ticketId: string): Promise<boolean> {
  const lastReopened = trx.selectFrom('ticket_events').select((eb) => eb.fn.max('id').as('id')).where('ticket_id', '=', ticketId).where('kind', '=', 'reopened');
  const answer = await trx
    .selectFrom('ticket_events')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'reply')
    .where('visibility', '=', 'public')
    .where((eb) => eb.or([eb(lastReopened, 'is', null), eb('id', '>', lastReopened)]))
    .limit(1)
    .executeTakeFirst();
  return answer !== undefined;
}

/**
 * The ticket's callback not made yet, if any, is settled as cancelled with the reason, on the
 * timeline: the resolution it was to confirm no longer stands (reopened), or the ticket ends
 * without it (closed with a reason, merged). It leaves the callbacks list.
 */
export async function cancelPendingCallback(
  trx: Transaction<DB>,
  ticketId: string,
  actor: { id: string | null; name: string },
  reason: string,
  now: Date,
): Promise<void> {
  const cancelled = await trx
    .updateTable('ticket_callbacks')
    .set({ outcome: 'cancelled', note: reason, done_at: now, done_by: actor.id })
    .where('ticket_id', '=', ticketId)
    .where('done_at', 'is', null)
    .returning('id')
    .execute();
  for (const callback of cancelled) {
    await addEvent(trx, ticketId, actor, { kind: 'callback_cancelled', body: reason, detail: { callbackId: callback.id } });
  }
}

async function scheduleCallback(trx: Transaction<DB>, row: TicketRow, assigneeId: string | null, s: Settings, now: Date): Promise<void> {
  const open = await trx.selectFrom('ticket_callbacks').select('id').where('ticket_id', '=', row.id).where('done_at', 'is', null).executeTakeFirst();
  if (open) return;
  const at = callbackTime(now, s.policy, s.calendar);
  await trx.insertInto('ticket_callbacks').values({ ticket_id: row.id, scheduled_for: at, assignee_id: assigneeId ?? row.owner_id }).execute();
  await addEvent(trx, row.id, SYSTEM, { kind: 'callback_scheduled', to: at.toISOString() });
}

export function callbackTime(now: Date, policy: SlaPolicy, calendar: BusinessCalendar): Date {
  return nextCallbackSlot(new Date(now.getTime() + policy.callbackAfterResolutionMinutes * 60_000), calendar);
}

/**
 * Closing a complaint needs the callback's outcome or a reason why there is none (issue 4 §11):
 * the outcome of its latest callback, the one for the resolution that stands. Closing with a
 * reason settles the callback not made yet, so nobody calls about a closed ticket.
 */
export async function closeTicket(deps: TicketDeps, actor: UserActor, id: string, input: { reason?: string | undefined; version: number }) {
  const s = await settings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'close', input.version);
    if (!input.reason) {
      const latest = await trx
        .selectFrom('ticket_callbacks')
        .select(['done_at', 'outcome'])
        .where('ticket_id', '=', id)
        .orderBy('created_at', 'desc')
        .orderBy('scheduled_for', 'desc')
        .limit(1)
        .executeTakeFirst();
      const facts = latest && { done: latest.done_at !== null, outcome: latest.outcome as CallbackOutcome | null };
      if (!mayCloseWithoutReason(row.kind, facts)) throw new AppError('TICKET_CLOSE_NEEDS_CALLBACK');
    }
    await setStatus(trx, row, 'closed', who(actor), s, now);
    if (input.reason) await addEvent(trx, id, who(actor), { kind: 'closed', body: input.reason });
    await cancelPendingCallback(trx, id, who(actor), input.reason ?? '工单已关闭', now);
    return { version: await touch(trx, id, { closed_at: now, close_reason: input.reason ?? null }) };
  });
}

export async function reopenRow(trx: Transaction<DB>, row: TicketRow, actor: { id: string | null; name: string }, reason: string, s: Settings, now: Date) {
  await setStatus(trx, row, 'open', actor, s, now);
  const clocks = await clocksOf(trx, row.id);
  // The resolution clock goes on from where it stopped: the customer's wait did not start over.
  await changeClocks(trx, clocks, ['resolution'], (c) => reopenClock(c, now), s.policy.warnRatio, s.calendar);
  await addEvent(trx, row.id, actor, { kind: 'reopened', body: reason });
  // The resolution its callback was to confirm no longer stands; resolving again schedules a new one.
  await cancelPendingCallback(trx, row.id, actor, reason, now);
  await refreshTicketDue(trx, row.id);
}

export async function reopen(deps: TicketDeps, actor: UserActor, id: string, input: { reason: string; version: number }) {
  const s = await settings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'note', input.version);
    if (row.status !== 'resolved') throw new AppError('TICKET_TRANSITION_INVALID', { from: row.status });
    await reopenRow(trx, row, who(actor), input.reason, s, now);
    return { version: await touch(trx, id, { resolved_at: null }) };
  });
}

/** Duplicates are merged: the duplicate closes, pointing at the ticket that carries on. */
export async function merge(deps: TicketDeps, actor: UserActor, id: string, input: { intoTicketId: string; version: number }) {
  const s = await settings(deps);
  const now = new Date();
  if (id === input.intoTicketId) throw new AppError('TICKET_MERGE_INVALID', { detail: 'same ticket' });
  return inTransaction(deps.db, async (trx) => {
    const [row, into] = await ticketsFor(trx, actor, [
      { id, action: 'merge', version: input.version },
      { id: input.intoTicketId, action: 'note' },
    ]);
    if (!['new', 'open', 'pending_customer', 'pending_department'].includes(into.status)) {
      throw new AppError('TICKET_MERGE_INVALID', { detail: `#${into.number} is ${into.status}` });
    }
    await sql`
      insert into ticket_waybills (ticket_id, waybill_no)
      select ${into.id}, waybill_no from ticket_waybills where ticket_id = ${row.id}
      on conflict do nothing`.execute(trx);
    await changeClocks(trx, await clocksOf(trx, id), ['first_response', 'resolution', 'department_reply'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
    await trx.updateTable('tickets').set({ status: 'closed', merged_into_id: into.id, closed_at: now, close_reason: 'merged', due_at: null }).where('id', '=', id).execute();
    await addEvent(trx, id, who(actor), { kind: 'merged', from: row.status, to: String(into.number), detail: { intoTicketId: into.id } });
    await cancelPendingCallback(trx, id, who(actor), `合并到 #${into.number}`, now);
    await addEvent(trx, into.id, who(actor), { kind: 'merged', from: String(row.number), body: row.description || row.subject, detail: { fromTicketId: row.id } });
    await touch(trx, into.id);
    return { version: await touch(trx, id) };
  });
}

export interface EditInput {
  priority?: Priority | undefined;
  categoryCode?: string | null | undefined;
  causeCode?: string | null | undefined;
  confidential?: boolean | undefined;
  subject?: string | undefined;
  waybillNos?: string[] | undefined;
  version: number;
}

/** Field changes, each its own timeline entry; a priority change re-targets the running clocks. */
export async function editTicket(deps: TicketDeps, actor: UserActor, id: string, input: EditInput) {
  const s = await settings(deps);
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'edit', input.version);
    const patch: Record<string, unknown> = {};
    const record = async (field: string, from: unknown, to: unknown) => {
      await addEvent(trx, id, who(actor), { kind: field === 'priority' ? 'priority' : 'edit', from: from == null ? null : String(from), to: to == null ? null : String(to), detail: { field } });
    };
    if (input.priority && input.priority !== row.priority) {
      patch.priority = input.priority;
      await record('priority', row.priority, input.priority);
    }
    if (input.categoryCode !== undefined && input.categoryCode !== row.category_code) {
      await assertCode(trx, input.categoryCode, 'category');
      patch.category_code = input.categoryCode;
      await record('categoryCode', row.category_code, input.categoryCode);
    }
    if (input.causeCode !== undefined && input.causeCode !== row.cause_code) {
      await assertCode(trx, input.causeCode, 'cause');
      patch.cause_code = input.causeCode;
      await record('causeCode', row.cause_code, input.causeCode);
    }
    if (input.confidential !== undefined && input.confidential !== row.confidential) {
      patch.confidential = input.confidential;
      await record('confidential', row.confidential, input.confidential);
    }
    if (input.subject !== undefined && input.subject !== row.subject) {
      patch.subject = input.subject;
      patch.search = sql`search || to_tsvector('simple', ${indexWords(input.subject)})`;
      await record('subject', row.subject, input.subject);
    }
    if (input.waybillNos) {
      const wanted = waybillsOfInput(input.waybillNos);
      await trx.deleteFrom('ticket_waybills').where('ticket_id', '=', id).execute();
      if (wanted.length) await trx.insertInto('ticket_waybills').values(wanted.map((w) => ({ ticket_id: id, waybill_no: w }))).execute();
      await record('waybillNos', null, wanted.join(', '));
    }
    const version = await touch(trx, id, patch);
    if (patch.priority) await retargetAll(trx, row, patch.priority as Priority, s);
    return { version };
  });
}

/**
 * The callback's outcome: a satisfied customer closes the ticket, an unsatisfied one reopens it.
 * 联系不上 (unreachable) is one unanswered call, not yet an outcome: the callback stays pending,
 * the attempt is counted and put on the timeline, and the call is planned again in the next
 * callback window (domain/tickets/callback-attempts.ts); the last attempt settles it as
 * unreachable and closes the ticket. Only a callback not made yet, of a ticket still resolved,
 * takes an outcome: one that was cancelled (its ticket reopened or closed) or whose ticket is no
 * longer resolved is refused and nothing changes, so a 不满意 is never recorded without reopening
 * the ticket. Another 联系不上 before the window an unanswered call moved it to is refused
 * (CALLBACK_RETRY_NOT_DUE). `nextAttemptAt`: when the customer is to be called again, null once
 * settled; `outcome`: what it was settled as (unsatisfied reopens the ticket, the others close
 * it), null while it stays pending.
 */
export async function completeCallback(
  deps: TicketDeps,
  actor: UserActor,
  callbackId: string,
  input: { outcome: CallbackAnswer; note?: string | undefined },
): Promise<{ ticketId: string; attempts: number; nextAttemptAt: string | null; outcome: CallbackAnswer | null }> {
  const s = await settings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const { ticket: row, callback } = await callbackFor(trx, actor, callbackId);
    const refusal = callbackOutcomeRefusal({ done: callback.done_at !== null, outcome: callback.outcome as CallbackOutcome | null }, row.status as TicketStatus);
    if (refusal === 'done') throw new AppError('CALLBACK_DONE');
    if (refusal === 'cancelled') throw new AppError('CALLBACK_CANCELLED');
    if (refusal === 'ticket_not_resolved') throw new AppError('CALLBACK_TICKET_NOT_RESOLVED', { status: row.status });
    const step = callbackAttemptStep({ outcome: input.outcome, attemptsBefore: callback.attempts, scheduledFor: callback.scheduled_for, now }, s.calendar);
    if (step.kind === 'not_due') throw new AppError('CALLBACK_RETRY_NOT_DUE', { time: localTime(step.dueAt, s.calendar.timeZone) });
    const note = input.note ?? null;
    const attempt = { attempts: step.attempt, last_attempt_at: now, last_attempt_by: actor.id, last_attempt_note: note };
    if (step.kind === 'retry') {
      await trx.updateTable('ticket_callbacks').set({ ...attempt, scheduled_for: step.nextAt }).where('id', '=', callbackId).execute();
      await addEvent(trx, row.id, who(actor), {
        kind: 'callback_attempt',
        to: step.nextAt.toISOString(),
        body: note,
        detail: { callbackId, attempt: step.attempt, outcome: input.outcome, maxAttempts: CALLBACK_UNREACHABLE_ATTEMPTS_MAX },
      });
      await touch(trx, row.id);
      return { ticketId: row.id, attempts: step.attempt, nextAttemptAt: step.nextAt.toISOString(), outcome: null };
    }
    await trx.updateTable('ticket_callbacks').set({ ...attempt, outcome: step.outcome, note, done_at: now, done_by: actor.id }).where('id', '=', callbackId).execute();
    await addEvent(trx, row.id, who(actor), { kind: 'callback_done', to: step.outcome, body: note, detail: { callbackId, attempt: step.attempt } });
    if (step.outcome === 'unsatisfied') {
      await reopenRow(trx, row, who(actor), input.note ?? '回访不满意', s, now);
      await touch(trx, row.id, { resolved_at: null });
    } else {
      await setStatus(trx, row, 'closed', who(actor), s, now);
      await touch(trx, row.id, { closed_at: now });
    }
    return { ticketId: row.id, attempts: step.attempt, nextAttemptAt: null, outcome: step.outcome };
  });
}

export async function setDuty(deps: TicketDeps, actor: UserActor, userId: string, input: { onDuty: boolean; capacity?: number | undefined }) {
  if (userId !== actor.id && !can(actor.role, 'tickets.supervise')) throw new AppError('FORBIDDEN');
  const user = await deps.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND');
  await deps.db
    .insertInto('agent_duty')
    .values({ user_id: userId, on_duty: input.onDuty, ...(input.capacity !== undefined ? { capacity: input.capacity } : {}) })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ on_duty: input.onDuty, ...(input.capacity !== undefined ? { capacity: input.capacity } : {}), updated_at: new Date() }))
    .execute();
}

// --- tickets the system or the customer opens: routed to a team and its least-loaded agent ----------

/** Opens a ticket routed to a team; the agent picked (if any on duty) owns it. */
export async function openRoutedTicket(
  trx: Transaction<DB>,
  input: Omit<NewTicket, 'ownerId' | 'createdBy'>,
  actor: { id: string | null; name: string },
  s: Settings,
  now: Date,
): Promise<{ id: string; number: string; version: number; ownerName: string | null }> {
  const picked = input.teamId ? await pickAssignee(trx, input.teamId) : undefined;
  if (picked) await trx.updateTable('agent_duty').set({ last_assigned_at: now }).where('user_id', '=', picked.id).execute();
  const ticket = await insertTicket(trx, { ...input, ownerId: picked?.id ?? null, createdBy: null }, actor, s, now);
  if (picked) await addEvent(trx, ticket.id, SYSTEM, { kind: 'assign', to: picked.display_name, detail: { rule: 'least_loaded' } });
  return { ...ticket, ownerName: picked?.display_name ?? null };
}

export async function loadSettings(deps: TicketDeps) {
  return settings(deps);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export { clocksOf, stateOf };

export { actionsOn, actionsOnLoaded, factsOf, revealGroundOf, ticketAccess, userOf } from './access.js';
