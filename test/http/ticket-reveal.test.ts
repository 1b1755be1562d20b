/**
 * A ticket's customer unmasked (docs/product.md §5): whoever must call the customer — the ticket's
 * owner, the assignee of a callback not made yet — and roles that see personal data get the name
 * and number, each reveal audited with its ground; everybody else is refused and nothing is
 * recorded; someone who may not read the ticket is told it does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let kam: Session;
let ops: Session;
beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, kam, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('kam01'), t.signIn('ops01')]);
});
afterAll(() => t.close());

const PHONE = '13800138000';

async function post(session: Session, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: session.headers(headers), ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function get(session: Session, url: string) {
  return t.app.inject({ method: 'GET', url, headers: session.headers() });
}
const reveal = (session: Session, id: string, headers: Record<string, string> = {}) => post(session, `/api/tickets/${id}/customer/reveal`, undefined, headers);

async function detail(session: Session, id: string) {
  const res = await get(session, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

// Each complaint about another parcel of the customer: one about a parcel with an open case would join it.
let parcels = 0;
async function openComplaint(session: Session, extra: Record<string, unknown> = {}) {
  parcels += 1;
  const res = await post(session, '/api/tickets', {
    kind: 'complaint',
    channel: 'phone',
    subject: '快件破损投诉',
    description: '客户反映外包装破损',
    customerName: '张三',
    customerPhone: PHONE,
    waybillNos: [`REVEAL${String(parcels).padStart(6, '0')}`],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

/** agent01 resolves the complaint (its callback is agent01's) and hands the ticket to agent02. */
async function resolvedAndHandedOver(extra: Record<string, unknown> = {}) {
  const ticket = await openComplaint(agent, extra);
  const resolved = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', reply: '已为您登记赔偿，感谢您的耐心。', version: ticket.version });
  expect(resolved.statusCode, resolved.body).toBe(200);
  const moved = await post(agent, `/api/tickets/${ticket.id}/transfer`, { toUserId: agent2.userId, reason: '客户改在前台办理', version: resolved.json().version });
  expect(moved.statusCode, moved.body).toBe(200);
  return ticket;
}

async function reveals(ticketId: string) {
  return t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'ticket.customer_reveal').where('subject_id', '=', ticketId).orderBy('at').execute();
}

describe('revealing a ticket’s customer', () => {
  it('the owner sees the name and number, and the reveal is audited with its ground', async () => {
    const ticket = await openComplaint(agent);
    const d = await detail(agent, ticket.id);
    expect(d).toMatchObject({ customerPhone: '138****8000', canRevealCustomer: true });
    const res = await reveal(agent, ticket.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ customerName: '张三', customerPhone: PHONE });
    const entries = await reveals(ticket.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: agent.userId, actor_name: 'agent01', subject_type: 'ticket', detail: { number: ticket.number, ground: 'owner' } });
    // A second look is a second entry.
    expect((await reveal(agent, ticket.id)).statusCode).toBe(200);
    expect(await reveals(ticket.id)).toHaveLength(2);
  });

  it('the assignee of a pending callback may, also after handing the ticket over; once the callback is done, no more', async () => {
    const ticket = await resolvedAndHandedOver();
    const d = await detail(agent, ticket.id);
    expect(d.ownerId).toBe(agent2.userId);
    expect(d.canRevealCustomer).toBe(true);
    const listed = (await get(agent, '/api/callbacks?limit=100')).json().find((c: { ticketId: string }) => c.ticketId === ticket.id);
    expect(listed).toMatchObject({ customerPhone: '138****8000', canRevealCustomer: true });

    const res = await reveal(agent, ticket.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customerPhone).toBe(PHONE);
    expect((await reveals(ticket.id)).map((e) => e.detail)).toEqual([{ number: ticket.number, ground: 'callback_assignee' }]);

    const done = await post(agent, `/api/callbacks/${listed.id}/complete`, { outcome: 'satisfied' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await detail(agent, ticket.id)).canRevealCustomer).toBe(false);
    const after = await reveal(agent, ticket.id);
    expect(after.statusCode).toBe(403);
    expect(after.json().code).toBe('CUSTOMER_REVEAL_FORBIDDEN');
    expect(await reveals(ticket.id)).toHaveLength(1);
  });

  it('an agent who may read the ticket but has no ground is refused in their language, and nothing is recorded', async () => {
    const ticket = await openComplaint(agent);
    expect((await detail(agent2, ticket.id)).canRevealCustomer).toBe(false);
    const before = await countRows(t.database, 'audit_log');
    const zh = await reveal(agent2, ticket.id);
    expect(zh.statusCode).toBe(403);
    expect(zh.json()).toEqual({ code: 'CUSTOMER_REVEAL_FORBIDDEN', message: expect.stringContaining('工单负责人') });
    const en = await reveal(agent2, ticket.id, { 'accept-language': 'en-US' });
    expect(en.json()).toEqual({ code: 'CUSTOMER_REVEAL_FORBIDDEN', message: expect.stringContaining("ticket's owner") });
    expect(en.body).not.toContain(PHONE);
    // Department staff do not work tickets at all.
    expect((await reveal(ops, ticket.id)).statusCode).toBe(403);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });

  it('a role that sees personal data may, on any ticket it can read', async () => {
    const ticket = await openComplaint(agent);
    expect((await detail(kam, ticket.id)).canRevealCustomer).toBe(true);
    const res = await reveal(kam, ticket.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customerPhone).toBe(PHONE);
    expect((await reveals(ticket.id)).map((e) => e.detail)).toEqual([{ number: ticket.number, ground: 'personal_data_role' }]);
  });

  it('a confidential ticket’s customer stays hidden from other teams, whatever their grounds', async () => {
    const ticket = await openComplaint(agent, { confidential: true });
    const before = await countRows(t.database, 'audit_log');
    for (const session of [agent2, kam]) {
      const res = await reveal(session, ticket.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('TICKET_NOT_FOUND');
    }
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    // Supervisors read confidential tickets and see personal data.
    expect((await reveal(supervisor, ticket.id)).statusCode).toBe(200);

    // A callback assignee who no longer may read it (handed to another team) is not told either:
    // the ticket and its callback do not exist for them.
    const handed = await resolvedAndHandedOver({ confidential: true });
    expect((await get(agent, `/api/tickets/${handed.id}`)).statusCode).toBe(404);
    expect((await reveal(agent, handed.id)).statusCode).toBe(404);
    const listed = (await get(agent, '/api/callbacks?limit=100')).json().find((c: { ticketId: string }) => c.ticketId === handed.id);
    expect(listed).toBeUndefined();
    const ownersList = (await get(agent2, '/api/callbacks?limit=100')).json().find((c: { ticketId: string }) => c.ticketId === handed.id);
    expect(ownersList).toMatchObject({ customerPhone: '138****8000', canRevealCustomer: true });
    expect((await reveal(agent2, handed.id)).statusCode).toBe(200);
    expect((await reveals(handed.id)).map((e) => e.detail)).toEqual([{ number: handed.number, ground: 'owner' }]);
  });

  it('an unknown ticket is 404, a malformed id 400', async () => {
    const unknown = await reveal(supervisor, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TICKET_NOT_FOUND');
    expect((await reveal(supervisor, 'not-a-ticket')).statusCode).toBe(400);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    const operation = doc.paths['/api/tickets/{id}/customer/reveal']?.post;
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
  });
});
