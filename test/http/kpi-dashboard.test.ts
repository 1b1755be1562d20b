/**
 * The KPI dashboards, targets and assessments on data the test makes (March 2026, company zone
 * Asia/Shanghai, which the demo company does not touch): targets are versions (a later one wins
 * from its day, a withdrawal falls back to the company's, history kept), the overview marks a
 * missed target, rankings put the worst first, each workbook holds exactly what its chart or
 * table shows, and only the people allowed read an assessment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupKpiChanges } from '../../src/modules/kpis/service.js';
import { restateSlices } from '../../src/modules/kpis/repository.js';
import { targetFor } from '../../src/modules/kpis/targets.js';
import { loadXlsx } from '../support/documents.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let manager: Session;
let supervisor: Session;
let agent: Session;
let admin: Session;
const ids: Record<string, string> = {};
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s ? s.headers({ 'accept-language': 'en-US' }) : {} });
const post = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers({ 'accept-language': 'en-US' }) });
const targetRows = async () => Number((await t.database.db.selectFrom('kpi_targets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function sheetRows(res: { rawPayload: Buffer }): Promise<unknown[][]> {
  const book = await loadXlsx(res.rawPayload);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  [manager, supervisor, agent, admin] = await Promise.all([t.signIn('manager01'), t.signIn('supervisor01'), t.signIn('agent01'), t.signIn('admin')]);
  const db = t.database.db;
  for (const u of await db.selectFrom('users').select(['id', 'username', 'department_id']).execute()) {
    ids[u.username] = u.id;
    if (u.department_id) ids[`dept:${u.username}`] = u.department_id;
  }
  // Ten parcels picked up on Monday 2 March, to Zhejiang (6) and Guangdong (4); all delivered on the 3rd.
  const parcels: { id: string; waybill_no: string }[] = [];
  for (let n = 1; n <= 10; n++) {
    const zj = n <= 6;
    parcels.push(
      await db
        .insertInto('shipments')
        .values({
          waybill_no: `KPIDASH${n}`,
          picked_up_at: sh('2026-03-02 10:00'),
          promised_at: sh('2026-03-03 18:00'),
          delivered_at: sh(n === 1 || n === 7 ? '2026-03-03 20:00' : '2026-03-03 12:00'),
          last_site: zj ? '杭州西湖营业部' : '广州天河营业部',
          recipient_province: zj ? '浙江省' : '广东省',
          recipient_city: zj ? '杭州市' : '广州市',
        })
        .returning(['id', 'waybill_no'])
        .executeTakeFirstOrThrow(),
    );
  }
  // Damage: three at the Hangzhou hub, one at the Guangzhou station, on the 2nd.
  const damage = (i: number, site: string) =>
    db.insertInto('shipment_exceptions').values({ shipment_id: parcels[i]!.id, waybill_no: parcels[i]!.waybill_no, kind: 'damaged', raised_at: sh('2026-03-02 22:00'), site, area_code: null, detail: '{}' }).execute();
  await damage(0, '杭州转运中心');
  await damage(1, '杭州转运中心');
  await damage(2, '杭州转运中心');
  await damage(6, '广州天河营业部');
  // A parcel addressed by GB/T 2260 codes (as registered parcels are), on the 12th (another week).
  await db.insertInto('shipments').values({ waybill_no: 'KPIDASH11', picked_up_at: sh('2026-03-12 10:00'), recipient_province: '510000', recipient_city: '510100' }).execute();
  await rollupKpiChanges(db, 'Asia/Shanghai');
  // Work credited to agent01 on 10 March (the rollup's crediting is tested in kpi-rollup.test.ts;
  // the assessment reads these facts only): 4 first responses in 100 minutes, 3 of 4 ratings 4–5.
  const agentFacts: [string, number][] = [
    ['first_response.count', 4],
    ['first_response.minutes', 100],
    ['csat.ratings', 4],
    ['csat.satisfied', 3],
  ];
  await db
    .insertInto('kpi_daily_facts')
    .values(agentFacts.map(([fact, value]) => ({ day: '2026-03-10', fact, agent_id: ids.agent01!, team_id: ids['dept:agent01']!, department_id: ids['dept:agent01']!, station: '', province: '', city: '', customer_id: '', tier: 'standard', clock: '', value })))
    .execute();
  await restateSlices(db, '2026-03-10');
});
afterAll(() => t.close());

describe('targets (考核指标)', () => {
  it('are versions: a later one counts from its day, the history keeps both, a station falls back to the company', async () => {
    const first = await post(manager, '/api/kpi-targets', { kpiId: 'damage_rate', scope: { kind: 'company' }, value: 30, validFrom: '2026-03-01', reason: '年度考核' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ value: 30, direction: 'lower_is_better', setBy: '刘洋' });
    const second = await post(admin, '/api/kpi-targets', { kpiId: 'damage_rate', scope: { kind: 'company' }, value: 20, validFrom: '2026-03-03', reason: '三月收紧' });
    expect(second.statusCode).toBe(201);
    // each version is in the audit log: who set which target, from when, and why
    const logged = (await get(admin, '/api/audit?action=kpi_target.set&pageSize=100')).json().items.filter((e: { subjectId: string }) =>
      [first.json().id, second.json().id].includes(e.subjectId),
    );
    expect(logged.map((e: { actorName: string; detail: Record<string, unknown> }) => [e.actorName, e.detail.nameZh, e.detail.scopeKind, e.detail.value, e.detail.validFrom, e.detail.reason]).sort()).toEqual([
      ['admin', '破损率', 'company', 20, '2026-03-03', '三月收紧'],
      ['manager01', '破损率', 'company', 30, '2026-03-01', '年度考核'],
    ]);
    const db = t.database.db;
    expect(await targetFor(db, { kpiId: 'damage_rate', scope: { kind: 'company' }, on: '2026-02-28' })).toBeNull();
    expect(await targetFor(db, { kpiId: 'damage_rate', scope: { kind: 'company' }, on: '2026-03-02' })).toEqual({ value: 30, direction: 'lower', versionId: first.json().id });
    expect(await targetFor(db, { kpiId: 'damage_rate', scope: { kind: 'company' }, on: '2026-03-03' })).toMatchObject({ value: 20, versionId: second.json().id });

    const history = (await get(supervisor, '/api/kpi-targets?kpiId=damage_rate')).json();
    expect(history.targets.map((v: { value: number; validFrom: string; reason: string; inForce: boolean }) => [v.value, v.validFrom, v.reason, v.inForce])).toEqual([
      [20, '2026-03-03', '三月收紧', true],
      [30, '2026-03-01', '年度考核', false],
    ]);

    await post(manager, '/api/kpi-targets', { kpiId: 'on_time_delivery_rate', scope: { kind: 'company' }, value: 90, validFrom: '2026-01-01', reason: '公司目标' });
    const own = await post(manager, '/api/kpi-targets', { kpiId: 'on_time_delivery_rate', scope: { kind: 'station', id: '杭州西湖营业部' }, value: 95, validFrom: '2026-03-01', reason: '重点网点' });
    expect(own.statusCode).toBe(201);
    const station = (on: string, id = '杭州西湖营业部') => targetFor(db, { kpiId: 'on_time_delivery_rate', scope: { kind: 'station', id }, on });
    expect(await station('2026-03-02')).toMatchObject({ value: 95, versionId: own.json().id });
    expect(await station('2026-03-02', '广州天河营业部')).toMatchObject({ value: 90 });
    const withdrawn = await post(manager, '/api/kpi-targets', { kpiId: 'on_time_delivery_rate', scope: { kind: 'station', id: '杭州西湖营业部' }, value: null, validFrom: '2026-03-20', reason: '并入片区考核' });
    expect(withdrawn.statusCode).toBe(201);
    expect(await station('2026-03-19')).toMatchObject({ value: 95 });
    expect(await station('2026-03-20')).toMatchObject({ value: 90 });

    const team = await post(manager, '/api/kpi-targets', { kpiId: 'first_response_time', scope: { kind: 'team', id: ids['dept:agent01'] }, value: 30, validFrom: '2026-03-01', reason: '呼叫中心首响 30 分钟' });
    expect(team.statusCode).toBe(201);
    expect((await get(manager, `/api/kpi-targets?scopeKind=team&scopeId=${ids['dept:agent01']}`)).json().targets[0].scope).toMatchObject({ kind: 'team', label: '客服呼叫中心' });
    await post(manager, '/api/kpi-targets', { kpiId: 'csat', scope: { kind: 'company' }, value: 80, validFrom: '2026-03-01', reason: '满意度 80%' });
  });

  it('refuses who may not set them and what is not a target, storing nothing', async () => {
    const before = await targetRows();
    const body = { kpiId: 'csat', scope: { kind: 'company' }, value: 85, validFrom: '2026-03-01', reason: 'x' };
    for (const s of [supervisor, agent]) expect((await post(s, '/api/kpi-targets', body)).statusCode).toBe(403);
    const refused: [unknown, number, string][] = [
      [{ ...body, value: 120 }, 400, 'KPI_TARGET_INVALID'],
      [{ ...body, value: -1 }, 400, 'VALIDATION_FAILED'],
      [{ ...body, value: null }, 400, 'KPI_TARGET_INVALID'],
      [{ ...body, kpiId: 'damage_rate', scope: { kind: 'team', id: ids['dept:agent01'] } }, 400, 'KPI_TARGET_SCOPE_INVALID'],
      [{ ...body, scope: { kind: 'team', id: '00000000-0000-4000-8000-000000000000' } }, 400, 'KPI_TARGET_SCOPE_INVALID'],
      [{ ...body, scope: { kind: 'station', id: ' ' } }, 400, 'KPI_TARGET_SCOPE_INVALID'],
      [{ ...body, scope: { kind: 'company', id: 'x' } }, 400, 'KPI_TARGET_SCOPE_INVALID'],
      [{ ...body, kpiId: 'nope' }, 404, 'KPI_NOT_FOUND'],
      [{ ...body, reason: '  ' }, 400, 'VALIDATION_FAILED'],
      [{ ...body, validFrom: '2026-02-30' }, 400, 'KPI_TARGET_INVALID'],
    ];
    for (const [payload, status, code] of refused) {
      const res = await post(manager, '/api/kpi-targets', payload);
      expect([res.statusCode, res.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
    expect(await targetRows()).toBe(before);
  });
});

describe('the overview', () => {
  it('lists every KPI by period with the target in force and red where it is missed; parts not built are not available', async () => {
    const res = await get(manager, '/api/kpis/overview?from=2026-03-02&to=2026-03-04');
    expect(res.statusCode).toBe(200);
    const kpis = res.json().kpis as { id: string; available: boolean; points: { period: string; value: number | null; target: { value: number } | null; verdict: string }[] }[];
    const damage = kpis.find((k) => k.id === 'damage_rate')!;
    // 4 damaged of 10 picked up on the 2nd: 40 % against the target of 30 then in force.
    expect(damage.points.map((p) => [p.period, p.value, p.target?.value ?? null, p.verdict])).toEqual([
      ['2026-03-02', 40, 30, 'missed'],
      ['2026-03-03', null, 20, 'no_data'],
      ['2026-03-04', null, 20, 'no_data'],
    ]);
    const onTime = kpis.find((k) => k.id === 'on_time_delivery_rate')!;
    expect(onTime.points[1]).toMatchObject({ value: 80, target: { value: 90 }, verdict: 'missed' });
    for (const id of ['nps', 'service_order_on_time']) expect(kpis.find((k) => k.id === id)).toMatchObject({ available: false, points: [] });
    // A week is one period, its target the one in force on its last day within the range.
    const week = (await get(manager, '/api/kpis/overview?from=2026-03-02&to=2026-03-08&grain=week')).json();
    expect(week.kpis.find((k: { id: string }) => k.id === 'damage_rate').points).toEqual([
      { period: '2026-03-02', value: 40, target: expect.objectContaining({ value: 20 }), verdict: 'missed', facts: { 'parcels.damaged': 4, 'parcels.picked_up': 10 } },
    ]);
  });

  it('the trend workbook holds exactly the chart’s points', async () => {
    const overview = (await get(manager, '/api/kpis/overview?from=2026-03-01&to=2026-03-05')).json();
    const points = overview.kpis.find((k: { id: string }) => k.id === 'on_time_delivery_rate').points as { period: string; value: number | null; target: { value: number } | null; verdict: string }[];
    const res = await get(manager, '/api/kpis/on_time_delivery_rate/trend.xlsx?from=2026-03-01&to=2026-03-05');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual(points.map((p) => [p.period, p.value ?? undefined, p.target?.value ?? undefined, { met: 'met', missed: 'missed', no_data: 'no data', no_target: 'no target' }[p.verdict]]));
    expect(rows.length - 1).toBe(5);
  });
});

describe('rankings', () => {
  it('stations by damage are ranked by their damaged parcels (no station volume is kept), worst first', async () => {
    const res = (await get(manager, '/api/kpis/damage_rate/ranking?from=2026-03-01&to=2026-03-31&by=station')).json();
    expect(res.basis).toBe('numerator');
    expect(res.rows.map((r: { rank: number; key: string; count: number; value: number | null }) => [r.rank, r.key, r.count, r.value])).toEqual([
      [1, '杭州转运中心', 3, null],
      [2, '广州天河营业部', 1, null],
    ]);
  });

  it('provinces by damage rate and stations by on-time delivery are ranked by value against their targets', async () => {
    const provinces = (await get(manager, '/api/kpis/damage_rate/ranking?from=2026-03-02&to=2026-03-02&by=province')).json();
    expect(provinces.basis).toBe('value');
    expect(provinces.rows.map((r: { key: string; value: number; verdict: string }) => [r.key, r.value, r.verdict])).toEqual([
      ['浙江省', 50, 'missed'],
      ['广东省', 25, 'met'],
    ]);
    const stations = (await get(manager, '/api/kpis/on_time_delivery_rate/ranking?from=2026-03-03&to=2026-03-03&by=station')).json();
    expect(stations.rows.map((r: { key: string; value: number; target: { value: number }; verdict: string }) => [r.key, r.value.toFixed(2), r.target.value, r.verdict])).toEqual([
      ['广州天河营业部', '75.00', 90, 'missed'],
      ['杭州西湖营业部', '83.33', 95, 'missed'],
    ]);
  });

  it('names provinces and cities kept by their codes', async () => {
    const provinces = (await get(manager, '/api/kpis/damage_rate/ranking?from=2026-03-12&to=2026-03-12&by=province')).json();
    expect(provinces.rows.map((r: { key: string; label: string; value: number }) => [r.key, r.label, r.value])).toEqual([['510000', '四川省', 0]]);
    const cities = (await get(manager, '/api/kpis/damage_rate/series?from=2026-03-12&to=2026-03-12&by=city')).json();
    expect(cities.points.map((p: { key: string; label: string }) => [p.key, p.label])).toEqual([['510100', '四川省成都市']]);
  });

  it('the ranking workbook holds exactly the ranking', async () => {
    const url = 'damage_rate/ranking?from=2026-03-02&to=2026-03-02&by=province';
    const ranking = (await get(manager, `/api/kpis/${url}`)).json();
    const rows = await sheetRows(await get(manager, `/api/kpis/${url.replace('/ranking', '/ranking.xlsx')}`));
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual(ranking.rows.map((r: { rank: number; key: string; value: number; count: number; target: { value: number } }) => [r.rank, r.key, r.value, r.count, r.target.value]));
  });

  it('refuses a slice the KPI is not kept by, and agents', async () => {
    const res = await get(manager, '/api/kpis/csat/ranking?from=2026-03-01&to=2026-03-31&by=station');
    expect([res.statusCode, res.json().code]).toEqual([400, 'KPI_DIMENSION_INVALID']);
    for (const url of ['/api/kpis/overview?from=2026-03-01&to=2026-03-02', '/api/kpis/damage_rate/ranking?from=2026-03-01&to=2026-03-02&by=station', '/api/kpis/damage_rate/ranking.xlsx?from=2026-03-01&to=2026-03-02&by=station', '/api/kpis/csat/trend.xlsx?from=2026-03-01&to=2026-03-02', '/api/kpi-targets']) {
      expect((await get(agent, url)).statusCode, url).toBe(403);
      expect((await get(null, url)).statusCode, url).toBe(401);
    }
  });
});

describe('the assessment (考核)', () => {
  it('shows an agent’s KPIs against the team’s target, else the company’s', async () => {
    const res = await get(agent, `/api/kpi-assessments/${ids.agent01}?from=2026-03-01&to=2026-03-31`);
    expect(res.statusCode).toBe(200);
    const kpis = res.json().kpis as { id: string; value: number | null; target: { value: number; scope: string } | null; verdict: string }[];
    expect(kpis.find((k) => k.id === 'first_response_time')).toMatchObject({ value: 25, target: { value: 30, scope: 'team' }, verdict: 'met' });
    expect(kpis.find((k) => k.id === 'csat')).toMatchObject({ value: 75, target: { value: 80, scope: 'company' }, verdict: 'missed' });
    expect(kpis.find((k) => k.id === 'callback_completion')).toMatchObject({ value: null, verdict: 'no_data' });
    expect(kpis.map((k) => k.id)).not.toContain('damage_rate');
  });

  it('is read by the agent for themself, a supervisor for their team and managers for all; others are refused', async () => {
    const read = async (s: Session, who: string) => (await get(s, `/api/kpi-assessments/${ids[who]}?from=2026-03-01&to=2026-03-31`)).statusCode;
    expect(await read(agent, 'agent01')).toBe(200);
    const other = await get(agent, `/api/kpi-assessments/${ids.agent02}?from=2026-03-01&to=2026-03-31`);
    expect([other.statusCode, other.json().code]).toEqual([403, 'KPI_ASSESSMENT_FORBIDDEN']);
    expect(await read(agent, 'supervisor01')).toBe(403);
    expect(await read(supervisor, 'agent01')).toBe(200);
    expect(await read(supervisor, 'agent02')).toBe(403);
    expect(await read(manager, 'agent02')).toBe(200);
    expect(await read(admin, 'agent01')).toBe(200);
    const unknown = await get(manager, '/api/kpi-assessments/00000000-0000-4000-8000-000000000000?from=2026-03-01&to=2026-03-31');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'KPI_PERSON_NOT_FOUND']);
    expect((await get(null, `/api/kpi-assessments/${ids.agent01}?from=2026-03-01&to=2026-03-31`)).statusCode).toBe(401);

    const people = async (s: Session) => ((await get(s, '/api/kpi-assessments')).json().people as { id: string }[]).map((p) => p.id);
    expect(await people(agent)).toEqual([ids.agent01]);
    const team = await people(supervisor);
    expect(team).toEqual(expect.arrayContaining([ids.agent01, ids.supervisor01]));
    expect(team).not.toContain(ids.agent02);
    expect(await people(manager)).toEqual(expect.arrayContaining([ids.agent01, ids.agent02, ids.supervisor01]));
  });
});
