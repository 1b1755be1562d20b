/**
 * `npm run bench:tracking` — prints numbers; it is not a test and asserts nothing.
 *
 * For each engine (a real PostgreSQL started from the machine's binaries, then PGlite):
 *  1. ingestion through the real HTTP batch endpoint (server in a child process, detection on),
 *     events/s, next to a raw COPY of the same rows into a table of the same shape, and the ratio;
 *  2. public lookups of random waybills among many shipments/events: requests/s, p50/p99, next
 *     to the trivial /healthz route measured the same way;
 *  3. the server process's peak memory (VmHWM).
 *
 * Scale: BENCH_INGEST_EVENTS (default 200,000), BENCH_LOOKUP_SHIPMENTS (PostgreSQL 1,000,000;
 * PGlite 200,000), 10 events per shipment; BENCH_ENGINES=postgres,pglite; BENCH_SECONDS=10.
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
import { DURABLE, startPostgres } from '../test/support/postgres-server.js';
import { cpuDuring, CPU_MS_PER_SECOND } from './support/cpu.js';
import { startServerProcess, type ServerProcess } from './support/server.js';

const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
const BATCH = 5000;
const EVENTS_PER_SHIPMENT = 10;

const STEPS: Array<[string, string, string, string]> = [
  ['picked_up', 'picked_up', '【上海市】快递员已揽收', '上海浦东营业部'],
  ['in_transit', 'departed', '【上海市】快件已从上海浦东营业部发出', '上海浦东营业部'],
  ['in_transit', 'arrived', '【上海市】快件已到达上海转运中心', '上海转运中心'],
  ['in_transit', 'departed', '【上海市】快件已从上海转运中心发出', '上海转运中心'],
  ['in_transit', 'arrived', '【苏州市】快件已到达苏州转运中心', '苏州转运中心'],
  ['in_transit', 'departed', '【苏州市】快件已从苏州转运中心发出', '苏州转运中心'],
  ['in_transit', 'arrived', '【杭州市】快件已到达杭州转运中心', '杭州转运中心'],
  ['in_transit', 'departed', '【杭州市】快件已从杭州转运中心发出', '杭州转运中心'],
  ['out_for_delivery', 'out_for_delivery', '【杭州市】快递员王师傅正在派件', '杭州西湖营业部'],
  ['delivered', 'self', '【杭州市】已签收，签收人：本人', '杭州西湖营业部'],
];

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
    STEPS.forEach(([status, subStatus, text, site], step) => {
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

/** Many shipments and ten events each, written set-based (this is set-up, not what is measured). */
async function fillLookupData(database: Database, shipments: number) {
  const now = new Date();
  await ensurePartitions(database.db, [monthOf(now), monthOf(new Date(now.getTime() - 5 * 86_400_000))]);
  const chunk = 100_000;
  for (let from = 0; from < shipments; from += chunk) {
    const to = Math.min(shipments, from + chunk) - 1;
    await sql`
      insert into shipments (waybill_no, registered, status, sub_status, sender_name, sender_phone, recipient_name, recipient_phone,
        recipient_address, recipient_province, recipient_city, last_event_time, last_event_text, promised_at)
      select 'LK' || lpad(i::text, 10, '0'), true, 'in_transit', 'arrived', '王五', '1380000' || lpad((i % 10000)::text, 4, '0'),
        '赵六', '1391111' || lpad((i % 10000)::text, 4, '0'), '浙江省杭州市西湖区文三路' || (i % 200) || '号', '330000', '330100',
        now() - interval '1 hour', '【杭州市】快件已到达杭州转运中心', now() + interval '1 day'
      from generate_series(${from}::int, ${to}::int) as i`.execute(database.db);
    await sql`
      insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, raw_text, source)
      select 'LK' || lpad(i::text, 10, '0'), now() - (interval '1 hour' * (10 - s)) - (i % 1000) * interval '1 second',
        'bench:' || s, 'in_transit', 'arrived', '杭州转运中心', '【杭州市】快件已到达杭州转运中心（第' || s || '站）', 'bench'
      from generate_series(${from}::int, ${to}::int) as i, generate_series(1, ${EVENTS_PER_SHIPMENT}::int) as s`.execute(database.db);
  }
  await sql`analyze shipments`.execute(database.db);
  await sql`analyze tracking_events`.execute(database.db);
}

