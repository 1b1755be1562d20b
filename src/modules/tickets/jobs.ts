/**
 * The ticket jobs: the SLA clock (warn at 80 %, breach once, escalate) and exceptions becoming
 * tickets. Both read only what is due (partial indexes), so their cost follows the work, not the
 * number of tickets.
 */
import { sql } from 'kysely';
import type { ExceptionKind } from '../../domain/tracking/exceptions.js';
import { evaluateClock } from '../../domain/sla/clock.js';
import { raisePriority, type Priority } from '../../domain/sla/policy.js';
import { columnsOf, type ClockRow, stateOf } from './clocks.js';
import { addEvent, loadSettings, openRoutedTicket, SYSTEM, type TicketDeps } from './service.js';

/**
 * Evaluates up to `limit` clocks whose next check is due: records each warning and breach exactly
 * once (the instant it happened), raises the ticket's priority on a breach and tells the
 * supervisors through the board and the timeline. Set-based writes: one statement per kind.
 */
export async function processDueClocks(deps: TicketDeps, now = new Date(), limit = 10_000): Promise<{ checked: number; warned: number; breached: number }> {
  const s = await loadSettings(deps);
  return deps.db.transaction().execute(async (trx) => {
    const due = (await trx
      .selectFrom('ticket_clocks as c')
      .innerJoin('tickets as t', 't.id', 'c.ticket_id')
      .selectAll('c')
      .select(['t.priority', 't.team_id'])
      .where('c.next_check_at', '<=', now)
      .orderBy('c.next_check_at')
      .limit(limit)
      .forUpdate('c')
      .skipLocked()
      .execute()) as (ClockRow & { priority: string; team_id: string | null })[];
    if (due.length === 0) return { checked: 0, warned: 0, breached: 0 };

    const updates: { id: string; warned_at: Date | null; breached_at: Date | null; next_check_at: Date | null; due_at: Date | null }[] = [];
    const events: { ticket_id: string; kind: string; to: string; detail: string }[] = [];
    const escalate = new Map<string, { from: string; to: string }>();
    for (const row of due) {
      const result = evaluateClock(stateOf(row), now, s.policy.warnRatio, s.calendar);
      const columns = columnsOf(result.clock, s.policy.warnRatio, s.calendar);
      updates.push({ id: row.id, warned_at: columns.warned_at, breached_at: columns.breached_at, next_check_at: columns.next_check_at, due_at: columns.due_at });
      // A clock found past both its warning and its due instant is simply breached: one entry.
      if (result.warned && !result.breached) {
        events.push({ ticket_id: row.ticket_id, kind: 'clock_warning', to: row.kind, detail: JSON.stringify({ clock: row.kind, dueAt: columns.due_at }) });
      }
      if (result.breached) {
        events.push({
          ticket_id: row.ticket_id,
          kind: 'clock_breach',
          to: row.kind,
          detail: JSON.stringify({ clock: row.kind, dueAt: columns.due_at, breachedAt: columns.breached_at, notified: 'supervisors' }),
        });
        const previous = escalate.get(row.ticket_id)?.from ?? row.priority;
        escalate.set(row.ticket_id, { from: previous, to: raisePriority(previous as Priority) });
      }
    }
    const raised = [...escalate.entries()].filter(([, p]) => p.from !== p.to);
    // The slice is small next to the table: index lookups, not a hash of every clock.
    await sql`set local enable_hashjoin = off`.execute(trx);
    await sql`set local enable_mergejoin = off`.execute(trx);
    // All writes in one statement: the clocks, their timeline entries, and the escalation on breach
    // (issue 4 §3: one step up, recorded on the timeline).
    await sql`
      with clocks as (
        update ticket_clocks c set warned_at = u.warned_at, breached_at = u.breached_at, next_check_at = u.next_check_at, due_at = u.due_at
        from unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.warned_at)}::timestamptz[],
                    ${updates.map((u) => u.breached_at)}::timestamptz[], ${updates.map((u) => u.next_check_at)}::timestamptz[],
                    ${updates.map((u) => u.due_at)}::timestamptz[])
          as u(id, warned_at, breached_at, next_check_at, due_at)
        where c.id = u.id
      ), raised as (
        update tickets t set priority = u.priority, version = t.version + 1, updated_at = ${now}
        from unnest(${raised.map(([id]) => id)}::uuid[], ${raised.map(([, p]) => p.to)}::text[]) as u(id, priority)
        where t.id = u.id
      )
      insert into ticket_events (ticket_id, actor_name, kind, from_value, to_value, detail)
      select ticket_id, ${SYSTEM.name}, kind, from_value, to_value, detail from unnest(
        ${[...events.map((e) => e.ticket_id), ...raised.map(([id]) => id)]}::uuid[],
        ${[...events.map((e) => e.kind), ...raised.map(() => 'priority')]}::text[],
        ${[...events.map(() => null), ...raised.map(([, p]) => p.from)]}::text[],
        ${[...events.map((e) => e.to), ...raised.map(([, p]) => p.to)]}::text[],
        ${[...events.map((e) => e.detail), ...raised.map(() => '{"reason":"clock_breach"}')]}::jsonb[])
        with ordinality as e(ticket_id, kind, from_value, to_value, detail, n)
      order by e.n`.execute(trx);
    const breached = events.filter((e) => e.kind === 'clock_breach').length;
    return { checked: due.length, warned: events.length - breached, breached };
  });
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
