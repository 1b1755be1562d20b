/**
 * A monthly account's statement (docs/product.md §5) lists the credit notes (冲账) of its claims: the
 * claims are found by the account the parcel was billed to, as the facts kept with the claim say it
 * (`facts ->> 'monthlyAccount'`), through this expression index — a few index entries per account
 * instead of every claim. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index claims_monthly_account on claims ((facts ->> 'monthlyAccount')) where (facts ->> 'monthlyAccount') is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index claims_monthly_account`.execute(db);
}
