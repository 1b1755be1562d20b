/**
 * Room on each ticket page for in-place (HOT) updates: 40 % instead of 15 %. A ticket's row is
 * rewritten on every action (status, priority, version), and tickets created together share pages
 * and come due together: when a burst of them breaches, the clock job raises most tickets of a
 * page in one transaction. At 15 % a page took about one new version of its ~650-byte rows, so
 * most raises went to another page and wrote an entry into each of the ten ticket indexes; at 40 %
 * it takes five, about as many as the page has tickets. Held copy of the 1,000,000-ticket
 * benchmark, the job's first run (10,000 due, ~7,200 tickets raised): raises HOT 58 % → 95 %,
 * 0.89–1.04 s → 0.53–0.69 s (70 % gave 80 % and 0.73–0.96 s). The table takes ~1.5× the space.
 * New pages follow the setting; existing ones keep theirs until the table is rewritten (VACUUM FULL
 * or pg_repack). Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets set (fillfactor = 60)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets set (fillfactor = 85)`.execute(db);
}
