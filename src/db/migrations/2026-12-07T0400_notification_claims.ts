/**
 * The outbox is claimed before it is sent (issue 14, defect 9): a dispatcher marks the messages it
 * takes with its name and a lease, commits, and sends outside any transaction. A claim whose
 * lease ran out belongs to a process that died and may be taken again. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table notifications
      add column claimed_by text,
      add column claimed_until timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications drop column claimed_until, drop column claimed_by`.execute(db);
}
