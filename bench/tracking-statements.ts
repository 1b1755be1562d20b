/**
 * `npx tsx bench/tracking-statements.ts` — what each statement of an ingest batch, and the
 * alternatives tried for it, costs the PostgreSQL backend (its CPU from /proc, per event), each run
 * alone inside BEGIN … ROLLBACK on the same data: bench:tracking's workload, half of it ingested
 * first through ingestEvents, durable settings. The backend's clock ticks are 10 ms, so a figure is
 * the mean of the last REPS − 4 runs and good to about ±1 µs. Prints the plans (EXPLAIN ANALYZE,
 * BUFFERS, WAL) of the insert and the shipment update. Not a test; asserts nothing.
 * LAB_EVENTS (default 200,000), LAB_REPS (default 12), LAB_SKIP_JSON=1 skips the JSON variants.
 */
import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { createTrackingContext } from '../src/modules/tracking/context.js';
import { ingestEvents } from '../src/modules/tracking/ingest.js';
import { ensurePartitions, monthOf } from '../src/modules/tracking/partitions.js';
import { eventKeyOf } from '../src/domain/tracking/progress.js';
import type { CanonicalEvent, TrackingStatus } from '../src/domain/tracking/vocabulary.js';
import { DURABLE, startPostgres } from '../test/support/postgres-server.js';
import { SCAN_ROUTE } from './support/scan-route.js';

