/**
 * `npm run bench:customers` — issue 17 §9; prints numbers, it is not a test and asserts nothing.
 *
 * On a real PostgreSQL (durable, as in production) started from the machine's binaries:
 *  1. set-up (not measured): migrate, seed the reference data and the demo company, then load
 *     set-based (generate_series; the shipments' secondary indexes built after the load) 600,000
 *     customers (one in 20 a company with a 月结 account) and 10,000,000 shipments over the last 12
 *     months, sent by account or by the customer's phone, skewed so a few customers send much;
 *     one company sends 100,000 of them; two timeline entries per customer and a contact record for
 *     every second one (what the customer view reads besides the shipments);
 *  2. in this process, as of the day before (so yesterday is a day the ledger has not seen): the
 *     ledger of HabitDays from the raw shipments (`npm run customers:rebuild`,
 *     printed for what it costs, not against a target); the full recompute from the ledger (every
 *     customer's running totals in one pass, RFM and the tier rule; habits are folded when read);
 *     the daily incremental run (yesterday's shipments only) and its cost per shipment next to the
 *     rebuild's; the next day's segments job from the running totals;
 *  3. the real server in a child process (jobs off): customer search by phone and by name, and
 *     the customer view (客户360) of the customer with 100,000 shipments, p99 under load
 *     (autocannon), next to a signed-in baseline that queries no customer (what the machine gives
 *     now); last month's monthly report (PDF + XLSX) for that customer made on demand;
 *     the server's peak memory (VmHWM).
 *
 * Scale: BENCH_SCALE (default 1: the issue's numbers; 0.1 loads a tenth of the customers and
 * shipments), or each on its own: BENCH_CUSTOMERS (default 600,000 × scale), BENCH_SHIPMENTS
 * (default 10,000,000 × scale), BENCH_BIG (shipments of the big customer, default 100,000 whatever
 * the scale, at most a tenth of the shipments); BENCH_SECONDS (10 per measurement),
 * BENCH_CONNECTIONS (8). For a quick look: BENCH_SCALE=0.1 BENCH_SECONDS=3.
 * BENCH_HOLD=1 stops after the set-up and keeps PostgreSQL running (its URL printed) until Ctrl-C,
 * to look at plans with psql.
 */
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { addDays, localDate, rebuildCustomerDerived, recomputeCustomerDerived, recomputeSegments, runDailyHabits } from '../src/modules/customers/derive.js';
import { fromWallClock } from '../src/domain/time-limits/working-days.js';
import { runBench, signIn, startBenchDatabase, type Leftovers, type Session } from './support/postgres.js';
import { startServerProcess } from './support/server.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? Math.round(600_000 * SCALE));
const SHIPMENTS = Number(process.env.BENCH_SHIPMENTS ?? Math.round(10_000_000 * SCALE));
const BIG = Math.min(Number(process.env.BENCH_BIG ?? 100_000), Math.floor(SHIPMENTS / 10));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const TIME_ZONE = 'Asia/Shanghai';
const PROVINCES = ['110000', '310000', '440000', '330000', '320000', '510000', '420000', '370000', '350000', '610000'];

