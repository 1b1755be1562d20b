/**
 * `npm run bench:claims` — issue 18 §11; prints numbers, it is not a test and asserts nothing.
 *
 * On a real PostgreSQL (durable, as in production) started from the machine's binaries:
 *  1. set-up (not measured): migrate, seed the reference data and the demo company, then load
 *     set-based with SQL (generate_series; secondary indexes built after the load) 1,000,000
 *     tickets, 200,000 claims on their own parcels and tickets — most closed or settled over the last
 *     year, the open ones from the last 30 days, proposals waiting at every approval level — with
 *     their clocks, the settled ones' payouts, credit notes and chargebacks to 300 stations (a few
 *     stations take most), and a pool of open claim tickets on picked-up parcels with their scans
 *     for the creation run;
 *  2. the real server in a child process (jobs off), people signed in through /api/auth, load from
 *     autocannon: claim creation with its proposal (POST /api/tickets/:id/claims) from 8 clients,
 *     the approval inbox, the claims list (first page, a filter at random, a page deep through the
 *     keyset cursor), and the month's chargeback list of the busiest station; p99 of each;
 *  3. the server's peak memory (VmHWM).
 *
 * Each measurement also prints what a request cost: CPU of the server and of PostgreSQL (every
 * backend) and of this load generator, and the statements the server sent (pg_stat_statements,
 * BEGIN and COMMIT included: each one a round trip) — on a machine shared with other work these
 * say more than latencies, and the cores' CPU divided by the cost is the ceiling a target can meet.
 *
 * Scale: BENCH_SCALE (default 1: the issue's numbers; 0.1 loads a tenth of the tickets and claims
 * and 3,000 pool tickets), or each on its own: BENCH_TICKETS (default 1,000,000 × scale),
 * BENCH_CLAIMS (default 200,000 × scale), BENCH_POOL (open claim tickets for the creation run,
 * default 30,000 × scale, at least 3,000), BENCH_SECONDS (10 per measurement), BENCH_CONNECTIONS (8).
 * For a quick look: BENCH_SCALE=0.05 BENCH_SECONDS=3.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoCompany } from '../src/demo/seed.js';
import { DEFAULT_CLAIMS_POLICY } from '../src/domain/claims/index.js';
import { approvalInbox, chargebacks, listClaims } from '../src/modules/claims/service.js';
import { createReferenceData } from '../src/modules/reference/cache.js';
import { seedReferenceData } from '../src/modules/reference/seed.js';
import { ensurePartitions } from '../src/modules/tracking/partitions.js';
import { DURABLE, startPostgres } from '../test/support/postgres-server.js';
import { cpuDuring, CPU_MS_PER_SECOND } from './support/cpu.js';
import { startServerProcess } from './support/server.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const TICKETS = Number(process.env.BENCH_TICKETS ?? Math.round(1_000_000 * SCALE));
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? Math.round(200_000 * SCALE));
const POOL = Number(process.env.BENCH_POOL ?? Math.max(3_000, Math.round(30_000 * SCALE)));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const STATIONS = 300;
/** BENCH_STATEMENTS=1: after each measurement, the statements the server ran, by total time (pg_stat_statements). */
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';
const TIME_ZONE = 'Asia/Shanghai';
const TYPES = ['delay', 'loss', 'damage', 'short_contents', 'frozen_spoiled', 'wrong_delivery'];

if (CLAIMS + POOL > TICKETS) throw new Error('need BENCH_CLAIMS + BENCH_POOL ≤ BENCH_TICKETS');

const leftovers: Array<() => Promise<void> | void> = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secondsSince = (t: number) => (performance.now() - t) / 1000;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const log = (line: string) => console.log(`  · ${line}`);

/** Station k's name; k = ⌊300·u³⌋ for a uniform u, so station 0 is the busiest by far. */
const stationSql = (u: string) => sql<string>`'站点' || lpad(floor(${STATIONS}::float8 * power(${sql.raw(u)}, 3))::int::text, 3, '0') || '营业部'`;
/** A uniform number in [0, 1) from an integer, the same everywhere. */
const uniform = (x: string) => `(abs(hashint4(${x})) % 1000003) / 1000003.0`;
const waybillSql = (i: string) => sql<string>`'CB' || lpad(${sql.raw(i)}::text, 11, '0')`;

interface Session {
  headers: Record<string, string>;
}

