/**
 * The KPI read API on data the test makes (a week of February 2026, company zone Asia/Shanghai,
 * which the demo company does not touch): numbers equal a hand count, slices and grains add up,
 * parts not built are not available (never 0), the export holds exactly the series, the drill-down
 * lists the records behind a number, and only supervisors and managers may read any of it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupKpiChanges } from '../../src/modules/kpis/service.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let manager: Session;
let supervisor: Session;
let agent: Session;
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s ? s.headers({ 'accept-language': 'en-US' }) : {} });

beforeAll(async () => {
  t = await createTestApp();
  [manager, supervisor, agent] = await Promise.all([t.signIn('manager01'), t.signIn('supervisor01'), t.signIn('agent01')]);
  const db = t.database.db;
  // Four parcels picked up on Tuesday 3 February (Shanghai), all to Hangzhou.
  const parcel = (n: number, delivered: Date | null, station: string) =>
    db
      .insertInto('shipments')
      .values({ waybill_no: `KPIHTTP${n}`, picked_up_at: sh('2026-02-03 10:00'), promised_at: sh('2026-02-04 18:00'), delivered_at: delivered, last_site: station, recipient_province: '浙江省', recipient_city: '杭州市' })
      .returning(['id', 'waybill_no'])
      .executeTakeFirstOrThrow();
  const p1 = await parcel(1, sh('2026-02-04 12:00'), '杭州西湖网点');
  await parcel(2, sh('2026-02-04 17:59'), '杭州西湖网点');
  await parcel(3, sh('2026-02-04 20:00'), '广州天河网点');
  const p4 = await parcel(4, null, '杭州西湖网点');
  // Damaged at 23:30 on the 3rd and at 00:10 on the 4th: two company days (15:30Z and 16:10Z on the 3rd).
  await db.insertInto('shipment_exceptions').values({ shipment_id: p1.id, waybill_no: p1.waybill_no, kind: 'damaged', raised_at: sh('2026-02-03 23:30'), site: '杭州西湖网点', area_code: null, detail: '{}' }).execute();
  await db.insertInto('shipment_exceptions').values({ shipment_id: p4.id, waybill_no: p4.waybill_no, kind: 'damaged', raised_at: sh('2026-02-04 00:10'), site: '杭州西湖网点', area_code: null, detail: '{}' }).execute();
  await db
    .insertInto('tickets')
    .values({ kind: 'complaint', subject: 'kpi', channel: 'phone', created_at: sh('2026-02-03 11:00'), customer_id: null, customer_name: null, customer_phone: null, team_id: null, owner_id: null, category_code: null, cause_code: null, merged_into_id: null, close_reason: null, rating: null, rating_reason: null, created_by: null, exception_waybill_no: null })
    .execute();
  await rollupKpiChanges(db, 'Asia/Shanghai');
});
afterAll(() => t.close());

describe('KPI API', () => {
  it('lists the registry with definitions; parts not built are not available', async () => {
    const res = await get(manager, '/api/kpis');
    expect(res.statusCode).toBe(200);
    const kpis = res.json().kpis as { id: string; available: boolean; facts: string[]; dimensions: string[]; source: Record<string, string> }[];
    const onTime = kpis.find((k) => k.id === 'on_time_delivery_rate')!;
    expect(onTime).toMatchObject({ available: true, facts: ['parcels.delivered_on_time', 'parcels.delivered_promised'] });
    expect(onTime.source['zh-CN']).toContain('GB/T 27917');
    expect(kpis.find((k) => k.id === 'service_order_on_time')!.available).toBe(false);
  });

  it('on-time delivery by day and by station equals a hand count', async () => {
    const byDay = (await get(manager, '/api/kpis/on_time_delivery_rate/series?from=2026-02-03&to=2026-02-05')).json();
    expect(byDay.points.map((p: { period: string; value: number | null }) => [p.period, p.value])).toEqual([
      ['2026-02-03', null],
      ['2026-02-04', (100 * 2) / 3],
      ['2026-02-05', null],
    ]);
    const byStation = (await get(supervisor, '/api/kpis/on_time_delivery_rate/series?from=2026-02-01&to=2026-02-28&grain=month&by=station')).json();
    expect(byStation.points.map((p: { key: string; value: number }) => [p.key, p.value])).toEqual([
      ['广州天河网点', 0],
      ['杭州西湖网点', 100],
    ]);
  });

  it('damage rate counts each exception on its company day; a week is a sum, not an average of days', async () => {
    const days = (await get(manager, '/api/kpis/damage_rate/series?from=2026-02-03&to=2026-02-04')).json();
    expect(days.points.map((p: { value: number | null; facts: Record<string, number> }) => [p.value, p.facts])).toEqual([
      [25, { 'parcels.damaged': 1, 'parcels.picked_up': 4 }],
      [null, { 'parcels.damaged': 1, 'parcels.picked_up': 0 }],
    ]);
    const week = (await get(manager, '/api/kpis/damage_rate/series?from=2026-02-02&to=2026-02-08&grain=week')).json();
    expect(week.points).toEqual([{ period: '2026-02-02', key: '', label: null, value: 50, facts: { 'parcels.damaged': 2, 'parcels.picked_up': 4 } }]);
    const complaints = (await get(manager, '/api/kpis/complaints_per_million/series?from=2026-02-03&to=2026-02-03')).json();
    expect(complaints.points[0].value).toBe(250_000);
  });

  it('a KPI not available has no numbers, not zeros', async () => {
    for (const id of ['service_order_on_time', 'nps']) {
      const res = (await get(manager, `/api/kpis/${id}/series?from=2026-02-01&to=2026-02-28`)).json();
      expect(res).toMatchObject({ available: false, points: [] });
    }
  });

  it('the drill-down lists the parcels behind the damage rate, paged', async () => {
    const first = (await get(manager, '/api/kpis/damage_rate/facts?from=2026-02-03&to=2026-02-04&by=station&key=杭州西湖网点&pageSize=1')).json();
    expect(first.total).toBe(2);
    expect(first.records.map((r: { reference: string }) => r.reference)).toEqual(['KPIHTTP4']);
    const second = (await get(manager, '/api/kpis/damage_rate/facts?from=2026-02-03&to=2026-02-04&by=station&key=杭州西湖网点&pageSize=1&page=2')).json();
    expect(second.records.map((r: { reference: string }) => r.reference)).toEqual(['KPIHTTP1']);
    const late = (await get(manager, '/api/kpis/on_time_delivery_rate/facts?from=2026-02-04&to=2026-02-04')).json();
    expect(late.records.filter((r: { inNumerator: boolean }) => !r.inNumerator).map((r: { reference: string }) => r.reference)).toEqual(['KPIHTTP3']);
  });

  it('the export holds exactly the series', async () => {
    const url = 'on_time_delivery_rate/series?from=2026-02-01&to=2026-02-28&grain=month&by=station';
    const series = (await get(manager, `/api/kpis/${url}`)).json();
    const res = await get(manager, `/api/kpis/${url.replace('/series', '/series.xlsx')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1, 5));
    });
    expect(rows).toEqual(series.points.map((p: { period: string; key: string; value: number }) => [p.period, p.key, '', p.value]));
  });

  it('refuses what is not a KPI, a period or a slice', async () => {
    expect((await get(manager, '/api/kpis/nope/series?from=2026-02-01&to=2026-02-02')).json().code).toBe('KPI_NOT_FOUND');
    const backwards = await get(manager, '/api/kpis/csat/series?from=2026-02-03&to=2026-02-01');
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, 'KPI_PERIOD_INVALID']);
    const tooLong = await get(manager, '/api/kpis/csat/series?from=2020-01-01&to=2026-02-01');
    expect(tooLong.json().code).toBe('KPI_PERIOD_INVALID');
    const slice = await get(manager, '/api/kpis/damage_rate/series?from=2026-02-01&to=2026-02-02&by=agent');
    expect([slice.statusCode, slice.json().code]).toEqual([400, 'KPI_DIMENSION_INVALID']);
    expect((await get(manager, '/api/kpis/csat/series?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
  });

  it('agents and strangers may not read KPIs', async () => {
    for (const url of ['/api/kpis', '/api/kpis/csat/series?from=2026-02-01&to=2026-02-02', '/api/kpis/csat/facts?from=2026-02-01&to=2026-02-02', '/api/kpis/csat/series.xlsx?from=2026-02-01&to=2026-02-02']) {
      expect((await get(agent, url)).statusCode).toBe(403);
      expect((await get(null, url)).statusCode).toBe(401);
    }
  });
});
