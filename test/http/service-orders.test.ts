/**
 * After-sales service notifications (issue 19) through the API on a real database: IW51 create with
 * the type's number range and default dates, IW52 change, the status profile's moves and refusals
 * by role (naming the allowed ones), completing with a cause and reopening, the IW59 list's
 * filters, a department user's view of its own work centers, a ticket that spawns a notification,
 * and bad input refused with stable codes and nothing changed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotifications } from '../../src/modules/service-orders/repository.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let supervisor: Session;
let ops: Session;
let kam: Session;
const wc: Record<'ops' | 'other', string> = { ops: '', other: '' };
const customers: Record<'buyer' | 'site' | 'other', string> = { buyer: '', site: '', other: '' };
let otherAddressId = '';

const as = (s: Session) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() }),
  post: (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object }),
  patch: (url: string, payload: unknown) => t.app.inject({ method: 'PATCH', url, headers: s.headers(), payload: payload as object }),
  delete: (url: string) => t.app.inject({ method: 'DELETE', url, headers: s.headers() }),
});

const ITEM = { productType: '06', colourCode: 'A', material: '100056', quantity: 1, reason: { group: 'SV-REPAIR', code: '0001' }, reasonText: 'OEM 厂商' };

function z1(extra: Record<string, unknown> = {}) {
  return {
    type: 'Z1',
    shortText: '活动柜锁坏',
    longText: '活动柜被反锁，抽屉打不开。',
    soldToId: customers.buyer,
    shipToId: customers.site,
    reporterName: '王敏',
    originalDocumentNo: '30000075',
    originalDocumentDate: '2026-03-01',
    requiredStart: '2026-03-03T02:00:00.000Z', // 10:00 Shanghai, a Tuesday
    mainWorkCenterId: wc.ops,
    salesOrg: 'F011',
    distributionChannel: '10',
    division: '02',
    salesOffice: '4002',
    items: [ITEM],
    ...extra,
  };
}

async function create(session: Session, body: Record<string, unknown>) {
  const res = await as(session).post('/api/service-orders', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function detail(session: Session, id: string, lang = 'zh-CN') {
  const res = await t.app.inject({ method: 'GET', url: `/api/service-orders/${id}`, headers: session.headers({ 'accept-language': lang }) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function move(session: Session, id: string, body: Record<string, unknown>) {
  const { version } = await detail(supervisor, id);
  return as(session).post(`/api/service-orders/${id}/status`, { version, ...body });
}

async function count(table: 'service_notifications' | 'service_notification_events' | 'service_notification_items') {
  const row = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, supervisor, ops, kam] = await Promise.all([t.signIn('admin'), t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('ops01'), t.signIn('kam01')]);
  const departments = await t.database.db.selectFrom('departments').select(['id', 'code']).execute();
  const dept = (code: string) => departments.find((d) => d.code === code)!.id;
  for (const [key, code, name, department] of [
    ['ops', 'S4002', '上海浦东服务中心', 'OPS'],
    ['other', 'F011', '区物流客诉组', 'CLAIMS'],
  ] as const) {
    const res = await as(admin).post('/api/service-orders/work-centers', { code, name, departmentId: dept(department), staffIds: [] });
    expect(res.statusCode, res.body).toBe(201);
    wc[key] = res.json().id;
  }
  for (const [key, name] of [
    ['buyer', '上海申齐保健食品有限公司'],
    ['site', '申齐保健食品浦东仓库'],
    ['other', '无关客户'],
  ] as const) {
    const row = await t.database.db.insertInto('customers').values({ name, phone: null, kind: 'enterprise' }).returning('id').executeTakeFirstOrThrow();
    customers[key] = row.id;
  }
  const address = await t.database.db
    .insertInto('customer_addresses')
    .values({ customer_id: customers.other, kind: 'delivery', address: '上海市黄浦区南京东路1号', province: '310000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherAddressId = address.id;
});

afterAll(async () => {
  await t?.close();
});

describe('IW51: creating a notification', () => {
  it('numbers a Z1 from its twelve-digit range, starts at TZJL in the planning queue and ends the next working day by default', async () => {
    const created = await create(agent, z1());
    expect(created.number).toMatch(/^1\d{11}$/);
    const d = await detail(agent, created.id);
    expect(d).toMatchObject({
      number: created.number,
      type: 'Z1',
      typeLabel: '客户服务',
      userStatus: { code: 'TZJL', label: '通知记录' },
      systemStatus: { code: 'outstanding', label: '未结' },
      soldTo: { id: customers.buyer, name: '上海申齐保健食品有限公司' },
      shipTo: { id: customers.site },
      reporterName: '王敏',
      originalDocumentNo: '30000075',
      originalDocumentDate: '2026-03-01',
      requiredStart: '2026-03-03T02:00:00.000Z',
      expectedEnd: '2026-03-04T02:00:00.000Z',
      mainWorkCenter: { id: wc.ops, code: 'S4002' },
      salesOrg: 'F011',
      items: [{ position: 1, material: '100056', quantity: 1, reason: { group: 'SV-REPAIR', code: '0001', label: '锁具损坏' }, reasonText: 'OEM 厂商' }],
      history: [{ kind: 'created', toUserStatus: 'TZJL', toSystemStatus: 'outstanding' }],
    });
    // the status bar: an agent may record the survey, or take it into process / postpone it
    expect(d.allowed).toEqual({ statuses: [{ code: 'KCJS', label: '勘察结束' }], system: ['put_in_process', 'postpone'], change: true });
    expect((await detail(agent, created.id, 'en-US')).userStatus.label).toBe('Notification recorded');
  });

  it('an urgent Z2 (紧急) skips the planning queue straight into process, numbered from the Z2 range, ending seven days on', async () => {
    const created = await create(agent, z1({ type: 'Z2', urgent: true, shortText: '到货少件', items: [{ quantity: 2, reason: { group: 'DX-DELIV', code: '0001' } }] }));
    expect(created.number).toMatch(/^2\d{11}$/);
    const d = await detail(agent, created.id);
    expect(d).toMatchObject({ type: 'Z2', urgent: true, userStatus: { code: 'TZJL' }, systemStatus: { code: 'in_process' }, expectedEnd: '2026-03-10T02:00:00.000Z' });
    // on a Z2 an agent does not reply to sales: the field department does
    expect(d.allowed.statuses).toEqual([]);
  });

  it('numbers follow one another within a type', async () => {
    const a = await create(agent, z1());
    const b = await create(agent, z1());
    expect(BigInt(b.number) - BigInt(a.number)).toBe(1n);
  });

  it('refuses dates out of order, an unknown catalog code, a partner or address that is not the customer’s — and creates nothing', async () => {
    const before = await count('service_notifications');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ expectedEnd: '2026-03-03T01:59:59.000Z' }, 400, 'SERVICE_ORDER_DATES_INVALID'],
      [{ originalDocumentDate: '2026-03-04' }, 400, 'SERVICE_ORDER_DATES_INVALID'],
      [{ items: [{ ...ITEM, reason: { group: 'SV-REPAIR', code: '0099' } }] }, 400, 'SERVICE_ORDER_CODE_UNKNOWN'],
      [{ items: [{ ...ITEM, reason: { group: 'CS-DONE', code: '0001' } }] }, 400, 'SERVICE_ORDER_CODE_UNKNOWN'],
      [{ items: [{ ...ITEM, damage: { group: 'DM-SURF', code: '0009' } }] }, 400, 'SERVICE_ORDER_CODE_UNKNOWN'],
      [{ soldToId: '00000000-0000-4000-8000-000000000000' }, 400, 'SERVICE_ORDER_PARTNER_UNKNOWN'],
      [{ serviceAddressId: otherAddressId }, 400, 'SERVICE_ORDER_ADDRESS_UNKNOWN'],
      [{ mainWorkCenterId: '00000000-0000-4000-8000-000000000000' }, 400, 'SERVICE_WORK_CENTER_UNKNOWN'],
      [{ referenceNumber: '199999999999' }, 400, 'SERVICE_ORDER_REFERENCE_UNKNOWN'],
      [{ responsibleUserId: '00000000-0000-4000-8000-000000000000' }, 400, 'SERVICE_ORDER_RESPONSIBLE_UNKNOWN'],
      [{ type: 'Z3' }, 400, 'VALIDATION_FAILED'],
      [{ shortText: '   ' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [extra, status, code] of cases) {
      const res = await as(agent).post('/api/service-orders', z1(extra));
      expect([res.statusCode, res.json().code], JSON.stringify(extra)).toEqual([status, code]);
    }
    const unknown = await as(agent).post('/api/service-orders', z1({ items: [{ ...ITEM, reason: { group: 'SV-REPAIR', code: '0099' } }] }));
    expect(unknown.json().message).toContain('SV-REPAIR/0099');
    expect(await count('service_notifications')).toBe(before);
  });

  it('takes a new service address onto the ship-to customer, and a reference notification by number', async () => {
    const first = await create(agent, z1());
    const created = await create(agent, z1({ referenceNumber: first.number, newServiceAddress: { address: '上海市浦东新区张江路100号3号楼', contactName: '李四' } }));
    const d = await detail(agent, created.id);
    expect(d.reference).toEqual({ id: first.id, number: first.number });
    expect(d.serviceAddress).toMatchObject({ address: '上海市浦东新区张江路100号3号楼', contactName: '李四' });
    const stored = await t.database.db.selectFrom('customer_addresses').select(['customer_id', 'kind']).where('id', '=', d.serviceAddress.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ customer_id: customers.site, kind: 'service' });
  });

  it('an account manager reads notifications but does not create them', async () => {
    expect((await as(kam).post('/api/service-orders', z1())).statusCode).toBe(403);
    expect((await as(kam).get('/api/service-orders')).statusCode).toBe(200);
  });
});

describe('the Z1 flow, by role', () => {
  it('TZJL → KCJS → ZGPZ → ZBHF → completed with a cause → reopened, each refusal naming what the caller may do', async () => {
    const { id } = await create(agent, z1());
    // the field engineer of the work center records the survey
    let res = await move(ops, id, { action: 'set_status', status: 'KCJS', note: '勘察结束：锁芯损坏，需请购' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ userStatus: 'KCJS', systemStatus: 'in_process' });

    // an agent may not approve: supervisor-only, 403 naming what the agent may do instead
    const before = await detail(supervisor, id);
    res = await move(agent, id, { action: 'set_status', status: 'ZGPZ' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'SERVICE_ORDER_STATUS_ROLE', allowed: ['postpone', 'complete'] });
    // …and skipping ahead is no move at all, 409 naming the allowed ones
    res = await move(supervisor, id, { action: 'set_status', status: 'ZBHF' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SERVICE_ORDER_STATUS_INVALID', allowed: ['ZGPZ', 'BPZ', 'postpone', 'complete'] });
    expect(res.json().message).toContain('ZGPZ、BPZ');
    const after = await detail(supervisor, id);
    expect([after.version, after.userStatus.code, after.history.length]).toEqual([before.version, 'KCJS', before.history.length]);

    expect((await detail(supervisor, id)).allowed.statuses.map((s: { code: string }) => s.code)).toEqual(['ZGPZ', 'BPZ']);
    res = await move(supervisor, id, { action: 'set_status', status: 'ZGPZ' });
    expect(res.json()).toMatchObject({ userStatus: 'ZGPZ' });
    res = await move(agent, id, { action: 'set_status', status: 'ZBHF', note: '总部回复：配件三日内到' });
    expect(res.json()).toMatchObject({ userStatus: 'ZBHF' });

    // completing needs a cause from the cause catalog
    res = await move(agent, id, { action: 'complete' });
    expect([res.statusCode, res.json().code]).toEqual([400, 'SERVICE_ORDER_CAUSE_REQUIRED']);
    res = await move(agent, id, { action: 'complete', cause: { group: 'SV-REPAIR', code: '0001' } });
    expect([res.statusCode, res.json().code]).toEqual([400, 'SERVICE_ORDER_CODE_UNKNOWN']);
    res = await move(agent, id, { action: 'complete', cause: { group: 'CS-DONE', code: '0002' } });
    expect(res.json()).toMatchObject({ userStatus: 'ZBHF', systemStatus: 'completed' });

    // completed is read-only: no change, no status; the agent may not reopen, the supervisor may
    const done = await detail(agent, id);
    expect(done).toMatchObject({ systemStatus: { code: 'completed' }, cause: { group: 'CS-DONE', code: '0002', label: '更换部件' }, allowed: { statuses: [], system: [], change: false } });
    res = await as(agent).patch(`/api/service-orders/${id}`, { version: done.version, longText: '补充说明' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'SERVICE_ORDER_COMPLETED']);
    res = await move(agent, id, { action: 'set_status', status: 'KCJS' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'SERVICE_ORDER_COMPLETED']);
    res = await move(agent, id, { action: 'reopen' });
    expect([res.statusCode, res.json().code]).toEqual([403, 'SERVICE_ORDER_STATUS_ROLE']);
    expect((await detail(supervisor, id)).allowed.system).toEqual(['reopen']);
    res = await move(supervisor, id, { action: 'reopen', note: '客户反映仍有问题' });
    expect(res.json()).toMatchObject({ userStatus: 'ZBHF', systemStatus: 'in_process' });

    const history = (await detail(agent, id)).history.map((h: { kind: string; toUserStatus: string; toSystemStatus: string; actorName: string }) => [h.kind, h.toUserStatus, h.toSystemStatus, h.actorName]);
    expect(history).toEqual([
      ['created', 'TZJL', 'outstanding', '王晓敏'],
      ['status', 'KCJS', 'in_process', '张伟'],
      ['status', 'ZGPZ', 'in_process', '李建国'],
      ['status', 'ZBHF', 'in_process', '王晓敏'],
      ['system', 'ZBHF', 'completed', '王晓敏'],
      ['system', 'ZBHF', 'in_process', '李建国'],
    ]);
  });

  it('BPZ sends the request back to a new survey; a stale version is refused', async () => {
    const { id } = await create(agent, z1());
    await move(agent, id, { action: 'set_status', status: 'KCJS' });
    expect((await move(supervisor, id, { action: 'set_status', status: 'BPZ' })).json()).toMatchObject({ userStatus: 'BPZ' });
    expect((await detail(agent, id)).allowed.statuses.map((s: { code: string }) => s.code)).toEqual(['KCJS']);
    const res = await as(agent).post(`/api/service-orders/${id}/status`, { version: 1, action: 'set_status', status: 'KCJS' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'CONFLICT_STALE_VERSION']);
  });
});

describe('the Z2 flow', () => {
  it('TZJL → HFYY (by the department) → DDKH → THCS, completed after the return', async () => {
    const { id } = await create(agent, z1({ type: 'Z2', items: [{ quantity: 1, reason: { group: 'DX-DELIV', code: '0003' } }] }));
    let res = await move(agent, id, { action: 'set_status', status: 'HFYY' });
    expect(res.json()).toMatchObject({ code: 'SERVICE_ORDER_STATUS_ROLE', allowed: ['put_in_process', 'postpone'] });
    expect((await move(ops, id, { action: 'set_status', status: 'HFYY' })).json()).toMatchObject({ userStatus: 'HFYY' });
    res = await move(agent, id, { action: 'complete', cause: { group: 'CS-DONE', code: '0001' } });
    expect(res.json()).toMatchObject({ code: 'SERVICE_ORDER_NOT_COMPLETABLE', allowed: ['DDKH', 'postpone'] });
    expect((await move(agent, id, { action: 'set_status', status: 'DDKH' })).json()).toMatchObject({ userStatus: 'DDKH' });
    expect((await move(ops, id, { action: 'set_status', status: 'THCS' })).json()).toMatchObject({ userStatus: 'THCS' });
    expect((await move(ops, id, { action: 'postpone' })).json()).toMatchObject({ systemStatus: 'postponed' });
    expect((await move(ops, id, { action: 'postpone' })).json()).toMatchObject({ code: 'SERVICE_ORDER_TRANSITION_INVALID' });
    expect((await move(ops, id, { action: 'complete', cause: { group: 'CS-DONE', code: '0004' } })).json()).toMatchObject({ systemStatus: 'completed' });
  });
});

describe('IW52: changing a notification', () => {
  it('changes fields and replaces the items, recorded in the history', async () => {
    const { id } = await create(agent, z1());
    const d = await detail(agent, id);
    const res = await as(agent).patch(`/api/service-orders/${id}`, {
      version: d.version,
      longText: '活动柜被反锁，抽屉打不开。抽屉锁缺货、请购。',
      processingWorkCenterId: wc.other,
      items: [ITEM, { quantity: 2, material: '100057', reason: { group: 'SV-REPAIR', code: '0002' }, damage: { group: 'DM-SURF', code: '0001' } }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const changed = await detail(agent, id);
    expect(changed.longText).toContain('请购');
    expect(changed.processingWorkCenter).toMatchObject({ code: 'F011' });
    expect(changed.items.map((i: { position: number; reason: { code: string }; damage: { label: string } | null }) => [i.position, i.reason.code, i.damage?.label ?? null])).toEqual([
      [1, '0001', null],
      [2, '0002', '划痕'],
    ]);
    expect(changed.history.at(-1)).toMatchObject({ kind: 'changed', note: 'long_text, processing_work_center_id, items', actorName: '王晓敏' });
  });

  it('refuses dates out of order and unknown codes, changing nothing', async () => {
    const { id } = await create(agent, z1());
    const d = await detail(agent, id);
    for (const [body, code] of [
      [{ expectedEnd: '2026-03-01T00:00:00.000Z' }, 'SERVICE_ORDER_DATES_INVALID'],
      [{ items: [{ ...ITEM, reason: { group: 'NOPE', code: '0001' } }] }, 'SERVICE_ORDER_CODE_UNKNOWN'],
    ] as const) {
      const res = await as(agent).patch(`/api/service-orders/${id}`, { version: d.version, longText: 'x', ...body });
      expect([res.statusCode, res.json().code]).toEqual([400, code]);
    }
    const after = await detail(agent, id);
    expect([after.version, after.longText, after.items.length]).toEqual([d.version, d.longText, 1]);
  });
});

describe('who sees which notification', () => {
  it('a department user sees only its own work centers’ notifications (others are not found) and cannot hand work to another’s', async () => {
    const mine = await create(agent, z1());
    const theirs = await create(agent, z1({ mainWorkCenterId: wc.other }));
    expect((await as(ops).get(`/api/service-orders/${theirs.id}`)).statusCode).toBe(404);
    expect((await as(ops).post(`/api/service-orders/${theirs.id}/status`, { version: 1, action: 'set_status', status: 'KCJS' })).json().code).toBe('SERVICE_ORDER_NOT_FOUND');
    const list = (await as(ops).get('/api/service-orders?pageSize=100')).json();
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.items.every((i: { mainWorkCenter: { code: string } }) => i.mainWorkCenter.code === 'S4002')).toBe(true);
    const res = await as(ops).post('/api/service-orders', z1({ mainWorkCenterId: wc.other }));
    expect(res.statusCode).toBe(403);
  });

  it('only those who keep policies add work centers; a code is used once', async () => {
    expect((await as(agent).post('/api/service-orders/work-centers', { code: 'S9999', name: '测试' })).statusCode).toBe(403);
    const res = await as(admin).post('/api/service-orders/work-centers', { code: 'S4002', name: '重复' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'SERVICE_WORK_CENTER_CODE_TAKEN']);
    const own = await as(admin).post('/api/service-orders/work-centers', { code: 'S4003', name: '杭州服务中心', workingHours: [{ start: '08:30', end: '17:30' }] });
    expect(own.json()).toMatchObject({ code: 'S4003', ownHours: true, workingHours: [{ start: '08:30', end: '17:30' }] });
    const list = (await as(agent).get('/api/service-orders/work-centers')).json();
    expect(list.find((w: { code: string }) => w.code === 'S4002')).toMatchObject({ ownHours: false, workingHours: [{ start: '09:00', end: '18:00' }] });
  });
});

describe('IW59: the list', () => {
  it('filters by type, status, work center, partner, item reason and dates, one page at a time', async () => {
    const other = await t.database.db.insertInto('customers').values({ name: '列表客户', phone: null, kind: 'enterprise' }).returning('id').executeTakeFirstOrThrow();
    const a = await create(agent, z1({ soldToId: other.id, shipToId: other.id, requiredStart: '2026-04-01T02:00:00.000Z' }));
    const b = await create(agent, z1({ soldToId: other.id, shipToId: other.id, type: 'Z2', requiredStart: '2026-04-02T02:00:00.000Z', items: [{ quantity: 1, reason: { group: 'DX-DELIV', code: '0002' } }] }));
    const c = await create(agent, z1({ soldToId: other.id, shipToId: other.id, urgent: true, mainWorkCenterId: wc.other, requiredStart: '2026-04-03T02:00:00.000Z' }));
    const ids = async (query: string) => {
      const res = await as(agent).get(`/api/service-orders?partnerId=${other.id}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { id: string }) => i.id);
    };
    expect(await ids('')).toEqual([a.id, b.id, c.id]);
    expect(await ids('type=Z2')).toEqual([b.id]);
    expect(await ids('systemStatus=outstanding')).toEqual([a.id, b.id]);
    expect(await ids('systemStatus=in_process&systemStatus=postponed')).toEqual([c.id]);
    expect(await ids(`workCenterId=${wc.other}`)).toEqual([c.id]);
    expect(await ids('reasonGroup=DX-DELIV')).toEqual([b.id]);
    expect(await ids('reasonGroup=SV-REPAIR&reasonCode=0001')).toEqual([a.id, c.id]);
    expect(await ids('startFrom=2026-04-02&startTo=2026-04-02')).toEqual([b.id]);
    expect(await ids('userStatus=TZJL&type=Z1&systemStatus=outstanding')).toEqual([a.id]);
    expect(await ids(`number=${c.number}`)).toEqual([c.id]);
    const page = (await as(agent).get(`/api/service-orders?partnerId=${other.id}&pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 3, totalCapped: false });
    // Past the maximum number of hits the count stops and says "more than" (the cap made small here).
    const capped = await listNotifications(t.database.db, () => sql<boolean>`true`, { partnerId: other.id }, { limit: 20, offset: 0 }, 2);
    expect([capped.total, capped.totalCapped, capped.rows.length]).toEqual([2, true, 3]);
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(page.items[0]).toMatchObject({ number: c.number, urgent: true, soldTo: { name: '列表客户' }, systemStatus: { code: 'in_process', label: '正在处理' } });
  });

  it('keeps each user’s saved views: filters and columns under a name', async () => {
    const view = { name: '今日未结 Z1', filters: { type: 'Z1', systemStatus: ['outstanding', 'in_process'] }, columns: ['number', 'shortText', 'soldTo'] };
    const res = await as(agent).post('/api/service-orders/views', view);
    expect(res.statusCode, res.body).toBe(201);
    expect((await as(agent).post('/api/service-orders/views', view)).json().code).toBe('SERVICE_ORDER_VIEW_NAME_TAKEN');
    expect((await as(agent).get('/api/service-orders/views')).json()).toMatchObject([view]);
    expect((await as(supervisor).get('/api/service-orders/views')).json()).toEqual([]);
    expect((await as(supervisor).delete(`/api/service-orders/views/${res.json().id}`)).json().code).toBe('SERVICE_ORDER_VIEW_NOT_FOUND');
    expect((await as(agent).delete(`/api/service-orders/views/${res.json().id}`)).statusCode).toBe(200);
    expect((await as(agent).get('/api/service-orders/views')).json()).toEqual([]);
  });
});

describe('from a ticket', () => {
  it('a ticket spawns a notification, and the ticket shows it on its timeline', async () => {
    const ticket = await as(agent).post('/api/tickets', {
      kind: 'service_request',
      channel: 'phone',
      subject: '活动柜锁坏，要求上门维修',
      description: '客户来电：活动柜锁坏，抽屉打不开',
      customerName: '张三',
      customerPhone: '138 0013 9001',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const ticketId = ticket.json().id;
    const created = await create(agent, z1({ ticketId }));
    const timeline = (await as(agent).get(`/api/tickets/${ticketId}`)).json().timeline;
    expect(timeline.find((e: { kind: string }) => e.kind === 'service_order_created')).toMatchObject({ to: created.number, detail: { serviceOrderId: created.id, number: created.number, type: 'Z1' } });
    expect((await detail(agent, created.id)).ticketId).toBe(ticketId);
    const list = (await as(agent).get(`/api/service-orders?ticketId=${ticketId}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    const missing = await as(agent).post('/api/service-orders', z1({ ticketId: '00000000-0000-4000-8000-000000000000' }));
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'TICKET_NOT_FOUND']);
  });
});

describe('reference data', () => {
  it('reads the status profiles and the catalogs', async () => {
    const profiles = (await as(agent).get('/api/service-orders/profiles')).json();
    expect(profiles.map((p: { type: string }) => p.type)).toEqual(['Z1', 'Z2']);
    expect(profiles[0].statuses.find((s: { code: string }) => s.code === 'KCJS')).toMatchObject({ number: 20, lowest: 30, highest: 40, next: ['ZGPZ', 'BPZ'], mayComplete: true });
    expect(profiles[0].statuses.find((s: { code: string }) => s.code === 'ZGPZ').setBy).toEqual(['supervisor', 'manager']);
    const catalogs = (await as(agent).get('/api/service-orders/catalogs')).json();
    expect(catalogs.find((g: { catalog: string; group: string }) => g.catalog === 'cause' && g.group === 'CS-DONE').codes.length).toBeGreaterThan(3);
  });
});
