/**
 * What the customer's ticket page is told (GET /api/public/tickets/:token): who wrote each message
 * (they, our staff by role only, or the system), who opened the ticket (so the page says 提交时间
 * only for what they submitted), and the files they sent, still there on a later visit, never
 * the files staff attached.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let supervisor: Session;

beforeAll(async () => {
  t = await createTestApp();
  [agent, supervisor] = await Promise.all([t.signIn('agent01'), t.signIn('supervisor01')]);
});
afterAll(() => t.close());

const post = (s: Session | null, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: s ? s.headers() : {}, payload: payload as object });
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s ? s.headers() : {} });

/** A registered parcel whose recipient's phone ends in 4444. */
async function parcel(waybillNo: string) {
  const shipment = await t.database.db
    .insertInto('shipments')
    .values({ waybill_no: waybillNo, registered: true, sender_name: '王五', sender_phone: '13811112222', recipient_name: '赵六', recipient_phone: '13933334444' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return shipment.id;
}

/** The customer's way back to their tickets: the phone check, and a fresh link per ticket. */
async function lookup(waybillNo: string) {
  const res = await post(null, '/api/public/tickets/lookup', { waybillNo, phoneLast4: '4444' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().tickets as { number: string; openedBy: string; token: string }[];
}

async function view(token: string) {
  const res = await get(null, `/api/public/tickets/${token}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const authors = (v: { messages: { from: string; staffRole: string | null }[] }) => v.messages.map((m) => [m.from, m.staffRole]);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(17)]);

async function upload(session: Session | null, url: string, fileName: string) {
  const boundary = `----ParcelDesk${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const type = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  const res = await t.app.inject({ method: 'POST', url, headers: session ? session.headers(type) : type, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('the customer’s ticket page tells who wrote what', () => {
  it('a ticket the customer submitted: their message, then staff by role (no names), and it was opened by the customer', async () => {
    await parcel('SSPAGE000001');
    const created = await post(null, '/api/public/tickets', { waybillNo: 'SSPAGE000001', phoneLast4: '4444', kind: 'query', text: '请问快件什么时候派送' });
    expect(created.statusCode, created.body).toBe(201);
    const { token, number } = created.json();
    const ticket = await t.database.db.selectFrom('tickets').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
    const reply = await post(supervisor, `/api/tickets/${ticket.id}/replies`, { body: '您好，快件今天下午派送', visibility: 'public', version: ticket.version });
    expect(reply.statusCode, reply.body).toBe(200);
    expect((await post(null, `/api/public/tickets/${token}/replies`, { body: '好的，谢谢' })).statusCode).toBe(204);

    const page = await view(token);
    expect(page.openedBy).toBe('customer');
    expect(authors(page)).toEqual([
      ['customer', null],
      ['staff', 'supervisor'],
      ['customer', null],
    ]);
    expect(JSON.stringify(page)).not.toContain('主管'); // the role is a code the page words; no staff name or title in the data
    expect((await lookup('SSPAGE000001')).map((x) => x.openedBy)).toEqual(['customer']);
  });

  it('a ticket an agent registered from a call is opened by staff, and its first message is the agent’s', async () => {
    await parcel('SSPAGE000002');
    const res = await post(agent, '/api/tickets', {
      kind: 'complaint',
      channel: 'phone',
      subject: '来电投诉派件延误',
      description: '客户来电反映快件三天未派送',
      waybillNos: ['SSPAGE000002'],
      customerName: '赵六',
      customerPhone: '13933334444',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [found] = await lookup('SSPAGE000002');
    expect(found!.openedBy).toBe('staff');
    const page = await view(found!.token);
    expect(page.openedBy).toBe('staff');
    expect(authors(page)).toEqual([['staff', 'agent']]);
    expect(JSON.stringify(page)).not.toContain('王晓敏'); // agent01's name stays inside
  });

  it('a ticket the system opened for an exception is opened by the system, and its notice is the system’s, not an agent’s', async () => {
    const shipmentId = await parcel('SSPAGE000003');
    await t.database.db
      .insertInto('shipment_exceptions')
      .values({ shipment_id: shipmentId, waybill_no: 'SSPAGE000003', kind: 'stalled', raised_at: new Date(), site: null, area_code: null, detail: '{}' })
      .execute();
    await ticketExceptions({ db: t.database.db, reference: t.app.reference }, new Date(), 10_000);
    const [found] = await lookup('SSPAGE000003');
    expect(found!.openedBy).toBe('system');
    const page = await view(found!.token);
    expect(page.openedBy).toBe('system');
    expect(page.messages.length).toBeGreaterThan(0);
    expect(authors(page)[0]).toEqual(['system', null]);
  });
});

describe('the customer’s own uploads are listed on every visit, staff attachments never', () => {
  it('after an upload the page lists it by name and time; a file staff attached is absent', async () => {
    await parcel('SSPAGE000004');
    const created = await post(null, '/api/public/tickets', { waybillNo: 'SSPAGE000004', phoneLast4: '4444', kind: 'complaint', text: '外箱破损，里面的杯子碎了' });
    const { token, number } = created.json();
    const ticket = await t.database.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    expect((await view(token)).attachments).toEqual([]);

    const before = Date.now();
    await upload(null, `/api/public/tickets/${token}/attachments`, 'IMG_2041.png');
    const staff = await upload(agent, `/api/tickets/${ticket.id}/attachments`, '内部核实照片.png');

    // A later visit, through a new link from the phone check: the same list.
    for (const link of [token, (await lookup('SSPAGE000004'))[0]!.token]) {
      const page = await view(link);
      expect(page.attachments).toEqual([{ fileName: 'IMG_2041.png', at: expect.any(String) }]);
      expect(Date.parse(page.attachments[0].at)).toBeGreaterThanOrEqual(before - 1000);
      const text = JSON.stringify(page);
      expect(text).not.toContain('内部核实照片');
      expect(text).not.toContain(staff.id);
    }
  });
});
