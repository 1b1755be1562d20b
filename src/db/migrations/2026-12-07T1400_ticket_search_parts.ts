/**
 * Search finds what agents type (docs/product.md §2): the last four digits of the customer's phone,
 * the surname alone, a two-character given name, and the full name — each newest first from an
 * index that holds its tickets in that order, so a common surname (陈: a few percent of all
 * tickets) costs a page of index entries, not a sort of every match.
 *
 * Expression indexes rather than new columns: right(), left() are immutable built-ins on
 * PostgreSQL and PGlite alike, so every way a ticket is written (creation, self-service, the
 * exception job, an edit, a bulk import) keeps them right without code, and existing tickets need no
 * backfill — building each index is the one pass over the table a filled column would also need.
 * pg_trgm is not used: PGlite 0.5 ships it only as an extension to load, it extracts no trigrams
 * from Chinese under the C locale, and a surname or four digits is shorter than a trigram anyway.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index tickets_phone_last4 on tickets (right(customer_phone, 4), created_at desc, number desc)`.execute(db);
  await sql`create index tickets_name_head on tickets (left(customer_name, 1), created_at desc, number desc)`.execute(db);
  await sql`create index tickets_name_tail on tickets (right(customer_name, 2), created_at desc, number desc)`.execute(db);
  // The full name newest first, and the start of a name (欧阳, 陈玉) as a range of the pattern order,
  // whatever the database's collation.
  await sql`drop index tickets_customer_name`.execute(db);
  await sql`create index tickets_customer_name on tickets (customer_name text_pattern_ops, created_at desc, number desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tickets_customer_name`.execute(db);
  await sql`create index tickets_customer_name on tickets (customer_name)`.execute(db);
  await sql`drop index tickets_name_tail`.execute(db);
  await sql`drop index tickets_name_head`.execute(db);
  await sql`drop index tickets_phone_last4`.execute(db);
}