function workload(total: number): CanonicalEvent[] {
  const events: CanonicalEvent[] = [];
  const start = Date.now() - 2 * 86_400_000;
  for (let i = 0; events.length < total; i++) {
    const waybillNo = `BK${String(i).padStart(10, '0')}`;
    SCAN_ROUTE.forEach(([status, subStatus, text, site], step) => {
      if (events.length < total) {
        events.push({
          waybillNo, eventTime: new Date(start + i * 7 + step * 3_600_000), status: status as TrackingStatus, subStatus, site,
          areaCode: null, courier: null, rawText: text, source: 'scanner', externalId: `${waybillNo}-${step}`,
        });
      }
    });
  }
  for (let i = events.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return events;
}

const TOTAL = Number(process.env.LAB_EVENTS ?? 200_000);
const server = await startPostgres({
  settings: { ...DURABLE, shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '30min' },
});
const pool = new pg.Pool({ connectionString: server.url('postgres'), max: 4 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const client = new pg.Client({ connectionString: server.url('postgres') });
try {
  await migrateToLatest(db);
  const events = workload(TOTAL);
  const waybills = [...new Set(events.map((e) => e.waybillNo))];
  for (let i = 0; i < waybills.length; i += 10_000) {
    await sql`
      insert into shipments (waybill_no, registered, sender_name, sender_phone, sender_address, sender_province, sender_city,
        recipient_name, recipient_phone, recipient_address, recipient_province, recipient_city)
      select w, true, '张三', '13800138000', '上海市浦东新区张江路88号', '310000', '310000',
        '李四', '13912345678', '浙江省杭州市西湖区文三路90号', '330000', '330100'
      from unnest(${waybills.slice(i, i + 10_000)}::text[]) as w on conflict (waybill_no) do nothing`.execute(db);
  }
  await ensurePartitions(db, events.map((e) => monthOf(e.eventTime)));
  const context = createTrackingContext({ timeZone: 'Asia/Shanghai' });
  const half = Math.floor(TOTAL / 2 / 5000) * 5000;
  for (let i = 0; i < half; i += 5000) await ingestEvents(db, context, events.slice(i, i + 5000));
  await sql`vacuum analyze`.execute(db);
  await client.connect();
  const pid = (await client.query('select pg_backend_pid() as p')).rows[0].p as number;
  const cpu = () => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // ms
  };
  const batch = events.slice(half, half + 5000).map((e) => ({
    waybillNo: e.waybillNo, eventTime: e.eventTime, eventKey: eventKeyOf(e), status: e.status, subStatus: e.subStatus,
    site: e.site, areaCode: e.areaCode, courier: e.courier, rawText: e.rawText, source: e.source,
  }));
  const touched = [...new Set(batch.map((r) => r.waybillNo))].sort();
  const REPS = Number(process.env.LAB_REPS ?? 12);
  async function measure(label: string, run: () => Promise<unknown>) {
    const ms: number[] = [];
    const wall: number[] = [];
    for (let r = 0; r < REPS; r++) {
      await client.query('begin');
      const c0 = cpu();
      const w0 = performance.now();
      await run();
      wall.push(performance.now() - w0);
      ms.push(cpu() - c0);
      await client.query('rollback');
    }
    const tail = (xs: number[]) => xs.slice(4).reduce((a, b) => a + b, 0) / (xs.length - 4);
    console.log(`${label.padEnd(44)} backend CPU ${((tail(ms) * 1000) / 5000).toFixed(2)} µs/event  wall ${((tail(wall) * 1000) / 5000).toFixed(2)} µs/event`);
  }
  const q = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });
  const jsonRows = JSON.stringify(batch.map((e) => ({ ...e, eventTime: e.eventTime.toISOString() })));
  const cols = `"waybillNo" text, "eventTime" timestamptz, "eventKey" text, status text, "subStatus" text, site text, "areaCode" text, courier text, "rawText" text, source text`;
  const ins = 'insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source)';
  const retKey = `returning waybill_no || chr(31) || floor(extract(epoch from event_time) * 1000)::bigint || chr(31) || event_key as k`;
  {
  if (!process.env.LAB_SKIP_JSON) {
  await measure('insert json_to_recordset + epoch key (before)', () => q('i1', `${ins} select * from json_to_recordset($1::json) as e(${cols}) on conflict do nothing ${retKey}`, [jsonRows]));
  await measure('insert json_to_recordset, no returning', () => q('i2', `${ins} select * from json_to_recordset($1::json) as e(${cols}) on conflict do nothing`, [jsonRows]));
  await measure('insert jsonb_to_recordset + key', () => q('i3', `${ins} select * from jsonb_to_recordset($1::jsonb) as e(${cols}) on conflict do nothing ${retKey}`, [jsonRows]));
  await measure('insert json, returning waybill and key (chosen)', () => q('i4', `${ins} select * from json_to_recordset($1::json) as e(${cols}) on conflict do nothing returning event_key, waybill_no`, [jsonRows]));
  await measure('insert json, returning epoch float', () => q('i5', `${ins} select * from json_to_recordset($1::json) as e(${cols}) on conflict do nothing returning waybill_no, event_key, extract(epoch from event_time)::float8 as t`, [jsonRows]));
  const arr = (f: (e: (typeof batch)[number]) => unknown) => batch.map(f);
  await measure('insert unnest arrays + key', () =>
    q('i6', `${ins} select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) on conflict do nothing ${retKey}`, [
      arr((e) => e.waybillNo), arr((e) => e.eventTime.toISOString()), arr((e) => e.eventKey), arr((e) => e.status), arr((e) => e.subStatus),
      arr((e) => e.site), arr((e) => e.areaCode), arr((e) => e.courier), arr((e) => e.rawText), arr((e) => e.source)]));
  await measure('insert json, no on conflict (plain)', () => q('i7', `${ins} select * from json_to_recordset($1::json) as e(${cols})`, [jsonRows]));
  }
  await client.query('create temp table if not exists stage (like tracking_events including defaults) on commit delete rows');
  const esc = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
  const text = batch.map((e) => [e.waybillNo, e.eventTime.toISOString(), e.eventKey, e.status, e.subStatus, e.site, e.areaCode, e.courier, e.rawText, e.source].map(esc).join('\t')).join('\n') + '\n';
  await measure('COPY into temp stage only', () => pipeline(Readable.from([text]), client.query(copyFrom('copy stage (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source) from stdin'))));
  await measure('COPY stage + insert select + key', async () => {
    await pipeline(Readable.from([text]), client.query(copyFrom('copy stage (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source) from stdin')));
    await q('i8', `${ins} select waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source from stage on conflict do nothing ${retKey}`, []);
  });
  await measure('COPY straight into tracking_events', () => pipeline(Readable.from([text]), client.query(copyFrom('copy tracking_events (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source) from stdin'))));
  }

  // shipments
  const lockCols = 'id, waybill_no, status, sub_status, terminal, last_event_time, last_event_key, last_event_text, last_site, last_area_code, picked_up_at, delivered_at, damaged_at, failed_attempts, awaiting_pickup_since, promised_at, complete_delay_at, route_class, policy_version, sender_province, sender_city, recipient_province, recipient_city, recipient_district, recipient_phone, sender_phone';
  await measure('ensureShipments', () => q('e1', 'insert into shipments (waybill_no) select unnest($1::text[]) on conflict (waybill_no) do nothing', [touched]));
  await measure('select for update (chosen)', () => q('l1', `select ${lockCols} from shipments where waybill_no = any($1::text[]) order by waybill_no for update`, [touched]));
  await measure('select, no lock', () => q('l2', `select ${lockCols}, xmin::text as v from shipments where waybill_no = any($1::text[]) order by waybill_no`, [touched]));
  await measure('select for no key update', () => q('l3', `select ${lockCols} from shipments where waybill_no = any($1::text[]) order by waybill_no for no key update`, [touched]));
  const ships = (await client.query(`select id, last_event_time from shipments where waybill_no = any($1::text[]) order by waybill_no`, [touched])).rows as Array<{ id: string }>;
  const now = Date.now();
  const updates = ships.map((s, i) => ({
    id: s.id, status: 'in_transit', subStatus: 'arrived', terminal: false, lastEventTime: new Date(now - i).toISOString(), lastEventKey: `scanner:x${i}`,
    lastEventText: '【杭州市】快件已到达杭州转运中心', lastSite: '杭州转运中心', lastAreaCode: null, pickedUpAt: new Date(now - 86_400_000).toISOString(),
    deliveredAt: null, damagedAt: null, failedAttempts: 0, awaitingPickupSince: null, promisedAt: new Date(now + 86_400_000).toISOString(),
    completeDelayAt: new Date(now + 5 * 86_400_000).toISOString(), routeClass: 'inter_province', policyVersion: 1, nextCheckAt: new Date(now + 3_600_000 + i).toISOString(),
    newEvents: [{ time: new Date(now - i).toISOString(), key: `scanner:x${i}`, status: 'in_transit', site: '杭州转运中心', text: '【杭州市】快件已到达杭州转运中心' }],
  }));
  const updJson = JSON.stringify(updates);
  const set = `status = v.status, sub_status = v."subStatus", terminal = v.terminal,
      last_event_time = v."lastEventTime", last_event_key = v."lastEventKey", last_event_text = v."lastEventText",
      last_site = v."lastSite", last_area_code = v."lastAreaCode",
      picked_up_at = v."pickedUpAt", delivered_at = v."deliveredAt", damaged_at = v."damagedAt",
      failed_attempts = v."failedAttempts", awaiting_pickup_since = v."awaitingPickupSince",
      promised_at = v."promisedAt", complete_delay_at = v."completeDelayAt",
      route_class = v."routeClass", policy_version = v."policyVersion", next_check_at = v."nextCheckAt",
      timeline = case when v."newEvents" is null then s.timeline else s.timeline || v."newEvents" end,
      timeline_from = least(s.timeline_from, (v."newEvents"->0->>'time')::timestamptz),
      updated_at = now()`;
  const vcols = `id uuid, status text, "subStatus" text, terminal boolean, "lastEventTime" timestamptz, "lastEventKey" text,
      "lastEventText" text, "lastSite" text, "lastAreaCode" text, "pickedUpAt" timestamptz, "deliveredAt" timestamptz,
      "damagedAt" timestamptz, "failedAttempts" int, "awaitingPickupSince" timestamptz, "promisedAt" timestamptz,
      "completeDelayAt" timestamptz, "routeClass" text, "policyVersion" int, "nextCheckAt" timestamptz, "newEvents" jsonb`;
  await measure('update json_to_recordset (chosen)', () => q('u1', `update shipments s set ${set} from json_to_recordset($1::json) as v(${vcols}) where s.id = v.id`, [updJson]));
  await measure('update jsonb_to_recordset', () => q('u2', `update shipments s set ${set} from jsonb_to_recordset($1::jsonb) as v(${vcols}) where s.id = v.id`, [updJson]));
  await measure('update, next_check unchanged-ish (null)', () => q('u3', `update shipments s set ${set.replace('next_check_at = v."nextCheckAt"', 'next_check_at = s.next_check_at').replace('picked_up_at = v."pickedUpAt"', 'picked_up_at = s.picked_up_at')} from json_to_recordset($1::json) as v(${vcols}) where s.id = v.id`, [updJson]));
  await measure('update, no timeline', () => q('u4', `update shipments s set ${set.replace(/timeline = [^\n]*\n/, '').replace(/timeline_from = [^\n]*\n/, '')} from json_to_recordset($1::json) as v(${vcols}) where s.id = v.id`, [updJson]));
  await measure('lock + update (chosen)', async () => {
    await q('l1', `select ${lockCols} from shipments where waybill_no = any($1::text[]) order by waybill_no for update`, [touched]);
    await q('u1', `update shipments s set ${set} from json_to_recordset($1::json) as v(${vcols}) where s.id = v.id`, [updJson]);
  });
  await measure('read unlocked + update (tried)', async () => {
    await q('l2', `select ${lockCols}, xmin::text as v from shipments where waybill_no = any($1::text[]) order by waybill_no`, [touched]);
    await q('u1', `update shipments s set ${set} from json_to_recordset($1::json) as v(${vcols}) where s.id = v.id`, [updJson]);
  });
  const idx = await client.query(`select indexrelid::regclass::text as i, pg_get_indexdef(indexrelid) as d from pg_index where indrelid = 'shipments'::regclass`);
  console.log(idx.rows.map((r) => r.d).join('\n'));
  const hot = await client.query(`select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'shipments'`);
  console.log('shipments updates (ingest of first half)', hot.rows[0]);
  const plan = await client.query(`explain (analyze, buffers, wal, costs off) update shipments s set ${set} from json_to_recordset($1::json) as v(${vcols}) where s.id = v.id`, [updJson]);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  const plan2 = await client.query(`explain (analyze, buffers, wal, costs off) ${ins} select * from json_to_recordset($1::json) as e(${cols}) on conflict do nothing ${retKey}`, [jsonRows]);
  console.log(plan2.rows.map((r) => r['QUERY PLAN']).join('\n'));
} finally {
  await client.end().catch(() => {});
  await db.destroy();
  await server.stop();
}
