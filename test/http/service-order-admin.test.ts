/**
 * Keeping the after-sales reference data through the API (docs/product.md §4; issue 19 §7): the
 * catalogs (a group and a code added, renamed, a code retired — no longer offered or accepted,
 * still shown where it was used) and the work centers (staff, own hours, mailbox, sales office,
 * inactive) by managers and admins only, everyone else refused with nothing changed; and each
 * user's saved views of the IW59 list (replaced, refused for another's, only known columns).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let manager: Session;
let agent: Session;
let supervisor: Session;
let ops: Session;
let centerId = '';
let buyer = '';

const send = (s: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(s && { headers: s.headers() }), ...(payload === undefined ? {} : { payload: payload as object }) });

async function digest() {
  const [groups, codes, centers, staff] = await Promise.all([
    t.database.db.selectFrom('service_code_groups').selectAll().orderBy('catalog').orderBy('code_group').execute(),
    t.database.db.selectFrom('service_codes').selectAll().orderBy('catalog').orderBy('code_group').orderBy('code').execute(),
    t.database.db.selectFrom('service_work_centers').selectAll().orderBy('code').execute(),
    t.database.db.selectFrom('service_work_center_staff').selectAll().orderBy('user_id').execute(),
  ]);
  return JSON.stringify({ groups, codes, centers, staff });
}

beforeAll(async () => {
  t = await createTestApp();
  [admin, manager, agent, supervisor, ops] = await Promise.all([t.signIn('admin'), t.signIn('manager01'), t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('ops01')]);
  const res = await send(admin, 'POST', '/api/service-orders/work-centers', { code: 'S4002', name: '上海浦东服务中心' });
  expect(res.statusCode, res.body).toBe(201);
  centerId = res.json().id;
  buyer = (await t.database.db.insertInto('customers').values({ name: '上海申齐保健食品有限公司', phone: null, kind: 'enterprise' }).returning('id').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await t?.close();
});

const notification = (reason: { group: string; code: string }) => ({ type: 'Z1', shortText: '柜门异响', soldToId: buyer, reporterName: '王敏', mainWorkCenterId: centerId, items: [{ quantity: 1, reason }] });

describe('catalogs for admins', () => {
  it('a group and a code are added and renamed; a retired code is no longer accepted but still shows where it was used', async () => {
    const group = await send(admin, 'POST', '/api/service-orders/admin/catalogs', { catalog: 'reason', group: 'SV-NOISE', labelZh: '异响', labelEn: 'Noise' });
    expect(group.statusCode, group.body).toBe(201);
    expect((await send(admin, 'POST', '/api/service-orders/admin/catalogs', { catalog: 'reason', group: 'SV-NOISE', labelZh: '异响', labelEn: 'Noise' })).json().code).toBe('SERVICE_CATALOG_CODE_TAKEN');
    const code = await send(manager, 'POST', '/api/service-orders/admin/catalogs/reason/SV-NOISE/codes', { code: '0001', labelZh: '柜门异响', labelEn: 'Door noise' });
    expect(code.statusCode, code.body).toBe(201);
    expect((await send(admin, 'POST', '/api/service-orders/admin/catalogs/reason/SV-NOISE/codes', { code: '0001', labelZh: 'x', labelEn: 'x' })).statusCode).toBe(409);
    expect((await send(admin, 'POST', '/api/service-orders/admin/catalogs/damage/SV-NOISE/codes', { code: '0001', labelZh: 'x', labelEn: 'x' })).json().code).toBe('SERVICE_CATALOG_NOT_FOUND');
    expect((await send(admin, 'PUT', '/api/service-orders/admin/catalogs/reason/SV-NOISE', { labelZh: '异响问题', labelEn: 'Noises' })).statusCode).toBe(200);

    // the desk sees it and uses it
    const catalogs = (await send(agent, 'GET', '/api/service-orders/catalogs')).json() as { group: string; label: string; codes: { code: string; label: string }[] }[];
    expect(catalogs.find((g) => g.group === 'SV-NOISE')).toEqual({ catalog: 'reason', group: 'SV-NOISE', label: '异响问题', codes: [{ code: '0001', label: '柜门异响' }] });
    const created = await send(agent, 'POST', '/api/service-orders', notification({ group: 'SV-NOISE', code: '0001' }));
    expect(created.statusCode, created.body).toBe(201);

    // retired: not offered, not accepted, still shown on the notification that names it
    expect((await send(admin, 'PATCH', '/api/service-orders/admin/catalogs/reason/SV-NOISE/codes/0001', { active: false })).statusCode).toBe(200);
    expect(((await send(agent, 'GET', '/api/service-orders/catalogs')).json() as { group: string; codes: unknown[] }[]).find((g) => g.group === 'SV-NOISE')!.codes).toEqual([]);
    const refused = await send(agent, 'POST', '/api/service-orders', notification({ group: 'SV-NOISE', code: '0001' }));
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'SERVICE_ORDER_CODE_UNKNOWN']);
    expect((await send(agent, 'GET', `/api/service-orders/${created.json().id}`)).json().items[0].reason).toMatchObject({ group: 'SV-NOISE', code: '0001' });
    const all = (await send(admin, 'GET', '/api/service-orders/admin/catalogs')).json() as { group: string; codes: { code: string; active: boolean; labelEn: string }[] }[];
    expect(all.find((g) => g.group === 'SV-NOISE')!.codes).toEqual([{ code: '0001', labelZh: '柜门异响', labelEn: 'Door noise', active: false }]);
    expect((await send(admin, 'PATCH', '/api/service-orders/admin/catalogs/reason/SV-NOISE/codes/0009', { active: false })).statusCode).toBe(404);
    expect((await send(admin, 'PATCH', '/api/service-orders/admin/catalogs/reason/SV-NOISE/codes/0001', {})).statusCode).toBe(400);
  });
});

describe('work centers for admins', () => {
  it('staff, own hours, mailbox, sales office and active change at the version read; bad hours, a stale version and an unknown center are refused', async () => {
    const list = (await send(admin, 'GET', '/api/service-orders/work-centers')).json() as { id: string; version: number }[];
    const version = list.find((c) => c.id === centerId)!.version;
    const opsUser = await t.database.db.selectFrom('users').select('id').where('username', '=', 'ops01').executeTakeFirstOrThrow();
    const res = await send(admin, 'PATCH', `/api/service-orders/work-centers/${centerId}`, {
      version,
      name: '上海浦东服务中心（张江）',
      staffIds: [opsUser.id],
      workingHours: [{ start: '08:30', end: '17:30' }],
      email: 'sh-4002@example.cn',
      salesOffice: '4002',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '上海浦东服务中心（张江）', staff: [{ id: opsUser.id }], workingHours: [{ start: '08:30', end: '17:30' }], ownHours: true, email: 'sh-4002@example.cn', salesOffice: '4002', version: version + 1 });
    // the field engineer now sees the work center's notifications
    expect(((await send(ops, 'GET', `/api/service-orders?workCenterId=${centerId}`)).json() as { total: number }).total).toBeGreaterThan(0);

    const before = await digest();
    expect((await send(admin, 'PATCH', `/api/service-orders/work-centers/${centerId}`, { version, name: '旧版本' })).json().code).toBe('CONFLICT_STALE_VERSION');
    expect((await send(admin, 'PATCH', `/api/service-orders/work-centers/${centerId}`, { version: version + 1, workingHours: [{ start: '18:00', end: '08:00' }] })).json().code).toBe('CALENDAR_INVALID');
    expect((await send(admin, 'PATCH', '/api/service-orders/work-centers/00000000-0000-4000-8000-000000000000', { version: 1 })).json().code).toBe('SERVICE_WORK_CENTER_NOT_FOUND');
    expect((await send(admin, 'PATCH', `/api/service-orders/work-centers/${centerId}`, { version: version + 1, email: 'not-an-address' })).statusCode).toBe(400);
    expect(await digest()).toBe(before);

    // inactive: takes no new notification
    expect((await send(admin, 'PATCH', `/api/service-orders/work-centers/${centerId}`, { version: version + 1, active: false })).statusCode).toBe(200);
    expect((await send(agent, 'POST', '/api/service-orders', notification({ group: 'SV-REPAIR', code: '0001' }))).json().code).toBe('SERVICE_WORK_CENTER_UNKNOWN');
    expect((await send(admin, 'PATCH', `/api/service-orders/work-centers/${centerId}`, { version: version + 2, active: true })).statusCode).toBe(200);
  });

  it('agents, supervisors, departments and strangers are refused every admin route, with nothing changed', async () => {
    const before = await digest();
    const routes: ['GET' | 'POST' | 'PUT' | 'PATCH', string, unknown?][] = [
      ['GET', '/api/service-orders/admin/catalogs'],
      ['POST', '/api/service-orders/admin/catalogs', { catalog: 'reason', group: 'SV-X', labelZh: '甲', labelEn: 'A' }],
      ['PUT', '/api/service-orders/admin/catalogs/reason/SV-REPAIR', { labelZh: '甲', labelEn: 'A' }],
      ['POST', '/api/service-orders/admin/catalogs/reason/SV-REPAIR/codes', { code: '0099', labelZh: '甲', labelEn: 'A' }],
      ['PATCH', '/api/service-orders/admin/catalogs/reason/SV-REPAIR/codes/0001', { active: false }],
      ['PATCH', `/api/service-orders/work-centers/${centerId}`, { version: 1, name: '甲' }],
      ['POST', '/api/service-orders/work-centers', { code: 'X1', name: '甲' }],
    ];
    for (const [method, url, body] of routes) {
      for (const s of [agent, supervisor, ops]) expect((await send(s, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
      expect((await send(null, method, url, body)).statusCode).toBe(401);
    }
    expect(await digest()).toBe(before);
  });
});

describe('saved views of the list', () => {
  it('are each user’s own: replaced by their owner, not found for anyone else, names unique per user, only known columns', async () => {
    const view = { name: '本周紧急', filters: { urgent: true, systemStatus: ['outstanding'] }, columns: ['number', 'shortText', 'requiredStart'] };
    const mine = await send(agent, 'POST', '/api/service-orders/views', view);
    expect(mine.statusCode, mine.body).toBe(201);
    const other = await send(agent, 'POST', '/api/service-orders/views', { ...view, name: '全部' });
    const theirs = await send(supervisor, 'POST', '/api/service-orders/views', view);
    expect(theirs.statusCode).toBe(201);

    const changed = { name: '本周紧急（我的）', filters: { urgent: true, workCenterId: centerId }, columns: ['number', 'mainWorkCenter', 'responsible'] };
    expect((await send(agent, 'PUT', `/api/service-orders/views/${mine.json().id}`, changed)).statusCode).toBe(200);
    expect(((await send(agent, 'GET', '/api/service-orders/views')).json() as { name: string }[]).map((v) => v.name)).toEqual(['全部', '本周紧急（我的）']);
    expect((await send(agent, 'GET', '/api/service-orders/views')).json()[1]).toMatchObject(changed);

    expect((await send(supervisor, 'PUT', `/api/service-orders/views/${mine.json().id}`, view)).json().code).toBe('SERVICE_ORDER_VIEW_NOT_FOUND');
    expect((await send(agent, 'PUT', `/api/service-orders/views/${other.json().id}`, changed)).json().code).toBe('SERVICE_ORDER_VIEW_NAME_TAKEN');
    expect((await send(agent, 'POST', '/api/service-orders/views', { ...view, name: '坏列', columns: ['number', 'password'] })).statusCode).toBe(400);
    expect((await send(agent, 'POST', '/api/service-orders/views', { ...view, name: '无列', columns: [] })).statusCode).toBe(400);
    expect(((await send(supervisor, 'GET', '/api/service-orders/views')).json() as { name: string }[]).map((v) => v.name)).toEqual(['本周紧急']);
  });
});
