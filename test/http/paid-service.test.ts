/**
 * Paid after-sales service (issue 19 point 5, docs/product.md §4 "Paid service") through the API on
 * a real database: a quotation written with its lines and priced in fen, sent after a supervisor
 * approved headquarters' price, confirmed by the customer on the self-service page after the phone
 * check (or by an agent from the phone), the visit accepted, the invoice written once and read back
 * from its PDF — and every refusal (no lines, expired, answered twice, invoicing before acceptance
 * or twice, approving one's own request, the wrong role) a 4xx with its code and nothing changed.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestDatabase } from '../support/digest.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let supervisor: Session;
let manager: Session;
let ops: Session;
let kam: Session;
let wcId = '';
let buyerId = '';
let notificationId = '';
const PHONE = '13812345678';

const as = (s: Session) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() }),
  post: (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object }),
  put: (url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: s.headers(), payload: payload as object }),
});
const publicPost = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: '203.0.113.9' });

const LINES = [
  { kind: 'labour', description: '上门维修人工', quantity: 1.5, unit: '小时', unitPriceFen: 8000, taxCategory: 'repair' },
  { kind: 'parts', description: '活动柜锁芯', quantity: 1, unit: '件', unitPriceFen: 12_000, taxCategory: 'goods' },
  { kind: 'call_out', description: '上门费', quantity: 1, unit: '次', unitPriceFen: 5000, taxCategory: 'repair' },
  { kind: 'other', description: '旧件处理', quantity: 1, unit: '次', unitPriceFen: 1001, taxCategory: 'services' },
];

function localToday(offsetDays = 0) {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

const base = (id = notificationId) => `/api/service-orders/${id}/quotations`;

async function quotations(session: Session = agent, id = notificationId) {
  const res = await as(session).get(base(id));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function quote(quoteId: string, session: Session = agent) {
  return (await quotations(session)).quotations.find((q: { id: string }) => q.id === quoteId);
}

async function create(body: Record<string, unknown> = {}) {
  const res = await as(agent).post(base(), { validUntil: localToday(7), lines: LINES, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function step(session: Session, quoteId: string, action: string, extra: Record<string, unknown> = {}) {
  const { version } = await quote(quoteId);
  return as(session).post(`${base()}/${quoteId}/moves`, { version, action, ...extra });
}

/** A refused request: its status and code, and not one row changed (the phone check's own counts aside). */
async function refused(request: () => Promise<{ statusCode: number; body: string; json(): { code: string; allowed?: string[] } }>, status: number, code: string) {
  const before = await digestDatabase(t.database, ['sessions', 'phone_check_counts']);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code).toBe(code);
  expect(await digestDatabase(t.database, ['sessions', 'phone_check_counts'])).toEqual(before);
  return res;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n');
}

async function sentWithLink(body: Record<string, unknown> = {}) {
  const q = await create(body);
  const res = await step(agent, q.id, 'send');
  expect(res.statusCode, res.body).toBe(200);
  return { ...q, token: res.json().link.token as string };
}

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, supervisor, manager, ops, kam] = await Promise.all([t.signIn('admin'), t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('manager01'), t.signIn('ops01'), t.signIn('kam01')]);
  const dept = (await t.database.db.selectFrom('departments').select('id').where('code', '=', 'OPS').executeTakeFirstOrThrow()).id;
  const wc = await as(admin).post('/api/service-orders/work-centers', { code: 'S4002', name: '上海浦东服务中心', departmentId: dept, staffIds: [] });
  expect(wc.statusCode, wc.body).toBe(201);
  wcId = wc.json().id;
  buyerId = (await t.database.db.insertInto('customers').values({ name: '王敏', phone: PHONE, kind: 'individual' }).returning('id').executeTakeFirstOrThrow()).id;
  const created = await as(agent).post('/api/service-orders', {
    type: 'Z1',
    shortText: '活动柜锁坏',
    soldToId: buyerId,
    reporterName: '王敏',
    mainWorkCenterId: wcId,
    items: [{ quantity: 1, reason: { group: 'SV-REPAIR', code: '0001' } }],
  });
  expect(created.statusCode, created.body).toBe(201);
  notificationId = created.json().id;
});

