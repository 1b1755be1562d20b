/**
 * `npm run bench:service-orders` — issue 19 §9; prints numbers, it is not a test and asserts nothing.
 *
 * On a real PostgreSQL (durable, as in production) started from the machine's binaries:
 *  1. set-up (not measured): migrate, seed the reference data and the demo company, then load
 *     set-based with SQL (generate_series; secondary indexes built after the load) 200 work centers,
 *     20,000 enterprise customers and 500,000 notifications (60 % Z1, 40 % Z2; required starts over
 *     the last year and the next month, those older than 30 days nearly all completed, the rest
 *     outstanding, in process or postponed; one item each; the open ones' clocks);
 *  2. the real server in a child process (jobs off), people signed in through /api/auth, load from
 *     autocannon: the IW59 list with three filters (a combination at random: status + type + work
 *     center, work center + required-start month + status, status + type + month), p99; one work
 *     center's plan of the current week as XLSX and as PDF, one request at a time, the slowest; and
 *     status changes through HTTP (POST /api/service-orders/:id/status, postpone ⇄ put in process
 *     at the version read) from 8 clients, per second;
 *  3. the server's peak memory (VmHWM).
 *
 * Scale: BENCH_SCALE (default 1: the issue's numbers; 0.02 loads 10,000 notifications over 200
 * work centers), BENCH_SECONDS (10 per measurement), BENCH_CONNECTIONS (8), BENCH_EXPLAIN=1 prints
 * the list's plans (EXPLAIN ANALYZE, custom and generic) before the load runs.
 */
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/db/schema.js';
import { listServiceOrders } from '../src/modules/service-orders/service.js';
import { createReferenceData } from '../src/modules/reference/cache.js';
import { runBench, signIn, startBenchDatabase, type Leftovers, type Session } from './support/postgres.js';
import { cpuDuring, CPU_MS_PER_SECOND } from './support/cpu.js';
import { startServerProcess } from './support/server.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const NOTIFICATIONS = Math.max(1_000, Math.round(500_000 * SCALE));
const CENTERS = 200;
const CUSTOMERS = Math.max(500, Math.round(20_000 * SCALE));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const TIME_ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;

const leftovers: Leftovers = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secondsSince = (t: number) => (performance.now() - t) / 1000;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const log = (line: string) => console.log(`  · ${line}`);
const centerId = (k: number) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
const localDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(at);

async function exec(db: Kysely<DB>, query: { execute(db: Kysely<DB>): Promise<unknown> }, label: string) {
  const started = performance.now();
  await query.execute(db);
  log(`${label} (${secondsSince(started).toFixed(1)} s)`);
}

