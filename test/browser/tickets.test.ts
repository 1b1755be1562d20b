/**
 * Tickets in Chromium: a damaged parcel becomes an exception ticket the way the system makes one
 * (a scan through the tracking API, then the exception-tickets job), and an agent works it on the
 * console — takes it, starts from a standard phrase, is stopped by a forbidden phrase that is
 * marked in the text, fixes the reply and resolves the ticket.
 *
 * The steps share `journey` and run in order, so a later step (the customer rating the resolved
 * ticket on the public pages, after the waybill and the last 4 phone digits) can be appended below.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import type { RunningServer } from '../../src/server.js';
import type { Static } from 'typebox';
import type { TicketDetail as TicketDetailSchema } from '../../src/modules/tickets/schemas.js';
import { SHOTS, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

/** What the steps hand on to each other. */
const journey = {
  waybillNo: 'PD8800000201',
  recipientName: '李四',
  recipientPhone: '13912345678',
  ticketId: '',
  ticketNumber: '',
};

async function call(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Record<string, string>> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

/** A damaged scan through the scanner API; the exception-tickets job (run here, not on its clock) opens the ticket. */
async function openExceptionTicket(): Promise<void> {
  const admin = await staffHeaders(server.url, 'admin');
  const { key } = await call('POST', '/api/api-keys', { name: '工单浏览器测试扫描枪', role: 'integration' }, admin);
  const scanner = { authorization: `Bearer ${key}` };
  await call(
    'POST',
    '/api/shipments',
    {
      shipments: [
        {
          waybillNo: journey.waybillNo,
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: journey.recipientName, phone: journey.recipientPhone, address: '浙江省杭州市西湖区文三路90号' },
        },
      ],
    },
    scanner,
  );
  const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  await call(
    'POST',
    '/api/tracking/events',
    {
      events: [
        { waybillNo: journey.waybillNo, eventTime: at(30), status: 'picked_up', subStatus: 'picked_up', text: '【上海市】快递员已揽收', site: '上海浦东营业部' },
        { waybillNo: journey.waybillNo, eventTime: at(20), status: 'damaged', subStatus: 'damaged', text: '外包装破损，已拍照留存', site: '上海转运中心' },
      ],
    },
    scanner,
  );
  const deps = { db: server.database.db, reference: server.app.reference };
  for (;;) {
    const run = await ticketExceptions(deps);
    if (run.opened + run.joined === 0) break;
  }
  const ticket = await server.database.db
    .selectFrom('shipment_exceptions as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['t.id', 't.number', 't.kind'])
    .where('e.waybill_no', '=', journey.waybillNo)
    .where('e.kind', '=', 'damaged')
    .executeTakeFirstOrThrow();
  expect(ticket.kind).toBe('exception');
  journey.ticketId = ticket.id;
  journey.ticketNumber = String(ticket.number);
}

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
  ({ server, browser } = stack);
  await openExceptionTicket();
});

afterAll(() => stack?.close());

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="current-user"]');
  return page;
}

