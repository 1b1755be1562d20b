/**
 * The IW59 list by work center and status (docs/architecture.md, "After-sales service
 * notifications"): with only (work center, required start) and (status, type, required start),
 * "in process at work center 7" intersected two bitmaps, one of them every notification in that
 * status (22,000 index entries at the benchmark's scale, 2.5 ms a page). This index answers the
 * work center and status together, in required-start order.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index service_notifications_wc_status on service_notifications (main_work_center_id, system_status, required_start)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index service_notifications_wc_status`.execute(db);
}