/** The processes whose CPU a run counts: the server's, and PostgreSQL's when it runs apart. */
type Processes = { server: number[]; postgres: number[] };

async function load(url: string, request: autocannon.Request, seconds: number, processes: Processes) {
  const { result, ms } = await cpuDuring(processes, () => autocannon({ url, connections: 32, duration: seconds, requests: [request] }));
  const perRequest = (cpuMs: number) => (cpuMs * 1000) / Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuUs: { server: perRequest(ms.server), postgres: perRequest(ms.postgres), client: perRequest(ms.self) },
  };
}

async function lookupRun(url: string, shipments: number, processes: Processes) {
  const trivial = await load(url, { method: 'GET', path: '/healthz' }, SECONDS, processes);
  const lookups = await load(
    url,
    {
      method: 'POST',
      path: '/api/public/track',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ waybillNos: [`LK${String(Math.floor(Math.random() * shipments)).padStart(10, '0')}`] }),
      }),
    },
    SECONDS,
    processes,
  );
  return { trivial, lookups };
}

/** What to stop if a run fails half-way, so no database or server outlives the script. */
const leftovers: Array<() => Promise<void> | void> = [];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function benchEngine(engine: string) {
  const lookupShipments = Number(process.env.BENCH_LOOKUP_SHIPMENTS ?? (engine === 'postgres' ? 1_000_000 : 200_000));
  const events = ingestWorkload('BK', INGEST_EVENTS);
  const waybills = [...new Set(events.map((e) => e.waybillNo))];
  let server: ServerProcess;
  let cleanup: () => Promise<void>;
  let copy: { seconds: number; perSecond: number; postgresUs: number };
  let ingest: Awaited<ReturnType<typeof ingestThroughHttp>>;
  let lookup: Awaited<ReturnType<typeof lookupRun>>;
  let setupSeconds: number;

  if (engine === 'postgres') {
    // Durable, as in production (the tests' server skips fsync and full-page writes).
    const pgServer = await startPostgres({ settings: { ...DURABLE, shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '30min' } });
    leftovers.push(() => pgServer.stop());
    const url = pgServer.url('postgres');
    const database = await openDatabase({ kind: 'postgres', url });
    await migrateToLatest(database.db);
    const apiKey = await createIntegrationKey(database);
    await registerShipments(database, waybills);
    await ensurePartitions(database.db, [...new Set(events.map((e) => monthOf(new Date(e.eventTime))))]);
    const setup = performance.now();
    await fillLookupData(database, lookupShipments);
    setupSeconds = (performance.now() - setup) / 1000;
    await prepareCopyTarget(database);
    server = await startServerProcess({ DATABASE_URL: url }, leftovers);
    const processes = { server: [server.child.pid!], postgres: [pgServer.pid] };
    ingest = await ingestThroughHttp(server.url, apiKey, events, 4, processes);
    copy = await rawCopyPostgres(url, events, [pgServer.pid]);
    lookup = await lookupRun(server.url, lookupShipments, processes);
    cleanup = async () => {
      await database.close();
      await pgServer.stop();
    };
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-bench-'));
    let database = await openDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(database.db);
    const apiKey = await createIntegrationKey(database);
    await registerShipments(database, waybills);
    await ensurePartitions(database.db, [...new Set(events.map((e) => monthOf(new Date(e.eventTime))))]);
    const setup = performance.now();
    await fillLookupData(database, lookupShipments);
    setupSeconds = (performance.now() - setup) / 1000;
    await prepareCopyTarget(database);
    await database.close(); // PGlite has one owner: the server process takes it over
    server = await startServerProcess({ DATA_DIR: dataDir }, leftovers);
    // PGlite runs inside the server process: its CPU is the server's.
    const processes = { server: [server.child.pid!], postgres: [] };
    ingest = await ingestThroughHttp(server.url, apiKey, events, 2, processes);
    lookup = await lookupRun(server.url, lookupShipments, processes);
    const memory = server.peakMemoryMb();
    await server.stop();
    database = await openDatabase({ kind: 'pglite', dataDir });
    copy = await rawCopyPglite(database, events);
    await database.close();
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    server = { ...server, peakMemoryMb: () => memory, stop: async () => {} };
  }
  const memory = server.peakMemoryMb();
  await server.stop();
  await cleanup();

  const label = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  console.log(`\n== ${label} ==`);
  console.log(`ingest  HTTP batch (5,000/request, detection on): ${fmt(ingest.perSecond)} events/s  (${fmt(events.length)} events in ${ingest.seconds.toFixed(2)} s, stored ${fmt(ingest.stored)})`);
  console.log(`ingest  raw COPY of the same rows:                ${fmt(copy.perSecond)} events/s  (${copy.seconds.toFixed(2)} s)`);
  console.log(`ingest  ratio HTTP / COPY:                        ${(ingest.perSecond / copy.perSecond).toFixed(2)}×`);
  // Where the CPU goes, and what the cores could give at that cost: the ceiling a target meets or not.
  const serverPart = engine === 'postgres' ? 'server' : 'server (PGlite inside)';
  const parts = (us: { server: number; postgres: number; client: number }, client: string) =>
    [`${serverPart} ${fmt(us.server)} µs`, ...(engine === 'postgres' ? [`PostgreSQL ${fmt(us.postgres)} µs`] : []), `${client} ${fmt(us.client)} µs`].join(', ');
  // Every core busy with nothing but this work: an upper bound (the server's JavaScript runs on one
  // thread, but its garbage collector and PGlite's file work use others).
  const limit = (us: { server: number; postgres: number; client: number }) => (CPU_MS_PER_SECOND * 1000) / (us.server + us.postgres + us.client);
  console.log(`ingest  CPU per event: ${parts(ingest.cpuUs, 'sender')} → at most ${fmt(limit(ingest.cpuUs))} events/s on ${os.cpus().length} cores at this cost`);
  console.log(`ingest  CPU per row of the raw COPY: ${fmt(copy.postgresUs)} µs in PostgreSQL`);
  console.log(`lookup  data: ${fmt(lookupShipments)} shipments / ${fmt(lookupShipments * EVENTS_PER_SHIPMENT)} events (set-up ${setupSeconds.toFixed(0)} s)`);
  console.log(`lookup  POST /api/public/track (1 random waybill): ${fmt(lookup.lookups.rps)} req/s  p50 ${lookup.lookups.p50} ms  p99 ${lookup.lookups.p99} ms  errors ${lookup.lookups.errors}`);
  console.log(`lookup  GET /healthz (trivial route):              ${fmt(lookup.trivial.rps)} req/s  p50 ${lookup.trivial.p50} ms  p99 ${lookup.trivial.p99} ms`);
  console.log(`lookup  ratio lookup / trivial:                    ${(lookup.lookups.rps / lookup.trivial.rps).toFixed(2)}×`);
  const { lookups, trivial } = lookup;
  console.log(`lookup  CPU per lookup:   ${parts(lookups.cpuUs, 'load generator')} → at most ${fmt(limit(lookups.cpuUs))} req/s on ${os.cpus().length} cores`);
  console.log(`lookup  CPU per /healthz: ${parts(trivial.cpuUs, 'load generator')}`);
  if (engine === 'postgres') {
    // The lookup's database and load-generator parts stay whatever the server does.
    const best = limit({ ...lookups.cpuUs, server: trivial.cpuUs.server });
    console.log(`lookup  were the server's part of a lookup as cheap as /healthz: at most ${fmt(best)} req/s (${(best / trivial.rps).toFixed(2)}× the trivial route)`);
  }
  console.log(`memory  server peak RSS:                           ${memory.toFixed(0)} MiB`);
}

console.log(`ParcelDesk tracking benchmark — node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
try {
  for (const engine of ENGINES) await benchEngine(engine.trim());
} finally {
  // Stopping twice is harmless: each stop checks whether its process still runs.
  for (const stop of leftovers.reverse()) await Promise.resolve(stop()).catch(() => {});
}
