/**
 * The 2026-12-07T0100 migration on a database holding what the feeds stored before waybill numbers
 * had one spelling: lower-case rows alone, and lower-case twins of parcels also stored in upper case.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../src/db/migrations/2026-12-07T0100_waybill_one_spelling.js';
import { ensurePartitions, monthOf } from '../../src/modules/tracking/partitions.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let scanner: string;
let ticketId: string;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const get = (url: string, session: Session = admin) => t.app.inject({ method: 'GET', url, headers: session.headers() });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  agent = await t.signIn('agent01');
  scanner = (await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin.headers(), payload: { name: '扫描枪', role: 'integration' } })).json().key;
  const db = t.database.db;

  // A parcel stored only in lower case, with one event.
  await ensurePartitions(db, [monthOf(hoursAgo(3))]);
  await db.insertInto('shipments').values({ waybill_no: 'lc1000000001', status: 'in_transit', sub_status: 'in_transit', last_event_time: hoursAgo(3), last_event_key: 'k1' }).execute();
  await db
    .insertInto('tracking_events')
    .values({ waybill_no: 'lc1000000001', event_time: hoursAgo(3), event_key: 'k1', status: 'in_transit', sub_status: 'in_transit', raw_text: '运输中', source: 'kuaidi100' })
    .execute();

  // A parcel registered and scanned in upper case, and pushed by a feed in lower case: two events
  // both have, and the delivery only the feed reported.
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/shipments',
    headers: { authorization: `Bearer ${scanner}` },
    payload: {
      shipments: [
        {
          waybillNo: 'LC2000000001',
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
        },
      ],
    },
  });
  expect(registered.statusCode).toBe(200);
  const scans = [
    { waybillNo: 'LC2000000001', eventTime: hoursAgo(10).toISOString(), status: 'picked_up', subStatus: 'picked_up', text: '已揽收' },
    { waybillNo: 'LC2000000001', eventTime: hoursAgo(5).toISOString(), status: 'in_transit', subStatus: 'in_transit', text: '运输中' },
  ];
  expect((await t.app.inject({ method: 'POST', url: '/api/tracking/events', headers: { authorization: `Bearer ${scanner}` }, payload: { events: scans } })).json().stored).toBe(2);
  const twin = await db
    .insertInto('shipments')
    .values({
      waybill_no: 'lc2000000001',
      status: 'delivered',
      sub_status: 'self',
      terminal: true,
      last_event_time: hoursAgo(1),
      last_event_key: 'delivered',
      last_event_text: '已签收',
      picked_up_at: hoursAgo(10),
      delivered_at: hoursAgo(1),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into tracking_events (waybill_no, event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source)
    select 'lc2000000001', event_time, event_key, status, sub_status, site, area_code, courier, raw_text, source
    from tracking_events where waybill_no = 'LC2000000001'`.execute(db);
  await db
    .insertInto('tracking_events')
    .values({ waybill_no: 'lc2000000001', event_time: hoursAgo(1), event_key: 'delivered', status: 'delivered', sub_status: 'self', raw_text: '已签收', source: 'kuaidi100' })
    .execute();
  // The same kind of exception on both, a notice on the twin's.
  const survivor = await db.selectFrom('shipments').select('id').where('waybill_no', '=', 'LC2000000001').executeTakeFirstOrThrow();
  await db.insertInto('shipment_exceptions').values({ shipment_id: survivor.id, waybill_no: 'LC2000000001', kind: 'stalled', raised_at: hoursAgo(4), site: null, area_code: null, detail: '{}' }).execute();
  const gone = await db
    .insertInto('shipment_exceptions')
    .values({ shipment_id: twin.id, waybill_no: 'lc2000000001', kind: 'stalled', raised_at: hoursAgo(4), site: null, area_code: null, detail: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('notifications')
    .values({ shipment_id: twin.id, exception_id: gone.id, channel: 'sms', recipient: '13912345678', locale: 'zh-CN', template: 'stalled', body: '您的快件…' })
    .execute();

  // A ticket linked to LC3000000001 under both spellings and to lc3000000002 only; a contact likewise.
  const ticket = await t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: agent.headers(),
    payload: { kind: 'query', channel: 'phone', subject: '查件', description: '客户询问快件进度', waybillNos: ['LC3000000001'], customerName: '王五', customerPhone: '13700137000' },
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  ticketId = ticket.json().id;
  await db.insertInto('ticket_waybills').values([{ ticket_id: ticketId, waybill_no: 'lc3000000001' }, { ticket_id: ticketId, waybill_no: 'lc3000000002' }]).execute();
  await db.insertInto('contacts').values({ channel: 'phone', question: '查件', waybill_nos: ['lc3000000002', 'LC3000000002', 'lc3000000001'] }).execute();

  await up(db);
});
afterAll(() => t.close());

describe('the waybill spelling migration (defect 7)', () => {
  it('a parcel stored in lower case is found under its one spelling', async () => {
    for (const asked of ['lc1000000001', 'LC1000000001']) {
      const detail = await get(`/api/shipments/${asked}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ waybillNo: 'LC1000000001', status: 'in_transit' });
      expect(detail.json().events).toHaveLength(1);
    }
  });

  it('a lower-case twin merges into the registered parcel: events once each, the latest standing, one exception with the notice', async () => {
    const rows = await t.database.db.selectFrom('shipments').select('waybill_no').where('waybill_no', 'ilike', 'lc2000000001').execute();
    expect(rows).toEqual([{ waybill_no: 'LC2000000001' }]);
    const detail = (await get('/api/shipments/lc2000000001')).json();
    expect(detail).toMatchObject({ waybillNo: 'LC2000000001', status: 'delivered', sender: { name: '张*' } });
    expect(detail.deliveredAt).not.toBeNull();
    expect(detail.events.map((e: { status: string }) => e.status)).toEqual(['delivered', 'in_transit', 'picked_up']);
    expect(detail.exceptions).toHaveLength(1);
    expect(detail.notifications).toHaveLength(1);
    const search = (await get('/api/shipments?q=lc2000000001')).json();
    expect(search).toMatchObject({ total: 1, items: [{ waybillNo: 'LC2000000001' }] });
  });

  it('tickets and contacts name each waybill once, in its one spelling, and ticket search finds them', async () => {
    const links = await t.database.db.selectFrom('ticket_waybills').select('waybill_no').where('ticket_id', '=', ticketId).orderBy('waybill_no').execute();
    expect(links.map((l) => l.waybill_no)).toEqual(['LC3000000001', 'LC3000000002']);
    const contact = await t.database.db.selectFrom('contacts').select('waybill_nos').where('question', '=', '查件').executeTakeFirstOrThrow();
    expect(contact.waybill_nos).toEqual(['LC3000000002', 'LC3000000001']);
    const found = (await get('/api/tickets?view=search&q=lc3000000002', agent)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(ticketId);
  });

  it('running it again changes nothing', async () => {
    const count = async () =>
      Number((await sql<{ n: string }>`select (select count(*) from shipments) + (select count(*) from tracking_events) + (select count(*) from ticket_waybills) as n`.execute(t.database.db)).rows[0]!.n);
    const before = await count();
    await up(t.database.db);
    expect(await count()).toBe(before);
  });
});
