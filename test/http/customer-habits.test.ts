/**
 * Shipping habits, RFM segments and tiers derived by the jobs (docs/product.md §5, issue 17 §2–3):
 * the habits a daily run stores equal the domain's direct computation, a repeated run changes
 * nothing, RFM segments of a small population checked by hand, a tier change on the timeline, and
 * who may record the account manager's packaging requirements and choice factors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { habitsOf, type HabitShipment } from '../../src/domain/customers/habits.js';
import { fromWallClock } from '../../src/domain/time-limits/working-days.js';
import { addDays, HABIT_PERIOD_DAYS, localDate, rebuildCustomerDerived, recomputeSegments, runDailyHabits } from '../../src/modules/customers/derive.js';
import { jobHandlers } from '../../src/jobs/scheduler.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const TZ = 'Asia/Shanghai';
let t: TestApp;
let kam: Session;
let supervisor: Session;
let agent: Session;
let kam2: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  [kam, supervisor, agent, admin] = await Promise.all([t.signIn('kam01'), t.signIn('supervisor01'), t.signIn('agent01'), t.signIn('admin')]);
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

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const send = (session: Session, method: Method, url: string, payload?: object) => t.app.inject({ method, url, headers: session.headers(), ...(payload && { payload }) });

async function customer(body: object): Promise<{ id: string; version: number }> {
  const res = await send(kam, 'POST', '/api/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function view(id: string) {
  const res = await send(kam, 'GET', `/api/customers/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Local noon (or the given hour) `days` local dates before today, as an instant. */
function daysAgo(days: number, hour = 12, now = new Date()): Date {
  return fromWallClock(Date.parse(`${addDays(localDate(now, TZ), -days)}T${String(hour).padStart(2, '0')}:00:00Z`), TZ);
}

let seq = 0;
interface Parcel extends HabitShipment {
  senderPhone?: string | null;
  recipientPhone?: string | null;
  account?: string | null;
}
async function ship(parcels: Parcel[]) {
  await t.database.db
    .insertInto('shipments')
    .values(
      parcels.map((p) => ({
        waybill_no: `HB${String(++seq).padStart(10, '0')}`,
        sender_phone: p.senderPhone ?? null,
        recipient_phone: p.recipientPhone ?? null,
        monthly_account: p.account ?? null,
        picked_up_at: p.sentAt,
        weight_g: p.weightG,
        freight_fen: p.freightFen,
        payment_term: p.paymentTerm,
        product: p.product,
        recipient_province: p.destProvince,
        recipient_city: p.destCity,
      })),
    )
    .execute();
}
const parcel = (sentAt: Date, extra: Partial<Parcel> = {}): Parcel => ({
  sentAt,
  weightG: 1200,
  freightFen: 1000,
  paymentTerm: 'sender_pays',
  product: 'standard',
  destProvince: '440000',
  destCity: '440300',
  ...extra,
});

describe('RFM segments', () => {
  it('five customers, checked by hand: quintile scores 1–5 and their segments', async () => {
    // recency (days), parcels, money (fen) → R F M scored by rank among the five
    const plan = [
      { phone: '13800000001', recency: 1, n: 1, fen: 50_000, want: { r: 5, f: 1, m: 5, segment: 'important_develop' } },
      { phone: '13800000002', recency: 2, n: 5, fen: 40_000, want: { r: 4, f: 5, m: 4, segment: 'important_value' } },
      { phone: '13800000003', recency: 3, n: 4, fen: 10_000, want: { r: 3, f: 4, m: 1, segment: 'general_keep' } },
      { phone: '13800000004', recency: 4, n: 3, fen: 30_000, want: { r: 2, f: 3, m: 3, segment: 'general_win_back' } },
      { phone: '13800000005', recency: 5, n: 2, fen: 20_000, want: { r: 1, f: 2, m: 2, segment: 'general_win_back' } },
    ];
    const ids: string[] = [];
    for (const p of plan) {
      ids.push((await customer({ kind: 'individual', name: `客户${p.phone.slice(-1)}`, phone: p.phone })).id);
      await ship(Array.from({ length: p.n }, (_, i) => parcel(daysAgo(p.recency + i), { senderPhone: p.phone, freightFen: p.fen / p.n })));
    }
    await rebuildCustomerDerived(t.database.db, new Date(), TZ);
    for (const [i, p] of plan.entries()) {
      const { standing } = await view(ids[i]!);
      expect({ phone: p.phone, ...standing.rfm }).toMatchObject({ phone: p.phone, ...p.want, recencyDays: p.recency, frequency: p.n, monetaryFen: p.fen });
    }
    expect((await view(ids[1]!)).standing.rfm.segmentLabel['zh-CN']).toBe('重要价值客户');
  });
});