describe('an exception ticket, worked on the console', () => {
  it('an agent finds it, takes it, is stopped by a forbidden phrase, fixes the reply and resolves it', async () => {
    const page = await signIn('agent01');

    // The workstation is built: my queue with live countdowns.
    await page.goto(`${server.url}/workstation`);
    await page.waitForSelector('[data-testid="workstation-queue"]');
    await expect.poll(() => page.locator('[data-testid="row-countdown"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="row-countdown"]').first().innerText()).toMatch(/剩余|已超时/);

    // Found by its waybill number.
    await page.goto(`${server.url}/tickets`);
    await page.fill('[data-testid="ticket-search"]', journey.waybillNo);
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid="ticket-row"][data-ticket="${journey.ticketNumber}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('异常');
    await row.click();

    const detail = page.locator(`[data-testid="ticket-detail"][data-ticket="${journey.ticketNumber}"]`);
    await detail.waitFor();
    await expect.poll(() => page.locator('[data-testid="ticket-timeline"]').innerText()).toContain('快件异常：破损');
    expect(await page.locator('[data-testid="ticket-shipments"]').innerText()).toContain(journey.waybillNo);
    // The customer's name is masked on the card; the phone comes masked from the server.
    const customer = await page.locator('[data-testid="ticket-customer"]').innerText();
    expect(customer).toContain('李*');
    expect(customer).not.toContain(journey.recipientPhone);

    // Nobody on duty in the team it was routed to: the agent takes it (首问负责制).
    await page.click('[data-testid="action-take"]');
    await expect.poll(() => page.locator('[data-testid="ticket-owner"]').innerText()).toContain('王晓敏');

    // To address the customer by name she reveals them (audited): the card then names them in full.
    await page.click('[data-testid="customer-phone-reveal"]');
    await expect.poll(() => page.locator('[data-testid="ticket-customer"]').innerText()).toContain(journey.recipientName);

    // A standard phrase, filled with the customer's and the agent's names.
    await page.click('[data-testid="template-picker"]');
    await page.click('[data-testid="template-option"][data-key="greeting.2"]');
    const reply = page.locator('[data-testid="reply-text"]');
    await expect.poll(() => reply.inputValue()).toBe('李四您好，我是客服王晓敏，很高兴为您服务。');

    // A reload keeps the half-written reply.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="reply-text"]').inputValue()).toBe('李四您好，我是客服王晓敏，很高兴为您服务。');

    // A forbidden phrase is marked while typing …
    await reply.click();
    await page.keyboard.press('End');
    await page.keyboard.type('这不关我的事，破损请找网点。');
    const live = page.locator('[data-testid="phrase-findings"] mark[data-testid="phrase-hit"]');
    await expect.poll(() => live.allInnerTexts()).toContain('这不关我的事');

    // … and the send is refused by the server, with the same marks.
    await page.click('[data-testid="reply-send"]');
    const refused = page.locator('[data-testid="phrase-refused"]');
    await refused.waitFor();
    expect(await refused.locator('mark').allInnerTexts()).toContain('这不关我的事');
    expect(await refused.innerText()).toContain('推诿');
    await page.screenshot({ path: path.join(SHOTS, 'ticket-forbidden-phrase.png'), fullPage: true });
    expect(await page.locator('[data-testid="message"][data-kind="reply"]').count()).toBe(0);

    // Fixed, it goes out.
    await reply.fill('李四您好，我是客服王晓敏，很高兴为您服务。非常抱歉快件在运输中破损，我们已安排理赔专员跟进，今天内与您联系。');
    await expect.poll(() => page.locator('[data-testid="phrase-findings"], [data-testid="phrase-refused"]').count()).toBe(0);
    await page.click('[data-testid="reply-send"]');
    await expect
      .poll(() => page.locator('[data-testid="message"][data-kind="reply"]').innerText())
      .toContain('我们已安排理赔专员跟进');

    // Resolved with an answer and a cause code.
    await page.click('[data-testid="action-resolve"]');
    await page.fill('[data-testid="resolve-answer"]', '理赔专员已与您确认赔付方案，感谢您的耐心与理解。');
    await page.click('[data-testid="resolve-cause"]');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.click('[data-testid="resolve-form-ok"]');
    await expect.poll(() => page.locator('[data-testid="ticket-tags"] [data-status]').getAttribute('data-status')).toBe('resolved');
    await expect.poll(() => page.locator('[data-testid="ticket-timeline"]').innerText()).toMatch(/已解决（原因：.+）/);
    await page.screenshot({ path: path.join(SHOTS, 'ticket-resolved.png'), fullPage: true });

    const row2 = await server.database.db
      .selectFrom('tickets')
      .select(['status', 'owner_id', 'cause_code'])
      .where('id', '=', journey.ticketId)
      .executeTakeFirstOrThrow();
    expect(row2.status).toBe('resolved');
    expect(row2.cause_code).not.toBeNull();
    const blocked = await server.database.db
      .selectFrom('phrase_hits')
      .select(['phrase', 'blocked'])
      .where('ticket_id', '=', journey.ticketId)
      .execute();
    expect(blocked).toEqual([expect.objectContaining({ blocked: true })]);
    await page.close();
  });

  it('the customer finds the resolved ticket with the phone check and rates it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/service`);
    await page.fill('[data-testid="service-lookup-waybill"]', journey.waybillNo);
    await page.fill('[data-testid="service-lookup-phone"]', journey.recipientPhone.slice(-4));
    await page.click('[data-testid="service-lookup-submit"]');
    const found = page.locator(`[data-testid="service-lookup-ticket"][data-number="${journey.ticketNumber}"]`);
    await found.waitFor();
    await found.locator('a').click();
    await page.waitForSelector('[data-testid="service-rating"]');
    expect(await page.locator('[data-testid="service-ticket-status"]').innerText()).toBe('已解决');
    // The agent's fixed reply reached the customer; the blocked one never did.
    const conversation = await page.locator('[data-testid="service-conversation"]').innerText();
    expect(conversation).not.toContain('这不关我的事');
    await page.locator('[data-testid="service-rating-stars"] li').nth(4).click();
    await page.click('[data-testid="service-rating-submit"]');
    await page.waitForSelector('[data-testid="service-rated"]');
    await page.screenshot({ path: path.join(SHOTS, 'ticket-rated-by-customer.png'), fullPage: true });
    const row = await server.database.db.selectFrom('tickets').select(['rating']).where('id', '=', journey.ticketId).executeTakeFirstOrThrow();
    expect(row.rating).toBe(5);
    await page.close();
  });

  it('in en-US the timeline and the conversation show no Chinese outside what people typed', async () => {
    const headers = await staffHeaders(server.url, 'supervisor01');
    const ticket = (await (await fetch(`${server.url}/api/tickets/${journey.ticketId}`, { headers })).json()) as Static<typeof TicketDetailSchema>;
    // Every kind of author is on it: the system (exception job, routing, callback), staff and the customer (the rating).
    expect(new Set(ticket.timeline.map((e) => e.actorKind))).toEqual(new Set(['system', 'staff', 'customer']));
    // What people typed or named stays as written: bodies (unless the system wrote them), names,
    // departments, sites, phrases, the from → to values.
    const typed = ticket.timeline.flatMap((e) => [
      e.actorName,
      e.systemText ? null : e.body,
      e.from,
      e.to,
      typeof e.detail.site === 'string' ? e.detail.site : null,
      e.systemText && 'site' in e.systemText ? e.systemText.site : null,
      ...(Array.isArray(e.detail.warnedPhrases) ? e.detail.warnedPhrases.map(String) : []),
    ]);
    const strings = [...new Set(typed.filter((s): s is string => Boolean(s)))].sort((a, b) => b.length - a.length);

    const page = await browser.newPage({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    await page.addInitScript("window.localStorage.setItem('pd.locale', 'en-US')");
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'supervisor01');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="current-user"]');
    await page.goto(`${server.url}/tickets/${journey.ticketId}`);
    const timeline = page.locator('[data-testid="ticket-timeline"]');
    await expect.poll(() => timeline.innerText()).toContain('Shipment exception: Damaged');
    await page.screenshot({ path: path.join(SHOTS, 'ticket-en-US.png'), fullPage: true });
    for (const part of ['ticket-timeline', 'ticket-conversation']) {
      let text = await page.locator(`[data-testid="${part}"]`).innerText();
      for (const s of strings) text = text.split(s).join(' ');
      const chinese = text.split('\n').filter((line) => /\p{Script=Han}/u.test(line));
      expect(chinese, part).toEqual([]);
    }
    // The system's entries are named in English, and the customer's by their masked name.
    const actors = await page.locator('[data-testid="timeline-actor"]').allInnerTexts();
    expect(actors.some((a) => a.endsWith('· System'))).toBe(true);
    expect(actors.some((a) => a.endsWith('· Customer 李*'))).toBe(true);
    await page.close();
  });
});
