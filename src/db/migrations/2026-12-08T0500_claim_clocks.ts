/**
 * A claim's clocks (docs/product.md §3, §7; domain/claims/clocks.ts): the answer within 1 working
 * day of complete evidence, the payment within 7 days of approval and the statutory 7-day complaint
 * ceiling from filing. Shaped like ticket_clocks, so the pure SLA clock (domain/sla/clock.ts) runs
 * them: used minutes, the running segment, pause, stop, warning and breach instants; due_at for the
 * supervisor's board and next_check_at for the claim-clocks job (a partial index, so the job reads
 * only what is due). One clock per claim and kind. Claims opened before this migration have none.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table claim_clocks (
      claim_id uuid not null references claims(id),
      kind text not null check (kind in ('answer','payment','complaint_ceiling')),
      basis text not null check (basis in ('calendar','business')),
      target_minutes integer not null check (target_minutes > 0),
      started_at timestamptz not null,
      used_minutes double precision not null default 0,
      running_since timestamptz,
      paused_at timestamptz,
      stopped_at timestamptz,
      warned_at timestamptz,
      breached_at timestamptz,
      due_at timestamptz,
      next_check_at timestamptz,
      policy_version integer not null,
      primary key (claim_id, kind)
    ) with (fillfactor = 85)`.execute(db);
  await sql`create index claim_clocks_next_check on claim_clocks (next_check_at) where next_check_at is not null`.execute(db);
  // The supervisor's board: clocks not stopped that are past their warning (at risk) or breached.
  await sql`create index claim_clocks_board on claim_clocks (due_at) where stopped_at is null and (warned_at is not null or breached_at is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table claim_clocks`.execute(db);
}
