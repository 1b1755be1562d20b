/**
 * A service notification's required start and expected end as clock rows (docs/product.md §4;
 * domain/service-orders/clocks.ts decides which runs and when it is due; domain/sla/clock.ts counts).
 * The calendar and the warning point (the SLA policy's warnRatio) are the reference data the
 * ticket and claim clocks use.
 *
 * - `syncNotificationClocks`: after a create, change or status move, in its transaction, after the
 *   notification's row lock (lock order: the notification, then its clocks).
 * - `processDueServiceClocks`: the service-order-clocks job. Each due clock's warning and breach are
 *   recorded once on the notification's history; a Z2 whose expected end passes is escalated to its
 *   sales office once: an `escalated` history row, and an e-mail (through the outbox) to the
 *   mailbox of the work center that answers for the office and to the person responsible.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, ServiceNotificationClockTable } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { SERVICE_CLOCKS, syncServiceClock, type ServiceClock, type SystemStatus } from '../../domain/service-orders/index.js';
import type { BusinessCalendar, ClockBasis } from '../../domain/sla/calendar.js';
import { clockStatus, dueAt, evaluateClock, usedMinutes, warnAt, type ClockKind, type ClockState, type ClockStatus } from '../../domain/sla/clock.js';
import { queueEmail } from '../notifications/outbox.js';
import type { ReferenceData } from '../reference/cache.js';
import { escalationEmail } from './documents/escalation-email.js';

export type ServiceClockRow = Selectable<ServiceNotificationClockTable>;

/** What every clock counts with: the company calendar and the SLA policy's warning point. */
export async function serviceClockSettings(deps: { db: Kysely<DB>; reference: ReferenceData }): Promise<{ calendar: BusinessCalendar; warnRatio: number }> {
  const [calendar, sla] = await Promise.all([deps.reference.calendar(deps.db), deps.reference.slaPolicy(deps.db)]);
  return { calendar, warnRatio: sla.policy.warnRatio };
}

function stateOf(row: ServiceClockRow): ClockState {
  return {
    kind: row.kind as ClockKind,
    basis: row.basis as ClockBasis,
    targetMinutes: row.target_minutes,
    startedAt: row.started_at,
    usedMinutes: row.used_minutes,
    runningSince: row.running_since,
    pausedAt: row.paused_at,
    stoppedAt: row.stopped_at,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
  };
}

/** The columns the board and the job read: due_at, and when the job must look again. */
function columnsOf(state: ClockState, warnRatio: number, calendar: BusinessCalendar) {
  let nextCheckAt: Date | null = null;
  if (!state.stoppedAt && state.runningSince) nextCheckAt = !state.warnedAt ? (warnAt(state, warnRatio, calendar) ?? dueAt(state, calendar)) : !state.breachedAt ? dueAt(state, calendar) : null;
  return {
    basis: state.basis,
    target_minutes: state.targetMinutes,
    started_at: state.startedAt,
    used_minutes: state.usedMinutes,
    running_since: state.runningSince,
    paused_at: state.pausedAt,
    stopped_at: state.stoppedAt,
    warned_at: state.warnedAt,
    breached_at: state.breachedAt,
    due_at: state.stoppedAt ? null : dueAt(state, calendar),
    next_check_at: nextCheckAt,
  };
}

export interface ClockFactsRow {
  id: string;
  created_at: Date;
  required_start: Date;
  expected_end: Date;
  system_status: string;
}

/**
 * Brings the notification's clocks in line with its facts at `at` (created, dates changed,
 * work begun, completed, reopened). Only the clocks that change are written, in one statement.
 */
