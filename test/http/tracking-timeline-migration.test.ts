/**
 * The 2026-12-08T1800 migration on a database whose events were stored before shipments kept a
 * timeline: every parcel's public lookup shows what the console shows, in the same order. The
 * migrations that build on the timeline are taken back first and applied again after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as timeline from '../../src/db/migrations/2026-12-08T1800_tracking_timeline.js';
import * as rawTimeline from '../../src/db/migrations/2026-12-08T2300_tracking_view_raw_timeline.js';
import * as parcelLookup from '../../src/db/migrations/2026-12-08T2310_parcel_lookup.js';
import { ensurePartitions, monthOf } from '../../src/modules/tracking/partitions.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  const db = t.database.db;
  for (const migration of [parcelLookup, rawTimeline, timeline]) await migration.down(db);
  // Two parcels as the events table held them before: events over two months, two at one instant.
  const times = [hoursAgo(24 * 40), hoursAgo(30), hoursAgo(5), hoursAgo(5)];
  await ensurePartitions(db, times.map(monthOf));
  await db.insertInto('shipments').values([{ waybill_no: 'TL1000000001', status: 'in_transit', sub_status: 'arrived' }, { waybill_no: 'TL1000000002' }]).execute();
  await db
    .insertInto('tracking_events')
    .values([
      { waybill_no: 'TL1000000001', event_time: times[0]!, event_key: 'k0', status: 'picked_up', sub_status: 'picked_up', site: '上海浦东营业站', raw_text: '【上海市】快递员已揽收', source: 'scanner' },
      { waybill_no: 'TL1000000001', event_time: times[1]!, event_key: 'k1', status: 'in_transit', sub_status: 'departed', site: null, raw_text: '【上海市】快件已发出', source: 'scanner' },
      { waybill_no: 'TL1000000001', event_time: times[2]!, event_key: 'k2', status: 'in_transit', sub_status: 'arrived', site: '杭州转运中心', raw_text: '【杭州市】快件已到达', source: 'kuaidi100' },
      { waybill_no: 'TL1000000001', event_time: times[3]!, event_key: 'k3', status: 'in_transit', sub_status: 'departed', site: '杭州转运中心', raw_text: '【杭州市】快件已发出', source: 'kuaidi100' },
    ])
    .execute();
  for (const migration of [timeline, rawTimeline, parcelLookup]) await migration.up(db);
});
afterAll(() => t.close());

describe('migration 2026-12-08T1800_tracking_timeline', () => {
  it("copies each parcel's stored events into its timeline: the public lookup shows the console's events, in its order", async () => {
    const track = await t.app.inject({ method: 'POST', url: '/api/public/track', payload: { waybillNos: ['TL1000000001', 'TL1000000002'] } });
    const [scanned, silent] = track.json().results;
    const detail = (await t.app.inject({ method: 'GET', url: '/api/shipments/TL1000000001', headers: admin.headers() })).json();
    const console = detail.events.map((e: { time: string; site: string | null; text: string }) => ({ time: e.time, site: e.site, text: e.text, carrierText: null }));
    expect(console).toHaveLength(4);
    expect(scanned.events).toEqual(console);
    expect(scanned.events.map((e: { text: string }) => e.text)).toEqual(['【杭州市】快件已发出', '【杭州市】快件已到达', '【上海市】快件已发出', '【上海市】快递员已揽收']);
    expect(silent).toMatchObject({ found: true, events: [] });
  });
});