describe('habits', () => {
  it('after a daily run the customer view shows the habits the domain computes from the same parcels, with the date', async () => {
    const { id } = await customer({
      kind: 'enterprise',
      name: '杭州青禾贸易有限公司',
      phone: '0571-8765 4321',
      contacts: [{ name: '王芳', role: '发货', phones: ['13912345678'] }],
      monthlyAccounts: ['5710000001'],
    });
    const sent: Parcel[] = [
      parcel(daysAgo(1, 9), { account: '5710000001', weightG: 300, freightFen: 1200, paymentTerm: 'monthly' }),
      parcel(daysAgo(1, 9), { account: '5710000001', weightG: 25_000, freightFen: 9800, destProvince: '110000', destCity: '110100', product: 'express' }),
      parcel(daysAgo(1, 16), { senderPhone: '057187654321', weightG: null, freightFen: null, paymentTerm: 'collect' }),
      parcel(daysAgo(1, 23), { senderPhone: '13912345678', weightG: 800, freightFen: 1500, paymentTerm: 'collect', destProvince: '310000', destCity: '310100' }),
    ];
    // Received, not sent: not a habit of the customer. Sent today: tomorrow's run.
    const notCounted = [parcel(daysAgo(1, 10), { recipientPhone: '13912345678' }), parcel(daysAgo(0, 0), { account: '5710000001' })];
    await ship([...sent, ...notCounted]);
    expect((await view(id)).habits).toEqual({ available: false, reason: 'not_computed_yet' });

    const now = new Date();
    const first = await runDailyHabits(t.database.db, now, TZ);
    const yesterday = addDays(localDate(now, TZ), -1);
    expect(first.day).toBe(yesterday);
    const { habits } = await view(id);
    const period = { from: addDays(yesterday, 1 - HABIT_PERIOD_DAYS), to: yesterday };
    expect(habits).toEqual({
      available: true,
      computedAt: now.toISOString(),
      ...period,
      habits: JSON.parse(JSON.stringify(habitsOf(sent, period, TZ))),
      regionNames: { '440000': '广东省', '110000': '北京市', '310000': '上海市', '440300': '广东省深圳市', '110100': '北京市', '310100': '上海市' },
    });
    expect(habits.habits.shipments).toBe(4);
    expect(habits.habits.collectShare).toBe(0.5);

    // Run twice = once: the same rows, the same habits.
    const rows = () => t.database.db.selectFrom('customer_habit_days').select(['customer_id', 'date', 'shipments', 'day']).orderBy('customer_id').orderBy('date').execute();
    const before = await rows();
    await runDailyHabits(t.database.db, now, TZ);
    expect(await rows()).toEqual(before);
    expect((await view(id)).habits).toEqual(habits);
  });
});