afterAll(async () => {
  await t?.close();
});

describe('writing a quotation (服务销售订单)', () => {
  it('prices every line in fen, half up per line, with tax by rate and 价税合计 in capitals', async () => {
    const q = await create({ needsHeadquartersPrice: true, note: '锁芯需总部报价' });
    expect(q.number).toMatch(/^BJ\d{6}-000001$/);
    const view = await quote(q.id);
    expect(view).toMatchObject({ state: 'draft', needsHeadquartersPrice: true, expired: false, allowed: ['edit', 'request_approval', 'cancel'] });
    expect(view.lines.map((l: { amountFen: number; taxFen: number; rateBp: number }) => [l.amountFen, l.rateBp, l.taxFen])).toEqual([
      [12_000, 1300, 1560],
      [12_000, 1300, 1560],
      [5000, 1300, 650],
      [1001, 600, 60], // 60.06 fen rounds to 60
    ]);
    expect(view.totals).toEqual({
      netFen: 30_001,
      taxFen: 3830,
      grossFen: 33_831,
      byRate: [
        { rateBp: 1300, netFen: 29_000, taxFen: 3770 },
        { rateBp: 600, netFen: 1001, taxFen: 60 },
      ],
      grossInWords: '叁佰叁拾捌元叁角壹分',
    });
    const { history } = (await as(agent).get(`/api/service-orders/${notificationId}`)).json();
    expect(history.at(-1)).toMatchObject({ kind: 'quote', documentNo: q.number, fromState: null, toState: 'draft', actorName: expect.any(String) });
  });

  it('refuses a quotation without lines, a bad line and a validity in the past, changing nothing', async () => {
    await refused(() => as(agent).post(base(), { validUntil: localToday(7), lines: [] }), 400, 'QUOTE_NO_LINES');
    const bad = await refused(() => as(agent).post(base(), { validUntil: localToday(7), lines: [{ ...LINES[0], quantity: 1.2345 }] }), 400, 'QUOTE_LINE_INVALID');
    expect(bad.json()).toMatchObject({ message: '报价第 1 行的数量不正确。' });
    await refused(() => as(agent).post(base(), { validUntil: localToday(-1), lines: LINES }), 400, 'QUOTE_VALIDITY_INVALID');
    const en = await t.app.inject({ method: 'POST', url: base(), headers: agent.headers({ 'accept-language': 'en-US' }), payload: { validUntil: localToday(7), lines: [] } });
    expect(en.json().message).toBe('A quotation needs at least one line (labour, parts, call-out fee or other).');
  });

  it('refuses the wrong role: an account manager reads but does not write; a department user of another work center sees nothing', async () => {
    expect((await as(kam).get(base())).statusCode).toBe(200);
    await refused(() => as(kam).post(base(), { validUntil: localToday(7), lines: LINES }), 403, 'FORBIDDEN');
    const other = await t.database.db.insertInto('service_work_centers').values({ code: 'X9999', name: '别处' }).returning('id').executeTakeFirstOrThrow();
    const elsewhere = await as(agent).post('/api/service-orders', { type: 'Z1', shortText: '别处的单', soldToId: buyerId, reporterName: '王敏', mainWorkCenterId: other.id, items: [] });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    await refused(() => as(ops).post(base(elsewhere.json().id), { validUntil: localToday(7), lines: LINES }), 404, 'SERVICE_ORDER_NOT_FOUND');
  });

  it('changes a draft’s lines, and only a draft’s', async () => {
    const q = await create();
    const res = await as(agent).put(`${base()}/${q.id}`, { version: q.version, validUntil: localToday(3), lines: [LINES[2]] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await quote(q.id)).totals.grossFen).toBe(5650);
    const sent = await step(agent, q.id, 'send');
    expect(sent.statusCode, sent.body).toBe(200);
    const v = (await quote(q.id)).version;
    const refusal = await refused(() => as(agent).put(`${base()}/${q.id}`, { version: v, validUntil: localToday(3), lines: LINES }), 409, 'QUOTE_TRANSITION_INVALID');
    expect(refusal.json().allowed).toEqual(['revise', 'confirm', 'decline', 'expire', 'cancel']);
  });
});

