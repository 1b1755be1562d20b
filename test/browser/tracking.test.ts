/**
 * Tracking in Chromium: a customer on the public page (with the phone check) and an agent finding
 * a shipment and reading its timeline and exceptions. Data goes in through the real HTTP API.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { RunningServer } from '../../src/server.js';
import { SHOTS, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;
/** When the fixture parcels were scanned, so a test can name their times without racing the minute. */
let seededAt = 0;

async function api(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Record<string, string>> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ server, browser } = stack);
  // An integration key, one shipment, and its scans — through the HTTP API, as a scanner would.
  const admin = await staffHeaders(server.url, 'admin');
  const { key } = await api('POST', '/api/api-keys', { name: '浏览器测试扫描枪', role: 'integration' }, admin);
  const auth = { authorization: `Bearer ${key}` };
  await api(
    'POST',
    '/api/shipments',
    {
      shipments: [
        {
          waybillNo: 'PD8800000001',
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
        },
        {
          waybillNo: 'PD8800000002',
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '王五', phone: '13912340000', address: '浙江省杭州市西湖区文三路90号' },
        },
      ],
    },
    auth,
  );
  seededAt = Date.now();
  const at = (h: number) => new Date(seededAt - h * 3_600_000).toISOString();
  await api(
    'POST',
    '/api/tracking/events',
    {
      events: [
        { waybillNo: 'PD8800000001', eventTime: at(100), status: 'picked_up', subStatus: 'picked_up', text: '【上海市】快递员已揽收', site: '上海浦东营业部' },
        { waybillNo: 'PD8800000001', eventTime: at(90), status: 'in_transit', subStatus: 'arrived', text: '【杭州市】快件已到达杭州转运中心', site: '杭州转运中心' },
        { waybillNo: 'PD8800000002', eventTime: at(30), status: 'picked_up', subStatus: 'picked_up', text: '【上海市】快递员已揽收', site: '上海浦东营业部' },
        { waybillNo: 'PD8800000002', eventTime: at(6), status: 'delivered', subStatus: 'self', text: '【杭州市】已签收，签收人：本人', site: '文三路营业部' },
      ],
    },
    auth,
  );
});

afterAll(() => stack?.close());

async function newPage(): Promise<Page> {
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
}

describe('public tracking page', () => {
  it('a customer sees status, timeline and delay notice; names and addresses, masked, only after the phone check', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/track`);
    // A typo and a paste gone wrong (too long for the server to take) do not hide the good numbers.
    await page.fill('[data-testid="track-input"]', `PD8800000001\nZZ0000000000\npd#1\n${'X'.repeat(70)}`);
    await page.click('[data-testid="track-submit"]');
    const result = page.locator('[data-testid="track-result"][data-waybill="PD8800000001"]');
    await expect.poll(() => result.innerText()).toContain('运输中');
    const text = await result.innerText();
    expect(text).toContain('快件已到达杭州转运中心');
    expect(text).toMatch(/承诺|超过/);
    expect(text).not.toContain('李四');
    expect(await result.locator('[data-testid="track-verified"]').count()).toBe(0);
    expect(await page.locator('[data-testid="track-result"][data-waybill="ZZ0000000000"]').innerText()).toContain('未查到');
    for (const malformed of ['PD#1', 'X'.repeat(70)]) {
      const card = page.locator(`[data-testid="track-result"][data-waybill="${malformed}"]`);
      expect(await card.getAttribute('data-invalid')).toBe('true');
      expect(await card.innerText()).toContain('单号格式不正确');
    }
    expect(await page.locator('[data-testid="track-result"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-waybill')))).toEqual(['PD8800000001', 'ZZ0000000000', 'PD#1', 'X'.repeat(70)]);
    await page.screenshot({ path: path.join(SHOTS, 'track-unverified.png'), fullPage: true });

    await page.fill('[data-testid="track-phone"]', '5678');
    await page.click('[data-testid="track-submit"]');
    await expect.poll(() => result.locator('[data-testid="track-verified"]').count()).toBeGreaterThan(0);
    const verified = await result.innerText();
    // The parties as every page shows them: masked (domain/privacy.ts).
    expect(verified).toContain('李*');
    expect(verified).toContain('浙江省杭州市西湖区****');
    expect(verified).not.toContain('李四');
    expect(verified).not.toContain('文三路90号');
    expect(verified).not.toContain('13912345678');
    await page.screenshot({ path: path.join(SHOTS, 'track-verified.png'), fullPage: true });
    await page.close();
  });
});

