/**
 * The work plan and the list's saved views in the console (docs/product.md §4): agent01 opens the
 * work plan from the list, picks the demo service centre and the week, sees today's visits (the
 * urgent one first) and opens the clean print page its button links to; back on the list, the agent
 * keeps fewer columns and the Z1 filter as a view, which is there again after a reload and applies
 * both when chosen.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, signInPage, startBrowserStack, type BrowserStack } from '../support/browser.js';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(() => stack?.close());

async function pick(page: Page, testId: string, text: string) {
  const select = page.locator(`[data-testid="${testId}"]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option >> text=${text}`).first().click();
    const shown = async () => (await select.innerText()).includes(text);
    for (let i = 0; i < 20 && !(await shown()); i++) await page.waitForTimeout(100);
    if (await shown()) return;
  }
  throw new Error(`could not pick ${text} in ${testId}`);
}

describe('the work plan and saved views in the console', () => {
  it('an agent prints a work center’s week and keeps a view of the list', async () => {
    const { server, browser } = stack;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, server.url, 'agent01');
    await page.goto(`${server.url}/service-orders`);
    await page.click('[data-testid="so-plan"]');
    await page.waitForURL(/\/service-orders\/plan/);
    await pick(page, 'plan-work-center', 'S4002');
    await page.locator('[data-testid="plan-span"] >> text=按周').click();
    await expect.poll(() => page.locator('[data-testid="plan"]').innerText(), { timeout: 15_000 }).toContain('沙发五金件松动');
    // today's table (the demo's visits are today's): the urgent visit of the day leads
    const today = page.locator('[data-testid^="plan-day-"]', { hasText: '沙发五金件松动' });
    await expect.poll(async () => (await today.locator('tbody tr.ant-table-row').first().innerText()).includes('衣柜门无法开启')).toBe(true);
    expect(await page.locator('[data-testid="plan-summary"]').innerText()).toMatch(/^共 \d+ 项/);
    await page.screenshot({ path: path.join(SHOTS, 'service-order-plan.png'), fullPage: true });

    const href = await page.locator('[data-testid="plan-print"]').getAttribute('href');
    expect(href).toMatch(/^\/api\/service-orders\/work-plan\.html\?workCenterId=[0-9a-f-]{36}&date=\d{4}-\d{2}-\d{2}&span=week$/);
    const print = await context.newPage();
    await print.goto(`${server.url}${href}`);
    expect(await print.locator('h1').innerText()).toBe('工作计划表');
    expect(await print.locator('body').innerText()).toContain('沙发五金件松动');
    await print.screenshot({ path: path.join(SHOTS, 'service-order-plan-print.png'), fullPage: true });
    await print.close();
    expect(await page.locator('[data-testid="plan-xlsx"]').getAttribute('href')).toContain('/api/service-orders/work-plan.xlsx?');

    // the list: drop the type column, filter Z1, save it as a view
    await page.goto(`${server.url}/service-orders`);
    await expect.poll(() => page.locator('[data-testid="so-list"]').innerText()).toContain('活动柜锁坏');
    await page.locator('[data-testid="so-columns"] .ant-select-selection-item >> text=类型').locator('xpath=..').locator('.ant-select-selection-item-remove').click();
    await pick(page, 'so-filter-type', 'Z1');
    await expect.poll(() => page.locator('[data-testid="so-list"]').innerText()).not.toContain('到货少件');
    await page.click('[data-testid="so-view-save"]');
    await page.fill('[data-testid="so-view-form"] input', '我的 Z1');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('[data-testid="so-views"]').innerText()).toContain('我的 Z1');

    await page.reload();
    await expect.poll(() => page.locator('[data-testid="so-list"]').innerText()).toContain('到货少件');
    await pick(page, 'so-views', '我的 Z1');
    await expect.poll(() => page.locator('[data-testid="so-list"]').innerText()).not.toContain('到货少件');
    const headers = await page.locator('[data-testid="so-list"] thead th').allInnerTexts();
    expect(headers).not.toContain('类型');
    expect(headers).toContain('通知单');
    await context.close();
  });
});
