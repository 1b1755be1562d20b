/**
 * The tracking feeds under hostile or sloppy input (issue 14): one event carrying text the
 * database cannot hold (NUL, a lone surrogate) is refused by its index and the rest of the batch is
 * stored; waybill numbers sent in lower case are the same parcel as in upper case; and the smaller
 * feed mends of defect 15.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const SALT = 'kuaidi100-test-salt';
const SECRET = 'aftership-test-secret';
let t: TestApp;
let admin: Session;
let scanner: string;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const sign = (param: string) => createHash('md5').update(param + SALT).digest('hex').toUpperCase();
const hmac = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

function pushKuaidi100(param: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/feeds/kuaidi100',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ param, sign: sign(param) }).toString(),
  });
}

function pushAfterShip(body: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/feeds/aftership',
    headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': hmac(body), ...headers },
    payload: body,
  });
}

function scan(events: unknown[], headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/tracking/events',
    headers: { authorization: `Bearer ${scanner}`, ...headers },
    payload: { events },
  });
}

async function shipment(waybillNo: string) {
  return t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(waybillNo)}`, headers: admin.headers() });
}

beforeAll(async () => {
  t = await createTestApp({ config: { kuaidi100Salt: SALT, afterShipSecret: SECRET } });
  admin = await t.signIn('admin');
  const key = await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin.headers(), payload: { name: '扫描枪', role: 'integration' } });
  scanner = key.json().key;
});
afterAll(() => t.close());

describe('one event with text the database cannot hold (defect 1)', () => {
  it('scanner batch: the bad events are reported by index, the others stored; a resend stores nothing twice', async () => {
    const event = (hours: number, text: string, extra: Record<string, unknown> = {}) => ({
      waybillNo: 'BT1000000001',
      eventTime: hoursAgo(hours),
      status: 'in_transit',
      subStatus: 'in_transit',
      text,
      ...extra,
    });
    const batch = [
      event(5, '已揽收'),
      event(4, 'a\u0000'),
      event(3, '到达', { site: 'x\ud800' }),
      event(2, '发往', { courier: '\udc00张' }),
      event(1, '派送中'),
    ];
    const first = await scan(batch, { 'accept-language': 'en-US' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 5, stored: 2, duplicates: 0 });
    expect(first.json().rejected).toEqual([
      { index: 1, code: 'EVENT_TEXT_INVALID', reason: expect.stringContaining('text') },
      { index: 2, code: 'EVENT_TEXT_INVALID', reason: expect.stringContaining('site') },
      { index: 3, code: 'EVENT_TEXT_INVALID', reason: expect.stringContaining('courier') },
    ]);
    const again = await scan(batch);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ received: 5, stored: 0, duplicates: 2 });
    expect(again.json().rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3]);
    expect(again.json().rejected[0].reason).toMatch(/[\u4e00-\u9fa5]/);
    expect((await shipment('BT1000000001')).json().events).toHaveLength(2);
  });

  it('快递100 push: a bad record is refused by its index in 快递100’s answer form, the rest stored, idempotently', async () => {
    const push = JSON.parse(fixture('kuaidi100/push-signed.json'));
    push.lastResult.nu = 'BT2000000001';
    push.lastResult.data[1].context = `${push.lastResult.data[1].context}\u0000`;
    push.lastResult.data[3].areaName = '\ud800';
    const param = JSON.stringify(push);
    const first = await pushKuaidi100(param);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ result: true, returnCode: '200', message: '成功' });
    expect(first.json().rejected).toEqual([
      { index: 1, code: 'EVENT_TEXT_INVALID', reason: expect.stringContaining('context') },
      { index: 3, code: 'EVENT_TEXT_INVALID', reason: expect.stringContaining('areaName') },
    ]);
    const stored = (await shipment('BT2000000001')).json().events;
    expect(stored).toHaveLength(push.lastResult.data.length - 2);
    const again = await pushKuaidi100(param);
    expect(again.json()).toMatchObject({ result: true, returnCode: '200' });
    expect((await shipment('BT2000000001')).json().events).toHaveLength(stored.length);
  });

  it('快递100 push: a bad waybill number refuses the push, in 快递100’s answer form, and stores nothing', async () => {
    const push = JSON.parse(fixture('kuaidi100/push-signed.json'));
    push.lastResult.nu = 'BT2000000002\u0000';
    const response = await pushKuaidi100(JSON.stringify(push));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ result: false, returnCode: '500', code: 'TEXT_INVALID' });
    expect(response.json().message).toContain('lastResult.nu');
  });

  it('AfterShip webhook: bad checkpoints are refused by index, the rest stored; a redelivery stores nothing new', async () => {
    const webhook = JSON.parse(fixture('aftership/tracking-update-delivered.json'));
    webhook.msg.tracking_number = 'BT3000000001';
    webhook.msg.checkpoints[1].message = '\ud800 到达';
    webhook.msg.checkpoints[2].location = '【上海\u0000】';
    const body = JSON.stringify(webhook);
    const first = await pushAfterShip(body, { 'accept-language': 'en-US' });
    expect(first.statusCode).toBe(200);
    expect(first.json().stored).toBe(webhook.msg.checkpoints.length - 2);
    expect(first.json().rejected).toEqual([
      { index: 1, code: 'CHECKPOINT_TEXT_INVALID', reason: expect.stringContaining('message') },
      { index: 2, code: 'CHECKPOINT_TEXT_INVALID', reason: expect.stringContaining('location') },
    ]);
    const again = await pushAfterShip(body);
    expect(again.json()).toMatchObject({ stored: 0 });
    expect(again.json().rejected).toHaveLength(2);
    expect((await shipment('BT3000000001')).json().events).toHaveLength(webhook.msg.checkpoints.length - 2);
  });

  it('AfterShip webhook: a bad tracking number refuses the webhook with 400 TEXT_INVALID', async () => {
    const webhook = JSON.parse(fixture('aftership/tracking-update-delivered.json'));
    webhook.msg.tracking_number = 'BT3000000002\ud800';
    const response = await pushAfterShip(JSON.stringify(webhook));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TEXT_INVALID' });
  });

  it('shipments batch: a shipment with bad text is refused by index, the others registered', async () => {
    const input = (waybillNo: string, name: string) => ({
      waybillNo,
      sender: { name, phone: '13800138000', address: '上海市浦东新区张江路88号' },
      recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
    });
    const batch = [input('BT4000000001', '张三'), input('BT4000000002', '张\u0000'), input('BT4000000003', '王五')];
    batch[2]!.recipient.address = '浙江省杭州市\ud800';
    const post = () =>
      t.app.inject({ method: 'POST', url: '/api/shipments', headers: { authorization: `Bearer ${scanner}`, 'accept-language': 'en-US' }, payload: { shipments: batch } });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      registered: 1,
      rejected: [
        { index: 1, code: 'SHIPMENT_TEXT_INVALID', reason: expect.stringContaining('sender.name') },
        { index: 2, code: 'SHIPMENT_TEXT_INVALID', reason: expect.stringContaining('recipient.address') },
      ],
    });
    expect((await shipment('BT4000000001')).statusCode).toBe(200);
    expect((await shipment('BT4000000002')).statusCode).toBe(404);
    const again = await post();
    expect(again.json()).toMatchObject({ registered: 1 });
    expect(again.json().rejected).toHaveLength(2);
  });
});

describe('waybill numbers sent in lower case (defect 7)', () => {
  const track = (waybillNo: string) =>
    t.app.inject({ method: 'POST', url: '/api/public/track', payload: { waybillNos: [waybillNo] } }).then((r) => r.json().results[0]);
  const search = (q: string) =>
    t.app.inject({ method: 'GET', url: `/api/shipments?q=${encodeURIComponent(q)}`, headers: admin.headers() }).then((r) => r.json());

  it('快递100 and AfterShip in lower case: staff detail, search and public tracking find the parcel, in either case', async () => {
    const push = JSON.parse(fixture('kuaidi100/push-basic.json'));
    push.lastResult.nu = 'jt96610898972';
    expect((await pushKuaidi100(JSON.stringify(push))).statusCode).toBe(200);
    const webhook = JSON.parse(fixture('aftership/tracking-update-delivered.json'));
    webhook.msg.tracking_number = 'sf1796610908729';
    expect((await pushAfterShip(JSON.stringify(webhook))).statusCode).toBe(200);

    for (const [lower, upper] of [
      ['jt96610898972', 'JT96610898972'],
      ['sf1796610908729', 'SF1796610908729'],
    ] as const) {
      for (const asked of [lower, upper]) {
        const detail = await shipment(asked);
        expect(detail.statusCode, asked).toBe(200);
        expect(detail.json().waybillNo).toBe(upper);
        expect(detail.json().events.length).toBeGreaterThan(0);
        expect(await search(asked)).toMatchObject({ total: 1, items: [{ waybillNo: upper }] });
        expect(await track(asked)).toMatchObject({ waybillNo: upper, found: true });
      }
    }
  });

  it('a scanner event and a feed push for the same parcel in different cases land on one shipment', async () => {
    const response = await scan([{ waybillNo: 'jt96610898972', eventTime: hoursAgo(0.5), status: 'out_for_delivery', subStatus: 'out_for_delivery', text: '派送中' }]);
    expect(response.json()).toMatchObject({ stored: 1, shipmentsUpdated: 1 });
    const rows = await t.database.db.selectFrom('shipments').select('waybill_no').where('waybill_no', 'ilike', 'jt96610898972').execute();
    expect(rows).toEqual([{ waybill_no: 'JT96610898972' }]);
  });
});

describe('smaller feed mends (defect 15)', () => {
  it('AfterShip: a signature header that is not ASCII is 401, not 500', async () => {
    const body = fixture('aftership/tracking-update-exception.json');
    const header = 'é'.repeat(hmac(body).length);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/feeds/aftership',
      headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': header },
      payload: body,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('FEED_SIGNATURE_INVALID');
  });

  it('快递100: a body over its 2 MiB limit is 413, announced as 2 MiB, in 快递100’s answer form', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/feeds/kuaidi100',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `param=${'x'.repeat(2 * 1024 * 1024 + 10)}&sign=00`,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ result: false, returnCode: '500', code: 'BODY_TOO_LARGE' });
    expect(response.json().message).toContain(String(2 * 1024 * 1024));
  });

  it('AfterShip: a checkpoint dated without a time is stored at the start of that day in the company’s zone', async () => {
    const webhook = JSON.parse(fixture('aftership/tracking-update-delivered.json'));
    webhook.msg.tracking_number = 'BT5000000001';
    webhook.msg.checkpoints = [{ ...webhook.msg.checkpoints[0], checkpoint_time: '2026-11-20', hash: undefined }];
    const response = await pushAfterShip(JSON.stringify(webhook));
    expect(response.json()).toMatchObject({ stored: 1, rejected: [] });
    const events = (await shipment('BT5000000001')).json().events;
    // The demo company's zone is Asia/Shanghai: 2026-11-20 00:00 there.
    expect(events.map((e: { time: string }) => e.time)).toEqual(['2026-11-19T16:00:00.000Z']);
  });
});

describe('a 快递100 abort push (defect 15)', () => {
  it('is recorded on the shipment for the console, and cleared when 快递100 pushes normally again', async () => {
    const abort = JSON.parse(fixture('kuaidi100/push-abort.json'));
    const response = await pushKuaidi100(JSON.stringify(abort));
    expect(response.body).toBe('{"result":true,"returnCode":"200","message":"成功"}');
    const detail = (await shipment(abort.lastResult.nu)).json();
    expect(detail.feedNotice).toMatchObject({ feed: 'kuaidi100', status: 'abort', message: '3天查询无记录', carrier: 'zhongtong', carrierCorrectedFrom: 'yunda' });

    const resumed = JSON.parse(fixture('kuaidi100/push-basic.json'));
    resumed.lastResult.nu = abort.lastResult.nu;
    resumed.status = 'polling';
    expect((await pushKuaidi100(JSON.stringify(resumed))).statusCode).toBe(200);
    expect((await shipment(abort.lastResult.nu)).json().feedNotice).toBeNull();
  });
});