describe('one story per parcel on the tracking page', () => {
  it.each(['zh-CN', 'en-US'])('%s: a delivered parcel shows when it was signed for; a late one since when, never a past expected time', async (locale) => {
    const zh = locale === 'zh-CN';
    const page = await browser.newPage({ locale, viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/track`);
    await page.evaluate((l) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('pd.locale', l), locale);
    await page.reload();
    await page.fill('[data-testid="track-input"]', 'PD8800000001\nPD8800000002');
    await page.click('[data-testid="track-submit"]');
    const late = page.locator('[data-testid="track-result"][data-waybill="PD8800000001"]');
    const delivered = page.locator('[data-testid="track-result"][data-waybill="PD8800000002"]');
    await expect.poll(() => delivered.locator('[data-testid="story-signed-at"]').count()).toBe(1);

    // Delivered: 签收时间 with the scan's time in the company's zone; no 预计送达.
    const signedAt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(seededAt - 6 * 3_600_000));
    expect(await delivered.locator('[data-testid="story-signed-at"]').innerText()).toBe(signedAt);
    const deliveredText = await delivered.innerText();
    expect(deliveredText).toContain(zh ? '签收时间' : 'Signed for');
    expect(deliveredText).not.toContain(zh ? '预计送达' : 'Expected by');
    expect(await delivered.locator('[data-testid="story-tag"]').getAttribute('data-code')).toBe('delivered');

    // Late (promised 28 hours ago) and without a scan for 90 hours: late since the promise, no 预计送达.
    const lateText = await late.innerText();
    expect(await late.locator('[data-testid="story-expected-by"]').count()).toBe(0);
    expect(lateText).not.toContain(zh ? '预计送达' : 'Expected by');
    expect(await late.locator('[data-testid="story-late-since"]').innerText()).toContain(zh ? '（已延误）' : '(late since then)');
    expect(await late.locator('[data-testid="track-story"]').innerText()).toMatch(zh ? /已超过承诺送达时间.*暂无新的物流信息/ : /past its promised delivery time.*no new scan/);
    expect(lateText).not.toMatch(/加急|理赔|expedit|claim/i);
    await page.screenshot({ path: path.join(SHOTS, `track-story-${locale}.png`), fullPage: true });
    await page.close();
  });
});

describe('public tracking page on a device set to UTC', () => {
  it("shows every time in the company's zone and says so; a locked phone check says when to try again, not that the digits are wrong", async () => {
    const track = async (phoneLast4: string) =>
      (await api('POST', '/api/public/track', { waybillNos: ['PD8800000001'], phoneLast4 }, {})) as unknown as {
        timeZone: string;
        results: { events: { time: string }[] }[];
      };
    // Five wrong guesses lock the check for the hour (anyone may make them).
    let answer = await track('0001');
    for (const digits of ['0002', '0003', '0004', '0005']) answer = await track(digits);
    expect(answer.timeZone).toBe('Asia/Shanghai');
    const newest = new Date(Math.max(...answer.results[0]!.events.map((e) => Date.parse(e.time))));
    const wallClock = (timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(newest);

    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/track`);
    await page.fill('[data-testid="track-input"]', 'PD8800000001');
    await page.fill('[data-testid="track-phone"]', '5678');
    await page.click('[data-testid="track-submit"]');
    const result = page.locator('[data-testid="track-result"][data-waybill="PD8800000001"]');
    await expect.poll(() => result.innerText()).toContain('杭州转运中心');
    const text = await result.innerText();
    expect(text).toContain(wallClock('Asia/Shanghai'));
    expect(text).not.toContain(wallClock('UTC'));
    const note = page.locator('[data-testid="public-time-zone"]');
    expect(await note.innerText()).toContain('中国标准时间');
    expect(await note.getAttribute('data-zone')).toBe('Asia/Shanghai');

    const phoneNote = result.locator('[data-testid="track-phone-note"]');
    expect(await phoneNote.getAttribute('data-locked')).toBe('true');
    expect(await phoneNote.innerText()).toMatch(/请在 \d{2}:\d{2} 后再试/);
    expect(await phoneNote.innerText()).not.toContain('不符');
    await page.screenshot({ path: path.join(SHOTS, 'track-locked-utc.png'), fullPage: true });
    await page.close();
  });
});

describe('agent console', () => {
  it('an agent finds the shipment by phone and reads its timeline and the delay', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'agent01');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="current-user"]');
    await page.goto(`${server.url}/shipments`);
    await page.fill('[data-testid="shipment-search"]', '13912345678');
    await page.keyboard.press('Enter');
    const results = page.locator('[data-testid="shipment-results"]');
    await expect.poll(() => results.innerText()).toContain('PD8800000001');
    expect(await results.innerText()).not.toContain('13912345678');
    await page.click('text=PD8800000001');
    await page.waitForSelector('[data-testid="shipment-detail"]');
    await expect.poll(() => page.locator('[data-testid="shipment-timeline"]').innerText()).toContain('杭州转运中心');
    await expect.poll(() => page.locator('[data-testid="shipment-exceptions"]').innerText()).toContain('延误');
    await page.screenshot({ path: path.join(SHOTS, 'shipment-detail.png'), fullPage: true });
    await page.close();
  });
});
