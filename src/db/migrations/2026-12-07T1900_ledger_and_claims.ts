/**
 * Claims and compensation (理赔, docs/product.md §3): the claims policy's versions (seeded with the
 * domain's defaults on first use, like the time-limit policy), a claim per shipment, ticket and type
 * with the facts it is judged on and its explained proposal, its evidence (the ticket's uploaded
 * attachments, reviewed), and the append-only money ledger: settlements, chargebacks to a station
 * and reversals — an entry is never changed or removed (a trigger refuses it), a mistake is undone
 * by a new reversing entry, and each entry's key (the client's idempotency key and the entry's place
 * in its request) is unique, so a repeated request pays exactly once. Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table claims_policies (
      version integer primary key check (version > 0),
      rules jsonb not null,
      note text not null,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table claims (
      id uuid primary key default uuid_v7(),
      shipment_id uuid not null references shipments(id),
      waybill_no text not null,
      ticket_id uuid not null references tickets(id),
      type text not null check (type in ('delay','loss','damage','short_contents','frozen_spoiled','wrong_delivery')),
      claimant_side text not null check (claimant_side in ('sender','recipient')),
      claimed_fen bigint not null check (claimed_fen > 0 and claimed_fen <= 10000000000),
      description text not null,
      facts jsonb not null,
      state text not null default 'opened'
        check (state in ('opened','awaiting_evidence','evidence_complete','proposed','approved','rejected','disputed','settled','closed')),
      policy_version integer not null references claims_policies(version),
      proposal jsonb not null,
      proposed_fen bigint not null check (proposed_fen >= 0),
      override_fen bigint check (override_fen >= 0),
      override_reason text,
      overridden_by uuid references users(id),
      required_level text not null check (required_level in ('agent','supervisor','manager')),
      approved_fen bigint check (approved_fen >= 0),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_reason text,
      evidence_requested_at timestamptz,
      proposed_station text,
      proposed_station_basis text,
      responsible_station text,
      responsibility_reason text,
      responsibility_by uuid references users(id),
      responsibility_at timestamptz,
      opened_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((override_fen is null) = (override_reason is null))
    )`.execute(db);
  await sql`create index claims_shipment on claims (shipment_id, type)`.execute(db);
  // One claim of a type on a parcel until it is closed (domain/claims/claim-state.ts mayOpenClaim), also under concurrent opens.
  await sql`create unique index claims_one_open_per_type on claims (shipment_id, type) where state <> 'closed'`.execute(db);
  await sql`create index claims_ticket on claims (ticket_id)`.execute(db);
  await sql`create index claims_waybill on claims (waybill_no)`.execute(db);
  await sql`create index claims_state_created on claims (state, created_at desc)`.execute(db);
  await sql`create index claims_created on claims (created_at desc, id desc)`.execute(db);
  await sql`create index claims_inbox on claims (required_level, created_at) where state in ('proposed','disputed')`.execute(db);

  await sql`
    create table claim_evidence (
      id uuid primary key default uuid_v7(),
      claim_id uuid not null references claims(id),
      item text not null,
      attachment_id uuid not null references ticket_attachments(id),
      review text not null default 'pending' check (review in ('pending','accepted','rejected')),
      review_reason text,
      reviewed_by uuid references users(id),
      reviewed_at timestamptz,
      added_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (claim_id, attachment_id, item),
      check (review <> 'rejected' or review_reason is not null)
    )`.execute(db);
  await sql`create index claim_evidence_claim on claim_evidence (claim_id, created_at)`.execute(db);

  await sql`
    create table claim_ledger (
      id uuid primary key default uuid_v7(),
      claim_id uuid not null references claims(id),
      entry_key text not null unique,
      idempotency_key text not null,
      kind text not null check (kind in ('payout','deduction','credit_note','chargeback','reversal')),
      direction text not null check (direction in ('out','in')),
      amount_fen bigint not null check (amount_fen > 0 and amount_fen <= 10000000000),
      reference text not null,
      station text,
      reverses_entry_id uuid references claim_ledger(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      check ((kind = 'reversal') = (reverses_entry_id is not null)),
      check (kind <> 'chargeback' or station is not null)
    )`.execute(db);
  await sql`create index claim_ledger_claim on claim_ledger (claim_id, created_at)`.execute(db);
  await sql`create index claim_ledger_key on claim_ledger (idempotency_key)`.execute(db);
  await sql`create index claim_ledger_station on claim_ledger (station, created_at) where station is not null`.execute(db);
  await sql`create unique index claim_ledger_reversed_once on claim_ledger (reverses_entry_id) where reverses_entry_id is not null`.execute(db);
  // append_only() comes with the ticket timeline (2026-11-22T1700_tickets).
  await sql`
    create trigger claim_ledger_append_only before update or delete on claim_ledger
    for each statement execute function append_only()`.execute(db);
  await sql`
    create trigger claim_ledger_no_truncate before truncate on claim_ledger
    for each statement execute function append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table claim_ledger`.execute(db);
  await sql`drop table claim_evidence`.execute(db);
  await sql`drop table claims`.execute(db);
  await sql`drop table claims_policies`.execute(db);
}
