/**
 * What a merge moves besides the record's own parts (repository.ts `relink`): the rows other
 * modules and the jobs key by customer — survey invitations, monthly reports, planned callbacks,
 * the habit days the nightly jobs reduced, and a tier set by hand. Each moves unless the kept
 * customer already has its twin (the same campaign, month or date, an open callback, a pin: one
 * per customer). A twin left behind stays on the merged record, where the customer view, the
 * report list and the report's CSAT still read it (they read the records merged into a customer
 * too); a pin left behind is dropped. The merged record's standing is dropped and both records'
 * running totals are refreshed from their days; the jobs recompute the kept customer's standing.
 *
 * A job writing a twin at the same moment cannot slip between the check and the move: the merge
 * has locked both customers FOR UPDATE first, and the job's insert takes the foreign key's KEY
 * SHARE lock on its customer, so one waits for the other. A twin written first is seen by the
 * merge's `not exists` (a new statement under read committed) and left behind; one written after
 * meets the moved row and does nothing (the jobs insert `on conflict do nothing`).
 * test/http/customer-merge-race.test.ts holds the job's insert open across a merge (PostgreSQL).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { refreshCustomerTotals } from './derive.js';

export async function relinkCustomerRows(trx: Transaction<DB>, fromId: string, intoId: string) {
  const moved = async (statement: ReturnType<typeof sql>) => Number((await statement.execute(trx)).numAffectedRows ?? 0n);
  const surveyInvitations = await moved(sql`
    update survey_invitations i set customer_id = ${intoId} where i.customer_id = ${fromId}
      and not exists (select 1 from survey_invitations k where k.customer_id = ${intoId} and k.campaign_id = i.campaign_id)`);
  const monthlyReports = await moved(sql`
    update monthly_reports r set customer_id = ${intoId} where r.customer_id = ${fromId}
      and not exists (select 1 from monthly_reports k where k.customer_id = ${intoId} and k.month = r.month)`);
  const plannedCallbacks = await moved(sql`
    update account_callbacks c set customer_id = ${intoId} where c.customer_id = ${fromId}
      and (c.status = 'done' or not exists (select 1 from account_callbacks k where k.customer_id = ${intoId} and k.status = 'open'))`);
  const habitDays = await moved(sql`
    update customer_habit_days d set customer_id = ${intoId} where d.customer_id = ${fromId}
      and not exists (select 1 from customer_habit_days k where k.customer_id = ${intoId} and k.date = d.date)`);
  // A tier set by hand follows the customer, unless the kept record has its own.
  const tierPin = await moved(sql`
    update customer_tier_pins p set customer_id = ${intoId} where p.customer_id = ${fromId}
      and not exists (select 1 from customer_tier_pins k where k.customer_id = ${intoId})`);
  await sql`delete from customer_tier_pins where customer_id = ${fromId}`.execute(trx);
  // Both customers' running totals follow their days (the merged record keeps only twins left behind).
  await refreshCustomerTotals(trx, [fromId, intoId]);
  await sql`delete from customer_segments where customer_id = ${fromId}`.execute(trx);
  return { surveyInvitations, monthlyReports, plannedCallbacks, habitDays, tierPin };
}
