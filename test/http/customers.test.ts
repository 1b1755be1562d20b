/**
 * Customers (docs/product.md §5, issue 17 §1, §4): one record per customer with its contacts,
 * addresses (history kept), monthly accounts and timeline; the settlement task when a 月结
 * customer moves; merging duplicates; search; the customer view; masking and the audited reveal;
 * and every refusal of access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let supervisor: Session;
let kam: Session;
let kam2: Session;
let ops: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  [agent, supervisor, kam, ops, admin] = await Promise.all([t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('kam01'), t.signIn('ops01'), t.signIn('admin')]);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin.headers(),
    payload: { username: 'kam02', displayName: '周明', password: 'Spring-Festival-2026', role: 'account_manager' },
  });
  expect(created.statusCode, created.body).toBe(201);
  kam2 = await t.signIn('kam02', 'Spring-Festival-2026');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const send = (session: Session | null, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session?.headers() ?? {}, ...(payload && { payload }) });

const TENCENT = '91440300708461136T';
const HUAWEI = '914403001922038216';

const enterprise = (extra: Record<string, unknown> = {}) => ({
  kind: 'enterprise',
  name: '深圳市云帆电子商务有限公司',
  phone: '0755-8888 6666',
  creditCode: TENCENT,
  industry: '电子商务',
  companyNature: 'private',
  headcount: 320,
  coverageArea: '华南',
  businessStatus: 'operating',
  creditRating: 'AA',
  creditLimitFen: 5_000_000,
  contacts: [
    { name: '林小雨', role: '发货负责人', phones: ['13900001111'], email: 'lin@yunfan.example', wechat: 'linxy88', callbackWindows: [{ from: '09:30', to: '11:30' }] },
  ],
  addresses: [
    { kind: 'pickup', address: '广东省深圳市南山区科技园南区深南大道10000号', contactName: '林小雨', contactPhone: '13900001111' },
    { kind: 'billing', address: '深圳市福田区福华一路88号' },
  ],
  monthlyAccounts: ['7550012345'],
  ...extra,
});

async function create(session: Session, body: object) {
  const res = await send(session, 'POST', '/api/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}
async function view(session: Session, id: string) {
  const res = await send(session, 'GET', `/api/customers/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const count = async (table: 'customers' | 'audit_log' | 'customer_events' | 'customer_tasks') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('one customer, one record', () => {
  it('creates an enterprise with contacts, addresses read to GB/T 2260 and a monthly account; the view shows it masked', async () => {
    const { id } = await create(kam, enterprise());
    const v = await view(agent, id);
    expect(v.profile).toMatchObject({
      name: '深圳市云帆电子商务有限公司', // a company's registered name is not personal data
      kind: 'enterprise',
      phone: '0755-****6666', // a landline keeps its area code (domain/privacy.ts)
      creditCode: TENCENT,
      companyNature: 'private',
      headcount: 320,
      creditRating: 'AA',
      creditLimitFen: 5_000_000,
      monthlySettled: true,
      accountManager: { id: kam.userId, displayName: '陈静' }, // an account manager's new customer is theirs
    });
    expect(v.contacts).toEqual([
      expect.objectContaining({ name: '林**', role: '发货负责人', phones: ['139****1111'], email: 'l**@yunfan.example', wechat: 'l******', callbackWindows: [{ from: '09:30', to: '11:30' }] }),
    ]);
    expect(v.addresses.map((a: { kind: string; region: string; districtCode: string; address: string }) => [a.kind, a.region, a.districtCode, a.address])).toEqual([
      ['pickup', '广东省深圳市南山区', '440305', expect.stringMatching(/\*{4}$/)],
      ['billing', '广东省深圳市福田区', '440304', expect.stringMatching(/\*{4}$/)],
    ]);
    expect(JSON.stringify(v)).not.toContain('深南大道');
    expect(JSON.stringify(v)).not.toContain('13900001111');
    expect(v.monthlyAccounts).toEqual([{ accountNo: '7550012345', openedAt: expect.any(String) }]);
    expect(v.timeline).toEqual([expect.objectContaining({ kind: 'created', actor: '陈静' })]);
    expect(v.claims).toEqual({ available: true, items: [], more: false, totals: { count: 0, claimedFen: 0, approvedFen: 0, settledFen: 0 } });
    // Survey results are not an agent's to read: said so, never an empty list; the account manager reads none sent yet.
    expect(v.surveys).toEqual({ available: false, reason: 'not_permitted' });
    expect((await view(kam, id)).surveys).toEqual({ available: true, items: [] });
    // Habits wait for the nightly job: said so, never zeros.
    expect(v.habits).toEqual({ available: false, reason: 'not_computed_yet' });
    expect(v.standing).toEqual({ pin: null, rfm: null, tier: null });
    // The agent reads but may not change or reveal; the account manager may.
    expect(v.actions).toEqual({ edit: false, reveal: false, merge: false, assign: false, pinTier: false });
    expect((await view(kam, id)).actions).toEqual({ edit: true, reveal: true, merge: false, assign: false, pinTier: false });
  });

  it('refuses a credit code whose check character is wrong with its own code, and writes nothing', async () => {
    const before = await count('customers');
    const res = await send(kam, 'POST', '/api/customers', enterprise({ creditCode: '91440300708461136X', phone: null, monthlyAccounts: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'CUSTOMER_CREDIT_CODE_INVALID', message: expect.stringContaining('GB 32100-2015') });
    const english = await t.app.inject({ method: 'POST', url: '/api/customers', headers: kam.headers({ 'accept-language': 'en-US' }), payload: enterprise({ creditCode: 'ABC', phone: null }) });
    expect(english.json()).toMatchObject({ code: 'CUSTOMER_CREDIT_CODE_INVALID', message: expect.stringContaining('(length)') });
    expect(await count('customers')).toBe(before);
  });

  it.each([
    ['an unknown field', { kind: 'individual', name: '张三', shoeSize: 42 }, 'VALIDATION_FAILED'],
    ['a blank name', { kind: 'individual', name: '   ' }, 'VALIDATION_FAILED'],
    ['a negative credit limit', { kind: 'enterprise', name: '某公司', creditLimitFen: -1 }, 'VALIDATION_FAILED'],
    ['an unknown company nature', { kind: 'enterprise', name: '某公司', companyNature: 'pirate' }, 'VALIDATION_FAILED'],
    ['a callback window that ends before it starts', { kind: 'individual', name: '张三', contacts: [{ name: '张三', callbackWindows: [{ from: '18:00', to: '09:00' }] }] }, 'CUSTOMER_CALLBACK_WINDOW_INVALID'],
    ['an address with no region in it', { kind: 'individual', name: '张三', addresses: [{ kind: 'delivery', address: '幸福小区3栋' }] }, 'CUSTOMER_ADDRESS_REGION_UNKNOWN'],
    ['a region code that does not exist', { kind: 'individual', name: '张三', addresses: [{ kind: 'delivery', address: '某地', provinceCode: '990000' }] }, 'CUSTOMER_ADDRESS_REGION_UNKNOWN'],
  ])('refuses %s (400 %s)', async (_label, body, code) => {
    const before = await count('customers');
    const res = await send(supervisor, 'POST', '/api/customers', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe(code);
    expect(await count('customers')).toBe(before);
  });

  it('refuses a phone, credit code or monthly account another customer holds (409)', async () => {
    await create(supervisor, { kind: 'enterprise', name: '华为样例', creditCode: HUAWEI, phone: '13700007777', monthlyAccounts: ['HW-0001'] });
    const before = await count('customers');
    for (const [body, code] of [
      [{ kind: 'individual', name: '重复电话', phone: '137 0000 7777' }, 'CUSTOMER_PHONE_TAKEN'],
      [{ kind: 'enterprise', name: '重复代码', creditCode: HUAWEI.toLowerCase() }, 'CUSTOMER_CREDIT_CODE_TAKEN'],
      [{ kind: 'enterprise', name: '重复账号', monthlyAccounts: ['hw-0001'] }, 'MONTHLY_ACCOUNT_TAKEN'],
    ] as const) {
      const res = await send(supervisor, 'POST', '/api/customers', body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe(code);
    }
    expect(await count('customers')).toBe(before);
  });

  it('edits the profile at the version read; a stale version is 409; the timeline names the fields, not their values', async () => {
    const { id, version } = await create(kam, { kind: 'enterprise', name: '杭州青禾茶业有限公司' });
    const edited = await send(kam, 'PATCH', `/api/customers/${id}`, { version, industry: '茶叶批发', headcount: 45, creditCode: HUAWEI.slice(0, 17) + '7' });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().code).toBe('CUSTOMER_CREDIT_CODE_INVALID');
    const ok = await send(kam, 'PATCH', `/api/customers/${id}`, { version, industry: '茶叶批发', headcount: 45 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(version + 1);
    const stale = await send(kam, 'PATCH', `/api/customers/${id}`, { version, industry: '茶叶零售' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT_STALE_VERSION');
    const v = await view(kam, id);
    expect(v.profile).toMatchObject({ industry: '茶叶批发', headcount: 45 });
    expect(v.timeline[0]).toMatchObject({ kind: 'edited', detail: { fields: ['industry', 'headcount'] } });
  });
});

describe('addresses: history and the 月结 settlement task', () => {
  it('keeps every version of a changed address, with who and when, and gives the account manager a task to settle the account', async () => {
    const { id, version } = await create(kam, enterprise({ name: '广州禾丰物流有限公司', phone: null, creditCode: null, monthlyAccounts: ['GZ-77001'] }));
    const v = await view(kam, id);
    const billing = v.addresses.find((a: { kind: string }) => a.kind === 'billing');
    const moved = await send(kam, 'PUT', `/api/customers/${id}/addresses/${billing.id}`, {
      version,
      address: { kind: 'billing', address: '广东省广州市天河区珠江新城华夏路30号' },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const after = await view(kam, id);
    const history = after.addresses.find((a: { id: string }) => a.id === billing.id).history;
    expect(history.map((h: { version: number; change: string; region: string; by: string }) => [h.version, h.change, h.region, h.by])).toEqual([
      [2, 'changed', '广东省广州市天河区', '陈静'],
      [1, 'added', '广东省深圳市福田区', '陈静'],
    ]);
    expect(after.timeline[0]).toMatchObject({ kind: 'task_created' });
    expect(after.timeline[1]).toMatchObject({ kind: 'address_changed', detail: { fromRegion: '广东省深圳市福田区', region: '广东省广州市天河区' } });
    expect(after.tasks).toEqual([
      expect.objectContaining({ kind: 'settle_account', status: 'open', assignee: { id: kam.userId, displayName: '陈静' }, detail: expect.objectContaining({ accounts: ['GZ-77001'], kind: 'billing' }) }),
    ]);

    // The task is listed for its assignee and for the supervisors, not for another account manager.
    const mine = (await send(kam, 'GET', '/api/customer-tasks')).json().items;
    expect(mine.map((k: { id: string }) => k.id)).toContain(after.tasks[0].id);
    expect((await send(kam2, 'GET', '/api/customer-tasks')).json().items).toEqual([]);
    expect((await send(supervisor, 'GET', '/api/customer-tasks')).json().items.map((k: { id: string }) => k.id)).toContain(after.tasks[0].id);
    expect((await send(agent, 'GET', '/api/customer-tasks')).statusCode).toBe(403);
    expect((await send(kam2, 'POST', `/api/customer-tasks/${after.tasks[0].id}/complete`, { note: '不是我的' })).statusCode).toBe(404);

    const done = await send(kam, 'POST', `/api/customer-tasks/${after.tasks[0].id}/complete`, { note: '已按旧地址结清 11 月运费' });
    expect(done.statusCode, done.body).toBe(200);
    const again = await send(kam, 'POST', `/api/customer-tasks/${after.tasks[0].id}/complete`, { note: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CUSTOMER_TASK_DONE');
    expect((await send(kam, 'GET', '/api/customer-tasks?status=done')).json().items[0]).toMatchObject({ id: after.tasks[0].id, doneNote: '已按旧地址结清 11 月运费' });
  });

  it('gives the supervisors the task when the customer has no account manager; a delivery address or a customer without 月结 gets none', async () => {
    const { id, version } = await create(supervisor, enterprise({ name: '无人负责的月结客户', phone: null, creditCode: null, contacts: [], monthlyAccounts: ['NOAM-001'] }));
    const v = await view(supervisor, id);
    const pickup = v.addresses.find((a: { kind: string }) => a.kind === 'pickup');
    const res = await send(supervisor, 'PUT', `/api/customers/${id}/addresses/${pickup.id}`, { version, address: { kind: 'pickup', address: '上海市浦东新区张江路100号' } });
    expect(res.statusCode, res.body).toBe(200);
    const tasks = (await view(supervisor, id)).tasks;
    expect(tasks).toEqual([expect.objectContaining({ assignee: null, assigneeRole: 'supervisor' })]);
    expect((await send(kam, 'GET', '/api/customer-tasks')).json().items.map((k: { id: string }) => k.id)).not.toContain(tasks[0].id);

    const tasksBefore = await count('customer_tasks');
    const plain = await create(supervisor, { kind: 'individual', name: '散客王', addresses: [{ kind: 'billing', address: '北京市朝阳区建国路1号' }, { kind: 'delivery', address: '北京市海淀区中关村大街1号' }] });
    const pv = await view(supervisor, plain.id);
    const delivery = pv.addresses.find((a: { kind: string }) => a.kind === 'delivery');
    const billing = pv.addresses.find((a: { kind: string }) => a.kind === 'billing');
    let version2 = plain.version;
    for (const [a, address] of [[billing, '北京市东城区王府井大街1号'], [delivery, '北京市西城区金融街1号']] as const) {
      const r = await send(supervisor, 'PUT', `/api/customers/${plain.id}/addresses/${a.id}`, { version: version2, address: { kind: a.kind, address } });
      expect(r.statusCode, r.body).toBe(200);
      version2 = r.json().version;
    }
    expect(await count('customer_tasks')).toBe(tasksBefore);
  });
});

describe('contacts and removals', () => {
  it('changes and removes a contact, and a removed billing address of a 月结 customer keeps its history and asks for settlement', async () => {
    const { id, version } = await create(kam, enterprise({ name: '厦门海鸥贸易有限公司', phone: null, creditCode: null, monthlyAccounts: ['XM-5001'] }));
    const v = await view(kam, id);
    const contact = v.contacts[0];
    const changed = await send(kam, 'PUT', `/api/customers/${id}/contacts/${contact.id}`, { version, contact: { name: '林小雨', role: '物流主管', phones: ['13900001111', '0592-5551234'] } });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await send(kam, 'DELETE', `/api/customers/${id}/contacts/${contact.id}?version=${version}`);
    expect(stale.statusCode).toBe(409);
    const after = await view(kam, id);
    expect(after.contacts[0]).toMatchObject({ role: '物流主管', phones: ['139****1111', '0592-***1234'] });
    const removed = await send(kam, 'DELETE', `/api/customers/${id}/contacts/${contact.id}?version=${changed.json().version}`);
    expect(removed.statusCode, removed.body).toBe(200);

    const billing = after.addresses.find((a: { kind: string }) => a.kind === 'billing');
    const gone = await send(kam, 'DELETE', `/api/customers/${id}/addresses/${billing.id}?version=${removed.json().version}`);
    expect(gone.statusCode, gone.body).toBe(200);
    const last = await view(kam, id);
    expect(last.contacts).toEqual([]);
    const kept = last.addresses.find((a: { id: string }) => a.id === billing.id);
    expect(kept).toMatchObject({ removed: true });
    expect(kept.history.map((h: { change: string }) => h.change)).toEqual(['removed', 'added']);
    expect(last.tasks).toEqual([expect.objectContaining({ kind: 'settle_account', detail: expect.objectContaining({ accounts: ['XM-5001'], region: null }) })]);
    expect(last.timeline.map((e: { kind: string }) => e.kind).slice(0, 4)).toEqual(['task_created', 'address_removed', 'contact_removed', 'contact_changed']);
  });

  it('lists the account managers to those who name them, and no one else', async () => {
    const res = await send(supervisor, 'GET', '/api/customers/account-managers');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { displayName: string }) => u.displayName)).toEqual(expect.arrayContaining(['陈静', '周明']));
    expect((await send(kam, 'GET', '/api/customers/account-managers')).statusCode).toBe(403);
    expect((await send(agent, 'GET', '/api/customers/account-managers')).statusCode).toBe(403);
  });
});

describe('merging two records of one customer', () => {
  it('re-links tickets, contact records, contacts, addresses, accounts, shipments, surveys, reports and planned callbacks, audits it and shows it on the timeline', async () => {
    const db = t.database.db;
    // The duplicate: made by a ticket for a phone, then given an account, a contact and an address.
    const ticket = await send(agent, 'POST', '/api/tickets', { kind: 'query', channel: 'phone', subject: '查件', customerName: '吴大伟', customerPhone: '13622223333' });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const dupId = (await db.selectFrom('tickets').select('customer_id').where('id', '=', ticket.json().id).executeTakeFirstOrThrow()).customer_id!;
    let dupVersion = (await view(supervisor, dupId)).profile.version;
    for (const [url, body] of [
      [`/api/customers/${dupId}/monthly-accounts`, { accountNo: 'WU-2001' }],
      [`/api/customers/${dupId}/contacts`, { contact: { name: '吴太太', phones: ['13655556666'] } }],
      [`/api/customers/${dupId}/addresses`, { address: { kind: 'delivery', address: '江苏省南京市鼓楼区中山路1号' } }],
    ] as const) {
      const r = await send(supervisor, 'POST', url, { version: dupVersion, ...body });
      expect(r.statusCode, r.body).toBe(200);
      dupVersion = r.json().version;
    }
    const keeper = await create(supervisor, { kind: 'enterprise', name: '南京吴氏贸易有限公司', creditCode: '91110108551385082Q', accountManagerId: kam.userId });
    await db
      .insertInto('shipments')
      .values([
        { waybill_no: 'MERGE0000001', registered: true, monthly_account: 'WU-2001', created_at: new Date(Date.now() - 3_000) },
        { waybill_no: 'MERGE0000002', registered: true, sender_phone: '13622223333', created_at: new Date(Date.now() - 2_000) },
        { waybill_no: 'MERGE0000003', registered: true, recipient_phone: '13655556666', created_at: new Date(Date.now() - 1_000) },
      ])
      .execute();
    // What other parts keep by customer: a survey the duplicate answered, its monthly reports (one
    // for a month the kept customer has too), a planned callback, a habit day.
    const [questionnaire] = await db
      .insertInto('survey_questionnaires')
      .values({ title: '问卷', questions: JSON.stringify([{ id: 'csat', kind: 'csat', required: true, text: { 'zh-CN': '满意吗', 'en-US': 'Satisfied?' } }]) })
      .returning('id')
      .execute();
    const [campaign] = await db
      .insertInto('survey_campaigns')
      .values({ title: '合并前的调查', questionnaire_id: questionnaire!.id, audience: JSON.stringify({ customerIds: [dupId] }), open_days: 30, sent_at: new Date(Date.now() - 5 * 86_400_000), closes_at: new Date(Date.now() + 86_400_000) })
      .returning('id')
      .execute();
    await db
      .insertInto('survey_invitations')
      .values({ campaign_id: campaign!.id, customer_id: dupId, token_hash: 'merge-test-token', tier: 'standard', account_manager_id: null, segment: null, answers: JSON.stringify({ csat: 4 }), answered_at: new Date() })
      .execute();
    const report = (customerId: string, month: string) => ({
      customer_id: customerId,
      month,
      report_no: `YB-${month}-${customerId.slice(0, 4)}`,
      trigger: 'schedule' as const,
      file_stem: `report-${month}`,
      pdf: Buffer.from('%PDF-1.4'),
      xlsx: Buffer.from('PK'),
      summary: JSON.stringify({ shipments: 1 }),
    });
    await db.insertInto('monthly_reports').values([report(dupId, '2026-09'), report(dupId, '2026-10'), report(keeper.id, '2026-10')]).execute();
    await db.insertInto('account_callbacks').values({ customer_id: dupId, due_date: '2026-12-20', due_at: new Date('2026-12-20T02:00:00Z'), cadence: 'monthly' }).execute();
    await db.insertInto('customer_habit_days').values({ customer_id: dupId, date: '2026-11-30', shipments: 2, freight_fen: 2400, day: JSON.stringify({}) }).execute();
    const auditBefore = await count('audit_log');

    // Refusals first: nothing changes.
    expect((await send(kam, 'POST', `/api/customers/${keeper.id}/merge`, { version: keeper.version, otherId: dupId, otherVersion: dupVersion })).statusCode).toBe(403);
    expect((await send(agent, 'POST', `/api/customers/${keeper.id}/merge`, { version: keeper.version, otherId: dupId, otherVersion: dupVersion })).statusCode).toBe(403);
    const self = await send(supervisor, 'POST', `/api/customers/${keeper.id}/merge`, { version: keeper.version, otherId: keeper.id, otherVersion: keeper.version });
    expect(self.json().code).toBe('CUSTOMER_MERGE_INVALID');
    const stale = await send(supervisor, 'POST', `/api/customers/${keeper.id}/merge`, { version: keeper.version, otherId: dupId, otherVersion: dupVersion - 1 });
    expect(stale.json().code).toBe('CONFLICT_STALE_VERSION');
    expect(await count('audit_log')).toBe(auditBefore);

    const merged = await send(supervisor, 'POST', `/api/customers/${keeper.id}/merge`, { version: keeper.version, otherId: dupId, otherVersion: dupVersion, reason: '同一客户' });
    expect(merged.statusCode, merged.body).toBe(200);

    const v = await view(supervisor, keeper.id);
    expect(v.tickets.map((x: { id: string }) => x.id)).toContain(ticket.json().id);
    expect(v.contactRecords.map((x: { ticketId: string }) => x.ticketId)).toContain(ticket.json().id);
    expect(v.monthlyAccounts.map((a: { accountNo: string }) => a.accountNo)).toEqual(['WU-2001']);
    expect(v.contacts.map((c: { phones: string[] }) => c.phones)).toEqual([['136****6666']]);
    expect(v.addresses.map((a: { region: string }) => a.region)).toEqual(['江苏省南京市鼓楼区']);
    expect(v.shipments.items.map((s: { waybillNo: string; linkedBy: string }) => [s.waybillNo, s.linkedBy])).toEqual([
      ['MERGE0000003', 'recipient_phone'],
      ['MERGE0000002', 'sender_phone'],
      ['MERGE0000001', 'account'],
    ]);
    expect(v.timeline[0]).toMatchObject({
      kind: 'merged',
      actor: '李建国',
      detail: {
        mergedId: dupId,
        reason: '同一客户',
        moved: expect.objectContaining({ tickets: 1, accounts: 1, contacts: 1, addresses: 1, surveyInvitations: 1, monthlyReports: 1, plannedCallbacks: 1, habitDays: 1 }),
      },
    });
    // The survey it answered, its reports (both Octobers: the one left on the merged record too) and its planned callback are the kept customer's.
    expect(v.surveys.items).toEqual([expect.objectContaining({ title: '合并前的调查', status: 'answered', scores: [expect.objectContaining({ kind: 'csat', value: 4 })] })]);
    const reports = (await send(supervisor, 'GET', `/api/customers/${keeper.id}/reports`)).json().items as { id: string; month: string }[];
    expect(reports.map((r) => r.month)).toEqual(['2026-10', '2026-10', '2026-09']);
    for (const r of reports) expect((await send(supervisor, 'GET', `/api/customers/${keeper.id}/reports/${r.id}/pdf`)).statusCode).toBe(200);
    expect((await send(supervisor, 'GET', `/api/customers/${keeper.id}/callback-plan`)).json().open).toMatchObject({ dueDate: '2026-12-20' });
    expect(await db.selectFrom('customer_habit_days').select('customer_id').where('date', '=', '2026-11-30').execute()).toEqual([{ customer_id: keeper.id }]);
    // The duplicate's own history comes along.
    expect(v.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['merged', 'account_added', 'contact_added', 'address_added', 'created']));
    expect(v.timeline.map((e: { kind: string }) => e.kind)).not.toContain('merged_into');
    const audit = await db.selectFrom('audit_log').select(['actor_name', 'subject_id', 'detail']).where('action', '=', 'customer.merge').where('subject_id', '=', keeper.id).execute();
    expect(audit).toEqual([{ actor_name: 'supervisor01', subject_id: keeper.id, detail: expect.objectContaining({ mergedIds: [dupId] }) }]);

    // The duplicate's id leads to the survivor; its phone finds the survivor and a new ticket lands on it.
    const old = await view(agent, dupId);
    expect(old.profile.id).toBe(keeper.id);
    expect(old.redirectedFrom).toBe(dupId);
    const found = (await send(agent, 'GET', '/api/customers?q=13622223333')).json().items;
    expect(found.map((c: { id: string }) => c.id)).toEqual([keeper.id]);
    // About a parcel of its own: a contact about the customer's open case would join that case (首问负责制).
    const next = await send(agent, 'POST', '/api/tickets', { kind: 'query', channel: 'phone', subject: '再次查件', customerPhone: '13622223333', waybillNos: ['MERGE0000009'] });
    expect((await db.selectFrom('tickets').select('customer_id').where('id', '=', next.json().id).executeTakeFirstOrThrow()).customer_id).toBe(keeper.id);
    // A merged record is merged once; changes to it are refused as if it were gone.
    const twice = await send(supervisor, 'POST', `/api/customers/${keeper.id}/merge`, { version: v.profile.version, otherId: dupId, otherVersion: dupVersion + 1 });
    expect(twice.json().code).toBe('CUSTOMER_MERGE_INVALID');
    expect((await send(supervisor, 'PATCH', `/api/customers/${dupId}`, { version: dupVersion + 1, note: 'x' })).statusCode).toBe(404);
  });
});

describe('search and the customer view', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await create(kam, enterprise({ name: '成都麻辣香锅餐饮管理有限公司', phone: '13511112222', creditCode: '91330100799655058B', monthlyAccounts: ['CD-3300'], contacts: [{ name: '罗敏', phones: ['18600009999'] }], addresses: [] })));
  });

  it.each([
    ['its full name', '成都麻辣香锅餐饮管理有限公司', 'name'],
    ['the beginning of its name', '成都麻辣', 'name'],
    ['a word inside its name', '香锅', 'name'],
    ['its phone, however typed', '135 1111 2222', 'phone'],
    ["a contact's phone", '18600009999', 'contact_phone'],
    ['its monthly account', 'cd-3300', 'account'],
    ['its credit code', '91330100799655058b', 'credit_code'],
  ])('finds it by %s', async (_label, q, matchedBy) => {
    const res = await send(agent, 'GET', `/api/customers?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    const hit = res.json().items.find((c: { id: string }) => c.id === id);
    expect(hit).toMatchObject({ matchedBy, phone: '135****2222', monthlyAccounts: ['CD-3300'] });
  });

  it('finds nothing by part of a phone (exact only), and lists an account manager their own accounts', async () => {
    expect((await send(agent, 'GET', '/api/customers?q=1351111')).json().items).toEqual([]);
    const mine = (await send(kam, 'GET', '/api/customers?mine=true&pageSize=100')).json().items;
    expect(mine.map((c: { id: string }) => c.id)).toContain(id);
    expect(mine.every((c: { accountManager: { id: string } | null }) => c.accountManager?.id === kam.userId)).toBe(true);
    expect((await send(kam2, 'GET', '/api/customers?mine=true')).json().items).toEqual([]);
  });

  it('pages the shipments newest first by cursor, and lists tickets and callbacks', async () => {
    const base = Date.now() - 100_000;
    await t.database.db
      .insertInto('shipments')
      .values(Array.from({ length: 25 }, (_, i) => ({ waybill_no: `CDPAGE${String(i).padStart(6, '0')}`, registered: true, monthly_account: 'CD-3300', created_at: new Date(base + i * 1000) })))
      .execute();
    const v = await view(agent, id);
    expect(v.shipments.items).toHaveLength(20);
    expect(v.shipments.items[0].waybillNo).toBe('CDPAGE000024');
    const next = await send(agent, 'GET', `/api/customers/${id}/shipments?before=${encodeURIComponent(v.shipments.nextCursor)}`);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().items.map((s: { waybillNo: string }) => s.waybillNo)).toEqual(['CDPAGE000004', 'CDPAGE000003', 'CDPAGE000002', 'CDPAGE000001', 'CDPAGE000000']);
    expect(next.json().nextCursor).toBeNull();
    expect((await send(agent, 'GET', `/api/customers/${id}/shipments?before=yesterday`)).statusCode).toBe(400);

    // A complaint for the customer's phone, resolved: its callback shows on the customer view.
    const opened = await send(agent, 'POST', '/api/tickets', { kind: 'complaint', channel: 'phone', subject: '快件破损投诉', customerPhone: '13511112222' });
    const resolved = await send(agent, 'POST', `/api/tickets/${opened.json().id}/resolve`, { causeCode: 'courier', reply: '已为您登记赔偿，感谢您的耐心。', version: opened.json().version });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const after = await view(agent, id);
    expect(after.tickets[0]).toMatchObject({ id: opened.json().id, kind: 'complaint', status: 'resolved' });
    expect(after.callbacks[0]).toMatchObject({ ticketId: opened.json().id, outcome: null });
  });

  it("puts a ticket opened for a contact's phone on the customer, not on a new record", async () => {
    const before = await count('customers');
    const opened = await send(agent, 'POST', '/api/tickets', { kind: 'query', channel: 'phone', subject: '罗敏来电查件', customerName: '罗敏', customerPhone: '186 0000 9999' });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(await count('customers')).toBe(before);
    expect((await view(agent, id)).tickets.map((x: { id: string }) => x.id)).toContain(opened.json().id);
  });

  it('hides a confidential ticket of another team from the view, as every ticket list does', async () => {
    // About a parcel of its own: beside the customer's open complaint it would be offered as a linked ticket (首问负责制).
    const secret = await send(kam, 'POST', '/api/tickets', { kind: 'complaint', channel: 'phone', subject: '机密投诉', customerPhone: '13511112222', confidential: true, waybillNos: ['SECRET000001'] });
    expect(secret.statusCode, secret.body).toBe(201);
    expect((await view(agent, id)).tickets.map((x: { id: string }) => x.id)).not.toContain(secret.json().id);
    expect((await view(supervisor, id)).tickets.map((x: { id: string }) => x.id)).toContain(secret.json().id);
  });
});

describe('masking, the audited reveal and every refusal', () => {
  let id: string;
  let version: number;
  beforeAll(async () => {
    ({ id, version } = await create(kam, { kind: 'individual', name: '欧阳娜娜', phone: '13812345678', contacts: [{ name: '欧阳娜娜', phones: ['13812345678'], email: 'nana@example.com' }], addresses: [{ kind: 'delivery', address: '浙江省杭州市西湖区文三路90号' }] }));
  });

  it("shows a person's name and data masked to everyone who reads the customer", async () => {
    for (const session of [agent, kam, supervisor]) {
      const v = await view(session, id);
      expect(v.profile).toMatchObject({ name: '欧阳**', phone: '138****5678' }); // 复姓 kept whole (domain/privacy.ts)
      expect(v.addresses[0].address).toBe('浙江省杭州市西湖区****');
      expect(JSON.stringify(v)).not.toMatch(/欧阳娜娜|13812345678|文三路|nana@/);
    }
    const list = (await send(agent, 'GET', '/api/customers?q=13812345678')).json().items;
    expect(list).toEqual([expect.objectContaining({ id, name: '欧阳**', phone: '138****5678', matchedBy: 'phone' })]);
  });

  it('reveals to the account manager of the account and to supervisors, each reveal audited; the agent and another account manager are refused and nothing is recorded', async () => {
    const audits = async () =>
      t.database.db.selectFrom('audit_log').select(['actor_name', 'detail']).where('action', '=', 'customer.reveal').where('subject_id', '=', id).execute();
    for (const session of [agent, kam2]) {
      const res = await send(session, 'POST', `/api/customers/${id}/reveal`);
      expect(res.statusCode, res.body).toBe(403);
    }
    expect(await audits()).toEqual([]);
    const own = await send(kam, 'POST', `/api/customers/${id}/reveal`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ name: '欧阳娜娜', phone: '13812345678', contacts: [expect.objectContaining({ email: 'nana@example.com' })], addresses: [expect.objectContaining({ address: '浙江省杭州市西湖区文三路90号' })] });
    expect((await send(supervisor, 'POST', `/api/customers/${id}/reveal`)).statusCode).toBe(200);
    expect(await audits()).toEqual([
      { actor_name: 'kam01', detail: { ground: 'account_manager' } },
      { actor_name: 'supervisor01', detail: { ground: 'role' } },
    ]);
  });

  it('refuses whoever may not, before anything changes', async () => {
    const eventsBefore = await count('customer_events');
    const cases: [Session | null, Method, string, object | undefined, number][] = [
      [null, 'GET', '/api/customers', undefined, 401],
      [null, 'GET', `/api/customers/${id}`, undefined, 401],
      [ops, 'GET', '/api/customers', undefined, 403], // departments do not read customers
      [ops, 'GET', `/api/customers/${id}`, undefined, 403],
      [agent, 'POST', '/api/customers', { kind: 'individual', name: '张三' }, 403], // agents read only
      [agent, 'PATCH', `/api/customers/${id}`, { version, note: '改' }, 403],
      [agent, 'POST', `/api/customers/${id}/contacts`, { version, contact: { name: '李四' } }, 403],
      [kam2, 'PATCH', `/api/customers/${id}`, { version, note: '改' }, 403], // another manager's account
      [kam2, 'POST', `/api/customers/${id}/addresses`, { version, address: { kind: 'delivery', address: '北京市朝阳区建国路1号' } }, 403],
      [kam2, 'POST', `/api/customers/${id}/monthly-accounts`, { version, accountNo: 'KAM2-0001' }, 403],
      [kam, 'PATCH', `/api/customers/${id}`, { version, accountManagerId: kam2.userId }, 403], // handing an account on is a manager's call
      [kam, 'POST', '/api/customers', { kind: 'individual', name: '张三', accountManagerId: kam2.userId }, 403],
      [kam, 'POST', `/api/customers/${id}/merge`, { version, otherId: id, otherVersion: version }, 403],
      [agent, 'GET', '/api/customers/00000000-0000-4000-8000-000000000000', undefined, 404],
      [supervisor, 'PATCH', '/api/customers/00000000-0000-4000-8000-000000000000', { version: 1, note: 'x' }, 404],
      [kam, 'PUT', `/api/customers/${id}/contacts/00000000-0000-4000-8000-000000000000`, { version, contact: { name: '李四' } }, 404],
      [kam, 'DELETE', `/api/customers/${id}/addresses/00000000-0000-4000-8000-000000000000?version=${version}`, undefined, 404],
      [supervisor, 'PATCH', `/api/customers/${id}`, { version, accountManagerId: agent.userId }, 400], // not an account manager
    ];
    for (const [session, method, url, body, status] of cases) {
      const res = await send(session, method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    }
    expect(await count('customer_events')).toBe(eventsBefore);
    // A supervisor hands the account to kam02, who may then keep it and kam01 no longer.
    const moved = await send(supervisor, 'PATCH', `/api/customers/${id}`, { version, accountManagerId: kam2.userId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await view(kam2, id)).actions.edit).toBe(true);
    expect((await view(kam, id)).actions.edit).toBe(false);
    expect((await view(supervisor, id)).timeline[0]).toMatchObject({ kind: 'account_manager_changed', detail: { from: kam.userId, to: kam2.userId } });
  });
});
