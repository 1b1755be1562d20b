/**
 * The notice becomes true (issue 18 §8), through the API on a real database: a parcel past its
 * complete-delay limit is treated as lost, and the exception job (as the scheduler wires it) opens a
 * loss claim on its ticket with the proposal computed, asks the customer for evidence through the
 * notice's link, and only then does the SMS — and every surface of the parcel's story — say
 * "我们按丢失处理并为您启动理赔". Where no claim can be opened the story says none. Running the job
 * twice opens one claim. A damaged parcel's notice invites the customer to claim, with the link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptionLossClaims } from '../../src/jobs/scheduler.js';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let scanner: string;

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
const BASE = 'https://kf.example.com';

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const asScanner = () => ({ authorization: `Bearer ${scanner}` });

/** The exception job as the scheduler runs it: with the claims module's loss claims. */
async function exceptionJob() {
  const lossClaims = exceptionLossClaims({ database: t.database, tracking: t.app.tracking, reference: t.app.reference }, 'Asia/Shanghai');
  let runs = { opened: 0, joined: 0 };
  for (;;) {
    const run = await ticketExceptions({ db: t.database.db, reference: t.app.reference }, new Date(), 200, { lossClaims });
    runs = { opened: runs.opened + run.opened, joined: runs.joined + run.joined };
    if (run.opened + run.joined === 0) return runs;
  }
}

/** A parcel registered with its facts, picked up `days` ago, one scan after, then nothing. */
async function lostParcel(waybillNo: string, facts: Record<string, unknown>, days = 18) {
  const registered = await post(
    '/api/shipments',
    {
      shipments: [
        {
          waybillNo,
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
          ...facts,
        },
      ],
    },
    asScanner(),
  );
  expect(registered.statusCode, registered.body).toBeLessThan(300);
  const events = await post(
    '/api/tracking/events',
    {
      events: [
        { waybillNo, eventTime: hoursAgo(days * 24), status: 'picked_up', subStatus: 'picked_up', text: '已揽收', site: '上海浦东营业部' },
        { waybillNo, eventTime: hoursAgo(days * 24 - 10), status: 'in_transit', subStatus: 'arrived', text: '到达杭州转运中心', site: '杭州转运中心' },
      ],
    },
    asScanner(),
  );
  expect(events.statusCode, events.body).toBe(200);
}

async function story(waybillNo: string) {
  const track = (await post('/api/public/track', { waybillNos: [waybillNo] }, { 'accept-language': 'zh-CN' })).json().results[0];
  const staff = (await t.app.inject({ method: 'GET', url: `/api/shipments/${waybillNo}`, headers: admin.headers() })).json();
  return { track: track.story, staff: staff.story, notifications: staff.notifications as { template: string; body: string }[] };
}

beforeAll(async () => {
  t = await createTestApp({ config: { publicBaseUrl: BASE } });
  [admin, agent] = await Promise.all([t.signIn('admin'), t.signIn('agent01')]);
  scanner = (await post('/api/api-keys', { name: '理赔扫描枪', role: 'integration' }, admin.headers())).json().key;
});
afterAll(() => t.close());

