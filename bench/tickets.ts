/**
 * `npm run bench:tickets` — issue 4 §12; prints numbers, it is not a test and asserts nothing.
 *
 * On a real PostgreSQL started from the machine's binaries:
 *  1. set-up (not measured): migrate, seed the reference data and the demo company, add bench
 *     agents, then load tickets set-based (generate_series; indexes built after the load):
 *     1,000,000 tickets of which 200,000 open, with customers, waybills, SLA clocks and the search
 *     words computed by the app's own jieba segmentation (words.ts indexWords) for a pool of texts;
 *  2. the real server in a child process (jobs off) on that database, people signed in through
 *     /api/auth, load from autocannon: agent queue, supervisor open list (first and a deep page),
 *     exact waybill / phone search, Chinese keyword search, search by what agents type (a phone's
 *     last 4 digits, a surname, a given name), then ticket creation;
 *  3. the clock job (processDueClocks) in this process against the same database: 10,000 due
 *     clocks among 1,000,000 clocks waiting for a check;
 *  4. the server's peak memory (VmHWM).
 *
 * Scale: BENCH_TICKETS (default 1,000,000), BENCH_OPEN (default a fifth), BENCH_OPEN_CLOCKS
 * (default = BENCH_TICKETS), BENCH_DUE_CLOCKS (default 10,000 at full scale, pro rata below),
 * BENCH_SECONDS (10 per measurement), BENCH_CONNECTIONS (8). BENCH_EXPLAIN=1 also prints the plans
 * (EXPLAIN ANALYZE) of the measured list and search queries, as the app builds them, the
 * statements of one ticket creation and of the clock job with their times and plans.
 * BENCH_WAITS=1 samples what the clock job's backends wait on during its first run.
 * BENCH_SERVER_ARGS: extra node arguments for the server (bench/support/server.ts).
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { DEFAULT_SLA_POLICY, PRIORITIES, targetsFor, type Priority, type TicketKind } from '../src/domain/sla/policy.js';
import { createReferenceData } from '../src/modules/reference/cache.js';
import { DEFAULT_TICKET_CAUSES } from '../src/modules/reference/seed.js';
import { processDueClocks } from '../src/modules/tickets/jobs.js';
import { listTickets, type ListInput } from '../src/modules/tickets/queries.js';
import { createTicket } from '../src/modules/tickets/service.js';
import { indexWords, queryWords } from '../src/modules/tickets/words.js';
import { runBench, signIn, startBenchDatabase, type Leftovers, type Session } from './support/postgres.js';
import { startServerProcess } from './support/server.js';
import { buildTemplates, GIVEN_NAMES, MARKER_SENTENCE, MARKER_WORD, prng, SURNAMES, type TicketTemplate } from './support/ticket-texts.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const OPEN = Number(process.env.BENCH_OPEN ?? Math.round(TICKETS / 5));
const OPEN_CLOCKS = Number(process.env.BENCH_OPEN_CLOCKS ?? TICKETS);
const DUE = Number(process.env.BENCH_DUE_CLOCKS ?? Math.max(100, Math.round((10_000 * TICKETS) / 1_000_000)));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
/** What to measure: the HTTP routes, the clock job, or both (default). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'http,clocks').split(',').map((x) => x.trim()));
const CUSTOMERS = Math.round(TICKETS * 0.6);
const TEMPLATES = 20_000;
const OWNERS = 36; // agent01, agent02, kam01 and 33 bench agents: agent01 owns ~1/36 of the assigned open tickets
const TIME_ZONE = 'Asia/Shanghai';

if (OPEN > TICKETS || DUE > OPEN) throw new Error('need BENCH_DUE_CLOCKS ≤ BENCH_OPEN ≤ BENCH_TICKETS');

const leftovers: Leftovers = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secondsSince = (t: number) => (performance.now() - t) / 1000;
const log = (line: string) => console.log(`  · ${line}`);

// ---------------------------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------------------------

const PHONE_PREFIXES = ['138', '139', '150', '158', '186', '177', '135', '199'];
const CHANNEL_WEIGHTS: Array<[string, number]> = [['phone', 45], ['wechat', 20], ['app', 12], ['web', 12], ['email', 4], ['walk_in', 3], ['social', 4]];
const CHANNEL_WHEEL = CHANNEL_WEIGHTS.flatMap(([c, w]) => Array<string>(w).fill(c)); // 100 slots

/** SQL for the name and phone of customer number `c` (an integer column), the same everywhere. */
const customerName = (c: string) =>
  sql<string>`(${SURNAMES}::text[])[1 + ${sql.raw(c)} % ${SURNAMES.length}] || (${GIVEN_NAMES}::text[])[1 + (${sql.raw(c)} / ${SURNAMES.length}) % ${GIVEN_NAMES.length}]`;
const customerPhone = (c: string) =>
  sql<string>`(${PHONE_PREFIXES}::text[])[1 + ${sql.raw(c)} % 8] || lpad(((${sql.raw(c)}::bigint * 7919 + 12345) % 100000000)::text, 8, '0')`;
/**
 * A ticket id as the app makes them (uuid_v7, migration 2026-11-23T0600): the creation instant's
 * Unix milliseconds, the version 7, then bits of `seed` (distinct per ticket).
 */
const timeOrderedId = (created: string, seed: string) =>
  sql<string>`(lpad(to_hex(floor(extract(epoch from ${sql.raw(created)}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${sql.raw(seed)}), 14))::uuid`;
/** Waybill number k: 'PD' and 12 digits, distinct for every k below 10^12. */
const waybillSql = (k: string) => sql<string>`'PD' || lpad(((${sql.raw(k)}::bigint * 7919 + 13) % 1000000000000)::text, 12, '0')`;
const waybillOf = (k: number) => `PD${String((k * 7919 + 13) % 1_000_000_000_000).padStart(12, '0')}`;

interface Loaded {
  templates: TicketTemplate[];
  owners: { id: string; team: string }[];
  agent01: string;
  loadSeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
  markerNumber: string;
}

async function exec(db: Kysely<DB>, query: { execute(db: Kysely<DB>): Promise<unknown> }, label: string) {
  const started = performance.now();
  await query.execute(db);
  log(`${label} (${secondsSince(started).toFixed(1)} s)`);
}

