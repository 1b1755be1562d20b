/**
 * In Chromium: an agent finds her customer by the phone's last 4 digits (tagged 手机尾号), writes a
 * reply the phrase guard stops by mistake (she quotes what the station said, to apologise for it),
 * asks a supervisor to release it (申请主管放行): it is held, not sent. The supervisor releases it
 * from the board's list, where it stays in the record for quality checks, and the reply is on
 * the ticket, in her name, marked as released.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { SHOTS, signInPage, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;
let ticket: { id: string; number: string };

/** Quoting a station's "不归我们管" to apologise for it: the guard stops it, a person sees it is fine. */
const QUOTED = '您反映网点说“这不归我们管”，这样的答复是不对的，非常抱歉，我们马上为您核实。';

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ server, browser } = stack);
  const agent = await staffHeaders(server.url, 'agent01');
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { ...agent, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'complaint',
      channel: 'phone',
      subject: '网点拒收退件',
      description: '客户反映网点说退件不归他们管',
      waybillNos: ['PD7700000301'],
      customerName: '陈玉鹏',
      customerPhone: '13800773344',
    }),
  });
  expect(response.status).toBe(201);
  ticket = (await response.json()) as { id: string; number: string };
});

afterAll(() => stack?.close());

async function pageFor(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  await signInPage(page, server.url, username);
  return page;
}

describe('a false block, released by a supervisor', () => {
  it('the agent asks from the refusal, the reply waits, the supervisor releases it on the board', async () => {
    const agent = await pageFor('agent01');
    // Found by the last 4 digits of the phone.
    await agent.goto(`${server.url}/tickets`);
    await agent.fill('[data-testid="ticket-search"]', '3344');
    await agent.keyboard.press('Enter');
    const row = agent.locator(`[data-testid="ticket-row"][data-ticket="${ticket.number}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid="ticket-match"]').innerText()).toBe('手机尾号');
    await row.click();

    await agent.fill('[data-testid="reply-text"]', QUOTED);
    await agent.click('[data-testid="reply-send"]');
    await agent.locator('[data-testid="phrase-refused"]').waitFor();
    await agent.click('[data-testid="release-request"]');
    await agent.fill('[data-testid="release-request-form"] textarea', '转述网点的原话并道歉，不是推诿');
    await agent.click('[data-testid="release-request-form-ok"]');
    const status = agent.locator('[data-testid="release-status"][data-status="pending"]');
    await status.waitFor();
    expect(await status.innerText()).toContain('回复等待主管放行，暂未发送');
    expect(await agent.locator('[data-testid="message"][data-kind="reply"]').count()).toBe(0);
    // She asked: she cannot release it herself.
    expect(await agent.locator('[data-testid="release-approve"]').count()).toBe(0);
    await agent.screenshot({ path: path.join(SHOTS, 'phrase-release-held.png'), fullPage: true });

    const supervisor = await pageFor('supervisor01');
    await supervisor.goto(`${server.url}/board`);
    const request = supervisor.locator('[data-testid="board-releases"] tr', { hasText: `#${ticket.number}` });
    await request.waitFor();
    expect(await request.innerText()).toContain('转述网点的原话并道歉');
    await supervisor.screenshot({ path: path.join(SHOTS, 'phrase-release-board.png'), fullPage: true });
    await request.locator('[data-testid="release-approve"]').click();
    await supervisor.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => supervisor.locator('[data-testid="board-releases"] tr', { hasText: `#${ticket.number}` }).count()).toBe(0);
    // The record for quality checks: who asked, the text, who released it.
    await supervisor.locator('[data-testid="board-releases-view"]').getByText('全部记录（质检）').click();
    const record = supervisor.locator('[data-testid="board-releases"] tr', { hasText: `#${ticket.number}` });
    await expect.poll(() => record.locator('[data-testid="release-decided"]').getAttribute('data-status')).toBe('approved');
    expect(await record.innerText()).toContain('李建国已放行');
    await supervisor.locator('[data-testid="board-releases"]').screenshot({ path: path.join(SHOTS, 'phrase-release-record.png') });

    await agent.reload();
    const sent = agent.locator('[data-testid="message"][data-kind="reply"]');
    await expect.poll(() => sent.innerText()).toContain('这样的答复是不对的');
    expect(await agent.locator('[data-testid="timeline-released"]').innerText()).toBe('经主管李建国放行');
    expect(await agent.locator('[data-testid="release-status"]').count()).toBe(0);
    await agent.close();
    await supervisor.close();
  });
});
