/**
 * The ticket jobs: the SLA clock (warn at 80 %, breach once, escalate) and exceptions becoming
 * tickets. Both read only what is due (partial indexes), so their cost follows the work, not the
 * number of tickets.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { renderStoryNotice } from '../../domain/notifications/templates.js';
import { exceptionStoryTitle, exceptionTicketTitle, mostSeriousException, parcelStory } from '../../domain/tracking/story.js';
import type { ClockBasis } from '../../domain/sla/calendar.js';
import { evaluateClock, type ClockKind, type ClockState } from '../../domain/sla/clock.js';
import { CUSTOMER_TIERS, PRIORITIES, targetsFor, TICKET_KINDS, type CustomerTier, type Priority, type SlaPolicy, type TicketKind } from '../../domain/sla/policy.js';
import { retargetForPriority } from '../../domain/sla/retarget.js';
import { columnsOf } from './clocks.js';
import { lockWaybillCases } from './repository.js';
import { followExceptionStory, loadSettings, openRoutedTicket, raisePriorityTo, SYSTEM, type TicketDeps } from './service.js';

/**
 * Evaluates up to `limit` clocks whose next check is due: records each warning and breach exactly
 * once (the instant it happened), raises the ticket's priority on a breach and tells the
 * supervisors through the board and the timeline. Set-based writes: the clocks and raises a chunk
 * of `chunk` clocks per statement, the timeline entries in one.
 */
export async function processDueClocks(deps: TicketDeps, now = new Date(), limit = 10_000, chunk = CLOCK_JOB_CHUNK): Promise<ClockJobResult> {
  const s = await loadSettings(deps);
  // The due clocks, split by ticket: a ticket's clocks all go to one share, so the two shares never
  // wait for each other on the same ticket when they raise its priority.
  const split = await sql<{ ctids: string }>`
    select array_agg(ctid)::text as ctids
    from (select ctid, ticket_id from ticket_clocks where next_check_at <= ${now} order by next_check_at limit ${limit}) due
    group by (hashtext(ticket_id::text) & 2147483647) % ${CLOCK_JOB_SHARES}`.execute(deps.db);
  // Side by side, one transaction per core of a small server: each locks its share (SKIP LOCKED:
  // another server's job may hold some already). PGlite runs them one after the other.
  const shares = await Promise.all(split.rows.map(({ ctids }) => processDueShare(deps, s, now, ctids, chunk)));
  return shares.reduce((a, b) => ({ checked: a.checked + b.checked, warned: a.warned + b.warned, breached: a.breached + b.breached }), {
    checked: 0,
    warned: 0,
    breached: 0,
  });
}

type ClockJobResult = { checked: number; warned: number; breached: number };
const CLOCK_JOB_SHARES = 2;

/**
 * One share in one transaction. A person's command locks the ticket, then its clocks; the job holds
 * clocks, then raises the ticket: should the two meet in a deadlock, PostgreSQL ends one and
 * inTransaction runs the share again.
 */
