/**
 * Customers in Chromium (docs/product.md §5): an account manager finds their account by its credit
 * code, opens the customer view, sees personal data masked, shows it in full (the view says it was
 * recorded), moves the billing address of the 月结 account and finds the settlement task on the
 * view and on the list; an agent reads the same customer without any way to change it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, signInPage, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let stack: BrowserStack;
let customerId = '';

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
  const kam = await staffHeaders(stack.server.url, 'kam01');
  const response = await fetch(`${stack.server.url}/api/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...kam },
    body: JSON.stringify({
      kind: 'enterprise',
      name: '深圳市云帆电子商务有限公司',
      phone: '13900005555',
      creditCode: '91440300708461136T',
      contacts: [{ name: '林小雨', role: '发货负责人', phones: ['13900001111'] }],
      addresses: [{ kind: 'billing', address: '广东省深圳市福田区福华一路88号' }],
      monthlyAccounts: ['7550012345'],
    }),
  });
  expect(response.status).toBe(201);
  customerId = ((await response.json()) as { id: string }).id;
}, 60_000);
afterAll(() => stack?.close());

describe('customers on the console', () => {
  it('kam01 finds the account, reveals it (recorded), moves the billing address and gets the settlement task', async () => {
    const page = await stack.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signInPage(page, stack.server.url, 'kam01');
    await page.click('text=客户');
    await page.waitForURL(/\/customers/);
    await page.fill('[data-testid="customer-search"]', '91440300708461136t');
    await page.click('[data-testid="customer-search-submit"]');
    await expect.poll(() => page.locator('[data-testid="customer-results"]').innerText()).toContain('深圳市云帆电子商务有限公司');
    await page.click('text=深圳市云帆电子商务有限公司');
    await page.waitForURL(new RegExp(`/customers/${customerId}`));
    await expect.poll(() => page.locator('main, .ant-layout-content').first().innerText()).toContain('139****5555');
    // Claims have their own tab: this account has none yet, and says so.
    await page.click('.ant-tabs-tab >> text=理赔');
    await expect.poll(() => page.locator('[data-testid="customer-claims"]').innerText()).toContain('该客户暂无理赔');
    await page.click('.ant-tabs-tab >> text=概况');

    await page.click('[data-testid="customer-reveal"]');
    await page.waitForSelector('[data-testid="customer-revealed"]');
    await expect.poll(() => page.locator('main, .ant-layout-content').first().innerText()).toContain('13900005555');

    await page.click('.ant-tabs-tab >> text=地址');
    await page.click('[data-testid="address-change"]');
    await page.waitForSelector('[data-testid="address-form"]');
    expect(await page.locator('.ant-modal').innerText()).toContain('结清账户');
    await page.fill('[data-testid="address-input"]', '广东省广州市天河区珠江新城华夏路30号');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('[data-testid="customer-address"]').innerText()).toContain('广东省广州市天河区');
    await page.click('[data-testid="address-history"] summary');
    expect(await page.locator('[data-testid="address-history"]').innerText()).toContain('修改');
    await page.screenshot({ path: path.join(SHOTS, 'customer-360-address-history.png') });

    await page.click('.ant-tabs-tab >> text=任务');
    await expect.poll(() => page.locator('[data-testid="customer-task"]').first().innerText()).toContain('7550012345');
    await page.goto(`${stack.server.url}/customers`);
    await expect.poll(() => page.locator('[data-testid="customer-tasks"]').innerText()).toContain('月结客户地址变更');
    await page.screenshot({ path: path.join(SHOTS, 'customers-list-tasks.png') });
    await page.close();
  });

  it('an agent reads the customer masked, with no way to change or reveal it', async () => {
    const page = await stack.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signInPage(page, stack.server.url, 'agent01');
    await page.goto(`${stack.server.url}/customers/${customerId}`);
    await expect.poll(() => page.locator('main, .ant-layout-content').first().innerText()).toContain('139****5555');
    expect(await page.locator('[data-testid="customer-edit"]').count()).toBe(0);
    expect(await page.locator('[data-testid="customer-reveal"]').count()).toBe(0);
    expect(await page.locator('[data-testid="customer-merge"]').count()).toBe(0);
    await page.close();
  });
});
