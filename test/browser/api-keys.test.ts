/**
 * The API keys page (系统管理 → API 密钥) in Chromium: an admin issues a key for a scanner, sees
 * its secret once, the scanner sends a tracking event with it, the admin revokes it (the row then
 * offers no second revoke) and the very next request with the key is refused.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { SHOTS, signInPage, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
  ({ server, browser } = stack);
});

afterAll(() => stack?.close());

const signIn = (page: Page, username: string) => signInPage(page, server.url, username);

/** One scan of a demo parcel, sent the way a scanner sends it. */
async function sendScan(key: string, waybillNo: string): Promise<Response> {
  return fetch(`${server.url}/api/tracking/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [
        {
          waybillNo,
          eventTime: new Date().toISOString(),
          status: 'in_transit',
          subStatus: 'arrived',
          text: '【杭州市】快件已到达杭州转运中心',
          site: '杭州转运中心',
        },
      ],
    }),
  });
}

describe('API keys page', () => {
  it('an admin issues a key, sees the secret once, the key works, and once revoked it is refused', async () => {
    const headers = await staffHeaders(server.url, 'admin');
    const found = (await (await fetch(`${server.url}/api/shipments?page=1&pageSize=1`, { headers })).json()) as { items: { waybillNo: string }[] };
    const waybillNo = found.items[0]!.waybillNo;

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    await signIn(page, 'admin');
    await page.locator('.ant-layout-sider').getByText('API 密钥').click();
    await page.waitForURL(/\/admin\/api-keys$/);
    await expect.poll(() => page.title()).toContain('API 密钥');

    // The form refuses a blank name before anything is sent.
    await page.click('[data-testid="issue-key"]');
    const form = page.locator('[data-testid="issue-key-form"]');
    await form.locator('input#name').fill('   ');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => form.innerText()).toContain('请输入名称');

    await form.locator('input#name').fill('浦东转运中心扫描枪');
    await expect.poll(() => form.innerText()).toContain('系统对接');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();

    // The secret, once, with the warning and how to use it.
    const secretInput = page.locator('[data-testid="issued-secret"]');
    await secretInput.waitFor();
    const secret = await secretInput.inputValue();
    expect(secret).toMatch(/^pd_/);
    const dialog = page.locator('.ant-modal').filter({ has: secretInput });
    const dialogText = await dialog.innerText();
    expect(dialogText).toContain('关闭此窗口后将无法再次查看此密钥');
    expect(dialogText).toContain(`Authorization: Bearer ${secret}`);
    expect(dialogText).toContain('POST /api/tracking/events');
    // Let the dialog finish opening so the picture is of the dialog, not of its animation.
    await page.locator('.ant-zoom-appear, .ant-zoom-enter').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SHOTS, 'api-keys-secret-zh.png') });

    await page.click('[data-testid="secret-done"]');
    await secretInput.waitFor({ state: 'detached' });
    const row = page.locator('.ant-table-tbody tr', { hasText: '浦东转运中心扫描枪' });
    await expect.poll(() => row.innerText()).toContain('有效');
    expect(await row.innerText()).toContain(secret.slice(0, 10));
    // The page never shows the secret again.
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: path.join(SHOTS, 'api-keys-zh.png') });

    // A scanner with the key is let in.
    const accepted = await sendScan(secret, waybillNo);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ received: 1 });

    // Revoke, confirming the key by name.
    await row.locator('[data-testid="revoke-key"]').click();
    const confirm = page.locator('.ant-popconfirm');
    await expect.poll(() => confirm.innerText()).toContain('确定吊销密钥「浦东转运中心扫描枪」吗？');
    await confirm.locator('.ant-btn-dangerous').click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已吊销密钥「浦东转运中心扫描枪」');

    // Revoked keys are hidden until asked for; then greyed, with no second revoke.
    await expect.poll(() => row.count()).toBe(0);
    // With no active key left, the empty list says where the revoked ones are.
    const placeholder = page.locator('.ant-table-placeholder');
    if (await placeholder.count()) expect(await placeholder.innerText()).toContain('没有有效的 API 密钥');
    // The label beside the switch toggles it too.
    await page.getByText('显示已吊销', { exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="show-revoked"]').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => row.innerText()).toMatch(/已于 .+ 吊销/);
    expect(await row.locator('[data-testid="revoke-key"]').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'api-keys-revoked-zh.png') });

    // The very next request with the key is refused.
    const refused = await sendScan(secret, waybillNo);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'API_KEY_INVALID' });
    await page.close();
  });

  it('is not in the menu of a role without apiKeys.manage, and refused at its address', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, 'manager01');
    expect(await page.locator('.ant-layout-sider').innerText()).not.toContain('API 密钥');
    await page.goto(`${server.url}/admin/api-keys`);
    await expect.poll(() => page.locator('.ant-result').first().innerText()).toMatch(/无权访问/);
    await page.close();
  });
});
