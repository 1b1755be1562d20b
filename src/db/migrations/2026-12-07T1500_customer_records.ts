/**
 * One customer, one record (docs/product.md §5, issue 17 §1): a customer is a person or a company
 * with its profile (企业: industry, nature, headcount, coverage, business status, credit, the unified
 * social credit code), several contacts, several addresses whose every version is kept, monthly
 * accounts (月结账号), tasks the record asks of staff (settle a 月结 account whose address moved) and
 * an append-only timeline. A record merged into another stays as a tombstone (`merged_into_id`): its
 * phone still finds the survivor, so shipments and new tickets keep landing on one customer.
 *
 * Shipments are linked at read time by monthly account and phone (no column on the 10M-row table
 * the tracking ingestion writes): the indexes below let the customer view read the newest page of
 * each link and merge them. Tickets and contacts already carry `customer_id`; those that only had a
 * phone are linked here (a customer is created for a phone no record has). Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table customers
      add column merged_into_id uuid references customers(id),
      add column credit_code text,
      add column industry text,
      add column company_nature text
        check (company_nature in ('state_owned','private','foreign','joint_venture','collective','individual_business','public_institution','other')),
      add column headcount integer check (headcount >= 0),
      add column coverage_area text,
      add column business_status text
        check (business_status in ('operating','suspended','closed','revoked')),
      add column credit_rating text check (credit_rating in ('AAA','AA','A','B','C')),
      add column credit_limit_fen bigint check (credit_limit_fen >= 0),
      add column note text not null default '',
      add column search tsvector,
      add column created_by uuid references users(id),
      add column version integer not null default 1`.execute(db);
  await sql`create unique index customers_credit_code on customers (credit_code) where credit_code is not null`.execute(db);
  await sql`create index customers_name_prefix on customers (name text_pattern_ops)`.execute(db);
  await sql`create index customers_search on customers using gin (search)`.execute(db);
  await sql`create index customers_merged_into on customers (merged_into_id) where merged_into_id is not null`.execute(db);
  await sql`create index customers_account_manager on customers (account_manager_id, created_at desc) where merged_into_id is null`.execute(db);
  await sql`create index customers_created on customers (created_at desc, id desc) where merged_into_id is null`.execute(db);

  // People at the customer (a company's shipping clerk, its finance contact …).
  await sql`
    create table customer_contacts (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid not null references customers(id),
      name text not null,
      role text not null default '',
      phones text[] not null default '{}',
      email text,
      wechat text,
      callback_windows jsonb not null default '[]',
      note text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index customer_contacts_customer on customer_contacts (customer_id)`.execute(db);
  await sql`create index customer_contacts_phones on customer_contacts using gin (phones)`.execute(db);

  await sql`
    create table customer_addresses (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid not null references customers(id),
      kind text not null check (kind in ('pickup','delivery','billing','service')),
      contact_name text,
      contact_phone text,
      address text not null,
      province text not null,
      city text,
      district text,
      version integer not null default 1,
      removed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index customer_addresses_customer on customer_addresses (customer_id)`.execute(db);
  // Every version of an address as it was written, with who and when: the history is read from here.
  await sql`
    create table customer_address_versions (
      address_id uuid not null references customer_addresses(id),
      version integer not null,
      change text not null check (change in ('added','changed','removed')),
      kind text not null,
      contact_name text,
      contact_phone text,
      address text not null,
      province text not null,
      city text,
      district text,
      at timestamptz not null default now(),
      actor_id uuid references users(id),
      actor_name text not null,
      primary key (address_id, version)
    )`.execute(db);

  await sql`
    create table monthly_accounts (
      account_no text primary key,
      customer_id uuid not null references customers(id),
      opened_at timestamptz not null default now(),
      created_by uuid references users(id)
    )`.execute(db);
  await sql`create index monthly_accounts_customer on monthly_accounts (customer_id)`.execute(db);

  // Work the record asks of someone: a listable task with its assignee (a person or a role).
  await sql`
    create table customer_tasks (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid not null references customers(id),
      kind text not null check (kind in ('settle_account')),
      status text not null default 'open' check (status in ('open','done')),
      assignee_id uuid references users(id),
      assignee_role text,
      detail jsonb not null default '{}',
      created_at timestamptz not null default now(),
      done_at timestamptz,
      done_by uuid references users(id),
      done_note text
    )`.execute(db);
  await sql`create index customer_tasks_open on customer_tasks (assignee_id, created_at) where status = 'open'`.execute(db);
  await sql`create index customer_tasks_customer on customer_tasks (customer_id)`.execute(db);

  // The customer's timeline, append-only like the tickets' (append_only() from the tickets migration).
  // No foreign key: customers are never deleted (merged ones stay as tombstones). The id orders
  // the entries: several written in one transaction share its instant.
  await sql`
    create table customer_events (
      id bigint generated by default as identity primary key,
      customer_id uuid not null,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_name text not null,
      kind text not null,
      detail jsonb not null default '{}'
    )`.execute(db);
  await sql`create index customer_events_customer on customer_events (customer_id, at desc)`.execute(db);
  await sql`
    create trigger customer_events_append_only before update or delete on customer_events
    for each statement execute function append_only()`.execute(db);
  await sql`
    create trigger customer_events_no_truncate before truncate on customer_events
    for each statement execute function append_only()`.execute(db);

  // The customer view reads each link's newest page: by account and by either party's phone.
  await sql`create index shipments_monthly_account on shipments (monthly_account, created_at desc, id desc) where monthly_account is not null`.execute(db);
  await sql`create index shipments_sender_phone_newest on shipments (sender_phone, created_at desc, id desc)`.execute(db);
  await sql`create index shipments_recipient_phone_newest on shipments (recipient_phone, created_at desc, id desc)`.execute(db);
  // The phone-only indexes are prefixes of these: one index per phone to keep up at ingestion.
  await sql`drop index if exists shipments_sender_phone`.execute(db);
  await sql`drop index if exists shipments_recipient_phone`.execute(db);

  await linkTicketsAndContacts(db);
}

/** Existing tickets and contacts that carry a phone but no customer are linked to one (created when no record has the phone). */
export async function linkTicketsAndContacts(db: Kysely<any>): Promise<void> {
  await sql`
    insert into customers (name, phone)
    select distinct on (t.customer_phone) coalesce(nullif(t.customer_name, ''), right(t.customer_phone, 4)), t.customer_phone
    from (
      select customer_phone, customer_name, created_at from tickets where customer_id is null and customer_phone is not null
      union all
      select customer_phone, customer_name, created_at from contacts where customer_id is null and customer_phone is not null
    ) t
    where not exists (select 1 from customers c where c.phone = t.customer_phone)
    order by t.customer_phone, coalesce(t.customer_name, '') = '', t.created_at desc
    on conflict (phone) do nothing`.execute(db);
  await sql`
    update tickets t set customer_id = c.id from customers c
    where t.customer_id is null and t.customer_phone is not null and c.phone = t.customer_phone`.execute(db);
  await sql`
    update contacts t set customer_id = c.id from customers c
    where t.customer_id is null and t.customer_phone is not null and c.phone = t.customer_phone`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index shipments_sender_phone on shipments (sender_phone)`.execute(db);
  await sql`create index shipments_recipient_phone on shipments (recipient_phone)`.execute(db);
  await sql`drop index shipments_sender_phone_newest`.execute(db);
  await sql`drop index shipments_recipient_phone_newest`.execute(db);
  await sql`drop index shipments_monthly_account`.execute(db);
  await sql`drop table customer_events`.execute(db);
  await sql`drop table customer_tasks`.execute(db);
  await sql`drop table monthly_accounts`.execute(db);
  await sql`drop table customer_address_versions`.execute(db);
  await sql`drop table customer_addresses`.execute(db);
  await sql`drop table customer_contacts`.execute(db);
  await sql`
    alter table customers drop column merged_into_id, drop column credit_code, drop column industry,
      drop column company_nature, drop column headcount, drop column coverage_area, drop column business_status,
      drop column credit_rating, drop column credit_limit_fen, drop column note, drop column search,
      drop column created_by, drop column version`.execute(db);
}
