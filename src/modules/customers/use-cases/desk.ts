/**
 * The account managers' desk (docs/product.md §5; docs/architecture.md, account managers' desk):
 * my accounts with their health, sorted by what needs attention; naming an account's manager (one
 * or many at once); planned callbacks (回访) to key accounts — the plan, the job that plans them,
 * the outcome an account manager logs, and the overdue ones for the supervisors' board.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import type { RequestContext } from '../../../domain/actor.js';
import { attentionScore, byAttention } from '../../../domain/customers/attention.js';
import { callbackSchedule, nextPlannedCallback, type PlannedCallback } from '../../../domain/customers/callback-plan.js';
import { AppError } from '../../../domain/errors.js';
import { can } from '../../../domain/roles.js';
import { nextCallbackSlot, validateCalendar, type BusinessCalendar, type TimeWindow } from '../../../domain/sla/calendar.js';
import { fromWallClock, wallClock } from '../../../domain/time-limits/working-days.js';
import { audit } from '../../audit/service.js';
import type { ReferenceData } from '../../reference/cache.js';
import { mayChange, readable, userOf } from '../access.js';
import { activeAccountManager, addCustomerEvent, touchCustomer } from '../repository.js';
import { author } from './steps.js';

export type DeskDeps = { db: Kysely<DB>; reference: ReferenceData };
type Db = Kysely<DB> | Transaction<DB>;

const DAY = 86_400_000;
const ACCOUNTS_MAX = 500;

function localDate(instant: Date, zone: string): string {
  return new Date(wallClock(instant, zone)).toISOString().slice(0, 10);
}
/** Whole local days from `from` to `to` (negative when `to` is past). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));

/**
 * The health of the accounts the actor keeps (an account manager: their own; those who keep every
 * record: all with an account manager, or one manager's with `accountManagerId`, or those without
 * one with `unassigned`). Shipments are linked as the customer view links them: by the customer's
 * monthly accounts (月结账号) and its phones — its own, its merged records', its contacts' — as
 * sender or recipient, each link through its own `(link, created_at)` index, a parcel linked twice
 * counted once; tickets and contact records those linked to the customer. Five set-based queries,
 * whatever the number of accounts (at most 500, the worst first).
 */
