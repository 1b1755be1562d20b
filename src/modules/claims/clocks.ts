/**
 * A claim's clocks as rows (docs/product.md §3, §7): the answer within 1 working day of complete
 * evidence, the payment within 7 days of approval, the statutory complaint ceiling of 7 days from
 * filing. The targets come from the claim's policy version (domain/claims/clocks.ts), the calendar
 * and the warning point (the SLA policy's warnRatio) from the reference data the ticket clocks use,
 * and the arithmetic is the SLA clock's (domain/sla/clock.ts): a clock paused while the customer is
 * asked for more evidence costs nothing, and a warning and a breach are each recorded once.
 *
 * Lock order (docs/architecture.md): a command holds the ticket, then the claim, then its clocks;
 * the claim-clocks job holds only clocks (skip locked) and appends timeline entries, which lock
 * nothing, so the two never wait for each other in a cycle.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ClaimClockTable, DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { changeClaimClock, claimClockTargets, targetOf, type ClaimClock, type ClaimsPolicy, type ClockChange } from '../../domain/claims/index.js';
import type { BusinessCalendar } from '../../domain/sla/calendar.js';
import { dueAt, evaluateClock, warnAt, type ClockState } from '../../domain/sla/clock.js';
import type { ReferenceData } from '../reference/cache.js';
import { SYSTEM, addEvent, stateOf } from '../tickets/service.js';
import { claimsPolicyVersion } from './policy.js';

export type ClaimClockRow = Selectable<ClaimClockTable>;
export type ClaimClockChanges = Partial<Record<ClaimClock, ClockChange>>;

/** What every claim clock counts with: the company calendar and the SLA policy's warning point. */
export async function clockSettings(deps: { db: Kysely<DB>; reference: ReferenceData }): Promise<{ calendar: BusinessCalendar; warnRatio: number }> {
  const [calendar, sla] = await Promise.all([deps.reference.calendar(deps.db), deps.reference.slaPolicy(deps.db)]);
  return { calendar, warnRatio: sla.policy.warnRatio };
}

/** The columns the board and the job read, derived from the clock: due_at, and when the job must look again. */
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

type ClockColumns = ReturnType<typeof columnsOf> & { claim_id: string; kind: string; policy_version: number };

/** The rows of the clocks `changes` moves, from their rows `before` (only those that change). */
async function changedClocks(
  deps: { db: Kysely<DB>; reference: ReferenceData },
  reader: Kysely<DB>,
  claimId: string,
  policy: ClaimsPolicy,
  before: readonly ClaimClockRow[],
  changes: ClaimClockChanges,
  at: Date,
): Promise<ClockColumns[]> {
  const { calendar, warnRatio } = await clockSettings({ db: reader, reference: deps.reference });
  const targets = claimClockTargets(policy, calendar);
  const changed: ClockColumns[] = [];
  for (const kind of Object.keys(changes) as ClaimClock[]) {
    const row = before.find((r) => r.kind === kind);
    const state = row ? stateOf(row) : null;
    const after = changeClaimClock(state, kind, changes[kind]!, targetOf(targets, kind), at, calendar);
    if (after === null || after === state) continue;
    changed.push({ claim_id: claimId, kind, policy_version: row?.policy_version ?? policy.version, ...columnsOf(after, warnRatio, calendar) });
  }
  return changed;
}

/** The clocks a claim opened at `at` starts with (it has none yet): rows to insert with it (use-cases/open.ts). */
export async function openingClocks(
  trx: Transaction<DB>,
  deps: { db: Kysely<DB>; reference: ReferenceData },
  claimId: string,
  policy: ClaimsPolicy,
  changes: ClaimClockChanges,
  at: Date,
): Promise<ClockColumns[]> {
  return changedClocks(deps, trx, claimId, policy, [], changes, at);
}

/**
 * Applies a move's clock changes (domain/claims/claim-state.ts effects) to the claim's clocks at
 * `at`, in the caller's transaction, after the claim's row lock. Only the clocks that change are written.
 */
