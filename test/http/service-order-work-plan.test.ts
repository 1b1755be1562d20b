/**
 * The work plan (工作计划表) of a work center through the API on a real database (docs/product.md
 * §4; issue 19 §4): a day and a week of site visits as data, as a print page, as a PDF whose
 * Chinese is real text (read back with pdf.js) and as a workbook (read back with exceljs) — the same
 * visits in the same order, completed ones and other work centers' left out, a department user
 * seeing only its own; and a notification e-mailed to a department through the outbox, with the
 * plan attached, recorded on its history, refused without a mailbox and for those who may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadXlsx, pdfText } from '../support/documents.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let ops: Session;
let kam: Session;
const wc = { ops: '', other: '', mailless: '' };
let buyer = '';
const ids: Record<string, { id: string; number: string }> = {};

const as = (s: Session) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() }),
  post: (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object }),
});


// Monday 2027-03-01 … Sunday 2027-03-07, Shanghai time (UTC+8)
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, ops, kam] = await Promise.all([t.signIn('admin'), t.signIn('agent01'), t.signIn('ops01'), t.signIn('kam01')]);
  const departments = await t.database.db.selectFrom('departments').select(['id', 'code']).execute();
  const dept = (code: string) => departments.find((d) => d.code === code)!.id;
  const opsUser = await t.database.db.selectFrom('users').select('id').where('username', '=', 'ops01').executeTakeFirstOrThrow();
  for (const [key, body] of [
    ['ops', { code: 'S4002', name: '上海浦东服务中心', departmentId: dept('OPS'), staffIds: [opsUser.id], email: 'sh-4002@example.cn' }],
    ['other', { code: 'F011', name: '区物流客诉组', departmentId: dept('CLAIMS'), email: 'f011@example.cn' }],
    ['mailless', { code: 'S4003', name: '杭州服务中心' }],
  ] as const) {
    const res = await as(admin).post('/api/service-orders/work-centers', body);
    expect(res.statusCode, res.body).toBe(201);
    wc[key] = res.json().id;
  }
  buyer = (await t.database.db.insertInto('customers').values({ name: '上海申齐保健食品有限公司', phone: '13812345678', kind: 'enterprise' }).returning('id').executeTakeFirstOrThrow()).id;
  const visits: [string, Record<string, unknown>][] = [
    ['mon-late', { requiredStart: at('2027-03-01', '14:00'), expectedEnd: at('2027-03-01', '16:00'), shortText: '沙发五金件松动' }],
    ['mon-urgent', { requiredStart: at('2027-03-01', '16:30'), urgent: true, shortText: '衣柜门无法开启' }],
    ['mon-early', { requiredStart: at('2027-03-01', '09:00'), shortText: '活动柜锁坏', responsibleUserId: opsUser.id, newServiceAddress: { address: '上海市浦东新区张江路88号', contactName: '王敏', contactPhone: '13900001234' } }],
    ['wed', { requiredStart: at('2027-03-03', '10:00'), shortText: '床头柜抽屉脱轨' }],
    ['done', { requiredStart: at('2027-03-01', '11:00'), shortText: '已完成的上门' }],
    ['elsewhere', { requiredStart: at('2027-03-01', '10:00'), shortText: '别的工作中心', mainWorkCenterId: 'other' }],
    ['next-week', { requiredStart: at('2027-03-08', '10:00'), shortText: '下周的上门' }],
  ];
  for (const [key, extra] of visits) {
    const body = {
      type: 'Z1',
      soldToId: buyer,
      reporterName: '王敏',
      salesOffice: '4002',
      items: [{ material: '100056', quantity: 2, reason: { group: 'SV-REPAIR', code: '0001' } }],
      ...extra,
      mainWorkCenterId: extra.mainWorkCenterId === 'other' ? wc.other : wc.ops,
    };
    const res = await as(agent).post('/api/service-orders', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json();
  }
  // the completed one: surveyed, then completed with a cause
  const done = ids.done!.id;
  for (const move of [{ action: 'set_status', status: 'KCJS' }, { action: 'complete', cause: { group: 'CS-DONE', code: '0001' } }]) {
    const { version } = (await as(agent).get(`/api/service-orders/${done}`)).json();
    const res = await as(agent).post(`/api/service-orders/${done}/status`, { version, ...move });
    expect(res.statusCode, res.body).toBe(200);
  }
});

afterAll(async () => {
  await t?.close();
});

interface PlanView {
  workCenterId: string;
  model: { period: string; workCenter: string; days: { date: string; rows: { notificationNo: string; time: string; customer: string; address: string; engineer: string; content: string }[] }[]; totals: { visits: number; urgent: number } };
}

describe('the work plan', () => {
  it('a day: urgent first, then by agreed time; completed visits and other work centers’ left out; the phone masked', async () => {
    const res = await as(agent).get(`/api/service-orders/work-plan?workCenterId=${wc.ops}&date=2027-03-01`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as PlanView;
    expect(plan.model.period).toBe('2027年3月1日（周一）');
    expect(plan.model.workCenter).toContain('S4002 上海浦东服务中心');
    const rows = plan.model.days[0]!.rows;
    expect(rows.map((r) => r.notificationNo)).toEqual([ids['mon-urgent']!.number, ids['mon-early']!.number, ids['mon-late']!.number]);
    expect(rows[2]!.time).toBe('14:00–16:00');
    const early = rows[1]!;
    expect([early.address, early.engineer]).toEqual(['上海市浦东新区张江路88号', '张伟']); // ops01
    expect(early.customer).toBe('上海申齐保健食品有限公司（王敏）\n139****1234');
    expect(early.content).toContain('100056 ×2');
    expect(plan.model.totals).toMatchObject({ visits: 3, urgent: 1 });
  });

  it('a week runs Monday to Sunday from any of its days, as a print page, a PDF and a workbook with the same visits', async () => {
    const week = (await as(agent).get(`/api/service-orders/work-plan?workCenterId=${wc.ops}&date=2027-03-04&span=week`)).json() as PlanView;
    expect(week.model.days.map((d) => d.date)).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
    const numbers = week.model.days.flatMap((d) => d.rows.map((r) => r.notificationNo));
    expect(numbers).toEqual([ids['mon-urgent']!.number, ids['mon-early']!.number, ids['mon-late']!.number, ids.wed!.number]);

    const query = `workCenterId=${wc.ops}&date=2027-03-04&span=week`;
    const html = await as(agent).get(`/api/service-orders/work-plan.html?${query}`);
    expect([html.statusCode, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html.body).toContain('工作计划表');
    expect(html.body).not.toContain('<script');
    for (const n of numbers) expect(html.body).toContain(n);

    const pdf = await as(agent).get(`/api/service-orders/work-plan.pdf?${query}`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="_____-S4002-2027-03-01_2027-03-07.pdf"; filename*=UTF-8''${encodeURIComponent('工作计划表-S4002-2027-03-01至2027-03-07.pdf')}`);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('工作计划表');
    expect(text).toContain('活动柜锁坏');
    for (const n of numbers) expect(text).toContain(n);
    expect(text).not.toContain(ids.done!.number);

    const xlsx = await as(agent).get(`/api/service-orders/work-plan.xlsx?${query}`);
    expect([xlsx.statusCode, xlsx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const book = await loadXlsx(xlsx.rawPayload);
    const sheet = book.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    for (const n of numbers) expect(cells).toContain(n);
    expect(cells).not.toContain(ids.done!.number);
    expect(cells).not.toContain(ids.elsewhere!.number);
  });

  it('a department user sees only its own work centers’ visits; bad queries are 400 and strangers 401', async () => {
    const own = (await as(ops).get(`/api/service-orders/work-plan?workCenterId=${wc.ops}&date=2027-03-01`)).json() as PlanView;
    expect(own.model.totals.visits).toBe(3);
    const foreign = (await as(ops).get(`/api/service-orders/work-plan?workCenterId=${wc.other}&date=2027-03-01`)).json() as PlanView;
    expect(foreign.model.totals.visits).toBe(0);
    expect((await as(agent).get(`/api/service-orders/work-plan?workCenterId=${wc.ops}&date=2027-02-30`)).statusCode).toBe(400);
    expect((await as(agent).get(`/api/service-orders/work-plan?workCenterId=${wc.ops}&date=2027-03-01&span=month`)).statusCode).toBe(400);
    expect((await as(agent).get(`/api/service-orders/work-plan.pdf?workCenterId=00000000-0000-4000-8000-000000000000&date=2027-03-01`)).json().code).toBe('SERVICE_WORK_CENTER_UNKNOWN');
    expect((await t.app.inject({ method: 'GET', url: `/api/service-orders/work-plan.xlsx?workCenterId=${wc.ops}&date=2027-03-01` })).statusCode).toBe(401);
  });
});

describe('e-mailing a notification to a department', () => {
  it('queues the e-mail with the day’s plan to the work center’s mailbox and records it; refuses without a mailbox, to strangers and to readers who may not work it', async () => {
    await t.database.db.deleteFrom('notifications').execute();
    const id = ids['mon-early']!.id;
    const res = await as(agent).post(`/api/service-orders/${id}/email`, { workCenterId: wc.other, note: '请安排上门', attachWorkPlan: true });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ recipient: 'f011@example.cn', attachments: ['工作计划表-S4002-2027-03-01.pdf'] });
    const [mail] = await t.database.db.selectFrom('notifications').select(['id', 'channel', 'recipient', 'template', 'subject', 'body']).execute();
    expect(mail).toMatchObject({ channel: 'email', recipient: 'f011@example.cn', template: 'service-order.department', subject: `服务通知单 ${ids['mon-early']!.number}：活动柜锁坏（Z1 客户服务）` });
    expect(mail!.body).toContain('留言：请安排上门');
    expect(mail!.body).toContain('售达方：上海申齐保健食品有限公司 138****5678');
    const files = await t.database.db.selectFrom('notification_attachments').select(['file_name', 'content_type']).where('notification_id', '=', mail!.id).execute();
    expect(files).toEqual([{ file_name: '工作计划表-S4002-2027-03-01.pdf', content_type: 'application/pdf' }]);
    const detail = (await as(agent).get(`/api/service-orders/${id}`)).json() as { history: { kind: string; note: string | null }[] };
    expect(detail.history.at(-1)).toMatchObject({ kind: 'emailed', note: 'F011 · f011@example.cn · 请安排上门' });

    const before = await t.database.db.selectFrom('notifications').select('id').execute();
    const noMail = await as(agent).post(`/api/service-orders/${id}/email`, { workCenterId: wc.mailless });
    expect([noMail.statusCode, noMail.json().code]).toEqual([409, 'SERVICE_WORK_CENTER_NO_EMAIL']);
    expect((await t.app.inject({ method: 'POST', url: `/api/service-orders/${id}/email`, headers: (await t.signIn('agent01')).headers({ 'accept-language': 'en-US' }), payload: { workCenterId: wc.mailless } })).json().message).toContain('has no mailbox');
    const foreign = await as(ops).post(`/api/service-orders/${ids.elsewhere!.id}/email`, { workCenterId: wc.ops });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'SERVICE_ORDER_NOT_FOUND']);
    expect((await as(kam).post(`/api/service-orders/${id}/email`, { workCenterId: wc.other })).statusCode).toBe(403);
    expect((await as(agent).post(`/api/service-orders/${id}/email`, { workCenterId: wc.other, cc: 'x@example.cn' })).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('notifications').select('id').execute()).toHaveLength(before.length);
  });
});