describe('headquarters’ price (向总部询报价): a supervisor approves, never the one who asked', () => {
  it('is not sent before approval; an agent may not approve; the supervisor approves; then it is sent with the customer’s link', async () => {
    const q = await create({ needsHeadquartersPrice: true });
    await refused(() => step(agent, q.id, 'send'), 409, 'QUOTE_NEEDS_APPROVAL');
    expect((await step(agent, q.id, 'request_approval')).statusCode).toBe(200);
    await refused(() => step(agent, q.id, 'approve'), 403, 'QUOTE_APPROVAL_FORBIDDEN');
    await refused(() => step(ops, q.id, 'approve'), 403, 'QUOTE_APPROVAL_FORBIDDEN');
    expect((await quote(q.id, supervisor)).allowed).toEqual(['approve', 'reject', 'cancel']);
    const approved = await step(supervisor, q.id, 'approve');
    expect(approved.json()).toMatchObject({ state: 'approved' });
    const view = await quote(q.id);
    expect(view.approval).toMatchObject({ requestedBy: expect.any(String), approvedBy: expect.any(String) });
    const sent = await step(agent, q.id, 'send');
    expect(sent.json()).toMatchObject({ state: 'sent', link: { path: expect.stringMatching(/^\/quote\/[A-Za-z0-9_-]{32}$/) } });
  });

  it('refuses a supervisor approving their own request; a manager approves it', async () => {
    const q = await create({ needsHeadquartersPrice: true });
    expect((await step(supervisor, q.id, 'request_approval')).statusCode).toBe(200);
    await refused(() => step(supervisor, q.id, 'approve'), 403, 'QUOTE_APPROVAL_FORBIDDEN');
    expect((await quote(q.id, supervisor)).allowed).not.toContain('approve');
    expect((await step(manager, q.id, 'approve')).json().state).toBe('approved');
  });
});

