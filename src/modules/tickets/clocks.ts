/**
 * Ticket clocks as rows: load them, hand them to the pure clock of domain/sla, write them back with
 * the instants the clock job needs (due_at for the queues, next_check_at for the job's index).
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { DB, TicketClockTable } from '../../db/schema.js';
import type { BusinessCalendar, ClockBasis } from '../../domain/sla/calendar.js';
import {
  clockStatus,
  dueAt,
  evaluateClock,
  startClock,
  type ClockKind,
  type ClockState,
  type ClockStatus,
  usedMinutes,
  warnAt,
} from '../../domain/sla/clock.js';
import type { CustomerTier, Priority, SlaPolicy, SlaTarget, TicketKind } from '../../domain/sla/policy.js';
import { retargetForPriority } from '../../domain/sla/retarget.js';

export type ClockRow = Selectable<TicketClockTable>;

/** The columns every clock row has, a ticket's or a claim's (claims/clocks.ts): what the SLA clock reads. */
export type ClockColumns = Pick<
  ClockRow,
  'kind' | 'basis' | 'target_minutes' | 'started_at' | 'used_minutes' | 'running_since' | 'paused_at' | 'stopped_at' | 'warned_at' | 'breached_at' | 'due_at'
>;

export function stateOf(row: ClockColumns): ClockState {
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

/** The instant the job must look again: the warning, then the breach, then never. */
function nextCheck(state: ClockState, warnRatio: number, cal: BusinessCalendar): Date | null {
  if (state.stoppedAt || !state.runningSince) return null;
  if (!state.warnedAt) return warnAt(state, warnRatio, cal) ?? dueAt(state, cal);
  if (!state.breachedAt) return dueAt(state, cal);
  return null;
}

export function columnsOf(state: ClockState, warnRatio: number, cal: BusinessCalendar) {
  return {
    target_minutes: state.targetMinutes,
    used_minutes: state.usedMinutes,
    running_since: state.runningSince,
    paused_at: state.pausedAt,
    stopped_at: state.stoppedAt,
    warned_at: state.warnedAt,
    breached_at: state.breachedAt,
    due_at: state.stoppedAt ? null : dueAt(state, cal),
    next_check_at: nextCheck(state, warnRatio, cal),
  };
}

export async function clocksOf(trx: Transaction<DB>, ticketId: string): Promise<ClockRow[]> {
  return trx.selectFrom('ticket_clocks').selectAll().where('ticket_id', '=', ticketId).orderBy('started_at').execute();
}

/** Starts (or restarts) a clock of a kind; one per ticket and kind. */
export async function startTicketClock(
  trx: Transaction<DB>,
  input: { ticketId: string; kind: ClockKind; target: SlaTarget; at: Date; policyVersion: number; warnRatio: number; calendar: BusinessCalendar },
): Promise<void> {
  const state = startClock(input.kind, input.target.minutes, input.target.basis, input.at);
  const columns = columnsOf(state, input.warnRatio, input.calendar);
  await trx
    .insertInto('ticket_clocks')
    .values({
      ticket_id: input.ticketId,
      kind: input.kind,
      basis: state.basis,
      started_at: state.startedAt,
      policy_version: input.policyVersion,
      ...columns,
    })
    .onConflict((oc) =>
      oc.columns(['ticket_id', 'kind']).doUpdateSet({ basis: state.basis, started_at: state.startedAt, policy_version: input.policyVersion, ...columns }),
    )
    .execute();
}

export async function saveClock(trx: Transaction<DB>, row: ClockRow, state: ClockState, warnRatio: number, cal: BusinessCalendar): Promise<void> {
  await trx
    .updateTable('ticket_clocks')
    .set(columnsOf(state, warnRatio, cal))
    .where('ticket_id', '=', row.ticket_id)
    .where('kind', '=', row.kind)
    .execute();
}

/** Applies `change` to each of the ticket's clocks of the given kinds and saves the ones it changed. */
export async function changeClocks(
  trx: Transaction<DB>,
  rows: ClockRow[],
  kinds: readonly ClockKind[],
  change: (state: ClockState) => ClockState,
  warnRatio: number,
  cal: BusinessCalendar,
): Promise<void> {
  for (const row of rows) {
    if (!kinds.includes(row.kind as ClockKind)) continue;
    const before = stateOf(row);
    const after = change(before);
    if (after !== before) await saveClock(trx, row, after, warnRatio, cal);
  }
}

/**
 * A person or the system changed the ticket's priority: its clocks follow the new priority's
 * targets (domain/sla/retarget.ts, the rule the clock job applies set-based too), keeping the time
 * used, and the ticket's place in the queues follows its clocks. The ticket is locked by the caller.
 */
export async function retargetTicketClocks(
  trx: Transaction<DB>,
  ticket: { id: string; kind: string; customer_tier: string },
  priority: Priority,
  policy: SlaPolicy,
  cal: BusinessCalendar,
): Promise<void> {
  const rows = await clocksOf(trx, ticket.id);
  const before = rows.map(stateOf);
  const after = retargetForPriority(before, { kind: ticket.kind as TicketKind, tier: ticket.customer_tier as CustomerTier, priority }, policy);
  for (const [i, row] of rows.entries()) if (after[i] !== before[i]) await saveClock(trx, row, after[i]!, policy.warnRatio, cal);
  await refreshTicketDue(trx, ticket.id);
}

/** The ticket's urgency for the queues: the earliest due instant of its running clocks. */
export async function refreshTicketDue(trx: Transaction<DB>, ticketId: string): Promise<void> {
  await sql`
    update tickets set due_at = (
      select min(due_at) from ticket_clocks where ticket_id = ${ticketId} and stopped_at is null and due_at is not null)
    where id = ${ticketId}`.execute(trx);
}

export interface ClockPresentation {
  kind: string;
  basis: string;
  targetMinutes: number;
  status: ClockStatus;
  startedAt: string;
  dueAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  pausedAt: string | null;
  stoppedAt: string | null;
  usedMinutes: number;
}

/** A clock as the API shows it, a ticket's or a claim's: what the job would record by now already counts (a breach due is a breach). */
export function presentClock(row: ClockColumns, now: Date, warnRatio: number, cal: BusinessCalendar): ClockPresentation {
  const state = stateOf(row);
  // Show what the clock job will record: a warning or breach already due counts now.
  const evaluated = evaluateClock(state, now, warnRatio, cal).clock;
  return {
    kind: row.kind,
    basis: row.basis,
    targetMinutes: row.target_minutes,
    status: clockStatus(evaluated, now, warnRatio, cal),
    startedAt: row.started_at.toISOString(),
    dueAt: row.due_at?.toISOString() ?? null,
    warnedAt: evaluated.warnedAt?.toISOString() ?? null,
    breachedAt: evaluated.breachedAt?.toISOString() ?? null,
    pausedAt: row.paused_at?.toISOString() ?? null,
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    usedMinutes: Math.round(usedMinutes(state, now, cal) * 10) / 10,
  };
}