const leftovers: Leftovers = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secondsSince = (t: number) => (performance.now() - t) / 1000;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function measure(url: string, session: Session, paths: () => string) {
  const run = (duration: number) =>
    autocannon({ url, connections: CONNECTIONS, duration, requests: [{ method: 'GET', headers: session.headers, setupRequest: (req) => ({ ...req, path: paths() }) }] });
  await run(Math.min(3, SECONDS));
  const r = await run(SECONDS);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

async function run() {
  const setupStarted = performance.now();
  const { server: pgServer, url, db } = await startBenchDatabase(
    { shared_buffers: '2GB', max_wal_size: '4GB', checkpoint_timeout: '30min', maintenance_work_mem: '512MB', work_mem: '64MB' },
    TIME_ZONE,
    leftovers,
  );
  console.log(`set-up: PostgreSQL ${pgServer.version}, ${fmt(CUSTOMERS)} customers, ${fmt(SHIPMENTS)} shipments over 12 months (big customer: ${fmt(BIG)})`);

  // Customers: number c has phone 13… and, one in 20, a 月结 account; customer 1 is the big company.
  await sql`
    insert into customers (name, phone, kind, search)
    select case when c % 20 = 1 then '基准' || c || '号贸易有限公司' else '客户' || c end,
           '13' || lpad(c::text, 9, '0'),
           case when c % 20 = 1 then 'enterprise' else 'individual' end,
           to_tsvector('simple', case when c % 20 = 1 then '基准 ' || c || ' 号 贸易 有限公司' else '客户 ' || c end)
    from generate_series(1, ${CUSTOMERS}) c`.execute(db);
  await sql`
    insert into monthly_accounts (account_no, customer_id)
    select 'B' || lpad(substr(phone, 3)::int::text, 9, '0'), id from customers where name like '基准%'`.execute(db);

  // What the view reads besides shipments, at a realistic size: two timeline entries per customer
  // and a contact record (a call) for every second one, linked or by phone only.
  await sql`
    insert into customer_events (customer_id, actor_name, kind, detail, at)
    select id, '系统', k, '{}', now() - interval '1 day' * (400 - n * 100) from customers, unnest(array['created', 'edited']) with ordinality as e(k, n)`.execute(db);
  await sql`
    insert into contacts (channel, customer_id, customer_name, customer_phone, question, created_at)
    select 'phone', case when c % 4 = 1 then x.id end, x.name, x.phone, '查询包裹到哪了', now() - interval '1 hour' * c
    from (select id, name, phone, row_number() over () as c from customers) x where c % 2 = 1`.execute(db);

  // The shipments' secondary indexes are built after the load (as a restore would).
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.tablename = 'shipments' and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`.execute(db);
  for (const i of indexes) await sql`drop index ${sql.id(i.name)}`.execute(db);
  const now = new Date();
  const end = fromWallClock(Date.parse(`${localDate(now, TIME_ZONE)}T00:00:00Z`), TIME_ZONE).getTime();
  const spanMs = 365 * 86_400_000;
  // Shipment s: the big customer for the first BIG, else a customer skewed towards low numbers
  // (c = 1 + ⌊N·u³⌋: a few send much, most send little); companies ship on their account.
  await sql`
    insert into shipments (waybill_no, sender_phone, recipient_phone, monthly_account, picked_up_at, created_at, weight_g, freight_fen,
                           payment_term, product, recipient_province, recipient_city, status)
    select 'BC' || lpad(s::text, 11, '0'),
           case when c % 20 = 1 then null else '13' || lpad(c::text, 9, '0') end,
           '15' || lpad((s % 100000000)::text, 9, '0'),
           case when c % 20 = 1 then 'B' || lpad(c::text, 9, '0') end,
           at, at - interval '2 hours',
           100 + (s * 7919) % 30000,
           600 + (s * 104729) % 4000,
           case when s % 10 = 0 then 'collect' when c % 20 = 1 then 'monthly' else 'sender_pays' end,
           case when s % 7 = 0 then 'express' else 'standard' end,
           (${PROVINCES}::text[])[1 + (s * 31) % 10],
           left((${PROVINCES}::text[])[1 + (s * 31) % 10], 2) || lpad((1 + s % 3)::text, 2, '0') || '00',
           'delivered'
    from (
      select s, case when s <= ${BIG} then 1 else 1 + floor(${CUSTOMERS}::float8 * power(((s * 2654435761::bigint) % 1000003) / 1000003.0, 3))::int end as c,
             to_timestamp((${end}::bigint - 1 - ((s * 6364136223::bigint + 1442695) % ${spanMs}::bigint)) / 1000.0) as at
      from generate_series(1::bigint, ${SHIPMENTS}::bigint) s
    ) x`.execute(db);
  for (const i of indexes) await sql.raw(i.def).execute(db);
  await sql`analyze`.execute(db);
  const dayBefore = addDays(localDate(now, TIME_ZONE), -1);
  const { rows: dayRows } = await sql<{ n: string }>`
    select count(*) as n from shipments where coalesce(picked_up_at, created_at) >= ${fromWallClock(Date.parse(`${dayBefore}T00:00:00Z`), TIME_ZONE)}
      and coalesce(picked_up_at, created_at) < ${new Date(end)}`.execute(db);
  const dayShipments = Number(dayRows[0]!.n);
  console.log(`set-up done in ${secondsSince(setupStarted).toFixed(0)} s\n`);
  if (process.env.BENCH_HOLD === '1') {
    console.log(`holding: psql ${url} — Ctrl-C (SIGINT) stops it`);
    await new Promise((resolve) => process.once('SIGINT', resolve));
    return;
  }

  // The ledger from the raw shipments (a first deployment's or a correction's work), then the
  // full recompute from the ledger — both as of the day before, so that the ledger ends the day
  // before yesterday — then the next day's runs: yesterday's shipments, a day the ledger has not seen.
  const dayEarlier = new Date(now.getTime() - 86_400_000);
  const rebuildStarted = performance.now();
  const rebuilt = await rebuildCustomerDerived(db, dayEarlier, TIME_ZONE);
  const rebuildSeconds = secondsSince(rebuildStarted);
  const perShipmentRebuild = (rebuilt.seconds.habitDays * 1e6) / SHIPMENTS;
  const { rows: ledgerRows } = await sql<{ n: string }>`select count(*) as n from customer_habit_days`.execute(db);
  console.log(
    `rebuild    ledger from the raw shipments (customers:rebuild; first deployment or correction): ${rebuildSeconds.toFixed(1)} s (HabitDay rows ${rebuilt.seconds.habitDays} s: ${fmt(Number(ledgerRows[0]!.n))} rows, ${perShipmentRebuild.toFixed(0)} µs/shipment; then the recompute below)`,
  );
  const fullStarted = performance.now();
  const full = await recomputeCustomerDerived(db, dayEarlier, TIME_ZONE);
  const fullSeconds = secondsSince(fullStarted);
  console.log(
    `recompute  habits + RFM + tiers for all, from the ledger: ${fullSeconds.toFixed(1)} s (running totals of ${fmt(full.totals)} customers ${full.seconds.totals} s, RFM of ${fmt(full.rfm)} ${full.seconds.rfm} s, tiers of ${fmt(full.customers)} ${full.seconds.tiers} s, ${fmt(full.changed)} changed; habits folded when read)   target ≤ 60 s: ${met(fullSeconds <= 60)}`,
  );
  const dailyStarted = performance.now();
  const daily = await runDailyHabits(db, now, TIME_ZONE);
  const dailySeconds = secondsSince(dailyStarted);
  const perShipmentDaily = (dailySeconds * 1e6) / Math.max(1, dayShipments);
  // "Follows the day": per shipment of the day no dearer than three times the rebuild's, plus a second of fixed cost.
  console.log(
    `daily      incremental run for ${daily.day}: ${dailySeconds.toFixed(2)} s for ${fmt(dayShipments)} shipments of the day, ${fmt(daily.customers)} customers' days and totals written (${perShipmentDaily.toFixed(0)} µs/shipment; rebuild ${perShipmentRebuild.toFixed(0)} µs/shipment)   target follows the day's shipments (≤ 3 × rebuild's cost per shipment + 1 s): ${met(dailySeconds <= (3 * perShipmentRebuild * dayShipments) / 1e6 + 1)}`,
  );
  // The next day's segments job: the window moves a day (the customers with a day leaving it), RFM ranks everyone.
  const segmentsStarted = performance.now();
  const segments = await recomputeSegments(db, now, TIME_ZONE);
  const segmentsSeconds = secondsSince(segmentsStarted);
  console.log(
    `segments   next day's RFM + tiers from the running totals (the window moved a day): ${segmentsSeconds.toFixed(1)} s for ${fmt(segments.rfm)} customers scored, ${fmt(segments.customers)} judged (RFM ranks the whole population: its cost follows the customers, not the shipments)`,
  );

  // The server: search and the customer view.
  const server = await startServerProcess({ DATABASE_URL: url, TZ_COMPANY: TIME_ZONE }, leftovers);
  try {
    const kam = await signIn(server.url, 'supervisor01');
    const { rows: big } = await sql<{ id: string }>`select id from customers where phone = '13000000001'`.execute(db);
    const bigId = big[0]!.id;
    const pick = () => 1 + Math.floor(Math.random() * CUSTOMERS);
    const byPhone = await measure(server.url, kam, () => `/api/customers?q=13${String(pick()).padStart(9, '0')}`);
    const byName = await measure(server.url, kam, () => {
      const c = pick();
      return `/api/customers?q=${encodeURIComponent(c % 20 === 1 ? `基准${c}号贸易有限公司` : `客户${c}`)}`;
    });
    const view = await measure(server.url, kam, () => `/api/customers/${bigId}`);
    // What this machine gives now, with no customer query: a signed-in request that reads the session only.
    const me = await measure(server.url, kam, () => '/api/auth/me');
    const line = (label: string, m: Awaited<ReturnType<typeof measure>>, target: number) =>
      console.log(`${label.padEnd(58)} ${fmt(m.rps).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}   target p99 ≤ ${target} ms: ${met(m.p99 <= target && m.errors === 0)}`);
    console.log(`${'baseline   GET /api/auth/me (signed in, no customer query)'.padEnd(58)} ${fmt(me.rps).padStart(6)} req/s  p50 ${me.p50} ms  p99 ${me.p99} ms  errors ${me.errors}`);
    line('search     customer by phone (exact)', byPhone, 20);
    line('search     customer by name', byName, 20);
    line(`view       客户360 of the customer with ${fmt(BIG)} shipments`, view, 100);
    // The monthly report (modules/reports/monthly) of last month, made on demand through the API, three times.
    const today = localDate(now, TIME_ZONE);
    const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
    const times: number[] = [];
    let reportStatus = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/customers/${bigId}/reports`, {
        method: 'POST',
        headers: { ...kam.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ month: lastMonth, email: false }),
      });
      await response.arrayBuffer();
      reportStatus = response.status;
      times.push(performance.now() - started);
    }
    const worst = Math.max(...times);
    console.log(
      `report     monthly report (PDF + XLSX) of ${lastMonth} for that customer, made 3 times: ${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s (HTTP ${reportStatus})   target ≤ 2 s: ${met(worst <= 2000 && reportStatus === 201)}`,
    );
    console.log(`memory     server peak RSS: ${server.peakMemoryMb().toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
}

await runBench(leftovers, run);
