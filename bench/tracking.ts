/**
 * `npm run bench:tracking` — prints numbers; it is not a test and asserts nothing.
 *
 * For each engine (a real PostgreSQL started from the machine's binaries, then PGlite):
 *  1. ingestion through the real HTTP batch endpoint (server in a child process, detection on),
 *     events/s, next to a raw COPY of the same rows into a table of the same shape, and the ratio;
 *  2. public lookups of random waybills among many shipments/events: requests/s, p50/p99, next
 *     to the trivial /healthz route measured the same way, and to the lookup's own route asked
 *     for an entry that is no waybill number (nothing looked up: the route's floor);
 *  3. the server process's peak memory (VmHWM).
 *
 * On PostgreSQL also: what each statement of an ingest batch and of a lookup costs PostgreSQL
 * (pg_stat_statements), the lookup measured again once the events table has 25 monthly partitions
 * instead of 13, and a line per target of issue 16 ending `met` or `NOT met` (PGlite: its two).
 *
 * Scale: BENCH_INGEST_EVENTS (default 200,000), BENCH_LOOKUP_SHIPMENTS (PostgreSQL 1,000,000;
 * PGlite 200,000), 10 events per shipment; BENCH_ENGINES=postgres,pglite; BENCH_SECONDS=10;
 * BENCH_EXPLAIN=1 prints the plan of a lookup with 13 and 25 partitions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { digest, newSecret } from '../src/http/tokens.js';
import { ensurePartitions, monthOf } from '../src/modules/tracking/partitions.js';
import { LOOKUP_ONE } from '../src/modules/public-tracking/repository.js';
import { DURABLE, startPostgres } from '../test/support/postgres-server.js';
import { cpuDuring, CPU_MS_PER_SECOND } from './support/cpu.js';
import { startServerProcess } from './support/server.js';
import { SCAN_ROUTE } from './support/scan-route.js';

const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const BATCH = 5000;
const EVENTS_PER_SHIPMENT = 10;


interface BenchEvent {
  waybillNo: string;
  eventTime: string;
  status: string;
  subStatus: string;
  site: string;
  text: string;
  eventId: string;
}

function ingestWorkload(prefix: string, total: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  const start = Date.now() - 2 * 86_400_000;
  for (let i = 0; events.length < total; i++) {
    const waybillNo = `${prefix}${String(i).padStart(10, '0')}`;
    SCAN_ROUTE.forEach(([status, subStatus, text, site], step) => {
      if (events.length < total) {
        events.push({ waybillNo, eventTime: new Date(start + i * 7 + step * 3_600_000).toISOString(), status, subStatus, site, text, eventId: `${waybillNo}-${step}` });
      }
    });
  }
  // Scanners send interleaved traffic, not one parcel at a time.
  for (let i = events.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return events;
}

/** Registered shipments (Shanghai → Hangzhou) for the workload, written straight to the table. */
async function registerShipments(database: Database, waybills: string[]) {
  for (let i = 0; i < waybills.length; i += 10_000) {
    const slice = waybills.slice(i, i + 10_000);
    await sql`
      insert into shipments (waybill_no, registered, sender_name, sender_phone, sender_address, sender_province, sender_city,
        recipient_name, recipient_phone, recipient_address, recipient_province, recipient_city)
      select w, true, '张三', '13800138000', '上海市浦东新区张江路88号', '310000', '310000',
        '李四', '13912345678', '浙江省杭州市西湖区文三路90号', '330000', '330100'
      from unnest(${slice}::text[]) as w
      on conflict (waybill_no) do nothing`.execute(database.db);
  }
}

async function createIntegrationKey(database: Database): Promise<string> {
  const key = `pd_${newSecret(24)}`;
  await database.db
    .insertInto('api_keys')
    .values({ name: 'bench', prefix: key.slice(0, 10), key_hash: digest(key), role: 'integration', created_by: null })
    .execute();
  return key;
}