async function secondaryIndexes(db: Kysely<DB>) {
  const { rows } = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relname in ('service_notifications', 'service_notification_items', 'service_notification_clocks', 'service_notification_events')
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`.execute(db);
  return rows;
}

async function load(db: Kysely<DB>, now: Date) {
  const users = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['ops01', 'agent01', 'agent02']).execute();
  const ops = users.find((u) => u.username === 'ops01')!.id;
  const creator = users.find((u) => u.username === 'agent01')!.id;
  const opsDept = (await db.selectFrom('departments').select('id').where('code', '=', 'OPS').executeTakeFirstOrThrow()).id;
  const indexes = await secondaryIndexes(db);
  for (const index of indexes) await sql`drop index ${sql.raw(index.name)}`.execute(db);
  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    await exec(
      conn,
      sql`insert into service_work_centers (id, code, name, department_id, email, sales_office)
          select (${'00000000-0000-4000-8000-'} || lpad(k::text, 12, '0'))::uuid, 'W' || lpad(k::text, 4, '0'), '服务中心' || k, ${opsDept}::uuid,
            'w' || k || '@example.cn', (4000 + k)::text
          from generate_series(0, ${CENTERS - 1}) as k`,
      `${CENTERS} work centers`,
    );
    await exec(
      conn,
      sql`insert into customers (id, name, phone, kind, created_at, updated_at)
          select md5('bench-so-customer-' || i)::uuid, '企业客户' || i, '139' || lpad(i::text, 8, '0'), 'enterprise', ${now}::timestamptz, ${now}::timestamptz
          from generate_series(0, ${CUSTOMERS - 1}) as i`,
      `${fmt(CUSTOMERS)} customers`,
    );
    // Notification i: type by i % 5 (Z1 for 0–2), required start over the last 365 days and the next
    // 30 (u), completed when older than 30 days (but 1 in 20), else outstanding / in process / postponed.
    await exec(
      conn,
      sql`
      create temp table bench_so as
      select i, case when i % 5 < 3 then 'Z1' else 'Z2' end as type, s,
        ${now}::timestamptz - interval '365 days' + interval '395 days' * u as start,
        case when u < 365.0 / 395 - 30.0 / 395 and s % 20 <> 0 then 'completed' when s % 10 < 4 then 'outstanding' when s % 10 < 9 then 'in_process' else 'postponed' end as status,
        abs(hashint4(i * 7)) % ${CENTERS} as wc, abs(hashint4(i * 11)) % ${CUSTOMERS} as customer
      from (select i, (abs(hashint4(i * 3 + 1)) % 1000003) / 1000003.0 as u, abs(hashint4(i * 5 + 2)) % 100 as s from generate_series(0, ${NOTIFICATIONS - 1}) as i) x`,
      'notification plan',
    );
    await exec(
      conn,
      sql`
      insert into service_notifications (id, number, type, ticket_id, short_text, long_text, urgent, user_status, system_status, sold_to_id, ship_to_id,
        responsible_user_id, reporter_name, required_start, expected_end, main_work_center_id, sales_org, distribution_channel, division, sales_office,
        cause_group, cause_code, completed_at, completed_by, created_by, created_at, updated_at)
      select md5('bench-so-' || i)::uuid, case when type = 'Z1' then '1' else '2' end || lpad((i + 1)::text, 11, '0'), type, null,
        case when type = 'Z1' then '活动柜锁坏' else '到货少件' end, '', i % 20 = 0,
        case when status = 'completed' then case when type = 'Z1' then 'ZBHF' else 'THCS' end
             when status = 'outstanding' then 'TZJL' else case when type = 'Z1' then 'KCJS' else 'HFYY' end end,
        status, md5('bench-so-customer-' || customer)::uuid, md5('bench-so-customer-' || customer)::uuid,
        case when i % 3 = 0 then ${ops}::uuid end, '王敏', start, start + case when type = 'Z1' then interval '1 day' else interval '7 days' end,
        (${'00000000-0000-4000-8000-'} || lpad(wc::text, 12, '0'))::uuid, 'F011', '10', '02', (4000 + wc)::text,
        case when status = 'completed' then 'CS-DONE' end, case when status = 'completed' then '0001' end,
        case when status = 'completed' then start + interval '1 day' end, case when status = 'completed' then ${ops}::uuid end,
        ${creator}::uuid, start - interval '1 day', start
      from bench_so`,
      `${fmt(NOTIFICATIONS)} notifications`,
    );
    await exec(
      conn,
      sql`
      insert into service_notification_items (notification_id, position, material, quantity, reason_group, reason_code)
      select md5('bench-so-' || i)::uuid, 1, (100000 + i % 900)::text, 1 + i % 3,
        case when type = 'Z1' then 'SV-REPAIR' else 'DX-DELIV' end, '000' || (1 + i % 3)
      from bench_so`,
      'their items',
    );
    await exec(
      conn,
      sql`
      insert into service_notification_clocks (notification_id, kind, basis, target_minutes, started_at, running_since, due_at, next_check_at)
      select md5('bench-so-' || i)::uuid, 'expected_end', 'calendar', extract(epoch from (start + case when type = 'Z1' then interval '1 day' else interval '7 days' end - (start - interval '1 day'))) / 60,
        start - interval '1 day', start - interval '1 day', start + case when type = 'Z1' then interval '1 day' else interval '7 days' end, null
      from bench_so where status <> 'completed'`,
      'the open ones’ end clocks',
    );
    await sql`set session_replication_role = origin`.execute(conn);
  });
  await sql`select setval('service_notification_no_z1', ${NOTIFICATIONS + 1}), setval('service_notification_no_z2', ${NOTIFICATIONS + 1})`.execute(db);
  await db.connection().execute(async (conn) => {
    await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    const started = performance.now();
    for (const index of indexes) await sql.raw(index.def).execute(conn);
    log(`${indexes.length} secondary indexes (${secondsSince(started).toFixed(1)} s)`);
  });
  await sql`vacuum (analyze)`.execute(db);
  await sql`checkpoint`.execute(db);
}

/** Load at 8 clients; with `processes`, also the CPU a request cost the server, PostgreSQL and this load generator. */
async function measure(url: string, session: Session, paths: () => string, processes: { server: number[]; postgres: number[] }) {
  const run = (duration: number) =>
    autocannon({ url, connections: CONNECTIONS, duration, requests: [{ method: 'GET', headers: session.headers, setupRequest: (req) => ({ ...req, path: paths() }) }] });
  await run(Math.min(3, SECONDS));
  const { result: r, ms } = await cpuDuring(processes, () => run(SECONDS));
  const per = (total: number) => total / Math.max(1, r.requests.total);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, cpu: { server: per(ms.server), postgres: per(ms.postgres), client: per(ms.self) } };
}

/** The list's three-filter queries: a combination at random, over a random work center and month. */
function listFilters(now: Date) {
  const month = () => {
    const first = new Date(now.getTime() - Math.floor(Math.random() * 12) * 30 * DAY);
    const from = localDate(first).slice(0, 8) + '01';
    const to = localDate(new Date(Date.parse(`${from}T00:00:00Z`) + 30 * DAY)).slice(0, 8) + '01';
    return `startFrom=${from}&startTo=${localDate(new Date(Date.parse(`${to}T00:00:00Z`) - DAY))}`;
  };
  const wc = () => centerId(Math.floor(Math.random() * CENTERS));
  const status = () => ['outstanding', 'in_process', 'postponed', 'completed'][Math.floor(Math.random() * 4)];
  const type = () => (Math.random() < 0.6 ? 'Z1' : 'Z2');
  return [
    () => `systemStatus=${status()}&type=${type()}&workCenterId=${wc()}`,
    () => `workCenterId=${wc()}&${month()}&systemStatus=${status()}`,
    () => `systemStatus=${status()}&type=${type()}&${month()}`,
  ];
}

async function explainList(url: string, now: Date) {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && captured.push({ sql: e.query.sql, parameters: e.query.parameters })) });
  try {
    const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', '=', 'agent01').executeTakeFirstOrThrow();
    const actor = { kind: 'user' as const, id: u.id, username: u.username, displayName: u.display_name, role: 'agent' as const, departmentId: u.department_id, sessionId: 'bench' };
    const deps = { db, timeZone: TIME_ZONE, reference: createReferenceData({ timeZone: TIME_ZONE }) };
    const from = localDate(new Date(now.getTime() - 60 * DAY));
    const to = localDate(new Date(now.getTime() - 31 * DAY));
    const cases: [string, Parameters<typeof listServiceOrders>[2]][] = [
      ['status + type + work center', { systemStatus: ['in_process'], type: 'Z1', workCenterId: centerId(7) }],
      ['work center + month + status', { workCenterId: centerId(7), startFrom: from, startTo: to, systemStatus: ['completed'] }],
      ['status + type + month', { systemStatus: ['completed'], type: 'Z1', startFrom: from, startTo: to }],
    ];
    for (const [label, query] of cases) {
      captured.length = 0;
      await listServiceOrders(deps, actor, query, 'zh-CN');
      for (const statement of captured.filter((c) => /from "service_notifications"/i.test(c.sql))) {
        for (const mode of ['force_custom_plan', 'force_generic_plan']) {
          const client = await pool.connect();
          try {
            await client.query(`set plan_cache_mode = ${mode}`);
            const plan = await client.query(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
            console.log(`\n--- ${label} (${mode})\n${statement.sql.replace(/\s+/g, ' ').slice(0, 400)}\n-- parameters: ${JSON.stringify(statement.parameters)}`);
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

await runBench(leftovers, async () => {
  const totalStarted = performance.now();
  const { server: pgServer, url, db } = await startBenchDatabase({ shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '30min', maintenance_work_mem: '512MB' }, TIME_ZONE, leftovers);
  console.log(`set-up: ${fmt(NOTIFICATIONS)} notifications over ${CENTERS} work centers, ${fmt(CUSTOMERS)} customers`);
  const now = new Date();
  await load(db, now);
  console.log(`set-up done in ${secondsSince(totalStarted).toFixed(0)} s\n`);
  if (process.env.BENCH_EXPLAIN === '1') await explainList(url, now);

  // The plan's work center: the one with the most visits this week.
  const { rows: busiest } = await sql<{ wc: string; n: string }>`
    select main_work_center_id as wc, count(*) as n from service_notifications
    where required_start >= ${new Date(now.getTime() - 7 * DAY)} and required_start < ${new Date(now.getTime() + 7 * DAY)} and system_status <> 'completed'
    group by 1 order by 2 desc limit 1`.execute(db);
  const planCenter = busiest[0]?.wc ?? centerId(0);
  // The status-change pool: open notifications in process, at version 1.
  const pool = (await sql<{ id: string }>`select id from service_notifications where system_status = 'in_process' order by id`.execute(db)).rows.map((r) => r.id);

  const server = await startServerProcess({ DATABASE_URL: url, TZ_COMPANY: TIME_ZONE }, leftovers);
  try {
    const agents = [await signIn(server.url, 'agent01'), await signIn(server.url, 'agent02')];
    const filters = listFilters(now);
    const processes = { server: [server.child.pid!], postgres: [pgServer.pid] };
    const list = await measure(server.url, agents[0]!, () => `/api/service-orders?${filters[Math.floor(Math.random() * filters.length)]!()}`, processes);
    console.log(
      `${'list       IW59 with three filters at random (status+type+work center, work center+month+status, status+type+month)'.padEnd(110)} ${fmt(list.rps).padStart(6)} req/s  p50 ${list.p50} ms  p99 ${list.p99} ms  errors ${list.errors}   target p99 ≤ 50 ms: ${met(list.p99 <= 50 && list.errors === 0)}`,
    );
    const ceiling = CPU_MS_PER_SECOND / (list.cpu.server + list.cpu.postgres + list.cpu.client);
    console.log(
      `cost       the list, CPU per request: server ${list.cpu.server.toFixed(2)} ms, PostgreSQL ${list.cpu.postgres.toFixed(2)} ms, load generator ${list.cpu.client.toFixed(2)} ms → at most ${fmt(ceiling)}/s on the machine's cores at this cost`,
    );

    const week = localDate(now);
    for (const format of ['xlsx', 'pdf'] as const) {
      const times: number[] = [];
      let bytes = 0;
      let visits = 0;
      for (let n = 0; n < 12; n++) {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/service-orders/work-plan.${format}?workCenterId=${planCenter}&date=${week}&span=week`, { headers: agents[0]!.headers });
        const body = Buffer.from(await response.arrayBuffer());
        if (!response.ok) throw new Error(`work plan ${format}: ${response.status} ${body.toString().slice(0, 200)}`);
        if (n >= 2) times.push(performance.now() - started);
        bytes = body.length;
      }
      if (format === 'xlsx') {
        const plan = (await (await fetch(`${server.url}/api/service-orders/work-plan?workCenterId=${planCenter}&date=${week}&span=week`, { headers: agents[0]!.headers })).json()) as { model: { totals: { visits: number } } };
        visits = plan.model.totals.visits;
        log(`the week’s plan of the busiest work center: ${visits} visits`);
      }
      times.sort((a, b) => a - b);
      const slowest = times.at(-1)!;
      console.log(
        `${`plan       one work center’s week as ${format.toUpperCase()} (${fmt(bytes / 1024)} KiB), 10 requests one at a time`.padEnd(110)} p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms  slowest ${slowest.toFixed(0)} ms   target ≤ 1 s each: ${met(slowest <= 1000)}`,
      );
    }

    let next = 0;
    const refusals = new Map<string, number>();
    const change = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          onResponse: (status, body) => {
            if (status >= 300 && refusals.size < 5) refusals.set(`${status} ${String(body).slice(0, 160)}`, (refusals.get(`${status} ${String(body).slice(0, 160)}`) ?? 0) + 1);
          },
          setupRequest: (req) => {
            const n = next++;
            const pass = Math.floor(n / pool.length);
            const id = pool[n % pool.length]!;
            return {
              ...req,
              path: `/api/service-orders/${id}/status`,
              headers: { ...agents[n % agents.length]!.headers, 'content-type': 'application/json' },
              body: JSON.stringify({ version: 1 + pass, action: pass % 2 === 0 ? 'postpone' : 'put_in_process' }),
            };
          },
        },
      ],
    });
    for (const [refusal, n] of refusals) log(`refused ${n}×: ${refusal}`);
    const changed = (change.requests.total - change.non2xx) / SECONDS;
    console.log(
      `${`status     postpone ⇄ put in process through HTTP, ${CONNECTIONS} clients (pool of ${fmt(pool.length)} notifications)`.padEnd(110)} ${fmt(changed)} changes/s  p50 ${change.latency.p50} ms  p99 ${change.latency.p99} ms  non-2xx ${change.non2xx}  errors ${change.errors + change.timeouts}   target ≥ 500/s: ${met(changed >= 500 && change.errors + change.timeouts === 0)}`,
    );
    console.log(`memory     server peak RSS: ${server.peakMemoryMb().toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
});
