/** Reads of what the jobs derive (derive.ts) for the customer view. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export async function habitsOf(db: Db, customerId: string) {
  const { rows } = await sql<{ period_from: string; period_to: string; habits: Record<string, unknown> | string; computed_at: Date }>`
    select to_char(period_from, 'YYYY-MM-DD') as period_from, to_char(period_to, 'YYYY-MM-DD') as period_to, habits, computed_at
    from customer_habits where customer_id = ${customerId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return { ...row, habits: typeof row.habits === 'string' ? (JSON.parse(row.habits) as Record<string, unknown>) : row.habits };
}

export async function segmentsOf(db: Db, customerId: string) {
  return (await db.selectFrom('customer_segments').selectAll().where('customer_id', '=', customerId).executeTakeFirst()) ?? null;
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