describe('the rebuild', () => {
  it('gives the habits the daily run gives, keeps only counts for days before the habit period, and RFM still counts those parcels', async () => {
    const { id } = await customer({ kind: 'individual', name: '林晓', phone: '13700000001', contacts: [{ name: '林晓', role: '本人', phones: ['13700000002'] }] });
    const recent = [
      parcel(daysAgo(1, 8), { senderPhone: '13700000001', freightFen: 1100 }),
      parcel(daysAgo(3, 20), { senderPhone: '13700000002', freightFen: 2300, weightG: 5200, paymentTerm: 'collect', destProvince: '110000', destCity: '110100' }),
    ];
    const old = parcel(daysAgo(HABIT_PERIOD_DAYS + 110, 10), { senderPhone: '13700000001', freightFen: 4000 });
    await ship([...recent, old]);
    const now = new Date();
    const yesterday = addDays(localDate(now, TZ), -1);
    const period = { from: addDays(yesterday, 1 - HABIT_PERIOD_DAYS), to: yesterday };

    await rebuildCustomerDerived(t.database.db, now, TZ);
    const rebuilt = await view(id);
    expect(rebuilt.habits.habits).toEqual(JSON.parse(JSON.stringify(habitsOf(recent, period, TZ))));
    expect(rebuilt.standing.rfm).toMatchObject({ recencyDays: 1, frequency: 3, monetaryFen: 7400 });
    const days = await t.database.db.selectFrom('customer_habit_days').select(['date', 'shipments', 'freight_fen', 'day']).where('customer_id', '=', id).orderBy('date').execute();
    expect(days.map((d) => ({ shipments: d.shipments, fen: Number(d.freight_fen), whole: d.day !== null }))).toEqual([
      { shipments: 1, fen: 4000, whole: false },
      { shipments: 1, fen: 2300, whole: true },
      { shipments: 1, fen: 1100, whole: true },
    ]);

    // The daily run after it finds the same habits; RFM again counts the old parcel.
    await runDailyHabits(t.database.db, now, TZ);
    await recomputeSegments(t.database.db, now, TZ);
    const daily = await view(id);
    expect(daily.habits.habits).toEqual(rebuilt.habits.habits);
    expect(daily.standing.rfm).toMatchObject({ frequency: 3, monetaryFen: 7400 });
  });
});

describe('tiers', () => {
  it('a customer whose last three whole months average ≥ 2,000 yuan becomes a key account, once, with the reason on the timeline', async () => {
    const { id } = await customer({ kind: 'enterprise', name: '苏州恒远精密机械有限公司', monthlyAccounts: ['5120000001'] });
    const now = new Date();
    const month = localDate(now, TZ).slice(0, 7);
    const monthsBack = (k: number) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 - k, 10)).toISOString().slice(0, 10);
    // 2,000 yuan in each of the last three whole months (exactly the threshold), spread over parcels.
    const parcels = [1, 2, 3].flatMap((k) =>
      [0, 1].map((i) => parcel(fromWallClock(Date.parse(`${monthsBack(k)}T1${i}:00:00Z`), TZ), { account: '5120000001', freightFen: 100_000 })),
    );
    await ship(parcels);
    expect((await view(id)).profile.tier).toBe('standard');
    await rebuildCustomerDerived(t.database.db, now, TZ);
    const after = await view(id);
    expect(after.profile.tier).toBe('key');
    const changes = after.timeline.filter((e: { kind: string }) => e.kind === 'tier_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0].detail).toMatchObject({ from: 'standard', to: 'key', reason: { code: 'average_at_or_above', totalFen: 600_000, thresholdFen: 200_000 } });
    expect(after.standing.tier.text['zh-CN']).toContain('达到大客户标准 2,000.00 元');
    // The SLA policies read the tier from the customer record.
    const row = await t.database.db.selectFrom('customers').select('tier').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.tier).toBe('key');

    // Judged again: nothing changed, nothing appended.
    await jobHandlers({ database: t.database, tracking: t.app.tracking, reference: t.app.reference, adapters: new Map(), log: t.app.log }, TZ)['customer-segments']();
    await recomputeSegments(t.database.db, now, TZ);
    expect((await view(id)).timeline.filter((e: { kind: string }) => e.kind === 'tier_changed')).toHaveLength(1);
  });
});

