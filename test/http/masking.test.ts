/**
 * One rule for personal data on every surface (docs/product.md §5, domain/privacy.ts): every page
 * and list that shows a ticket's customer or a shipment's parties shows them masked, to every role,
 * before and after a reveal; the full name, phone and address leave only through a reveal, which
 * writes an audit entry (who saw whose data, why, when) before they leave. A refused reveal shows
 * nothing and records nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let ops: Session;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, ops, admin] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('ops01'), t.signIn('admin')]);
});
afterAll(() => t.close());

const WAYBILL = 'MASK00000001';
const NAME = '陈玉鹏';
const PHONE = '13955556666';
const ADDRESS = '浙江省杭州市西湖区文三路90号东部软件园';
/**
 * What must never appear unmasked: the given name, the phone with its middle digits (as the prefix
 * and the middle: '5555' alone turns up in random ids), the street.
 */
const SECRETS = ['玉鹏', PHONE, '1395555', '文三路', '软件园'];

const request = (session: Session | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session ? session.headers() : {}, ...(payload ? { payload } : {}) });

async function ok(session: Session | null, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await request(session, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.body ? res.json() : null;
}

let ticketId = '';
let ticketNumber = '';
let token = '';

/** Every surface that shows this ticket's customer or its parcel's parties, as `session` reads it. */
async function surfaces(session: Session) {
  return {
    detail: await ok(session, 'GET', `/api/tickets/${ticketId}`),
    search: await ok(session, 'GET', `/api/tickets?q=${WAYBILL}`),
    mine: await ok(session, 'GET', '/api/tickets?view=mine'),
    callbacks: await ok(session, 'GET', '/api/callbacks'),
    shipment: await ok(session, 'GET', `/api/shipments/${WAYBILL}`),
    shipments: await ok(session, 'GET', `/api/shipments?q=${WAYBILL}`),
    selfService: await ok(null, 'GET', `/api/public/tickets/${token}`),
  };
}

function expectMasked(all: Awaited<ReturnType<typeof surfaces>>) {
  for (const [surface, body] of Object.entries(all)) {
    const text = JSON.stringify(body);
    for (const secret of SECRETS) expect(text, `${surface} shows ${secret}`).not.toContain(secret);
  }
  const { detail } = all;
  expect(detail).toMatchObject({ customerName: '陈**', customerPhone: '139****6666' });
  // The conversation and the timeline name the customer as the card does, and say who wrote each entry.
  const byCustomer = detail.timeline.filter((e: { actorKind: string }) => e.actorKind === 'customer');
  expect(byCustomer.map((e: { kind: string }) => e.kind)).toEqual(['created', 'customer_reply']);
  for (const e of byCustomer) expect(e.actorName).toBe('陈**');
  expect(detail.callbacks[0]).toMatchObject({ customerName: '陈**', customerPhone: '139****6666' });
  expect(all.search.items[0]).toMatchObject({ customerName: '陈**', customerPhone: '139****6666' });
  expect(all.callbacks.find((c: { ticketId: string }) => c.ticketId === ticketId)).toMatchObject({ customerName: '陈**' });
  expect(all.shipment.recipient).toMatchObject({ name: '陈**', phone: '139****6666', address: '浙江省杭州市西湖区****' });
}

async function reveals(action: 'ticket.customer_reveal' | 'shipment.reveal') {
  return t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();
}

describe('masking is one rule on every surface', () => {
  beforeAll(async () => {
    await t.database.db
      .insertInto('shipments')
      .values({ waybill_no: WAYBILL, registered: true, sender_name: '王五', sender_phone: '13811112222', recipient_name: NAME, recipient_phone: PHONE, recipient_address: ADDRESS })
      .execute();
    const created = await ok(null, 'POST', '/api/public/tickets', { waybillNo: WAYBILL, phoneLast4: '6666', kind: 'complaint', text: '快件外箱破损，里面的东西碎了' });
    token = created.token;
    ticketNumber = created.number;
    ticketId = (await t.database.db.selectFrom('tickets').select('id').where('number', '=', ticketNumber).executeTakeFirstOrThrow()).id;
    await ok(null, 'POST', `/api/public/tickets/${token}/replies`, { body: '请尽快联系我' });
    // agent01 owns it (routing may have picked someone else), answers and resolves it: a callback is scheduled.
    let d = await ok(supervisor, 'GET', `/api/tickets/${ticketId}`);
    if (d.ownerId !== agent.userId) {
      await ok(supervisor, 'POST', `/api/tickets/${ticketId}/transfer`, { toUserId: agent.userId, reason: '由王晓敏跟进处理', version: d.version });
      d = await ok(agent, 'GET', `/api/tickets/${ticketId}`);
    }
    await ok(agent, 'POST', `/api/tickets/${ticketId}/resolve`, { causeCode: 'courier', reply: '已为您登记处理，感谢您的耐心。', version: d.version });
  });

  it('an agent who did not reveal reads every surface masked, and nothing is audited', async () => {
    for (const session of [agent, agent2]) expectMasked(await surfaces(session));
    expect(await reveals('ticket.customer_reveal')).toHaveLength(0);
  });

  it('the owner who revealed got the customer once, audited; every surface stays masked', async () => {
    const revealed = await ok(agent, 'POST', `/api/tickets/${ticketId}/customer/reveal`);
    expect(revealed).toEqual({ customerName: NAME, customerPhone: PHONE });
    const entries = await reveals('ticket.customer_reveal');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: agent.userId, actor_name: 'agent01', subject_type: 'ticket', subject_id: ticketId, detail: { number: ticketNumber, ground: 'owner' } });
    expect(entries[0]!.at).toBeInstanceOf(Date);
    // A reveal is one look: the pages read afterwards are the same masked pages.
    expectMasked(await surfaces(agent));
  });

  it('a supervisor reveals the parcel’s parties, audited with the ground; the audit page holds no personal data', async () => {
    const revealed = await ok(supervisor, 'POST', `/api/shipments/${WAYBILL}/reveal`);
    expect(revealed.recipient).toMatchObject({ name: NAME, phone: PHONE, address: ADDRESS });
    const entries = await reveals('shipment.reveal');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: supervisor.userId, subject_type: 'shipment', subject_id: WAYBILL, detail: { ground: 'personal_data_role' } });
    const audit = JSON.stringify(await ok(admin, 'GET', '/api/audit?pageSize=100'));
    expect(audit).toContain('ticket.customer_reveal');
    for (const secret of SECRETS) expect(audit).not.toContain(secret);
    expectMasked(await surfaces(supervisor));
  });

  it('refused reveals show nothing and record nothing', async () => {
    const before = (await reveals('ticket.customer_reveal')).length + (await reveals('shipment.reveal')).length;
    const refusals: [Session | null, string, number, string | null][] = [
      // agent02 reads the ticket but neither owns it nor calls back: 403
      [agent2, `/api/tickets/${ticketId}/customer/reveal`, 403, 'CUSTOMER_REVEAL_FORBIDDEN'],
      // a department reads shipments, but works no tickets and may not see personal data
      [ops, `/api/tickets/${ticketId}/customer/reveal`, 403, 'FORBIDDEN'],
      [ops, `/api/shipments/${WAYBILL}/reveal`, 403, 'FORBIDDEN'],
      [agent, `/api/shipments/${WAYBILL}/reveal`, 403, 'FORBIDDEN'],
      [null, `/api/tickets/${ticketId}/customer/reveal`, 401, null],
      [null, `/api/shipments/${WAYBILL}/reveal`, 401, null],
      [agent, '/api/tickets/00000000-0000-7000-8000-000000000000/customer/reveal', 404, 'TICKET_NOT_FOUND'],
    ];
    for (const [session, url, status, code] of refusals) {
      const res = await request(session, 'POST', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      if (code) expect(res.json().code).toBe(code);
      for (const secret of SECRETS) expect(res.body).not.toContain(secret);
    }
    expect((await reveals('ticket.customer_reveal')).length + (await reveals('shipment.reveal')).length).toBe(before);
  });

  it('a salutation the customer typed (李女士) is shown as typed; a compound surname is kept whole', async () => {
    for (const [customerName, shown, customerPhone] of [
      ['李女士', '李女士', '13700001111'],
      ['欧阳娜娜', '欧阳**', '13700002222'],
    ]) {
      const created = await ok(agent, 'POST', '/api/tickets', { kind: 'query', channel: 'phone', subject: '查询快件', customerName, customerPhone });
      const d = await ok(agent2, 'GET', `/api/tickets/${created.id}`);
      expect(d.customerName).toBe(shown);
      const listed = await ok(agent, 'GET', '/api/tickets?view=mine&limit=100');
      expect(listed.items.find((i: { id: string }) => i.id === created.id).customerName).toBe(shown);
    }
  });
});
