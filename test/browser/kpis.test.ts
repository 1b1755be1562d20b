/**
 * The KPI dashboard in Chromium (docs/product.md §6, issue 20 §3, §6) on the demo company, whose
 * month of parcels and tickets the demo start rolled up into the daily facts, against the demo's
 * targets: manager01 opens the overview (real numbers, target lines, the misses in red, parts not
 * built "not available"), goes to the station ranking of damage, drills from the worst station to
 * its damaged parcels and opens one, then exports the ranking as XLSX and reads the file back: it
 * holds exactly the rows the table shows. agent01 sees their own assessment and no dashboard.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, signInPage, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { loadXlsx } from '../support/documents.js';

const WAIT = { timeout: 15_000 };
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

async function open(username: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> {
  const page = await stack.browser.newPage({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await signInPage(page, stack.server.url, username);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) });
  await page.screenshot({ path: path.join(SHOTS, name) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('KPI dashboard', () => {
  it('manager01 opens the overview, drills from the worst station’s damage to its parcels and exports the ranking as XLSX', async () => {
    const page = await open('manager01');
    await page.click('.ant-menu >> text=KPI 看板');
    await page.waitForURL(/\/kpis$/);
    // Weekly, so each card has a few points of the demo's month.
    await page.click('[data-testid="kpi-grain"] >> text=按周');
    await page.waitForURL(/grain=week/);
    const onTime = page.locator('[data-testid="kpi-latest-on_time_delivery_rate"]');
    await expect.poll(() => onTime.innerText(), WAIT).toMatch(/^\d+\.\d{2}%$/);
    await expect.poll(() => page.locator('[data-testid="kpi-latest-damage_rate"]').innerText(), WAIT).toMatch(/^\d+\.\d{2}%$/);
    // The demo's targets: each card with a number shows its verdict; some period misses (red).
    expect(await page.locator('[data-testid="kpi-overview"] [data-verdict="missed"]').count()).toBeGreaterThan(0);
    // Parts not built are "not available", never 0.
    expect(await page.locator('[data-testid="kpi-na-nps"]').innerText()).toContain('尚未上线');
    expect(await page.locator('[data-testid="kpi-na-service_order_on_time"]').count()).toBe(1);
    await page.waitForTimeout(500);
    await shot(page, 'kpi-overview-zh-CN.png');

    // The damage card's ranking: stations, worst first (by damaged parcels — no station volume is kept).
    await page.click('[data-testid="kpi-rank-damage_rate"]');
    await page.waitForURL(/tab=rankings/);
    const rows = page.locator('[data-testid="kpi-ranking-table"] tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(0);
    const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    const [worstStation, worstCount] = [table[0]![1]!, Number(table[0]![2])];
    expect(worstCount).toBeGreaterThan(0);
    await shot(page, 'kpi-ranking-zh-CN.png');

    // The export holds exactly the rows the table shows.
    const download = page.waitForEvent('download');
    await page.click('[data-testid="kpi-ranking-xlsx"]');
    const file = await (await download).path();
    const book = await loadXlsx(await readFile(file));
    const sheet = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(sheet[0]!.slice(0, 4)).toEqual(['排名', '网点', '破损率（%）', '计数']);
    expect(sheet.slice(1).map((r) => [String(r[0]), String(r[1]), String(r[3])])).toEqual(table.map((r) => [r[0], r[1], r[2]]));

    // From the worst station's number to its damaged parcels, and on to one of them.
    await rows.first().locator('[data-testid="kpi-ranking-drill"]').click();
    await page.waitForURL(/\/kpis\/damage_rate\/facts\?.*by=station/);
    expect(await page.locator('[data-testid="kpi-facts-slice"]').innerText()).toBe(`网点：${worstStation}`);
    const links = page.locator('[data-testid="kpi-facts-table"] [data-testid="kpi-fact-link"]');
    await expect.poll(() => links.count(), WAIT).toBe(Math.min(worstCount, 50));
    const waybill = (await links.first().innerText()).trim();
    expect(await links.first().getAttribute('href')).toBe(`/shipments/${encodeURIComponent(waybill)}`);
    await shot(page, 'kpi-drill-zh-CN.png');
    await links.first().click();
    await page.waitForURL(new RegExp(`/shipments/${waybill}`));
    await expect.poll(() => page.locator('body').innerText(), WAIT).toContain(waybill);

    // A station's own target, set in the targets tab: a new version, in force from today, listed with why.
    await page.goto(`${stack.server.url}/kpis?tab=targets`);
    await page.click('[data-testid="kpi-target-add"]');
    const form = page.locator('[data-testid="kpi-target-form"]');
    // A click on a list still sliding open can land on its neighbour: choose until the field shows it.
    const kpiField = form.locator('.ant-select').first();
    for (let i = 0; i < 3 && (await kpiField.innerText()).trim() !== '准时投递率'; i++) {
      await kpiField.click();
      // a list that closes under the click is opened again by the next turn, not waited on for 30 s
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^准时投递率$/ }).click({ timeout: 3_000 }).catch(() => undefined);
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
    expect((await kpiField.innerText()).trim()).toBe('准时投递率');
    await form.locator('text=网点').click();
    await form.locator('input#station').fill(worstStation);
    await form.locator('input#value').fill('97');
    await form.locator('textarea#reason').fill('重点网点提高要求');
    await page.click('.ant-modal-footer .ant-btn-primary');
    const added = page.locator('[data-testid="kpi-targets"] tr.ant-table-row', { hasText: '重点网点提高要求' });
    await expect.poll(() => added.count(), WAIT).toBe(1);
    const addedText = await added.innerText();
    expect(addedText).toContain(`网点：${worstStation}`);
    expect(addedText).toContain('97.00%');
    expect(addedText).toContain('当前生效');
    expect(addedText).toContain('刘洋');

    // The overview in English.
    await page.evaluate("localStorage.setItem('pd.locale', 'en-US')");
    await page.goto(`${stack.server.url}/kpis?grain=week`);
    await expect.poll(() => page.locator('[data-testid="kpi-tab-overview"]').innerText(), WAIT).toBe('Overview');
    await expect.poll(() => page.locator('[data-testid="kpi-na-nps"]').innerText(), WAIT).toContain('not built yet');
    await page.waitForTimeout(500);
    await shot(page, 'kpi-overview-en-US.png');
    await page.close();
  });

  it('agent01 reads their own assessment and has no dashboard', async () => {
    const page = await open('agent01');
    expect(await page.locator('.ant-menu >> text=KPI 看板').count()).toBe(0);
    await page.click('.ant-menu >> text="考核"');
    await page.waitForURL(/\/assessment$/);
    await expect.poll(() => page.locator('[data-testid="assessment-table"] tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="assessment-person"]').innerText()).toContain('王晓敏');
    expect(await page.locator('[data-testid="assessment-summary"]').innerText()).toMatch(/达标 \d+ 项/);
    await shot(page, 'kpi-assessment-zh-CN.png');
    await page.close();
  });
});