describe('a tier set by hand', () => {
  const pinUrl = (id: string) => `/api/customers/${id}/tier-pin`;
  const unpin = (session: Session, id: string, version: number) => t.app.inject({ method: 'DELETE', url: `${pinUrl(id)}?version=${version}`, headers: session.headers() });
  const kinds = async (id: string) => (await view(id)).timeline.map((e: { kind: string }) => e.kind) as string[];

  it('a supervisor keeps a strategic account 大客户 below the threshold: the recompute leaves it, the view says who and why; unpinned, the rule decides again', async () => {
    const { id } = await customer({ kind: 'enterprise', name: '无锡战略合作电子有限公司', monthlyAccounts: ['5120000099'] });
    const now = new Date();
    const lastMonth = addDays(`${localDate(now, TZ).slice(0, 7)}-01`, -10);
    await ship([parcel(fromWallClock(Date.parse(`${lastMonth}T10:00:00Z`), TZ), { account: '5120000099', freightFen: 10_000 })]);
    await rebuildCustomerDerived(t.database.db, now, TZ);
    const before = await view(id);
    expect(before.profile.tier).toBe('standard');

    const pinned = await send(supervisor, 'PUT', pinUrl(id), { version: before.profile.version, tier: 'key', reason: '年度战略合作协议客户' });
    expect(pinned.statusCode, pinned.body).toBe(200);
    await recomputeSegments(t.database.db, now, TZ);
    const after = await view(id);
    expect(after.profile.tier).toBe('key');
    expect(after.standing.pin).toEqual({ tier: 'key', reason: '年度战略合作协议客户', until: null, pinnedBy: '李建国', pinnedAt: expect.any(String) });
    expect(after.standing.tier).toMatchObject({ reason: { code: 'pinned', tier: 'key' }, text: { 'zh-CN': '人工指定为大客户' } });
    expect(after.timeline[0]).toMatchObject({ kind: 'tier_pinned', actor: '李建国', detail: { from: 'standard', tier: 'key', reason: '年度战略合作协议客户', until: null } });
    expect(await kinds(id)).not.toContain('tier_changed');
    const audits = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('subject_id', '=', id).where('action', 'like', 'customer.tier%').execute();
    expect(audits).toEqual([{ action: 'customer.tier_pin', actor_name: 'supervisor01' }]);

    // Unpinned: the tier stays until the rule's next run, which demotes it with its reason.
    const unpinned = await unpin(supervisor, id, after.profile.version);
    expect(unpinned.statusCode, unpinned.body).toBe(200);
    expect((await view(id)).standing.pin).toBeNull();
    expect((await view(id)).profile.tier).toBe('key');
    await recomputeSegments(t.database.db, now, TZ);
    const later = await view(id);
    expect(later.profile.tier).toBe('standard');
    expect(later.timeline.slice(0, 2).map((e: { kind: string }) => e.kind)).toEqual(['tier_changed', 'tier_unpinned']);
    const actions = (await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).where('action', 'like', 'customer.tier%').execute()).map((a) => a.action);
    expect(actions.sort()).toEqual(['customer.tier_pin', 'customer.tier_unpin']);
  });

  it('a pin with a last day holds through it and ends at the first recompute after, on the timeline', async () => {
    const { id, version } = await customer({ kind: 'enterprise', name: '常州合同期客户有限公司' });
    const now = new Date();
    const until = addDays(localDate(now, TZ), 2);
    expect((await send(supervisor, 'PUT', pinUrl(id), { version, tier: 'key', reason: '合同约定至月底按大客户服务', until })).statusCode).toBe(200);
    await recomputeSegments(t.database.db, new Date(now.getTime() + 2 * 86_400_000), TZ);
    expect((await view(id)).profile.tier).toBe('key');
    expect((await view(id)).standing.pin).toMatchObject({ until });
    await recomputeSegments(t.database.db, new Date(now.getTime() + 3 * 86_400_000), TZ);
    const ended = await view(id);
    expect(ended.standing.pin).toBeNull();
    expect(ended.profile.tier).toBe('standard');
    expect(ended.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['tier_pin_ended', 'tier_changed']));
  });

  it('refuses an account manager (even the account’s own), an agent, no reason, a bad last day, a stale version, an unpin of nothing — and changes nothing', async () => {
    const { id, version } = await customer({ kind: 'enterprise', name: '扬州拒绝测试有限公司' });
    const state = async () => ({
      tier: (await view(id)).profile.tier,
      version: (await view(id)).profile.version,
      pins: await t.database.db.selectFrom('customer_tier_pins').selectAll().where('customer_id', '=', id).execute(),
      audit: (await t.database.db.selectFrom('audit_log').select('id').where('subject_id', '=', id).execute()).length,
      timeline: (await view(id)).timeline.length,
    });
    const before = await state();
    const body = { version, tier: 'key', reason: '战略客户' };
    const today = localDate(new Date(), TZ);
    for (const [who, session, payload, status, code] of [
      ['kam01 (its account manager)', kam, body, 403, 'FORBIDDEN'],
      ['agent01', agent, body, 403, 'FORBIDDEN'],
      ['no reason', supervisor, { ...body, reason: '   ' }, 400, 'CUSTOMER_TIER_PIN_REASON_REQUIRED'],
      ['empty reason', supervisor, { ...body, reason: '' }, 400, 'CUSTOMER_TIER_PIN_REASON_REQUIRED'],
      ['a last day today', supervisor, { ...body, until: today }, 400, 'CUSTOMER_TIER_PIN_UNTIL_INVALID'],
      ['a last day that is no date', supervisor, { ...body, until: '2026-02-30' }, 400, 'CUSTOMER_TIER_PIN_UNTIL_INVALID'],
      ['a tier that is none', supervisor, { ...body, tier: 'gold' }, 400, 'VALIDATION_FAILED'],
      ['another version', supervisor, { ...body, version: version + 1 }, 409, 'CONFLICT_STALE_VERSION'],
    ] as const) {
      const res = await send(session, 'PUT', pinUrl(id), payload);
      expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status, code });
    }
    expect((await unpin(supervisor, id, version)).json().code).toBe('CUSTOMER_TIER_PIN_NOT_FOUND');
    expect((await unpin(kam, id, version)).statusCode).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe('packaging requirements and choice factors', () => {
  it('the account manager records them; another account manager and an agent are refused and nothing changes', async () => {
    const { id, version } = await customer({ kind: 'enterprise', name: '宁波海川水产有限公司' });
    const body = { version, packagingRequirements: '冷链泡沫箱加冰袋，外箱标注“易腐”', choiceFactors: ['safety', 'speed'] };
    for (const [who, session, status] of [
      ['kam02', kam2, 403],
      ['agent01', agent, 403],
    ] as const) {
      const res = await send(session, 'PUT', `/api/customers/${id}/requirements`, body);
      expect({ who, status: res.statusCode }).toEqual({ who, status });
    }
    expect((await view(id)).requirements).toEqual({ packagingRequirements: '', choiceFactors: [] });
    const bad = await send(kam, 'PUT', `/api/customers/${id}/requirements`, { ...body, choiceFactors: ['price', 'price'] });
    expect(bad.statusCode).toBe(400);
    const ok = await send(kam, 'PUT', `/api/customers/${id}/requirements`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await send(supervisor, 'PUT', `/api/customers/${id}/requirements`, { ...body, choiceFactors: ['price'] });
    expect(stale.statusCode).toBe(409);
    const bySupervisor = await send(supervisor, 'PUT', `/api/customers/${id}/requirements`, { ...body, version: ok.json().version, choiceFactors: ['price'] });
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(200);
    expect((await view(id)).requirements).toEqual({ packagingRequirements: body.packagingRequirements, choiceFactors: ['price'] });
  });
});
