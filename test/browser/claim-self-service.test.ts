/**
 * Self-service claims in Chromium on a 390 px phone screen (docs/product.md §3; issue 18 §1, §9): the
 * customer passes the phone check on /claim, files a damage claim, uploads two photos from the
 * phone and sees the claim under review; an agent (through the HTTP API, as the console would)
 * accepts the photos, adds the courier's signed slip and approves; the customer sees the offer and
 * how it is paid, and accepts it. Screenshots in zh-CN and en-US.
 */
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePartitions } from '../../src/modules/tracking/partitions.js';
import type { RunningServer } from '../../src/server.js';
import { smallPdf, smallPng } from '../support/claims.js';
import { SHOTS, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

const WAYBILL = 'PD8800000091';
const DAY = 86_400_000;
let server: RunningServer;
let browser: Browser;
let stack: BrowserStack;

async function api<T>(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: T }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(`${server.url}${url}`, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ server, browser } = stack);
  // A parcel picked up 6 days ago (freight 15 yuan, declared 200 yuan, uninsured), scanned damaged at a station; recipient's phone ends in 4444.
  const db = server.database.db;
  const scanned = new Date(Date.now() - 5 * DAY);
  await db
    .insertInto('shipments')
    .values({
      waybill_no: WAYBILL,
      registered: true,
      sender_name: '王五',
      sender_phone: '13811112222',
      recipient_name: '赵六',
      recipient_phone: '13933334444',
      insured: false,
      declared_value_fen: 20_000,
      freight_fen: 1_500,
      payment_term: 'sender_pays',
      picked_up_at: new Date(Date.now() - 6 * DAY),
      delivered_at: new Date(Date.now() - 4 * DAY),
      // The scan below as ingestion keeps it on the shipment, for the public lookup.
      timeline: JSON.stringify([{ time: scanned.toISOString(), key: 'damaged', status: 'damaged', site: '杭州西湖营业部', text: '快件破损' }]),
      timeline_from: scanned,
    })
    .execute();
  await ensurePartitions(db, new Set([`${scanned.getUTCFullYear()}-${String(scanned.getUTCMonth() + 1).padStart(2, '0')}`]));
  await db
    .insertInto('tracking_events')
    .values({ waybill_no: WAYBILL, event_time: scanned, event_key: 'damaged', status: 'damaged', sub_status: 'damaged', site: '杭州西湖营业部', raw_text: '快件破损', source: 'test' })
    .execute();
});

afterAll(() => stack?.close());