export async function syncNotificationClocks(trx: Transaction<DB>, deps: { reference: ReferenceData }, n: ClockFactsRow, at: Date, opts: { created?: boolean } = {}): Promise<void> {
  const [{ calendar, warnRatio }, rows] = await Promise.all([
    serviceClockSettings({ db: trx, reference: deps.reference }),
    opts.created ? [] : trx.selectFrom('service_notification_clocks').selectAll().where('notification_id', '=', n.id).orderBy('kind').forUpdate().execute(),
  ]);
  const facts = { createdAt: n.created_at, requiredStart: n.required_start, expectedEnd: n.expected_end, systemStatus: n.system_status as SystemStatus };
  const changed: Array<ReturnType<typeof columnsOf> & { notification_id: string; kind: string }> = [];
  for (const kind of SERVICE_CLOCKS) {
    const row = rows.find((r) => r.kind === kind);
    const before = row ? stateOf(row) : null;
    const after = syncServiceClock(kind, before, facts, at, calendar);
    if (after === null || after === before) continue;
    changed.push({ notification_id: n.id, kind, ...columnsOf(after, warnRatio, calendar) });
  }
  if (changed.length === 0) return;
  await trx
    .insertInto('service_notification_clocks')
    .values(changed)
    .onConflict((oc) =>
      oc.columns(['notification_id', 'kind']).doUpdateSet((eb) => ({
        target_minutes: eb.ref('excluded.target_minutes'),
        used_minutes: eb.ref('excluded.used_minutes'),
        running_since: eb.ref('excluded.running_since'),
        paused_at: eb.ref('excluded.paused_at'),
        stopped_at: eb.ref('excluded.stopped_at'),
        warned_at: eb.ref('excluded.warned_at'),
        breached_at: eb.ref('excluded.breached_at'),
        due_at: eb.ref('excluded.due_at'),
        next_check_at: eb.ref('excluded.next_check_at'),
      })),
    )
    .execute();
}

export interface ServiceClockView {
  kind: string;
  status: ClockStatus;
  startedAt: string;
  /** the date the clock is pinned to */
  dueDate: string;
  warnedAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  escalatedAt: string | null;
}

/** A clock as the API shows it: what the job would record by now already counts (a breach due is a breach). */
export function presentServiceClock(row: ServiceClockRow, now: Date, warnRatio: number, calendar: BusinessCalendar): ServiceClockView {
  const state = stateOf(row);
  const evaluated = evaluateClock(state, now, warnRatio, calendar).clock;
  return {
    kind: row.kind,
    status: clockStatus(evaluated, now, warnRatio, calendar),
    startedAt: row.started_at.toISOString(),
    dueDate: new Date(row.started_at.getTime() + row.target_minutes * 60_000).toISOString(),
    warnedAt: evaluated.warnedAt?.toISOString() ?? null,
    breachedAt: evaluated.breachedAt?.toISOString() ?? null,
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
  };
}

export async function clocksOf(db: Kysely<DB>, notificationId: string): Promise<ServiceClockRow[]> {
  const rows = await db.selectFrom('service_notification_clocks').selectAll().where('notification_id', '=', notificationId).execute();
  return rows.sort((a, b) => SERVICE_CLOCKS.indexOf(a.kind as ServiceClock) - SERVICE_CLOCKS.indexOf(b.kind as ServiceClock));
}

/** Used minutes, for a test's or the board's arithmetic. */
export function usedOf(row: ServiceClockRow, now: Date, calendar: BusinessCalendar): number {
  return usedMinutes(stateOf(row), now, calendar);
}

/**
 * The service-order-clocks job: each due clock's warning and breach recorded once (stamped with
 * the instant it happened), a history row for each, and a Z2's end breach escalated once. Up to
 * `limit` clocks per call; those another run holds are skipped.
 */
export async function processDueServiceClocks(
  deps: { db: Kysely<DB>; reference: ReferenceData; timeZone: string; carrier?: string },
  now = new Date(),
  limit = 500,
): Promise<{ checked: number; warned: number; breached: number; escalated: number }> {
  const { calendar, warnRatio } = await serviceClockSettings(deps);
  return inTransaction(deps.db, async (trx) => {
    const due = await trx
      .selectFrom('service_notification_clocks as k')
      .innerJoin('service_notifications as n', 'n.id', 'k.notification_id')
      .selectAll('k')
      .select(['n.type', 'n.number', 'n.short_text', 'n.sales_office', 'n.responsible_user_id', 'n.expected_end', 'n.main_work_center_id'])
      .where('k.next_check_at', '<=', now)
      .orderBy('k.next_check_at')
      .limit(limit)
      .forUpdate('k')
      .skipLocked()
      .execute();
    let warned = 0;
    let breached = 0;
    let escalated = 0;
    for (const row of due) {
      const result = evaluateClock(stateOf(row), now, warnRatio, calendar);
      const columns = columnsOf(result.clock, warnRatio, calendar);
      const escalate = result.breached && row.kind === 'expected_end' && row.type === 'Z2' && row.escalated_at === null;
      await trx
        .updateTable('service_notification_clocks')
        .set({ warned_at: columns.warned_at, breached_at: columns.breached_at, due_at: columns.due_at, next_check_at: columns.next_check_at, ...(escalate && { escalated_at: now }) })
        .where('notification_id', '=', row.notification_id)
        .where('kind', '=', row.kind)
        .execute();
      // A clock found past both its warning and its due instant is simply breached: one row.
      if (!result.warned && !result.breached) continue;
      if (result.breached) breached++;
      else warned++;
      await trx
        .insertInto('service_notification_events')
        .values({ notification_id: row.notification_id, kind: result.breached ? 'clock_breach' : 'clock_warning', note: row.kind, actor_id: null, actor_name: '系统', at: now })
        .execute();
      if (escalate) {
        await escalateToSalesOffice(trx, deps, row, now);
        escalated++;
      }
    }
    return { checked: due.length, warned, breached, escalated };
  });
}