/** Bench agents, so 200,000 open tickets spread over a desk of realistic size. */
async function addBenchAgents(db: Kysely<DB>) {
  const departments = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const spread = ['CS-CALL', 'CS-CALL', 'CS-CALL', 'CS-CALL', 'CS-FRONT', 'CS-CALL', 'CLAIMS', 'CS-KA'].map((c) => departments.get(c)!);
  await sql`
    insert into users (username, display_name, role, department_id, password_hash)
    select 'bench_agent' || lpad(n::text, 2, '0'), ${customerName('(n * 7)')}, 'agent',
      (${spread}::uuid[])[1 + n % ${spread.length}], (select password_hash from users where username = 'agent01')
    from generate_series(1, ${OWNERS - 3}) as n`.execute(db);
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'department_id'])
    .where((eb) => eb.or([eb('username', 'in', ['agent01', 'agent02', 'kam01']), eb('username', 'like', 'bench_agent%')]))
    .orderBy('username')
    .execute();
  const agent01 = users.find((u) => u.username === 'agent01')!.id;
  const owners = users.map((u) => ({ id: u.id, team: u.department_id! }));
  if (owners.length !== OWNERS) throw new Error(`expected ${OWNERS} owners, got ${owners.length}`);
  return { owners, agent01, callCentre: departments.get('CS-CALL')!, claims: departments.get('CLAIMS')! };
}