async function signIn(url: string, username: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pd_session='));
  if (!cookie) throw new Error('no session cookie');
  const body = (await response.json()) as { csrfToken: string };
  return { headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken } };
}

/** What one request cost: CPU milliseconds of the server, PostgreSQL and this load generator, and the statements sent. */
interface Cost {
  server: number;
  postgres: number;
  client: number;
  statements: number;
}

/** The processes whose CPU a measurement counts, and the database whose statement counts it reads. */
interface Probe {
  processes: { server: number[]; postgres: number[] };
  db: Kysely<DB>;
}

/** Runs `work` (which answers how many requests it made) and says what each request cost. */
async function costed<T>(probe: Probe, work: () => Promise<T>, requests: (result: T) => number): Promise<{ result: T; cost: Cost }> {
  await sql`select pg_stat_statements_reset()`.execute(probe.db);
  const { result, ms } = await cpuDuring(probe.processes, work);
  // Every statement the server sent (BEGIN and COMMIT included): each is a round trip.
  const { rows } = await sql<{ n: string | null }>`select sum(calls) as n from pg_stat_statements where query not like '%pg_stat_statements%'`.execute(probe.db);
  const n = Math.max(1, requests(result));
  return { result, cost: { server: ms.server / n, postgres: ms.postgres / n, client: ms.self / n, statements: Number(rows[0]?.n ?? 0) / n } };
}

async function measure(probe: Probe, url: string, session: Session, paths: () => string) {
  const run = (duration: number) =>
    autocannon({ url, connections: CONNECTIONS, duration, requests: [{ method: 'GET', headers: session.headers, setupRequest: (req) => ({ ...req, path: paths() }) }] });
  await run(Math.min(3, SECONDS));
  const { result: r, cost } = await costed(probe, () => run(SECONDS), (r) => r.requests.total);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, cost };
}

/** A request's cost as printed, with the rate the machine's cores could give at that cost. */
function costLine(label: string, c: Cost): string {
  const ceiling = CPU_MS_PER_SECOND / (c.server + c.postgres + c.client);
  return `cost       ${label.padEnd(28)} CPU per request: server ${c.server.toFixed(2)} ms, PostgreSQL ${c.postgres.toFixed(2)} ms, load generator ${c.client.toFixed(2)} ms; ${c.statements.toFixed(1)} statements → at most ${fmt(ceiling)}/s on ${os.cpus().length} cores at this cost`;
}

async function exec(db: Kysely<DB>, query: { execute(db: Kysely<DB>): Promise<unknown> }, label: string) {
  const started = performance.now();
  await query.execute(db);
  log(`${label} (${secondsSince(started).toFixed(1)} s)`);
}

