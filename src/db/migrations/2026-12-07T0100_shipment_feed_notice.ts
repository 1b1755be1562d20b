/**
 * A carrier feed's word about its own monitoring of a shipment, for the console: 快递100 pushes
 * `status: abort` when it stops tracking a number (e.g. "3天查询无记录", a wrong carrier code), and
 * someone must look — re-subscribe, or check the number and the carrier. Null when nothing is
 * wrong. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table shipments add column feed_notice jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table shipments drop column feed_notice`.execute(db);
}
