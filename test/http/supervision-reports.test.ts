/**
 * Supervision reports (服务监督报告, docs/product.md §6) on data the test makes in February 2026
 * (company zone Asia/Shanghai, which the demo company does not touch): a weekly company report
 * made on demand shows every KPI exactly as the KPI series gives it, with "no target" where none
 * is set; a team's report shows the team's KPIs as the series by team does; the PDF's text is
 * Chinese, the workbook reads back the same numbers; causes and notable complaints are counted
 * from the tickets; the monthly schedule run twice keeps one report per scope and mails each
 * subscriber once with both files; and who may not is refused, changing nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupKpiChanges } from '../../src/modules/kpis/service.js';
import { runScheduledSupervisionReports } from '../../src/modules/supervision-reports/service.js';
import { pdfText } from '../support/documents.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let manager: Session;
let supervisor: Session;
let agent: Session;
let teamId: string;
const TZ = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const send = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s ? s.headers({ 'accept-language': 'en-US' }) : {}, ...(payload && { payload }) });

async function sheetRows(bytes: Buffer, name: string): Promise<ExcelJS.CellValue[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: ExcelJS.CellValue[][] = [];
  book.getWorksheet(name)!.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}

const tableCounts = async () => {
  const db = t.database.db;
  const [r, s, n] = await Promise.all([
    db.selectFrom('supervision_reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('supervision_report_subscriptions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return [Number(r.n), Number(s.n), Number(n.n)];
};

beforeAll(async () => {
  t = await createTestApp();
  [manager, supervisor, agent] = await Promise.all([t.signIn('manager01'), t.signIn('supervisor01'), t.signIn('agent01')]);
  const db = t.database.db;
  teamId = (await db.selectFrom('departments').select('id').where('code', '=', 'CS-CALL').executeTakeFirstOrThrow()).id;
  const agentId = (await db.selectFrom('users').select('id').where('username', '=', 'agent01').executeTakeFirstOrThrow()).id;
  // Week of Monday 2 February: four parcels to Hangzhou, one late at 广州天河, two damaged at 杭州西湖.
  const parcel = (n: number, delivered: Date | null, station: string) =>
    db
      .insertInto('shipments')
      .values({ waybill_no: `SUPV${n}`, picked_up_at: sh('2026-02-03 10:00'), promised_at: sh('2026-02-04 18:00'), delivered_at: delivered, last_site: station, recipient_province: '浙江省', recipient_city: '杭州市' })
      .returning(['id', 'waybill_no'])
      .executeTakeFirstOrThrow();
  const p1 = await parcel(1, sh('2026-02-04 12:00'), '杭州西湖网点');
  await parcel(2, sh('2026-02-04 17:59'), '杭州西湖网点');
  await parcel(3, sh('2026-02-04 20:00'), '广州天河网点');
  const p4 = await parcel(4, null, '杭州西湖网点');
  for (const p of [p1, p4]) {
    await db.insertInto('shipment_exceptions').values({ shipment_id: p.id, waybill_no: p.waybill_no, kind: 'damaged', raised_at: sh('2026-02-05 09:00'), site: '杭州西湖网点', area_code: null, detail: '{}' }).execute();
  }
  // Complaints of the call centre: two delays (one rated 1), one courier; one in the week before.
  const complaint = (subject: string, at: string, cause: string | null, extra: { rating?: number; priority?: string } = {}) =>
    db
      .insertInto('tickets')
      .values({
        kind: 'complaint',
        subject,
        channel: 'phone',
        created_at: sh(at),
        team_id: teamId,
        owner_id: agentId,
        cause_code: cause,
        customer_id: null,
        customer_name: null,
        customer_phone: null,
        category_code: null,
        merged_into_id: null,
        close_reason: null,
        rating: extra.rating ?? null,
        rated_at: extra.rating ? sh(at) : null,
        rating_reason: null,
        created_by: null,
        exception_waybill_no: null,
        ...(extra.priority ? { priority: extra.priority } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const rated = await complaint('快件延误三天未到', '2026-02-03 09:00', 'transit_delay', { rating: 1 });
  const stuck = await complaint('物流不动了', '2026-02-04 09:00', 'transit_delay');
  await complaint('快递员态度差', '2026-02-05 09:00', 'courier', { priority: 'urgent' });
  await complaint('上周的投诉', '2026-01-28 09:00', 'transit_delay');
  await complaint('还没归因', '2026-02-06 09:00', null);
  // Two quality reviews of agent01's work submitted that week: 76.5, and a red-line fail the agent disputed.
  const reviewerId = (await db.selectFrom('users').select('id').where('username', '=', 'supervisor01').executeTakeFirstOrThrow()).id;
  for (const [ticket, tenths, failed] of [[rated.id, 765, false], [stuck.id, 0, true]] as const) {
    const assignment = await db
      .insertInto('quality_assignments')
      .values({ week: '2026-02-02', agent_id: agentId, team_id: teamId, ticket_id: ticket, reviewer_id: reviewerId, reason: 'test', source: 'on_demand', seed: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('quality_reviews')
      .values({
        assignment_id: assignment.id,
        ticket_id: ticket,
        agent_id: agentId,
        reviewer_id: reviewerId,
        scorecard_version: 1,
        scores: '{}',
        bonus: '{}',
        score_tenths: tenths,
        critical_failed: failed,
        submitted_at: sh('2026-02-06 10:00'),
        ...(failed ? { status: 'disputed', dispute_reason: '客户先辱骂', disputed_at: sh('2026-02-06 11:00') } : {}),
      })
      .execute();
  }
  await rollupKpiChanges(db, TZ);
});
afterAll(() => t.close());

describe('supervision reports', () => {
  let weekId: string;

  it('a weekly company report shows each KPI exactly as the series gives it, with no target where none is set', async () => {
    const res = await send(manager, 'POST', '/api/supervision-reports', { period: 'week', start: '2026-02-02' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ period: 'week', start: '2026-02-02', end: '2026-02-08', teamId: null, trigger: 'demand', generatedBy: '刘洋', emailed: 0 });
    weekId = res.json().id;
    const report = (await send(manager, 'GET', `/api/supervision-reports/${weekId}`)).json();
    const kpis = report.data.kpis as { id: string; value: number | null; previous: number | null; available: boolean; standing: string; target: unknown }[];
    expect(kpis.length).toBeGreaterThan(10);
    for (const k of kpis.filter((k) => k.available)) {
      const series = (await send(manager, 'GET', `/api/kpis/${k.id}/series?from=2026-02-02&to=2026-02-08&grain=week`)).json();
      expect(k.value, k.id).toBe(series.points[0]?.value ?? null);
      const before = (await send(manager, 'GET', `/api/kpis/${k.id}/series?from=2026-01-26&to=2026-02-01&grain=week`)).json();
      expect(k.previous, k.id).toBe(before.points[0]?.value ?? null);
    }
    const damage = kpis.find((k) => k.id === 'damage_rate')!;
    expect(damage).toMatchObject({ value: 50, target: null, standing: 'no_target' });
    expect(kpis.find((k) => k.id === 'nps')).toMatchObject({ available: false, value: null, standing: 'no_data' });
    // Causes from the tickets, against the week before; the notable complaints are the rated-1 and the urgent one.
    expect(report.data.causes.map((c: { code: string | null; count: number; previous: number }) => [c.code, c.count, c.previous])).toEqual([
      ['transit_delay', 2, 1],
      ['courier', 1, 0],
      [null, 1, 0],
    ]);
    expect(report.data.notable.map((n: { subject: string; reasons: string[] }) => [n.subject, n.reasons])).toEqual([
      ['快递员态度差', ['escalated']],
      ['快件延误三天未到', ['low_rating']],
    ]);
    expect(report.data.stations[0]).toMatchObject({ station: '杭州西湖网点', delivered: 2, late: 0, damaged: 2 });
    expect(report.data.stations[1]).toMatchObject({ station: '广州天河网点', delivered: 1, late: 1, onTimeRate: 0 });
    // QA from the quality checks: both reviews counted, the average of reviews, the agent named
    const agentName = (await t.database.db.selectFrom('users').select('display_name').where('username', '=', 'agent01').executeTakeFirstOrThrow()).display_name;
    expect(report.data.qa).toEqual({ available: true, reviews: 2, averageScore: 38.3, criticalFails: 1, disputes: 1, lowest: [{ agent: agentName, reviews: 2, averageScore: 38.3 }] });
  });

  it('the PDF is Chinese text with the numbers; the workbook reads back the series’ values', async () => {
    const pdf = await send(manager, 'GET', `/api/supervision-reports/${weekId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('全公司-2026年第6周-服务监督周报.pdf'));
    const text = await pdfText(pdf.rawPayload);
    for (const words of ['全公司服务监督周报', '2026年第6周', '破损率', '50.00%', '无目标', '杭州西湖网点', '中转延误', '快递员态度差', '本期质检 2 单，平均得分 38.3，致命项不合格 1 单，申诉 1 单']) expect(text).toContain(words);

    const xlsx = await send(manager, 'GET', `/api/supervision-reports/${weekId}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const rows = await sheetRows(xlsx.rawPayload, '考核指标');
    const report = (await send(manager, 'GET', `/api/supervision-reports/${weekId}`)).json();
    for (const k of report.data.kpis as { id: string; value: number | null; unit: string }[]) {
      const row = rows.find((r) => r[0] === k.id)!;
      const expected = k.value === null ? null : k.unit.startsWith('fen') ? k.value / 100 : k.value;
      expect(row[3] ?? null, k.id).toBe(expected);
      expect(row[6], k.id).toBe('无目标');
    }
    expect((await sheetRows(xlsx.rawPayload, '投诉原因')).map((r) => r.slice(0, 4))).toEqual([
      ['transit_delay', '中转延误', 2, 1],
      ['courier', '派送员原因', 1, 0],
      ['', '未归因', 1, 0],
    ]);
  });

  it('a team’s report has the team’s KPIs as the series by team gives them, and no stations', async () => {
    const res = await send(supervisor, 'POST', '/api/supervision-reports', { period: 'week', start: '2026-02-02', teamId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ teamId, teamName: '客服呼叫中心' });
    const report = (await send(supervisor, 'GET', `/api/supervision-reports/${res.json().id}`)).json();
    const ids = (report.data.kpis as { id: string }[]).map((k) => k.id);
    expect(ids).toContain('sla_attainment');
    expect(ids).not.toContain('damage_rate');
    for (const k of (report.data.kpis as { id: string; value: number | null; available: boolean }[]).filter((k) => k.available)) {
      const series = (await send(supervisor, 'GET', `/api/kpis/${k.id}/series?from=2026-02-02&to=2026-02-08&grain=week&by=team&key=${teamId}`)).json();
      expect(k.value, k.id).toBe(series.points[0]?.value ?? null);
    }
    expect(report.data.stations).toBeNull();
    const listed = (await send(manager, 'GET', `/api/supervision-reports?period=week&scope=${teamId}`)).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
    expect((await send(manager, 'GET', '/api/supervision-reports?scope=company')).json().items.map((i: { id: string }) => i.id)).toEqual([weekId]);
  });

  it('the monthly schedule mails subscribers once, with the PDF and XLSX; run twice it adds nothing', async () => {
    await t.database.db.updateTable('users').set({ email: 'liuyang@parceldesk.example' }).where('username', '=', 'manager01').execute();
    const sub = await send(manager, 'PUT', '/api/supervision-reports/subscription', { weekly: false, monthly: true, teamId: null });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toEqual({ weekly: false, monthly: true, teamId: null, email: 'liuyang@parceldesk.example' });
    const deps = { db: t.database.db, timeZone: TZ };
    const first = await runScheduledSupervisionReports(deps, 'month', sh('2026-03-01 02:45'));
    expect(first).toMatchObject({ period: '2026-02-01', emailed: 1 });
    expect(first.made).toBeGreaterThanOrEqual(2); // the company and the call centre
    const mails = await t.database.db.selectFrom('notifications').selectAll().where('template', '=', 'report.supervision').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ channel: 'email', recipient: 'liuyang@parceldesk.example', subject: '全公司 2026年2月服务监督月报' });
    expect(mails[0]!.body).toContain('刘洋：');
    const files = await t.database.db.selectFrom('notification_attachments').select(['file_name', 'content_type']).where('notification_id', '=', mails[0]!.id).orderBy('position').execute();
    expect(files).toEqual([
      { file_name: '全公司-2026年2月-服务监督月报.pdf', content_type: 'application/pdf' },
      { file_name: '全公司-2026年2月-服务监督月报.xlsx', content_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ]);
    const again = await runScheduledSupervisionReports(deps, 'month', sh('2026-03-01 02:45'));
    expect(again).toMatchObject({ made: 0, emailed: 0 });
    expect(await t.database.db.selectFrom('notifications').select('id').where('template', '=', 'report.supervision').execute()).toHaveLength(1);
    const listed = (await send(manager, 'GET', '/api/supervision-reports?period=month&scope=company')).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ start: '2026-02-01', end: '2026-02-28', trigger: 'schedule', generatedBy: null });
  });

  it('refuses agents, periods not over or not aligned, unknown reports and a subscription without an address — changing nothing', async () => {
    const before = await tableCounts();
    const cases: [Session, 'GET' | 'POST' | 'PUT', string, object | undefined, number, string][] = [
      [agent, 'GET', '/api/supervision-reports', undefined, 403, 'FORBIDDEN'],
      [agent, 'POST', '/api/supervision-reports', { period: 'week', start: '2026-02-02' }, 403, 'FORBIDDEN'],
      [agent, 'GET', `/api/supervision-reports/${weekId}/pdf`, undefined, 403, 'FORBIDDEN'],
      [manager, 'POST', '/api/supervision-reports', { period: 'week', start: '2026-02-03' }, 400, 'SUPERVISION_PERIOD_INVALID'],
      [manager, 'POST', '/api/supervision-reports', { period: 'month', start: '2026-02-02' }, 400, 'SUPERVISION_PERIOD_INVALID'],
      [manager, 'POST', '/api/supervision-reports', { period: 'month', start: '2099-01-01' }, 400, 'SUPERVISION_PERIOD_INVALID'],
      [manager, 'POST', '/api/supervision-reports', { period: 'week', start: '2026-02-02', teamId: '00000000-0000-4000-8000-000000000000' }, 400, 'DEPARTMENT_NOT_FOUND'],
      [manager, 'GET', '/api/supervision-reports/00000000-0000-4000-8000-000000000000', undefined, 404, 'SUPERVISION_REPORT_NOT_FOUND'],
      [manager, 'GET', '/api/supervision-reports/00000000-0000-4000-8000-000000000000/xlsx', undefined, 404, 'SUPERVISION_REPORT_NOT_FOUND'],
      [supervisor, 'PUT', '/api/supervision-reports/subscription', { weekly: true, monthly: false, teamId: null }, 409, 'SUPERVISION_SUBSCRIPTION_NO_EMAIL'],
    ];
    for (const [who, method, url, body, status, code] of cases) {
      const res = await send(who, method, url, body);
      expect([url, res.statusCode, res.json().code]).toEqual([url, status, code]);
    }
    const noEmail = await send(supervisor, 'PUT', '/api/supervision-reports/subscription', { weekly: true, monthly: false, teamId: null });
    expect(noEmail.json().message).toBe('Your account has no e-mail address, so reports cannot be sent to you; ask an administrator to add one.');
    expect(await tableCounts()).toEqual(before);
  });
});
