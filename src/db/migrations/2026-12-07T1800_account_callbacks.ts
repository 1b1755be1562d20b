/**
 * Planned callbacks (回访) to key accounts (docs/product.md §5; docs/architecture.md, account
 * managers' desk): their own table, not the tickets' callbacks — those follow one resolved ticket
 * and close or reopen it; these follow the relationship. One open callback per customer at a time
 * (the job that plans them inserts with `on conflict do nothing`); a done one keeps its outcome,
 * satisfaction and notes. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table account_callbacks (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid not null references customers(id),
      due_date date not null,
      due_at timestamptz not null,
      cadence text not null check (cadence in ('monthly','quarterly','retry','rescheduled')),
      status text not null default 'open' check (status in ('open','done')),
      outcome text check (outcome in ('reached','not_reached','rescheduled')),
      satisfaction smallint check (satisfaction between 1 and 5),
      note text,
      done_at timestamptz,
      done_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index account_callbacks_one_open on account_callbacks (customer_id) where status = 'open'`.execute(db);
  await sql`create index account_callbacks_due on account_callbacks (due_at) where status = 'open'`.execute(db);
  await sql`create index account_callbacks_customer on account_callbacks (customer_id, done_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table account_callbacks`.execute(db);
}
