/**
 * The account managers' desk (docs/product.md §5): my accounts with health numbers checked by hand,
 * the attention order, assigning and reassigning accounts (with every refusal), planned callbacks
 * (回访) — the idempotent job, an outcome planning the next by the rule — and the overdue ones on
 * the supervisors' board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalMonths } from '../../src/domain/customers/callback-plan.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let supervisor: Session;
let kam: Session;
let kam2: Session;
let admin: Session;
const DAY = 86_400_000;
const ids = { a: '', b: '', c: '' };

const send = (session: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers(), ...(payload && { payload }) });
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
const today = () => localDate(Date.now());

async function keyAccount(name: string, creditCode: string, accountNo: string, ageDays: number) {
  const res = await send(supervisor, 'POST', '/api/customers', {
    kind: 'enterprise',
    name,
    creditCode,
    accountManagerId: kam.userId,
    monthlyAccounts: [accountNo],
    contacts: [{ name: '联系人', phones: ['139' + accountNo.slice(-8).padStart(8, '0')], callbackWindows: [{ from: '14:00', to: '16:00' }] }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await t.database.db.updateTable('customers').set({ tier: 'key', created_at: new Date(Date.now() - ageDays * DAY) } as never).where('id', '=', id).execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  [agent, supervisor, kam, admin] = await Promise.all([t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('kam01'), t.signIn('admin')]);
  const created = await send(admin, 'POST', '/api/users', { username: 'kam02', displayName: '周明', password: 'Spring-Festival-2026', role: 'account_manager' });
  expect(created.statusCode, created.body).toBe(201);
  kam2 = await t.signIn('kam02', 'Spring-Festival-2026');
  ids.a = await keyAccount('上海甲物流有限公司', '91110108551385082Q', 'KA00000001', 400);
  ids.b = await keyAccount('上海乙电子商务有限公司', '91440300708461136T', 'KA00000002', 20);
  ids.c = await keyAccount('上海丙贸易有限公司', '914403001922038216', 'KA00000003', 100);
  const db = t.database.db;
  const now = Date.now();
  // A: 40 parcels in the last 30 days, 20 delivered with a promise, 18 on time; the 30 days before, 20 of 20 on time; 10 more parcels 60–90 days ago.
  const rows = [];
  for (let i = 0; i < 40; i++) {
    const created = new Date(now - (i % 25) * DAY - 3 * 3600_000);
    const delivered = i < 20 ? new Date(created.getTime() + DAY) : null;
    const promised = i < 20 ? new Date(created.getTime() + (i < 18 ? 2 * DAY : DAY / 2)) : null;
    rows.push({ waybill_no: `KAD${String(i).padStart(9, '0')}`, registered: true, monthly_account: 'KA00000001', created_at: created, delivered_at: delivered, promised_at: promised });
  }
  for (let i = 0; i < 20; i++) {
    const created = new Date(now - (35 + (i % 20)) * DAY);
    rows.push({ waybill_no: `KAP${String(i).padStart(9, '0')}`, registered: true, monthly_account: 'KA00000001', created_at: created, delivered_at: new Date(created.getTime() + DAY), promised_at: new Date(created.getTime() + 2 * DAY) });
  }
  for (let i = 0; i < 10; i++) rows.push({ waybill_no: `KAO${String(i).padStart(9, '0')}`, registered: true, monthly_account: 'KA00000001', created_at: new Date(now - 70 * DAY) });
  await db.insertInto('shipments').values(rows).execute();
  // A: two complaints in the last 30 days (one still open), one 60 days ago, and an open query.
  await db
    .insertInto('tickets')
    .values([
      { kind: 'complaint', subject: '延误投诉', channel: 'phone', customer_id: ids.a, status: 'open', created_at: new Date(now - 2 * DAY) },
      { kind: 'complaint', subject: '破损投诉', channel: 'phone', customer_id: ids.a, status: 'closed', created_at: new Date(now - 10 * DAY) },
      { kind: 'complaint', subject: '旧投诉', channel: 'phone', customer_id: ids.a, status: 'closed', created_at: new Date(now - 60 * DAY) },
      { kind: 'query', subject: '查询', channel: 'phone', customer_id: ids.a, status: 'new', created_at: new Date(now - 70 * DAY) },
    ] as never)
    .execute();
  // C: a planned callback 5 days overdue.
  const due = localDate(now - 5 * DAY);
  await db.insertInto('account_callbacks').values({ customer_id: ids.c, due_date: due, due_at: new Date(`${due}T06:00:00Z`), cadence: 'monthly' }).execute();
});
afterAll(() => t.close());

describe('my accounts', () => {
  it("shows an account's health as counted by hand", async () => {
    const res = await send(kam, 'GET', '/api/account-desk/accounts');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json().items.find((i: { id: string }) => i.id === ids.a);
    expect(a).toMatchObject({
      parcels30: 40,
      parcels90: 70,
      complaints30: 2,
      complaints90: 3,
      complaintsPer1000_30: 50, // 2 × 1000 / 40
      complaintsPer1000_90: 42.9, // 3 × 1000 / 70
      delivered30: 20,
      onTimeRate30: 0.9, // 18 of 20
      deliveredPrev30: 20,
      onTimeRatePrev30: 1,
      openTickets: 2,
      openComplaints: 1,
      daysSinceContact: expect.any(Number),
    });
    expect(Date.parse(a.lastContactAt)).toBeGreaterThan(Date.now() - 3 * DAY);
    // 100 (open complaint) + 50 (10 points fallen × 5) + 50 (per 1,000) = 200, no callback yet.
    expect(a.score).toBe(200);
  });

  it('puts the overdue callback first, then the open complaints', async () => {
    const items = (await send(kam, 'GET', '/api/account-desk/accounts')).json().items as { id: string; daysOverdue: number | null }[];
    expect(items.map((i) => i.id)).toEqual([ids.c, ids.a, ids.b]);
    expect(items[0]!.daysOverdue).toBe(5);
  });

  it('refuses the desk to an agent; another account manager sees none of these', async () => {
    expect((await send(agent, 'GET', '/api/account-desk/accounts')).statusCode).toBe(403);
    expect((await send(kam2, 'GET', '/api/account-desk/accounts')).json().items).toEqual([]);
  });

  it('counts the parcels linked by phone — the customer’s own and a contact’s, sent or received — not only the monthly account’s', async () => {
    const created = await send(supervisor, 'POST', '/api/customers', {
      kind: 'enterprise',
      name: '上海丁商贸有限公司',
      phone: '13812340001',
      contacts: [{ name: '丁联系人', phones: ['13812340002'] }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const now = Date.now();
    const parcel = (n: number, p: { sender?: string; recipient?: string; daysAgo: number; onTime?: boolean | null }) => {
      const createdAt = new Date(now - p.daysAgo * DAY);
      const delivered = p.onTime === undefined || p.onTime === null ? null : new Date(createdAt.getTime() + DAY);
      return {
        waybill_no: `PHD${String(n).padStart(9, '0')}`,
        registered: true,
        sender_phone: p.sender ?? null,
        recipient_phone: p.recipient ?? null,
        created_at: createdAt,
        delivered_at: delivered,
        promised_at: delivered ? new Date(createdAt.getTime() + (p.onTime ? 2 * DAY : DAY / 2)) : null,
      };
    };
    const rows = [
      // Sent from the customer's own phone in the last 30 days: 6 delivered with a promise, 5 on time.
      ...[0, 1, 2, 3, 4, 5].map((i) => parcel(i, { sender: '13812340001', daysAgo: 2 + i, onTime: i !== 0 })),
      // Received by the contact: 4 delivered on time.
      ...[6, 7, 8, 9].map((i) => parcel(i, { recipient: '13812340002', daysAgo: 3 + i, onTime: true })),
      // Sent by the customer to its contact: one parcel, counted once, not delivered yet.
      parcel(10, { sender: '13812340001', recipient: '13812340002', daysAgo: 1 }),
      // 45 days ago: in the 90 days only.
      parcel(11, { sender: '13812340001', daysAgo: 45 }),
      parcel(12, { sender: '13812340001', daysAgo: 46 }),
      // Someone else's.
      parcel(13, { sender: '13899999999', recipient: '13899999998', daysAgo: 2, onTime: false }),
    ];
    await t.database.db.insertInto('shipments').values(rows).execute();
    await t.database.db.insertInto('tickets').values({ kind: 'complaint', subject: '延误投诉', channel: 'phone', customer_id: id, status: 'closed', created_at: new Date(now - 5 * DAY) } as never).execute();

    const res = await send(supervisor, 'GET', '/api/account-desk/accounts?unassigned=true');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().items.find((i: { id: string }) => i.id === id);
    expect(d).toMatchObject({
      parcels30: 11,
      parcels90: 13,
      complaints30: 1,
      complaintsPer1000_30: 90.9, // 1 × 1000 / 11
      complaintsPer1000_90: 76.9, // 1 × 1000 / 13
      delivered30: 10,
      onTimeRate30: 0.9, // 9 of 10
    });
  });
});

describe('planned callbacks', () => {
  it('the job plans one per key account without an open one, by the rule, and again plans nothing', async () => {
    const first = await send(supervisor, 'POST', '/api/account-callbacks/plan');
    expect(first.json()).toEqual({ planned: 2 });
    expect((await send(supervisor, 'POST', '/api/account-callbacks/plan')).json()).toEqual({ planned: 0 });
    const b = (await send(kam, 'GET', `/api/customers/${ids.b}/callback-plan`)).json();
    // B became a key account 20 days ago: the first callback a month after that day.
    const start = localDate(Date.parse(b.relationshipStart));
    expect(b.open).toMatchObject({ dueDate: addLocalMonths(start, 1), cadence: 'monthly', status: 'open' });
    expect(b.mayLog).toBe(true);
    // Inside the contact's window 14:00–16:00 (Beijing time, UTC+8).
    expect(new Date(b.open.dueAt).getUTCHours()).toBeGreaterThanOrEqual(6);
    expect(new Date(b.open.dueAt).getUTCHours()).toBeLessThan(8);
    const a = (await send(kam, 'GET', `/api/customers/${ids.a}/callback-plan`)).json();
    expect(a.open.cadence).toBe('quarterly'); // past the first year
    expect(a.open.dueDate >= today()).toBe(true); // none owed from before it was planned
  });

  it('lists the due ones for the account manager', async () => {
    const res = await send(kam, 'GET', '/api/account-callbacks?days=40');
    expect(res.statusCode, res.body).toBe(200);
    const customers = res.json().items.map((i: { customerId: string }) => i.customerId);
    expect(customers).toContain(ids.b);
    expect(customers).toContain(ids.c);
    expect((await send(kam2, 'GET', '/api/account-callbacks?days=40')).json().items).toEqual([]);
  });

  it('another account manager reads the plan (access lets every desk person read) but cannot log an outcome', async () => {
    const plan = await send(kam2, 'GET', `/api/customers/${ids.b}/callback-plan`);
    expect(plan.statusCode).toBe(200);
    expect(plan.json().mayLog).toBe(false);
    const res = await send(kam2, 'POST', `/api/account-callbacks/${plan.json().open.id}/outcome`, { outcome: 'reached' });
    expect(res.statusCode).toBe(403);
    expect((await send(kam, 'GET', `/api/customers/${ids.b}/callback-plan`)).json().history).toEqual([]);
  });

  it('logging "reached" plans the next a month on in the first year; logging twice is refused', async () => {
    const open = (await send(kam, 'GET', `/api/customers/${ids.b}/callback-plan`)).json().open;
    const bad = await send(kam, 'POST', `/api/account-callbacks/${open.id}/outcome`, { outcome: 'rescheduled', rescheduleTo: '2020-01-01' });
    expect(bad.json().code).toBe('ACCOUNT_CALLBACK_DATE_INVALID');
    const res = await send(kam, 'POST', `/api/account-callbacks/${open.id}/outcome`, { outcome: 'reached', satisfaction: 5, note: '发货量稳定，希望增加晚间揽收' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().next).toMatchObject({ dueDate: addLocalMonths(today(), 1), cadence: 'monthly' });
    const again = await send(kam, 'POST', `/api/account-callbacks/${open.id}/outcome`, { outcome: 'reached' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ACCOUNT_CALLBACK_DONE');
    const plan = (await send(kam, 'GET', `/api/customers/${ids.b}/callback-plan`)).json();
    expect(plan.history).toHaveLength(1);
    expect(plan.history[0]).toMatchObject({ outcome: 'reached', satisfaction: 5 });
    expect(plan.open.id).toBe(res.json().next.id);
    const view = (await send(kam, 'GET', `/api/customers/${ids.b}`)).json();
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toContain('planned_callback_logged');
  });

  it('past the first year a reached callback plans the next a quarter on; not reached plans a retry the next business day', async () => {
    const a = (await send(kam, 'GET', `/api/customers/${ids.a}/callback-plan`)).json().open;
    const reached = await send(kam, 'POST', `/api/account-callbacks/${a.id}/outcome`, { outcome: 'reached' });
    expect(reached.json().next).toMatchObject({ dueDate: addLocalMonths(today(), 3), cadence: 'quarterly' });
    const c = (await send(kam, 'GET', `/api/customers/${ids.c}/callback-plan`)).json().open;
    const missed = await send(kam, 'POST', `/api/account-callbacks/${c.id}/outcome`, { outcome: 'not_reached' });
    expect(missed.statusCode, missed.body).toBe(200);
    expect(missed.json().next.cadence).toBe('retry');
    expect(missed.json().next.dueDate > today()).toBe(true);
  });
});

describe('the overdue ones on the board', () => {
  it('lists overdue planned callbacks with account manager and days overdue, for supervisors only', async () => {
    const db = t.database.db;
    const due = localDate(Date.now() - 3 * DAY);
    await db.updateTable('account_callbacks').set({ due_date: due, due_at: new Date(`${due}T06:00:00Z`) }).where('customer_id', '=', ids.b).where('status', '=', 'open').execute();
    const res = await send(supervisor, 'GET', '/api/account-callbacks/overdue');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json().items.find((i: { customerId: string }) => i.customerId === ids.b);
    expect(b).toMatchObject({ customerName: '上海乙电子商务有限公司', daysOverdue: 3, accountManager: { displayName: '陈静' } });
    expect((await send(kam, 'GET', '/api/account-callbacks/overdue')).statusCode).toBe(403);
  });
});

describe('assigning accounts', () => {
  it('an account manager cannot reassign; a non-manager target is refused and nothing changes', async () => {
    const refused = await send(kam, 'POST', '/api/account-desk/assign', { customerIds: [ids.a], accountManagerId: kam2.userId });
    expect(refused.statusCode).toBe(403);
    const bad = await send(supervisor, 'POST', '/api/account-desk/assign', { customerIds: [ids.a, ids.b], accountManagerId: agent.userId });
    expect(bad.json().code).toBe('CUSTOMER_ACCOUNT_MANAGER_INVALID');
    const missing = await send(supervisor, 'POST', '/api/account-desk/assign', { customerIds: [ids.a, '00000000-0000-4000-8000-000000000000'], accountManagerId: kam2.userId });
    expect(missing.statusCode).toBe(404);
    expect((await send(kam, 'GET', '/api/account-desk/accounts')).json().items).toHaveLength(3);
  });

  it('a supervisor reassigns two accounts at once: on their timelines, audited, on the new desk', async () => {
    const res = await send(supervisor, 'POST', '/api/account-desk/assign', { customerIds: [ids.a, ids.b, ids.a], accountManagerId: kam2.userId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ changed: 2, unchanged: 0 });
    expect((await send(kam2, 'GET', '/api/account-desk/accounts')).json().items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a, ids.b].sort());
    expect((await send(kam, 'GET', '/api/account-desk/accounts')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.c]);
    const view = (await send(supervisor, 'GET', `/api/customers/${ids.a}`)).json();
    const entry = view.timeline.find((e: { kind: string }) => e.kind === 'account_manager_changed');
    expect(entry).toBeTruthy();
    const audits = await t.database.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'customer.reassign').execute();
    expect(audits.map((r) => r.subject_id).sort()).toEqual([ids.a, ids.b].sort());
    // Now kam02 logs B's callback, kam01 may not.
    const open = (await send(kam2, 'GET', `/api/customers/${ids.b}/callback-plan`)).json().open;
    expect((await send(kam, 'POST', `/api/account-callbacks/${open.id}/outcome`, { outcome: 'reached' })).statusCode).toBe(403);
    // Managers see every assigned account.
    expect((await send(supervisor, 'GET', `/api/account-desk/accounts?accountManagerId=${kam2.userId}`)).json().total).toBe(2);
  });
});
