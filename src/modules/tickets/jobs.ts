/**
 * The ticket jobs: the SLA clock (warn at 80 %, breach once, escalate) and exceptions becoming
 * tickets. Both read only what is due (partial indexes), so their cost follows the work, not the
 * number of tickets.
 */
import { sql } from 'kysely';
import type { ExceptionKind } from '../../domain/tracking/exceptions.js';
import { evaluateClock } from '../../domain/sla/clock.js';
import { PRIORITIES } from '../../domain/sla/policy.js';
import { columnsOf, type ClockRow, stateOf } from './clocks.js';
import { addEvent, loadSettings, openRoutedTicket, SYSTEM, type TicketDeps } from './service.js';

/**
 * Evaluates up to `limit` clocks whose next check is due: records each warning and breach exactly
 * once (the instant it happened), raises the ticket's priority on a breach and tells the
 * supervisors through the board and the timeline. Set-based writes: one statement per kind.
 */
export async function processDueClocks(deps: TicketDeps, now = new Date(), limit = 10_000): Promise<ClockJobResult> {
  const s = await loadSettings(deps);
  // Side by side, one transaction per core of a small server: each locks its own share of the due
  // clocks (SKIP LOCKED), so the shares never overlap. PGlite runs them one after the other.
  const shares = await Promise.all(
    Array.from({ length: CLOCK_JOB_SHARES }, () => processDueShare(deps, s, now, Math.ceil(limit / CLOCK_JOB_SHARES))),
  );
  return shares.reduce((a, b) => ({ checked: a.checked + b.checked, warned: a.warned + b.warned, breached: a.breached + b.breached }));
}

type ClockJobResult = { checked: number; warned: number; breached: number };
const CLOCK_JOB_SHARES = 2;

async function processDueShare(deps: TicketDeps, s: Awaited<ReturnType<typeof loadSettings>>, now: Date, limit: number): Promise<ClockJobResult> {
  return deps.db.transaction().execute(async (trx) => {
    // The clocks only, locked, as one JSON value (a row per clock would cost more to decode).
    const selected = await sql<{ due: Array<Record<keyof ClockRow, string | number | null>> | null }>`
      select json_agg(c) as due from (
        select * from ticket_clocks where next_check_at <= ${now} order by next_check_at limit ${limit} for update skip locked
      ) c`.execute(trx);
    const due = (selected.rows[0]?.due ?? []).map(clockRowOf);
    if (due.length === 0) return { checked: 0, warned: 0, breached: 0 };

    const changes: ClockChange[] = [];
    const escalated = new Set<string>();
    let warned = 0;
    let breached = 0;
    for (const row of due) {
      const result = evaluateClock(stateOf(row), now, s.policy.warnRatio, s.calendar);
      const columns = columnsOf(result.clock, s.policy.warnRatio, s.calendar);
      // A clock found past both its warning and its due instant is simply breached: one entry.
      const event = result.breached ? 'clock_breach' : result.warned ? 'clock_warning' : null;
      if (event === 'clock_breach') breached++;
      else if (event === 'clock_warning') warned++;
      // A ticket goes up one step per run however many of its clocks breach; its first breach says so.
      const escalates = event === 'clock_breach' && !escalated.has(row.ticket_id);
      if (escalates) escalated.add(row.ticket_id);
      changes.push({
        id: row.id,
        ticketId: row.ticket_id,
        clock: row.kind,
        warnedAt: columns.warned_at,
        breachedAt: columns.breached_at,
        nextCheckAt: columns.next_check_at,
        dueAt: columns.due_at,
        event,
        escalates,
        detail: event && {
          clock: row.kind,
          dueAt: columns.due_at,
          ...(event === 'clock_breach' && { breachedAt: columns.breached_at, notified: 'supervisors' }),
        },
      });
    }
    // The slice is small next to the table: index lookups, not a hash of every clock; and compiling
    // the statement (JIT) would cost more than running it.
    for (const setting of ['enable_hashjoin', 'enable_mergejoin', 'jit']) await sql`select set_config(${setting}, 'off', true)`.execute(trx);
    // All writes in one statement: the clocks, their timeline entries, and on a breach the ticket's
    // priority one step up from what it is now (issue 4 §3). The breach entry records the step: the
    // statement reads the ticket as it was before its own update.
    const ladder = [...PRIORITIES];
    await sql`
      with u as (
        select * from json_to_recordset(${JSON.stringify(changes)}::json) as u(
          id uuid, "ticketId" uuid, clock text, "warnedAt" timestamptz, "breachedAt" timestamptz,
          "nextCheckAt" timestamptz, "dueAt" timestamptz, event text, escalates boolean, detail jsonb)
      ), clocks as (
        update ticket_clocks c set warned_at = u."warnedAt", breached_at = u."breachedAt", next_check_at = u."nextCheckAt", due_at = u."dueAt"
        from u where c.id = u.id
      ), raised as (
        update tickets t
        set priority = (${ladder}::text[])[array_position(${ladder}::text[], t.priority) + 1], version = t.version + 1, updated_at = ${now}
        from u
        where u.escalates and t.id = u."ticketId" and array_position(${ladder}::text[], t.priority) < cardinality(${ladder}::text[])
      )
      insert into ticket_events (ticket_id, actor_name, kind, to_value, detail)
      select u."ticketId", ${SYSTEM.name}, u.event, u.clock,
        case when t.priority is null or array_position(${ladder}::text[], t.priority) >= cardinality(${ladder}::text[]) then u.detail
             else u.detail || jsonb_build_object('priority', jsonb_build_object(
               'from', t.priority, 'to', (${ladder}::text[])[array_position(${ladder}::text[], t.priority) + 1])) end
      from u left join tickets t on u.escalates and t.id = u."ticketId"
      where u.event is not null`.execute(trx);
    return { checked: due.length, warned, breached };
  });
}