/** Non-constraint indexes of the bulk-loaded tables: dropped before the load, rebuilt after it. */
async function secondaryIndexes(db: Kysely<DB>) {
  const rows = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relname in ('tickets', 'ticket_clocks', 'ticket_waybills', 'customers')
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`.execute(db);
  return rows.rows;
}

async function loadData(database: Database): Promise<Loaded> {
  const db = database.db;
  const load = new Date();
  const loadStarted = performance.now();
  const { owners, agent01, callCentre, claims } = await addBenchAgents(db);
  const kam = (await db.selectFrom('users').select('id').where('username', '=', 'kam01').executeTakeFirstOrThrow()).id;
  const policy = await sql<{ version: number; policy: typeof DEFAULT_SLA_POLICY }>`select version, policy from sla_policies order by version desc limit 1`.execute(db);
  const policyVersion = policy.rows[0]?.version ?? 1;
  const slaPolicy = policy.rows[0]?.policy ?? DEFAULT_SLA_POLICY;

  // Texts: a pool of templates, segmented once by the app's own indexWords.
  let started = performance.now();
  const templates = buildTemplates(TEMPLATES);
  const words = templates.map((t) => indexWords(`${t.subject} ${t.description}`));
  const nonSuggestion = templates.map((t, i) => (t.kind === 'suggestion' ? -1 : i)).filter((i) => i >= 0);
  await sql`create unlogged table bench_templates (id int primary key, kind text, category text, subject text, description text, search tsvector)`.execute(db);
  await sql`
    insert into bench_templates
    select id, kind, category, subject, description, to_tsvector('simple', words)
    from unnest(${templates.map((_, i) => i)}::int[], ${templates.map((t) => t.kind)}::text[], ${templates.map((t) => t.category)}::text[],
                ${templates.map((t) => t.subject)}::text[], ${templates.map((t) => t.description)}::text[], ${words}::text[])
      as t(id, kind, category, subject, description, words)`.execute(db);
  log(`${fmt(templates.length)} ticket texts segmented with jieba (${secondsSince(started).toFixed(1)} s)`);

  // SLA targets of every kind × priority × tier, from the policy in force.
  const targets: { kind: string; priority: string; tier: string; fr: number | null; frBasis: string | null; res: number | null; resBasis: string | null }[] = [];
  for (const kind of ['query', 'complaint', 'claim', 'suggestion', 'service_request', 'exception'] as TicketKind[]) {
    for (const priority of PRIORITIES as readonly Priority[]) {
      for (const tier of ['standard', 'key'] as const) {
        const t = targetsFor(slaPolicy, kind, priority, tier);
        targets.push({ kind, priority, tier, fr: t.firstResponse?.minutes ?? null, frBasis: t.firstResponse?.basis ?? null, res: t.resolution?.minutes ?? null, resBasis: t.resolution?.basis ?? null });
      }
    }
  }
  await sql`
    create unlogged table bench_targets as
    select * from unnest(${targets.map((t) => t.kind)}::text[], ${targets.map((t) => t.priority)}::text[], ${targets.map((t) => t.tier)}::text[],
      ${targets.map((t) => t.fr)}::int[], ${targets.map((t) => t.frBasis)}::text[], ${targets.map((t) => t.res)}::int[], ${targets.map((t) => t.resBasis)}::text[])
      as t(kind, priority, tier, fr, fr_basis, res, res_basis)`.execute(db);

  const indexes = await secondaryIndexes(db);
  for (const index of indexes) await sql`drop index ${sql.raw(index.name)}`.execute(db);

  const closed = TICKETS - OPEN;
  const minutes = (x: string) => sql`interval '1 minute' * (${sql.raw(x)})`;
  const ownerIds = owners.map((o) => o.id);
  const ownerTeams = owners.map((o) => o.team);
  const causes = DEFAULT_TICKET_CAUSES.map((c) => c.code);

  await database.db.connection().execute(async (conn) => {
    // Set-up only: the rows are valid by construction, so skip the per-row foreign-key triggers.
    await sql`set session_replication_role = replica`.execute(conn);
    await exec(
      conn,
      sql`
      insert into customers (id, name, phone, kind, tier, account_manager_id, created_at, updated_at)
      select md5('bench-customer-' || c)::uuid, ${customerName('c')}, ${customerPhone('c')},
        case when c % 20 = 0 then 'enterprise' else 'individual' end,
        case when c % 33 = 0 then 'key' else 'standard' end,
        case when c % 33 = 0 then ${kam}::uuid end,
        ${load}::timestamptz - interval '400 days', ${load}::timestamptz - interval '400 days'
      from generate_series(0, ${CUSTOMERS - 1}) as c`,
      `${fmt(CUSTOMERS)} customers`,
    );

    // The plan: one row per ticket with its state and the instants of its clocks. Open tickets are
    // the newest numbers; their age decides the clocks: the first DUE of them are young tickets
    // whose first-response clock is due for its warning now; every other open ticket is older than
    // its first-response target (answered, or breached while unassigned) with its resolution
    // clock running, warned, breached or paused — and no next check within two hours.
    await exec(
      conn,
      sql`
      create unlogged table bench_plan as
      with b as (
        select i, i >= ${closed} as is_open, (i >= ${closed} and i < ${closed + DUE}) as is_due,
          random() as r_state, random() as r_age, random() as r_fr, random() as r_res, random() as r_prio, random() as r_close
        from generate_series(0, ${TICKETS - 1}) as i
      ), t as (
        select b.*,
          case when b.is_due then (${nonSuggestion}::int[])[1 + abs(hashint4(b.i)) % ${nonSuggestion.length}] else abs(hashint4(b.i)) % ${TEMPLATES} end as tpl,
          abs(hashint4(b.i * 3 + 1)) % ${CUSTOMERS} as cust,
          1 + abs(hashint4(b.i * 5 + 2)) % ${OWNERS} as owner_k,
          case when b.r_prio < 0.05 then 'low' when b.r_prio < 0.80 then 'normal' when b.r_prio < 0.95 then 'high' else 'urgent' end as priority
        from b
      ), k as (
        select t.*, tp.kind, tp.category,
          case when t.cust % 33 = 0 then 'key' else 'standard' end as tier,
          case when not t.is_open then case when t.r_state < 0.04 then 'resolved' else 'closed' end
               when t.is_due then case when t.r_state < 0.5 then 'new' else 'open' end
               when t.r_state < 0.10 then 'new'
               when t.r_state < 0.685 then 'open'
               when t.r_state < 0.865 then 'pending_customer'
               else 'pending_department' end as status
        from t join bench_templates tp on tp.id = t.tpl
      ), g as (
        select k.*, g.fr, g.fr_basis, g.res, g.res_basis,
          case when not k.is_open then null
               when k.is_due then g.fr * 0.8 + 0.5 + k.r_age * 0.45 * g.fr
               when g.res is null then 2880 + k.r_age * 7200
               else (select case when a0 between 0.8 * g.res - 120 and 0.8 * g.res then 0.8 * g.res
                                 when a0 between g.res - 120 and g.res then g.res + 1
                                 else a0 end
                     from (select g.fr + 10 + k.r_age * (1.1 * g.res - g.fr - 10) as a0) x) end as age
        from k join bench_targets g on g.kind = k.kind and g.priority = k.priority and g.tier = k.tier
      ), c as (
        select g.*,
          case when g.is_open then ${load}::timestamptz - ${minutes('g.age')}
               else ${load}::timestamptz - interval '400 days' + interval '390 days' * (g.i::float8 / ${Math.max(closed, 1)}) end as created,
          case when g.fr is null then null
               when g.is_due then 'running'
               when g.is_open and g.status = 'new' then 'breached'
               else 'stopped' end as fr_state,
          case when g.res is null then null
               when not g.is_open then 'stopped'
               when g.status = 'pending_customer' then 'paused'
               when g.is_due then 'running'
               when g.age >= g.res then 'breached'
               when g.age >= 0.8 * g.res then 'warned'
               else 'running' end as res_state
        from g
      ), s as (
        select c.*,
          case when c.fr_state = 'stopped'
               then c.created + ${minutes('c.fr * (case when not c.is_open and c.r_fr < 0.05 then 1.2 else 0.1 + 0.6 * c.r_fr end)')} end as fr_stop,
          case when c.res_state = 'paused' then least(c.age * (0.3 + 0.6 * c.r_res), 0.95 * c.res) end as res_used
        from c
      ), r as (
        select s.*,
          case when s.is_open then null
               when s.res is null then s.created + interval '2 days'
               else greatest(coalesce(s.fr_stop, s.created) + interval '10 minutes', s.created + ${minutes('s.res * (0.05 + 0.6 * s.r_res)')}) end as resolved_at
        from s
      )
      select r.*, ${timeOrderedId('r.created', "'bench-ticket-' || r.i")} as id,
        case when r.status = 'closed' then r.resolved_at + interval '1 day' + interval '2 days' * r.r_close end as closed_at,
        case when r.is_open and r.status = 'new' then null else (${ownerIds}::uuid[])[r.owner_k] end as owner_id,
        case when r.is_open and r.status = 'new' then (case when r.kind = 'claim' then ${claims}::uuid else ${callCentre}::uuid end)
             else (${ownerTeams}::uuid[])[r.owner_k] end as team_id,
        least(case when r.fr_state in ('running', 'breached') then r.created + ${minutes('r.fr')} end,
              case when r.res_state in ('running', 'warned', 'breached') then r.created + ${minutes('r.res')} end) as due_at,
        case when r.kind = 'exception' then 'system' else (${CHANNEL_WHEEL}::text[])[1 + abs(hashint4(r.i * 7 + 3)) % 100] end as channel
      from r`,
      'plan',
    );

    await exec(
      conn,
      sql`
      insert into tickets (id, number, kind, status, priority, subject, description, channel, category_code, cause_code,
        customer_id, customer_name, customer_phone, customer_tier, team_id, owner_id, confidential, due_at, first_response_at,
        resolved_at, closed_at, rating, rated_at, search, version, created_by, created_at, updated_at)
      select p.id, p.number, p.kind, p.status, p.priority, tp.subject, tp.description, p.channel, tp.category,
        case when not p.is_open then (${causes}::text[])[1 + abs(hashint4(p.i * 11)) % ${causes.length}] end,
        md5('bench-customer-' || p.cust)::uuid, ${customerName('p.cust')}, ${customerPhone('p.cust')}, p.tier, p.team_id, p.owner_id,
        abs(hashint4(p.i * 13)) % 100 = 0, p.due_at, p.fr_stop, p.resolved_at, p.closed_at,
        case when p.closed_at is not null and p.r_close < 0.3 then 1 + abs(hashint4(p.i * 17)) % 5 end,
        case when p.closed_at is not null and p.r_close < 0.3 then p.closed_at end,
        tp.search, 1 + p.i % 5, p.owner_id, p.created,
        greatest(p.created, p.fr_stop, p.resolved_at, p.closed_at)
      from (select bench_plan.*, 100001 + i as number from bench_plan) p
      join bench_templates tp on tp.id = p.tpl`,
      `${fmt(TICKETS)} tickets`,
    );

    await exec(
      conn,
      sql`
      insert into ticket_waybills (ticket_id, waybill_no)
      select id, ${waybillSql('case when i > 0 and abs(hashint4(i * 19 + 5)) % 100 < 8 then i - 1 else i end')}
      from bench_plan
      union all
      select id, ${waybillSql(`i + ${2 * TICKETS}`)}
      from bench_plan where abs(hashint4(i * 23 + 7)) % 100 < 30`,
      'waybills (1–2 per ticket; 8 % of tickets about the same parcel as the ticket before)',
    );

    await exec(
      conn,
      sql`
      insert into ticket_clocks (ticket_id, kind, basis, target_minutes, started_at, used_minutes, running_since, paused_at,
        stopped_at, warned_at, breached_at, due_at, next_check_at, policy_version)
      select id, 'first_response', fr_basis, fr, created,
        case when fr_state = 'stopped' then extract(epoch from fr_stop - created) / 60 else 0 end,
        case when fr_state in ('running', 'breached') then created end,
        null,
        case when fr_state = 'stopped' then fr_stop end,
        case when fr_state = 'breached' or (fr_state = 'stopped' and fr_stop >= created + ${minutes('fr * 0.8')}) then created + ${minutes('fr * 0.8')} end,
        case when fr_state = 'breached' or (fr_state = 'stopped' and fr_stop >= created + ${minutes('fr')}) then created + ${minutes('fr')} end,
        case when fr_state in ('running', 'breached') then created + ${minutes('fr')} end,
        case when fr_state = 'running' then created + ${minutes('fr * 0.8')} end,
        ${policyVersion}::int
      from bench_plan where fr is not null
      union all
      select id, 'resolution', res_basis, res, created,
        case res_state when 'stopped' then extract(epoch from resolved_at - created) / 60 when 'paused' then res_used else 0 end,
        case when res_state in ('running', 'warned', 'breached') then created end,
        case when res_state = 'paused' then created + ${minutes('res_used')} end,
        case when res_state = 'stopped' then resolved_at end,
        case when res_state in ('warned', 'breached') or (res_state = 'paused' and res_used >= 0.8 * res) then created + ${minutes('res * 0.8')} end,
        case when res_state = 'breached' then created + ${minutes('res')} end,
        case when res_state in ('running', 'warned', 'breached') then created + ${minutes('res')} end,
        case when res_state = 'running' then created + ${minutes('res * 0.8')} when res_state = 'warned' then created + ${minutes('res')} end,
        ${policyVersion}::int
      from bench_plan where res is not null`,
      'clocks (first response and resolution; stopped on closed tickets)',
    );
    await sql`set session_replication_role = origin`.execute(conn);
  });
  await sql`select setval('ticket_number_seq', (select max(number) from tickets))`.execute(db);
  await sql`drop table bench_plan`.execute(db);
  await sql`drop table bench_targets`.execute(db);
  const loadSeconds = secondsSince(loadStarted);

  started = performance.now();
  await db.connection().execute(async (conn) => {
    await sql`set maintenance_work_mem = '1GB'`.execute(conn);
    for (const index of indexes) await exec(conn, sql.raw(index.def), `index ${index.name}`);
  });
  const indexSeconds = secondsSince(started);

  // One ticket carries a sentence found nowhere else; search must find it by a word inside.
  const marker = await sql<{ id: string; number: string; subject: string }>`
    select id, number::text as number, subject from tickets
    where status = 'open' and not confidential and number = (select min(number) from tickets where status = 'open' and not confidential)`.execute(db);
  const m = marker.rows[0]!;
  await sql`update tickets set description = ${MARKER_SENTENCE}, search = to_tsvector('simple', ${indexWords(`${m.subject} ${MARKER_SENTENCE}`)}) where id = ${m.id}`.execute(db);

  started = performance.now();
  for (const table of ['customers', 'tickets', 'ticket_waybills', 'ticket_clocks']) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  const vacuumSeconds = secondsSince(started);
  log(`vacuum analyze (${vacuumSeconds.toFixed(1)} s)`);
  return { templates, owners, agent01, loadSeconds, indexSeconds, vacuumSeconds, markerNumber: m.number };
}

/**
 * The schema allows one clock per ticket and kind, and an open ticket runs two (first response,
 * resolution), so 200,000 open tickets cannot hold 1,000,000 clocks: after the HTTP measurements,
 * open claim tickets (opened 1–12 hours ago, both clocks running, none due) are added until
 * 1,000,000 clocks wait for a check.
 */
async function topUpClocks(db: Kysely<DB>, owners: { id: string; team: string }[], templates: TicketTemplate[]) {
  const waiting = Number((await sql<{ n: string }>`select count(*) as n from ticket_clocks where next_check_at is not null`.execute(db)).rows[0]!.n);
  const missing = OPEN_CLOCKS - waiting;
  if (missing <= 0) return { added: 0, waitingBefore: waiting };
  const t = targetsFor(DEFAULT_SLA_POLICY, 'claim', 'normal', 'standard');
  const claimTemplates = templates.map((x, i) => (x.kind === 'claim' ? i : -1)).filter((i) => i >= 0);
  const tickets = Math.ceil(missing / 2);
  const now = new Date();
  const minutes = (x: string) => sql`interval '1 minute' * (${sql.raw(x)})`;
  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    await sql`
      create temp table bench_extra as
      select x.*, ${timeOrderedId('x.created', "'bench-extra-' || x.k")} as id
      from (
        select k, ${now}::timestamptz - ${minutes('60 + random() * 660')} as created,
          (${claimTemplates}::int[])[1 + abs(hashint4(k)) % ${claimTemplates.length}] as tpl, 1 + abs(hashint4(k * 5 + 2)) % ${OWNERS} as owner_k
        from generate_series(0, ${tickets - 1}) as k
      ) x`.execute(conn);
    await sql`
      insert into tickets (id, kind, status, priority, subject, description, channel, category_code, customer_name, customer_phone,
        team_id, owner_id, due_at, search, created_by, created_at, updated_at)
      select e.id, 'claim', 'open', 'normal', tp.subject, tp.description, 'phone', tp.category, ${customerName('e.k')}, ${customerPhone('e.k')},
        (${owners.map((o) => o.team)}::uuid[])[e.owner_k], (${owners.map((o) => o.id)}::uuid[])[e.owner_k],
        e.created + ${minutes(String(t.firstResponse!.minutes))}, tp.search, (${owners.map((o) => o.id)}::uuid[])[e.owner_k], e.created, e.created
      from bench_extra e join bench_templates tp on tp.id = e.tpl`.execute(conn);
    await sql`
      insert into ticket_clocks (ticket_id, kind, basis, target_minutes, started_at, running_since, due_at, next_check_at, policy_version)
      select id, 'first_response', ${t.firstResponse!.basis}::text, ${t.firstResponse!.minutes}::int, created, created,
        created + ${minutes(String(t.firstResponse!.minutes))}, created + ${minutes(String(t.firstResponse!.minutes * 0.8))}, 1
      from bench_extra
      union all
      select id, 'resolution', ${t.resolution!.basis}::text, ${t.resolution!.minutes}::int, created, created,
        created + ${minutes(String(t.resolution!.minutes))}, created + ${minutes(String(t.resolution!.minutes * 0.8))}, 1
      from bench_extra where k < ${Math.floor(missing / 2)}`.execute(conn);
    await sql`set session_replication_role = origin`.execute(conn);
    await sql`drop table bench_extra`.execute(conn);
  });
  // What autovacuum and the checkpointer do to a running system before the job's next minute: the
  // measurement starts from a database at rest, not from one still writing out a bulk load. Every
  // table: after the HTTP runs, the timeline and contacts have grown from nothing, and autovacuum
  // would otherwise pick them up while the job runs.
  await sql`vacuum (analyze)`.execute(db);
  await sql`checkpoint`.execute(db);
  // A bulk load passes through a small ring of buffers, so the tables would start out of PostgreSQL's
  // cache; in a running server the open tickets and their clocks are in it (shared_buffers here
  // holds the whole database). pg_prewarm puts them there.
  if (process.env.BENCH_PREWARM !== '0') {
    await sql`create extension if not exists pg_prewarm`.execute(db);
    await sql`
      select sum(pg_prewarm(c.oid)) from pg_class c
      where c.oid in (select unnest(array['tickets', 'ticket_clocks', 'ticket_events']::regclass[]))
         or c.oid in (select indexrelid from pg_index where indrelid = any(array['tickets', 'ticket_clocks', 'ticket_events']::regclass[]))`.execute(db);
  }
  return { added: tickets, waitingBefore: waiting };
}

// ---------------------------------------------------------------------------------------------
// The server and the measurements
// ---------------------------------------------------------------------------------------------

interface TicketPage {
  items: { id: string; number: string; subject: string }[];
  nextCursor: string | null;
}

async function getPage(url: string, session: Session, path: string): Promise<TicketPage> {
  const response = await fetch(`${url}${path}`, { headers: session.headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as TicketPage;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

async function measure(url: string, requests: autocannon.Request[], seconds = SECONDS, connections = CONNECTIONS): Promise<Measured> {
  const result = await autocannon({ url, connections, duration: seconds, requests });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** A short untimed run first (caches, connections, JIT), then the measured one. */
async function warmAndMeasure(url: string, requests: autocannon.Request[]): Promise<Measured> {
  await measure(url, requests, Math.min(3, SECONDS));
  return measure(url, requests);
}

const randomOf = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const getList = (session: Session, paths: () => string): autocannon.Request => ({
  method: 'GET',
  headers: session.headers,
  setupRequest: (req) => ({ ...req, path: paths() }),
});

/**
 * Ticket bodies for the creation run. Each request is a new case: its own fresh waybills and a phone
 * no loaded customer has (prefix 166), since a contact about a waybill or a phone with an open case
 * joins that case and the API first asks the agent (409 TICKET_OPEN_CASE).
 */
function creationBodies(templates: TicketTemplate[], count: number): Array<(n: number) => string> {
  const random = prng(42);
  const usable = templates.filter((t) => t.kind !== 'exception');
  const channels = CHANNEL_WHEEL;
  const bodies: Array<(n: number) => string> = [];
  for (let i = 0; i < count; i++) {
    const t = usable[Math.floor(random() * usable.length)]!;
    const channel = channels[Math.floor(random() * channels.length)]!;
    const twoParcels = random() < 0.3;
    const body: Record<string, unknown> = {
      kind: t.kind,
      subject: t.subject,
      description: t.description,
      channel,
      priority: random() < 0.85 ? 'normal' : 'high',
      customerName: SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)]!,
      categoryCode: t.category,
    };
    if ((channel === 'phone' || channel === 'walk_in') && random() < 0.3) body.answer = '已为您登记并查询，相关网点会尽快处理，请保持电话畅通。';
    bodies.push((n) => {
      const fresh = (k: number) => waybillOf(3 * TICKETS + n * 2 + k);
      return JSON.stringify({ ...body, waybillNos: twoParcels ? [fresh(0), fresh(1)] : [fresh(0)], customerPhone: `166${String(n).padStart(8, '0')}` });
    });
  }
  return bodies;
}

/**
 * BENCH_EXPLAIN=1: the app's own queries (listTickets and createTicket run in this process on a
 * Kysely that records what it sends), each list query then EXPLAIN ANALYZEd with its parameters.
 */
async function explainQueries(url: string, cases: Array<[string, string, ListInput]>, creationBody: string, creator: string) {
  const captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  const reference = createReferenceData({ timeZone: TIME_ZONE });
  try {
    const actorOf = async (username: string) => {
      const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', '=', username).executeTakeFirstOrThrow();
      return { kind: 'user' as const, id: u.id, username: u.username, displayName: u.display_name, role: u.role as 'agent', departmentId: u.department_id, sessionId: 'bench' };
    };
    for (const [label, username, input] of cases) {
      const actor = await actorOf(username);
      captured.length = 0;
      await listTickets({ db, reference }, actor, input);
      for (const statement of captured.filter((c) => /^\s*select/i.test(c.sql) && /\btickets\b/.test(c.sql))) {
        const plan = await pool.query(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
        console.log(`\n--- ${label} (${username}: ${JSON.stringify(input)})\n${statement.sql.replace(/\s+/g, ' ')}\n-- parameters: ${JSON.stringify(statement.parameters)}`);
        console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      }
    }
    const actor = await actorOf(creator);
    captured.length = 0;
    const started = performance.now();
    await createTicket({ db, reference }, actor, JSON.parse(creationBody));
    const total = performance.now() - started;
    console.log(`\n--- one createTicket in this process: ${total.toFixed(1)} ms, ${captured.length} statements`);
    for (const c of captured) console.log(`${c.ms.toFixed(1).padStart(7)} ms  ${c.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
  } finally {
    await db.destroy();
  }
}