export async function applyClaimClocks(
  trx: Transaction<DB>,
  deps: { db: Kysely<DB>; reference: ReferenceData },
  claim: { id: string; policy_version: number },
  changes: ClaimClockChanges,
  at: Date,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  const [policy, rows] = await Promise.all([
    claimsPolicyVersion(deps, claim.policy_version, trx),
    trx.selectFrom('claim_clocks').selectAll().where('claim_id', '=', claim.id).orderBy('kind').forUpdate().execute(),
  ]);
  const changed = await changedClocks(deps, trx, claim.id, policy, rows, changes, at);
  if (changed.length === 0) return;
  // One statement for the clocks a move changes (a decision stops two and starts a third).
  await trx
    .insertInto('claim_clocks')
    .values(changed)
    .onConflict((oc) =>
      oc.columns(['claim_id', 'kind']).doUpdateSet((eb) => ({
        basis: eb.ref('excluded.basis'),
        target_minutes: eb.ref('excluded.target_minutes'),
        started_at: eb.ref('excluded.started_at'),
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

const CLOCK_ORDER: Record<string, number> = { complaint_ceiling: 0, answer: 1, payment: 2 };

export async function claimClocksOf(db: Kysely<DB>, claimId: string): Promise<ClaimClockRow[]> {
  const rows = await db.selectFrom('claim_clocks').selectAll().where('claim_id', '=', claimId).execute();
  return rows.sort((a, b) => (CLOCK_ORDER[a.kind] ?? 9) - (CLOCK_ORDER[b.kind] ?? 9));
}

/**
 * The claim-clocks job: each due clock's warning and breach recorded once, stamped with the instant
 * it happened (domain/sla/clock.ts evaluateClock), and an internal entry on the claim's ticket's
 * timeline for each, so the ticket's readers see it where they work. Up to `limit` clocks per call,
 * those another run holds skipped.
 */
export async function processDueClaimClocks(deps: { db: Kysely<DB>; reference: ReferenceData }, now = new Date(), limit = 500): Promise<{ checked: number; warned: number; breached: number }> {
  const { calendar, warnRatio } = await clockSettings(deps);
  return inTransaction(deps.db, async (trx) => {
    const due = await trx
      .selectFrom('claim_clocks as k')
      .innerJoin('claims as c', 'c.id', 'k.claim_id')
      .selectAll('k')
      .select(['c.ticket_id', 'c.waybill_no'])
      .where('k.next_check_at', '<=', now)
      .orderBy('k.next_check_at')
      .limit(limit)
      .forUpdate('k')
      .skipLocked()
      .execute();
    let warned = 0;
    let breached = 0;
    for (const row of due) {
      const result = evaluateClock(stateOf(row), now, warnRatio, calendar);
      const columns = columnsOf(result.clock, warnRatio, calendar);
      await trx
        .updateTable('claim_clocks')
        .set({ warned_at: columns.warned_at, breached_at: columns.breached_at, due_at: columns.due_at, next_check_at: columns.next_check_at })
        .where('claim_id', '=', row.claim_id)
        .where('kind', '=', row.kind)
        .execute();
      // A clock found past both its warning and its due instant is simply breached: one entry.
      if (!result.warned && !result.breached) continue;
      if (result.breached) breached++;
      else warned++;
      await addEvent(trx, row.ticket_id, SYSTEM, {
        at: now,
        kind: result.breached ? 'claim_clock_breach' : 'claim_clock_warning',
        to: row.kind,
        body: row.waybill_no,
        detail: { claimId: row.claim_id, clock: row.kind, dueAt: columns.due_at?.toISOString() ?? null, breachedAt: columns.breached_at?.toISOString() ?? null },
      });
    }
    return { checked: due.length, warned, breached };
  });
}

export interface ClaimClockAlertRow extends ClaimClockRow {
  ticket_id: string;
  waybill_no: string;
  type: string;
  state: string;
}

/** The board's claim clocks: breached (not stopped: a breach stays while paused) or warned and still running, most urgent first. */
export function boardClockQuery(db: Kysely<DB>, now: Date, which: 'breached' | 'atRisk') {
  let q = db
    .selectFrom('claim_clocks as k')
    .innerJoin('claims as c', 'c.id', 'k.claim_id')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .selectAll('k')
    .select(['c.ticket_id', 'c.waybill_no', 'c.type', 'c.state'])
    .where('k.stopped_at', 'is', null);
  q =
    which === 'breached'
      ? q.where((eb) => eb.or([eb('k.breached_at', 'is not', null), eb('k.due_at', '<', now)])).where((eb) => eb.or([eb('k.warned_at', 'is not', null), eb('k.breached_at', 'is not', null)]))
      : q.where('k.warned_at', 'is not', null).where('k.breached_at', 'is', null).where('k.due_at', '>=', now);
  return q.orderBy(sql`coalesce(k.breached_at, k.due_at)`).orderBy('k.claim_id');
}