describe('the customer on the self-service page, after the phone check', () => {
  it('reads the quotation, confirms it once, and accepts the visit; each step on the notification’s history', async () => {
    const q = await sentWithLink();
    await refused(() => publicPost(`/api/public/service-quotes/${q.token}`, { phoneLast4: '0000' }), 403, 'SERVICE_QUOTE_VERIFICATION_FAILED');
    await refused(() => publicPost(`/api/public/service-quotes/${'x'.repeat(32)}`, { phoneLast4: '5678' }), 404, 'SERVICE_QUOTE_NOT_FOUND');
    const page = await publicPost(`/api/public/service-quotes/${q.token}`, { phoneLast4: '5678' });
    expect(page.statusCode, page.body).toBe(200);
    // A contact of the customer answers for it too (a company often has no phone of its own on record).
    await t.database.db.insertInto('customer_contacts').values({ customer_id: buyerId, name: '王敏的同事', role: '收货人', phones: ['13900004321'] }).execute();
    expect((await publicPost(`/api/public/service-quotes/${q.token}`, { phoneLast4: '4321' })).statusCode).toBe(200);
    expect(page.json()).toMatchObject({ number: q.number, state: 'sent', canAnswer: true, canAccept: false, totals: { grossFen: 33_831, grossInWords: '叁佰叁拾捌元叁角壹分' } });
    expect(page.body).not.toContain('approval');
    // acceptance before the answer is refused
    await refused(() => publicPost(`/api/public/service-quotes/${q.token}/acceptance`, { phoneLast4: '5678', name: '王敏' }), 409, 'QUOTE_TRANSITION_INVALID');
    const confirmed = await publicPost(`/api/public/service-quotes/${q.token}/answer`, { phoneLast4: '5678', answer: 'confirm' });
    expect(confirmed.json()).toEqual({ state: 'confirmed' });
    // answering twice, on the page or through the desk
    await refused(() => publicPost(`/api/public/service-quotes/${q.token}/answer`, { phoneLast4: '5678', answer: 'decline' }), 409, 'QUOTE_ALREADY_ANSWERED');
    const v = (await quote(q.id)).version;
    await refused(() => as(agent).post(`${base()}/${q.id}/phone-answer`, { version: v, answer: 'confirm' }), 409, 'QUOTE_ALREADY_ANSWERED');
    expect((await quote(q.id)).answer).toMatchObject({ answer: 'confirmed', channel: 'self_service', recordedBy: null });
    const accepted = await publicPost(`/api/public/service-quotes/${q.token}/acceptance`, { phoneLast4: '5678', name: '王敏', remarks: '锁已修好' });
    expect(accepted.json()).toEqual({ state: 'accepted' });
    expect((await quote(q.id)).acceptance).toMatchObject({ acceptedBy: '王敏', channel: 'self_service', remarks: '锁已修好' });
    const { history } = (await as(agent).get(`/api/service-orders/${notificationId}`)).json();
    const mine = history.filter((h: { documentNo: string | null }) => h.documentNo === q.number).map((h: { kind: string; toState: string; actorName: string }) => `${h.kind}:${h.toState}`);
    expect(mine).toEqual(['quote:draft', 'quote:sent', 'quote:confirmed', 'acceptance:accepted']);
    expect(history.at(-1).actorName).toBe('客户（自助服务）');
  });

  it('refuses confirming an expired quotation, on the page and by phone; a decline is still taken', async () => {
    const q = await sentWithLink({ validUntil: localToday(0) });
    // the day after its last valid day
    await t.database.db.updateTable('service_quotations').set({ valid_until: localToday(-1) }).where('id', '=', q.id).execute();
    const page = (await publicPost(`/api/public/service-quotes/${q.token}`, { phoneLast4: '5678' })).json();
    expect(page).toMatchObject({ expired: true });
    await refused(() => publicPost(`/api/public/service-quotes/${q.token}/answer`, { phoneLast4: '5678', answer: 'confirm' }), 409, 'QUOTE_EXPIRED');
    const v = (await quote(q.id)).version;
    await refused(() => as(agent).post(`${base()}/${q.id}/phone-answer`, { version: v, answer: 'confirm' }), 409, 'QUOTE_EXPIRED');
    expect((await quote(q.id)).expired).toBe(true);
    const declined = await as(agent).post(`${base()}/${q.id}/phone-answer`, { version: v, answer: 'decline', note: '太贵' });
    expect(declined.json()).toMatchObject({ state: 'declined' });
    expect((await quote(q.id)).answer).toMatchObject({ answer: 'declined', channel: 'phone', reason: '太贵' });
  });

  it('a revised quotation’s old link no longer opens it', async () => {
    const q = await sentWithLink();
    expect((await step(agent, q.id, 'revise')).json().state).toBe('draft');
    await refused(() => publicPost(`/api/public/service-quotes/${q.token}`, { phoneLast4: '5678' }), 404, 'SERVICE_QUOTE_NOT_FOUND');
  });
});

