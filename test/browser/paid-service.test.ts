/**
 * The paid-service journey in Chromium (issue 19 point 10): agent01 creates a Z1 from a customer's
 * call, the survey is recorded (KCJS) and supervisor01 approves (ZGPZ); the agent writes a quotation
 * with labour and parts and sends it; the customer opens the link on a 390 px phone, passes the
 * phone check and confirms; the visit's acceptance is recorded; the service invoice is written and
 * its PDF downloaded and read back — saying it is not issued on the national e-invoice platform.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { SHOTS, signInPage, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ server, browser } = stack);
});
afterAll(() => stack?.close());

async function pick(page: Page, testId: string, text: string, type?: string) {
  const select = page.locator(`[data-testid="${testId}"]`).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    if (type) await page.keyboard.type(type);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option >> text=${text}`).first().click();
    const shown = async () => (await select.innerText()).includes(text);
    for (let i = 0; i < 20 && !(await shown()); i++) await page.waitForTimeout(100);
    if (await shown()) return;
  }
  throw new Error(`could not pick ${text} in ${testId}`);
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push((await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(''));
  await pdf.destroy();
  return pages.join('\n');
}

const primary = (page: Page) => page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary');

describe('paid service in the console and on the customer’s phone', () => {
  it('from the call to the printed invoice', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await signInPage(page, server.url, 'agent01');
    await page.goto(`${server.url}/service-orders`);
    await page.click('[data-testid="so-new"]');
    await page.fill('[data-testid="so-short-text"]', '衣柜门铰链断裂');
    await pick(page, 'so-sold-to', '南京嘉禾家居用品有限公司', '嘉禾');
    await pick(page, 'so-work-center', 'S4002');
    await pick(page, 'so-item-reason', '五金件松动', '五金');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForURL(/\/service-orders\/[0-9a-f-]{36}$/);
    const url = page.url();
    await page.click('[data-testid="so-status-KCJS"]');
    await primary(page).click();
    await expect.poll(() => page.locator('[data-testid="so-history"]').innerText()).toContain('TZJL → KCJS');

    const boss = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signInPage(boss, server.url, 'supervisor01');
    await boss.goto(url);
    await boss.click('[data-testid="so-status-ZGPZ"]');
    await primary(boss).click();
    await expect.poll(() => boss.locator('[data-testid="so-history"]').innerText()).toContain('KCJS → ZGPZ');
    await boss.close();

    // the quotation: labour 1.5 h at 80 yuan and a hinge at 45 yuan
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="paid-platform"]').innerText()).toContain('未接入国家税务总局全国统一电子发票服务平台');
    await page.click('[data-testid="paid-new"]');
    const line0 = page.locator('[data-testid="paid-line-0"]');
    await line0.locator('[data-testid="paid-line-description"]').fill('更换铰链人工');
    await line0.locator('input[data-testid="paid-line-quantity"], [data-testid="paid-line-quantity"] input').first().fill('1.5');
    await line0.locator('input[data-testid="paid-line-price"], [data-testid="paid-line-price"] input').first().fill('80');
    await page.click('[data-testid="paid-add-line"]');
    const line1 = page.locator('[data-testid="paid-line-1"]');
    await line1.locator('[data-testid="paid-line-description"]').fill('衣柜铰链');
    await line1.locator('input[data-testid="paid-line-quantity"], [data-testid="paid-line-quantity"] input').first().fill('2');
    await line1.locator('input[data-testid="paid-line-price"], [data-testid="paid-line-price"] input').first().fill('45');
    await page.screenshot({ path: path.join(SHOTS, 'paid-quote-editor.png') });
    await primary(page).click();
    // 120.00 + 15.60 tax; 90.00 + 11.70 tax
    await expect.poll(() => page.locator('[data-testid="paid-totals"]').innerText()).toContain('价税合计 ¥237.30（贰佰叁拾柒元叁角）');
    await page.click('[data-testid="paid-action-send"]');
    await primary(page).click();
    const link = await page.locator('[data-testid="paid-link"]').innerText();
    expect(link).toMatch(/\/quote\/[A-Za-z0-9_-]{32}/);
    await page.screenshot({ path: path.join(SHOTS, 'paid-quote-link.png') });
    await primary(page).click();

    // the customer, on a phone
    // the demo company has no phone on record: the customer's contact gives theirs (the phone check needs one)
    await server.database.db.updateTable('customers').set({ phone: '13905178642' }).where('name', '=', '南京嘉禾家居用品有限公司').execute();
    const last4 = '8642';
    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(link.trim().replace(/^https?:\/\/[^/]+/, server.url));
    await phone.fill('[data-testid="quote-phone"]', last4);
    await phone.click('[data-testid="quote-open"]');
    await expect.poll(() => phone.locator('[data-testid="quote-total"]').innerText()).toBe('¥237.30');
    await phone.screenshot({ path: path.join(SHOTS, 'paid-quote-phone.png'), fullPage: true });
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.click('[data-testid="quote-confirm"]');
    await expect.poll(() => phone.locator('[data-testid="quote-state"]').innerText()).toContain('客户已确认');
    await phone.screenshot({ path: path.join(SHOTS, 'paid-quote-phone-confirmed.png'), fullPage: true });
    await phone.close();

    // after the visit: the acceptance signed on site, then the invoice
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="paid-state"]').innerText()).toBe('客户已确认');
    await page.click('[data-testid="paid-action-accept"]');
    await page.fill('[data-testid="paid-accepted-by"]', '李娜');
    await primary(page).click();
    await expect.poll(() => page.locator('[data-testid="paid-state"]').innerText()).toBe('已验收');
    await page.click('[data-testid="paid-action-invoice"]');
    await page.click('[data-testid="paid-invoice-confirm"]');
    await expect.poll(() => page.locator('[data-testid="paid-invoice"]').innerText()).toMatch(/FW\d{6}-\d{6} · ¥237\.30 .* 仅在本系统记录，未在国家电子发票平台开具/);
    await expect.poll(() => page.locator('[data-testid="so-history"]').innerText()).toContain('服务销售发票');
    await page.screenshot({ path: path.join(SHOTS, 'paid-invoiced.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="paid-invoice-pdf"]')]);
    expect(download.suggestedFilename()).toMatch(/^FW\d{6}-\d{6}\.pdf$/);
    const text = await pdfText(readFileSync((await download.path())!));
    for (const part of ['服务销售发票', '更换铰链人工', '衣柜铰链', '237.30', '贰佰叁拾柒元叁角', '李娜', '不是税务机关监制的发票']) expect(text).toContain(part);
    await page.close();
  });
});
