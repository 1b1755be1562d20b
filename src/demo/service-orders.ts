/**
 * The demo company's after-sales desk, so the service notifications are not empty on first start:
 * three work centers (a service centre with ops01 as its field engineer, the regional complaint
 * desk, and a centre with its own hours), and notifications of both types at different points of
 * their flow — written through the module's use cases as the demo people (agent01 records, ops01
 * surveys, supervisor01 approves), a dozen small transactions. Runs once, after the key accounts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Role } from '../domain/roles.js';
import { addWorkingDays, fromWallClock, wallClock } from '../domain/time-limits/working-days.js';
import type { ReferenceData } from '../modules/reference/cache.js';
import { createNotification, createWorkCenter, moveStatus, type CreateInput, type MoveInput, type ServiceOrderDeps } from '../modules/service-orders/service.js';
import type { UserActor } from '../modules/tickets/service.js';

const DEMO_CUSTOMERS = ['南京嘉禾家居用品有限公司', '上海云帆电子商务有限公司'];

export async function seedDemoServiceOrders(db: Kysely<DB>, reference: ReferenceData, timeZone: string, now = new Date()): Promise<{ workCenters: number; notifications: number }> {
  const deps: ServiceOrderDeps = { db, reference, timeZone };
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', 'in', ['admin', 'agent01', 'ops01', 'supervisor01']).execute();
  const as = (username: string): UserActor => {
    const u = users.find((x) => x.username === username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, departmentId: u.department_id, sessionId: 'demo-seed' };
  };
  const departments = await db.selectFrom('departments').select(['id', 'code']).execute();
  const dept = (code: string) => departments.find((d) => d.code === code)?.id ?? null;

  const admin = as('admin');
  const ops = as('ops01');
  const centre = await createWorkCenter(deps, admin, { code: 'S4002', name: '上海浦东服务中心', departmentId: dept('OPS'), staffIds: [ops.id] });
  const complaints = await createWorkCenter(deps, admin, { code: 'F011', name: '区物流客诉组', departmentId: dept('OPS') });
  await createWorkCenter(deps, admin, { code: 'S4003', name: '杭州服务中心', workingHours: [{ start: '08:30', end: '17:30' }] });

  // the demo key accounts when they exist; otherwise two customers of its own
  const found = await db.selectFrom('customers').select(['id', 'name']).where('name', 'in', DEMO_CUSTOMERS).where('merged_into_id', 'is', null).execute();
  const ids = found.length >= 2 ? found.map((c) => c.id) : await Promise.all(DEMO_CUSTOMERS.map(async (name) => (await db.insertInto('customers').values({ name, phone: null, kind: 'enterprise' }).returning('id').executeTakeFirstOrThrow()).id));
  const [buyer, shop] = ids as [string, string];

  const calendar = await reference.calendar(db);
  // A visit is booked inside working hours: the working day n days on, at the hour given (company zone).
  const day = (n: number, hour = 10) => {
    const date = new Date(wallClock(addWorkingDays(now, n, calendar), calendar.timeZone)).toISOString().slice(0, 10);
    return fromWallClock(Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`), calendar.timeZone).toISOString();
  };
  // The service address: the customer's pickup address (the demo key accounts have one), else none.
  const addresses = await db.selectFrom('customer_addresses').select(['id', 'customer_id']).where('customer_id', 'in', [buyer, shop]).where('kind', '=', 'pickup').execute();
  const at = (customerId: string) => addresses.find((a) => a.customer_id === customerId)?.id ?? null;
  const base = { soldToId: buyer, shipToId: buyer, serviceAddressId: at(buyer), reporterName: '王晓敏', mainWorkCenterId: centre.id, salesOrg: 'F011', distributionChannel: '10', division: '02', salesOffice: '4002' };
  const agent = as('agent01');
  const supervisor = as('supervisor01');
  const notifications: { input: CreateInput; moves: [UserActor, Omit<MoveInput, 'version'>][] }[] = [
    {
      input: { ...base, type: 'Z1', shortText: '活动柜锁坏', longText: '活动柜被反锁，抽屉打不开。', requiredStart: day(1), originalDocumentNo: '30000075', items: [{ productType: '06', colourCode: 'A', material: '100056', quantity: 1, reason: { group: 'SV-REPAIR', code: '0001' } }] },
      moves: [],
    },
    {
      input: { ...base, type: 'Z1', shortText: '沙发五金件松动', requiredStart: day(0, 14), items: [{ material: '200311', quantity: 2, reason: { group: 'SV-REPAIR', code: '0002' }, reasonText: 'OEM 厂商：华美五金' }] },
      moves: [
        [ops, { action: 'set_status', status: 'KCJS', note: '勘察结束：铰链需更换，向总部询价' }],
        [supervisor, { action: 'set_status', status: 'ZGPZ' }],
      ],
    },
    {
      input: { ...base, soldToId: shop, shipToId: shop, serviceAddressId: at(shop), type: 'Z1', urgent: true, shortText: '衣柜门无法开启', requiredStart: day(0, 9), items: [{ material: '300120', quantity: 1, reason: { group: 'SV-REPAIR', code: '0004' }, damage: { group: 'DM-FUNC', code: '0001' } }] },
      moves: [],
    },
    {
      input: { ...base, type: 'Z2', shortText: '到货少件', mainWorkCenterId: complaints.id, requiredStart: day(0), originalDocumentNo: '80001234', items: [{ material: '100056', quantity: 1, reason: { group: 'DX-DELIV', code: '0001' } }] },
      moves: [
        [ops, { action: 'set_status', status: 'HFYY', note: '已回复营业：补发配件' }],
        [agent, { action: 'set_status', status: 'DDKH' }],
      ],
    },
    {
      input: { ...base, soldToId: shop, shipToId: shop, serviceAddressId: at(shop), type: 'Z2', shortText: '运输破损退回', mainWorkCenterId: complaints.id, requiredStart: day(0, 15), items: [{ material: '400010', quantity: 1, reason: { group: 'DX-DELIV', code: '0003' }, damage: { group: 'DM-SURF', code: '0003' } }] },
      moves: [
        [ops, { action: 'set_status', status: 'HFYY' }],
        [ops, { action: 'set_status', status: 'THCS', note: '货物已退回厂商' }],
        [ops, { action: 'complete', cause: { group: 'CS-DONE', code: '0004' } }],
      ],
    },
  ];
  for (const n of notifications) {
    const created = await createNotification(deps, agent, n.input);
    let version = created.version;
    for (const [who, move] of n.moves) version = (await moveStatus(deps, who, created.id, { ...move, version })).version;
  }
  return { workCenters: 3, notifications: notifications.length };
}
