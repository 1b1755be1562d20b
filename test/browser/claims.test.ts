/**
 * Claims in Chromium (docs/product.md §3, issue 18): a 月结 customer's insured parcel was damaged;
 * agent01 opens a damage claim from the customer's ticket, uploads the three photos the checklist
 * asks for and accepts them, and sees the proposal — 800 yuan, line by line — wait for a
 * supervisor, with no approve button of their own. supervisor01 finds it in the approval inbox,
 * opens it and approves it; agent01 settles it, and the page shows the credit note on the monthly
 * account; the supervisor confirms the station the scans point to and charges it back, finds the
 * charge in the month's chargebacks and downloads them as XLSX. The claim page and the chargebacks
 * are photographed in zh-CN and en-US; an admin changes the claims rules.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickUntilClosed, SHOTS, signInPage, staffHeaders, startBrowserStack, type BrowserStack } from '../support/browser.js';

const WAIT = { timeout: 15_000 };
const WAYBILL = 'PD8800000318';
const ACCOUNT = 'YJ-SH-0451';
let stack: BrowserStack;
let ticketId = '';
let claimUrl = '';

async function call(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${stack.server.url}${url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 160×120 PNG "photo": a carton-brown field with a darker diagonal crease. */
function photo(shade: number): Buffer {
  const [w, h] = [160, 120];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) {
      const crease = Math.abs(x - y * 1.3 - shade) < 6;
      rows.push(crease ? 90 : 196 - shade, crease ? 60 : 150 - shade, crease ? 30 : 98 - shade / 2);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
  // The parcel: 月结 on account YJ-SH-0451, insured for 1,000 yuan, picked up yesterday and scanned damaged at a hub.
  const admin = await staffHeaders(stack.server.url, 'admin');
  const { key } = (await call('POST', '/api/api-keys', { name: '理赔浏览器测试扫描枪', role: 'integration' }, admin)) as { key: string };
  const scanner = { authorization: `Bearer ${key}` };
  await call(
    'POST',
    '/api/shipments',
    {
      shipments: [
        {
          waybillNo: WAYBILL,
          sender: { name: '上海恒达服饰有限公司', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
          declaredValueFen: 100_000,
          insured: true,
          insuranceFeeFen: 500,
          freightFen: 1_800,
          paymentTerm: 'monthly',
          monthlyAccount: ACCOUNT,
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
        { waybillNo: WAYBILL, eventTime: at(30), status: 'picked_up', subStatus: 'picked_up', text: '【上海市】快递员已揽收', site: '上海浦东营业部' },
        { waybillNo: WAYBILL, eventTime: at(20), status: 'damaged', subStatus: 'damaged', text: '外包装破损，已拍照留存', site: '上海转运中心' },
      ],
    },
    scanner,
  );
  // The customer called: agent01 recorded a claim ticket on the parcel.
  const agent = await staffHeaders(stack.server.url, 'agent01');
  const ticket = await call(
    'POST',
    '/api/tickets',
    { kind: 'claim', subject: `理赔 ${WAYBILL} 茶具破损`, channel: 'phone', waybillNos: [WAYBILL], customerName: '上海恒达服饰有限公司', customerPhone: '13800138000', acknowledgeWarnings: true },
    agent,
  );
  ticketId = String(ticket.id);
}, 90_000);
afterAll(() => stack?.close());

async function open(username: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> {
  const page = await stack.browser.newPage({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  await signInPage(page, stack.server.url, username);
  return page;
}

/** The whole page in one shot: the viewport grown to the page's height, so the fixed menu and header stay in place. */
async function shot(page: Page, name: string): Promise<void> {
  // The toasts of the steps before are gone by the time a person looks.
  await page.evaluate("document.querySelectorAll('.ant-message-notice-wrapper').forEach((n) => n.remove())");
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) });
  await page.screenshot({ path: path.join(SHOTS, name) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

const item = (page: Page, name: string) => page.locator(`[data-testid="evidence-item"][data-item="${name}"]`);

describe('a damage claim for a 月结 customer, worked on the console', () => {
  it('the agent opens it from the ticket, uploads and accepts the photos, and sees the proposal wait for a supervisor', async () => {
    const page = await open('agent01');
    await page.goto(`${stack.server.url}/tickets/${ticketId}`);
    await page.click('[data-testid="claim-open"]');
    await page.waitForSelector('[data-testid="claim-open-form"]');
    await page.click('[data-testid="claim-open-form"] .ant-radio-button-wrapper >> text=破损');
    await page.locator('[data-testid="claim-open-amount"]').locator('xpath=descendant-or-self::input').fill('800');
    await page.fill('[data-testid="claim-open-description"]', '外箱压扁，一套茶具全部碎裂，客户要求按 800 元赔偿。');
    await page.click('[data-testid="claim-open-ok"]');
    await page.waitForURL(/\/claims\/[0-9a-f-]{36}$/, WAIT);
    claimUrl = page.url();

    // The facts come from the parcel; nothing is proposed for a decision before the evidence.
    const detail = page.locator('[data-testid="claim-detail"]');
    await expect.poll(() => detail.getAttribute('data-state'), WAIT).toBe('opened');
    const facts = await page.locator('[data-testid="claim-facts"]').innerText();
    expect(facts).toContain('已保价');
    expect(facts).toContain('1,000.00 元');
    expect(await page.locator('[data-testid="fact-payment-term"]').innerText()).toBe(`月结 · ${ACCOUNT}`);
    expect(facts).toContain('上海转运中心');
    expect(await page.locator('[data-testid="evidence-missing"]').innerText()).toBe('缺 3 项必需材料');
    expect(await page.locator('[data-testid="claim-approve"]').count()).toBe(0);

    // Three photos, each uploaded to its checklist item and accepted.
    const photos = { outer_packaging_photo: '外包装.png', item_photo: '茶具.png', signed_delivery_slip: '签收单.png' };
    let shade = 0;
    for (const [name, file] of Object.entries(photos)) {
      await item(page, name).locator('input[type="file"]').setInputFiles({ name: file, mimeType: 'image/png', buffer: photo((shade += 20)) });
      await expect.poll(() => item(page, name).locator('[data-testid="evidence-review"]').count(), WAIT).toBe(1);
      expect(await item(page, name).locator('[data-testid="evidence-review"]').innerText()).toBe('待审核');
      await item(page, name).locator('[data-testid="evidence-accept"]').click();
      await expect.poll(() => item(page, name).locator('[data-testid="evidence-review"]').innerText(), WAIT).toBe('已通过');
    }
    // Thumbnails of the photos, loaded from the attachments.
    const thumbs = page.locator('[data-testid="claim-evidence"] img');
    expect(await thumbs.count()).toBe(3);
    await expect.poll(() => thumbs.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), WAIT).toBe(160);

    // Complete: proposed at 800 yuan (the insured value capped at the claim), for a supervisor to decide.
    await expect.poll(() => detail.getAttribute('data-state'), WAIT).toBe('proposed');
    expect(await page.locator('[data-testid="evidence-complete"]').innerText()).toBe('材料齐全');
    const lines = await page.locator('[data-testid="proposal-line"]').allInnerTexts();
    expect(lines[0]).toContain('按保价金额赔偿');
    expect(lines.some((l) => l.includes('不超过客户索赔金额'))).toBe(true);
    expect(await page.locator('[data-testid="proposal-total"]').innerText()).toBe('800.00');
    expect(await page.locator('[data-testid="claim-level"]').innerText()).toContain('须由主管审批');
    expect(await page.locator('[data-testid="claim-approve"]').count()).toBe(0);
    expect(await page.locator('[data-testid="claim-reject"]').count()).toBe(0);
    const events = await page.locator('[data-testid="claim-event"]').allInnerTexts();
    expect(events.join('\n')).toContain('审核材料：物品照片，已通过');
    await shot(page, 'claim-proposed-zh-CN.png');

    // The ticket shows its claim.
    await page.click('[data-testid="claim-ticket-link"]');
    await page.waitForURL(/\/tickets\//);
    await expect.poll(() => page.locator('[data-testid="ticket-claim"]').innerText(), WAIT).toContain('待审批');
    await page.close();
  });

  it('the supervisor finds it in the approval inbox and approves it', async () => {
    const page = await open('supervisor01');
    await page.click('.ant-menu >> text=理赔');
    await page.waitForURL(/\/claims$/);
    await page.click('[data-testid="claims-tab-inbox"]');
    const row = page.locator('[data-testid="claims-inbox"] tr.ant-table-row', { hasText: WAYBILL });
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.locator('[data-testid="inbox-amount"]').innerText()).toBe('800.00');
    expect(await row.innerText()).toContain('寄件人 · 上');
    await row.locator('[data-testid="inbox-link"]').click();
    await page.waitForURL(claimUrl);
    expect(await page.locator('[data-testid="claim-level"]').innerText()).toContain('在您的审批权限内');
    await page.click('[data-testid="claim-approve"]');
    await page.fill('[data-testid="approve-dialog-reason"]', '照片与签收单一致，按保价赔偿');
    await page.click('[data-testid="approve-dialog-ok"]');
    const detail = page.locator('[data-testid="claim-detail"]');
    await expect.poll(() => detail.getAttribute('data-state'), WAIT).toBe('approved');
    const decision = await page.locator('[data-testid="claim-decision"]').innerText();
    expect(decision).toContain('已批准');
    expect(decision).toContain('800.00 元');
    expect(decision).toContain('李建国');
    expect(await page.locator('[data-testid="claim-approve"]').count()).toBe(0);
    // Gone from the inbox.
    await page.goto(`${stack.server.url}/claims?tab=inbox`);
    await page.waitForSelector('[data-testid="claims-inbox"]');
    await expect.poll(() => page.locator('[data-testid="claims-inbox"]').innerText(), WAIT).not.toContain(WAYBILL);
    await page.close();
  });

  it('the agent settles it as a credit note on the monthly account; the page shows the entry, in zh-CN and en-US', async () => {
    const page = await open('agent01');
    await page.goto(claimUrl);
    await page.click('[data-testid="claim-settle"]');
    const dialog = page.locator('.ant-modal', { has: page.locator('[data-testid="settle-dialog"]') });
    expect(await dialog.innerText()).toContain(`在月结账户 ${ACCOUNT} 的对账单上冲账`);
    expect(await page.locator('[data-testid="settle-dialog-reference"]').count()).toBe(0);
    // On a busy machine a click on a dialog still opening can be lost: the dialog stays open, and a
    // second click sends the same idempotency key, so the claim is still settled once.
    await clickUntilClosed(dialog, page.locator('[data-testid="settle-dialog-ok"]'));
    const detail = page.locator('[data-testid="claim-detail"]');
    // The state, and what the page said if it said something (a message box may never appear).
    const message = page.locator('.ant-message');
    const said = async () => `${await detail.getAttribute('data-state')} ${(await message.count()) > 0 ? await message.innerText() : ''}`;
    await expect.poll(said, WAIT).toMatch(/^settled/);
    expect(await page.locator('[data-testid="ledger-kind"]').innerText()).toBe('月结冲账');
    expect(await page.locator('[data-testid="ledger-amount"]').innerText()).toBe('−800.00');
    expect(await page.locator('[data-testid="claim-settlement"]').innerText()).toContain(ACCOUNT);
    expect(await page.locator('[data-testid="claim-settle"]').count()).toBe(0);
    // an agent neither reverses nor charges back
    expect(await page.locator('[data-testid="ledger-reverse"]').count()).toBe(0);
    await shot(page, 'claim-settled-zh-CN.png');

    // In English: the same page, every word translated.
    await page.evaluate("localStorage.setItem('pd.locale', 'en-US')");
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="ledger-kind"]').innerText(), WAIT).toBe('Credit note on the monthly account');
    const text = await page.locator('[data-testid="claim-detail"]').innerText();
    expect(text).toContain('Monthly account');
    expect(text).toContain('The insured value');
    expect(text).not.toMatch(/claims\.|tickets\./);
    await shot(page, 'claim-settled-en-US.png');
    await page.close();
  });

  it('the supervisor confirms the station at fault from the scans and charges it back', async () => {
    const page = await open('supervisor01');
    await page.goto(claimUrl);
    const card = page.locator('[data-testid="claim-responsibility"]');
    await expect.poll(() => card.innerText(), WAIT).toContain('上海转运中心');
    expect(await card.innerText()).toContain('破损扫描网点');
    // No chargeback before a station is confirmed.
    expect(await page.locator('[data-testid="claim-chargeback"]').count()).toBe(0);
    await page.click('[data-testid="responsibility-decide"]');
    expect(await page.locator('[data-testid="responsibility-dialog-station"]').inputValue()).toBe('上海转运中心');
    await page.fill('[data-testid="responsibility-dialog-reason"]', '转运中心破损扫描，有照片');
    await page.click('[data-testid="responsibility-dialog-ok"]');
    await expect.poll(() => page.locator('[data-testid="responsibility-station"]').count(), WAIT).toBe(1);
    await page.click('[data-testid="claim-chargeback"]');
    await page.locator('[data-testid="chargeback-dialog-amount"]').locator('xpath=descendant-or-self::input').fill('300');
    await page.fill('[data-testid="chargeback-dialog-reason"]', '2026 年 12 月破损追偿');
    await page.click('[data-testid="chargeback-dialog-ok"]');
    await expect.poll(() => page.locator('[data-testid="ledger-kind"]').allInnerTexts(), WAIT).toEqual(['月结冲账', '向责任网点追偿']);
    expect(await card.innerText()).toContain('300.00 元');
    // A supervisor may reverse an entry; each shows its own button.
    expect(await page.locator('[data-testid="ledger-reverse"]').count()).toBe(2);
    await shot(page, 'claim-chargeback-zh-CN.png');
    await page.close();
  });

  it('the supervisor finds the charge in this month’s chargebacks and downloads the same list as XLSX', async () => {
    const page = await open('supervisor01');
    await page.goto(`${stack.server.url}/claims`);
    await page.click('[data-testid="claims-tab-chargebacks"]');
    await page.waitForURL(/tab=chargebacks/);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const [year, mm] = month.split('-');
    expect(await page.locator('[data-testid="chargebacks-month"]').innerText()).toBe(`${year}年${Number(mm)}月`);
    const station = page.locator('[data-testid="chargebacks-stations"] tr.ant-table-row', { hasText: '上海转运中心' });
    await expect.poll(() => station.count(), WAIT).toBe(1);
    expect(await station.locator('[data-testid="chargebacks-station-total"]').innerText()).toBe('300.00');
    const entry = page.locator('[data-testid="chargebacks-entries"] tr.ant-table-row', { hasText: WAYBILL });
    expect(await entry.count()).toBe(1);
    const text = await entry.innerText();
    expect(text).toContain('2026 年 12 月破损追偿');
    expect(text).toContain('李建国');
    expect(await entry.locator('[data-testid="chargeback-amount"]').innerText()).toBe('300.00');
    expect(await entry.locator('[data-testid="chargeback-claim-link"]').getAttribute('href')).toBe(new URL(claimUrl).pathname);

    // One station picked: the address keeps it, and the download carries the same month and station.
    await station.locator('[data-testid="chargebacks-station"]').click();
    await page.waitForURL(/station=/);
    const download = page.waitForEvent('download');
    await page.click('[data-testid="chargebacks-xlsx"]');
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const rows = book.getWorksheet('追偿清单')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.slice(1)).toEqual([
      ['上海转运中心', WAYBILL, '破损', '向责任网点追偿', 300, '2026 年 12 月破损追偿', expect.any(String), '李建国'],
      ['上海转运中心', '合计', '', '', 300, '', '', ''],
    ]);
    await shot(page, 'claims-chargebacks-zh-CN.png');

    await page.evaluate("localStorage.setItem('pd.locale', 'en-US')");
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="claims-tab-chargebacks"]').innerText(), WAIT).toBe('Chargebacks');
    await expect.poll(() => page.locator('[data-testid="chargebacks-entries"]').innerText(), WAIT).toContain('Charged back to the station at fault');
    const english = await page.locator('[data-testid="claims-chargebacks"]').innerText();
    expect(english).toContain('Export to Excel');
    expect(english).toContain('Entered by');
    expect(english).toContain('Damage claim');
    expect(english).not.toMatch(/claims\./);
    await expect.poll(() => page.locator('[data-testid="claims-chargebacks"] .ant-spin-blur').count(), WAIT).toBe(0);
    await shot(page, 'claims-chargebacks-en-US.png');
    await page.close();

    // An agent has no chargebacks tab.
    const agentPage = await open('agent01');
    await agentPage.goto(`${stack.server.url}/claims?tab=chargebacks`);
    await agentPage.waitForSelector('[data-testid="claims-tab-list"]');
    expect(await agentPage.locator('[data-testid="claims-tab-chargebacks"]').count()).toBe(0);
    expect(await agentPage.locator('[data-testid="claims-chargebacks"]').count()).toBe(0);
    await agentPage.close();
  });

  it('an admin reads the claims rules with their sources and saves a new version', async () => {
    const page = await open('admin');
    await page.goto(`${stack.server.url}/admin/policies?tab=claims`);
    const multiple = page.locator('[data-testid="claims-rule-uninsuredCapMultiple"]');
    await expect.poll(() => multiple.innerText(), WAIT).toBe('7 倍');
    expect(await page.locator('[data-testid="claims-rule-term.monthly"]').innerText()).toBe('9 倍');
    expect(await page.locator('[data-testid="claims-rule-agentApprovalMaxFen"]').innerText()).toBe('500.00 元');
    expect(await page.locator('[data-testid="claims-evidence-damage"]').innerText()).toContain('快递员签字确认的签收单（注明异常）');
    await page.click('[data-testid="claims-policy-edit"]');
    await page.locator('[data-testid="claims-policy-uninsuredCapMultiple"]').locator('xpath=descendant-or-self::input').fill('8');
    await page.fill('[data-testid="claims-policy-note"]', '2027 年服务承诺调整');
    await page.click('[data-testid="claims-policy-save"]');
    await expect.poll(() => multiple.innerText(), WAIT).toBe('8 倍');
    const row = await page.locator('[data-rule="uninsuredCapMultiple"]').locator('xpath=ancestor::tr').innerText();
    expect(row).toMatch(/v\d+：7 → 8（2027 年服务承诺调整）/);
    await shot(page, 'claims-policy-zh-CN.png');
    await page.close();
  });
});
