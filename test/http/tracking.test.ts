/**
 * Shipments and tracking through the HTTP API on a real database: registration, the scanner batch
 * (idempotent, out of order, partial rejection), time limits and exceptions, the clock, the
 * outbox, staff search with masking, the audited reveal, public tracking and the policy history.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobHandlers } from '../../src/jobs/scheduler.js';
import { runTrackingClock } from '../../src/modules/tracking/clock.js';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { dispatchNotifications } from '../../src/modules/notifications/dispatch.js';
import { defaultAdapters } from '../../src/modules/notifications/channels.js';
import { localTime } from '../../src/domain/notifications/templates.js';
import { countRows, createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let scanner: string;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const shanghaiToHangzhou = (waybillNo: string) => ({
  waybillNo,
  sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
  recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
  product: 'standard',
  weightG: 1200,
  declaredValueFen: 50000,
  insured: true,
  insuranceFeeFen: 300,
  freightFen: 1200,
  paymentTerm: 'sender_pays',
});

const scan = (waybillNo: string, hoursBack: number, status: string, subStatus: string, text: string, site: string | null = null) => ({
  waybillNo,
  eventTime: hoursAgo(hoursBack),
  status,
  subStatus,
  text,
  site,
});

async function post(url: string, payload: unknown, headers: Record<string, string>) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers });
}

const asScanner = () => ({ authorization: `Bearer ${scanner}` });

async function detail(waybillNo: string, session: Session = admin) {
  const response = await t.app.inject({ method: 'GET', url: `/api/shipments/${waybillNo}`, headers: session.headers() });
  expect(response.statusCode).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  agent = await t.signIn('agent01');
  const key = await post('/api/api-keys', { name: '浦东扫描枪', role: 'integration' }, admin.headers());
  scanner = key.json().key;
});
afterAll(() => t.close());

describe('registration', () => {
  it('parses region codes from the address text and masks personal data for staff', async () => {
    const response = await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000001')] }, asScanner());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ registered: 1, rejected: [] });
    const shipment = await detail('PD1000000001', agent);
    expect(shipment.sender).toMatchObject({ name: '张*', phone: '138****8000' });
    expect(shipment.sender.region).toContain('上海');
    expect(shipment.recipient.region).toContain('杭州');
    expect(shipment.recipient.address).toMatch(/\*\*\*\*$/);
    expect(shipment.canRevealPersonalData).toBe(false);
    expect(JSON.stringify(shipment)).not.toContain('13800138000');
  });

  it('a people-facing session cannot register shipments without the machine permission', async () => {
    const response = await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000099')] }, agent.headers());
    expect(response.statusCode).toBe(403);
  });
});

describe('scanner batch', () => {
  const journey = (waybillNo: string) => [
    scan(waybillNo, 30, 'picked_up', 'picked_up', '【上海市】快递员已揽收', '上海浦东营业站'),
    scan(waybillNo, 26, 'in_transit', 'departed', '【上海市】快件已从上海转运中心发出', '上海转运中心'),
    scan(waybillNo, 20, 'in_transit', 'arrived', '【杭州市】快件已到达杭州转运中心', '杭州转运中心'),
    scan(waybillNo, 4, 'out_for_delivery', 'out_for_delivery', '【杭州市】快件派送中，派件员：王五', '杭州西湖营业部'),
  ];

  it('stores a batch, and the same batch again stores nothing new', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000002')] }, asScanner());
    const events = journey('PD1000000002');
    const first = await post('/api/tracking/events', { events }, asScanner());
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 4, stored: 4, duplicates: 0, rejected: [] });
    const again = await post('/api/tracking/events', { events }, asScanner());
    expect(again.json()).toMatchObject({ received: 4, stored: 0, duplicates: 4 });
    const shipment = await detail('PD1000000002');
    expect(shipment.events).toHaveLength(4);
    expect(shipment).toMatchObject({ status: 'out_for_delivery', lastSite: '杭州西湖营业部', routeClass: 'inter_province' });
    // 省际 72 h from pickup (docs/product.md §7).
    expect(new Date(shipment.promisedAt).getTime() - new Date(shipment.pickedUpAt).getTime()).toBe(72 * 3_600_000);
  });

  it("a scanner's id sent at two times is two scans, each stored once, beside other parcels' new scans", async () => {
    // The same eventId at two instants: two events (identity is waybill, time and key), so the
    // insert cannot tell them apart by waybill and key alone.
    const twice = [
      { ...scan('PD1000000912', 5, 'in_transit', 'arrived', '【上海市】快件已到达上海转运中心', '上海转运中心'), eventId: 'gun-7' },
      { ...scan('PD1000000912', 4, 'in_transit', 'departed', '【上海市】快件已从上海转运中心发出', '上海转运中心'), eventId: 'gun-7' },
    ];
    const other = { ...scan('PD1000000913', 3, 'picked_up', 'picked_up', '【上海市】快递员已揽收'), eventId: 'gun-8' };
    const first = await post('/api/tracking/events', { events: [twice[0], other] }, asScanner());
    expect(first.json()).toMatchObject({ received: 2, stored: 2, duplicates: 0 });
    const second = await post('/api/tracking/events', { events: [...twice, other, twice[1]] }, asScanner());
    expect(second.json()).toMatchObject({ received: 4, stored: 1, duplicates: 3 });
    const shipment = await detail('PD1000000912');
    expect(shipment.events.map((e: { text: string }) => e.text)).toEqual(['【上海市】快件已从上海转运中心发出', '【上海市】快件已到达上海转运中心']);
    expect(shipment).toMatchObject({ status: 'in_transit', subStatus: 'departed' });
    expect((await detail('PD1000000913')).events).toHaveLength(1);
  });

  it('batches sharing parcels at the same moment store every scan once and count every failed attempt', async () => {
    const parcels = ['PD1000000914', 'PD1000000915', 'PD1000000916'];
    await post('/api/shipments', { shipments: parcels.map(shanghaiToHangzhou) }, asScanner());
    // Each parcel: a pickup and three failed attempts, spread over four batches sent at once.
    const batches = [0, 1, 2, 3].map((k) =>
      parcels.map((waybillNo) =>
        k === 0
          ? { ...scan(waybillNo, 30, 'picked_up', 'picked_up', '【上海市】快递员已揽收'), eventId: `${waybillNo}-0` }
          : { ...scan(waybillNo, 10 - k, 'failed_attempt', 'no_one_home', `第${k}次派送：无人在家`), eventId: `${waybillNo}-${k}` },
      ),
    );
    const answers = await Promise.all(batches.map((events) => post('/api/tracking/events', { events }, asScanner())));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.json().stored, 0)).toBe(12);
    for (const waybillNo of parcels) {
      const shipment = await detail(waybillNo);
      expect(shipment.events).toHaveLength(4);
      expect(shipment).toMatchObject({ status: 'failed_attempt', lastEventText: '第3次派送：无人在家' });
      const row = await t.database.db.selectFrom('shipments').select('failed_attempts').where('waybill_no', '=', waybillNo).executeTakeFirstOrThrow();
      expect(row.failed_attempts).toBe(3);
      const track = await t.app.inject({ method: 'POST', url: '/api/public/track', remoteAddress: '198.51.100.77', payload: { waybillNos: [waybillNo] } });
      expect(track.json().results[0].events).toHaveLength(4);
    }
  });

  it('a late old scan never moves the shipment back; signed stays signed', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000003')] }, asScanner());
    const events = journey('PD1000000003');
    const delivered = scan('PD1000000003', 2, 'delivered', 'self', '【杭州市】已签收，签收人：本人', '杭州西湖营业部');
    await post('/api/tracking/events', { events: [delivered] }, asScanner());
    await post('/api/tracking/events', { events: events.reverse() }, asScanner());
    const shipment = await detail('PD1000000003');
    expect(shipment.status).toBe('delivered');
    expect(shipment.subStatus).toBe('self');
    expect(shipment.lastEventText).toContain('已签收');
    expect(shipment.events.map((e: { status: string }) => e.status)).toEqual(['delivered', 'out_for_delivery', 'in_transit', 'in_transit', 'picked_up']);
    expect(new Date(shipment.pickedUpAt).getTime()).toBe(new Date(events.at(-1)!.eventTime).getTime());
  });

  it('reports a bad event by its index and stores the rest', async () => {
    const events = [
      scan('PD1000000004', 10, 'picked_up', 'picked_up', '已揽收'),
      scan('PD1000000004', 9, 'in_transit', 'self', '子状态不属于运输中'),
      { ...scan('PD1000000004', 8, 'in_transit', 'arrived', '来自未来'), eventTime: new Date(Date.now() + 3 * 86_400_000).toISOString() },
      scan('PD1000000004', 7, 'in_transit', 'arrived', '已到达'),
    ];
    const response = await post('/api/tracking/events', { events }, asScanner());
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ received: 4, stored: 2 });
    // No Accept-Language: the reasons are in Chinese, like every message of the API.
    expect(body.rejected).toEqual([
      { index: 1, code: 'EVENT_SUB_STATUS_MISMATCH', reason: '子状态“self”不属于状态“in_transit”' },
      { index: 2, code: 'EVENT_TIME_IN_FUTURE', reason: '事件时间晚于当前时间一天以上' },
    ]);
    // A waybill seen only in scans is kept and shown, though not registered.
    expect((await detail('PD1000000004')).events).toHaveLength(2);
  });

  it.each([
    {
      language: 'en-US',
      reasons: ['unknown status "teleported"', 'event time is older than the {days}-day retention', 'sub-status "self" does not belong to "in_transit"'],
    },
    {
      language: 'zh-CN',
      reasons: ['未知的状态“teleported”', '事件时间早于 {days} 天的保存期限', '子状态“self”不属于状态“in_transit”'],
    },
  ])('gives each rejection a stable code and a reason in the caller’s language ($language)', async ({ language, reasons }) => {
    const { retentionDays } = await t.app.tracking.policy(t.app.db);
    const events = [
      scan('PD1000000041', 3, 'teleported', 'arrived', '未知状态'),
      scan('PD1000000041', (retentionDays + 2) * 24, 'in_transit', 'arrived', '超过保存期限'),
      scan('PD1000000041', 2, 'in_transit', 'self', '子状态不属于运输中'),
      scan('PD1000000041', 1, 'in_transit', 'arrived', '已到达'),
    ];
    const response = await post('/api/tracking/events', { events }, { ...asScanner(), 'accept-language': language });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ received: 4, rejected: expect.any(Array) });
    expect(body.stored + body.duplicates).toBe(1);
    expect(body.rejected).toEqual([
      { index: 0, code: 'EVENT_STATUS_UNKNOWN', reason: reasons[0] },
      { index: 1, code: 'EVENT_TIME_BEFORE_RETENTION', reason: reasons[1]!.replace('{days}', String(retentionDays)) },
      { index: 2, code: 'EVENT_SUB_STATUS_MISMATCH', reason: reasons[2] },
    ]);
  });

  it('refuses a malformed batch whole, naming the event, and stores nothing', async () => {
    const before = await countRows(t.database, 'users');
    const stored = (await t.database.db.selectFrom('tracking_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const response = await post(
      '/api/tracking/events',
      { events: [scan('PD1000000005', 3, 'picked_up', 'picked_up', 'ok'), { ...scan('PD1000000005', 2, 'in_transit', 'arrived', 'x'), eventTime: 'yesterday' }] },
      asScanner(),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('events.1.eventTime');
    const after = (await t.database.db.selectFrom('tracking_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    expect(after).toBe(stored);
    expect(await countRows(t.database, 'users')).toBe(before);
  });

  it('refuses more than 5,000 events and callers without the ingest permission', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => scan(`PD2${String(i).padStart(9, '0')}`, 1, 'picked_up', 'picked_up', 'x'));
    expect((await post('/api/tracking/events', { events: many }, asScanner())).statusCode).toBe(400);
    expect((await post('/api/tracking/events', { events: many.slice(0, 1) }, agent.headers())).statusCode).toBe(403);
    expect((await post('/api/tracking/events', { events: many.slice(0, 1) }, {})).statusCode).toBe(401);
  });
});

describe('exceptions, the clock and telling the customer first', () => {
  it('a parcel past its promised time is delayed once, with one notice; delivery clears it', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000010')] }, asScanner());
    const late = [
      scan('PD1000000010', 100, 'picked_up', 'picked_up', '已揽收', '上海浦东营业站'),
      scan('PD1000000010', 90, 'in_transit', 'arrived', '到达杭州转运中心', '杭州转运中心'),
    ];
    const first = await post('/api/tracking/events', { events: late }, asScanner());
    expect(first.json().exceptionsRaised).toBeGreaterThanOrEqual(1);
    await post('/api/tracking/events', { events: [scan('PD1000000010', 80, 'in_transit', 'arrived', '到达西湖分拨', '西湖分拨')] }, asScanner());
    await runTrackingClock(t.database.db, t.app.tracking, new Date());

    let shipment = await detail('PD1000000010');
    const delayed = shipment.exceptions.filter((e: { kind: string }) => e.kind === 'delayed');
    expect(delayed).toHaveLength(1);
    expect(delayed[0].clearedAt).toBeNull();
    // Late and without a scan for 90 hours: one notice that tells both (the parcel's story), not two.
    const notices = shipment.notifications;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: 'sms', status: 'pending', recipient: '139****5678', template: 'exception.stalled' });
    expect(notices[0].body).toContain('PD1000000010');
    expect(notices[0].body).toMatch(/已超过承诺送达时间（.+），且自.+起暂无新的物流信息/);

    // The default adapter sends nothing and says so.
    await dispatchNotifications(t.database.db, defaultAdapters());
    shipment = await detail('PD1000000010');
    expect(shipment.notifications[0].status).toBe('recorded');

    await post('/api/tracking/events', { events: [scan('PD1000000010', 1, 'delivered', 'proxy', '已签收，代收人：门卫')] }, asScanner());
    shipment = await detail('PD1000000010');
    expect(shipment.exceptions.find((e: { kind: string }) => e.kind === 'delayed').clearedAt).not.toBeNull();
    expect(shipment.notifications).toHaveLength(1);
  });

  it('the clock raises what time alone causes, and only looks at due shipments', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000011')] }, asScanner());
    await post('/api/tracking/events', { events: [scan('PD1000000011', 5, 'picked_up', 'picked_up', '已揽收')] }, asScanner());
    expect((await detail('PD1000000011')).openExceptions).toEqual([]);
    const row = await t.database.db.selectFrom('shipments').select('next_check_at').where('waybill_no', '=', 'PD1000000011').executeTakeFirstOrThrow();
    expect(row.next_check_at).not.toBeNull();
    // Ten days on, nothing has been scanned: stalled, delayed and (past complete delay) lost.
    const later = new Date(Date.now() + 10 * 86_400_000);
    const run = await runTrackingClock(t.database.db, t.app.tracking, later);
    expect(run.checked).toBeGreaterThanOrEqual(1);
    const open = (await detail('PD1000000011')).openExceptions;
    expect(open).toEqual(expect.arrayContaining(['stalled', 'delayed', 'lost']));
    const again = await runTrackingClock(t.database.db, t.app.tracking, later);
    expect(again.raised).toBe(0);
  });

  it('a parcel left at a station counts from its first arrival there: later reminder scans do not restart the 72 hours', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000018')] }, asScanner());
    await post('/api/tracking/events', { events: [scan('PD1000000018', 90, 'picked_up', 'picked_up', '已揽收')] }, asScanner());
    await post('/api/tracking/events', { events: [scan('PD1000000018', 80, 'awaiting_pickup', 'locker', '已放入文三路快递柜', '文三路快递柜')] }, asScanner());
    // Each batch its own request, as the scans come: a reminder, then the move to the station.
    await post('/api/tracking/events', { events: [scan('PD1000000018', 30, 'awaiting_pickup', 'locker', '快递柜提醒：请尽快取件', '文三路快递柜')] }, asScanner());
    await post('/api/tracking/events', { events: [scan('PD1000000018', 10, 'awaiting_pickup', 'station', '已转入文三路驿站', '文三路驿站')] }, asScanner());
    const shipment = await detail('PD1000000018');
    expect(shipment.openExceptions).toContain('not_collected');
    const raised = shipment.exceptions.find((e: { kind: string }) => e.kind === 'not_collected');
    // 72 hours after the first arrival (80 hours ago), not after the last scan.
    expect(Math.abs(new Date(raised.raisedAt).getTime() - (Date.now() - 8 * 3_600_000))).toBeLessThan(60_000);
  });

  it('damage and refusal are exceptions as the scans arrive, each raised at its own scan', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000012')] }, asScanner());
    const events = [
      scan('PD1000000012', 6, 'picked_up', 'picked_up', '已揽收'),
      scan('PD1000000012', 5, 'damaged', 'damaged', '外包装破损，已拍照留存', '上海转运中心'),
      scan('PD1000000012', 1, 'refused', 'refused', '收件人拒收'),
    ];
    // one batch: the damage scan is no longer the parcel's standing when the batch is judged
    await post('/api/tracking/events', { events }, asScanner());
    const shipment = await detail('PD1000000012');
    expect(shipment.openExceptions).toEqual(expect.arrayContaining(['damaged', 'refused']));
    const raisedAt = (kind: string) => shipment.exceptions.find((e: { kind: string }) => e.kind === kind).raisedAt;
    // the damage was found at its scan (the story and the claim say when), not when the parcel was refused
    expect(raisedAt('damaged')).toBe(new Date(events[1]!.eventTime).toISOString());
    expect(raisedAt('refused')).toBe(new Date(events[2]!.eventTime).toISOString());
  });

  it('the stall notice names the last scan, not when the stall was noticed', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000013')] }, asScanner());
    const lastScan = hoursAgo(50);
    await post(
      '/api/tracking/events',
      { events: [scan('PD1000000013', 60, 'picked_up', 'picked_up', '已揽收'), { ...scan('PD1000000013', 50, 'in_transit', 'arrived', '到达杭州转运中心'), eventTime: lastScan }] },
      asScanner(),
    );
    const shipment = await detail('PD1000000013');
    expect(shipment.openExceptions).toEqual(['stalled']);
    // raised when the 48 h ran out; the customer is told since when there has been no news
    expect(shipment.exceptions[0].raisedAt).toBe(new Date(Date.parse(lastScan) + 48 * 3_600_000).toISOString());
    const [notice] = shipment.notifications.filter((n: { template: string }) => n.template === 'exception.stalled');
    expect(notice.body).toContain(`自${localTime(new Date(lastScan), 'Asia/Shanghai')}起暂无新的物流信息`);
  });

  it('a parcel first judged past its complete delay gets one notice, the loss, once the exception job took it; all three are recorded', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000014')] }, asScanner());
    const old = [scan('PD1000000014', 300, 'picked_up', 'picked_up', '已揽收'), scan('PD1000000014', 290, 'in_transit', 'arrived', '到达杭州转运中心')];
    await post('/api/tracking/events', { events: old }, asScanner());
    const shipment = await detail('PD1000000014');
    expect(shipment.openExceptions).toEqual(expect.arrayContaining(['delayed', 'stalled', 'lost']));
    expect(shipment.exceptions).toHaveLength(3);
    // Late and stalled are part of the loss, not news of their own; the loss itself is told by the
    // exception job once it has opened (or could not open) the loss claim (issue 18 §8).
    expect(shipment.notifications).toEqual([]);
    await ticketExceptions({ db: t.database.db, reference: t.app.reference }, new Date(), 10_000);
    expect((await detail('PD1000000014')).notifications.map((n: { template: string }) => n.template)).toEqual(['exception.lost']);
    await runTrackingClock(t.database.db, t.app.tracking, new Date(Date.now() + 86_400_000));
    expect((await detail('PD1000000014')).notifications).toHaveLength(1);
  });

  it('a return is raised when it began and clears once the sender has the parcel back', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000015')] }, asScanner());
    const returning = [
      scan('PD1000000015', 40, 'picked_up', 'picked_up', '已揽收'),
      scan('PD1000000015', 30, 'returned', 'returning', '快件退回中，原因：收件人地址不详'),
      scan('PD1000000015', 20, 'returned', 'returning', '【上海市】退回件已到达上海转运中心'),
      scan('PD1000000015', 10, 'returned', 'returning', '【上海市】退回件派送中'),
    ];
    await post('/api/tracking/events', { events: returning }, asScanner());
    let shipment = await detail('PD1000000015');
    const returned = shipment.exceptions.find((e: { kind: string }) => e.kind === 'returned');
    expect(returned.raisedAt).toBe(returning[1]!.eventTime);
    await post('/api/tracking/events', { events: [scan('PD1000000015', 5, 'returned', 'returned_to_sender', '退回件已签收，签收人：寄件人本人')] }, asScanner());
    shipment = await detail('PD1000000015');
    expect(shipment.exceptions.find((e: { kind: string }) => e.kind === 'returned').clearedAt).not.toBeNull();
    expect(shipment.openExceptions).toEqual([]);
  });

  it('a return delivered back weeks ago raises nothing and tells nobody', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000016'), shanghaiToHangzhou('PD1000000017')] }, asScanner());
    const backHome = (waybillNo: string, status: string, subStatus: string) => [
      scan(waybillNo, 600, 'picked_up', 'picked_up', '已揽收'),
      scan(waybillNo, 560, 'returned', 'returning', '快件退回中'),
      scan(waybillNo, 504, status, subStatus, '退回件已签收，签收人：寄件人本人'),
    ];
    await post('/api/tracking/events', { events: [...backHome('PD1000000016', 'returned', 'returned_to_sender'), ...backHome('PD1000000017', 'delivered', 'returned_signed')] }, asScanner());
    await runTrackingClock(t.database.db, t.app.tracking, new Date());
    for (const waybillNo of ['PD1000000016', 'PD1000000017']) {
      const shipment = await detail(waybillNo);
      expect(shipment.exceptions).toEqual([]);
      expect(shipment.notifications).toEqual([]);
    }
  });

  it('the exceptions board counts by kind, age, station and province', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/exceptions', headers: agent.headers() });
    expect(response.statusCode).toBe(200);
    const board = response.json();
    expect(board.counts.byKind.damaged).toBeGreaterThanOrEqual(1);
    expect(board.counts.byProvince.find((p: { code: string }) => p.code === '330000')?.name).toContain('浙江');
    expect(board.items.length).toBe(Math.min(board.total, 20));
    const damaged = await t.app.inject({ method: 'GET', url: '/api/exceptions?kind=damaged', headers: agent.headers() });
    expect(damaged.json().items.every((i: { kind: string }) => i.kind === 'damaged')).toBe(true);
  });
});

describe('staff search and the audited reveal', () => {
  it.each([
    { by: 'waybill number', q: 'PD1000000002' },
    { by: 'waybill number in lower case', q: 'pd1000000002' },
    { by: 'recipient phone, though displayed masked', q: '13912345678' },
    { by: 'sender name', q: '张三' },
    { by: 'the surname alone', q: '张' },
    { by: 'the recipient’s surname', q: '李' },
  ])('finds shipments by $by', async ({ q }) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/shipments?q=${encodeURIComponent(q)}&pageSize=100`, headers: agent.headers() });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((i: { waybillNo: string }) => i.waybillNo)).toContain('PD1000000002');
  });

  it.each([
    { by: 'a name’s middle, not its start', q: '三' },
    { by: 'a longer name that starts with the real one', q: '张三丰' },
    { by: 'a LIKE wildcard', q: '%' },
  ])('does not find shipments by $by', async ({ q }) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/shipments?q=${encodeURIComponent(q)}&pageSize=100`, headers: agent.headers() });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((i: { waybillNo: string }) => i.waybillNo)).not.toContain('PD1000000002');
  });

  it('a supervisor reveals personal data and the reveal is audited; an agent may not', async () => {
    const supervisor = await t.signIn('supervisor01');
    expect((await post('/api/shipments/PD1000000002/reveal', undefined, agent.headers())).statusCode).toBe(403);
    const revealed = await post('/api/shipments/PD1000000002/reveal', undefined, supervisor.headers());
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().sender).toMatchObject({ name: '张三', phone: '13800138000' });
    const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'shipment.reveal').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_name: 'supervisor01', subject_id: 'PD1000000002' });
  });

  it('an unknown waybill is a 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/shipments/NOPE000000', headers: agent.headers() });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('SHIPMENT_NOT_FOUND');
  });
});

describe('public tracking', () => {
  // Each test guesses from an address of its own: wrong guesses are counted per address as well.
  const tests: string[] = [];
  const address = () => {
    const name = expect.getState().currentTestName ?? '';
    if (!tests.includes(name)) tests.push(name);
    return `192.0.2.${tests.indexOf(name) + 1}`;
  };
  const track = (body: unknown, lang = 'zh-CN') =>
    t.app.inject({ method: 'POST', url: '/api/public/track', remoteAddress: address(), payload: body as object, headers: { 'accept-language': lang } });

  it('shows status and timeline to anyone, the parties (masked) only after the phone check', async () => {
    const open = (await track({ waybillNos: ['PD1000000002'] })).json().results[0];
    expect(open).toMatchObject({ found: true, status: 'out_for_delivery', statusLabel: '派送中', verified: false, sender: null, recipient: null });
    expect(open.events[0].text).toContain('派送中');
    const checked = (await track({ waybillNos: ['PD1000000002'], phoneLast4: '5678' })).json().results[0];
    expect(checked.verified).toBe(true);
    // Masked as on every other page (domain/privacy.ts): the public page is no way around the rule.
    expect(checked.recipient).toMatchObject({ name: '李*', phone: '139****5678', address: '浙江省杭州市西湖区****' });
    expect(JSON.stringify(checked)).not.toContain('文三路');
    const wrong = (await track({ waybillNos: ['PD1000000002'], phoneLast4: '0000' })).json().results[0];
    expect(wrong).toMatchObject({ verified: false, sender: null });
  });

  it('shows the timeline the console shows, in the same order, whatever batches and order the scans came in', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000090')] }, asScanner());
    const tied = hoursAgo(10);
    const scans = [
      scan('PD1000000090', 30, 'picked_up', 'picked_up', '【上海市】快递员已揽收', '上海浦东营业站'),
      scan('PD1000000090', 20, 'in_transit', 'arrived', '【杭州市】快件已到达杭州转运中心', '杭州转运中心'),
      // Two scans at the same instant: the order between them is the stored order, here and on the console.
      { ...scan('PD1000000090', 0, 'in_transit', 'departed', '【杭州市】快件已从杭州转运中心发出', '杭州转运中心'), eventTime: tied, eventId: 'b-2' },
      { ...scan('PD1000000090', 0, 'in_transit', 'arrived', '【杭州市】快件已到达杭州西湖营业部', null), eventTime: tied, eventId: 'a-1' },
      scan('PD1000000090', 4, 'out_for_delivery', 'out_for_delivery', '【杭州市】快件派送中，派件员：王五', '杭州西湖营业部'),
    ];
    // Newest first, one batch per scan and one batch again (stored nothing new): the timeline is kept, not rebuilt.
    for (const event of [...scans].reverse()) await post('/api/tracking/events', { events: [event] }, asScanner());
    expect((await post('/api/tracking/events', { events: scans }, asScanner())).json()).toMatchObject({ stored: 0, duplicates: 5 });
    const console = (await detail('PD1000000090')).events.map((e: { time: string; site: string | null; text: string }) => ({ time: e.time, site: e.site, text: e.text }));
    const shown = (await track({ waybillNos: ['PD1000000090'] })).json().results[0].events;
    expect(console).toHaveLength(5);
    // In Chinese the text is the carrier's own words, so there is no second copy of them.
    expect(shown).toEqual(console.map((e: object) => ({ ...e, carrierText: null })));
    expect(shown.map((e: { text: string }) => e.text).slice(1, 3)).toEqual(['【杭州市】快件已从杭州转运中心发出', '【杭州市】快件已到达杭州西湖营业部']);
    // In English our words for each status, and the carrier's beside them: nothing a scan says is lost
    // (the courier's name here; a locker's pickup code elsewhere).
    const inEnglish = (await track({ waybillNos: ['PD1000000090'] }, 'en-US')).json().results[0].events;
    expect(inEnglish[0]).toEqual({ time: console[0].time, site: '杭州西湖营业部', text: 'Out for delivery — 杭州西湖营业部', carrierText: '【杭州市】快件派送中，派件员：王五' });
    expect(inEnglish.map((e: { carrierText: string }) => e.carrierText)).toEqual(console.map((e: { text: string }) => e.text));
  });

  it('after retention drops old months, neither the public page nor the console shows an event from them', async () => {
    await post('/api/shipments', { shipments: [shanghaiToHangzhou('PD1000000091')] }, asScanner());
    const days = (d: number) => d * 24;
    const events = [
      scan('PD1000000091', days(360), 'picked_up', 'picked_up', '【上海市】快递员已揽收（去年）', '上海浦东营业站'),
      scan('PD1000000091', days(200), 'in_transit', 'arrived', '【杭州市】快件已到达杭州转运中心', '杭州转运中心'),
      scan('PD1000000091', days(1), 'out_for_delivery', 'out_for_delivery', '【杭州市】快件派送中，派件员：王五', '杭州西湖营业部'),
    ];
    expect((await post('/api/tracking/events', { events }, asScanner())).json()).toMatchObject({ stored: 3 });
    expect((await track({ waybillNos: ['PD1000000091'] })).json().results[0].events).toHaveLength(3);
    // Forty days on, the month of the first scan is wholly older than the 365 days kept.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 40 * 86_400_000 });
    try {
      const { dropped } = await jobHandlers({ database: t.database, tracking: t.app.tracking, reference: t.app.reference, adapters: defaultAdapters(), log: t.app.log })['tracking-retention']();
      expect(dropped).toContain(events[0]!.eventTime.slice(0, 7));
    } finally {
      vi.useRealTimers();
    }
    const shown = (await track({ waybillNos: ['PD1000000091'] })).json().results[0].events.map((e: { text: string }) => e.text);
    const console = (await detail('PD1000000091')).events.map((e: { text: string }) => e.text);
    expect(shown).toEqual(['【杭州市】快件派送中，派件员：王五', '【杭州市】快件已到达杭州转运中心']);
    expect(console).toEqual(shown);
  });

  it('an unknown number and a known one with wrong digits have the same shape', async () => {
    const { results } = (await track({ waybillNos: ['PD1000000002', 'ZZ9999999999'], phoneLast4: '1111' })).json();
    expect(Object.keys(results[0]).sort()).toEqual(Object.keys(results[1]).sort());
    expect(results.map((r: { verified: boolean }) => r.verified)).toEqual([false, false]);
    expect(results[1]).toMatchObject({ found: false, sender: null, events: [] });
  });

  it('after 5 wrong last-4 guesses on a waybill, the right digits fail too (there and in self-service); other waybills are not affected', async () => {
    const verified = async (waybillNo: string, digits: string) => (await track({ waybillNos: [waybillNo], phoneLast4: digits })).json().results[0];
    for (const digits of ['0001', '0002', '0003', '0004', '0005']) expect((await verified('PD1000000011', digits)).verified).toBe(false);
    const locked = await verified('PD1000000011', '5678');
    const wrong = await verified('PD1000000011', '0006');
    expect(locked).toEqual(wrong);
    expect(locked).toMatchObject({ found: true, verified: false, sender: null, recipient: null });
    // Self-service says the check is paused, not that the customer's own digits are wrong.
    const selfService = await t.app.inject({ method: 'POST', url: '/api/public/tickets/lookup', remoteAddress: address(), payload: { waybillNo: 'PD1000000011', phoneLast4: '5678' } });
    expect(selfService.statusCode).toBe(429);
    expect(selfService.json().code).toBe('PHONE_CHECK_LOCKED');
    expect(selfService.json().message).toMatch(/请在 \d{2}:\d{2} 后再试/);
    expect((await verified('PD1000000002', '5678')).verified).toBe(true);
    // An unknown waybill is counted the same way: its count says nothing about whether it exists.
    for (const digits of ['0001', '0002', '0003', '0004', '0005', '5678']) expect((await verified('ZZ8888888888', digits)).verified).toBe(false);
  });

  it('says when the phone check was locked rather than made: a known and an unknown waybill alike, never without digits', async () => {
    const guess = async (waybillNos: string[], phoneLast4?: string) =>
      (await track(phoneLast4 ? { waybillNos, phoneLast4 } : { waybillNos })).json().results as {
        waybillNo: string;
        found: boolean;
        verified: boolean;
        phoneCheckLocked: boolean;
        phoneCheckLockedUntil: string | null;
      }[];
    const known = 'PD1000000003'; // recipient's phone ends in 5678
    const unknown = 'ZZ6666666666';
    const before = Date.now();
    for (const digits of ['0001', '0002', '0003', '0004', '0005']) {
      // The fifth wrong guess is still checked; only the next one finds the lock.
      expect((await guess([known, unknown], digits)).map((r) => r.phoneCheckLocked)).toEqual([false, false]);
    }
    const right = await guess([known, unknown], '5678');
    expect(right.map((r) => [r.found, r.verified, r.phoneCheckLocked])).toEqual([
      [true, false, true],
      [false, false, true],
    ]);
    // Locked for the hour from the first wrong guess, the same for both.
    for (const r of right) {
      const until = Date.parse(r.phoneCheckLockedUntil!);
      expect(until).toBeGreaterThanOrEqual(before + 3_600_000);
      expect(until).toBeLessThanOrEqual(Date.now() + 3_600_000);
    }
    expect(right[0]!.phoneCheckLockedUntil).toBe(right[1]!.phoneCheckLockedUntil);
    // Without digits nothing was checked, so nothing was locked; a malformed number is never locked.
    expect((await guess([known, unknown])).map((r) => [r.verified, r.phoneCheckLocked, r.phoneCheckLockedUntil])).toEqual([
      [false, false, null],
      [false, false, null],
    ]);
    expect((await guess(['PD 1'], '5678'))[0]).toMatchObject({ phoneCheckLocked: false, phoneCheckLockedUntil: null });
    // Guesses while locked were not checked, so they are not counted: the lock ends when it said.
    const retry = Date.parse(right[0]!.phoneCheckLockedUntil!);
    const count = await t.database.db
      .selectFrom('phone_check_counts')
      .select(['guesses', 'window_start'])
      .where('scope', '=', 'waybill')
      .where('subject', '=', known)
      .executeTakeFirstOrThrow();
    expect(count.guesses).toBe(5);
    expect(new Date(count.window_start).getTime() + 3_600_000).toBe(retry);
    // Self-service refuses the unknown waybill the same way as the known one.
    const lookup = (waybillNo: string) => t.app.inject({ method: 'POST', url: '/api/public/tickets/lookup', remoteAddress: address(), payload: { waybillNo, phoneLast4: '5678' } });
    const [a, b] = [await lookup(known), await lookup(unknown)];
    expect([a.statusCode, b.statusCode]).toEqual([429, 429]);
    expect(a.json()).toEqual(b.json());
  });

  it('gives the time zone the delay notice is written in, for the page to show every time in it', async () => {
    expect((await track({ waybillNos: ['PD1000000002'] })).json().timeZone).toBe(t.app.config.timeZone);
    expect((await track({ waybillNos: ['PD 1'] })).json().timeZone).toBe(t.app.config.timeZone);
  });

  it("tells the parcel's story, in English too; a delivered parcel when it was signed for", async () => {
    const result = (await track({ waybillNos: ['PD1000000011'] }, 'en-US')).json().results[0];
    expect(result.statusLabel).toBe('Picked up');
    expect(`${result.story.title} ${result.story.text}`).not.toMatch(/[\u4e00-\u9fff]/);
    const late = (await track({ waybillNos: ['PD1000000010'] }, 'zh-CN')).json().results[0];
    expect(late.status).toBe('delivered');
    expect(late.story).toMatchObject({ code: 'delivered', expectedBy: null, lateSince: null, signedAt: expect.any(String) });
  });

  it('answers a malformed number on its own and still finds the good ones; the malformed one never reaches the database', async () => {
    const executeQuery = vi.spyOn(t.app.db.getExecutor(), 'executeQuery');
    const response = await track({ waybillNos: [' pd1000000002 ', 'PD 100', 'ZZ7777777777', '<script>', 'PD1000000011', 'bad!no'], phoneLast4: '5678' });
    const sent = JSON.stringify(executeQuery.mock.calls.map(([query]) => query.parameters));
    executeQuery.mockRestore();
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((r: { waybillNo: string; found: boolean; invalid: boolean }) => [r.waybillNo, r.found, r.invalid])).toEqual([
      ['PD1000000002', true, false],
      ['PD 100', false, true],
      ['ZZ7777777777', false, false],
      ['<SCRIPT>', false, true],
      ['PD1000000011', true, false],
      ['BAD!NO', false, true],
    ]);
    expect(results[0]).toMatchObject({ status: 'out_for_delivery', verified: true });
    // A malformed number looks like an unknown one, plus the flag; well-formed unknown and known stay alike in shape.
    expect(results[1]).toEqual({ ...results[2], waybillNo: 'PD 100', invalid: true });
    expect(Object.keys(results[1]).sort()).toEqual(Object.keys(results[0]).sort());
    expect(sent).toContain('PD1000000002');
    for (const malformed of ['PD 100', '<SCRIPT>', 'BAD!NO']) expect(sent).not.toContain(malformed);
  });

  it('a lookup of malformed numbers only asks the database nothing and counts no phone guess', async () => {
    const executeQuery = vi.spyOn(t.app.db.getExecutor(), 'executeQuery');
    const tries = [];
    for (const digits of ['0001', '0002', '0003', '0004', '0005', '0006']) tries.push(await track({ waybillNos: ['PD-1', '   '], phoneLast4: digits }));
    const calls = executeQuery.mock.calls.length;
    executeQuery.mockRestore();
    expect(calls).toBe(0);
    expect(tries.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(tries[5]!.json().results).toMatchObject([
      { waybillNo: 'PD-1', found: false, invalid: true, verified: false },
      { waybillNo: '', found: false, invalid: true, verified: false },
    ]);
    expect(await t.database.db.selectFrom('phone_check_counts').select('subject').where('subject', '=', 'PD-1').execute()).toEqual([]);
  });

  it.each([
    { case: 'more than 20 numbers', body: { waybillNos: Array.from({ length: 21 }, (_, i) => `PD30000000${String(i).padStart(2, '0')}`) } },
    { case: 'no numbers', body: { waybillNos: [] } },
    { case: 'three digits', body: { waybillNos: ['PD1000000002'], phoneLast4: '123' } },
    { case: 'a number that is not a string', body: { waybillNos: ['PD1000000002', 1000000002] } },
    { case: 'a number longer than 64 characters', body: { waybillNos: ['PD1000000002', 'P'.repeat(65)] } },
    { case: 'a list that is not a list', body: { waybillNos: 'PD1000000002' } },
  ])('refuses $case', async ({ body }) => {
    const response = await track(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('time-limit policy', () => {
  it('a change is a new version; shipments keep the version they were promised under', async () => {
    const manager = await t.signIn('manager01');
    const before = (await t.app.inject({ method: 'GET', url: '/api/time-limit-policy', headers: manager.headers() })).json();
    expect(before.current.version).toBe(1);
    const firstRule = Object.entries(before.current.rules)[0] as [string, { value: number; source: string }];
    expect(firstRule[1].source.length).toBeGreaterThan(0);
    const changed = await post(
      '/api/time-limit-policy',
      { rules: { [firstRule[0]]: { value: firstRule[1].value + 1 } }, note: '旺季调整', baseVersion: 1 },
      manager.headers(),
    );
    expect(changed.statusCode).toBe(201);
    expect(changed.json().version).toBe(2);
    const after = (await t.app.inject({ method: 'GET', url: '/api/time-limit-policy', headers: manager.headers() })).json();
    expect(after.history.map((p: { version: number }) => p.version)).toEqual([2, 1]);
    expect((await detail('PD1000000002')).policyVersion).toBe(1);
    const agentTry = await post('/api/time-limit-policy', { rules: {}, note: 'x', baseVersion: 2 }, agent.headers());
    expect(agentTry.statusCode).toBe(403);
    const bad = await post('/api/time-limit-policy', { rules: { nonsense: { value: 1 } }, note: 'x', baseVersion: 2 }, manager.headers());
    expect(bad.json().code).toBe('POLICY_INVALID');
    const noBase = await post('/api/time-limit-policy', { rules: {}, note: 'x' }, manager.headers());
    expect(noBase.json().code).toBe('VALIDATION_FAILED');
    // A number sent as it is keeps its source; a change that changes nothing is no new version.
    const [secondKey, secondRule] = Object.entries(after.current.rules)[1] as [string, { value: number; source: string }];
    const sameAgain = await post('/api/time-limit-policy', { rules: { [secondKey]: { value: secondRule.value } }, note: '未改', baseVersion: 2 }, manager.headers());
    expect(sameAgain.statusCode).toBe(400);
    expect(sameAgain.json().code).toBe('POLICY_INVALID');
    const oneOfTwo = await post(
      '/api/time-limit-policy',
      { rules: { [firstRule[0]]: { value: firstRule[1].value + 1 }, [secondKey]: { value: secondRule.value + 1 } }, note: '只改一条', baseVersion: 2 },
      manager.headers(),
    );
    expect(oneOfTwo.statusCode).toBe(201);
    expect(oneOfTwo.json().rules[firstRule[0]].source).toBe(after.current.rules[firstRule[0]].source);
    expect(oneOfTwo.json().rules[secondKey].source).toBe(`${secondRule.source}；v3：${secondRule.value} → ${secondRule.value + 1}（只改一条）`);
  });

  it('refuses a change made from an older version, so a second admin never silently undoes the first; nothing is saved', async () => {
    const versions = async () =>
      (await t.database.db.selectFrom('time_limit_policies').select('version').orderBy('version').execute()).map((row) => row.version);
    const audited = async () =>
      (await t.database.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'policy.change').execute()).length;
    const before = (await t.app.inject({ method: 'GET', url: '/api/time-limit-policy', headers: admin.headers() })).json();
    const key = 'notCollected';
    const rule = before.current.rules[key] as { value: number };
    const auditedBefore = await audited();

    // Two admins open the editor on the same version; the first saves.
    const first = await post('/api/time-limit-policy', { rules: { [key]: { value: rule.value + 5 } }, note: '第一位管理员', baseVersion: before.current.version }, admin.headers());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: before.current.version + 1, note: '第一位管理员' });
    expect(first.json().rules[key].value).toBe(rule.value + 5);
    expect(await audited()).toBe(auditedBefore + 1);
    const savedVersions = await versions();

    const second = await post('/api/time-limit-policy', { rules: { [key]: { value: rule.value + 2 } }, note: '第二位管理员', baseVersion: before.current.version }, admin.headers());
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT_STALE_VERSION');
    expect(second.json().message).toContain('刷新');
    expect(await versions()).toEqual(savedVersions);
    expect(await audited()).toBe(auditedBefore + 1);
    const after = (await t.app.inject({ method: 'GET', url: '/api/time-limit-policy', headers: admin.headers() })).json();
    expect(after.current).toEqual(first.json());

    // Two admins save from the same version at the same moment: one is saved, the other asked to reload.
    const base = first.json().version;
    const both = await Promise.all(
      [rule.value + 6, rule.value + 7].map((value) =>
        post('/api/time-limit-policy', { rules: { [key]: { value } }, note: '同时保存', baseVersion: base }, admin.headers()),
      ),
    );
    expect(both.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(await versions()).toEqual([...savedVersions, base + 1]);
    expect(await audited()).toBe(auditedBefore + 2);
  });
});
