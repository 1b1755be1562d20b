/**
 * The account managers' desk in Chromium (docs/product.md §5): kam01 opens the desk from the menu,
 * finds the demo account whose planned callback is overdue at the top, in red, opens its customer
 * view from the row, downloads last month's monthly report (PDF) from it and comes back, then logs that callback as reached and sees the next one
 * planned — in the message, in the account's row, and gone from the callbacks due. A supervisor
 * sees every assigned account with its manager, chooses those without one, selects it and assigns it to kam01.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, signInPage, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

const OVERDUE = '上海恒达服饰有限公司';
/** The machine is shared: give a list that reloads after a save some seconds. */
const WAIT = { timeout: 15_000 };

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
}, 60_000);
afterAll(() => stack?.close());

describe('the account desk on the console', () => {
  it('kam01 sees the overdue account first, opens its 360 view, logs the callback as reached and sees the next one planned', async () => {
    const kam = await staffHeaders(stack.server.url, 'kam01');
    const page = await stack.browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await signInPage(page, stack.server.url, 'kam01');
    await page.click('.ant-menu >> text=客户经理工作台');
    await page.waitForURL(/\/desk$/);

    const rows = page.locator('[data-testid="desk-accounts"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(1);
    const first = rows.first();
    expect(await first.innerText()).toContain(OVERDUE);
    expect(await first.locator('[data-testid="desk-overdue"]').innerText()).toMatch(/逾期 \d+ 天/);
    // In red: AntD's danger text.
    expect(await first.locator('[data-testid="desk-overdue"]').getAttribute('class')).toContain('ant-typography-danger');
    // Only the one overdue account is flagged overdue.
    expect(await page.locator('[data-testid="desk-accounts"] [data-testid="desk-overdue"]').count()).toBe(1);
    const due = page.locator('[data-testid="desk-callbacks"] tbody tr.ant-table-row', { hasText: OVERDUE });
    expect(await due.innerText()).toMatch(/逾期 \d+ 天/);
    await page.screenshot({ path: path.join(SHOTS, 'account-desk.png'), fullPage: true });

    // The row opens the customer view; back brings the desk.
    await first.locator('td').nth(3).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const customerId = page.url().split('/').pop()!;
    await expect.poll(() => page.locator('main, .ant-layout-content').first().innerText(), WAIT).toContain(OVERDUE);

    // kam01 downloads last month's monthly report (the demo made it on first start) from the account's page.
    await page.click('.ant-tabs-tab >> text=月度报表');
    const pdfLink = page.locator('[data-testid="customer-reports"] [data-testid="report-pdf"]').first();
    await pdfLink.waitFor(WAIT);
    await page.screenshot({ path: path.join(SHOTS, 'account-desk-reports.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), pdfLink.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${OVERDUE}-\\d{4}年\\d{1,2}月-月度统计分析表\\.pdf$`));
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    // Charts, tables and the embedded Chinese font subset: tens of kilobytes, not an error page.
    expect(file.length).toBeGreaterThan(20_000);
    // Tabs replace the address, so back leaves the customer for the desk.
    await page.goBack();
    await page.waitForURL(/\/desk$/);
    await expect.poll(() => rows.first().innerText(), WAIT).toContain(OVERDUE);

    // Log the overdue callback as reached.
    await due.locator('[data-testid="callback-log"]').click();
    await page.waitForSelector('[data-testid="callback-outcome-form"]');
    await page.click('.ant-modal .ant-radio-button-wrapper >> text=已联系上');
    await page.locator('.ant-modal .ant-rate-star').nth(3).click();
    await page.fill('[data-testid="callback-note"]', '客户反馈近期准时率下降，已说明改进措施。');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('.ant-message').innerText(), WAIT).toMatch(/下次回访计划在 \d{4}-\d{2}-\d{2}/);

    const plan = (await (await fetch(`${stack.server.url}/api/customers/${customerId}/callback-plan`, { headers: kam })).json()) as {
      open: { dueDate: string; cadence: string } | null;
      history: { outcome: string | null; satisfaction: number | null; note: string | null }[];
    };
    expect(plan.open?.cadence).toBe('monthly');
    expect(plan.history[0]).toMatchObject({ outcome: 'reached', satisfaction: 4, note: '客户反馈近期准时率下降，已说明改进措施。' });
    expect(await page.locator('.ant-message').innerText()).toContain(plan.open!.dueDate);

    // The list refreshed: the callback is no longer due, the account's next callback is the new one.
    await expect.poll(() => page.locator('[data-testid="desk-callbacks"]').innerText(), WAIT).not.toContain(OVERDUE);
    const row = rows.filter({ hasText: OVERDUE });
    await expect.poll(() => row.innerText(), WAIT).toContain(plan.open!.dueDate);
    expect(await page.locator('[data-testid="desk-accounts"] [data-testid="desk-overdue"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'account-desk-logged.png'), fullPage: true });
    await page.close();
  });

  it('a supervisor selects the account without a manager and assigns it to kam01', async () => {
    const unassigned = '南京嘉禾家居用品有限公司';
    const page = await stack.browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await signInPage(page, stack.server.url, 'supervisor01');
    await page.goto(`${stack.server.url}/desk`);
    await expect.poll(() => page.locator('[data-testid="desk-accounts"] tbody tr.ant-table-row').count(), WAIT).toBeGreaterThan(1);
    // Every manager's accounts by default, with the manager named; the one without is under its own choice.
    expect(await page.locator('[data-testid="desk-accounts"]').innerText()).toContain('陈静');
    expect(await page.locator('[data-testid="desk-accounts"]').innerText()).not.toContain(unassigned);
    await page.locator('.ant-card-extra .ant-select').click();
    await page.click('.ant-select-dropdown:visible .ant-select-item-option >> text=未指定客户经理的企业客户');
    const row = page.locator('[data-testid="desk-accounts"] tbody tr.ant-table-row', { hasText: unassigned });
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await page.locator('[data-testid="desk-assign"]').isDisabled()).toBe(true);
    await row.locator('.ant-table-selection-column .ant-checkbox-input').check();
    expect(page.url()).toMatch(/\/desk$/);
    await page.click('[data-testid="desk-assign"]');
    await page.locator('.ant-modal .ant-select').click();
    await page.click('.ant-select-dropdown:visible .ant-select-item-option >> text=陈静');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('.ant-message').innerText(), WAIT).toContain('1 个变更');
    await expect.poll(() => row.count(), WAIT).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'account-desk-assigned.png'), fullPage: true });

    const kam = await staffHeaders(stack.server.url, 'kam01');
    const mine = (await (await fetch(`${stack.server.url}/api/account-desk/accounts`, { headers: kam })).json()) as { items: { name: string }[] };
    expect(mine.items.map((a) => a.name)).toContain(unassigned);
    await page.close();
  });
});
