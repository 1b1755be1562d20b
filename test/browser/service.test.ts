/**
 * Customer self-service and supervision in Chromium: a customer opens a complaint on /service after
 * the phone check, follows its link and replies; an agent resolves it through the HTTP API; the
 * customer is refused a low rating without a reason and then rates it with one. A supervisor sees
 * the SLA board, shows the customer's number for the callback the resolution scheduled (audited)
 * and records it.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import type { RunningServer } from '../../src/server.js';
import { clickUntilClosed, SHOTS, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

const WAYBILL = 'PD8800000077';
let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

async function api<T>(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ server, browser } = stack);
  // One shipment whose recipient's phone ends in 5678, registered as an order system would.
  const admin = await staffHeaders(server.url, 'admin');
  const key = await api<{ key: string }>('POST', '/api/api-keys', { name: '浏览器测试下单系统', role: 'integration' }, { ...admin });
  const registered = await api(
    'POST',
    '/api/shipments',
    {
      shipments: [
        {
          waybillNo: WAYBILL,
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
        },
      ],
    },
    { authorization: `Bearer ${key.body.key}` },
  );
  expect(registered.status).toBeLessThan(300);
});

afterAll(() => stack?.close());

async function newPage(): Promise<Page> {
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
}

describe('customer self-service', () => {
  it('a customer complains, follows the link, replies, and rates the resolution (with a reason when low)', async () => {
    const page = await newPage();
    // From the tracking page's link, the waybill comes along; digits already verified there too,
    // though never in the address.
    await page.goto(`${server.url}/track`);
    await page.fill('[data-testid="track-input"]', WAYBILL);
    await page.fill('[data-testid="track-phone"]', '5678');
    await page.click('[data-testid="track-submit"]');
    await page.waitForSelector('[data-testid="track-verified"]');
    await page.click('[data-testid="track-ask"]');
    await page.waitForURL(/\/service\?waybill=/);
    expect(page.url()).not.toContain('5678');
    expect(await page.inputValue('[data-testid="service-create-waybill"]')).toBe(WAYBILL);
    expect(await page.inputValue('[data-testid="service-create-phone"]')).toBe('5678');

    await page.click('[data-testid="service-create-kind"] >> text=投诉');
    await page.fill('[data-testid="service-create-text"]', '快件超过承诺时间两天还没送到，快递员电话也打不通。');
    await page.fill('[data-testid="service-create-name"]', '李女士');
    // Wrong digits: the phone check refuses, and says so.
    await page.fill('[data-testid="service-create-phone"]', '0000');
    await page.click('[data-testid="service-create-submit"]');
    await expect.poll(() => page.locator('[data-testid="service-create-error"]').innerText()).toContain('不正确');

    await page.fill('[data-testid="service-create-phone"]', '5678');
    await page.click('[data-testid="service-create-submit"]');
    await page.waitForSelector('[data-testid="service-created"]');
    const number = (await page.locator('[data-testid="service-created-number"]').innerText()).replace(/\D/g, '');
    expect(number).toMatch(/^\d+$/);
    const link = (await page.locator('[data-testid="service-created-link"]').innerText()).trim();
    expect(link).toMatch(/\/service\/t\/[A-Za-z0-9_-]{32,64}$/);
    const token = link.split('/service/t/')[1]!;
    await page.screenshot({ path: path.join(SHOTS, 'service-created.png'), fullPage: true });

    // Following the link: the complaint in plain words, then the customer adds a detail.
    await page.click('[data-testid="service-created-open"]');
    await page.waitForSelector('[data-testid="service-ticket"]');
    expect(await page.locator('[data-testid="service-ticket-number"]').innerText()).toContain(number);
    expect(await page.locator('[data-testid="service-ticket-status"]').innerText()).toBe('已受理，等待客服处理');
    expect(await page.locator('[data-testid="service-ticket-opened-label"]').innerText()).toBe('提交时间');
    await page.fill('[data-testid="service-reply-text"]', '补充：白天家里有人，可以放小区北门驿站。');
    await page.click('[data-testid="service-reply-submit"]');
    await expect.poll(() => page.locator('[data-testid="service-message"][data-from="customer"]').count()).toBe(2);

    // A photo of the problem goes with it (a real 1×1 PNG; the server sniffs the type).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await page.setInputFiles('[data-testid="service-photo"] input[type=file]', { name: '外包装.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator('[data-testid="service-files"]').innerText().catch(() => '')).toContain('外包装.png');

    // An agent resolves it (through the HTTP API, as the workstation would).
    const agent = await staffHeaders(server.url, 'agent01');
    const found = await api<{ items: { id: string; number: string }[] }>('GET', `/api/tickets?view=search&q=${WAYBILL}`, undefined, { ...agent });
    const ticket = found.body.items.find((item) => item.number === number)!;
    expect(ticket).toBeDefined();
    const detail = await api<{ version: number }>('GET', `/api/tickets/${ticket.id}`, undefined, { ...agent });
    const resolved = await api(
      'POST',
      `/api/tickets/${ticket.id}/resolve`,
      { version: detail.body.version, reply: '您好，已联系驿站核实，快件今天下午送到，给您带来不便深表歉意。', causeCode: 'station_handling' },
      { ...agent },
    );
    expect(resolved.status).toBe(200);

    // The customer sees the answer and is asked to rate.
    await page.reload();
    await page.waitForSelector('[data-testid="service-rating"]');
    expect(await page.locator('[data-testid="service-ticket-status"]').innerText()).toBe('已解决');
    expect(await page.locator('[data-testid="service-conversation"]').innerText()).toContain('快件今天下午送到');
    // The answer is signed by the agent's role, never 系统 or a name; the photo is still listed after the reload.
    expect(await page.locator('[data-testid="service-message"][data-from="staff"] [data-testid="service-message-author"]').innerText()).toMatch(/^客服专员 · /);
    expect(await page.locator('[data-testid="service-file"]').innerText()).toContain('外包装.png');
    // As a customer's phone shows it (390 px wide).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, 'service-ticket-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });

    // Two stars without a reason: the form refuses, and so does the server.
    await page.locator('[data-testid="service-rating-stars"] li').nth(1).click();
    await page.click('[data-testid="service-rating-submit"]');
    await expect.poll(() => page.locator('[data-testid="service-rating-form"]').innerText()).toContain('请写下原因');
    expect(await page.locator('[data-testid="service-rated"]').count()).toBe(0);
    const refused = await api<{ code: string }>('POST', `/api/public/tickets/${token}/rating`, { rating: 2 }, {});
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('RATING_REASON_REQUIRED');
    await page.screenshot({ path: path.join(SHOTS, 'service-rating-refused.png'), fullPage: true });

    await page.fill('[data-testid="service-rating-reason"]', '处理太慢，超时两天才送到。');
    await page.click('[data-testid="service-rating-submit"]');
    await page.waitForSelector('[data-testid="service-rated"]');
    const rated = await page.locator('[data-testid="service-rated"]').innerText();
    expect(rated).toContain('感谢您的评价');
    expect(rated).toContain('处理太慢');
    await page.screenshot({ path: path.join(SHOTS, 'service-rated.png'), fullPage: true });

    // "My requests" finds it again with the same phone check.
    await page.goto(`${server.url}/service`);
    await page.fill('[data-testid="service-lookup-waybill"]', WAYBILL);
    await page.fill('[data-testid="service-lookup-phone"]', '5678');
    await page.click('[data-testid="service-lookup-submit"]');
    await expect.poll(() => page.locator(`[data-testid="service-lookup-ticket"][data-number="${number}"]`).count()).toBe(1);
    await page.close();
  });

  it('a ticket the system opened for an exception is signed 系统通知, not 客服, and was never 提交 by the customer', async () => {
    const db = server.database.db;
    const shipment = await db
      .insertInto('shipments')
      .values({ waybill_no: 'PD8800000078', registered: true, recipient_name: '周七', recipient_phone: '13900004321' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('shipment_exceptions')
      .values({ shipment_id: shipment.id, waybill_no: 'PD8800000078', kind: 'stalled', raised_at: new Date(), site: null, area_code: null, detail: '{}' })
      .execute();
    await ticketExceptions({ db, reference: server.app.reference }, new Date(), 10_000);

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/service`);
    await page.fill('[data-testid="service-lookup-waybill"]', 'PD8800000078');
    await page.fill('[data-testid="service-lookup-phone"]', '4321');
    await page.click('[data-testid="service-lookup-submit"]');
    const found = page.locator('[data-testid="service-lookup-ticket"]');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.innerText()).toContain('系统创建');
    await found.locator('button').click();
    await page.waitForSelector('[data-testid="service-ticket"]');
    expect(await page.locator('[data-testid="service-ticket-opened-label"]').innerText()).toBe('系统创建时间');
    expect(await page.locator('[data-testid="service-message"]').first().getAttribute('data-from')).toBe('system');
    expect(await page.locator('[data-testid="service-message-author"]').first().innerText()).toMatch(/^系统通知 · /);
    expect(await page.locator('[data-testid="service-conversation"]').innerText()).not.toContain('客服 ·');
    // One story per parcel: the parcel's status on the ticket page is the ticket's title and /track's words.
    const parcel = page.locator('[data-testid="service-parcel"][data-waybill="PD8800000078"]');
    await expect.poll(() => parcel.count()).toBe(1);
    expect(await parcel.locator('[data-testid="story-tag"]').innerText()).toBe('快件停滞无更新');
    expect(await parcel.locator('[data-testid="service-parcel-story"]').innerText()).toContain('暂无新的物流信息。我们已登记核查，客服会与您联系。');
    expect(await page.locator('[data-testid="service-ticket"]').innerText()).toContain('快件停滞无更新：PD8800000078');
    await page.screenshot({ path: path.join(SHOTS, 'service-system-ticket-390.png'), fullPage: true });
    await page.close();
  });
});

describe('supervision', () => {
  it('a supervisor sees the SLA board and the duty roster, and records the callback', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'supervisor01');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="current-user"]');

    await page.click('.ant-layout-sider >> text=主管看板');
    await page.waitForURL(/\/board$/);
    await page.waitForSelector('[data-testid="board-updated"]');
    const supervisor = await staffHeaders(server.url, 'supervisor01');
    const board = await api<{ counts: { open: number } }>('GET', '/api/tickets/board', undefined, { ...supervisor });
    const openCard = page.locator('[data-testid="board-counts"] [data-count="open"]');
    await expect.poll(() => openCard.innerText()).toContain(String(board.body.counts.open));
    expect(await page.locator('[data-testid="board-counts"]').innerText()).toContain('即将超时');
    await page.waitForSelector('[data-testid="board-chart"] canvas');
    expect(await page.locator('[data-testid="board-breached"]').innerText()).toContain('已超时');
    const roster = page.locator('[data-testid="duty-roster"]');
    await expect.poll(() => roster.innerText()).toContain('王晓敏');

    // Putting someone on or off duty takes effect on the server.
    const row = roster.locator('tr', { hasText: '陈静' });
    const before = (await row.locator('[data-testid="duty-switch"]').getAttribute('aria-checked')) === 'true';
    await row.locator('[data-testid="duty-switch"]').click();
    await expect
      .poll(async () => {
        const duty = await api<{ displayName: string; onDuty: boolean }[]>('GET', '/api/duty', undefined, { ...supervisor });
        return duty.body.find((d) => d.displayName === '陈静')?.onDuty;
      })
      .toBe(!before);
    await page.screenshot({ path: path.join(SHOTS, 'board.png'), fullPage: true });

    // The resolved complaint scheduled a callback; the supervisor records it.
    await page.click('.ant-layout-sider >> text=回访与调查');
    await page.waitForURL(/\/callbacks$/);
    expect(await page.locator('[data-testid="callback-hours"]').innerText()).toContain('9:00–12:00');
    const callback = page.locator('[data-testid="callback-list"] tr', { hasText: WAYBILL });
    await expect.poll(() => callback.count()).toBe(1);
    // The number to dial is masked; the supervisor shows it, as a tel: link, and the look is audited.
    expect(await callback.locator('[data-testid="customer-phone"]').innerText()).toContain('139****5678');
    await callback.locator('[data-testid="customer-phone-reveal"]').click();
    const tel = callback.locator('[data-testid="customer-phone-tel"]');
    await expect.poll(() => tel.count()).toBe(1);
    expect(await tel.getAttribute('href')).toBe('tel:13912345678');
    expect(await callback.locator('[data-testid="customer-phone-recorded"]').innerText()).toContain('已记入审计日志');
    await page.screenshot({ path: path.join(SHOTS, 'callbacks-revealed.png'), fullPage: true });
    const audit = await api<{ items: { actorName: string }[] }>('GET', '/api/audit?action=ticket.customer_reveal', undefined, await staffHeaders(server.url, 'admin'));
    expect(audit.body.items.map((e) => e.actorName)).toEqual(['supervisor01']);
    await callback.locator('[data-testid="callback-record"]').click();
    // The dialog shows the number revealed on the row; it is not revealed (and audited) a second time.
    await expect.poll(() => page.textContent('[data-testid="callback-form-customer"]')).toContain('13912345678');
    // A click on a dialog still opening can be lost: choose until the outcome is checked, save until the dialog closes.
    const chosen = page.locator('[data-testid="callback-outcome"] input:checked');
    for (let i = 0; i < 3 && ((await chosen.count()) === 0 || (await chosen.inputValue()) !== 'satisfied'); i++) {
      await page.locator('[data-testid="callback-outcome"] label', { hasText: /^满意$/ }).click();
    }
    expect(await chosen.inputValue()).toBe('satisfied');
    await page.fill('[data-testid="callback-form"] textarea', '客户确认已收到快件。');
    const dialog = page.locator('.ant-modal', { has: page.locator('[data-testid="callback-form"]') });
    await clickUntilClosed(dialog, dialog.locator('.ant-modal-footer .ant-btn-primary'));
    await expect.poll(() => callback.count()).toBe(0);
    const reveals = await api<{ items: unknown[] }>('GET', '/api/audit?action=ticket.customer_reveal', undefined, await staffHeaders(server.url, 'admin'));
    expect(reveals.body.items).toHaveLength(1);
    await page.click('[data-testid="callback-show-done"]');
    await expect.poll(() => page.locator('[data-testid="callback-list"] tr', { hasText: WAYBILL }).innerText()).toContain('满意');
    await page.screenshot({ path: path.join(SHOTS, 'callbacks.png'), fullPage: true });
    await page.close();
  });
});