async function ingestThroughHttp(url: string, apiKey: string, events: BenchEvent[], concurrency: number, processes: Processes) {
  const batches: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(JSON.stringify({ events: events.slice(i, i + BATCH) }));
  let next = 0;
  let stored = 0;
  const started = performance.now();
  const { ms } = await cpuDuring(processes, () => Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const body = batches[next++]!;
        const response = await fetch(`${url}/api/tracking/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body,
        });
        if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
        stored += ((await response.json()) as { stored: number }).stored;
      }
    }),
  ));
  const seconds = (performance.now() - started) / 1000;
  const perEvent = (cpuMs: number) => (cpuMs * 1000) / events.length;
  return {
    seconds,
    stored,
    perSecond: events.length / seconds,
    cpuUs: { server: perEvent(ms.server), postgres: perEvent(ms.postgres), client: perEvent(ms.self) },
  };
}

function copyText(events: BenchEvent[]): string {
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  return events
    .map((e) => [e.waybillNo, e.eventTime, `scanner:${e.eventId}`, e.status, e.subStatus, e.site, '\\N', '\\N', esc(e.text), 'scanner'].join('\t'))
    .join('\n') + '\n';
}

const COPY_COLUMNS = 'waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source';

async function prepareCopyTarget(database: Database) {
  await sql`drop table if exists bench_copy_events`.execute(database.db);
  await sql`create table bench_copy_events (like tracking_events including defaults including constraints including indexes)`.execute(database.db);
}

async function rawCopyPostgres(url: string, events: BenchEvent[], postgres: number[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const text = copyText(events);
  const started = performance.now();
  const { ms } = await cpuDuring({ postgres }, () =>
    pipeline(Readable.from([text]), client.query(copyFrom(`copy bench_copy_events (${COPY_COLUMNS}) from stdin`))),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return { seconds, perSecond: events.length / seconds, postgresUs: (ms.postgres * 1000) / events.length };
}

async function rawCopyPglite(database: Database, events: BenchEvent[]) {
  const blob = new Blob([copyText(events)]);
  const started = performance.now();
  // PGlite runs in this process: its CPU is this process's.
  const { ms } = await cpuDuring({}, () => database.pglite!.query(`copy bench_copy_events (${COPY_COLUMNS}) from '/dev/blob'`, [], { blob }));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: events.length / seconds, postgresUs: (ms.self * 1000) / events.length };
}

/** The months of the lookup data: this one and the 12 before (a year of retention), then 12 more. */
const monthsBack = (from: number, to: number) => {
  const now = new Date();
  return Array.from({ length: to - from + 1 }, (_, k) => monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - from - k, 15))));
};

/**
 * Many shipments and ten events each, over the last 355 days (13 monthly partitions), written
 * set-based with each shipment's timeline as ingestion keeps it (this is set-up, not what is
 * measured). `prefix` and `daysBack` place other parcels in older months.
 */
async function fillLookupData(database: Database, shipments: number, prefix = 'LK', daysBack: [number, number] = [0, 355]) {
  const base = new Date().toISOString();
  const [first, span] = [daysBack[0], daysBack[1] - daysBack[0]];
  const chunk = 100_000;
  // Event s (1–10) of shipment i: the same instant in both statements below.
  const eventTime = (i: string, s: string) =>
    sql`(${base}::timestamptz - (${first}::int + ${sql.raw(i)} % ${span}::int) * interval '1 day' - interval '1 hour' * (10 - ${sql.raw(s)}) - (${sql.raw(i)} % 1000) * interval '1 second')`;
  for (let from = 0; from < shipments; from += chunk) {
    const to = Math.min(shipments, from + chunk) - 1;
    await sql`
      insert into shipments (waybill_no, registered, status, sub_status, sender_name, sender_phone, recipient_name, recipient_phone,
        recipient_address, recipient_province, recipient_city, last_event_time, last_event_text, promised_at, timeline, timeline_from)
      select ${prefix} || lpad(i::text, 10, '0'), true, 'in_transit', 'arrived', '王五', '1380000' || lpad((i % 10000)::text, 4, '0'),
        '赵六', '1391111' || lpad((i % 10000)::text, 4, '0'), '浙江省杭州市西湖区文三路' || (i % 200) || '号', '330000', '330100',
        ${eventTime('i', '10')}, '【杭州市】快件已到达杭州转运中心', now() + interval '1 day',
        (select jsonb_agg(jsonb_build_object('time', to_char(${eventTime('i', 's')} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'key', 'bench:' || s, 'status', 'in_transit', 'site', '杭州转运中心', 'text', '【杭州市】快件已到达杭州转运中心（第' || s || '站）'))
          from generate_series(1, ${EVENTS_PER_SHIPMENT}::int) as s),
        ${eventTime('i', '1')}
      from generate_series(${from}::int, ${to}::int) as i`.execute(database.db);
    await sql`
      insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, raw_text, source)
      select ${prefix} || lpad(i::text, 10, '0'), ${eventTime('i', 's')},
        'bench:' || s, 'in_transit', 'arrived', '杭州转运中心', '【杭州市】快件已到达杭州转运中心（第' || s || '站）', 'bench'
      from generate_series(${from}::int, ${to}::int) as i, generate_series(1, ${EVENTS_PER_SHIPMENT}::int) as s`.execute(database.db);
  }
  // One parcel in CASE_EVERY had a delay, some of them still open: a lookup of those reads the
  // exceptions, tickets and claims (parcel_cases), the others their shipment row alone.
  await sql`
    insert into shipment_exceptions (shipment_id, waybill_no, kind, raised_at, cleared_at, detail)
    select s.id, s.waybill_no, 'delayed', s.last_event_time, case when right(s.waybill_no, 3) < '500' then s.last_event_time + interval '1 day' end, '{}'
    from shipments s
    where s.waybill_no like ${`${prefix}%`} and (right(s.waybill_no, 6)::int % ${CASE_EVERY}) = 0`.execute(database.db);
  // Vacuumed, as autovacuum would have done long before anyone looked these parcels up: left to
  // autovacuum, the vacuum of a million new rows ran during the measurements that followed.
  await sql`vacuum (analyze) shipments`.execute(database.db);
  await sql`vacuum (analyze) tracking_events`.execute(database.db);
  await sql`vacuum (analyze) shipment_exceptions`.execute(database.db);
  await checkpointed(database);
}

/**
 * A checkpoint now (PostgreSQL), so the one that the writes before it call for does not run during
 * the measurement that follows (a vacuum of the lookup data marks every page; writing them back
 * ran into the lookups). PGlite writes its pages itself.
 */
async function checkpointed(database: Database) {
  if (database.kind === 'postgres') await sql`checkpoint`.execute(database.db);
}

/** One parcel in this many of the lookup data had an exception (parcels with a case: a few per cent in express delivery). */
const CASE_EVERY = 40;

/** Twelve older months (25 partitions in all), holding a tenth as many parcels as the lookup data. */
async function addOlderMonths(database: Database, shipments: number) {
  await ensurePartitions(database.db, monthsBack(13, 24));
  await fillLookupData(database, Math.max(1, Math.round(shipments / 10)), 'LO', [400, 720]);
}

/** How many monthly partitions tracking_events has. */
async function partitionCount(database: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_inherits where inhparent = 'tracking_events'::regclass`.execute(database.db);
  return rows[0]!.n;
}

interface StatementCost {
  query: string;
  calls: number;
  /** execution time in PostgreSQL per unit of work (event or lookup), µs */
  us: number;
  /** shared buffers touched per unit of work */
  buffers: number;
  toplevel: boolean;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statement a lookup of one waybill runs, as the generic plan
 * PostgreSQL keeps for it once prepared by name. BENCH_EXPLAIN=1.
 */
async function explainLookup(database: Database, waybillNo: string): Promise<string> {
  const literal = `'${waybillNo.replace(/[^A-Z0-9-]/g, '')}'`;
  return database.db.connection().execute(async (c) => {
    await sql`set plan_cache_mode = force_generic_plan`.execute(c);
    await sql.raw(`prepare bench_lookup(text) as ${LOOKUP_ONE}`).execute(c);
    await sql.raw(`execute bench_lookup(${literal})`).execute(c); // warm, as a kept plan is
    const plan = await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) execute bench_lookup(${literal})`).execute(c);
    await sql`deallocate bench_lookup`.execute(c);
    await sql`reset plan_cache_mode`.execute(c);
    return plan.rows.map((r) => `          ${r['QUERY PLAN']}`).join('\n');
  });
}

/** Forgets what pg_stat_statements has counted so far. */
async function resetStatements(database: Database) {
  await sql`select pg_stat_statements_reset()`.execute(database.db);
}

/** What pg_stat_statements counted since the last reset, per unit of work, costliest first. */
async function statementCosts(database: Database, units: number): Promise<StatementCost[]> {
  const { rows } = await sql<{ query: string; calls: string; total: number; buffers: string; toplevel: boolean }>`
    select query, calls, total_exec_time + total_plan_time as total, shared_blks_hit + shared_blks_read as buffers, toplevel
    from pg_stat_statements
    where query not like '%pg_stat_statements%' and dbid = (select oid from pg_database where datname = current_database())
    order by total_exec_time desc limit 8`.execute(database.db);
  return rows.map((r) => ({
    query: r.query.replace(/\s+/g, ' ').trim(),
    calls: Number(r.calls),
    us: (r.total * 1000) / units,
    buffers: Number(r.buffers) / units,
    toplevel: r.toplevel,
  }));
}

/** The processes whose CPU a run counts: the server's, and PostgreSQL's when it runs apart. */
type Processes = { server: number[]; postgres: number[] };

async function load(url: string, request: autocannon.Request, seconds: number, processes: Processes) {
  const { result, ms } = await cpuDuring(processes, () => autocannon({ url, connections: 32, duration: seconds, requests: [request] }));
  const perRequest = (cpuMs: number) => (cpuMs * 1000) / Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuUs: { server: perRequest(ms.server), postgres: perRequest(ms.postgres), client: perRequest(ms.self) },
  };
}

/**
 * The floor of a lookup's design (issue 16 §5): one PostgreSQL round trip from Node, nothing else —
 * a prepared `select $1`, 32 at a time over a pool of 10 connections (the server's), from this
 * process, for `seconds`. A lookup is /healthz plus one such round trip plus our own work; what this
 * costs Node and PostgreSQL is what no code of ours can take away.
 */
async function roundTripFloor(url: string, postgres: number[], seconds: number) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await Promise.all(Array.from({ length: 10 }, () => pool.query('select 1')));
  let count = 0;
  const until = performance.now() + seconds * 1000;
  const { ms } = await cpuDuring({ postgres }, () =>
    Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < until) {
          await pool.query({ name: 'bench-floor', text: 'select $1::text as waybill_no', values: [`LK${String(count).padStart(10, '0')}`] });
          count++;
        }
      }),
    ),
  );
  await pool.end();
  return { perSecond: count / seconds, nodeUs: (ms.self * 1000) / count, postgresUs: (ms.postgres * 1000) / count };
}

/**
 * The trivial route measured just before and just after the (first) lookup run, as one: this
 * machine's speed drifts within a run, and the lookup's ratio should not depend on which side of
 * the drift /healthz was measured. Rates and CPU are averaged by requests; the latencies are the
 * worse of the two.
 */
function bothSides(before: Lookup, after: Lookup): Lookup & { sides: [number, number] } {
  const total = before.total + after.total;
  const mean = (pick: (l: Lookup) => number) => (pick(before) * before.total + pick(after) * after.total) / Math.max(1, total);
  return {
    rps: (before.rps + after.rps) / 2,
    total,
    p50: Math.max(before.p50, after.p50),
    p99: Math.max(before.p99, after.p99),
    errors: before.errors + after.errors,
    cpuUs: { server: mean((l) => l.cpuUs.server), postgres: mean((l) => l.cpuUs.postgres), client: mean((l) => l.cpuUs.client) },
    sides: [before.rps, after.rps],
  };
}

/**
 * The lookup's route asked for an entry that is not a waybill number (too short): the same body
 * parsing, checks, rate limit, handler and serialisation, and nothing looked up. What the route
 * costs the server before any work of the lookup's own.
 */
const noLookupRequest: autocannon.Request = {
  method: 'POST',
  path: '/api/public/track',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ waybillNos: ['12345'] }),
};

const lookupRequest = (shipments: number): autocannon.Request => ({
  method: 'POST',
  path: '/api/public/track',
  headers: { 'content-type': 'application/json' },
  setupRequest: (req) => ({
    ...req,
    body: JSON.stringify({ waybillNos: [`LK${String(Math.floor(Math.random() * shipments)).padStart(10, '0')}`] }),
  }),
});

/** What to stop if a run fails half-way, so no database or server outlives the script. */
const leftovers: Array<() => Promise<void> | void> = [];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmt1 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

type Lookup = Awaited<ReturnType<typeof load>>;

interface EngineRun {
  label: string;
  events: number;
  ingest: Awaited<ReturnType<typeof ingestThroughHttp>>;
  copy: { seconds: number; perSecond: number; postgresUs: number };
  lookupShipments: number;
  setupSeconds: number;
  /** /healthz before and after the lookups, as one */
  trivial: Lookup & { sides: [number, number] };
  /** the lookup's route with nothing to look up */
  route: Lookup;
  /** the lookup with the year's 13 monthly partitions, and (PostgreSQL) again with 25 */
  lookups: Array<{ partitions: number; run: Lookup; statements: StatementCost[]; plan: string | null }>;
  ingestStatements: StatementCost[];
  /** PostgreSQL: one bare round trip from Node, the lookup's floor */
  floor: Awaited<ReturnType<typeof roundTripFloor>> | null;
  memory: number;
}

async function benchEngine(engine: string): Promise<EngineRun> {
  const lookupShipments = Number(process.env.BENCH_LOOKUP_SHIPMENTS ?? (engine === 'postgres' ? 1_000_000 : 200_000));
  const events = ingestWorkload('BK', INGEST_EVENTS);
  const waybills = [...new Set(events.map((e) => e.waybillNo))];
  const label = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const request = lookupRequest(lookupShipments);

  if (engine === 'postgres') {
    // Durable, as in production (the tests' server skips fsync and full-page writes); statements
    // counted by pg_stat_statements (a few per cent of overhead, the same for every line).
    const pgServer = await startPostgres({
      settings: {
        ...DURABLE, shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '30min',
        shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all',
      },
    });
    leftovers.push(() => pgServer.stop());
    const url = pgServer.url('postgres');
    const database = await openDatabase({ kind: 'postgres', url });
    leftovers.push(() => database.close());
    await migrateToLatest(database.db);
    await sql`create extension if not exists pg_stat_statements`.execute(database.db);
    const apiKey = await createIntegrationKey(database);
    await registerShipments(database, waybills);
    await ensurePartitions(database.db, [...new Set([...events.map((e) => monthOf(new Date(e.eventTime))), ...monthsBack(0, 12)])]);
    const setup = performance.now();
    await fillLookupData(database, lookupShipments);
    const setupSeconds = (performance.now() - setup) / 1000;
    await prepareCopyTarget(database);
    const server = await startServerProcess({ DATABASE_URL: url }, leftovers);
    const processes = { server: [server.child.pid!], postgres: [pgServer.pid] };
    await resetStatements(database);
    const ingest = await ingestThroughHttp(server.url, apiKey, events, 4, processes);
    const ingestStatements = await statementCosts(database, events.length);
    const copy = await rawCopyPostgres(url, events, [pgServer.pid]);
    // What autovacuum would have done after a burst of writes, done before the measurements rather
    // than during them (it ran through the trivial route's first run and the route's, and made
    // them slower): the lookups' plans see today's tables.
    await sql`vacuum (analyze)`.execute(database.db);
    await checkpointed(database);
    const trivialBefore = await load(server.url, { method: 'GET', path: '/healthz' }, SECONDS, processes);
    const route = await load(server.url, noLookupRequest, SECONDS, processes);
    const lookups: EngineRun['lookups'] = [];
    let trivialAfter: Lookup | null = null;
    for (const more of [false, true]) {
      if (more) await addOlderMonths(database, lookupShipments);
      const partitions = await partitionCount(database);
      // Every pooled connection has built the function's plan (catalog reads, once per connection) before counting.
      await load(server.url, request, 1, processes);
      await resetStatements(database);
      const run = await load(server.url, request, SECONDS, processes);
      const statements = await statementCosts(database, Math.max(1, run.total));
      lookups.push({ partitions, run, statements, plan: EXPLAIN ? await explainLookup(database, 'LK0000000123') : null });
      trivialAfter ??= await load(server.url, { method: 'GET', path: '/healthz' }, SECONDS, processes);
    }
    const trivial = bothSides(trivialBefore, trivialAfter!);
    const floor = await roundTripFloor(url, [pgServer.pid], SECONDS);
    const memory = server.peakMemoryMb();
    await server.stop();
    await database.close();
    await pgServer.stop();
    return { label, events: events.length, ingest, copy, lookupShipments, setupSeconds, trivial, route, lookups, ingestStatements, floor, memory };
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-bench-'));
  leftovers.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let database = await openDatabase({ kind: 'pglite', dataDir });
  await migrateToLatest(database.db);
  const apiKey = await createIntegrationKey(database);
  await registerShipments(database, waybills);
  await ensurePartitions(database.db, [...new Set([...events.map((e) => monthOf(new Date(e.eventTime))), ...monthsBack(0, 12)])]);
  const setup = performance.now();
  await fillLookupData(database, lookupShipments);
  const setupSeconds = (performance.now() - setup) / 1000;
  const partitions = await partitionCount(database);
  await prepareCopyTarget(database);
  await database.close(); // PGlite has one owner: the server process takes it over
  const server = await startServerProcess({ DATA_DIR: dataDir }, leftovers);
  // PGlite runs inside the server process: its CPU is the server's.
  const processes = { server: [server.child.pid!], postgres: [] };
  const ingest = await ingestThroughHttp(server.url, apiKey, events, 2, processes);
  const trivialBefore = await load(server.url, { method: 'GET', path: '/healthz' }, SECONDS, processes);
  const route = await load(server.url, noLookupRequest, SECONDS, processes);
  const run = await load(server.url, request, SECONDS, processes);
  const trivial = bothSides(trivialBefore, await load(server.url, { method: 'GET', path: '/healthz' }, SECONDS, processes));
  const memory = server.peakMemoryMb();
  await server.stop();
  database = await openDatabase({ kind: 'pglite', dataDir });
  const copy = await rawCopyPglite(database, events);
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { label, events: events.length, ingest, copy, lookupShipments, setupSeconds, trivial, route, lookups: [{ partitions, run, statements: [], plan: null }], ingestStatements: [], floor: null, memory };
}

/** One line per statement: PostgreSQL's time for it per unit, its share, and buffers. */
function printStatements(title: string, unit: string, statements: StatementCost[]) {
  const total = statements.filter((st) => st.toplevel).reduce((sum, st) => sum + st.us, 0);
  console.log(`${title} (pg_stat_statements, execution time per ${unit}; "  ↳" runs inside the statement above it):`);
  for (const st of statements) {
    const share = st.toplevel && total > 0 ? `${fmt((st.us / total) * 100).padStart(3)} %` : '     ';
    console.log(
      `          ${st.toplevel ? '' : '  ↳ '}${fmt1(st.us).padStart(7)} µs ${share}  ${fmt1(st.buffers).padStart(6)} buffers  ×${fmt(st.calls).padEnd(8)} ${st.query.slice(0, 90)}`,
    );
  }
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

function report(r: EngineRun) {
  const { ingest, copy, trivial } = r;
  const postgres = r.label === 'PostgreSQL';
  console.log(`\n== ${r.label} ==`);
  console.log(`ingest  HTTP batch (5,000/request, detection on): ${fmt(ingest.perSecond)} events/s  (${fmt(r.events)} events in ${ingest.seconds.toFixed(2)} s, stored ${fmt(ingest.stored)})`);
  console.log(`ingest  raw COPY of the same rows:                ${fmt(copy.perSecond)} events/s  (${copy.seconds.toFixed(2)} s)`);
  console.log(`ingest  ratio HTTP / COPY:                        ${(ingest.perSecond / copy.perSecond).toFixed(2)}×`);
  // Where the CPU goes, and what the cores could give at that cost: the ceiling a target meets or not.
  const serverPart = postgres ? 'server' : 'server (PGlite inside)';
  const parts = (us: { server: number; postgres: number; client: number }, client: string) =>
    [`${serverPart} ${fmt(us.server)} µs`, ...(postgres ? [`PostgreSQL ${fmt(us.postgres)} µs`] : []), `${client} ${fmt(us.client)} µs`].join(', ');
  // Every core busy with nothing but this work: an upper bound (the server's JavaScript runs on one
  // thread, but its garbage collector and PGlite's file work use others).
  const limit = (us: { server: number; postgres: number; client: number }) => (CPU_MS_PER_SECOND * 1000) / (us.server + us.postgres + us.client);
  console.log(`ingest  CPU per event: ${parts(ingest.cpuUs, 'sender')} → at most ${fmt(limit(ingest.cpuUs))} events/s on ${os.cpus().length} cores at this cost`);
  console.log(`ingest  CPU per row of the raw COPY: ${fmt(copy.postgresUs)} µs in PostgreSQL`);
  if (postgres) printStatements('ingest  PostgreSQL per statement of a batch', 'event', r.ingestStatements);
  console.log(`lookup  data: ${fmt(r.lookupShipments)} shipments / ${fmt(r.lookupShipments * EVENTS_PER_SHIPMENT)} events (set-up ${r.setupSeconds.toFixed(0)} s)`);
  for (const { partitions, run } of r.lookups) {
    console.log(`lookup  POST /api/public/track (1 random waybill), ${partitions} partitions: ${fmt(run.rps)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  errors ${run.errors}`);
  }
  console.log(
    `lookup  GET /healthz (trivial route):              ${fmt(trivial.rps)} req/s  p50 ${trivial.p50} ms  p99 ${trivial.p99} ms  (the mean of ${fmt(trivial.sides[0])} before the lookups and ${fmt(trivial.sides[1])} after)`,
  );
  const first = r.lookups[0]!;
  console.log(`lookup  ratio lookup / trivial:                    ${(first.run.rps / trivial.rps).toFixed(2)}×`);
  for (const { partitions, run } of r.lookups) {
    console.log(`lookup  CPU per lookup, ${partitions} partitions: ${parts(run.cpuUs, 'load generator')} → at most ${fmt(limit(run.cpuUs))} req/s on ${os.cpus().length} cores`);
  }
  console.log(`lookup  CPU per /healthz: ${parts(trivial.cpuUs, 'load generator')}`);
  const { route } = r;
  console.log(
    `lookup  the lookup's route with nothing to look up (an entry that is no waybill number): ${fmt(route.rps)} req/s, CPU per request: ${parts(route.cpuUs, 'load generator')}`,
  );
  for (const { partitions, statements, plan } of r.lookups) {
    if (statements.length > 0) printStatements(`lookup  PostgreSQL per statement of a lookup, ${partitions} partitions`, 'lookup', statements);
    if (plan) console.log(`lookup  EXPLAIN (ANALYZE, BUFFERS) of a lookup of one waybill, ${partitions} partitions:\n${plan}`);
  }
  if (postgres) {
    // The lookup's database and load-generator parts stay whatever the server does.
    const best = limit({ ...first.run.cpuUs, server: trivial.cpuUs.server });
    console.log(`lookup  were the server's part of a lookup as cheap as /healthz: at most ${fmt(best)} req/s (${(best / trivial.rps).toFixed(2)}× the trivial route)`);
    if (r.floor) {
      const f = r.floor;
      console.log(
        `lookup  floor: one bare PostgreSQL round trip from Node (prepared select $1, 32 at a time, pool of 10): ${fmt(f.perSecond)}/s, CPU per round trip: Node ${fmt(f.nodeUs)} µs, PostgreSQL ${fmt(f.postgresUs)} µs`,
      );
      // /healthz's server and load-generator cost plus one bare round trip: the design's floor.
      const floorCost = { server: trivial.cpuUs.server + f.nodeUs, postgres: f.postgresUs, client: first.run.cpuUs.client };
      const ours = first.run.cpuUs.server - floorCost.server;
      const theirs = first.run.cpuUs.postgres - f.postgresUs;
      console.log(
        `lookup  a lookup at that floor (/healthz + one round trip): server ${fmt(floorCost.server)} µs, PostgreSQL ${fmt(f.postgresUs)} µs → at most ${fmt(limit(floorCost))} req/s (${(limit(floorCost) / trivial.rps).toFixed(2)}× the trivial route); ` +
          `above it now: server ${fmt(ours)} µs, PostgreSQL ${fmt(theirs)} µs (the query's work and our code)`,
      );
      // The route itself (a POST with a JSON body through Fastify's checks) plus one bare round
      // trip: the floor of this route's design, before the lookup's own work.
      const routeFloor = { server: route.cpuUs.server + f.nodeUs, postgres: f.postgresUs, client: first.run.cpuUs.client };
      console.log(
        `lookup  the route's floor (the route with nothing to look up + one round trip): server ${fmt(routeFloor.server)} µs, PostgreSQL ${fmt(f.postgresUs)} µs → at most ${fmt(limit(routeFloor))} req/s (${(limit(routeFloor) / trivial.rps).toFixed(2)}× the trivial route); ` +
          `the lookup's own work above it: server ${fmt(first.run.cpuUs.server - routeFloor.server)} µs (its row's json, the story, the longer answer), PostgreSQL ${fmt(theirs)} µs (the statement)`,
      );
    }
  }
  console.log(`memory  server peak RSS:                           ${r.memory.toFixed(0)} MiB`);
  // Issue 16's targets, each on the numbers above (ratios measured side by side in this run).
  const ratio = ingest.perSecond / copy.perSecond;
  const lookupRatio = first.run.rps / trivial.rps;
  if (postgres) {
    console.log(`target  ingest ≥ 0.40× raw COPY (detection on): ${ratio.toFixed(2)}× → target ingest: ${verdict(ratio >= 0.4)}`);
    console.log(`target  lookup ≥ 0.25× the trivial route: ${lookupRatio.toFixed(2)}× → target lookup rate: ${verdict(lookupRatio >= 0.25)}`);
    console.log(`target  lookup p99 ≤ 20 ms: ${first.run.p99} ms → target lookup p99: ${verdict(first.run.p99 <= 20)}`);
    const buffers = r.lookups.map((l) => l.statements.filter((st) => st.toplevel).reduce((sum, st) => sum + st.buffers, 0));
    const [few, many] = [r.lookups[0]!, r.lookups.at(-1)!];
    // Buffers touched per lookup are exact where req/s on a shared machine are not.
    const flat = buffers.at(-1)! <= buffers[0]! + 0.5;
    console.log(
      `target  lookup cost flat in partitions: ${few.partitions} → ${many.partitions} partitions, ${fmt1(buffers[0]!)} → ${fmt1(buffers.at(-1)!)} buffers per lookup, ` +
        `PostgreSQL ${fmt(few.run.cpuUs.postgres)} → ${fmt(many.run.cpuUs.postgres)} µs, ${fmt(few.run.rps)} → ${fmt(many.run.rps)} req/s → target partitions: ${verdict(flat)}`,
    );
  } else {
    console.log(`target  ingest ≥ 0.25× PGlite's raw COPY: ${ratio.toFixed(2)}× → target ingest (PGlite): ${verdict(ratio >= 0.25)}`);
    console.log(`target  lookup ≥ 0.15× the trivial route: ${lookupRatio.toFixed(2)}× → target lookup rate (PGlite): ${verdict(lookupRatio >= 0.15)}`);
  }
}

console.log(`ParcelDesk tracking benchmark — node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
try {
  for (const engine of ENGINES) report(await benchEngine(engine.trim()));
} finally {
  // Stopping twice is harmless: each stop checks whether its process still runs.
  for (const stop of leftovers.reverse()) await Promise.resolve(stop()).catch(() => {});
}
