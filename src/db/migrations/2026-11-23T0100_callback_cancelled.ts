/**
 * A callback (回访) can be cancelled: when its ticket is reopened, closed or merged before anyone
 * called, it is settled as `cancelled` with the reason in its note, so it leaves the callbacks
 * list and no one calls to confirm a resolution that no longer stands. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ticket_callbacks drop constraint ticket_callbacks_outcome_check`.execute(db);
  await sql`
    alter table ticket_callbacks add constraint ticket_callbacks_outcome_check
      check (outcome in ('satisfied','unsatisfied','unreachable','cancelled'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Settled callbacks stay settled: they only lose the word for why.
  await sql`update ticket_callbacks set outcome = null where outcome = 'cancelled'`.execute(db);
  await sql`alter table ticket_callbacks drop constraint ticket_callbacks_outcome_check`.execute(db);
  await sql`
    alter table ticket_callbacks add constraint ticket_callbacks_outcome_check
      check (outcome in ('satisfied','unsatisfied','unreachable'))`.execute(db);
}
