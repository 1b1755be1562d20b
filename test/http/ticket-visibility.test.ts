/**
 * Lists that name tickets show only tickets the caller may read (docs/architecture.md, Tickets): a
 * confidential ticket is read by its team, its owner, the departments asked and supervisors; to
 * anyone else it does not exist — not on its page, not in the queues or search, not among the
 * callbacks (回访), not among a ticket's earlier tickets and contacts. Department staff read only
 * what they were asked about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
/** 客服呼叫中心 */
let agent: Session;
/** 前台服务组: the team whose ticket is confidential */
let agent2: Session;
/** 客服呼叫中心, reads confidential tickets of every team */
let supervisor: Session;
/** 大客户服务部: works tickets, another team */
let kam: Session;
/** 运营部: department staff */
let ops: Session;
beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, kam, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('kam01'), t.signIn('ops01')]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() });

async function json(s: Session, url: string) {
  const res = await get(s, url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let serial = 0;
async function openComplaint(s: Session, extra: Record<string, unknown> = {}) {
  serial += 1;
  const res = await post(s, '/api/tickets', {
    kind: 'complaint',
    channel: 'phone',
    subject: `投诉快递员态度 ${serial}`,
    description: `客户投诉派件员服务态度 ${serial}`,
    customerName: '孙七',
    customerPhone: `1360000${String(serial).padStart(4, '0')}`,
    waybillNos: [`VIS${String(serial).padStart(9, '0')}`],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function resolved(s: Session, extra: Record<string, unknown> = {}) {
  const ticket = await openComplaint(s, extra);
  const res = await post(s, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', reply: '已为您处理，感谢您的耐心。', version: ticket.version });
  expect(res.statusCode, res.body).toBe(200);
  return ticket;
}

type Listed = { id: string; ticketId: string };
const ticketIds = (list: Listed[]) => list.map((c) => c.ticketId);

describe('callbacks (回访)', () => {
  it('a confidential ticket’s callback is listed for its team and supervisors, not for other teams', async () => {
    const secret = await resolved(agent2, { confidential: true });
    const open = await resolved(agent);
    for (const query of ['', '?due=false', '?limit=100', '?due=false&limit=100']) {
      for (const other of [agent, kam]) {
        const list: Listed[] = await json(other, `/api/callbacks${query}`);
        expect(ticketIds(list), query).not.toContain(secret.id);
        expect(JSON.stringify(list)).not.toContain(secret.number);
      }
      expect(ticketIds(await json(agent, `/api/callbacks${query}`)), query).toContain(open.id);
      for (const reader of [agent2, supervisor]) expect(ticketIds(await json(reader, `/api/callbacks${query}`)), query).toContain(secret.id);
    }
    // Its team's agent sees it as on its page: the owner may call the customer.
    const own = (await json(agent2, '/api/callbacks?limit=100')).find((c: Listed) => c.ticketId === secret.id);
    expect(own).toMatchObject({ ticketNumber: secret.number, customerPhone: expect.stringContaining('****'), canRevealCustomer: true });
  });

  it('hidden callbacks do not take places on a page: the limit counts only what the caller may read', async () => {
    const secret = await resolved(agent2, { confidential: true });
    const open = await resolved(agent);
    // Earliest of all: with a filter after the limit, agent01's one-row page would come back empty.
    await t.database.db.updateTable('ticket_callbacks').set({ scheduled_for: new Date('2000-01-01T01:00:00Z') }).where('ticket_id', '=', secret.id).execute();
    await t.database.db.updateTable('ticket_callbacks').set({ scheduled_for: new Date('2000-01-01T02:00:00Z') }).where('ticket_id', '=', open.id).execute();
    expect(ticketIds(await json(agent, '/api/callbacks?limit=1'))).toEqual([open.id]);
    expect(ticketIds(await json(supervisor, '/api/callbacks?limit=1'))).toEqual([secret.id]);
  });

  it('recording a hidden callback, made or not, answers as if it did not exist', async () => {
    const secret = await resolved(agent2, { confidential: true });
    const callback = (await json(agent2, '/api/callbacks?limit=100')).find((c: Listed) => c.ticketId === secret.id) as Listed;
    const record = (s: Session) => post(s, `/api/callbacks/${callback.id}/complete`, { outcome: 'satisfied' });
    expect((await record(agent)).json().code).toBe('CALLBACK_NOT_FOUND');
    expect((await record(agent2)).statusCode).toBe(200);
    // Made now: its team is told so; another team still learns nothing.
    expect((await record(agent2)).json().code).toBe('CALLBACK_DONE');
    const outsider = await record(agent);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().code).toBe('CALLBACK_NOT_FOUND');
  });
});

describe('earlier tickets and contacts on a ticket’s page', () => {
  it('a confidential ticket of another team, and the contact that opened it, are not among them', async () => {
    const secret = await openComplaint(agent2, { confidential: true });
    const secretTicket = await json(agent2, `/api/tickets/${secret.id}`);
    // The same parcel and the same customer, a new call to the other team.
    const later = await openComplaint(agent, { waybillNos: secretTicket.waybillNos, customerPhone: `1360000${String(serial).padStart(4, '0')}` });

    for (const other of [agent, kam]) {
      const related = (await json(other, `/api/tickets/${later.id}`)).related;
      expect(related.tickets.map((r: { id: string }) => r.id)).not.toContain(secret.id);
      expect(related.contacts.map((c: { ticketId: string | null }) => c.ticketId)).not.toContain(secret.id);
      expect(JSON.stringify(related)).not.toContain(secret.number);
      // The ticket's own contact is still there.
      expect(related.contacts.map((c: { ticketId: string | null }) => c.ticketId)).toContain(later.id);
    }
    for (const reader of [agent2, supervisor]) {
      const related = (await json(reader, `/api/tickets/${later.id}`)).related;
      expect(related.tickets.map((r: { id: string }) => r.id)).toContain(secret.id);
      expect(related.contacts.find((c: { ticketId: string | null }) => c.ticketId === secret.id)).toMatchObject({ ticketNumber: secret.number });
    }
  });

  it('department staff see only what they were asked about, and contacts not about a ticket', async () => {
    const elsewhere = await openComplaint(agent2);
    const shared = (await json(agent2, `/api/tickets/${elsewhere.id}`)).waybillNos as string[];
    // Another customer of the same parcel (the sender, say): a ticket beside the open case, for its owner.
    const asked = await openComplaint(agent, { waybillNos: shared, followUp: { ticketId: elsewhere.id, as: 'separate' } });
    const opsDept = (await t.database.db.selectFrom('departments').select('id').where('code', '=', 'OPS').executeTakeFirstOrThrow()).id;
    const ask = await post(agent2, `/api/tickets/${asked.id}/department-requests`, { departmentId: opsDept, question: '请核实派件情况', version: asked.version });
    expect(ask.statusCode, ask.body).toBe(200);
    // A third person about the parcel: a contact on no ticket (another customer's cases are not joined).
    const call = await post(agent, '/api/contacts', { channel: 'phone', waybillNos: shared, customerPhone: '13700009999', question: '客户来电催件' });
    expect(call.statusCode, call.body).toBe(201);

    expect((await get(ops, `/api/tickets/${elsewhere.id}`)).statusCode).toBe(404);
    const related = (await json(ops, `/api/tickets/${asked.id}`)).related;
    expect(related.tickets.map((r: { id: string }) => r.id)).not.toContain(elsewhere.id);
    const contactTickets = related.contacts.map((c: { ticketId: string | null }) => c.ticketId);
    expect(contactTickets).not.toContain(elsewhere.id);
    expect(contactTickets).toContain(asked.id);
    expect(related.contacts.map((c: { id: string }) => c.id)).toContain(call.json().id);
    // An agent reads both.
    expect((await json(agent, `/api/tickets/${asked.id}`)).related.tickets.map((r: { id: string }) => r.id)).toContain(elsewhere.id);
  });
});
