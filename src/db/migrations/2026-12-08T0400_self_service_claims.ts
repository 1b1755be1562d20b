/**
 * Self-service claims (docs/product.md §3): who opened a claim — the desk, the customer after the
 * phone check, or the system for a parcel past its complete-delay limit (treated as lost) — and the
 * customer's answer to the offer: accepted once (when), or disputed with a reason (when), which
 * reopens the claim to a supervisor. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table claims
      add column opened_via text not null default 'desk' check (opened_via in ('desk', 'self_service', 'system')),
      add column offer_accepted_at timestamptz,
      add column disputed_at timestamptz,
      add column dispute_reason text,
      add constraint claims_dispute_has_reason check ((disputed_at is null) = (dispute_reason is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table claims
      drop constraint claims_dispute_has_reason,
      drop column dispute_reason,
      drop column disputed_at,
      drop column offer_accepted_at,
      drop column opened_via`.execute(db);
}