const count = async (db: Kysely<DB>, query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(db)).rows[0]!.n);

async function run() {
  const totalStarted = performance.now();
  const { server: pgServer, url, database, db } = await startBenchDatabase(
    { shared_buffers: '4GB', max_wal_size: '4GB', checkpoint_timeout: '30min', maintenance_work_mem: '1GB' },
    TIME_ZONE,
    leftovers,
  );
  console.log(`set-up: PostgreSQL ${pgServer.version}, ${fmt(TICKETS)} tickets (${fmt(OPEN)} open)`);
  const loaded = await loadData(database);
  const setupSeconds = secondsSince(totalStarted);

  const stats = {
    tickets: await count(db, sql`select count(*) as n from tickets`),
    open: await count(db, sql`select count(*) as n from tickets where status in ('new','open','pending_customer','pending_department')`),
    agent01: await count(db, sql`select count(*) as n from tickets where owner_id = ${loaded.agent01} and status in ('new','open','pending_customer','pending_department')`),
    waybills: await count(db, sql`select count(*) as n from ticket_waybills`),
    customers: await count(db, sql`select count(*) as n from customers`),
    clocks: await count(db, sql`select count(*) as n from ticket_clocks`),
  };
  const sampleWaybills = (await sql<{ w: string }>`select waybill_no as w from ticket_waybills tablesample system (1) limit 2000`.execute(db)).rows.map((r) => r.w);
  const samplePhones = (await sql<{ p: string }>`select customer_phone as p from tickets tablesample system (1) where customer_phone is not null limit 2000`.execute(db)).rows.map((r) => r.p);

  // The HTTP measurements (skipped with BENCH_PARTS=clocks).
  const measureHttp = async () => {
    const server = await startServerProcess({ DATABASE_URL: url, TZ_COMPANY: TIME_ZONE }, leftovers);
    const agent = await signIn(server.url, 'agent01');
    const supervisor = await signIn(server.url, 'supervisor01');
    const creators = await Promise.all(loaded.owners.slice(3, 3 + CONNECTIONS).map((_, i) => signIn(server.url, `bench_agent${String(i + 1).padStart(2, '0')}`)));

    // Queues.
    console.log('measuring …');
    const trivial = await warmAndMeasure(server.url, [{ method: 'GET', path: '/healthz' }]);
    const me = await warmAndMeasure(server.url, [{ method: 'GET', path: '/api/auth/me', headers: agent.headers }]);
    const queue = await warmAndMeasure(server.url, [getList(agent, () => '/api/tickets?view=mine&limit=20')]);
    const openList = await warmAndMeasure(server.url, [getList(supervisor, () => '/api/tickets?view=open&limit=20')]);
    let cursor: string | null = null;
    const DEPTH = 50;
    for (let page = 0; page < DEPTH; page++) {
      const p: TicketPage = await getPage(server.url, supervisor, `/api/tickets?view=open&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    const deepPath = `/api/tickets?view=open&limit=20&cursor=${cursor}`;
    const deepList = cursor ? await warmAndMeasure(server.url, [getList(supervisor, () => deepPath)]) : null;

    // Exact search.
    const byWaybill = await warmAndMeasure(server.url, [getList(agent, () => `/api/tickets?q=${randomOf(sampleWaybills)}`)]);
    const byPhone = await warmAndMeasure(server.url, [getList(agent, () => `/api/tickets?q=${randomOf(samplePhones)}`)]);
    let exactHits = 0;
    const exactChecks = 20;
    for (let i = 0; i < exactChecks; i++) {
      const w = sampleWaybills[i]!;
      const p = await getPage(server.url, supervisor, `/api/tickets?q=${w}`);
      const ids = p.items.map((x) => x.id);
      if (ids.length && (await count(db, sql`select count(*) as n from ticket_waybills where waybill_no = ${w} and ticket_id = any(${ids}::uuid[])`)) > 0) exactHits++;
      const phone = samplePhones[i]!;
      const q = await getPage(server.url, supervisor, `/api/tickets?q=${phone}`);
      if (q.items.length && (await count(db, sql`select count(*) as n from tickets where customer_phone = ${phone} and id = any(${q.items.map((x) => x.id)}::uuid[])`)) > 0) exactHits++;
    }

    // Keyword search: a common word, a rare one, one found only inside a longer sentence, a compound.
    const keywords: Array<[string, string]> = [['破损', 'common'], ['冷链', 'rare'], ['挤压', 'only inside a sentence'], ['转运中心', 'two words: 转运 中心']];
    const keywordResults: Array<{ word: string; label: string; share: number; page: number; contain: number; m: Measured }> = [];
    let insideOk = true;
    for (const [word, label] of keywords) {
      const matching = await count(db, sql`select count(*) as n from tickets where search @@ plainto_tsquery('simple', ${queryWords(word).join(' ')})`);
      const page = await getPage(server.url, agent, `/api/tickets?q=${encodeURIComponent(word)}`);
      const ids = page.items.map((x) => x.id);
      const contain = ids.length
        ? await count(db, sql`select count(*) as n from tickets where id = any(${ids}::uuid[]) and strpos(subject || ' ' || description, ${word}) > 0`)
        : 0;
      if (ids.length === 0 || contain !== ids.length) insideOk = false;
      const m = await warmAndMeasure(server.url, [getList(agent, () => `/api/tickets?q=${encodeURIComponent(word)}`)]);
      keywordResults.push({ word, label, share: matching / stats.tickets, page: ids.length, contain, m });
    }
    // What agents type (domain/tickets/search.ts): the phone's last 4 digits, a surname, a given name.
    const suffixes = [...new Set(samplePhones.map((p) => p.slice(-4)))];
    const givenNames = GIVEN_NAMES.filter((g) => [...g].length === 2);
    const nameParts: Array<{ label: string; queries: string[]; holds: (q: string) => ReturnType<typeof sql<boolean>> }> = [
      { label: 'phone last 4 digits (random of the sampled phones)', queries: suffixes, holds: (q) => sql<boolean>`right(customer_phone, 4) = ${q}` },
      { label: `surname (random of ${SURNAMES.length}, each ~${(100 / SURNAMES.length).toFixed(1)} % of tickets)`, queries: SURNAMES, holds: (q) => sql<boolean>`left(customer_name, 1) = ${q}` },
      { label: `two-character given name (random of ${givenNames.length})`, queries: givenNames, holds: (q) => sql<boolean>`right(customer_name, 2) = ${q}` },
    ];
    const partResults: Array<{ label: string; m: Measured; checked: number; right: number }> = [];
    for (const part of nameParts) {
      // Page 1 of five queries: full (20), and every ticket on it matches as the label says.
      let right = 0;
      const checked = 5;
      for (const q of part.queries.slice(0, checked)) {
        const page = await getPage(server.url, agent, `/api/tickets?q=${encodeURIComponent(q)}&limit=20`);
        const ids = page.items.map((x) => x.id);
        const holding = ids.length ? await count(db, sql`select count(*) as n from tickets where id = any(${ids}::uuid[]) and ${part.holds(q)}`) : 0;
        if (ids.length === 20 && holding === 20) right++;
      }
      const m = await warmAndMeasure(server.url, [getList(agent, () => `/api/tickets?q=${encodeURIComponent(randomOf(part.queries))}&limit=20`)]);
      partResults.push({ label: part.label, m, checked, right });
    }
    const markerPage = await getPage(server.url, agent, `/api/tickets?q=${encodeURIComponent(MARKER_WORD)}`);
    const markerFound = markerPage.items.some((x) => x.number === loaded.markerNumber);

    // Creation: 8 agents, each request a different ticket from a pool of bodies.
    const bodies = creationBodies(loaded.templates, 2000);
    let next = 0;
    const before = await count(db, sql`select count(*) as n from tickets`);
    const creation = await measure(server.url, [
      {
        method: 'POST',
        path: '/api/tickets',
        setupRequest: (req) => {
          const n = next++;
          return { ...req, headers: { ...creators[n % creators.length]!.headers, 'content-type': 'application/json' }, body: bodies[n % bodies.length]!(n) };
        },
      },
    ]);
    await new Promise((r) => setTimeout(r, 1000)); // requests in flight when autocannon stopped
    const created = (await count(db, sql`select count(*) as n from tickets`)) - before;

    const memory = server.peakMemoryMb();
    await server.stop();

    if (process.env.BENCH_EXPLAIN === '1') {
      const cases: Array<[string, string, ListInput]> = [
        ['agent queue', 'agent01', { view: 'mine', limit: 20 }],
        ['open list, page 1', 'supervisor01', { view: 'open', limit: 20 }],
        ['open list, deep page', 'supervisor01', { view: 'open', limit: 20, cursor: cursor ?? undefined }],
        ['exact waybill', 'agent01', { q: sampleWaybills[0]! }],
        ['exact phone', 'agent01', { q: samplePhones[0]! }],
        ['phone last 4 digits', 'agent01', { q: samplePhones[0]!.slice(-4) }],
        ['surname', 'agent01', { q: SURNAMES[4]! }],
        ['given name', 'agent01', { q: '秀英' }],
        ...keywords.map(([word, label]): [string, string, ListInput] => [`keyword ${word} (${label})`, 'agent01', { q: word }]),
      ];
      await explainQueries(url, cases, bodies[0]!(0), 'bench_agent01');
    }
    return { trivial, me, queue, openList, deepList, byWaybill, byPhone, exactHits, exactChecks, keywordResults, partResults, markerFound, insideOk, creation, created, memory, DEPTH };
  };
  const http = PARTS.has('http') ? await measureHttp() : null;
  const created = http?.created ?? 0;

  // The clock job, in this process, on the same database.
  const topUpStarted = performance.now();
  const topUp = await topUpClocks(db, loaded.owners, loaded.templates);
  const topUpSeconds = secondsSince(topUpStarted);
  const now = new Date();
  const waiting = await count(db, sql`select count(*) as n from ticket_clocks where next_check_at is not null`);
  const openClocks = await count(db, sql`select count(*) as n from ticket_clocks where stopped_at is null`);
  const dueBefore = await count(db, sql`select count(*) as n from ticket_clocks where next_check_at <= ${now}`);
  const openAfter = await count(db, sql`select count(*) as n from tickets where status in ('new','open','pending_customer','pending_department')`);
  // The job's own Kysely records its statements (their times are printed with BENCH_EXPLAIN=1).
  const statements: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const jobPool = new pg.Pool({ connectionString: url, max: 2 });
  const jobDb = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: jobPool }),
    log: (event) => void statements.push({ sql: event.query.sql.replace(/\s+/g, ' ').trim(), parameters: event.query.parameters, ms: event.queryDurationMillis }),
  });
  leftovers.push(() => jobDb.destroy());
  const reference = createReferenceData({ timeZone: TIME_ZONE });
  await reference.calendar(jobDb); // warm, as in a running server: the caches and the pooled connections
  await reference.slaPolicy(jobDb);
  // Both of the job's pooled connections open (each holds its transaction until the other has
  // opened), with the tables and their indexes known to each backend, as after a server's earlier runs.
  await Promise.all(
    [0, 1].map(() =>
      jobDb.transaction().execute(async (trx) => {
        await sql`select pg_sleep(0.05)`.execute(trx);
        for (const table of ['ticket_clocks', 'tickets', 'ticket_events']) await sql`select * from ${sql.table(table)} limit 1`.execute(trx);
      }),
    ),
  );
  statements.length = 0;
  // BENCH_WAITS=1: what the job's backends wait on during the first run, sampled every 5 ms.
  const waits = new Map<string, number>();
  let sampling = process.env.BENCH_WAITS === '1';
  const sampler = (async () => {
    while (sampling) {
      const rows = (await sql<{ w: string }>`
        select coalesce(wait_event_type || ':' || wait_event, state) as w from pg_stat_activity
        where backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'`.execute(db)).rows;
      for (const { w } of rows) waits.set(w, (waits.get(w) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const walAt = async () => (await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db)).rows[0]!.lsn;
  const walSince = async (lsn: string) => Number((await sql<{ bytes: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn)::bigint as bytes`.execute(db)).rows[0]!.bytes);
  let wal = await walAt();
  const clockStarted = performance.now();
  const clockResult = await processDueClocks({ db: jobDb, reference }, now, DUE);
  const clockSeconds = secondsSince(clockStarted);
  const clockWal = await walSince(wal);
  sampling = false;
  await sampler;
  if (waits.size) console.log(`clock job backends, samples by wait: ${[...waits].sort((x, y) => y[1] - x[1]).map(([w, n]) => `${w} ${n}`).join(', ')}`);
  if (process.env.BENCH_EXPLAIN === '1') {
    console.log(`\n--- processDueClocks: ${(clockSeconds * 1000).toFixed(0)} ms in all, ${statements.length} statements`);
    for (const st of statements) console.log(`${st.ms.toFixed(1).padStart(8)} ms  ${st.sql.slice(0, 160)}`);
    console.log(`${(clockSeconds * 1000 - statements.reduce((t, st) => t + st.ms, 0)).toFixed(1).padStart(8)} ms  outside the statements (evaluateClock for each clock, building the arrays)`);
    // The same statements again with their parameters, each EXPLAIN ANALYZEd and rolled back. The
    // clocks are no longer due by now, so the first (the due select) finds nothing; the writes
    // redo the same rows.
    const client = await jobPool.connect();
    try {
      for (const st of statements.filter((x) => !/^(begin|commit|set)/i.test(x.sql))) {
        await client.query('begin');
        const plan = await client.query(`explain (analyze, buffers) ${st.sql}`, st.parameters as unknown[]);
        await client.query('rollback');
        console.log(`\n--- clock job, again: ${st.sql.slice(0, 120)}`);
        console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      }
    } finally {
      client.release();
    }
  }
  const dueAfter = await count(db, sql`select count(*) as n from ticket_clocks where next_check_at <= ${now}`);
  // The job's next minute, as a running server does it: the next 10,000 clocks to come due (other
  // rows, other tickets), on connections and caches the first run warmed.
  const nextAt = (await sql<{ t: Date }>`
    select next_check_at as t from ticket_clocks where next_check_at is not null order by next_check_at offset ${DUE - 1} limit 1`.execute(db)).rows[0]!.t;
  const nextDue = await count(db, sql`select count(*) as n from ticket_clocks where next_check_at <= ${nextAt}`);
  wal = await walAt();
  const nextStarted = performance.now();
  const nextResult = await processDueClocks({ db: jobDb, reference }, nextAt, DUE);
  const nextSeconds = secondsSince(nextStarted);
  const nextWal = await walSince(wal);
  await jobDb.destroy();

  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const line = (m: Measured) => `${fmt(m.rps).padStart(6)} req/s  p50 ${String(m.p50).padStart(3)} ms  p99 ${String(m.p99).padStart(4)} ms  errors ${m.errors}`;
  // Terminal columns: CJK characters take two.
  const wide = /[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(1, width - [...text].reduce((w, ch) => w + (wide.test(ch) ? 2 : 1), 0)));
  const row = (area: string, label: string, m: Measured, target: string, ok: boolean, extra = '') =>
    console.log(`${area.padEnd(10)}${pad(label, 62)}${line(m)}   target ${target}: ${met(ok && m.errors === 0)}${extra}`);
  const cpus = os.cpus().length;
  console.log(`\n== ParcelDesk tickets benchmark — PostgreSQL ${pgServer.version}, node ${process.version}, ${cpus} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB ==`);
  console.log(`data      ${fmt(stats.tickets)} tickets, ${fmt(stats.open)} open (agent01 owns ${fmt(stats.agent01)} open; ${OWNERS} owners, 10 % unassigned), ${fmt(stats.waybills)} waybills, ${fmt(stats.customers)} customers, ${fmt(stats.clocks)} clocks`);
  console.log(`set-up    ${setupSeconds.toFixed(0)} s (load ${loaded.loadSeconds.toFixed(0)} s, indexes ${loaded.indexSeconds.toFixed(0)} s, vacuum analyze ${loaded.vacuumSeconds.toFixed(0)} s); each measurement ${SECONDS} s at ${CONNECTIONS} connections after a short warm-up`);
  if (http) {
    const { trivial, me, queue, openList, deepList, byWaybill, byPhone, exactHits, exactChecks, keywordResults, partResults, markerFound, insideOk, creation, DEPTH } = http;
    console.log(`${'baseline'.padEnd(10)}${pad('GET /healthz (trivial route: what this machine gives now)', 62)}${line(trivial)}`);
    console.log(`${'baseline'.padEnd(10)}${pad('GET /api/auth/me (signed in, no ticket query)', 62)}${line(me)}`);
    row('queue', 'GET /api/tickets?view=mine (agent01)', queue, 'p99 ≤ 50 ms', queue.p99 <= 50);
    row('list', 'GET /api/tickets?view=open (supervisor01), page 1', openList, 'p99 ≤ 50 ms', openList.p99 <= 50);
    if (deepList) row('list', `… page ${DEPTH + 1} (rows ${fmt(DEPTH * 20 + 1)}–${fmt(DEPTH * 20 + 20)}) via nextCursor`, deepList, 'p99 ≤ 50 ms', deepList.p99 <= 50);
    else console.log(`list      … page ${DEPTH + 1} via nextCursor: fewer pages than that`);
    row('search', 'exact waybill (random existing)', byWaybill, 'p99 ≤ 20 ms', byWaybill.p99 <= 20);
    row('search', 'exact phone (random existing)', byPhone, 'p99 ≤ 20 ms', byPhone.p99 <= 20);
    console.log(`search    exact: the ticket is in the answer for ${exactHits} of ${exactChecks * 2} sampled waybills and phones`);
    for (const k of keywordResults) {
      row('search', `keyword ${k.word} (${k.label}, in ${(k.share * 100).toFixed(2)} % of tickets)`, k.m, 'p99 ≤ 200 ms', k.m.p99 <= 200, `  (page 1: ${k.page} tickets, ${k.contain} with the word in their text)`);
    }
    for (const p of partResults) {
      row('search', p.label, p.m, 'p99 ≤ 50 ms', p.m.p99 <= 50, `  (page 1 full and every ticket on it matching for ${p.right} of ${p.checked} queries)`);
    }
    console.log(`search    finds words inside sentences: ${markerFound && insideOk ? 'yes' : 'no'} (ticket ${loaded.markerNumber} found by ${MARKER_WORD} inside “${MARKER_SENTENCE}”: ${markerFound ? 'yes' : 'no'}; every keyword page's tickets contain the word: ${insideOk ? 'yes' : 'no'})`);
    const perSecond = creation.ok / SECONDS;
    console.log(`create    ${pad(`POST /api/tickets, ${CONNECTIONS} agents in parallel`, 62)}${fmt(perSecond).padStart(6)} tickets/s  p50 ${creation.p50} ms  p99 ${creation.p99} ms  errors ${creation.errors}   target ≥ 500/s: ${met(perSecond >= 500 && creation.errors === 0)}`);
    console.log(`create    verified: ${fmt(creation.ok)} × 201, tickets table grew by ${fmt(created)}${created === creation.ok ? ' (equal)' : ` (difference ${created - creation.ok}: requests in flight when the load stopped)`}`);
  }
  console.log(`clocks    ${fmt(waiting)} clocks waiting for a check (${fmt(openClocks)} not stopped) on ${fmt(openAfter)} open tickets: ${fmt(stats.open)} loaded + ${fmt(created)} created + ${fmt(topUp.added)} open claims added after the HTTP runs (two clocks each; ${topUpSeconds.toFixed(0)} s), since a ticket runs at most one clock per kind`);
  console.log(`clocks    processDueClocks, first run after the bulk load: ${fmt(dueBefore)} due → ${clockSeconds.toFixed(2)} s (checked ${fmt(clockResult.checked)}, warned ${fmt(clockResult.warned)}, breached ${fmt(clockResult.breached)}; still due after: ${fmt(dueAfter)}; WAL ${(clockWal / 1048576).toFixed(1)} MiB)   target ≤ 1 s: ${met(clockSeconds <= 1 && clockResult.checked === DUE && dueBefore === DUE)}`);
  console.log(`clocks    processDueClocks, the next run (the next ${fmt(nextDue)} clocks to come due): ${nextSeconds.toFixed(2)} s (checked ${fmt(nextResult.checked)}, warned ${fmt(nextResult.warned)}, breached ${fmt(nextResult.breached)}; WAL ${(nextWal / 1048576).toFixed(1)} MiB)   target ≤ 1 s: ${met(nextSeconds <= 1 && nextResult.checked === nextDue)}`);
  if (http) console.log(`memory    server peak RSS: ${http.memory.toFixed(0)} MiB`);
  console.log(`total     ${secondsSince(totalStarted).toFixed(0)} s`);
}

console.log(`ParcelDesk tickets benchmark — node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
await runBench(leftovers, run);