/**
 * A Z2 (交货异常) past its expected end goes to its sales office (售后服务流程: 回复营业): the work
 * center that answers for the office and the person responsible are told by e-mail, and the
 * history says so — naming the office, the work center and the addresses, or that nobody could be
 * told (no office on the notification, no work center for it, no address).
 */
async function escalateToSalesOffice(
  trx: Transaction<DB>,
  deps: { timeZone: string; carrier?: string },
  n: { notification_id: string; number: string; short_text: string; sales_office: string | null; responsible_user_id: string | null; expected_end: Date },
  now: Date,
): Promise<void> {
  const [office, responsible] = await Promise.all([
    n.sales_office
      ? trx.selectFrom('service_work_centers').select(['code', 'name', 'email']).where('sales_office', '=', n.sales_office).where('active', '=', true).executeTakeFirst()
      : undefined,
    n.responsible_user_id ? trx.selectFrom('users').select(['display_name', 'email']).where('id', '=', n.responsible_user_id).where('active', '=', true).executeTakeFirst() : undefined,
  ]);
  const recipients = [...new Set([office?.email, responsible?.email].filter((e): e is string => !!e && e.trim() !== '').map((e) => e.trim()))];
  for (const recipient of recipients) {
    await queueEmail(
      trx,
      escalationEmail({
        recipient,
        notification: { number: n.number, shortText: n.short_text, expectedEnd: n.expected_end, salesOffice: n.sales_office },
        office: office ? { code: office.code, name: office.name } : null,
        timeZone: deps.timeZone,
        carrier: { name: deps.carrier ?? 'ParcelDesk' },
      }),
    );
  }
  // language-neutral, read by the console: office · work center · who was told
  const note = [n.sales_office ?? '—', office ? office.code : '—', recipients.length ? recipients.join(', ') : '—'].join(' · ');
  // a millisecond after the breach it follows, so the history reads in that order (rows of one instant sort by id)
  await trx.insertInto('service_notification_events').values({ notification_id: n.notification_id, kind: 'escalated', note, actor_id: null, actor_name: '系统', at: new Date(now.getTime() + 1) }).execute();
}

export interface ServiceClockAlertRow extends ServiceClockRow {
  number: string;
  type: string;
  short_text: string;
  system_status: string;
  main_work_center_code: string;
}

/** The board's clocks: breached (not stopped) or warned and still running, most urgent first. */
export function serviceBoardQuery(db: Kysely<DB>, now: Date, which: 'breached' | 'atRisk') {
  let q = db
    .selectFrom('service_notification_clocks as k')
    .innerJoin('service_notifications as n', 'n.id', 'k.notification_id')
    .innerJoin('service_work_centers as wc', 'wc.id', 'n.main_work_center_id')
    .selectAll('k')
    .select(['n.number', 'n.type', 'n.short_text', 'n.system_status', 'wc.code as main_work_center_code'])
    .where('k.stopped_at', 'is', null);
  q =
    which === 'breached'
      ? q.where((eb) => eb.or([eb('k.breached_at', 'is not', null), eb('k.due_at', '<', now)])).where((eb) => eb.or([eb('k.warned_at', 'is not', null), eb('k.breached_at', 'is not', null)]))
      : q.where('k.warned_at', 'is not', null).where('k.breached_at', 'is', null).where('k.due_at', '>=', now);
  return q.orderBy(sql`coalesce(k.breached_at, k.due_at)`).orderBy('k.notification_id');
}
