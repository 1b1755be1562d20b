/**
 * One story per parcel (issue 15 §1), through the API on a real database: a parcel past its
 * complete-delay limit — the demo's "lost" one — is told the same, true story by the SMS in the
 * outbox, the public tracking answer (both languages), the exception ticket's title (also as the
 * customer finds it in self-service) and the staff shipment API; and a delivered parcel shows when
 * it was signed for, not an expected time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as retitleExceptionTickets } from '../../src/db/migrations/2026-12-07T1410_exception_titles_follow_story.js';
import { localTime } from '../../src/domain/notifications/templates.js';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let scanner: string;

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
const ZONE = 'Asia/Shanghai';

const shipment = (waybillNo: string) => ({
  waybillNo,
  sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
  recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
});
const scan = (waybillNo: string, hoursBack: number, status: string, subStatus: string, text: string) => ({
  waybillNo,
  eventTime: hoursAgo(hoursBack),
  status,
  subStatus,
  text,
  site: '杭州转运中心',
});

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers });
}
const asScanner = () => ({ authorization: `Bearer ${scanner}` });

async function track(waybillNo: string, lang: string) {
  const response = await post('/api/public/track', { waybillNos: [waybillNo] }, { 'accept-language': lang });
  expect(response.statusCode).toBe(200);
  return response.json().results[0];
}

async function staffView(waybillNo: string, lang = 'zh-CN') {
  const response = await t.app.inject({ method: 'GET', url: `/api/shipments/${waybillNo}`, headers: { ...admin.headers(), 'accept-language': lang } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function drainExceptionJob() {
  for (;;) {
    const run = await ticketExceptions({ db: t.database.db, reference: t.app.reference });
    if (run.opened + run.joined === 0) break;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  scanner = (await post('/api/api-keys', { name: '故事扫描枪', role: 'integration' }, admin.headers())).json().key;
});
afterAll(() => t.close());

describe('one story per parcel', () => {
  it('a parcel past its complete-delay limit: the SMS, /track, the ticket title, self-service and the staff page tell the same story', async () => {
    const waybill = 'PDSTORY00001';
    await post('/api/shipments', { shipments: [shipment(waybill)] }, asScanner());
    // Picked up 18 days ago, one scan after, then nothing: promised in 72 h, lost 7 days after that.
    await post(
      '/api/tracking/events',
      { events: [scan(waybill, 18 * 24, 'picked_up', 'picked_up', '已揽收'), scan(waybill, 18 * 24 - 10, 'in_transit', 'arrived', '到达杭州转运中心')] },
      asScanner(),
    );
    await drainExceptionJob();

    const staff = await staffView(waybill);
    const promisedAt = staff.promisedAt as string;
    expect(Date.parse(promisedAt)).toBeLessThan(Date.now() - 11 * 24 * HOUR);

    // The SMS in the outbox.
    const [sms] = staff.notifications;
    expect(staff.notifications).toHaveLength(1);
    expect(sms.template).toBe('exception.lost');

    // The public tracking answer.
    const zh = await track(waybill, 'zh-CN');
    const en = await track(waybill, 'en-US');

    // The exception ticket: its title, as staff and as the customer in self-service see it.
    const { ticket_id: ticketId } = await t.database.db
      .selectFrom('shipment_exceptions')
      .select('ticket_id')
      .where('waybill_no', '=', waybill)
      .where('kind', '=', 'lost')
      .executeTakeFirstOrThrow();
    const ticket = (await t.app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, headers: admin.headers() })).json();
    const lookup = (await post('/api/public/tickets/lookup', { waybillNo: waybill, phoneLast4: '5678' })).json();

    // What a new user saw (issue 15 §1): "启动理赔" in the SMS, "正在加急处理" on /track, 停滞 on the ticket.
    expect(sms.body).not.toMatch(/理赔|赔偿/);
    expect(JSON.stringify([zh, en])).not.toMatch(/加急|理赔|expedit/i);
    expect(ticket.subject).not.toContain('停滞');

    // One code everywhere: treated as lost, an agent on it (the job opened the ticket).
    for (const story of [zh.story, en.story, staff.story]) {
      expect(story).toMatchObject({ code: 'lost', caseOpen: true, expectedBy: null, lateSince: promisedAt, completeDelayAt: staff.completeDelayAt });
    }
    expect(zh.story.title).toBe('彻底延误（按丢失处理）');
    expect(en.story.title).toBe('Complete delay (treated as lost)');
    expect(staff.story.text).toBe(zh.story.text);
    expect(zh.story.text).toContain(`至彻底延误时限（${localTime(new Date(staff.completeDelayAt), ZONE)}）仍未送达，按丢失处理`);
    expect(zh.story.text).toContain('我们已登记跟进，客服会与您联系');
    // The SMS says what the page says, word for word.
    expect(sms.body).toContain(zh.story.text);
    // The ticket is titled by the same story, and the customer reads that title.
    expect(ticket.subject).toBe(`彻底延误（按丢失处理）：${waybill}`);
    expect(lookup.tickets.map((x: { subject: string }) => x.subject)).toEqual([ticket.subject]);
    expect(ticket.priority).toBe('high');

    // Nothing promises what the system does not do (no claim is opened), nor a past expected time.
    for (const text of [sms.body, zh.story.text, zh.story.title, ticket.subject]) expect(text).not.toMatch(/理赔|赔偿|加急|预计|停滞/);
    expect(en.story.text).not.toMatch(/claim|compensat|expedit|expected/i);
    expect(zh).not.toHaveProperty('delayNotice');
  });

  it('a stalled parcel that becomes lost: the open ticket follows, on its timeline', async () => {
    const waybill = 'PDSTORY00002';
    await post('/api/shipments', { shipments: [shipment(waybill)] }, asScanner());
    // Last scan 50 hours ago: stalled, not yet late.
    await post('/api/tracking/events', { events: [scan(waybill, 60, 'picked_up', 'picked_up', '已揽收'), scan(waybill, 50, 'in_transit', 'arrived', '到达杭州转运中心')] }, asScanner());
    await drainExceptionJob();
    const row = await t.database.db.selectFrom('shipment_exceptions').select('ticket_id').where('waybill_no', '=', waybill).where('kind', '=', 'stalled').executeTakeFirstOrThrow();
    const read = async () => (await t.app.inject({ method: 'GET', url: `/api/tickets/${row.ticket_id}`, headers: admin.headers() })).json();
    expect((await read()).subject).toBe(`快件停滞无更新：${waybill}`);
    expect((await track(waybill, 'zh-CN')).story.code).toBe('stalled');

    // Ten days on the clock finds it past its complete delay.
    const { runTrackingClock } = await import('../../src/modules/tracking/clock.js');
    await runTrackingClock(t.database.db, t.app.tracking, new Date(Date.now() + 10 * 24 * HOUR));
    await drainExceptionJob();
    const ticket = await read();
    expect(ticket.subject).toBe(`彻底延误（按丢失处理）：${waybill}`);
    expect(ticket.priority).toBe('high');
    const retitled = ticket.timeline.filter((e: { kind: string; detail: { field?: string } }) => e.kind === 'edit' && e.detail.field === 'subject');
    expect(retitled).toMatchObject([{ actorKind: 'system', from: `快件停滞无更新：${waybill}`, to: `彻底延误（按丢失处理）：${waybill}` }]);
  });

  it('a delivered parcel shows when it was signed for, never an expected time', async () => {
    const waybill = 'PDSTORY00003';
    await post('/api/shipments', { shipments: [shipment(waybill)] }, asScanner());
    await post(
      '/api/tracking/events',
      { events: [scan(waybill, 30, 'picked_up', 'picked_up', '已揽收'), scan(waybill, 5, 'delivered', 'self', '已签收，本人签收')] },
      asScanner(),
    );
    const zh = await track(waybill, 'zh-CN');
    const signedAt = hoursAgo(5).slice(0, 16);
    expect(zh.story).toMatchObject({ code: 'delivered', title: '已签收', expectedBy: null, lateSince: null });
    expect(zh.story.signedAt.slice(0, 16)).toBe(signedAt);
    expect(zh.story.text).toBe(`快件已于${localTime(new Date(zh.story.signedAt), ZONE)}签收。`);
    expect((await staffView(waybill)).story).toEqual(zh.story);
  });

  it('a parcel on its way shows when it is expected; once late, since when it is late', async () => {
    const waybill = 'PDSTORY00004';
    await post('/api/shipments', { shipments: [shipment(waybill)] }, asScanner());
    await post('/api/tracking/events', { events: [scan(waybill, 20, 'picked_up', 'picked_up', '已揽收'), scan(waybill, 2, 'in_transit', 'arrived', '到达杭州转运中心')] }, asScanner());
    const onTime = await track(waybill, 'zh-CN');
    expect(onTime.story).toMatchObject({ code: 'on_the_way', title: '运输中', expectedBy: onTime.promisedAt, lateSince: null });
    expect(onTime.story.text).toBe(`预计${localTime(new Date(onTime.promisedAt), ZONE)}前送达。`);


    // Picked up 80 hours ago and still travelling: late since its promise, never a past 预计送达.
    const late = 'PDSTORY00005';
    await post('/api/shipments', { shipments: [shipment(late)] }, asScanner());
    await post('/api/tracking/events', { events: [scan(late, 80, 'picked_up', 'picked_up', '已揽收'), scan(late, 2, 'in_transit', 'arrived', '到达杭州转运中心')] }, asScanner());
    // The SMS is queued with the exception; before the exception job's next minute the page already
    // tells the same story (the job will open the ticket), and after it too.
    const before = await track(late, 'zh-CN');
    await drainExceptionJob();
    const zh = await track(late, 'zh-CN');
    expect(before.story).toEqual(zh.story);
    expect(zh.story).toMatchObject({ code: 'late', title: '快件延误', expectedBy: null, lateSince: zh.promisedAt, caseOpen: true });
    expect(Date.parse(zh.promisedAt)).toBeLessThan(Date.now());
    expect(zh.story.text).toBe(`快件未能在承诺时间（${localTime(new Date(zh.promisedAt), ZONE)}）前送达，自该时间起已延误。我们已登记跟进，客服会与您联系。`);
    const [sms] = (await staffView(late)).notifications;
    expect(sms.body).toContain(zh.story.text);
  });
});

describe('an existing database (migration 2026-12-07T1410_exception_titles_follow_story)', () => {
  it("retitles an open exception ticket a loss joined before titles followed the story, on its timeline; a person's title stays", async () => {
    const db = t.database.db;
    const open = async (waybill: string) => {
      const [row] = await db.insertInto('shipments').values({ waybill_no: waybill, registered: true, recipient_name: '孙七', recipient_phone: '13900009999' }).returning('id').execute();
      const raise = (kind: string) =>
        db.insertInto('shipment_exceptions').values({ shipment_id: row!.id, waybill_no: waybill, kind, raised_at: new Date(), site: null, area_code: null, detail: '{}' }).returning('id').executeTakeFirstOrThrow();
      const stalled = await raise('stalled');
      await drainExceptionJob();
      const { ticket_id } = await db.selectFrom('shipment_exceptions').select('ticket_id').where('id', '=', stalled.id).executeTakeFirstOrThrow();
      // As the job joined a loss before: linked, the title left as it was.
      const lost = await raise('lost');
      await db.updateTable('shipment_exceptions').set({ ticket_id }).where('id', '=', lost.id).execute();
      return ticket_id!;
    };
    const systemTitled = await open('PDSTORY00010');
    const personTitled = await open('PDSTORY00011');
    await db.updateTable('tickets').set({ subject: '客户来电催件：PDSTORY00011' }).where('id', '=', personTitled).execute();
    const read = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: admin.headers() })).json();
    expect((await read(systemTitled)).subject).toBe('快件停滞无更新：PDSTORY00010');

    await retitleExceptionTickets(db);
    await retitleExceptionTickets(db); // once is enough: a second run finds nothing to do
    const ticket = await read(systemTitled);
    expect(ticket.subject).toBe('彻底延误（按丢失处理）：PDSTORY00010');
    expect(ticket.timeline.filter((e: { kind: string }) => e.kind === 'edit')).toMatchObject([
      { actorKind: 'system', from: '快件停滞无更新：PDSTORY00010', to: '彻底延误（按丢失处理）：PDSTORY00010', detail: { field: 'subject' } },
    ]);
    expect((await read(personTitled)).subject).toBe('客户来电催件：PDSTORY00011');
    // Search finds it by the new title's words.
    const found = (await t.app.inject({ method: 'GET', url: `/api/tickets?q=${encodeURIComponent('丢失')}`, headers: admin.headers() })).json();
    expect(found.items.map((x: { id: string }) => x.id)).toContain(systemTitled);
  });
});