async function processDueShare(deps: TicketDeps, s: Awaited<ReturnType<typeof loadSettings>>, now: Date, ctids: string, chunk: number): Promise<ClockJobResult> {
  return inTransaction(deps.db, async (trx) => {
    // The clocks only, locked, as one JSON value of tuples with times in epoch milliseconds: a row
    // per clock, or times as text, would cost more to decode than the clock arithmetic itself. The
    // row's ctid finds it again below without an index descent (a row we hold locked does not move).
    const selected = await sql<{ due: DueClock[] | null }>`
      select json_agg(json_build_array(ctid, ticket_id, kind, basis, target_minutes, used_minutes, ${epochMs('started_at')},
        ${epochMs('running_since')}, ${epochMs('paused_at')}, ${epochMs('stopped_at')}, ${epochMs('warned_at')}, ${epochMs('breached_at')})) as due
      from (
        select ctid, * from ticket_clocks where ctid = any(${ctids}::tid[]) and next_check_at <= ${now} for update skip locked
      ) c`.execute(trx);
    const due = selected.rows[0]?.due ?? [];
    if (due.length === 0) return { checked: 0, warned: 0, breached: 0 };

    // The slice is small next to the table: index lookups, not a hash of every clock; and compiling
    // the statement (JIT) would cost more than running it. Queued, not awaited: statements on one
    // connection run in the order they were sent.
    const settings = queued(sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)`.execute(trx));
    const entries = { ticket: [] as string[], event: [] as string[], clock: [] as string[], due: [] as Ms[], breached: [] as Ms[], escalates: [] as boolean[] };
    const escalating = new Set<string>(); // tickets with a breach in this share: each goes up one step
    const held = new Map<string, ClockState[]>(); // each ticket's clocks this share holds, as evaluated
    const targets = JSON.stringify(priorityTargets(s.policy));
    const writes: Array<ReturnType<typeof writeClocks>> = [];
    let warned = 0;
    let breached = 0;
    // In chunks: PostgreSQL writes one chunk while JavaScript works out the next (and the other
    // share's), instead of both databases' backends waiting for all the arithmetic first.
    for (let start = 0; start < due.length; start += chunk) {
      // One array per column, written as array literals (unnest): cheaper to build and for
      // PostgreSQL to read than a JSON document of objects.
      const w = { ctid: [] as string[], warned: [] as Ms[], breached: [] as Ms[], next: [] as Ms[], due: [] as Ms[], raise: [] as string[], heldKinds: [] as string[] };
      for (const tuple of due.slice(start, start + chunk)) {
        const [ctid, ticketId, kind] = tuple;
        const state = stateOfTuple(tuple);
        const result = evaluateClock(state, now, s.policy.warnRatio, s.calendar);
        const columns = columnsOf(result.clock, s.policy.warnRatio, s.calendar);
        const ticketClocks = held.get(ticketId);
        if (ticketClocks) ticketClocks.push(result.clock);
        else held.set(ticketId, [result.clock]);
        w.ctid.push(ctid);
        w.warned.push(msOf(columns.warned_at));
        w.breached.push(msOf(columns.breached_at));
        w.next.push(msOf(columns.next_check_at));
        w.due.push(msOf(columns.due_at));
        // A clock found past both its warning and its due instant is simply breached: one entry.
        if (!result.breached && !result.warned) continue;
        // A ticket goes up one step per run however many of its clocks breach; its first breach says so.
        const escalates = result.breached && !escalating.has(ticketId);
        if (escalates) {
          escalating.add(ticketId);
          w.raise.push(ticketId);
        }
        if (result.breached) breached++;
        else warned++;
        entries.ticket.push(ticketId);
        entries.event.push(result.breached ? 'clock_breach' : 'clock_warning');
        entries.clock.push(kind);
        entries.due.push(msOf(columns.due_at));
        entries.breached.push(msOf(columns.breached_at));
        entries.escalates.push(escalates);
      }
      w.heldKinds = w.raise.map((id) => held.get(id)!.map((c) => c.kind).join(' '));
      writes.push(queued(writeClocks(trx, w, now, targets)));
      // Let the other share's answer in, so its first chunk is written too.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [, ...written] = await Promise.all([settings, ...writes]);
    const raised = written.flatMap((chunkWritten) => chunkWritten.raised);
    // A raised ticket's clocks follow its new priority, as when a person escalates (one rule:
    // domain/sla/retarget.ts), and its place in the queues follows its clocks. A clock this share
    // holds is taken as evaluated (a later chunk's may have come back with an earlier one's raise).
    const others = new Map<string, ClockState[]>();
    for (const tuple of written.flatMap((chunkWritten) => chunkWritten.others)) {
      const clock = stateOfTuple(tuple);
      if (held.get(tuple[1])?.some((c) => c.kind === clock.kind)) continue;
      const list = others.get(tuple[1]);
      if (list) list.push(clock);
      else others.set(tuple[1], [clock]);
    }
    const r = { ticket: [] as string[], kind: [] as string[], target: [] as number[], due: [] as Ms[], next: [] as Ms[] };
    for (const ticket of raised) {
      const before = [...(held.get(ticket.id) ?? []), ...(others.get(ticket.id) ?? [])];
      const after = retargetForPriority(before, ticket, s.policy);
      for (const [i, clock] of after.entries()) {
        if (clock === before[i]) continue;
        const columns = columnsOf(clock, s.policy.warnRatio, s.calendar);
        r.ticket.push(ticket.id);
        r.kind.push(clock.kind);
        r.target.push(clock.targetMinutes);
        r.due.push(msOf(columns.due_at));
        r.next.push(msOf(columns.next_check_at));
      }
    }
    if (entries.ticket.length === 0) return { checked: due.length, warned, breached };
    // The timeline: each warning and breach once; the breach entry records the step it caused.
    const raisedTo = new Map(raised.map((t) => [t.id, t.priority]));
    const to = entries.ticket.map((id, i) => (entries.escalates[i] && raisedTo.get(id)) || null);
    const from = to.map((p) => (p ? LADDER[LADDER.indexOf(p) - 1]! : null));
    await sql`
      with retargets as (
        select * from unnest(${literal(r.ticket)}::uuid[], ${literal(r.kind)}::text[], ${literal(r.target)}::int[], ${literal(r.due)}::bigint[], ${literal(r.next)}::bigint[])
          as r(ticket_id, kind, target, due_at, next_check_at)
      ), retargeted as (
        update ticket_clocks c
        set target_minutes = r.target, due_at = ${fromMs('r.due_at')}, next_check_at = ${fromMs('r.next_check_at')}
        from retargets r
        where c.ticket_id = r.ticket_id and c.kind = r.kind
      ), queued as (
        -- The ticket's place in the queues: the earliest due instant of its running clocks, the
        -- re-targeted ones as they are being written (this statement's own updates are not visible
        -- to it), the others as stored (this share's earlier statements included).
        update tickets t set due_at = d.due_at
        from (
          select ticket_id, min(due_at) as due_at from (
            select c.ticket_id, c.due_at from ticket_clocks c
            where c.ticket_id = any(${literal(r.ticket)}::uuid[]) and c.stopped_at is null and c.due_at is not null
              and not exists (select 1 from retargets x where x.ticket_id = c.ticket_id and x.kind = c.kind)
            union all
            select x.ticket_id, ${fromMs('x.due_at')} from retargets x where x.due_at is not null
          ) clocks group by ticket_id
        ) d
        where t.id = d.ticket_id and t.due_at is distinct from d.due_at
      )
      insert into ticket_events (ticket_id, actor_name, kind, to_value, detail)
      select ticket_id, ${SYSTEM.name}, event, clock,
        jsonb_build_object('clock', clock, 'dueAt', ${isoOf('due_at')})
        || case when event = 'clock_breach' then jsonb_build_object('breachedAt', ${isoOf('breached_at')}, 'notified', 'supervisors') else '{}' end
        || case when priority_to is null then '{}' else jsonb_build_object('priority', jsonb_build_object('from', priority_from, 'to', priority_to)) end
      from unnest(${literal(entries.ticket)}::uuid[], ${literal(entries.event)}::text[], ${literal(entries.clock)}::text[], ${literal(entries.due)}::bigint[],
        ${literal(entries.breached)}::bigint[], ${literal(from)}::text[], ${literal(to)}::text[])
        as x(ticket_id, event, clock, due_at, breached_at, priority_from, priority_to)`.execute(trx);
    return { checked: due.length, warned, breached };
  });
}

/**
 * A statement sent now and awaited later (Promise.all): its failure is handled from the start, so
 * an error while the next chunk is worked out rolls the transaction back instead of surfacing as
 * an unhandled rejection.
 */
function queued<T>(statement: Promise<T>): Promise<T> {
  statement.catch(() => undefined);
  return statement;
}

/** Clocks per statement: small enough that the first is written while the rest are worked out. */
const CLOCK_JOB_CHUNK = 1_250;
const LADDER: readonly Priority[] = [...PRIORITIES];

/**
 * One chunk's clocks, and on a breach the ticket's priority one step up from what it is now (issue
 * 4 §3), in one statement. A ticket's clocks are all in one share, and a ticket is raised by the
 * first chunk that breaches one of them; should another job running at the same instant have
 * raised it already (its updated_at is this run's instant), it is not raised twice. The statement
 * also returns the raised tickets' clocks this share does not hold (yet): what the new priority
 * re-targets. They are not locked (a lock is a write to each row's page): every command that
 * changes a ticket's clocks holds the ticket's row first, which the raise now holds until commit.
 * Only another server's job may stamp one of them meanwhile; the re-target then rewrites its next
 * check from what was read, a past instant at worst, and the next run looks at it again and finds
 * its warning or breach already recorded.
 */
async function writeClocks(
  trx: Transaction<DB>,
  w: { ctid: string[]; warned: Ms[]; breached: Ms[]; next: Ms[]; due: Ms[]; raise: string[]; heldKinds: string[] },
  now: Date,
  targets: string,
): Promise<{ raised: RaisedTicket[]; others: DueClock[] }> {
  const { rows } = await sql<{ raised: Array<[string, Priority, TicketKind, CustomerTier]>; others: DueClock[] }>`
    with u as (
      select * from unnest(${w.ctid}::tid[], ${literal(w.warned)}::bigint[], ${literal(w.breached)}::bigint[], ${literal(w.next)}::bigint[],
        ${literal(w.due)}::bigint[]) as u(ctid, warned_at, breached_at, next_check_at, due_at)
    ), clocks as (
      update ticket_clocks c
      set warned_at = ${fromMs('u.warned_at')}, breached_at = ${fromMs('u.breached_at')}, next_check_at = ${fromMs('u.next_check_at')}, due_at = ${fromMs('u.due_at')}
      from u where c.ctid = u.ctid
    ), raised as (
      update tickets t
      set priority = (${LADDER}::text[])[array_position(${LADDER}::text[], t.priority) + 1], version = t.version + 1, updated_at = ${now}
      where t.id = any(${literal(w.raise)}::uuid[]) and array_position(${LADDER}::text[], t.priority) < cardinality(${LADDER}::text[])
        and t.updated_at is distinct from ${now}
      returning t.id, t.priority, t.kind, t.customer_tier
    ), others as (
      select c.* from raised r
      join unnest(${literal(w.raise)}::uuid[], ${w.heldKinds}::text[]) as h(id, held) on h.id = r.id
      join ticket_clocks c on c.ticket_id = r.id
      where c.stopped_at is null and c.breached_at is null and c.kind <> all(string_to_array(h.held, ' '))
        -- only a clock the new priority re-targets (retargetForPriority decides; this spares
        -- reading and sending back the many whose target stays)
        and c.target_minutes is distinct from (${targets}::jsonb ->> (r.kind || ' ' || r.customer_tier || ' ' || r.priority || ' ' || c.kind))::int
        and ${targets}::jsonb ? (r.kind || ' ' || r.customer_tier || ' ' || r.priority || ' ' || c.kind)
    )
    select
      (select coalesce(json_agg(json_build_array(id, priority, kind, customer_tier)), '[]') from raised) as raised,
      (select coalesce(json_agg(json_build_array(null, ticket_id, kind, basis, target_minutes, used_minutes, ${epochMs('started_at')},
        ${epochMs('running_since')}, ${epochMs('paused_at')}, ${epochMs('stopped_at')}, ${epochMs('warned_at')}, ${epochMs('breached_at')})), '[]') from others) as others`.execute(trx);
  const row = rows[0]!;
  return { raised: row.raised.map(([id, priority, kind, tier]) => ({ id, priority, kind, tier })), others: row.others };
}

type RaisedTicket = { id: string; priority: Priority; kind: TicketKind; tier: CustomerTier };

/**
 * Every target the policy gives a priority-dependent clock, keyed "kind tier priority clock": the
 * clock job asks the database only for the raised tickets' clocks whose target would change.
 */
function priorityTargets(policy: SlaPolicy): Record<string, number> {
  const table: Record<string, number> = {};
  for (const kind of TICKET_KINDS) {
    for (const tier of CUSTOMER_TIERS) {
      for (const priority of PRIORITIES) {
        const targets = targetsFor(policy, kind, priority, tier);
        if (targets.firstResponse) table[`${kind} ${tier} ${priority} first_response`] = targets.firstResponse.minutes;
        if (targets.resolution) table[`${kind} ${tier} ${priority} resolution`] = targets.resolution.minutes;
      }
    }
  }
  return table;
}

function stateOfTuple([, , kind, basis, targetMinutes, used, startedAt, runningSince, pausedAt, stoppedAt, warnedAt, breachedAt]: DueClock): ClockState {
  return {
    kind: kind as ClockKind,
    basis: basis as ClockBasis,
    targetMinutes,
    startedAt: new Date(startedAt!),
    usedMinutes: used,
    runningSince: dateOf(runningSince),
    pausedAt: dateOf(pausedAt),
    stoppedAt: dateOf(stoppedAt),
    warnedAt: dateOf(warnedAt),
    breachedAt: dateOf(breachedAt),
  };
}

/** Epoch milliseconds: how the job moves instants between PostgreSQL and JavaScript. */
type Ms = number | null;
/** A due clock as the job selects it: ctid, ticket, kind, basis, target, used minutes, then six instants. */
type DueClock = [string, string, string, string, number, number, Ms, Ms, Ms, Ms, Ms, Ms];

const epochMs = (column: string) => sql`round(date_part('epoch', ${sql.ref(column)}) * 1000)`;
const fromMs = (column: string) => sql`(timestamptz 'epoch' + ${sql.ref(column)} * interval '1 millisecond')`;
/** The instant as the timeline has always written it (JavaScript's toISOString: UTC, milliseconds, Z). */
const isoOf = (column: string) => sql`to_char(${fromMs(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const dateOf = (ms: Ms) => (ms === null ? null : new Date(ms));
const msOf = (time: Date | null): Ms => time?.getTime() ?? null;
/**
 * An array literal of values that never need quoting: whole numbers, uuids and the job's own
 * identifiers (kinds, priorities). The driver would escape each element of a JavaScript array.
 */
const literal = (values: ReadonlyArray<string | number | null>) => `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;

const URGENT_KINDS: readonly string[] = ['lost', 'damaged'];

/**
 * Every exception opens a ticket linked to its shipment, or joins the open ticket about the same
 * waybill; the customer notice already sent shows on the ticket's timeline.
 *
 * Safe when runs overlap (two servers, a run that outlasts its minute): each run takes the
 * exceptions nobody holds (`skip locked`), then locks their waybills (a transaction advisory lock
 * per waybill, in waybill order) before it looks for their open tickets, so a second run waits for
 * the first's ticket and joins it. Behind that, a unique index allows one open ticket the job opened
 * per waybill (`tickets.exception_waybill_no`). Set-based: a fixed number of statements per batch,
 * plus, for each waybill with no open ticket, the statements that route and open its ticket, and for
 * each open ticket a lost or damaged parcel joins, the one path that raises a priority.
 */
/** A parcel the batch treats as lost, on the ticket its exception opened or joined. */
export interface LostParcel {
  exceptionId: string;
  waybillNo: string;
  shipmentId: string;
  ticketId: string;
}

/**
 * Opens the loss claims of the batch's lost parcels in the job's transaction (modules/claims,
 * wired by the scheduler) and answers, for each exception whose parcel now has a loss claim open,
 * the link the customer adds evidence and follows it by.
 */
export type LossClaimOpener = (trx: Transaction<DB>, lost: readonly LostParcel[], now: Date) => Promise<Map<string, string>>;

export async function ticketExceptions(deps: TicketDeps, now = new Date(), limit = 200, options: { lossClaims?: LossClaimOpener } = {}): Promise<{ opened: number; joined: number }> {
  const s = await loadSettings(deps);
  const routing = await deps.reference.exceptionRouting(deps.db);
  const teams = new Map((await deps.db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  return inTransaction(deps.db, async (trx) => {
    const pending = await trx
      .selectFrom('shipment_exceptions as e')
      .innerJoin('shipments as sh', 'sh.id', 'e.shipment_id')
      .select(['e.id', 'e.kind', 'e.waybill_no', 'e.site', 'e.shipment_id', 'sh.recipient_name', 'sh.recipient_phone'])
      .where('e.ticket_id', 'is', null)
      .orderBy('e.raised_at')
      .orderBy('e.id')
      .limit(limit)
      .forUpdate('e')
      .skipLocked()
      .execute();
    if (pending.length === 0) return { opened: 0, joined: 0 };
    const waybills = [...new Set(pending.map((e) => e.waybill_no))].sort();
    // One waybill at a time across runs and follow-ups (the customer's complaint, an agent's contact);
    // in waybill order, so two never wait for each other in a cycle.
    await lockWaybillCases(trx, waybills);
    // A new statement, so it sees the tickets a run that held a waybill before us committed.
    const open = await sql<{ waybill_no: string; id: string }>`
      select distinct on (w.waybill_no) w.waybill_no, t.id
      from ticket_waybills w join tickets t on t.id = w.ticket_id
      where w.waybill_no = any(${waybills}::text[]) and t.status in ('new', 'open', 'pending_customer', 'pending_department')
      order by w.waybill_no, t.created_at, t.number`.execute(trx);
    const ticketOf = new Map(open.rows.map((r) => [r.waybill_no, r.id]));

    // The waybills nobody has an open ticket for: the batch's exceptions open one, titled by the most
    // serious of them (its parcel's story: story.ts); a lost or damaged parcel makes it high at once.
    const opening = waybills.filter((w) => !ticketOf.has(w));
    if (opening.length) {
      // A ticket of the waybill that is no longer open gives up its name, so it can be reopened beside the new one.
      await sql`
        update tickets t set exception_waybill_no = null
        from ticket_waybills w
        where w.waybill_no = any(${opening}::text[]) and t.id = w.ticket_id and t.exception_waybill_no = w.waybill_no
          and t.status not in ('new', 'open', 'pending_customer', 'pending_department')`.execute(trx);
    }
    let opened = 0;
    for (const waybill of opening) {
      const exceptions = pending.filter((e) => e.waybill_no === waybill);
      const kind = mostSeriousException(exceptions.map((e) => e.kind)) ?? exceptions[0]!.kind;
      const first = exceptions.find((e) => e.kind === kind)!;
      const code = routing[kind];
      const ticket = await openRoutedTicket(
        trx,
        {
          kind: 'exception',
          // Full-width punctuation between Chinese words; the waybill number stays as written.
          subject: exceptionTicketTitle(kind, waybill),
          description: `系统发现异常：${exceptionStoryTitle(kind)}${first.site ? `，地点：${first.site}` : ''}`,
          channel: 'system',
          priority: exceptions.some((e) => URGENT_KINDS.includes(e.kind)) ? 'high' : 'normal',
          waybillNos: [waybill],
          customerName: first.recipient_name,
          customerPhone: first.recipient_phone?.replace(/\D/g, '') ?? null,
          teamId: code ? (teams.get(code) ?? null) : null,
          exceptionWaybillNo: waybill,
          openedFor: { exceptionKind: kind, site: first.site },
        },
        SYSTEM,
        s,
        now,
      );
      ticketOf.set(waybill, ticket.id);
      opened++;
    }
    // The open ticket follows its parcel's story: a stall that becomes a loss retitles it (on its
    // timeline), and a lost or damaged parcel is urgent business, whatever it was opened for.
    for (const waybill of waybills.filter((w) => !opening.includes(w))) {
      const joining = pending.filter((e) => e.waybill_no === waybill).map((e) => e.kind);
      await followExceptionStory(trx, ticketOf.get(waybill)!, waybill, joining);
      const urgent = mostSeriousException(joining.filter((kind) => URGENT_KINDS.includes(kind)));
      if (urgent) await raisePriorityTo(trx, ticketOf.get(waybill)!, 'high', SYSTEM, exceptionStoryTitle(urgent), s, { exceptionKind: urgent });
    }

    // A parcel treated as lost: its loss claim is opened first (when the claims module is wired), then
    // the customer is told — "我们按丢失处理并为您启动理赔" only where a loss claim is open.
    const lost = pending.filter((e) => e.kind === 'lost');
    if (lost.length) {
      const parcels = lost.map((e) => ({ exceptionId: e.id, waybillNo: e.waybill_no, shipmentId: e.shipment_id, ticketId: ticketOf.get(e.waybill_no)! }));
      const links = options.lossClaims ? await options.lossClaims(trx, parcels, now) : new Map<string, string>();
      await tellLost(trx, deps, parcels, links, now);
    }

    // Each exception links to its ticket, and its timeline gets the exception and the customer
    // notices it caused, in the order the exceptions were raised: one statement.
    await sql`
      with taken as (
        select * from unnest(${pending.map((e) => e.id)}::uuid[], ${pending.map((e) => ticketOf.get(e.waybill_no)!)}::uuid[]) with ordinality as x(id, ticket_id, n)
      ), linked as (
        update shipment_exceptions e set ticket_id = taken.ticket_id from taken where e.id = taken.id
      )
      insert into ticket_events (ticket_id, at, actor_name, kind, visibility, to_value, body, detail)
      select ticket_id, ${now}::timestamptz, ${SYSTEM.name}, kind, visibility, to_value, body, detail
      from (
        select taken.n, 0 as sub, null::timestamptz as at, taken.ticket_id, 'exception' as kind, 'internal' as visibility, e.kind as to_value, null as body,
          jsonb_build_object('exceptionId', e.id, 'raisedAt', to_char(e.raised_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'site', e.site) as detail
        from taken join shipment_exceptions e on e.id = taken.id
        union all
        select taken.n, 1, n.created_at, taken.ticket_id, 'notification', 'public', n.channel, n.body,
          jsonb_build_object('status', n.status, 'at', to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        from taken join notifications n on n.exception_id = taken.id
      ) entry
      order by n, sub, at, to_value`.execute(trx);
    return { opened, joined: pending.length - opened };
  });
}

/**
 * The notice of a parcel treated as lost, written by the job rather than where the loss was raised
 * (modules/tracking/exceptions-store.ts leaves it), so it tells the story with the loss claim the job
 * just opened: its words are the parcel's story (story.ts), whose 启动理赔 holds only while a loss
 * claim on the parcel is open, with the claim page's link; one per exception (unique exception and
 * channel), to the recipient's phone, else the sender's, as every exception notice.
 */
async function tellLost(trx: Transaction<DB>, deps: TicketDeps, lost: readonly LostParcel[], links: Map<string, string>, now: Date): Promise<void> {
  const ids = [...new Set(lost.map((l) => l.shipmentId))];
  const [shipments, exceptions, claims, calendar] = await Promise.all([
    trx
      .selectFrom('shipments')
      .select(['id', 'status', 'sub_status', 'terminal', 'promised_at', 'complete_delay_at', 'delivered_at', 'last_event_time', 'last_site', 'recipient_phone', 'sender_phone'])
      .where('id', 'in', ids)
      .execute(),
    trx.selectFrom('shipment_exceptions').select(['shipment_id', 'kind', 'raised_at']).where('shipment_id', 'in', ids).where('cleared_at', 'is', null).execute(),
    trx.selectFrom('claims').select(['shipment_id', 'type']).where('shipment_id', 'in', ids).where('state', '<>', 'closed').execute(),
    deps.reference.calendar(deps.db),
  ]);
  const notices = [];
  for (const parcel of lost) {
    const s = shipments.find((x) => x.id === parcel.shipmentId);
    const phone = s ? (s.recipient_phone ?? s.sender_phone) : null;
    if (!s || !phone) continue; // nobody to tell: the ticket still opens work for the agents
    const story = parcelStory(
      {
        status: s.status,
        subStatus: s.sub_status,
        terminal: s.terminal,
        promisedAt: s.promised_at,
        completeDelayAt: s.complete_delay_at,
        deliveredAt: s.delivered_at,
        lastEventTime: s.last_event_time,
        lastSite: s.last_site,
        openExceptions: exceptions.filter((e) => e.shipment_id === s.id).map((e) => ({ kind: e.kind, since: e.raised_at })),
        caseOpen: true,
        claimsOpen: claims.filter((c) => c.shipment_id === s.id).map((c) => c.type),
      },
      now,
    );
    notices.push({
      shipment_id: s.id,
      exception_id: parcel.exceptionId,
      channel: 'sms',
      recipient: phone,
      locale: 'zh-CN',
      template: 'exception.lost',
      body: renderStoryNotice(parcel.waybillNo, story, 'zh-CN', calendar.timeZone, links.get(parcel.exceptionId) ?? null),
    });
  }
  if (notices.length) await trx.insertInto('notifications').values(notices).onConflict((oc) => oc.columns(['exception_id', 'channel']).doNothing()).execute();
}
