/**
 * A follow-up finds its owner (首问负责制, docs/architecture.md "Follow-ups"): a customer's complaint,
 * an agent's new ticket or a logged contact about a waybill or customer with a case not closed joins
 * that case — on its conversation and timeline, raised or reopened if need be, its owner told — or,
 * when it needs a ticket of its own, is linked and routed to the same owner. And what must not join:
 * a closed case, another waybill, another customer's case.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent01: Session;
let agent02: Session;

beforeAll(async () => {
  t = await createTestApp();
  [agent01, agent02] = await Promise.all([t.signIn('agent01'), t.signIn('agent02')]);
});
afterAll(() => t.close());

const RECIPIENT = '13933334444';
const SENDER = '13811112222';

const post = (s: Session | null, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s ? s.headers() : {}, payload: payload as object });
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s ? s.headers() : {} });

/** A parcel: the sender's phone ends in 2222, the recipient's in 4444. */
async function parcel(waybillNo: string) {
  return t.database.db
    .insertInto('shipments')
    .values({ waybill_no: waybillNo, registered: true, sender_name: '王五', sender_phone: SENDER, recipient_name: '赵六', recipient_phone: RECIPIENT })
    .returning(['id', 'waybill_no'])
    .executeTakeFirstOrThrow();
}

/** The system finds an exception on the parcel and the job opens its ticket (routed as the job routes it). */
async function exceptionCase(waybillNo: string, kind: 'stalled' | 'damaged' = 'stalled') {
  const shipment = await parcel(waybillNo);
  await t.database.db
    .insertInto('shipment_exceptions')
    .values({ shipment_id: shipment.id, waybill_no: waybillNo, kind, raised_at: new Date(), site: '上海转运中心', area_code: null, detail: '{}' })
    .execute();
  for (;;) {
    const run = await ticketExceptions({ db: t.database.db, reference: t.app.reference });
    if (run.opened + run.joined === 0) break;
  }
  return ticketOn(waybillNo);
}

async function ticketsOn(waybillNo: string) {
  return t.database.db
    .selectFrom('tickets as k')
    .innerJoin('ticket_waybills as w', 'w.ticket_id', 'k.id')
    .leftJoin('users as u', 'u.id', 'k.owner_id')
    .select(['k.id', sql<string>`k.number::text`.as('number'), 'k.kind', 'k.status', 'k.priority', 'k.version', 'k.owner_id', 'u.username as owner', 'k.follow_up_at'])
    .where('w.waybill_no', '=', waybillNo)
    .orderBy('k.number')
    .execute();
}

async function ticketOn(waybillNo: string) {
  const [only, ...more] = await ticketsOn(waybillNo);
  expect(more).toEqual([]);
  return only!;
}

