/**
 * A ticket's clock is named by its ticket and kind (a ticket runs at most one clock per kind), so
 * the surrogate id goes. The clock job rewrites thousands of clock rows a minute; each rewrite
 * added an entry to every index, and the random-uuid primary key was the costliest of them.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ticket_clocks drop constraint ticket_clocks_pkey`.execute(db);
  await sql`alter table ticket_clocks drop column id`.execute(db);
  await sql`alter table ticket_clocks drop constraint ticket_clocks_ticket_id_kind_key`.execute(db);
  await sql`alter table ticket_clocks add constraint ticket_clocks_pkey primary key (ticket_id, kind)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table ticket_clocks drop constraint ticket_clocks_pkey`.execute(db);
  await sql`alter table ticket_clocks add constraint ticket_clocks_ticket_id_kind_key unique (ticket_id, kind)`.execute(db);
  await sql`alter table ticket_clocks add column id uuid not null default gen_random_uuid() primary key`.execute(db);
}