describe('acceptance (验收确认) and the service invoice (服务销售发票)', () => {
  it('is invoiced only after acceptance, once, with its PDF saying it is not issued on the tax platform', async () => {
    const q = await sentWithLink();
    let v = (await quote(q.id)).version;
    const confirmed = await as(agent).post(`${base()}/${q.id}/phone-answer`, { version: v, answer: 'confirm', note: '客户电话确认' });
    expect(confirmed.json()).toMatchObject({ state: 'confirmed' });
    v = confirmed.json().version;
    await refused(() => as(agent).post(`${base()}/${q.id}/invoice`, { version: v }), 409, 'INVOICE_BEFORE_ACCEPTANCE');
    await refused(() => as(ops).post(`${base()}/${q.id}/acceptance`, { version: v, channel: 'on_site', acceptedBy: '王敏', acceptedAt: new Date(Date.now() + 3600_000).toISOString() }), 400, 'ACCEPTANCE_INVALID');
    await refused(() => as(kam).post(`${base()}/${q.id}/acceptance`, { version: v, channel: 'on_site', acceptedBy: '王敏' }), 403, 'FORBIDDEN');
    // the field engineer records the signature on site
    const accepted = await as(ops).post(`${base()}/${q.id}/acceptance`, { version: v, channel: 'on_site', acceptedBy: '王敏', remarks: '已修复，满意' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    v = accepted.json().version;
    expect((await quote(q.id)).allowed).toEqual(['invoice']);

    const invoiced = await as(agent).post(`${base()}/${q.id}/invoice`, { version: v });
    expect(invoiced.statusCode, invoiced.body).toBe(201);
    expect(invoiced.json()).toMatchObject({
      state: 'invoiced',
      invoice: { number: expect.stringMatching(/^FW\d{6}-000001$/), grossFen: 33_831, platformStatus: 'recorded', platformInvoiceNo: null },
      platform: { connected: false, code: 'not_connected', notice: { 'zh-CN': '未接入国家税务总局全国统一电子发票服务平台，发票仅在本系统记录。' } },
    });
    const number = invoiced.json().invoice.number as string;
    // twice: refused, nothing changed (a double click writes one invoice)
    await refused(() => as(agent).post(`${base()}/${q.id}/invoice`, { version: invoiced.json().version }), 409, 'INVOICE_ALREADY_ISSUED');
    const list = await quotations();
    expect(list.platform.connected).toBe(false);
    expect(list.quotations.find((x: { id: string }) => x.id === q.id)).toMatchObject({ state: 'invoiced', invoice: { number, netFen: 30_001, taxFen: 3830, grossFen: 33_831, platformStatus: 'recorded' }, allowed: [] });
    const { history } = (await as(agent).get(`/api/service-orders/${notificationId}`)).json();
    expect(history.at(-1)).toMatchObject({ kind: 'invoice', documentNo: number, fromState: 'accepted', toState: 'invoiced', note: q.number });

    const invoicePdf = await as(agent).get(`${base()}/${q.id}/invoice.pdf`);
    expect(invoicePdf.statusCode).toBe(200);
    expect(invoicePdf.headers['content-type']).toBe('application/pdf');
    expect(invoicePdf.headers['content-disposition']).toContain(`${number}.pdf`);
    const text = await pdfText(invoicePdf.rawPayload);
    for (const part of ['服务销售发票', number, q.number, '王敏', '上门维修人工', '活动柜锁芯', '338.31', '叁佰叁拾捌元叁角壹分', '13%', '6%', '未接入国家税务总局全国统一电子发票服务平台', '不是税务机关监制的发票', '现场签字验收', '已修复，满意']) {
      expect(text).toContain(part);
    }
    const quotePdf = await as(kam).get(`${base()}/${q.id}/pdf`);
    expect(quotePdf.statusCode).toBe(200);
    const quoteText = await pdfText(quotePdf.rawPayload);
    for (const part of ['服务报价单', q.number, '有效期至', '338.31', '叁佰叁拾捌元叁角壹分']) expect(quoteText).toContain(part);
  });

  it('has no invoice PDF before the invoice is written', async () => {
    const q = await create();
    const res = await as(agent).get(`${base()}/${q.id}/invoice.pdf`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('SERVICE_INVOICE_NOT_FOUND');
  });
});