interface ClockChange {
  id: string;
  ticketId: string;
  clock: string;
  warnedAt: Date | null;
  breachedAt: Date | null;
  nextCheckAt: Date | null;
  dueAt: Date | null;
  event: 'clock_warning' | 'clock_breach' | null;
  escalates: boolean;
  detail: Record<string, unknown> | null;
}

const CLOCK_TIMES = ['started_at', 'running_since', 'paused_at', 'stopped_at', 'warned_at', 'breached_at', 'due_at', 'next_check_at'] as const;

/** A clock row as json_agg writes it (times as ISO text). */
function clockRowOf(json: Record<keyof ClockRow, string | number | null>): ClockRow {
  const row = { ...json } as Record<string, unknown>;
  for (const column of CLOCK_TIMES) row[column] = json[column] === null ? null : new Date(json[column] as string);
  return row as ClockRow;
}

/** Ticket subjects for exceptions, in the company's language (the console translates kinds). */
const EXCEPTION_SUBJECTS: Record<ExceptionKind, string> = {
  delayed: '快件延误',
  stalled: '快件停滞无更新',
  lost: '彻底延误(按丢失处理)',
  damaged: '快件破损',
  refused: '收件人拒收',
  undeliverable: '无法派送',
  returned: '快件退回',
  not_collected: '驿站/快递柜未取件',
};

const URGENT_KINDS: readonly string[] = ['lost', 'damaged'];

/**
 * Every exception opens a ticket linked to its shipment, or joins the open ticket about the same
 * waybill; the customer notice already sent shows on the ticket's timeline.
 */
export async function ticketExceptions(deps: TicketDeps, now = new Date(), limit = 200): Promise<{ opened: number; joined: number }> {
  const s = await loadSettings(deps);
  const routing = await deps.reference.exceptionRouting(deps.db);
  const teams = new Map((await deps.db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  return deps.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('shipment_exceptions as e')
      .innerJoin('shipments as sh', 'sh.id', 'e.shipment_id')
      .select(['e.id', 'e.kind', 'e.waybill_no', 'e.raised_at', 'e.site', 'sh.recipient_name', 'sh.recipient_phone'])
      .where('e.ticket_id', 'is', null)
      .orderBy('e.raised_at')
      .limit(limit)
      .forUpdate('e')
      .skipLocked()
      .execute();
    let opened = 0;
    let joined = 0;
    for (const exception of pending) {
      const open = await trx
        .selectFrom('tickets as t')
        .innerJoin('ticket_waybills as w', 'w.ticket_id', 't.id')
        .select(['t.id'])
        .where('w.waybill_no', '=', exception.waybill_no)
        .where('t.status', 'in', ['new', 'open', 'pending_customer', 'pending_department'])
        .orderBy('t.created_at')
        .limit(1)
        .executeTakeFirst();
      const kind = exception.kind as ExceptionKind;
      let ticketId: string;
      if (open) {
        ticketId = open.id;
        joined++;
      } else {
        const code = routing[kind];
        const ticket = await openRoutedTicket(
          trx,
          {
            kind: 'exception',
            subject: `${EXCEPTION_SUBJECTS[kind] ?? kind}:${exception.waybill_no}`,
            description: `系统发现异常:${EXCEPTION_SUBJECTS[kind] ?? kind}${exception.site ? `(${exception.site})` : ''}`,
            channel: 'system',
            priority: URGENT_KINDS.includes(kind) ? 'high' : 'normal',
            waybillNos: [exception.waybill_no],
            customerName: exception.recipient_name,
            customerPhone: exception.recipient_phone?.replace(/\D/g, '') ?? null,
            teamId: code ? (teams.get(code) ?? null) : null,
          },
          SYSTEM,
          s,
          now,
        );
        ticketId = ticket.id;
        opened++;
      }
      await trx.updateTable('shipment_exceptions').set({ ticket_id: ticketId }).where('id', '=', exception.id).execute();
      await addEvent(trx, ticketId, SYSTEM, {
        kind: 'exception',
        to: kind,
        detail: { exceptionId: exception.id, raisedAt: exception.raised_at.toISOString(), site: exception.site },
      });
      const notices = await trx.selectFrom('notifications').select(['channel', 'body', 'status', 'created_at']).where('exception_id', '=', exception.id).execute();
      for (const notice of notices) {
        await addEvent(trx, ticketId, SYSTEM, {
          kind: 'notification',
          visibility: 'public',
          to: notice.channel,
          body: notice.body,
          detail: { status: notice.status, at: notice.created_at.toISOString() },
        });
      }
    }
    return { opened, joined };
  });
}
