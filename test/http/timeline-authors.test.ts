/**
 * A timeline entry says who wrote it as a kind (staff, customer, system) and what the system wrote
 * as data (systemText), so the console words both in the reader's language: the stored actor name
 * (系统, 客户) and the Chinese texts the system writes never have to be shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  agent = await t.signIn('agent01');
});
afterAll(() => t.close());

interface Entry {
  kind: string;
  actorKind: string;
  actorName: string;
  body: string | null;
  systemText: Record<string, unknown> | null;
}

async function send(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: agent.headers(), ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}
const timeline = async (id: string): Promise<Entry[]> => (await send('GET', `/api/tickets/${id}`)).timeline;

async function runExceptionJob() {
  for (;;) {
    const run = await ticketExceptions({ db: t.database.db, reference: t.app.reference });
    if (run.opened + run.joined === 0) break;
  }
}

describe('who wrote each entry, and what the system wrote, as data', () => {
  it('an exception ticket: the system opened it for the exception, and raised it for a damaged parcel', async () => {
    const db = t.database.db;
    const [shipment] = await db
      .insertInto('shipments')
      .values({ waybill_no: 'AUTHOR000001', registered: true, recipient_name: '孙七', recipient_phone: '13900009999' })
      .returning(['id', 'waybill_no'])
      .execute();
    const exception = (kind: string, site: string | null) =>
      db.insertInto('shipment_exceptions').values({ shipment_id: shipment!.id, waybill_no: shipment!.waybill_no, kind, raised_at: new Date(), site, area_code: null, detail: '{}' }).execute();
    await exception('delayed', '上海转运中心');
    await runExceptionJob();
    await exception('damaged', '杭州转运中心');
    await runExceptionJob();
    const { id } = await db
      .selectFrom('tickets as k')
      .innerJoin('ticket_waybills as w', 'w.ticket_id', 'k.id')
      .select('k.id')
      .where('w.waybill_no', '=', 'AUTHOR000001')
      .executeTakeFirstOrThrow();

    const entries = await timeline(id);
    expect(entries.find((e) => e.kind === 'created')).toMatchObject({
      actorKind: 'system',
      actorName: '',
      systemText: { key: 'exceptionFound', exceptionKind: 'delayed', site: '上海转运中心' },
    });
    expect(entries.find((e) => e.kind === 'priority')).toMatchObject({
      actorKind: 'system',
      actorName: '',
      systemText: { key: 'exceptionRaisedPriority', exceptionKind: 'damaged', site: null },
    });
    expect(entries.filter((e) => e.kind === 'exception').map((e) => e.actorKind)).toEqual(['system', 'system']);
    // No entry is named by the stored 系统 / 客户.
    for (const e of entries) expect(e.actorName).not.toMatch(/^(系统|客户)/);

    // The customer's own page gets the system's first message as data too.
    const lookup = await t.app.inject({ method: 'POST', url: '/api/public/tickets/lookup', payload: { waybillNo: 'AUTHOR000001', phoneLast4: '9999' } });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/api/public/tickets/${lookup.json().tickets[0].token}` });
    expect(page.json().messages[0]).toMatchObject({ from: 'system', systemText: { key: 'exceptionFound', exceptionKind: 'delayed', site: '上海转运中心' } });
  });

  it('a ticket opened for several exceptions at once names the most serious, as its title does', async () => {
    const db = t.database.db;
    const [shipment] = await db
      .insertInto('shipments')
      .values({ waybill_no: 'AUTHOR000002', registered: true, recipient_name: '周八', recipient_phone: '13900008888' })
      .returning(['id', 'waybill_no'])
      .execute();
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000);
    await db
      .insertInto('shipment_exceptions')
      .values([
        { shipment_id: shipment!.id, waybill_no: shipment!.waybill_no, kind: 'stalled', raised_at: at(0), site: '上海转运中心', area_code: null, detail: '{}' },
        { shipment_id: shipment!.id, waybill_no: shipment!.waybill_no, kind: 'lost', raised_at: at(1), site: '乌鲁木齐转运中心', area_code: null, detail: '{}' },
      ])
      .execute();
    await runExceptionJob();
    const { id } = await db
      .selectFrom('tickets as k')
      .innerJoin('ticket_waybills as w', 'w.ticket_id', 'k.id')
      .select('k.id')
      .where('w.waybill_no', '=', 'AUTHOR000002')
      .executeTakeFirstOrThrow();
    expect((await timeline(id)).find((e) => e.kind === 'created')?.systemText).toEqual({ key: 'exceptionFound', exceptionKind: 'lost', site: '乌鲁木齐转运中心' });
  });

  it('the reasons a command gives by itself are keys: a callback the customer was unhappy with, a merge', async () => {
    // Three customers: a second complaint from the same phone would join the first (follow-ups).
    let caller = 0;
    const open = async () =>
      send('POST', '/api/tickets', { kind: 'complaint', channel: 'phone', subject: '快件破损投诉', customerName: '张三', customerPhone: `1380013800${caller++}` });
    const resolve = async (ticket: { id: string; version: number }) =>
      send('POST', `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', reply: '已为您登记赔偿，感谢您的耐心。', version: ticket.version });

    // Unsatisfied at the callback, with no note: the ticket is reopened for that reason.
    const first = await open();
    await resolve(first);
    const callback = (await send('GET', '/api/callbacks')).find((c: { ticketId: string }) => c.ticketId === first.id);
    await send('POST', `/api/callbacks/${callback.id}/complete`, { outcome: 'unsatisfied' });
    const reopened = (await timeline(first.id)).find((e) => e.kind === 'reopened');
    expect(reopened).toMatchObject({ actorKind: 'staff', actorName: '王晓敏', body: '回访不满意', systemText: { key: 'callbackUnsatisfied' } });

    // A resolved complaint merged into another: its callback is cancelled for the merge.
    const dup = await open();
    const resolved = await resolve(dup);
    const into = await open();
    await send('POST', `/api/tickets/${dup.id}/merge`, { intoTicketId: into.id, version: resolved.version });
    const cancelled = (await timeline(dup.id)).find((e) => e.kind === 'callback_cancelled');
    expect(cancelled).toMatchObject({ actorKind: 'staff', systemText: { key: 'mergedInto', number: String(into.number) } });

    // What a person wrote stays theirs: a reply carries no system text.
    const reply = (await timeline(first.id)).find((e) => e.kind === 'reply');
    expect(reply).toMatchObject({ actorKind: 'staff', systemText: null, body: '已为您登记赔偿，感谢您的耐心。' });
  });
});