async function detail(s: Session, id: string) {
  const res = await get(s, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const complain = (waybillNo: string, phoneLast4: string, text: string, kind: 'complaint' | 'query' = 'complaint') =>
  post(null, '/api/public/tickets', { waybillNo, phoneLast4, kind, text });

describe('a customer’s complaint about a waybill with an open case', () => {
  it('joins agent01’s exception ticket: on its conversation and timeline, raised to high, agent01 told in their queue, nothing in the unowned pool', async () => {
    const kase = await exceptionCase('FOLLOW000001');
    expect(kase.owner).toBe('agent01');
    expect(kase.priority).toBe('normal');

    const res = await complain('FOLLOW000001', '4444', '三天没有物流更新了，到底怎么回事？');
    expect(res.statusCode, res.body).toBe(201);
    const { number, token, joined } = res.json();
    expect(joined).toBe(true);
    expect(number).toBe(kase.number);
    // No second ticket, nothing unowned about this parcel.
    const after = await ticketOn('FOLLOW000001');
    expect(after).toMatchObject({ owner: 'agent01', priority: 'high', status: 'open' });
    expect(after.follow_up_at).not.toBeNull();

    // agent01's queue marks it until they open it.
    const mine = (await get(agent01, '/api/tickets?view=mine&limit=100')).json().items as { number: string; followUpAt: string | null }[];
    expect(mine.find((i) => i.number === number)?.followUpAt).toBeTruthy();
    const unassigned = (await get(agent02, '/api/tickets?view=unassigned&limit=100')).json().items as { waybillNos: string[] }[];
    expect(unassigned.filter((i) => i.waybillNos.includes('FOLLOW000001'))).toEqual([]);

    const page = await detail(agent01, kase.id);
    const followUp = page.timeline.find((e: { kind: string }) => e.kind === 'customer_reply');
    expect(followUp).toMatchObject({ visibility: 'public', body: '三天没有物流更新了，到底怎么回事？', detail: { followUp: { kind: 'complaint', channel: 'web' } } });
    expect(page.timeline.some((e: { kind: string; to: string }) => e.kind === 'priority' && e.to === 'high')).toBe(true);
    expect(page.followUpAt).not.toBeNull();
    // Opened by its owner: no longer marked.
    expect((await ticketOn('FOLLOW000001')).follow_up_at).toBeNull();

    // The customer follows the case itself: their message is on it.
    const publicView = (await get(null, `/api/public/tickets/${token}`)).json();
    expect(publicView.number).toBe(kase.number);
    expect(publicView.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toContainEqual(['customer', '三天没有物流更新了，到底怎么回事？']);
  });

  it('a resolved case is reopened by the follow-up (the fix did not stand)', async () => {
    await parcel('FOLLOW000002');
    const created = await post(agent01, '/api/tickets', {
      kind: 'query',
      channel: 'phone',
      subject: '查询派送时间',
      waybillNos: ['FOLLOW000002'],
      customerPhone: RECIPIENT,
      answer: '您好，快件今天派送。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const resolved = await post(agent01, `/api/tickets/${created.json().id}/resolve`, { version: created.json().version });
    expect(resolved.statusCode, resolved.body).toBe(200);

    const res = await complain('FOLLOW000002', '4444', '说好今天派送，还是没收到。');
    expect(res.json()).toMatchObject({ joined: true, number: created.json().number });
    const kase = await ticketOn('FOLLOW000002');
    expect(kase).toMatchObject({ status: 'open', owner: 'agent01' });
    const page = await detail(agent01, kase.id);
    expect(page.timeline.map((e: { kind: string }) => e.kind)).toContain('reopened');
  });
});

describe('what must not join', () => {
  it('a closed case: the complaint opens a new ticket', async () => {
    await parcel('FOLLOW000003');
    const created = (await post(agent01, '/api/tickets', { kind: 'query', channel: 'phone', subject: '查询', waybillNos: ['FOLLOW000003'], customerPhone: RECIPIENT, answer: '您好，已签收。' })).json();
    const resolved = (await post(agent01, `/api/tickets/${created.id}/resolve`, { version: created.version })).json();
    expect((await post(agent01, `/api/tickets/${created.id}/close`, { version: resolved.version })).statusCode).toBe(200);

    const res = await complain('FOLLOW000003', '4444', '签收的不是我本人。');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().joined).toBe(false);
    expect(res.json().number).not.toBe(created.number);
    const tickets = await ticketsOn('FOLLOW000003');
    expect(tickets.map((k) => k.status)).toEqual(['closed', 'open']);
    const closed = await detail(agent01, created.id);
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).not.toContain('customer_reply');
  });

  it('another waybill of the same customer: a new ticket', async () => {
    const kase = await exceptionCase('FOLLOW000004');
    await parcel('FOLLOW000005');
    const res = await complain('FOLLOW000005', '4444', '这一票也没有更新。');
    expect(res.json().joined).toBe(false);
    expect(res.json().number).not.toBe(kase.number);
    expect((await ticketOn('FOLLOW000004')).follow_up_at).toBeNull();
  });

  it('another customer’s case about the same parcel: never joined (the sender does not read the recipient’s case), but linked and routed to its owner', async () => {
    const kase = await exceptionCase('FOLLOW000006');
    expect(kase.owner).toBe('agent01');
    const res = await complain('FOLLOW000006', '2222', '我寄的快件一直没到，收件人很着急。');
    expect(res.statusCode, res.body).toBe(201);
    const { number, token, joined } = res.json();
    expect(joined).toBe(false);
    expect(number).not.toBe(kase.number);
    const [, created] = await ticketsOn('FOLLOW000006');
    expect(created).toMatchObject({ number, owner: 'agent01', kind: 'complaint' });
    // The recipient's case heard nothing of the sender's words.
    const casePage = await detail(agent01, kase.id);
    expect(casePage.timeline.map((e: { kind: string }) => e.kind)).not.toContain('customer_reply');
    expect(casePage.timeline.find((e: { kind: string }) => e.kind === 'linked')).toMatchObject({ to: number, detail: { reason: 'other_customer' } });
    // The sender's page is their own ticket only.
    const publicView = (await get(null, `/api/public/tickets/${token}`)).json();
    expect(publicView.number).toBe(number);
    expect(publicView.messages.map((m: { body: string }) => m.body)).toEqual(['我寄的快件一直没到，收件人很着急。']);
  });
});

describe('an agent taking a contact about an open case', () => {
  it('is told of the case (409 TICKET_OPEN_CASE and the lookup), then joins it: the first owner keeps it (首问负责制) and is told', async () => {
    const kase = await exceptionCase('FOLLOW000007');
    const contact = { kind: 'query', channel: 'phone', subject: '客户来电催件', description: '客户问快件为什么不动了。', waybillNos: ['FOLLOW000007'], customerPhone: RECIPIENT };

    const lookup = await get(agent02, `/api/tickets/open-cases?waybillNos=follow000007&customerPhone=${RECIPIENT}&kind=query`);
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({ plan: 'join', cases: [{ id: kase.id, number: kase.number, ownerName: '王晓敏', suggestion: 'join' }] });

    const refused = await post(agent02, '/api/tickets', contact);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'TICKET_OPEN_CASE', openCases: [{ id: kase.id, number: kase.number, suggestion: 'join' }] });
    expect(await ticketsOn('FOLLOW000007')).toHaveLength(1);

    const joined = await post(agent02, '/api/tickets', { ...contact, followUp: { ticketId: kase.id, as: 'join' } });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json()).toMatchObject({ id: kase.id, number: kase.number, outcome: 'joined', ownerName: '王晓敏' });
    const after = await ticketOn('FOLLOW000007');
    expect(after.owner).toBe('agent01');
    expect(after.follow_up_at).not.toBeNull();
    const page = await detail(agent02, kase.id);
    expect(page.timeline.find((e: { kind: string }) => e.kind === 'contact')).toMatchObject({ actorName: '赵丽', body: '客户问快件为什么不动了。' });
  });

  it('a claim beside a delay case: a new ticket, linked, routed to the case’s owner', async () => {
    const kase = await exceptionCase('FOLLOW000008');
    const claim = { kind: 'claim', channel: 'phone', subject: '申请延误理赔', waybillNos: ['FOLLOW000008'], customerPhone: RECIPIENT };
    const refused = await post(agent02, '/api/tickets', claim);
    expect(refused.json()).toMatchObject({ code: 'TICKET_OPEN_CASE', openCases: [{ id: kase.id, suggestion: 'link' }] });
    const res = await post(agent02, '/api/tickets', { ...claim, followUp: { ticketId: kase.id, as: 'separate' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ outcome: 'linked', ownerName: '王晓敏' });
    const [, created] = await ticketsOn('FOLLOW000008');
    expect(created).toMatchObject({ id: res.json().id, kind: 'claim', owner: 'agent01' });
    const page = await detail(agent01, created!.id);
    expect(page.timeline.find((e: { kind: string }) => e.kind === 'linked')).toMatchObject({ from: kase.number, detail: { reason: 'kind' } });
  });

  it('a logged contact joins the open case; a case nobody owns is taken by the agent who took the contact', async () => {
    const kase = await exceptionCase('FOLLOW000009', 'damaged'); // routed to the claims team, which has nobody on duty
    expect(kase.owner).toBeNull();
    const res = await post(agent02, '/api/contacts', { channel: 'phone', customerPhone: RECIPIENT, waybillNos: ['FOLLOW000009'], question: '快件破损了怎么办？', answer: '已为您登记。' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ticketId: kase.id, ticketNumber: kase.number, joined: true });
    expect((await ticketOn('FOLLOW000009')).owner).toBe('agent02');
  });

  it('a closed ticket named as the case is refused and nothing is written', async () => {
    await parcel('FOLLOW000010');
    const created = (await post(agent01, '/api/tickets', { kind: 'query', channel: 'phone', subject: '查询', waybillNos: ['FOLLOW000010'], customerPhone: RECIPIENT, answer: '您好。' })).json();
    const resolved = (await post(agent01, `/api/tickets/${created.id}/resolve`, { version: created.version })).json();
    expect((await post(agent01, `/api/tickets/${created.id}/close`, { version: resolved.version })).statusCode).toBe(200);
    const res = await post(agent02, '/api/tickets', { kind: 'query', channel: 'phone', subject: '再查询', waybillNos: ['FOLLOW000010'], followUp: { ticketId: created.id, as: 'join' } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('TICKET_TRANSITION_INVALID');
    expect(await ticketsOn('FOLLOW000010')).toHaveLength(1);
    // And with no case named, a closed one is no case: a new ticket.
    const fresh = await post(agent02, '/api/tickets', { kind: 'query', channel: 'phone', subject: '再查询', waybillNos: ['FOLLOW000010'], customerPhone: RECIPIENT });
    expect(fresh.json()).toMatchObject({ outcome: 'created', ownerName: '赵丽' });
  });
});
