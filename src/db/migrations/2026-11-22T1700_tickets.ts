/**
 * Contacts and tickets (PRODUCT.md §2): customers, tickets with their waybills, the append-only
 * ticket timeline, SLA clocks, callbacks, department requests, attachments, the phrase library,
 * the business calendar and agent duty. Frozen: never edit a migration that has shipped.
 */
import { type Kysely, sql } from 'kysely';

const OPEN = `('new','open','pending_customer','pending_department')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table customers (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      phone text,
      kind text not null default 'individual' check (kind in ('individual','enterprise')),
      tier text not null default 'standard' check (tier in ('standard','key')),
      account_manager_id uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index customers_phone on customers (phone)`.execute(db);
  await sql`create index customers_name on customers (name)`.execute(db);

  // Category and cause codes: data admins edit; cause codes feed the reports.
  await sql`
    create table ticket_codes (
      code text primary key,
      kind text not null check (kind in ('category','cause')),
      name_zh text not null,
      name_en text not null,
      active boolean not null default true,
      sort integer not null default 0
    )`.execute(db);

  await sql`create sequence ticket_number_seq start 100001`.execute(db);
  await sql`
    create table tickets (
      id uuid primary key default gen_random_uuid(),
      number bigint not null unique default nextval('ticket_number_seq'),
      kind text not null check (kind in ('query','complaint','claim','suggestion','service_request','exception')),
      status text not null default 'new'
        check (status in ('new','open','pending_customer','pending_department','resolved','closed')),
      priority text not null default 'normal' check (priority in ('low','normal','high','urgent')),
      subject text not null,
      description text not null default '',
      channel text not null check (channel in ('phone','web','app','wechat','email','walk_in','social','system')),
      category_code text references ticket_codes(code),
      cause_code text references ticket_codes(code),
      customer_id uuid references customers(id),
      customer_name text,
      customer_phone text,
      customer_tier text not null default 'standard',
      team_id uuid references departments(id),
      owner_id uuid references users(id),
      confidential boolean not null default false,
      merged_into_id uuid references tickets(id),
      due_at timestamptz,
      first_response_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      close_reason text,
      rating smallint check (rating between 1 and 5),
      rating_reason text,
      rated_at timestamptz,
      search tsvector not null default ''::tsvector,
      version integer not null default 1,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    ) with (fillfactor = 85)`.execute(db);
  // Room on each page: status, priority and version change in place (HOT), without touching indexes.
  // Word statistics for the planner: rare words go through the GIN index, common ones newest-first.
  await sql`alter table tickets alter column search set statistics 1000`.execute(db);
  // Queues are read in clock-urgency order; each index covers one queue's open tickets only.
  await sql.raw(`create index tickets_owner_queue on tickets (owner_id, due_at, number) where status in ${OPEN}`).execute(db);
  await sql.raw(`create index tickets_team_queue on tickets (team_id, due_at, number) where status in ${OPEN}`).execute(db);
  await sql.raw(`create index tickets_open_due on tickets (due_at, number) where status in ${OPEN}`).execute(db);
  await sql`create index tickets_customer_phone on tickets (customer_phone)`.execute(db);
  await sql`create index tickets_customer_name on tickets (customer_name)`.execute(db);
  await sql`create index tickets_customer on tickets (customer_id)`.execute(db);
  await sql`create index tickets_created on tickets (created_at desc, number desc)`.execute(db);
  await sql`create index tickets_search on tickets using gin (search)`.execute(db);

  // Customer self-service links: a secret per link (only its digest is kept), several per ticket.
  await sql`
    create table ticket_links (
      token_hash text primary key,
      ticket_id uuid not null references tickets(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ticket_links_ticket on ticket_links (ticket_id)`.execute(db);

  await sql`
    create table ticket_waybills (
      ticket_id uuid not null references tickets(id),
      waybill_no text not null,
      primary key (ticket_id, waybill_no)
    )`.execute(db);
  await sql`create index ticket_waybills_waybill on ticket_waybills (waybill_no)`.execute(db);

  await sql`
    create table contacts (
      id uuid primary key default gen_random_uuid(),
      channel text not null check (channel in ('phone','web','app','wechat','email','walk_in','social','system')),
      customer_id uuid references customers(id),
      customer_name text,
      customer_phone text,
      waybill_nos text[] not null default '{}',
      question text not null,
      answer text not null default '',
      agent_id uuid references users(id),
      ticket_id uuid references tickets(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index contacts_phone on contacts (customer_phone)`.execute(db);
  await sql`create index contacts_waybills on contacts using gin (waybill_nos)`.execute(db);
  await sql`create index contacts_ticket on contacts (ticket_id)`.execute(db);

  // The ticket timeline: who, when, what, from → to. Append-only, enforced by the database.
  await sql`
    create table ticket_events (
      id bigint generated always as identity primary key,
      ticket_id uuid not null references tickets(id),
      at timestamptz not null default clock_timestamp(),
      actor_id uuid,
      actor_name text not null,
      kind text not null,
      visibility text not null default 'internal' check (visibility in ('public','internal')),
      from_value text,
      to_value text,
      body text,
      detail jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index ticket_events_ticket on ticket_events (ticket_id, id)`.execute(db);
  await sql`
    create function append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name using errcode = 'P0001';
    end $$`.execute(db);
  await sql`
    create trigger ticket_events_append_only before update or delete on ticket_events
    for each statement execute function append_only()`.execute(db);
  await sql`
    create trigger ticket_events_no_truncate before truncate on ticket_events
    for each statement execute function append_only()`.execute(db);

  // SLA clocks (domain/sla/clock.ts). next_check_at is when the clock job must look again.
  await sql`
    create table ticket_clocks (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id),
      kind text not null,
      basis text not null check (basis in ('calendar','business')),
      target_minutes integer not null,
      started_at timestamptz not null,
      used_minutes double precision not null default 0,
      running_since timestamptz,
      paused_at timestamptz,
      stopped_at timestamptz,
      warned_at timestamptz,
      breached_at timestamptz,
      due_at timestamptz,
      next_check_at timestamptz,
      policy_version integer not null,
      unique (ticket_id, kind)
    ) with (fillfactor = 85)`.execute(db);
  await sql`create index ticket_clocks_next_check on ticket_clocks (next_check_at) where next_check_at is not null`.execute(db);
  // The supervisor board: clocks past their warning and not yet breached ("about to breach").
  await sql`create index ticket_clocks_at_risk on ticket_clocks (due_at) where warned_at is not null and breached_at is null and stopped_at is null`.execute(db);

  await sql`
    create table ticket_callbacks (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id),
      scheduled_for timestamptz not null,
      assignee_id uuid references users(id),
      outcome text check (outcome in ('satisfied','unsatisfied','unreachable')),
      note text,
      done_at timestamptz,
      done_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ticket_callbacks_due on ticket_callbacks (scheduled_for) where done_at is null`.execute(db);
  await sql`create index ticket_callbacks_ticket on ticket_callbacks (ticket_id)`.execute(db);

  // 相应部门回复: a department answers without taking ownership.
  await sql`
    create table ticket_department_requests (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id),
      department_id uuid not null references departments(id),
      question text not null,
      asked_by uuid references users(id),
      asked_at timestamptz not null default now(),
      due_at timestamptz,
      reply text,
      replied_by uuid references users(id),
      replied_at timestamptz
    )`.execute(db);
  await sql`create index ticket_department_requests_open on ticket_department_requests (department_id, asked_at) where replied_at is null`.execute(db);
  await sql`create index ticket_department_requests_ticket on ticket_department_requests (ticket_id)`.execute(db);

  await sql`
    create table ticket_attachments (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id),
      file_name text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      storage_key text not null,
      uploaded_by uuid references users(id),
      uploaded_by_customer boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ticket_attachments_ticket on ticket_attachments (ticket_id)`.execute(db);

  // The phrase library of seed 002: data admins edit.
  await sql`
    create table standard_phrases (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      situation text not null,
      title text not null,
      text text not null,
      source text not null default '',
      active boolean not null default true,
      sort integer not null default 0,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table forbidden_phrases (
      id uuid primary key default gen_random_uuid(),
      phrase text not null,
      normalized text not null unique,
      category text not null,
      match text not null check (match in ('contains','standalone')),
      source text not null default '',
      active boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);
  // Every hit is kept for quality checks (质检), blocked or not.
  await sql`
    create table phrase_hits (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      ticket_id uuid references tickets(id),
      user_id uuid references users(id),
      phrase text not null,
      category text not null,
      excerpt text not null,
      blocked boolean not null
    )`.execute(db);
  await sql`create index phrase_hits_at on phrase_hits (at desc)`.execute(db);
  await sql`create index phrase_hits_user on phrase_hits (user_id, at desc)`.execute(db);

  // Business calendar: the days that differ from the ordinary week (holidays, 调休 working days).
  await sql`
    create table calendar_days (
      date date primary key,
      kind text not null check (kind in ('holiday','workday')),
      name text not null,
      source text not null default ''
    )`.execute(db);

  await sql`
    create table sla_policies (
      version integer primary key,
      policy jsonb not null,
      note text not null,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  // Small company-wide settings (calendar hours, phrase-guard mode, exception routing).
  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_by text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table agent_duty (
      user_id uuid primary key references users(id),
      on_duty boolean not null default false,
      capacity integer not null default 30 check (capacity between 0 and 500),
      last_assigned_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);

  // Exceptions become tickets: a job picks the ones without a ticket yet.
  await sql`alter table shipment_exceptions add column ticket_id uuid references tickets(id)`.execute(db);
  await sql`create index shipment_exceptions_unticketed on shipment_exceptions (raised_at) where ticket_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index shipment_exceptions_unticketed`.execute(db);
  await sql`alter table shipment_exceptions drop column ticket_id`.execute(db);
  for (const table of [
    'agent_duty', 'settings', 'sla_policies', 'calendar_days', 'phrase_hits', 'forbidden_phrases', 'standard_phrases',
    'ticket_attachments', 'ticket_department_requests', 'ticket_callbacks', 'ticket_clocks', 'ticket_events', 'contacts',
    'ticket_waybills', 'ticket_links', 'tickets', 'ticket_codes', 'customers',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
  await sql`drop function append_only()`.execute(db);
  await sql`drop sequence ticket_number_seq`.execute(db);
}
