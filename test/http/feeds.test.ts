/**
 * Carrier feeds through HTTP with payloads written from the 快递100 and AfterShip documentation
 * (test/fixtures): signature checks, the exact answer 快递100 expects, and idempotent replays.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const SALT = 'kuaidi100-test-salt';
const SECRET = 'aftership-test-secret';
let t: TestApp;
let admin: Session;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const sign = (param: string, salt = SALT) => createHash('md5').update(param + salt).digest('hex').toUpperCase();
const hmac = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

function pushKuaidi100(param: string, signature = sign(param)) {
  return t.app.inject({
    method: 'POST',
    url: '/api/feeds/kuaidi100',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ param, sign: signature }).toString(),
  });
}

function pushAfterShip(body: string, signature = hmac(body)) {
  return t.app.inject({
    method: 'POST',
    url: '/api/feeds/aftership',
    headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': signature },
    payload: body,
  });
}

async function shipment(waybillNo: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/shipments/${waybillNo}`, headers: admin.headers() })).json();
}

beforeAll(async () => {
  t = await createTestApp({ config: { kuaidi100Salt: SALT, afterShipSecret: SECRET } });
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

describe('快递100 push', () => {
  it('stores a signed push and answers exactly what 快递100 expects; a replay stores nothing new', async () => {
    const param = fixture('kuaidi100/push-signed.json');
    const waybillNo = JSON.parse(param).lastResult.nu;
    const response = await pushKuaidi100(param);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"result":true,"returnCode":"200","message":"成功"}');
    const first = await shipment(waybillNo);
    expect(first.status).toBe('delivered');
    expect(first.subStatus).toBe('self');
    const count = first.events.length;
    expect(count).toBe(JSON.parse(param).lastResult.data.length);

    // 快递100 re-sends the whole history on every push.
    expect((await pushKuaidi100(param)).body).toBe('{"result":true,"returnCode":"200","message":"成功"}');
    expect((await shipment(waybillNo)).events).toHaveLength(count);
  });

  it.each(['push-locker.json', 'push-returned.json', 'push-customs.json', 'push-problem.json', 'push-basic.json'])(
    'maps %s onto our vocabulary',
    async (name) => {
      const param = fixture(`kuaidi100/${name}`);
      expect((await pushKuaidi100(param)).statusCode).toBe(200);
      const stored = await shipment(JSON.parse(param).lastResult.nu);
      expect(stored.events.length).toBeGreaterThan(0);
      expect(stored.events.every((e: { source: string }) => e.source === 'kuaidi100')).toBe(true);
    },
  );

  it('refuses a wrong signature or a tampered param, and stores nothing', async () => {
    const param = fixture('kuaidi100/push-customs.json').replace(/"nu": *"[^"]+"/, '"nu": "TAMPERED0001"');
    const tampered = await pushKuaidi100(param, sign(fixture('kuaidi100/push-customs.json')));
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json()).toMatchObject({ result: false, code: 'FEED_SIGNATURE_INVALID', message: '签名校验失败。' });
    const wrongSalt = await pushKuaidi100(param, sign(param, 'not-the-salt'));
    expect(wrongSalt.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments/TAMPERED0001', headers: admin.headers() })).statusCode).toBe(404);
  });

  it('refuses a form without param or sign, and a param that is not JSON', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/feeds/kuaidi100',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'param=x',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('VALIDATION_FAILED');
    const notJson = await pushKuaidi100('{not json');
    expect(notJson.statusCode).toBe(400);
  });
});

describe('AfterShip webhook', () => {
  it('stores a signed webhook; a redelivery stores nothing new', async () => {
    const body = fixture('aftership/tracking-update-delivered.json');
    const waybillNo = JSON.parse(body).msg.tracking_number;
    const response = await pushAfterShip(body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true });
    expect(response.json().stored).toBeGreaterThan(0);
    expect((await shipment(waybillNo)).status).toBe('delivered');
    const again = await pushAfterShip(body);
    expect(again.json().stored).toBe(0);
  });

  it('reports bad checkpoints by index and stores the good ones', async () => {
    const body = fixture('aftership/tracking-update-bad-checkpoints.json');
    const response = await pushAfterShip(body);
    expect(response.statusCode).toBe(200);
    expect(response.json().stored).toBe(1);
    expect(response.json().rejected).toEqual([
      { index: 0, code: 'CHECKPOINT_TIME_UNREADABLE', reason: '无法识别 checkpoint_time“20/11/2026 10:00”（应为 ISO 8601 格式）' },
      { index: 1, code: 'CHECKPOINT_TAG_MISSING', reason: '缺少 tag' },
      { index: 2, code: 'CHECKPOINT_TAG_UNKNOWN', reason: '未知的 tag“Lost”' },
      { index: 3, code: 'CHECKPOINT_NOT_OBJECT', reason: 'checkpoint 不是对象' },
      { index: 4, code: 'CHECKPOINT_TIME_MISSING', reason: '缺少 checkpoint_time' },
    ]);
  });

  it('names a checkpoint that ingestion refuses by its place in msg.checkpoints, in the caller’s language', async () => {
    const webhook = JSON.parse(fixture('aftership/tracking-update-bad-checkpoints.json'));
    const good = webhook.msg.checkpoints[5];
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    // Sorted oldest first, the future checkpoint is the second event: its index must still be 0.
    webhook.msg.tracking_number = 'YT7598765432199';
    webhook.msg.checkpoints = [{ ...good, checkpoint_time: at(72) }, { ...good, tag: undefined }, { ...good, checkpoint_time: at(-1) }];
    const body = JSON.stringify(webhook);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/feeds/aftership',
      headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': hmac(body), 'accept-language': 'en-US' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().stored).toBe(1);
    expect(response.json().rejected).toEqual([
      { index: 0, code: 'EVENT_TIME_IN_FUTURE', reason: 'event time is more than a day in the future' },
      { index: 1, code: 'CHECKPOINT_TAG_MISSING', reason: 'tag missing' },
    ]);
  });

  it('refuses a bad signature', async () => {
    const body = fixture('aftership/tracking-update-exception.json');
    const response = await pushAfterShip(body, hmac(body, 'wrong-secret'));
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('FEED_SIGNATURE_INVALID');
  });
});

describe('feeds without a configured secret', () => {
  it('are refused rather than trusted', async () => {
    const bare = await createTestApp();
    try {
      const response = await bare.app.inject({
        method: 'POST',
        url: '/api/feeds/aftership',
        headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': 'x' },
        payload: '{}',
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe('FEED_NOT_CONFIGURED');
    } finally {
      await bare.close();
    }
  });
});