export async function myAccounts(deps: DeskDeps, ctx: RequestContext, query: { accountManagerId?: string | undefined; unassigned?: boolean | undefined }) {
  const actor = userOf(ctx.actor);
  const all = can(actor.role, 'customers.manage');
  if (!all && !can(actor.role, 'customers.edit')) throw new AppError('FORBIDDEN');
  const calendar = await deps.reference.calendar(deps.db);
  const now = new Date();
  const today = localDate(now, calendar.timeZone);
  const d30 = new Date(now.getTime() - 30 * DAY);
  const d60 = new Date(now.getTime() - 60 * DAY);
  const d90 = new Date(now.getTime() - 90 * DAY);
  let customers = deps.db
    .selectFrom('customers as c')
    .leftJoin('users as u', 'u.id', 'c.account_manager_id')
    .select(['c.id', 'c.name', 'c.tier', 'c.kind', 'c.account_manager_id', 'u.display_name as account_manager_name', 'c.version'])
    .where('c.merged_into_id', 'is', null);
  if (!all) customers = customers.where('c.account_manager_id', '=', actor.id);
  else if (query.unassigned) customers = customers.where('c.account_manager_id', 'is', null).where('c.kind', '=', 'enterprise');
  else if (query.accountManagerId) customers = customers.where('c.account_manager_id', '=', query.accountManagerId);
  else customers = customers.where('c.account_manager_id', 'is not', null);
  const rows = await customers.orderBy('c.id').limit(5000).execute();
  if (rows.length === 0) return { items: [], total: 0 };
  const ids = rows.map((r) => r.id);
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`));
  const [shipments, tickets, contacts, done, open] = await Promise.all([
    sql<{ customer_id: string; parcels30: string; parcels90: string; delivered30: string; ontime30: string; delivered_prev: string; ontime_prev: string }>`
      with links as (
        select customer_id, 'account' as way, account_no as value from monthly_accounts where customer_id in (${idList})
        union
        select coalesce(merged_into_id, id), 'phone', phone from customers
        where (id in (${idList}) or merged_into_id in (${idList})) and phone is not null
        union
        select customer_id, 'phone', unnest(phones) from customer_contacts where customer_id in (${idList})
      ), linked as (
        select distinct l.customer_id, s.id, s.created_at, s.delivered_at, s.promised_at from links l cross join lateral (
          select id, created_at, delivered_at, promised_at from shipments where l.way = 'account' and monthly_account = l.value and created_at >= ${d90}
          union all
          select id, created_at, delivered_at, promised_at from shipments where l.way = 'phone' and sender_phone = l.value and created_at >= ${d90}
          union all
          select id, created_at, delivered_at, promised_at from shipments where l.way = 'phone' and recipient_phone = l.value and created_at >= ${d90}
        ) s
      )
      select s.customer_id,
        count(*) filter (where s.created_at >= ${d30}) as parcels30,
        count(*) as parcels90,
        count(*) filter (where s.delivered_at >= ${d30} and s.promised_at is not null) as delivered30,
        count(*) filter (where s.delivered_at >= ${d30} and s.promised_at is not null and s.delivered_at <= s.promised_at) as ontime30,
        count(*) filter (where s.delivered_at >= ${d60} and s.delivered_at < ${d30} and s.promised_at is not null) as delivered_prev,
        count(*) filter (where s.delivered_at >= ${d60} and s.delivered_at < ${d30} and s.promised_at is not null and s.delivered_at <= s.promised_at) as ontime_prev
      from linked s
      group by s.customer_id`.execute(deps.db),
    sql<{ customer_id: string; complaints30: string; complaints90: string; open_tickets: string; open_complaints: string; last_at: Date | string | null }>`
      select customer_id,
        count(*) filter (where kind = 'complaint' and created_at >= ${d30}) as complaints30,
        count(*) filter (where kind = 'complaint' and created_at >= ${d90}) as complaints90,
        count(*) filter (where status not in ('resolved','closed')) as open_tickets,
        count(*) filter (where kind = 'complaint' and status not in ('resolved','closed')) as open_complaints,
        max(created_at) as last_at
      from tickets where customer_id in (${idList}) and merged_into_id is null
      group by customer_id`.execute(deps.db),
    sql<{ customer_id: string; last_at: Date | string }>`
      select customer_id, max(created_at) as last_at from contacts where customer_id in (${idList}) group by customer_id`.execute(deps.db),
    sql<{ customer_id: string; last_at: Date | string }>`
      select customer_id, max(done_at) as last_at from account_callbacks
      where customer_id in (${idList}) and status = 'done' and outcome = 'reached' group by customer_id`.execute(deps.db),
    sql<{ id: string; customer_id: string; due_date: string; due_at: Date | string }>`
      select id, customer_id, due_date::text as due_date, due_at from account_callbacks where customer_id in (${idList}) and status = 'open'`.execute(deps.db),
  ]);
  const by = <T extends { customer_id: string }>(list: T[]) => new Map(list.map((r) => [r.customer_id, r]));
  const [ship, tix, cont, cb, plan] = [by(shipments.rows), by(tickets.rows), by(contacts.rows), by(done.rows), by(open.rows)];
  const items = rows.map((c) => {
    const s = ship.get(c.id);
    const t = tix.get(c.id);
    const p = plan.get(c.id);
    const lastContact = [at(t?.last_at), at(cont.get(c.id)?.last_at), at(cb.get(c.id)?.last_at)].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    const parcels30 = num(s?.parcels30);
    const parcels90 = num(s?.parcels90);
    const complaints30 = num(t?.complaints30);
    const complaints90 = num(t?.complaints90);
    const delivered30 = num(s?.delivered30);
    const deliveredPrev30 = num(s?.delivered_prev);
    const onTimeRate30 = delivered30 ? num(s?.ontime30) / delivered30 : null;
    const onTimeRatePrev30 = deliveredPrev30 ? num(s?.ontime_prev) / deliveredPrev30 : null;
    const daysToNextCallback = p ? daysBetween(today, p.due_date) : null;
    const health = {
      parcels30,
      parcels90,
      complaints30,
      complaints90,
      complaintsPer1000_30: parcels30 ? Math.round((complaints30 * 1000 * 10) / parcels30) / 10 : null,
      complaintsPer1000_90: parcels90 ? Math.round((complaints90 * 1000 * 10) / parcels90) / 10 : null,
      delivered30,
      deliveredPrev30,
      onTimeRate30,
      onTimeRatePrev30,
      openTickets: num(t?.open_tickets),
      openComplaints: num(t?.open_complaints),
      lastContactAt: lastContact?.toISOString() ?? null,
      daysSinceContact: lastContact ? daysBetween(localDate(lastContact, calendar.timeZone), today) : null,
      nextCallback: p ? { id: p.id, dueDate: p.due_date, dueAt: new Date(p.due_at).toISOString() } : null,
      daysToNextCallback,
      daysOverdue: daysToNextCallback !== null && daysToNextCallback < 0 ? -daysToNextCallback : null,
    };
    return {
      id: c.id,
      name: c.name,
      tier: c.tier,
      kind: c.kind,
      version: c.version,
      accountManager: c.account_manager_id ? { id: c.account_manager_id, displayName: c.account_manager_name ?? '' } : null,
      ...health,
      score: attentionScore(health),
    };
  });
  items.sort(byAttention);
  return { items: items.slice(0, ACCOUNTS_MAX), total: items.length };
}

/**
 * Names the account manager of one or many customers (or none), in one transaction: each record
 * locked in id order and checked (`assign`: those who keep every record), its timeline told, the
 * change audited — a reassignment (from one manager to another) as `customer.reassign`.
 */
export async function assignAccounts(deps: { db: Kysely<DB> }, ctx: RequestContext, input: { customerIds: string[]; accountManagerId: string | null }) {
  const actor = userOf(ctx.actor);
  if (!can(actor.role, 'customers.manage')) throw new AppError('FORBIDDEN');
  const ids = [...new Set(input.customerIds)].sort();
  return inTransaction(deps.db, async (trx) => {
    if (input.accountManagerId !== null && !(await activeAccountManager(trx, input.accountManagerId))) throw new AppError('CUSTOMER_ACCOUNT_MANAGER_INVALID');
    let changed = 0;
    for (const id of ids) {
      const row = await mayChange(trx, id, actor, 'assign', undefined);
      if (row.account_manager_id === input.accountManagerId) continue;
      await trx.updateTable('customers').set({ account_manager_id: input.accountManagerId }).where('id', '=', id).execute();
      await touchCustomer(trx, id);
      const detail = { from: row.account_manager_id, to: input.accountManagerId };
      await addCustomerEvent(trx, id, author(actor), 'account_manager_changed', detail);
      await audit(trx, ctx, { action: row.account_manager_id ? 'customer.reassign' : 'customer.assign', subjectType: 'customer', subjectId: id, detail });
      changed++;
    }
    return { changed, unchanged: ids.length - changed };
  });
}

/** The first contact's preferred callback windows, as the calendar reads them. */
async function windowsOf(db: Db, customerIds: string[]): Promise<Map<string, TimeWindow[]>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer_contacts')
    .select(['customer_id', 'callback_windows'])
    .where('customer_id', 'in', customerIds)
    .orderBy('created_at')
    .execute();
  const out = new Map<string, TimeWindow[]>();
  for (const r of rows) {
    const w = (r.callback_windows as unknown as { from: string; to: string }[]) ?? [];
    if (!out.has(r.customer_id) && w.length) out.set(r.customer_id, w.map((x) => ({ start: x.from, end: x.to })));
  }
  return out;
}

/** The first slot inside the windows on a business day, on or after the local date. */
export function slotOn(date: string, windows: TimeWindow[] | undefined, calendar: BusinessCalendar): Date {
  const checked = validateCalendar({ ...calendar, callbackHours: windows?.length ? windows : calendar.callbackHours });
  const cal = checked.ok ? checked.calendar : calendar;
  return nextCallbackSlot(fromWallClock(Date.parse(`${date}T00:00:00Z`), calendar.timeZone), cal);
}

function planNext(start: Date, lastDoneAt: Date | null, windows: TimeWindow[] | undefined, calendar: BusinessCalendar): PlannedCallback {
  return nextPlannedCallback({ relationshipStart: start, lastDoneAt: lastDoneAt && lastDoneAt < start ? start : lastDoneAt, preferredWindows: windows ?? null }, calendar);
}

/**
 * The job: every live key account without an open planned callback gets its next one, from the
 * rule (counted from the relationship start — the record's creation — or the last reached
 * callback; an account with none done yet starts at the rule's first date from today, it owes no
 * callback from before it was planned). Idempotent: one open callback per customer (unique index, `on conflict do nothing`).
 */
export async function planAccountCallbacks(deps: DeskDeps): Promise<{ planned: number }> {
  const calendar = await deps.reference.calendar(deps.db);
  const due = await sql<{ id: string; created_at: Date | string; last_done: Date | string | null }>`
    select c.id, c.created_at,
      (select max(done_at) from account_callbacks d where d.customer_id = c.id and d.status = 'done' and d.outcome = 'reached') as last_done
    from customers c
    where c.tier = 'key' and c.merged_into_id is null
      and not exists (select 1 from account_callbacks o where o.customer_id = c.id and o.status = 'open')
    limit 5000`.execute(deps.db);
  if (due.rows.length === 0) return { planned: 0 };
  const windows = await windowsOf(deps.db, due.rows.map((r) => r.id));
  const today = localDate(new Date(), calendar.timeZone);
  const values = due.rows.map((r) => {
    const start = new Date(r.created_at);
    const lastDone = at(r.last_done);
    let next = planNext(start, lastDone, windows.get(r.id), calendar);
    // An account with no callback done yet owes none of the dates before today: the plan starts at the first one from today.
    for (let i = 0; !lastDone && next.dueDate < today && i < 400; i++) {
      next = planNext(start, fromWallClock(Date.parse(`${next.dueDate}T12:00:00Z`), calendar.timeZone), windows.get(r.id), calendar);
    }
    return { customer_id: r.id, due_date: next.dueDate, due_at: next.dueAt, cadence: next.cadence };
  });
  const inserted = await deps.db
    .insertInto('account_callbacks')
    .values(values)
    .onConflict((oc) => oc.column('customer_id').where('status', '=', 'open').doNothing())
    .returning('id')
    .execute();
  return { planned: inserted.length };
}

function presentCallback(r: { id: string; customer_id: string; due_date: string; due_at: Date | string; cadence: string; status: string; outcome: string | null; satisfaction: number | null; note: string | null; done_at: Date | string | null }) {
  return {
    id: r.id,
    customerId: r.customer_id,
    dueDate: r.due_date,
    dueAt: new Date(r.due_at).toISOString(),
    cadence: r.cadence,
    status: r.status,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    note: r.note,
    doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
  };
}

const CALLBACK_COLUMNS = sql`id, customer_id, due_date::text as due_date, due_at, cadence, status, outcome, satisfaction, note, done_at`;
type CallbackRow = Parameters<typeof presentCallback>[0];

/** A customer's callback plan: the open one, the next ones if each is done on time, and the history. Whoever reads the customer reads it. */
export async function callbackPlan(deps: DeskDeps, ctx: RequestContext, customerId: string) {
  const actor = userOf(ctx.actor);
  const { row, actions } = await readable(deps.db, customerId, actor);
  const calendar = await deps.reference.calendar(deps.db);
  const rows = await sql<CallbackRow>`select ${CALLBACK_COLUMNS} from account_callbacks where customer_id = ${row.id} order by due_at desc limit 50`.execute(deps.db);
  const open = rows.rows.find((r) => r.status === 'open') ?? null;
  const windows = (await windowsOf(deps.db, [row.id])).get(row.id);
  const following = open
    ? callbackSchedule({ relationshipStart: row.created_at, lastDoneAt: fromWallClock(Date.parse(`${open.due_date}T12:00:00Z`), calendar.timeZone), preferredWindows: windows ?? null }, 3, calendar)
    : [];
  return {
    customerId: row.id,
    keyAccount: row.tier === 'key',
    relationshipStart: row.created_at.toISOString(),
    open: open ? presentCallback(open) : null,
    following: following.map((p) => ({ dueDate: p.dueDate, dueAt: p.dueAt.toISOString(), cadence: p.cadence })),
    history: rows.rows.filter((r) => r.status === 'done').map(presentCallback),
    mayLog: actions.has('edit'),
  };
}

/** Open planned callbacks of the actor's accounts (everyone's for those who keep every record) due within `days`. */
export async function dueCallbacks(deps: DeskDeps, ctx: RequestContext, days: number) {
  const actor = userOf(ctx.actor);
  const all = can(actor.role, 'customers.manage');
  if (!all && !can(actor.role, 'customers.edit')) throw new AppError('FORBIDDEN');
  return listOpen(deps, { until: new Date(Date.now() + days * DAY), accountManagerId: all ? null : actor.id });
}

/** Overdue planned callbacks (due before today) with their account manager and days overdue, the oldest first: the supervisors' board. */
export async function overdueCallbacks(deps: DeskDeps) {
  const calendar = await deps.reference.calendar(deps.db);
  const today = localDate(new Date(), calendar.timeZone);
  return listOpen(deps, { beforeDate: today, accountManagerId: null });
}

async function listOpen(deps: DeskDeps, f: { until?: Date; beforeDate?: string; accountManagerId: string | null }) {
  const calendar = await deps.reference.calendar(deps.db);
  const today = localDate(new Date(), calendar.timeZone);
  const rows = await sql<CallbackRow & { customer_name: string; account_manager_id: string | null; account_manager_name: string | null }>`
    select a.id, a.customer_id, a.due_date::text as due_date, a.due_at, a.cadence, a.status, a.outcome, a.satisfaction, a.note, a.done_at,
      c.name as customer_name, c.account_manager_id, u.display_name as account_manager_name
    from account_callbacks a
    join customers c on c.id = a.customer_id
    left join users u on u.id = c.account_manager_id
    where a.status = 'open' and c.merged_into_id is null
      ${f.until ? sql`and a.due_at <= ${f.until}` : sql``}
      ${f.beforeDate ? sql`and a.due_date < ${f.beforeDate}::date` : sql``}
      ${f.accountManagerId ? sql`and c.account_manager_id = ${f.accountManagerId}` : sql``}
    order by a.due_at, a.id
    limit 500`.execute(deps.db);
  return {
    items: rows.rows.map((r) => ({
      ...presentCallback(r),
      customerName: r.customer_name,
      accountManager: r.account_manager_id ? { id: r.account_manager_id, displayName: r.account_manager_name ?? '' } : null,
      daysOverdue: Math.max(0, daysBetween(r.due_date, today)),
    })),
  };
}

export type CallbackOutcomeInput = { outcome: 'reached' | 'not_reached' | 'rescheduled'; note?: string | undefined; satisfaction?: number | undefined; rescheduleTo?: string | undefined };

/**
 * The account manager logs a planned callback's outcome and the next one is planned in the same
 * transaction: reached — by the rule, counted from now; not reached — the first slot of the next
 * business day inside the contact's windows; rescheduled — the first slot on the date given (after
 * today). Whoever may edit the customer logs it (its account manager, or those who keep every
 * record); a callback already logged is 409 and nothing changes.
 */
export async function logCallbackOutcome(deps: DeskDeps, ctx: RequestContext, callbackId: string, input: CallbackOutcomeInput) {
  const actor = userOf(ctx.actor);
  const calendar = await deps.reference.calendar(deps.db);
  const now = new Date();
  const today = localDate(now, calendar.timeZone);
  if (input.outcome === 'rescheduled') {
    const d = input.rescheduleTo;
    if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || d <= today || d > `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`) {
      throw new AppError('ACCOUNT_CALLBACK_DATE_INVALID');
    }
  }
  const found = await deps.db.selectFrom('account_callbacks').select(['customer_id']).where('id', '=', callbackId).executeTakeFirst();
  if (!found) throw new AppError('ACCOUNT_CALLBACK_NOT_FOUND');
  return inTransaction(deps.db, async (trx) => {
    const customer = await mayChange(trx, found.customer_id, actor, 'edit', undefined);
    const cb = await trx.selectFrom('account_callbacks').selectAll().where('id', '=', callbackId).forUpdate().executeTakeFirstOrThrow();
    if (cb.status !== 'open') throw new AppError('ACCOUNT_CALLBACK_DONE');
    await trx
      .updateTable('account_callbacks')
      .set({ status: 'done', outcome: input.outcome, note: input.note?.trim() || null, satisfaction: input.satisfaction ?? null, done_at: now, done_by: actor.id })
      .where('id', '=', callbackId)
      .execute();
    const windows = (await windowsOf(trx, [customer.id])).get(customer.id);
    let next: { due_date: string; due_at: Date; cadence: 'monthly' | 'quarterly' | 'retry' | 'rescheduled' };
    if (input.outcome === 'reached') {
      const p = planNext(customer.created_at, now, windows, calendar);
      next = { due_date: p.dueDate, due_at: p.dueAt, cadence: p.cadence };
    } else {
      const date = input.outcome === 'rescheduled' ? input.rescheduleTo! : new Date(Date.parse(`${today}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
      const slot = slotOn(date, windows, calendar);
      next = { due_date: localDate(slot, calendar.timeZone), due_at: slot, cadence: input.outcome === 'rescheduled' ? 'rescheduled' : 'retry' };
    }
    const inserted = await trx.insertInto('account_callbacks').values({ customer_id: customer.id, ...next }).returning('id').executeTakeFirstOrThrow();
    await addCustomerEvent(trx, customer.id, author(actor), 'planned_callback_logged', {
      callbackId,
      outcome: input.outcome,
      satisfaction: input.satisfaction ?? null,
      note: input.note?.trim() || null,
      nextDueAt: next.due_at.toISOString(),
    });
    return { id: callbackId, outcome: input.outcome, next: { id: inserted.id, dueDate: next.due_date, dueAt: next.due_at.toISOString(), cadence: next.cadence } };
  });
}
