/**
 * A customer answers the demo's satisfaction survey on a phone (390 px wide) with the link of their
 * SMS: a required question left out is marked, the answer is taken, the link then says it was
 * answered, and an unknown link gets a plain page. The same page in English. A manager reads the
 * results with the new answer counted.
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
  stack = await startBrowserStack();
  ({ server, browser } = stack);
});
afterAll(() => stack?.close());

/** The link the outbox holds for a demo customer's invitation (only its digest is in the survey tables). */
async function linkOf(phone: string): Promise<string> {
  const row = await server.database.db.selectFrom('notifications').select('body').where('template', '=', 'survey.invitation').where('recipient', '=', phone).executeTakeFirstOrThrow();
  return /\/survey\/[A-Za-z0-9_-]+/.exec(row.body)![0];
}

async function phonePage(locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await browser.newPage({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.addInitScript((l) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('pd.locale', l), locale);
  return page;
}

/** How far the page is wider than the screen (0 or less: nothing to scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return g.document.documentElement.scrollWidth - g.innerWidth;
  });

describe('a customer answers a survey on a phone', () => {
  it('marks what is missing, takes the answer once, and says so afterwards', async () => {
    const link = await linkOf('13760001004'); // 北京博远文化传媒: invited by the demo, not answered
    const page = await phonePage('zh-CN');
    await page.goto(`${server.url}${link}`);
    await page.waitForSelector('[data-testid="survey-page"]');
    expect(await page.textContent('[data-testid="survey-title"]')).toBe('2026年第四季度客户满意度调查');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'survey-phone-zh-CN.png'), fullPage: true });

    await page.click('[data-testid="survey-submit"]');
    await page.waitForSelector('[data-testid="survey-problem-nps"]');
    expect(await page.textContent('[data-testid="survey-problem-nps"]')).toBe('请回答此问题');
    expect(await page.textContent('[data-testid="survey-problem-csat"]')).toBe('请回答此问题');
    await page.screenshot({ path: path.join(SHOTS, 'survey-phone-missing.png'), fullPage: true });

    await page.click('[data-testid="survey-score-nps-9"]');
    // Answered now: no longer marked, while the question still unanswered stays marked.
    expect(await page.locator('[data-testid="survey-problem-nps"]').count()).toBe(0);
    expect(await page.locator('[data-testid="survey-problem-csat"]').count()).toBe(1);
    await page.click('[data-testid="survey-score-csat-4"]');
    await page.click('[data-testid="survey-score-ces-5"]');
    await page.click('[data-testid="survey-option-factor-speed"]');
    await page.fill('[data-testid="survey-text-comment"] textarea, textarea[data-testid="survey-text-comment"]', '派送员很准时。');
    await page.click('[data-testid="survey-submit"]');
    await page.waitForSelector('[data-testid="survey-thanks"]');
    expect(await page.textContent('[data-testid="survey-thanks"]')).toContain('感谢您的反馈！');

    const stored = await server.database.db
      .selectFrom('survey_invitations as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .select('i.answers')
      .where('c.phone', '=', '13760001004')
      .executeTakeFirstOrThrow();
    expect(stored.answers).toEqual({ nps: 9, csat: 4, ces: 5, factor: 'speed', comment: '派送员很准时。' });

    await page.reload();
    await page.waitForSelector('[data-testid="survey-already"]');
    expect(await page.textContent('[data-testid="survey-already"]')).toContain('您已提交过本次调查');

    await page.goto(`${server.url}/survey/${'x'.repeat(32)}`);
    await page.waitForSelector('[data-testid="survey-missing"]');
    expect(await page.textContent('[data-testid="survey-missing"]')).toContain('找不到这份调查');
    await page.close();
  });

  it('is in English for a customer who chose English', async () => {
    const page = await phonePage('en-US');
    await page.goto(`${server.url}${await linkOf('13760001007')}`);
    await page.waitForSelector('[data-testid="survey-page"]');
    expect(await page.textContent('[data-testid="survey-question-nps"]')).toContain('How likely are you to recommend our delivery service');
    expect(await page.textContent('[data-testid="survey-page"]')).toContain('10 = extremely likely');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'survey-phone-en-US.png'), fullPage: true });
    await page.close();
  });
});

describe('a manager reads the results', () => {
  it('shows NPS, CSAT, CES and the response rate with the new answer counted', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signInPage(page, server.url, 'manager01');
    await page.goto(`${server.url}/surveys`);
    await page.click('[data-testid="survey-campaigns"] >> text=2026年第四季度客户满意度调查');
    await page.waitForSelector('[data-testid="survey-result-nps"]');
    // Demo NPS answers 10, 9, 6, 8, 3 and this file's 9: promoters 3, detractors 2 of 6 → 16.7.
    expect(await page.textContent('[data-testid="survey-result-nps"]')).toContain('16.7');
    // CSAT 5, 4, 3, 4, 2 and 4: four of six → 66.7%; 6 of 7 invited answered → 85.7%.
    expect(await page.textContent('[data-testid="survey-result-csat"]')).toContain('66.7%');
    expect(await page.textContent('[data-testid="survey-result-rate"]')).toContain('85.7%');
    expect(await page.textContent('[data-testid="survey-by-segment"]')).toContain('暂未提供');
    await page.waitForSelector('[data-testid="survey-by-tier-chart"] canvas');
    await page.screenshot({ path: path.join(SHOTS, 'survey-results.png'), fullPage: true });
    await page.close();
  });

  it('creates a survey to the key accounts with the standard questionnaire and sends it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signInPage(page, server.url, 'supervisor01');
    await page.goto(`${server.url}/surveys`);
    await page.click('[data-testid="survey-new"]');
    await page.fill('[data-testid="survey-form-title"]', '大客户回访后调查');
    await page.click('[data-testid="survey-form-standard"]');
    await page.waitForSelector('[data-testid="survey-form-questionnaire"] >> text=标准满意度问卷');
    await page.click('.ant-modal-footer >> button.ant-btn-primary');
    await page.waitForSelector('[data-testid="survey-campaigns"] >> text=大客户回访后调查');
    await page.click('[data-testid="survey-campaigns"] tr:has-text("大客户回访后调查") >> [data-testid^="survey-send-"]');
    await page.click('.ant-popconfirm >> button.ant-btn-primary');
    // The demo's four key accounts, all with a phone.
    await page.waitForSelector('text=已为 4 位客户生成邀请，短信和邮件已进入发送队列。');
    const sms = await server.database.db.selectFrom('notifications').select('recipient').where('template', '=', 'survey.invitation').where('channel', '=', 'sms').where('body', 'like', '%大客户回访后调查%').execute();
    expect(sms.map((n) => n.recipient).sort()).toEqual(['13760001001', '13760001002', '13760001003', '13760001004']);
    await page.screenshot({ path: path.join(SHOTS, 'survey-campaigns.png'), fullPage: true });
    await page.close();
  });
});
