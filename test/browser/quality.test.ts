/**
 * Quality checks in the console (issue 20 §4, §9): supervisor01 opens this week's sample the demo
 * drew for 客服呼叫中心, scores a sampled ticket beside its conversation (the score it will give
 * shown as they type), and agent01 then finds the review among their own, reads the score and the
 * comment, and disputes it with a reason, which the page then shows as waiting for a decision.
 */
import path from 'node:path';
import { type Browser } from 'playwright-core';
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

describe('a supervisor reviews a sampled ticket and the agent sees and disputes it', () => {
  let ticketNumber = '';
  const comment = '答复及时，建议先核实网点反馈再承诺时间。';

  it('supervisor01 scores a sampled ticket beside its conversation', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInPage(page, server.url, 'supervisor01');
    await page.goto(`${server.url}/quality`);
    await page.waitForSelector('[data-testid="quality-assignments"] tbody tr');
    const toReview = page.locator('[data-testid^="quality-open-"]', { hasText: '评分' }).first();
    ticketNumber = (await toReview.getAttribute('data-testid'))!.replace('quality-open-', '');
    await toReview.click();
    await page.waitForSelector('[data-testid="quality-score-form"]');
    // the ticket's conversation is beside the form: the agent's own reply is there to judge
    await page.waitForSelector('[data-testid="quality-conversation"] >> text=王晓敏');
    expect(await page.isDisabled('[data-testid="quality-submit"]')).toBe(true);
    for (const [key, score] of [['greeting', 100], ['courtesy', 90], ['accuracy', 80], ['ownership', 80], ['communication', 70]] as const) {
      await page.fill(`[data-testid="quality-score-${key}"] input, input[data-testid="quality-score-${key}"]`, String(score));
    }
    await page.getByText('主动告知后续进展').click();
    await page.fill('[data-testid="quality-comment"]', comment);
    // 10% × 100 + 15% × 90 + 30% × 80 + 25% × 80 + 20% × 70 = 81.5, and 3 for the bonus item
    await expect.poll(() => page.textContent('[data-testid="quality-preview"]')).toBe('按当前评分预计 84.5 分');
    await page.screenshot({ path: path.join(SHOTS, 'quality-review-form.png'), fullPage: true });
    await page.click('[data-testid="quality-submit"]');
    await page.waitForURL(/\/quality\/reviews\//);
    await page.waitForSelector('[data-testid="quality-review-card"]');
    expect(await page.textContent('[data-testid="quality-review-score"]')).toContain('84.5');
    await page.close();
  });

  it('agent01 finds the review among their own, reads it and disputes it once', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInPage(page, server.url, 'agent01');
    await page.goto(`${server.url}/quality`);
    await page.waitForSelector('[data-testid="quality-mine"] tbody tr');
    await page.locator('[data-testid="quality-mine"] a', { hasText: `#${ticketNumber} ` }).click();
    await page.waitForSelector('[data-testid="quality-review-card"]');
    expect(await page.textContent('[data-testid="quality-review-score"]')).toContain('84.5');
    expect(await page.textContent('[data-testid="quality-review-card"]')).toContain(comment);
    await page.fill('[data-testid="quality-dispute-input"]', '客户已确认收到，时效说明是按网点反馈答复的，准确性评分偏低。');
    await page.click('[data-testid="quality-dispute-submit"]');
    await page.waitForSelector('[data-testid="quality-review"][data-status="disputed"]');
    expect(await page.textContent('[data-testid="quality-dispute-reason"]')).toContain('准确性评分偏低');
    expect(await page.locator('[data-testid="quality-dispute-form"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'quality-review-disputed.png'), fullPage: true });
    await page.close();
  });
});