describe('a parcel past its complete-delay limit', () => {
  it('gets a loss claim on its ticket, proposed by the rules; the SMS, /track and the staff page say 启动理赔, with the link', async () => {
    const waybillNo = 'PDLOSS000001';
    await lostParcel(waybillNo, { declaredValueFen: 20_000, freightFen: 1_500 });
    // Raised, not yet told: the loss waits for the job, which opens the claim first.
    expect((await story(waybillNo)).notifications).toEqual([]);
    await exceptionJob();

    const claims = (await t.app.inject({ method: 'GET', url: `/api/claims?waybill=${waybillNo}`, headers: agent.headers() })).json() as { id: string; type: string }[];
    expect(claims).toHaveLength(1);
    const claim = (await t.app.inject({ method: 'GET', url: `/api/claims/${claims[0]!.id}`, headers: agent.headers() })).json();
    // Uninsured, declared 200 yuan, freight 15: claimed is the most the rules pay — the value and the freight.
    expect(claim).toMatchObject({ type: 'loss', claimantSide: 'recipient', claimedFen: 21_500, state: 'proposed' });
    expect(claim.proposal.lines.map((l: { code: string }) => l.code)).toContain('FREIGHT_REFUNDED');
    expect(claim.proposal.totalFen).toBe(7 * 1_500 + 1_500); // 7× freight caps the 200 yuan; the freight refunded
    const ticket = (await t.app.inject({ method: 'GET', url: `/api/tickets/${claim.ticketId}`, headers: agent.headers() })).json();
    expect(ticket.subject).toBe(`彻底延误（按丢失处理）：${waybillNo}`);

    const told = await story(waybillNo);
    expect(told.notifications).toHaveLength(1);
    const [sms] = told.notifications;
    expect(sms!.template).toBe('exception.lost');
    expect(sms!.body).toContain('我们按丢失处理并为您启动理赔');
    expect(sms!.body).toContain(`补充理赔材料、查看进度：${BASE}/claim?waybill=${waybillNo}`);
    for (const s of [told.track, told.staff]) expect(s.text).toContain('我们按丢失处理并为您启动理赔，客服会与您联系。');
    // One story: the SMS says what the page says.
    expect(sms!.body).toContain(told.track.text);

    // The customer finds the claim after the phone check, through the notice's link.
    const lookup = (await post('/api/public/claims/lookup', { waybillNo, phoneLast4: '5678' })).json();
    expect(lookup.claims.map((c: { type: string }) => c.type)).toEqual(['loss']);
    const mine = (await t.app.inject({ method: 'GET', url: `/api/public/tickets/${lookup.claims[0].token}/claims` })).json();
    expect(mine.claims[0]).toMatchObject({ type: 'loss', openedBy: 'system', state: 'proposed' });

    // Running the job again opens nothing more: one claim, one SMS.
    await exceptionJob();
    expect((await t.app.inject({ method: 'GET', url: `/api/claims?waybill=${waybillNo}`, headers: agent.headers() })).json()).toHaveLength(1);
    expect((await story(waybillNo)).notifications).toHaveLength(1);
  });

  it('a valuable parcel: its claim waits for the purchase proof, asked for by the notice', async () => {
    const waybillNo = 'PDLOSS000002';
    await lostParcel(waybillNo, { declaredValueFen: 300_000, insured: true, freightFen: 2_000 });
    await exceptionJob();
    const [summary] = (await t.app.inject({ method: 'GET', url: `/api/claims?waybill=${waybillNo}`, headers: agent.headers() })).json() as { id: string }[];
    const claim = (await t.app.inject({ method: 'GET', url: `/api/claims/${summary!.id}`, headers: agent.headers() })).json();
    expect(claim).toMatchObject({ state: 'awaiting_evidence', claimedFen: 302_000 });
    expect(claim.evidenceRequestedAt).not.toBeNull();
    expect(claim.evidenceMissing.map((m: { item: string }) => m.item)).toEqual(['purchase_proof']);
    expect((await story(waybillNo)).notifications[0]!.body).toContain('我们按丢失处理并为您启动理赔');
  });

  it('where no claim can be opened (nothing declared, no freight), nothing is opened and no text says 理赔', async () => {
    const waybillNo = 'PDLOSS000003';
    await lostParcel(waybillNo, {});
    await exceptionJob();
    expect((await t.app.inject({ method: 'GET', url: `/api/claims?waybill=${waybillNo}`, headers: agent.headers() })).json()).toEqual([]);
    const told = await story(waybillNo);
    expect(told.notifications).toHaveLength(1);
    for (const text of [told.notifications[0]!.body, told.track.text, told.staff.text]) expect(text).not.toMatch(/理赔|赔偿/);
    expect(told.track.text).toContain('按丢失处理');
  });

  it('a loss claim the customer filed before the job ran: no second claim, and the notice says the claim is started', async () => {
    const waybillNo = 'PDLOSS000004';
    await lostParcel(waybillNo, { declaredValueFen: 20_000, freightFen: 1_500 });
    const filed = await post('/api/public/claims', { waybillNo, phoneLast4: '5678', type: 'loss', claimedYuan: '200', description: '半个多月没到，应该丢了' });
    expect(filed.statusCode, filed.body).toBe(201);
    await exceptionJob();
    const claims = (await t.app.inject({ method: 'GET', url: `/api/claims?waybill=${waybillNo}`, headers: agent.headers() })).json() as { id: string }[];
    expect(claims.map((c) => c.id)).toEqual([filed.json().claimId]);
    const told = await story(waybillNo);
    expect(told.notifications).toHaveLength(1);
    expect(told.notifications[0]!.body).toContain('我们按丢失处理并为您启动理赔');
  });
});

describe('a damaged parcel', () => {
  it('its notice invites the customer to claim, with the link; once they do, the story says it is being handled', async () => {
    const waybillNo = 'PDDAMAGE0001';
    await lostParcel(waybillNo, { declaredValueFen: 20_000, freightFen: 1_500 }, 1);
    const damaged = await post(
      '/api/tracking/events',
      { events: [{ waybillNo, eventTime: hoursAgo(2), status: 'damaged', subStatus: 'damaged', text: '外包装破损', site: '杭州西湖营业部' }] },
      asScanner(),
    );
    expect(damaged.statusCode, damaged.body).toBe(200);
    const told = await story(waybillNo);
    const sms = told.notifications.find((n) => n.template === 'exception.damaged')!;
    expect(sms.body).toContain('如有损失，您可以申请理赔。');
    expect(sms.body).toContain(`申请理赔：${BASE}/claim?waybill=${waybillNo}`);

    const filed = await post('/api/public/claims', { waybillNo, phoneLast4: '5678', type: 'damage', claimedYuan: '88', description: '杯子碎了' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await story(waybillNo)).track.text).toContain('您的破损理赔正在处理中');
  });
});
