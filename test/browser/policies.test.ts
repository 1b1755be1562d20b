/**
 * The ticket SLA tab (工单时限, docs/product.md §7) in Chromium: an admin adds a narrower rule and
 * removes one, the form stops a duplicate rule and a target of 0 minutes, a refusal from the
 * server is shown in the dialog, and after saving the new version is what the tab shows on reload.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { SHOTS, signInPage, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
  ({ server, browser } = stack);
});

afterAll(() => stack?.close());

const signIn = (page: Page, username: string) => signInPage(page, server.url, username);

/** The part of a DOM element's API used here (the tests are compiled without the DOM library). */
interface Animated {
  getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[];
}

/** Waits until a dialog has finished opening: a click during its zoom can miss. */
async function dialogOpened(page: Page, testId: string): Promise<void> {
  const dialog = page.locator(`.ant-modal:has([data-testid="${testId}"])`);
  await dialog.waitFor();
  await dialog.evaluate((element) =>
    Promise.all((element as unknown as Animated).getAnimations({ subtree: true }).map((animation) => animation.finished)),
  );
}

/** Opens an antd Select by its test id and picks the option with this label. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  const select = page.locator(`[data-testid="${testId}"]`);
  // On a busy machine a click can land while the dropdown is still opening and be lost: try again.
  for (let attempt = 1; attempt < 3; attempt++) {
    await select.click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
    if ((await select.innerText()).includes(label)) return;
    await page.keyboard.press('Escape');
  }
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  await expect.poll(() => select.innerText()).toContain(label);
}

describe('ticket SLA policy', () => {
  it('an admin adds a narrower rule and removes one, saves a new version and sees it after a reload', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin');
    await page.goto(`${server.url}/admin/policies?tab=sla`);
    const rules = page.locator('[data-testid="sla-rules"]');
    await expect.poll(() => rules.innerText()).toContain('投诉');
    expect(await page.textContent('[data-testid="sla-current"] .ant-card-head')).toContain('第 1 版');
    expect(await rules.locator('[data-testid="sla-rule-complaint-urgent-any"]').count()).toBe(1);

    await page.click('[data-testid="sla-edit"]');
    const edit = page.locator('[data-testid="sla-form"]');
    await dialogOpened(page, 'sla-form');
    // A base rule cannot be removed; a narrower one can.
    expect(await edit.locator('[data-testid="sla-rule-complaint-any-any"]').innerText()).toContain('基础规则');
    await edit.locator('[data-testid="sla-rule-complaint-urgent-any-remove"]').click();
    await expect.poll(() => edit.locator('[data-testid="sla-rule-complaint-urgent-any"]').innerText()).toContain('将删除');

    // The new rule: key-account claims. A second rule for complaints of key accounts is stopped.
    await page.click('[data-testid="sla-add-rule"]');
    const add = page.locator('[data-testid="sla-rule-form"]');
    await dialogOpened(page, 'sla-rule-form');
    await choose(page, 'sla-rule-kind', '投诉');
    await choose(page, 'sla-rule-tier', '大客户');
    await expect.poll(() => add.innerText()).toContain('已有“投诉 · 大客户”的规则');
    // The removed urgent-complaint rule is pointed at, not silently replaced.
    await choose(page, 'sla-rule-tier', '不限');
    await choose(page, 'sla-rule-priority', '紧急');
    await expect.poll(() => add.innerText()).toContain('“投诉 · 紧急”的规则已在本次修改中标记删除');
    await choose(page, 'sla-rule-priority', '不限');
    await expect.poll(() => add.innerText()).toContain('请选择优先级或客户等级（至少一项）');
    await choose(page, 'sla-rule-kind', '理赔');
    await choose(page, 'sla-rule-tier', '大客户');
    await expect.poll(() => add.innerText()).not.toContain('已有');
    // Started from the claim base rule (1 day, 7 days); 0 minutes is refused in the form.
    const firstResponse = add.locator('[data-testid="sla-rule-firstResponse"] input.ant-input-number-input');
    expect(await firstResponse.inputValue()).toBe('1440');
    await firstResponse.fill('0');
    await page.fill('[data-testid="sla-rule-source"]', '大客户服务协议（2026 版）第 3 条');
    await page.click('[data-testid="sla-rule-add-ok"]');
    await expect.poll(() => add.innerText()).toContain('请输入大于 0 的整数分钟数');
    await firstResponse.fill('240');
    await page.click('[data-testid="sla-rule-add-ok"]');
    await add.waitFor({ state: 'detached' });
    const added = edit.locator('[data-testid="sla-rule-claim-any-key"]');
    await expect.poll(() => added.innerText()).toContain('新增');
    expect(await added.innerText()).toContain('4 小时');
    await page.screenshot({ path: path.join(SHOTS, 'sla-edit-added-rule.png') });

    await page.fill('[data-testid="sla-note"]', '大客户理赔 4 小时内首次答复；紧急投诉按投诉基础规则');

    // Should the server still refuse, the dialog keeps the work and names the rule in the list.
    await page.route('**/api/admin/sla-policy', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ code: 'POLICY_INVALID', message: '策略内容不正确：rules[7]: a second rule for claim/*/key' }),
          })
        : route.continue(),
    );
    await page.click('[data-testid="sla-save"]');
    const refusal = page.locator('[data-testid="sla-save-error"]');
    await expect.poll(() => refusal.innerText()).toContain('POLICY_INVALID');
    expect(await refusal.innerText()).toContain('规则“理赔 · 大客户”');
    await page.unroute('**/api/admin/sla-policy');

    await page.click('[data-testid="sla-save"]');
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => page.textContent('[data-testid="sla-current"] .ant-card-head')).toContain('第 2 版');

    await page.reload();
    await expect.poll(() => rules.locator('[data-testid="sla-rule-claim-any-key"]').count()).toBe(1);
    const row = await rules.locator('[data-testid="sla-rule-claim-any-key"]').innerText();
    expect(row).toContain('大客户');
    expect(row).toContain('4 小时');
    expect(row).toContain('大客户服务协议（2026 版）第 3 条');
    expect(await rules.locator('[data-testid="sla-rule-complaint-urgent-any"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="sla-current"]')).toContain('大客户理赔 4 小时内首次答复');
    await page.screenshot({ path: path.join(SHOTS, 'sla-policy-zh.png'), fullPage: true });

    // The server has it too: the version in force, for the clocks.
    const active = await server.app.reference.slaPolicy(server.database.db);
    expect(active.version).toBe(2);
    expect(active.policy.rules).toContainEqual(expect.objectContaining({ kind: 'claim', tier: 'key', firstResponse: expect.objectContaining({ minutes: 240 }) }));
    await page.close();
  });
});