async function phone(locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await browser.newPage({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.addInitScript(`window.localStorage.setItem('pd.locale', '${locale}')`);
  return page;
}

/** The page is no wider than the phone: nothing spills sideways. */
async function fitsTheScreen(page: Page) {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}

describe('a customer claims for a damaged parcel from the phone', () => {
  it('files a damage claim with two photos, sees it under review, then sees the approved offer and accepts it', async () => {
    const page = await phone('zh-CN');
    // The notice's link carries the waybill.
    await page.goto(`${server.url}/claim?waybill=${WAYBILL}`);
    expect(await page.inputValue('[data-testid="claim-open-waybill"]')).toBe(WAYBILL);
    await page.fill('[data-testid="claim-open-phone"]', '4444');
    await page.click('[data-testid="claim-type-damage"]');
    await page.fill('[data-testid="claim-open-amount"]', '120');
    await page.fill('[data-testid="claim-open-description"]', '外箱被压扁，里面的陶瓷杯碎了。');
    await fitsTheScreen(page);
    await page.screenshot({ path: path.join(SHOTS, 'claim-self-open-zh-CN.png'), fullPage: true });
    await page.click('[data-testid="claim-open-submit"]');
    await page.waitForURL(/\/claim\/t\/[A-Za-z0-9_-]{32,64}$/);
    const token = page.url().split('/claim/t/')[1]!;
    await page.waitForSelector('[data-testid="claim-card"]');
    expect(await page.locator('[data-testid="claim-state"]').innerText()).toBe('已受理');
    // The damage checklist: packaging photo, item photo, the signed slip — each required.
    const items = page.locator('[data-testid="claim-evidence-item"]');
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')))).toEqual(expect.arrayContaining(['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']));

    // Two photos from the phone.
    for (const [item, name] of [
      ['outer_packaging_photo', '外箱.png'],
      ['item_photo', '杯子.png'],
    ] as const) {
      await page.setInputFiles(`[data-testid="claim-evidence-item"][data-item="${item}"] input[type=file]`, { name, mimeType: 'image/png', buffer: smallPng() });
      await expect.poll(() => page.locator(`[data-testid="claim-evidence-item"][data-item="${item}"]`).innerText()).toContain(name);
    }
    expect(await page.locator('[data-testid="claim-evidence-upload"]').count()).toBe(2);
    expect(await page.locator('[data-testid="claim-evidence"]').innerText()).toContain('待审核');
    // Nothing internal: no station.
    expect(await page.locator('body').innerText()).not.toContain('杭州西湖营业部');
    await fitsTheScreen(page);
    await page.screenshot({ path: path.join(SHOTS, 'claim-self-review-zh-CN.png'), fullPage: true });

    // The desk: accepts the photos, adds the courier's signed slip, and approves (an agent's level: 120 yuan).
    const agent = await staffHeaders(server.url, 'agent01');
    const [summary] = (await api<{ id: string; ticketId: string }[]>('GET', `/api/claims?waybill=${WAYBILL}`, undefined, agent)).body;
    expect(summary).toBeDefined();
    const claimUrl = `/api/claims/${summary!.id}`;
    let claim = (await api<{ evidence: { id: string }[]; version: number; state: string; proposal: { totalFen: number } }>('GET', claimUrl, undefined, agent)).body;
    for (const e of claim.evidence) expect((await api('POST', `${claimUrl}/evidence/${e.id}/review`, { review: 'accepted' }, agent)).status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([smallPdf()], { type: 'application/pdf' }), 'slip.pdf');
    const slip = await api<{ id: string }>('POST', `/api/tickets/${summary!.ticketId}/attachments`, form, agent);
    expect(slip.status).toBe(201);
    const attached = await api<{ id: string }>('POST', `${claimUrl}/evidence`, { item: 'signed_delivery_slip', attachmentId: slip.body.id }, agent);
    expect(attached.status).toBe(201);
    expect((await api('POST', `${claimUrl}/evidence/${attached.body.id}/review`, { review: 'accepted' }, agent)).status).toBe(200);
    claim = (await api<typeof claim>('GET', claimUrl, undefined, agent)).body;
    expect(claim.state).toBe('proposed');
    // 7 × 15 yuan freight caps the 200 yuan declared (105), the freight refunded on top (15): 120, as claimed
    expect(claim.proposal.totalFen).toBe(12_000);
    expect((await api('POST', `${claimUrl}/approve`, { version: claim.version }, agent)).status).toBe(200);

    // The customer sees the offer and how it is paid, and accepts it.
    await page.reload();
    await page.waitForSelector('[data-testid="claim-offer"]');
    expect(await page.locator('[data-testid="claim-state"]').innerText()).toBe('已批准');
    expect(await page.locator('[data-testid="claim-offer-amount"]').innerText()).toBe('¥120.00');
    expect(await page.locator('[data-testid="claim-offer-payment"]').innerText()).toContain('打款给您');
    await page.click('[data-testid="claim-accept"]');
    await page.waitForSelector('[data-testid="claim-offer-accepted"]');
    expect(await page.locator('[data-testid="claim-accept"]').count()).toBe(0);
    await fitsTheScreen(page);
    await page.screenshot({ path: path.join(SHOTS, 'claim-self-accepted-zh-CN.png'), fullPage: true });
    await page.close();

    // The same page in English.
    const en = await phone('en-US');
    await en.goto(`${server.url}/claim/t/${token}`);
    await en.waitForSelector('[data-testid="claim-offer-accepted"]');
    expect(await en.locator('[data-testid="claim-state"]').innerText()).toBe('Approved');
    expect(await en.locator('[data-testid="claim-offer"]').innerText()).toContain('Paid to you');
    expect(await en.locator('[data-testid="claim-state-hint"]').innerText()).toContain('The compensation is approved');
    await fitsTheScreen(en);
    await en.screenshot({ path: path.join(SHOTS, 'claim-self-accepted-en-US.png'), fullPage: true });
    await en.goto(`${server.url}/claim?waybill=${WAYBILL}`);
    await en.waitForSelector('[data-testid="claim-open"]');
    await en.screenshot({ path: path.join(SHOTS, 'claim-self-open-en-US.png'), fullPage: true });
    await en.close();
  });

  it('a link that names no claim says where to look it up again, and leads there', async () => {
    const page = await phone('zh-CN');
    await page.goto(`${server.url}/claim/t/not-a-real-link`);
    const missing = page.locator('[data-testid="claim-missing"]');
    await expect.poll(() => missing.innerText()).toContain('请回到理赔页，用运单号和手机号后四位重新查询');
    await fitsTheScreen(page);
    await missing.locator('button', { hasText: '返回理赔页' }).click();
    await page.waitForURL(/\/claim$/);
    await page.close();
  });
});
