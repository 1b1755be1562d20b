/**
 * An agent whose reply the phrase guard blocked (block mode) and who believes it a false block asks
 * a supervisor to release it (docs/product.md §2). The held reply waits here, unsent, with the
 * phrases that matched; the supervisor's decision (approve: the reply goes out as written; decline:
 * with a reason) is kept with it for quality checks (质检). One request waits per ticket at a time.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table phrase_release_requests (
      id uuid primary key default uuid_v7(),
      ticket_id uuid not null references tickets(id),
      requested_by uuid not null references users(id),
      requested_at timestamptz not null default now(),
      body text not null,
      phrases jsonb not null,
      note text,
      status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decline_reason text,
      check ((status = 'pending') = (decided_at is null)),
      check (status <> 'declined' or decline_reason is not null)
    )`.execute(db);
  await sql`create unique index phrase_release_requests_waiting on phrase_release_requests (ticket_id) where status = 'pending'`.execute(db);
  await sql`create index phrase_release_requests_pending on phrase_release_requests (requested_at) where status = 'pending'`.execute(db);
  await sql`create index phrase_release_requests_ticket on phrase_release_requests (ticket_id, requested_at desc)`.execute(db);
  await sql`create index phrase_release_requests_requested on phrase_release_requests (requested_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table phrase_release_requests`.execute(db);
}
