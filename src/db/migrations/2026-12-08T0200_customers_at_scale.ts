/**
 * Customers at the scale of the benchmark (600,000 customers, 10M parcels a year; docs/architecture.md,
 * Customers). Frozen once shipped.
 *
 * - A stored HabitDay older than the habit period may hold its counts only: `npm run
 *   customers:rebuild` writes the whole `day` only for the days the habits fold (the last 90), and
 *   for older days the parcel count and freight that RFM and the tier read (`day` null), so a
 *   rebuild over a year does not build and write a JSON document per customer and day that nothing
 *   reads. The daily job still writes whole days.
 * - The customer view reads a customer's contact records by its link or its phones: the link gets
 *   its own index (newest first), so the two are an index union rather than a scan of every
 *   contact record.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table customer_habit_days alter column day drop not null`.execute(db);
  await sql`create index contacts_customer on contacts (customer_id, created_at desc) where customer_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index contacts_customer`.execute(db);
  await sql`delete from customer_habit_days where day is null`.execute(db);
  await sql`alter table customer_habit_days alter column day set not null`.execute(db);
}
