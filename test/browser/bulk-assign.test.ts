/**
 * Moving work and following up, in Chromium on the demo company: a supervisor selects two of
 * agent01's tickets on the ticket list and moves them to agent02 in one step (each move on its
 * ticket's timeline); a customer complains on /service about a parcel whose exception ticket an
 * agent already owns, and the page says truthfully that the message went to that ticket.
 */
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { signInPage, SHOTS, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ server, browser } = stack);
});
afterAll(() => stack?.close());

async function api<T>(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${url}`).toBeLessThan(300);
  return (await response.json()) as T;
}

interface Summary {
  id: string;
  number: string;
  kind: string;
  ownerName: string | null;
  waybillNos: string[];
  followUpAt: string | null;
}

describe('bulk reassignment and follow-ups', () => {
  it('a supervisor selects two tickets on the list and moves them to 赵丽 in one step', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.url, 'supervisor01');
    await page.goto(`${server.url}/tickets?view=open`);
    await page.waitForSelector('[data-testid="ticket-row"]');
    // Two rows of agent01's.
    const rows = page.locator('[data-testid="ticket-row"]', { hasText: '王晓敏' });
    const numbers = [await rows.nth(0).getAttribute('data-ticket'), await rows.nth(1).getAttribute('data-ticket')];
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    expect(await page.locator('[data-testid="bulk-count"]').innerText()).toBe('已选 2 个工单');

    await page.click('[data-testid="bulk-assign"]');
    await page.click('[data-testid="bulk-person"]');
    await page.keyboard.type('赵丽');
    await page.keyboard.press('Enter');
    await page.fill('[data-testid="bulk-reason"]', '王晓敏工单已满，分给赵丽');
    await page.click('[data-testid="bulk-ok"]');
    await page.waitForSelector('[data-testid="bulk-result"]');
    expect(await page.locator('[data-testid="bulk-result"]').innerText()).toContain('已转派 2 个，未转派 0 个');
    expect(await page.locator('[data-testid="bulk-result-item"][data-outcome="moved"]').count()).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, 'bulk-assign-result.png') });
    await page.click('[data-testid="bulk-done"]');

    const supervisor = await staffHeaders(server.url, 'supervisor01');
    const open = await api<{ items: Summary[] }>('GET', '/api/tickets?view=open&limit=100', supervisor);
    for (const number of numbers) {
      const ticket = open.items.find((i) => i.number === number)!;
      expect(ticket.ownerName).toBe('赵丽');
      const detail = await api<{ timeline: { kind: string; to: string; body: string; detail: Record<string, unknown> }[] }>('GET', `/api/tickets/${ticket.id}`, supervisor);
      expect(detail.timeline.at(-1)).toMatchObject({ kind: 'transfer', to: '赵丽', body: '王晓敏工单已满，分给赵丽', detail: { bulk: true } });
    }
    await expect.poll(async () => page.locator('[data-testid="ticket-row"]', { hasText: '赵丽' }).count()).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('a customer’s complaint about a parcel an agent already handles joins that ticket, and the page says so', async () => {
    const supervisor = await staffHeaders(server.url, 'supervisor01');
    const mine = await api<{ items: Summary[] }>('GET', '/api/tickets?view=open&limit=100', supervisor);
    const kase = mine.items.find((i) => i.kind === 'exception' && i.ownerName === '王晓敏' && !i.followUpAt)!;
    const { customerPhone } = await api<{ customerPhone: string }>('POST', `/api/tickets/${kase.id}/customer/reveal`, supervisor);

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/service`);
    await page.fill('[data-testid="service-create-waybill"]', kase.waybillNos[0]!);
    await page.fill('[data-testid="service-create-phone"]', customerPhone.slice(-4));
    await page.click('[data-testid="service-create-kind"] >> text=投诉');
    await page.fill('[data-testid="service-create-text"]', '快件一直没有送到，请尽快处理。');
    await page.click('[data-testid="service-create-submit"]');
    await page.waitForSelector('[data-testid="service-created"]');
    expect(await page.locator('[data-testid="service-created-number"]').innerText()).toBe(`已收到，已加入工单 ${kase.number}`);
    expect(await page.locator('[data-testid="service-created-joined"]').innerText()).toContain(`已有正在处理的工单 ${kase.number}`);
    await page.screenshot({ path: path.join(SHOTS, 'service-joined.png'), fullPage: true });

    const after = await api<{ items: Summary[] }>('GET', '/api/tickets?view=open&limit=100', supervisor);
    expect(after.items.find((i) => i.id === kase.id)?.followUpAt).toBeTruthy();
    expect(after.items.filter((i) => i.waybillNos.includes(kase.waybillNos[0]!))).toHaveLength(1);
    await page.close();
  });
});
