/**
 * A callback (回访) is tried more than once: a customer who does not answer at 9:05 is not yet
 * unreachable, so 联系不上 keeps the callback pending and schedules it again until the last try.
 * `attempts` counts the calls recorded on it; `last_attempt_*` say when, by whom and with what
 * note the latest one was made (every one is also on the ticket's timeline). Callbacks settled
 * before this migration were called once: they count one attempt, made when they were done.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table ticket_callbacks
      add column attempts integer not null default 0 check (attempts >= 0),
      add column last_attempt_at timestamptz,
      add column last_attempt_by uuid references users(id),
      add column last_attempt_note text`.execute(db);
  await sql`
    update ticket_callbacks
       set attempts = 1, last_attempt_at = done_at, last_attempt_by = done_by, last_attempt_note = note
     where outcome in ('satisfied','unsatisfied','unreachable')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table ticket_callbacks
      drop column last_attempt_note,
      drop column last_attempt_by,
      drop column last_attempt_at,
      drop column attempts`.execute(db);
}
