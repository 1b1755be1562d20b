/**
 * A service notification's required start and expected end as clocks (docs/product.md §4; issue 19
 * §6), through the API on a real database. The service-order-clocks job is run with the instant it
 * should believe it is (its `now`), which is how these tests move the clock: the start clock warns
 * and is met when work begins, the end clock of a Z2 breaches and escalates to the sales office
 * once (a history row, e-mails in the outbox to the office's work center and the person
 * responsible), the supervisor's board lists both, completing stops the end clock and reopening
 * runs it again without a second escalation; a new end date re-arms it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDueServiceClocks } from '../../src/modules/service-orders/service.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const H = 3_600_000;
const DAY = 24 * H;
let t: TestApp;
let admin: Session;
let agent: Session;
let supervisor: Session;
let ops: Session;
let mainCenter = '';
let buyer = '';
let opsUserId = '';

const as = (s: Session) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() }),
  post: (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object }),
  patch: (url: string, payload: unknown) => t.app.inject({ method: 'PATCH', url, headers: s.headers(), payload: payload as object }),
});

interface ClockView {
  kind: string;
  status: string;
  dueDate: string;
  warnedAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  escalatedAt: string | null;
}
interface Board {
  breached: { notificationId: string; number: string; clock: ClockView }[];
  atRisk: { notificationId: string; number: string; clock: ClockView }[];
  counts: { breached: number; atRisk: number };
}

const runJob = (now: Date) => processDueServiceClocks({ db: t.database.db, reference: t.app.reference, timeZone: 'Asia/Shanghai' }, now);

async function clocks(id: string, s: Session = agent) {
  const res = await as(s).get(`/api/service-orders/${id}/clocks`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json() as ClockView[]).map((c) => [c.kind, c])) as Record<string, ClockView>;
}
async function board() {
  const res = await as(supervisor).get('/api/service-orders/clock-board');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Board;
}
async function version(id: string) {
  return (await as(supervisor).get(`/api/service-orders/${id}`)).json().version as number;
}
async function move(s: Session, id: string, body: Record<string, unknown>) {
  const res = await as(s).post(`/api/service-orders/${id}/status`, { version: await version(id), ...body });
  expect(res.statusCode, res.body).toBe(200);
}
async function history(id: string) {
  return t.database.db.selectFrom('service_notification_events').select(['kind', 'note']).where('notification_id', '=', id).orderBy('at').orderBy('id').execute();
}

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, supervisor, ops] = await Promise.all([t.signIn('admin'), t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('ops01')]);
  const opsDept = await t.database.db.selectFrom('departments').select('id').where('code', '=', 'OPS').executeTakeFirstOrThrow();
  opsUserId = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'ops01').executeTakeFirstOrThrow()).id;
  await t.database.db.updateTable('users').set({ email: 'ops01@example.cn' }).where('id', '=', opsUserId).execute();
  const office = await as(admin).post('/api/service-orders/work-centers', { code: 'S4002', name: '上海浦东服务中心', departmentId: opsDept.id, email: 'sh-4002@example.cn', salesOffice: '4002' });
  expect(office.statusCode, office.body).toBe(201);
  const main = await as(admin).post('/api/service-orders/work-centers', { code: 'F011', name: '区物流客诉组', departmentId: opsDept.id });
  mainCenter = main.json().id;
  // a second work center cannot answer for the same office
  const twice = await as(admin).post('/api/service-orders/work-centers', { code: 'S9999', name: '另一中心', salesOffice: '4002' });
  expect([twice.statusCode, twice.json().code]).toEqual([409, 'SERVICE_WORK_CENTER_OFFICE_TAKEN']);
  buyer = (await t.database.db.insertInto('customers').values({ name: '上海申齐保健食品有限公司', phone: null, kind: 'enterprise' }).returning('id').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await t?.close();
});

function z2(extra: Record<string, unknown> = {}) {
  return {
    type: 'Z2',
    shortText: '到货少件',
    soldToId: buyer,
    reporterName: '王敏',
    mainWorkCenterId: mainCenter,
    responsibleUserId: opsUserId,
    salesOffice: '4002',
    items: [{ material: '100056', quantity: 1, reason: { group: 'DX-DELIV', code: '0001' } }],
    ...extra,
  };
}

describe('a notification’s clocks', () => {
  it('the start clock warns and is met when work begins; a Z2 past its end escalates to its sales office once; completing stops, reopening runs again', async () => {
    const created = Date.now();
    const start = new Date(created + 2 * H);
    const res = await as(agent).post('/api/service-orders', z2({ requiredStart: start.toISOString() }));
    expect(res.statusCode, res.body).toBe(201);
    const { id, number } = res.json() as { id: string; number: string };

    let c = await clocks(id);
    expect([c.required_start!.status, c.required_start!.dueDate]).toEqual(['running', start.toISOString()]);
    // Z2: seven days from the required start, the statutory complaint limit
    expect([c.expected_end!.status, Date.parse(c.expected_end!.dueDate) - start.getTime()]).toEqual(['running', 7 * DAY]);

    // 1 h 40 min in: past 80 % of the two hours, the start clock warns, once, and the board shows it at risk
    expect(await runJob(new Date(created + 100 * 60_000))).toMatchObject({ warned: 1, breached: 0 });
    expect(await runJob(new Date(created + 101 * 60_000))).toMatchObject({ checked: 0 });
    expect((await board()).atRisk.filter((a) => a.notificationId === id).map((a) => [a.number, a.clock.kind, a.clock.status])).toEqual([[number, 'required_start', 'warning']]);
    expect((await as(agent).get('/api/service-orders/clock-board')).statusCode).toBe(403);

    // the field department replies to sales (HFYY): work has begun before the date, the start clock is met
    await move(ops, id, { action: 'set_status', status: 'HFYY' });
    c = await clocks(id);
    expect([c.required_start!.status, c.expected_end!.status]).toEqual(['met', 'running']);
    expect((await board()).atRisk.some((a) => a.notificationId === id)).toBe(false);

    // eight days on the end has passed: warned and breached are one breach row, escalated once, told by e-mail
    await t.database.db.deleteFrom('notifications').execute();
    const late = new Date(created + 9 * DAY);
    expect(await runJob(late)).toMatchObject({ breached: 1, escalated: 1 });
    expect(await runJob(new Date(late.getTime() + H))).toMatchObject({ checked: 0 });
    const events = await history(id);
    expect(events.filter((e) => e.kind.startsWith('clock_') || e.kind === 'escalated')).toEqual([
      { kind: 'clock_warning', note: 'required_start' },
      { kind: 'clock_breach', note: 'expected_end' },
      { kind: 'escalated', note: '4002 · S4002 · sh-4002@example.cn, ops01@example.cn' },
    ]);
    const mails = await t.database.db.selectFrom('notifications').select(['channel', 'recipient', 'template', 'subject', 'body']).orderBy('recipient').execute();
    expect(mails.map((m) => [m.channel, m.recipient, m.template])).toEqual([
      ['email', 'ops01@example.cn', 'service-order.escalation'],
      ['email', 'sh-4002@example.cn', 'service-order.escalation'],
    ]);
    expect(mails[0]!.subject).toBe(`【升级】交货异常通知单 ${number} 已超过预计结束时间`);
    expect(mails[0]!.body).toContain('现升级至销售办公室 4002');
    const detail = (await as(agent).get(`/api/service-orders/${id}`)).json() as { history: { kind: string; note: string | null; actorName: string }[] };
    expect(detail.history.some((h) => h.kind === 'escalated' && h.actorName === '系统')).toBe(true);
    let b = await board();
    expect(b.breached.filter((a) => a.notificationId === id).map((a) => [a.clock.kind, a.clock.status, a.clock.escalatedAt !== null])).toEqual([['expected_end', 'breached', true]]);
    expect(b.counts.breached).toBeGreaterThanOrEqual(1);

    // completed (after DDKH, with a cause): the end clock stops, missed, and leaves the board
    await move(agent, id, { action: 'set_status', status: 'DDKH' });
    await move(agent, id, { action: 'complete', cause: { group: 'CS-DONE', code: '0001' } });
    c = await clocks(id);
    expect([c.expected_end!.status, c.expected_end!.stoppedAt !== null]).toEqual(['missed', true]);
    expect((await board()).breached.some((a) => a.notificationId === id)).toBe(false);

    // reopened by a supervisor: runs again against the same date, breached as before, not escalated again
    await move(supervisor, id, { action: 'reopen' });
    c = await clocks(id);
    expect([c.expected_end!.status, c.expected_end!.stoppedAt]).toEqual(['breached', null]);
    expect(await runJob(new Date(late.getTime() + 2 * H))).toMatchObject({ escalated: 0 });
    b = await board();
    expect(b.breached.some((a) => a.notificationId === id)).toBe(true);
    expect((await history(id)).filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(await t.database.db.selectFrom('notifications').select('id').execute()).toHaveLength(2);

    // IW52: a new end date ahead is a new promise: the clock runs again, off the board
    const newEnd = new Date(Date.now() + 3 * DAY).toISOString();
    const changed = await as(agent).patch(`/api/service-orders/${id}`, { version: await version(id), expectedEnd: newEnd });
    expect(changed.statusCode, changed.body).toBe(200);
    c = await clocks(id);
    expect([c.expected_end!.status, c.expected_end!.dueDate, c.expected_end!.breachedAt]).toEqual(['running', newEnd, null]);
    expect((await board()).breached.some((a) => a.notificationId === id)).toBe(false);
  });

  it('no start clock when the start is now (the default) or the request is urgent; a Z1 without an office escalates nothing', async () => {
    const plain = await as(agent).post('/api/service-orders', z2({ type: 'Z1', items: [{ quantity: 1, reason: { group: 'SV-REPAIR', code: '0001' } }] }));
    expect(plain.statusCode, plain.body).toBe(201);
    expect(Object.keys(await clocks(plain.json().id))).toEqual(['expected_end']);
    const urgent = await as(agent).post('/api/service-orders', z2({ urgent: true, requiredStart: new Date(Date.now() + H).toISOString() }));
    expect(Object.keys(await clocks(urgent.json().id))).toEqual(['expected_end']);
    const before = await t.database.db.selectFrom('notifications').select('id').execute();
    expect(await runJob(new Date(Date.now() + 30 * DAY))).toMatchObject({ escalated: 1 }); // the urgent Z2 only
    expect((await history(plain.json().id)).filter((e) => e.kind === 'escalated')).toEqual([]);
    expect((await t.database.db.selectFrom('notifications').select('id').execute()).length).toBe(before.length + 2);
  });

  it('a notification one may not read has no clocks to show (404), and the board lists only readable ones', async () => {
    const otherCenter = await as(admin).post('/api/service-orders/work-centers', { code: 'X01', name: '外地中心' });
    const res = await as(agent).post('/api/service-orders', z2({ mainWorkCenterId: otherCenter.json().id, responsibleUserId: null }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await as(ops).get(`/api/service-orders/${res.json().id}/clocks`)).json().code).toBe('SERVICE_ORDER_NOT_FOUND');
    expect((await as(agent).get(`/api/service-orders/${res.json().id}/clocks`)).statusCode).toBe(200);
  });
});
