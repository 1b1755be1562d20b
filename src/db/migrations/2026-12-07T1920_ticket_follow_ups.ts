/**
 * A follow-up finds its owner (首问负责制, docs/product.md §2): when a new contact joins a case, or a
 * new ticket is routed to a case's owner beside it, the ticket says so until its owner opens it —
 * the workstation's queue marks it. Null when there is nothing new for the owner. No index: it is
 * read only with rows the queues already found. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets add column follow_up_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets drop column follow_up_at`.execute(db);
}
