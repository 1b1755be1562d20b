/** Reads of what the jobs derive (derive.ts) for the customer view. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { HabitDay } from '../../domain/customers/habits.js';

type Db = Kysely<DB>;

/**
 * The habit period of the last habits run (null before the first) and the customer's stored days
 * of it (a rebuild's days before the period hold counts only and are not read).
 */
export async function habitDaysOf(db: Db, customerId: string, periodDays: number) {
  const { rows: state } = await sql<{ to: string | null; computed_at: Date | null }>`
    select to_char(habits_day, 'YYYY-MM-DD') as to, habits_computed_at as computed_at from customer_derive_state`.execute(db);
  const run = state[0];
  if (!run?.to || !run.computed_at) return null;
  const { rows } = await sql<{ day: HabitDay | string }>`
    select day from customer_habit_days
    where customer_id = ${customerId} and date > ${run.to}::date - ${periodDays}::int and date <= ${run.to}::date and day is not null`.execute(db);
  return {
    to: run.to,
    computedAt: run.computed_at,
    days: rows.map((r) => (typeof r.day === 'string' ? (JSON.parse(r.day) as HabitDay) : r.day)),
  };
}

/** The customer's stored standing with the day and instants of the runs that computed it. */
export async function segmentsOf(db: Db, customerId: string) {
  const { rows } = await sql<{
    last_date: string | null;
    frequency: number | null;
    monetary_fen: string | number | null;
    r: number | null;
    f: number | null;
    m: number | null;
    segment: string | null;
    tier_reason: Record<string, unknown> | string | null;
    tier_policy_version: number | null;
    rfm_day: string | null;
    rfm_computed_at: Date | null;
    tier_computed_at: Date | null;
  }>`
    select to_char(s.last_date, 'YYYY-MM-DD') as last_date, s.frequency, s.monetary_fen, s.r, s.f, s.m, s.segment, s.tier_reason, s.tier_policy_version,
      to_char(d.rfm_day, 'YYYY-MM-DD') as rfm_day, d.rfm_computed_at, d.tier_computed_at
    from customer_segments s cross join customer_derive_state d where s.customer_id = ${customerId}`.execute(db);
  return rows[0] ?? null;
}

/** The tier set by hand, if any (`until` as text). */
export async function tierPinOf(db: Db, customerId: string) {
  return (
    (await db
      .selectFrom('customer_tier_pins')
      .select(['tier', 'reason', sql<string | null>`to_char(until, 'YYYY-MM-DD')`.as('until'), 'pinned_by_name', 'pinned_at'])
      .where('customer_id', '=', customerId)
      .executeTakeFirst()) ?? null
  );
}
