/**
 * The console in a real Chromium against a real server, started the way `npm start` starts it
 * (fresh PGlite folder, migrations, demo company, HTTP on a port).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import type { RunningServer } from '../../src/server.js';
import { SHOTS, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn', jobsEnabled: true });
  ({ server, browser } = stack);
});

afterAll(() => stack?.close());

async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/login/);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid="login-submit"]');
}

describe('console', () => {
  it('has CJK fonts on this machine, so Chinese renders as text and not as boxes', () => {
    const fonts = execFileSync('fc-list', [':lang=zh', 'family']).toString();
    expect(fonts).toMatch(/Noto (Sans|Serif) CJK/);
  });

  it('an admin signs in through the page and sees the console in Chinese', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
    await signIn(page, 'admin');
    await expect.poll(() => page.textContent('[data-testid="current-user"]')).toBe('系统管理员');
    // The navigation names the capabilities of docs/product.md.
    const nav = await page.locator('.ant-layout-sider').innerText();
    for (const name of ['工作台', '快件跟踪', '工单', '理赔', '服务通知单', '客户', '服务质检', '用户', '审计日志']) {
      expect(nav).toContain(name);
    }
    await page.screenshot({ path: path.join(SHOTS, 'home-zh.png') });

    await page.click('text=用户');
    await page.waitForURL(/\/admin\/users/);
    await expect.poll(() => page.locator('.ant-table-tbody').innerText()).toContain('王晓敏');
    expect(await page.locator('.ant-table-tbody').innerText()).toContain('supervisor01');
    await page.screenshot({ path: path.join(SHOTS, 'users-zh.png') });

    // 报表 opens the supervision reports, which every capability of the menu now has built.
    await page.click('.ant-layout-sider >> text=报表');
    await page.waitForURL(/\/reports\/supervision$/);
    await expect.poll(() => page.locator('main, .ant-layout-content').first().innerText()).toContain('服务监督报告');
    expect(await page.locator('.ant-layout-sider').innerText()).not.toContain('未开放');

    // The audit log shows this very sign-in.
    await page.click('text=审计日志');
    await page.waitForURL(/\/admin\/audit/);
    await expect.poll(() => page.locator('.ant-table-tbody').innerText()).toContain('admin');
    await page.close();
  });

  it('switches the whole console to English', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, 'admin');
    await page.waitForSelector('[data-testid="current-user"]');
    await page.click('[data-testid="locale-switch"]');
    await expect.poll(() => page.locator('.ant-layout-sider').innerText()).toContain('Shipments');
    const nav = await page.locator('.ant-layout-sider').innerText();
    expect(nav).toContain('Audit log');
    expect(nav).not.toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: path.join(SHOTS, 'home-en.png') });
    await page.close();
  });

  it("shows times in the company's zone on a machine set to UTC, says so once, and counts audit days from the company's midnight", async () => {
    // A known instant: the newest scan of a demo parcel, read over the API.
    const headers = await staffHeaders(server.url, 'admin');
    const found = (await (await fetch(`${server.url}/api/shipments?page=1&pageSize=1`, { headers })).json()) as { items: { waybillNo: string }[] };
    const waybillNo = found.items[0]!.waybillNo;
    const detail = (await (await fetch(`${server.url}/api/shipments/${waybillNo}`, { headers })).json()) as { events: { time: string }[] };
    const newest = new Date(Math.max(...detail.events.map((e) => Date.parse(e.time))));
    const wallClock = (timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(newest);

    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1366, height: 800 } });
    await signIn(page, 'admin');
    const hint = page.locator('[data-testid="company-time-zone"]');
    await expect.poll(() => hint.innerText()).toContain('中国标准时间');
    expect(await hint.getAttribute('data-zone')).toBe('Asia/Shanghai');

    await page.goto(`${server.url}/shipments/${waybillNo}`);
    const newestEvent = page.locator('[data-testid="timeline-event"]').first();
    await expect.poll(() => newestEvent.innerText()).toContain(wallClock('Asia/Shanghai'));
    expect(await newestEvent.innerText()).not.toContain(wallClock('UTC'));
    await page.screenshot({ path: path.join(SHOTS, 'shipment-company-time.png') });

    // A day picked in the audit log is the company's day: 2026-03-02 runs from 16:00 UTC the day before.
    const query = page.waitForRequest(/\/api\/audit\?/);
    await page.goto(`${server.url}/admin/audit?from=2026-03-02&to=2026-03-02`);
    const sent = new URL((await query).url());
    expect(sent.searchParams.get('from')).toBe('2026-03-01T16:00:00.000Z');
    expect(sent.searchParams.get('to')).toBe('2026-03-02T16:00:00.000Z');
    await page.close();
  });

  it('a wrong password shows the reason on the sign-in page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, 'agent01', 'not-my-password');
    await expect.poll(() => page.textContent('[data-testid="login-error"]')).toContain('用户名或密码错误');
    await page.close();
  });

  it('an agent sees no administration and is refused at its address', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, 'agent01');
    await expect.poll(() => page.textContent('[data-testid="current-user"]')).toBe('王晓敏');
    const nav = await page.locator('.ant-layout-sider').innerText();
    expect(nav).toContain('工作台');
    expect(nav).not.toContain('审计日志');
    await page.goto(`${server.url}/admin/audit`);
    await expect.poll(() => page.locator('.ant-result').first().innerText()).toMatch(/403|无权|没有权限/);
    await page.close();
  });
});