/** Non-constraint indexes of the bulk-loaded tables: dropped before the load, rebuilt after it. */
async function secondaryIndexes(db: Kysely<DB>) {
  const { rows } = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relname in ('tickets', 'ticket_waybills', 'shipments', 'claims', 'claim_clocks', 'claim_ledger')
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`.execute(db);
  return rows;
}

async function load(db: Kysely<DB>, now: Date) {
  const users = new Map((await db.selectFrom('users').select(['id', 'username', 'department_id']).execute()).map((u) => [u.username, u]));
  const openers = ['agent01', 'agent02', 'kam01'].map((u) => users.get(u)!.id);
  const claimsTeam = (await db.selectFrom('departments').select('id').where('code', '=', 'CLAIMS').executeTakeFirstOrThrow()).id;
  await db
    .insertInto('claims_policies')
    .values({ version: DEFAULT_CLAIMS_POLICY.version, rules: JSON.stringify(DEFAULT_CLAIMS_POLICY.rules), note: 'bench', created_by: 'system' })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  // The pool's parcels were scanned 9 and 8 days ago.
  const months = [9, 8].map((d) => new Date(now.getTime() - d * 86_400_000).toISOString().slice(0, 7));
  await ensurePartitions(db, months);

  const indexes = await secondaryIndexes(db);
  for (const index of indexes) await sql`drop index ${sql.raw(index.name)}`.execute(db);
  const claimed = CLAIMS + POOL;

  await db.connection().execute(async (conn) => {
    // Set-up only: the rows are valid by construction, so skip the per-row foreign-key triggers.
    await sql`set session_replication_role = replica`.execute(conn);
    // Ticket i: the first CLAIMS carry claim i, the next POOL are open claim tickets for the creation
    // run, the rest other tickets of the desk (most closed).
    await exec(
      conn,
      sql`
      insert into tickets (id, kind, status, priority, subject, description, channel, customer_name, customer_phone, team_id, owner_id,
        created_by, created_at, updated_at, closed_at)
      select md5('bench-ticket-' || i)::uuid,
        case when i < ${claimed} then 'claim' when i % 3 = 0 then 'complaint' else 'query' end,
        case when i >= ${CLAIMS} and i < ${claimed} then 'open' when i % 5 = 0 then 'open' else 'closed' end,
        'normal', '理赔 ' || ${waybillSql('i')}, '客户来电要求理赔', 'phone', '客户' || (i % 50000), '13' || lpad((i % 50000)::text, 9, '0'),
        ${claimsTeam}::uuid, case when i % 4 = 0 then null else (${openers}::uuid[])[1 + i % 3] end, (${openers}::uuid[])[1 + i % 3],
        ${now}::timestamptz - interval '400 days' * ${sql.raw(uniform('i'))}, ${now}::timestamptz,
        case when not (i >= ${CLAIMS} and i < ${claimed}) and i % 5 <> 0 then ${now}::timestamptz end
      from generate_series(0, ${TICKETS - 1}) as i`,
      `${fmt(TICKETS)} tickets`,
    );
    await exec(conn, sql`insert into ticket_waybills (ticket_id, waybill_no) select md5('bench-ticket-' || i)::uuid, ${waybillSql('i')} from generate_series(0, ${TICKETS - 1}) as i`, 'their waybills');
    // A parcel per claim and per pool ticket: picked up 10 days to 10 months ago, one in five on a 月结 account.
    await exec(
      conn,
      sql`
      insert into shipments (id, waybill_no, registered, sender_name, sender_phone, recipient_name, recipient_phone, weight_g, insured, declared_value_fen,
        insurance_fee_fen, freight_fen, payment_term, monthly_account, picked_up_at, promised_at, status, created_at)
      select md5('bench-shipment-' || i)::uuid, ${waybillSql('i')}, true, '王五', '13811112222', '赵六', '13933334444', 2000 + abs(hashint4(i * 19)) % 8000, i % 3 = 0,
        10000 + abs(hashint4(i * 7)) % 500000, case when i % 3 = 0 then 300 else 0 end, 800 + abs(hashint4(i * 11)) % 4000,
        case when i % 5 = 0 then 'monthly' when i % 5 = 1 then 'collect' else 'sender_pays' end,
        case when i % 5 = 0 then 'MA' || lpad((i % 2000)::text, 6, '0') end,
        ${now}::timestamptz - interval '10 days' - interval '290 days' * ${sql.raw(uniform('i * 13'))},
        ${now}::timestamptz - interval '5 days', 'in_transit', ${now}::timestamptz - interval '300 days'
      from generate_series(0, ${claimed - 1}) as i`,
      `${fmt(claimed)} parcels`,
    );
    await exec(
      conn,
      sql`
      insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, raw_text, source)
      select ${waybillSql('i')}, ${now}::timestamptz - interval '9 days', 'a', 'in_transit', 'arrived', '上海转运中心', '到达上海转运中心', 'bench'
      from generate_series(${CLAIMS}::int, ${claimed - 1}::int) as i
      union all
      select ${waybillSql('i')}, ${now}::timestamptz - interval '8 days', 'b', 'damaged', 'damaged', ${stationSql(uniform('i * 17'))}, '快件破损', 'bench'
      from generate_series(${CLAIMS}::int, ${claimed - 1}::int) as i`,
      'the pool parcels’ scans',
    );
    // The claims: 55 % closed and 15 % settled over the last year; the open ones from the last 30 days.
    await exec(
      conn,
      sql`
      create temp table bench_claims as
      select i, s, (${TYPES}::text[])[1 + i % 6] as type,
        case when s < 55 then 'closed' when s < 70 then 'settled' when s < 78 then 'proposed' when s < 83 then 'approved' when s < 88 then 'rejected'
             when s < 93 then 'opened' when s < 97 then 'awaiting_evidence' when s < 98 then 'evidence_complete' else 'disputed' end as state,
        amount, case when amount <= 50000 then 'agent' when amount <= 500000 then 'supervisor' else 'manager' end as level,
        ${now}::timestamptz - case when s < 70 then interval '30 days' + interval '335 days' * u else interval '30 days' * u end as created,
        ${stationSql(uniform('i * 17'))} as station
      from (
        select i, abs(hashint4(i * 5 + 1)) % 100 as s, 500 + floor(800000 * power(${sql.raw(uniform('i * 3'))}, 2))::bigint as amount, ${sql.raw(uniform('i * 29'))} as u
        from generate_series(0, ${CLAIMS - 1}) as i
      ) x`,
      'claim plan',
    );
    await exec(
      conn,
      sql`
      insert into claims (id, shipment_id, waybill_no, ticket_id, type, claimant_side, claimed_fen, description, facts, state, policy_version,
        proposal, proposed_fen, required_level, approved_fen, decided_at, proposed_station, proposed_station_basis, responsible_station,
        opened_by, created_at, updated_at)
      select md5('bench-claim-' || i)::uuid, md5('bench-shipment-' || i)::uuid, ${waybillSql('i')}, md5('bench-ticket-' || i)::uuid, type,
        case when i % 2 = 0 then 'sender' else 'recipient' end, amount + amount / 10, '外箱破损，物品受损',
        jsonb_build_object('paymentTerm', case when i % 5 = 0 then 'monthly' when i % 5 = 1 then 'collect' else 'sender_pays' end,
          'freightFen', 800 + abs(hashint4(i * 11)) % 4000, 'monthlyAccount', case when i % 5 = 0 then 'MA' || lpad((i % 2000)::text, 6, '0') end,
          'waybillNo', ${waybillSql('i')}),
        state, 1,
        jsonb_build_object('lines', jsonb_build_array(jsonb_build_object('code', 'LOSS_DECLARED_VALUE', 'amountFen', amount, 'source', '公司快递服务协议', 'detail', '{}'::jsonb)),
          'totalFen', amount, 'rounding', 'half_up', 'treatedAsLoss', false),
        amount, level, case when state in ('settled', 'approved') then amount end,
        case when state in ('settled', 'approved', 'rejected', 'closed') then created + interval '1 day' end,
        station, 'last_scan', case when state = 'settled' then station end,
        (${openers}::uuid[])[1 + i % 3], created, created
      from bench_claims`,
      `${fmt(CLAIMS)} claims`,
    );
    // The settled claims' money: a payout or a credit note, and for most a chargeback to the station.
    await exec(
      conn,
      sql`
      insert into claim_ledger (id, claim_id, entry_key, idempotency_key, kind, direction, amount_fen, reference, station, created_by, created_at)
      select md5('bench-pay-' || i)::uuid, md5('bench-claim-' || i)::uuid, 'bench-pay-' || i || ':0', 'bench-pay-' || i,
        case when i % 5 = 0 then 'credit_note' else 'payout' end, 'out', amount, 'WX-' || i, null, (${openers}::uuid[])[1 + i % 3], created + interval '3 days'
      from bench_claims where state = 'settled'
      union all
      select md5('bench-cb-' || i)::uuid, md5('bench-claim-' || i)::uuid, 'bench-cb-' || i || ':0', 'bench-cb-' || i,
        'chargeback', 'in', greatest(1, amount / 2), '破损追偿', station, (${openers}::uuid[])[1 + i % 3], created + interval '5 days'
      from bench_claims where state = 'settled' and s % 10 < 7`,
      'ledger: payouts, credit notes, chargebacks',
    );
    // The clocks of the claims still in play: the complaint ceiling, the answer once evidence is complete, the payment once approved.
    await exec(
      conn,
      sql`
      insert into claim_clocks (claim_id, kind, basis, target_minutes, started_at, running_since, paused_at, warned_at, breached_at, due_at, next_check_at, policy_version)
      select md5('bench-claim-' || i)::uuid, k.kind, k.basis, k.target, created,
        case when state = 'awaiting_evidence' and k.kind = 'complaint_ceiling' then null else created end,
        case when state = 'awaiting_evidence' and k.kind = 'complaint_ceiling' then created + interval '1 hour' end,
        case when ${now}::timestamptz > created + k.target * interval '48 seconds' then created + k.target * interval '48 seconds' end,
        case when ${now}::timestamptz > created + k.target * interval '1 minute' then created + k.target * interval '1 minute' end,
        case when state = 'awaiting_evidence' and k.kind = 'complaint_ceiling' then null else created + k.target * interval '1 minute' end,
        case when state = 'awaiting_evidence' and k.kind = 'complaint_ceiling' then null
             when ${now}::timestamptz < created + k.target * interval '48 seconds' then created + k.target * interval '48 seconds'
             when ${now}::timestamptz < created + k.target * interval '1 minute' then created + k.target * interval '1 minute' end,
        1
      from bench_claims
      join (values ('complaint_ceiling', 'calendar', 10080), ('answer', 'business', 540), ('payment', 'calendar', 10080)) as k(kind, basis, target)
        on (k.kind = 'complaint_ceiling' and state in ('opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'disputed'))
        or (k.kind = 'answer' and state in ('evidence_complete', 'proposed', 'disputed'))
        or (k.kind = 'payment' and state = 'approved')`,
      'claim clocks',
    );
    await sql`set session_replication_role = origin`.execute(conn);
  });
  await sql`drop table if exists bench_claims`.execute(db);
  await db.connection().execute(async (conn) => {
    await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    const started = performance.now();
    for (const index of indexes) await sql.raw(index.def).execute(conn);
    log(`${indexes.length} secondary indexes (${secondsSince(started).toFixed(1)} s)`);
  });
  await sql`vacuum (analyze)`.execute(db);
  await sql`checkpoint`.execute(db);
}

async function run() {
  const totalStarted = performance.now();
  const pgServer = await startPostgres({
    settings: {
      ...DURABLE,
      shared_buffers: '2GB',
      max_wal_size: '4GB',
      checkpoint_timeout: '30min',
      maintenance_work_mem: '512MB',
      // Counts the statements of each request; their list with BENCH_STATEMENTS=1.
      shared_preload_libraries: 'pg_stat_statements',
    },
  });
  leftovers.push(() => pgServer.stop());
  const url = pgServer.url('postgres');
  const database = await openDatabase({ kind: 'postgres', url });
  leftovers.push(async () => {
    await database.close();
    await new Promise((r) => setTimeout(r, 300));
  });
  const db = database.db;
  console.log(`set-up: PostgreSQL ${pgServer.version}, ${fmt(TICKETS)} tickets, ${fmt(CLAIMS)} claims, ${fmt(POOL)} open claim tickets for the creation run`);
  await migrateToLatest(db);
  await seedReferenceData(db, { timeZone: TIME_ZONE });
  await seedDemoCompany(db);
  const now = new Date();
  await load(db, now);
  console.log(`set-up done in ${secondsSince(totalStarted).toFixed(0)} s\n`);

  const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(db)).rows[0]!.n);
  // The busiest station in its busiest month: the longest chargeback list there is.
  const { rows: busiest } = await sql<{ station: string; month: string; n: string }>`
    select station, to_char(created_at at time zone ${TIME_ZONE}, 'YYYY-MM') as month, count(*) as n from claim_ledger
    where station is not null group by 1, 2 order by count(*) desc limit 1`.execute(db);
  const station = busiest[0]?.station ?? '站点000营业部';
  const month = busiest[0]?.month ?? new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' }).format(now);
  const stationEntries = Number(busiest[0]?.n ?? 0);
  const waybills = (await sql<{ w: string }>`select waybill_no as w from claims tablesample system (2) limit 2000`.execute(db)).rows.map((r) => r.w);
  const states = ['proposed', 'approved', 'settled', 'closed', 'awaiting_evidence'];

  await sql`create extension if not exists pg_stat_statements`.execute(db);
  const statements = async (label: string) => {
    if (!STATEMENTS) return;
    const { rows } = await sql<{ calls: string; mean: number; total: number; query: string }>`
      select calls, mean_exec_time as mean, total_exec_time as total, query from pg_stat_statements
      where query not like '%pg_stat_statements%' order by total_exec_time desc limit 25`.execute(db);
    console.log(`    statements of ${label}, by total time:`);
    // The start and the end of each text: the end holds a list's filter.
    const text = (q: string) => (q.length > 300 ? `${q.slice(0, 140)} … ${q.slice(-160)}` : q);
    for (const r of rows) console.log(`    ${String(r.calls).padStart(7)} × ${r.mean.toFixed(2).padStart(7)} ms  ${text(r.query.replace(/\s+/g, ' '))}`);
  };

  if (process.env.BENCH_EXPLAIN === '1') await explainReads(url, station, month);

  const server = await startServerProcess({ DATABASE_URL: url, TZ_COMPANY: TIME_ZONE }, leftovers);
  try {
    const agents = [await signIn(server.url, 'agent01'), await signIn(server.url, 'agent02')];
    const supervisor = await signIn(server.url, 'supervisor01');

    // Creation: each request opens a claim on its own pool ticket and parcel (a second open claim
    // of a type on a parcel would be refused), of a type at random; the proposal is computed.
    const probe: Probe = { processes: { server: [server.child.pid!], postgres: [pgServer.pid] }, db };
    let next = 0;
    const refusals = new Map<string, number>();
    const before = await count(sql`select count(*) as n from claims`);
    const creationSeconds = SECONDS;
    const { result: creation, cost: creationCost } = await costed(probe, async () => {
      const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: creationSeconds,
      requests: [
        {
          method: 'POST',
          onResponse: (status, body) => {
            if (status >= 300 && refusals.size < 5) refusals.set(`${status} ${String(body).slice(0, 160)}`, (refusals.get(`${status} ${String(body).slice(0, 160)}`) ?? 0) + 1);
          },
          setupRequest: (req) => {
            const n = next++ % POOL;
            const i = CLAIMS + n;
            const ticketId = md5Uuid(`bench-ticket-${i}`);
            const type = TYPES[n % TYPES.length];
            return {
              ...req,
              path: `/api/tickets/${ticketId}/claims`,
              headers: { ...agents[n % agents.length]!.headers, 'content-type': 'application/json' },
              body: JSON.stringify({ waybillNo: `CB${String(i).padStart(11, '0')}`, type, claimantSide: 'sender', claimedFen: 5_000 + (n % 50) * 1_000, description: '外箱破损，物品受损', perishable: type === 'delay' && n % 7 === 0, ...(type === 'short_contents' ? { weightAtDeliveryGrams: 1_000 } : {}) }),
            };
          },
        },
      ],
      });
      await new Promise((r) => setTimeout(r, 1000)); // requests in flight when autocannon stopped
      return result;
    }, () => next);
    await statements('creation');
    const created = (await count(sql`select count(*) as n from claims`)) - before;
    for (const [refusal, n] of refusals) log(`refused ${n}×: ${refusal}`);
    if (next > POOL) console.log(`  (the pool of ${fmt(POOL)} tickets ran out: later requests were refused as duplicates; raise BENCH_POOL)`);
    const createdPerSecond = created / creationSeconds;
    console.log(
      `create     claim with its proposal through HTTP, ${CONNECTIONS} clients: ${fmt(createdPerSecond)} claims/s (${fmt(created)} in ${creationSeconds} s, p50 ${creation.latency.p50} ms, p99 ${creation.latency.p99} ms, non-2xx ${creation.non2xx}, errors ${creation.errors + creation.timeouts})   target ≥ 300 claims/s: ${met(createdPerSecond >= 300)}`,
    );

    const inboxSize = await count(sql`select count(*) as n from claims where state in ('proposed', 'disputed') and required_level in ('agent', 'supervisor')`);
    const inbox = await measure(probe, server.url, supervisor, () => '/api/claims/inbox');
    await statements('the inbox');
    const firstPage = await measure(probe, server.url, agents[0]!, () => '/api/claims');
    await statements('the first page');
    const filters = [
      () => `state=${states[Math.floor(Math.random() * states.length)]}`,
      () => `type=${TYPES[Math.floor(Math.random() * TYPES.length)]}`,
      () => `station=${encodeURIComponent(`站点${String(Math.floor(STATIONS * Math.random() ** 3)).padStart(3, '0')}营业部`)}`,
      () => `waybill=${waybills[Math.floor(Math.random() * waybills.length)]}`,
      () => `minFen=${100_000 + Math.floor(Math.random() * 100_000)}&maxFen=${200_000 + Math.floor(Math.random() * 100_000)}`,
      () => 'olderThanDays=60',
    ];
    const filtered = await measure(probe, server.url, agents[0]!, () => `/api/claims?${filters[Math.floor(Math.random() * filters.length)]!()}`);
    await statements('the filtered lists');
    // A page deep in the list: the cursor after 100 pages of 20, as a reader paging on would hold it.
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const response = await fetch(`${server.url}/api/claims?pageSize=20${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`, { headers: agents[0]!.headers });
      const items = (await response.json()) as { id: string; createdAt: string }[];
      if (!response.ok || items.length === 0) break;
      cursor = items.at(-1)!.id;
    }
    const deep = await measure(probe, server.url, agents[0]!, () => `/api/claims?pageSize=20&before=${encodeURIComponent(cursor)}`);
    await statements('the deep page');
    const chargebacks = await measure(probe, server.url, supervisor, () => `/api/claims/chargebacks?month=${month}&station=${encodeURIComponent(station)}`);
    await statements('the chargebacks');
    const line = (label: string, m: Awaited<ReturnType<typeof measure>>, target: number) =>
      console.log(`${label.padEnd(74)} ${fmt(m.rps).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}   target p99 ≤ ${target} ms: ${met(m.p99 <= target && m.errors === 0)}`);
    line(`inbox      approval inbox of a supervisor (${fmt(inboxSize)} waiting at their levels)`, inbox, 50);
    line('list       claims list, first page (an agent)', firstPage, 50);
    line('list       claims list, a filter at random (state, type, station, waybill, amount, age)', filtered, 50);
    line('list       claims list, 100 pages deep (keyset cursor)', deep, 50);
    line(`chargeback a month’s chargebacks of the busiest station (${station}, ${month}: ${fmt(stationEntries)} entries)`, chargebacks, 200);
    console.log(costLine('create (per request sent)', creationCost));
    console.log(costLine('inbox', inbox.cost));
    console.log(costLine('list, first page', firstPage.cost));
    console.log(costLine('list, a filter at random', filtered.cost));
    console.log(costLine('list, 100 pages deep', deep.cost));
    console.log(costLine('chargebacks', chargebacks.cost));
    console.log(`memory     server peak RSS: ${server.peakMemoryMb().toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
}

/**
 * BENCH_EXPLAIN=1: the claims module's own reads (run in this process on a Kysely that records what
 * it sends), each EXPLAIN ANALYZEd with its parameters.
 */
async function explainReads(url: string, station: string, month: string) {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && captured.push({ sql: e.query.sql, parameters: e.query.parameters })) });
  try {
    const actorOf = async (username: string) => {
      const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', '=', username).executeTakeFirstOrThrow();
      return { kind: 'user' as const, id: u.id, username: u.username, displayName: u.display_name, role: u.role as 'agent', departmentId: u.department_id, sessionId: 'bench' };
    };
    const deps = { db, timeZone: TIME_ZONE, reference: createReferenceData({ timeZone: TIME_ZONE }) };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['inbox (supervisor01)', async () => approvalInbox(deps, await actorOf('supervisor01'))],
      ['list, first page (agent01)', async () => listClaims(deps, await actorOf('agent01'), {})],
      ['list, station (agent01)', async () => listClaims(deps, await actorOf('agent01'), { station: '站点299营业部' })],
      ['list, type (agent01)', async () => listClaims(deps, await actorOf('agent01'), { type: 'damage' })],
      ['list, amount (agent01)', async () => listClaims(deps, await actorOf('agent01'), { minFen: 150_000, maxFen: 250_000 })],
      ['list, state (agent01)', async () => listClaims(deps, await actorOf('agent01'), { state: 'closed' })],
      ['list, busiest station (agent01)', async () => listClaims(deps, await actorOf('agent01'), { station })],
      ['list, older than 60 days (agent01)', async () => listClaims(deps, await actorOf('agent01'), { olderThanDays: 60 })],
      ['chargebacks (supervisor01)', async () => chargebacks(deps, await actorOf('supervisor01'), { month, station })],
    ];
    for (const [label, call] of cases) {
      captured.length = 0;
      await call();
      for (const statement of captured.filter((c) => /\bfrom "?claim/i.test(c.sql))) {
        // As the server runs it: prepared once per connection, so after five runs PostgreSQL may keep a generic plan.
        for (const mode of ['force_custom_plan', 'force_generic_plan']) {
          const client = await pool.connect();
          try {
            await client.query(`set plan_cache_mode = ${mode}`);
            const plan = await client.query(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
            console.log(`\n--- ${label} (${mode})\n${statement.sql.replace(/\s+/g, ' ')}\n-- parameters: ${JSON.stringify(statement.parameters)}`);
            console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
          } finally {
            client.release();
          }
        }
      }
    }
  } finally {
    await db.destroy();
  }
}

/** md5(text)::uuid as PostgreSQL writes it, for the pool tickets' ids. */
function md5Uuid(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

try {
  await run();
} finally {
  for (const stop of leftovers.reverse()) await stop();
}
