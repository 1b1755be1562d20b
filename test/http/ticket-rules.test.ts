/**
 * Ticket rules through the HTTP API on a real database: confidentiality, concurrent edits, SLA
 * clocks (warn once, breach once, escalate, pause), exceptions becoming tickets, routing, merge and
 * the customer's self-service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDueClocks, ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
const anonymous = { 'content-type': 'application/json' };

beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01')]);
});
afterAll(() => t.close());

const deps = () => ({ db: t.database.db, reference: t.app.reference });
const post = (s: Session | null, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: s ? s.headers() : anonymous, payload: payload as object });
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s ? s.headers() : {} });

async function detail(s: Session, id: string) {
  const res = await get(s, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let serial = 0;
async function openTicket(s: Session, extra: Record<string, unknown> = {}) {
  serial += 1;
  const res = await post(s, '/api/tickets', {
    kind: 'query',
    channel: 'web',
    subject: `查询快件 ${serial}`,
    description: '客户询问快件为什么还没到',
    waybillNos: [`QR${String(serial).padStart(10, '0')}`],
    customerName: '李四',
    customerPhone: `1370000${String(serial).padStart(4, '0')}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function userId(username: string) {
  return (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** The ticket's breach entries: which clock, and the detail the job recorded. */
function breachEntries(id: string) {
  return t.database.db.selectFrom('ticket_events').select(['to_value', 'detail']).where('ticket_id', '=', id).where('kind', '=', 'clock_breach').execute();
}

async function timelineKinds(id: string) {
  const rows = await t.database.db.selectFrom('ticket_events').select('kind').where('ticket_id', '=', id).orderBy('id').execute();
  return rows.map((r) => r.kind);
}

describe('confidential tickets', () => {
  it('an agent of another team cannot read or find one; its team and supervisors can', async () => {
    const ticket = await openTicket(agent, { confidential: true, customerName: '保密客户', waybillNos: ['CONF00000001'] });
    expect((await get(agent2, `/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    const found = await get(agent2, '/api/tickets?q=CONF00000001');
    expect(found.json().items).toHaveLength(0);
    expect((await get(agent2, `/api/tickets?q=${ticket.number}`)).json().items).toHaveLength(0);
    expect((await get(supervisor, `/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    expect((await get(supervisor, '/api/tickets?q=CONF00000001')).json().items).toHaveLength(1);
    const reply = await post(agent2, `/api/tickets/${ticket.id}/replies`, { body: '您好', visibility: 'internal', version: 1 });
    expect(reply.statusCode).toBe(404);
  });
});

describe('concurrent edits', () => {
  it('two people replying on the same version: exactly one wins, the other gets 409', async () => {
    const ticket = await openTicket(agent);
    const attempts = await Promise.all(
      ['先回复的内容', '后回复的内容'].map((body) => post(agent, `/api/tickets/${ticket.id}/replies`, { body, visibility: 'public', version: ticket.version })),
    );
    expect(attempts.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect((await timelineKinds(ticket.id)).filter((k) => k === 'reply')).toHaveLength(1);
  });
});

describe('SLA clocks', () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  it('the clocks follow the customer’s tier: a key account’s complaint is answered sooner', async () => {
    await t.database.db.insertInto('customers').values({ name: '大客户公司', phone: '13600001111', kind: 'enterprise', tier: 'key' }).execute();
    const key = await openTicket(agent, { kind: 'complaint', customerPhone: '136 0000 1111', customerName: '大客户公司' });
    const standard = await openTicket(agent, { kind: 'complaint' });
    const target = async (id: string) =>
      (await detail(agent, id)).clocks.find((c: { kind: string }) => c.kind === 'first_response').targetMinutes;
    expect(await target(key.id)).toBeLessThan(await target(standard.id));
    expect((await detail(agent, key.id)).customerTier).toBe('key');
    // A phone seen for the first time becomes a standard customer record, linked to the ticket.
    const row = await t.database.db
      .selectFrom('tickets as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['c.phone', 'c.tier', 't.customer_phone'])
      .where('t.id', '=', standard.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tier: 'standard', phone: row.customer_phone });
  });

  it('a query warns once at 80 % of 30 minutes, breaches once, and the priority goes up', async () => {
    const ticket = await openTicket(agent);
    await processDueClocks(deps(), minutes(25));
    await processDueClocks(deps(), minutes(26));
    let kinds = await timelineKinds(ticket.id);
    expect(kinds.filter((k) => k === 'clock_warning')).toHaveLength(1);
    expect(kinds).not.toContain('clock_breach');
    await processDueClocks(deps(), minutes(31));
    await processDueClocks(deps(), minutes(40));
    kinds = await timelineKinds(ticket.id);
    expect(kinds.filter((k) => k === 'clock_breach')).toHaveLength(1);
    const d = await detail(agent, ticket.id);
    expect(d.priority).toBe('high');
    const clock = await t.database.db.selectFrom('ticket_clocks').selectAll().where('ticket_id', '=', ticket.id).where('kind', '=', 'first_response').executeTakeFirstOrThrow();
    // The breach is stamped when it happened (the due instant), not when the job ran.
    expect(clock.breached_at!.getTime()).toBe(clock.due_at!.getTime());
    expect(clock.next_check_at).toBeNull();
  });

  it.each([
    ['high', 'urgent', { from: 'high', to: 'urgent' }],
    ['urgent', 'urgent', undefined],
  ])('a breach raises the priority the ticket has at that moment: %s → %s', async (before, after, step) => {
    const ticket = await openTicket(agent);
    // Changed after the clock started (as a supervisor would): the job must start from this value.
    await t.database.db.updateTable('tickets').set({ priority: before }).where('id', '=', ticket.id).execute();
    await processDueClocks(deps(), minutes(31));
    const row = await t.database.db.selectFrom('tickets').select(['priority']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.priority).toBe(after);
    // One timeline entry for the breach, carrying the step up when there was one.
    const breaches = await breachEntries(ticket.id);
    expect(breaches).toHaveLength(1);
    expect((breaches[0]!.detail as { priority?: unknown }).priority).toEqual(step);
    expect(await timelineKinds(ticket.id)).not.toContain('priority');
  });

  it('a breach that raises the priority re-targets the other clocks exactly as escalating does', async () => {
    // Complaints: first response 1 h and resolution 7 days up to high; urgent: 30 minutes and 3 days.
    const breaching = await openTicket(agent, { kind: 'complaint', priority: 'high' });
    const escalated = await openTicket(agent, { kind: 'complaint', priority: 'normal' });
    // Both first responses breach: the one goes high → urgent, the other normal → high (same targets) …
    await processDueClocks(deps(), minutes(61));
    // … and is escalated high → urgent by a person.
    const version = (await detail(agent, escalated.id)).version;
    const raised = await post(agent, `/api/tickets/${escalated.id}/escalate`, { reason: '客户再次来电催促', version });
    expect(raised.statusCode, raised.body).toBe(200);

    const clocksOf = async (id: string) => {
      const d = await detail(agent, id);
      const at = (iso: string | null) => (iso ? new Date(iso).getTime() - new Date(d.createdAt).getTime() : null);
      const clocks = Object.fromEntries(
        (d.clocks as Array<{ kind: string; targetMinutes: number; dueAt: string | null }>).map((c) => [c.kind, { target: c.targetMinutes, due: at(c.dueAt) }]),
      );
      return { priority: d.priority, clocks, due: at(d.dueAt) };
    };
    const breached = await clocksOf(breaching.id);
    expect(breached.priority).toBe('urgent');
    // The running resolution clock follows the new priority, keeping the time used …
    expect(breached.clocks.resolution).toEqual({ target: 3 * 24 * 60, due: 3 * 86_400_000 });
    // … the breached first response keeps the target it was breached against (its breach stays at its due instant) …
    expect(breached.clocks.first_response).toEqual({ target: 60, due: 60 * 60_000 });
    // … and the ticket's place in the queues follows its clocks.
    expect(breached.due).toBe(60 * 60_000);
    expect(breached).toEqual(await clocksOf(escalated.id));
    // The resolution clock's next check is its new warning point (80 % of 3 days), not the old one.
    const resolution = await t.database.db
      .selectFrom('ticket_clocks')
      .select(['started_at', 'next_check_at'])
      .where('ticket_id', '=', breaching.id)
      .where('kind', '=', 'resolution')
      .executeTakeFirstOrThrow();
    expect(resolution.next_check_at!.getTime() - resolution.started_at.getTime()).toBe(Math.round(0.8 * 3 * 86_400_000));
  });

  // A chunk of one clock puts the ticket's two clocks into separate statements of the same run.
  it.each([['one statement', undefined], ['two chunks', 1]])('two clocks breaching in one run raise the priority one step and record each breach once (%s)', async (_, chunk) => {
    while ((await processDueClocks(deps(), minutes(2000))).checked > 0); // the earlier tests' clocks are out of the way
    const ticket = await openTicket(agent); // a query: first response in 30 minutes, resolution in a day
    const result = await processDueClocks(deps(), minutes(2000), 2, chunk);
    expect(result).toMatchObject({ checked: 2, breached: 2 });
    expect((await detail(agent, ticket.id)).priority).toBe('high');
    const breaches = await breachEntries(ticket.id);
    expect(breaches.map((b) => b.to_value).sort()).toEqual(['first_response', 'resolution']);
    expect(breaches.filter((b) => (b.detail as { priority?: unknown }).priority)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ priority: { from: 'normal', to: 'high' } }) }),
    ]);
    // Each entry says which clock, when it was due and breached (the same instant), and who was told.
    const clocks = await t.database.db.selectFrom('ticket_clocks').select(['kind', 'due_at', 'breached_at']).where('ticket_id', '=', ticket.id).execute();
    for (const clock of clocks) {
      const entry = breaches.find((b) => b.to_value === clock.kind)!.detail as Record<string, unknown>;
      expect(entry).toMatchObject({ clock: clock.kind, dueAt: clock.due_at!.toISOString(), breachedAt: clock.breached_at!.toISOString(), notified: 'supervisors' });
    }
  });

  it('a run checks each due clock once, up to its limit, and raises each ticket one step', async () => {
    while ((await processDueClocks(deps(), minutes(2000))).checked > 0);
    const tickets = [await openTicket(agent), await openTicket(agent), await openTicket(agent), await openTicket(agent)];
    // Eight clocks due (two per ticket), split between the job's shares; a limit of 5 leaves 3.
    expect(await processDueClocks(deps(), minutes(2000), 5)).toMatchObject({ checked: 5, breached: 5 });
    expect(await processDueClocks(deps(), minutes(2000), 5)).toMatchObject({ checked: 3, breached: 3 });
    expect(await processDueClocks(deps(), minutes(2000), 5)).toMatchObject({ checked: 0 });
    for (const ticket of tickets) {
      expect((await breachEntries(ticket.id)).map((b) => b.to_value).sort()).toEqual(['first_response', 'resolution']);
    }
    // A ticket whose two clocks fell into different runs went up once per run; one in a single run, once.
    const priorities = await Promise.all(tickets.map(async (ticket) => (await detail(agent, ticket.id)).priority as string));
    for (const [i, ticket] of tickets.entries()) {
      const steps = (await breachEntries(ticket.id)).filter((b) => (b.detail as { priority?: unknown }).priority).length;
      expect(priorities[i]).toBe(steps === 1 ? 'high' : 'urgent');
    }
  });

  it('waiting for the customer pauses the resolution clock; the customer’s answer resumes it', async () => {
    const shipment = await shipmentWithPhones('PAUSE0000001', '13811112222', '13933334444');
    const created = await post(null, '/api/public/tickets', { waybillNo: shipment, phoneLast4: '4444', kind: 'query', text: '请问我的快件到哪里了?' });
    expect(created.statusCode, created.body).toBe(201);
    const { token, number } = created.json();
    const ticket = await t.database.db.selectFrom('tickets').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
    const waiting = await post(agent, `/api/tickets/${ticket.id}/replies`, {
      body: '您好,请提供一下收件地址,我们为您核实。',
      visibility: 'public',
      version: ticket.version,
      waitForCustomer: true,
    });
    expect(waiting.statusCode, waiting.body).toBe(200);
    let d = await detail(agent, ticket.id);
    expect(d.status).toBe('pending_customer');
    expect(d.clocks.find((c: { kind: string }) => c.kind === 'resolution')).toMatchObject({ status: 'paused', dueAt: null });
    const answered = await post(null, `/api/public/tickets/${token}/replies`, { body: '地址是上海市浦东新区世纪大道100号' });
    expect(answered.statusCode, answered.body).toBe(204);
    d = await detail(agent, ticket.id);
    expect(d.status).toBe('open');
    expect(d.clocks.find((c: { kind: string }) => c.kind === 'resolution').status).toBe('running');
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toContain('customer_reply');
  });
});

async function shipmentWithPhones(waybillNo: string, senderPhone: string, recipientPhone: string) {
  await t.database.db
    .insertInto('shipments')
    .values({
      waybill_no: waybillNo,
      registered: true,
      sender_name: '王五',
      sender_phone: senderPhone,
      recipient_name: '赵六',
      recipient_phone: recipientPhone,
    })
    .execute();
  return waybillNo;
}

describe('exceptions become tickets', () => {
  it('a damaged parcel opens a ticket for the claims team with the customer notice on its timeline; a second exception joins it', async () => {
    await shipmentWithPhones('EXC000000001', '13800000001', '13900000002');
    const shipment = await t.database.db.selectFrom('shipments').select('id').where('waybill_no', '=', 'EXC000000001').executeTakeFirstOrThrow();
    const damaged = await t.database.db
      .insertInto('shipment_exceptions')
      .values({ shipment_id: shipment.id, waybill_no: 'EXC000000001', kind: 'damaged', raised_at: new Date(), site: '上海转运中心', area_code: null, detail: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('notifications')
      .values({ shipment_id: shipment.id, exception_id: damaged.id, channel: 'sms', recipient: '13900000002', locale: 'zh-CN', template: 'exception.damaged', body: '您的快件EXC000000001在运输中破损' })
      .execute();
    const first = await ticketExceptions(deps());
    expect(first).toMatchObject({ opened: 1, joined: 0 });
    const row = await t.database.db
      .selectFrom('tickets as t')
      .innerJoin('departments as d', 'd.id', 't.team_id')
      .select(['t.id', 't.kind', 't.channel', 'd.code', 't.priority'])
      .where('t.id', '=', (await t.database.db.selectFrom('shipment_exceptions').select('ticket_id').where('id', '=', damaged.id).executeTakeFirstOrThrow()).ticket_id!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'exception', channel: 'system', code: 'CLAIMS', priority: 'high' });
    const d = await detail(supervisor, row.id);
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['created', 'exception', 'notification']));
    expect(d.notifications).toHaveLength(1);
    expect(d.notifications[0].recipient).toBe('139****0002');

    await t.database.db
      .insertInto('shipment_exceptions')
      .values({ shipment_id: shipment.id, waybill_no: 'EXC000000001', kind: 'delayed', raised_at: new Date(), site: null, area_code: null, detail: '{}' })
      .execute();
    expect(await ticketExceptions(deps())).toMatchObject({ opened: 0, joined: 1 });
    expect(await ticketExceptions(deps())).toMatchObject({ opened: 0, joined: 0 });
  });

  it('a parcel judged lost joins the ticket its stall opened, and raises it to high priority once', async () => {
    await shipmentWithPhones('EXC000000002', '13800000003', '13900000004');
    const shipment = await t.database.db.selectFrom('shipments').select('id').where('waybill_no', '=', 'EXC000000002').executeTakeFirstOrThrow();
    const raise = (kind: string) =>
      t.database.db
        .insertInto('shipment_exceptions')
        .values({ shipment_id: shipment.id, waybill_no: 'EXC000000002', kind, raised_at: new Date(), site: null, area_code: null, detail: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const stalled = await raise('stalled');
    expect(await ticketExceptions(deps())).toMatchObject({ opened: 1, joined: 0 });
    const ticketId = (await t.database.db.selectFrom('shipment_exceptions').select('ticket_id').where('id', '=', stalled.id).executeTakeFirstOrThrow()).ticket_id!;
    const priority = async () => (await t.database.db.selectFrom('tickets').select('priority').where('id', '=', ticketId).executeTakeFirstOrThrow()).priority;
    expect(await priority()).toBe('normal');

    expect((await detail(supervisor, ticketId)).subject).toBe('快件停滞无更新：EXC000000002');

    await raise('lost');
    expect(await ticketExceptions(deps())).toMatchObject({ opened: 0, joined: 1 });
    expect(await priority()).toBe('high');
    const d = await detail(supervisor, ticketId);
    expect(d.timeline.filter((e: { kind: string }) => e.kind === 'priority')).toMatchObject([{ from: 'normal', to: 'high' }]);
    // The title follows the parcel's story, by the system, on the timeline (issue 15 §1).
    expect(d.subject).toBe('彻底延误（按丢失处理）：EXC000000002');
    expect(d.timeline.filter((e: { kind: string }) => e.kind === 'edit')).toMatchObject([
      { actorKind: 'system', from: '快件停滞无更新：EXC000000002', to: '彻底延误（按丢失处理）：EXC000000002', detail: { field: 'subject' } },
    ]);

    // A second urgent exception finds it high already: no second step, no second entry.
    await raise('damaged');
    expect(await ticketExceptions(deps())).toMatchObject({ opened: 0, joined: 1 });
    expect(await priority()).toBe('high');
    const after = await detail(supervisor, ticketId);
    expect(after.timeline.filter((e: { kind: string }) => e.kind === 'priority')).toHaveLength(1);
    // A loss is the worse story: damage joining it does not retitle it.
    expect(after.subject).toBe('彻底延误（按丢失处理）：EXC000000002');
    expect(after.timeline.filter((e: { kind: string }) => e.kind === 'edit')).toHaveLength(1);
  });
});

describe('routing', () => {
  it('a customer’s ticket goes to the least-loaded agent on duty in the answering team', async () => {
    const me = await userId('agent01');
    const onDuty = await t.app.inject({ method: 'PUT', url: `/api/duty/${me}`, headers: agent.headers(), payload: { onDuty: true, capacity: 500 } });
    expect(onDuty.statusCode, onDuty.body).toBe(204);
    await shipmentWithPhones('ROUTE0000001', '13800005555', '13900006666');
    const created = await post(null, '/api/public/tickets', { waybillNo: 'ROUTE0000001', phoneLast4: '5555', kind: 'complaint', text: '快递员态度很差,要求处理' });
    expect(created.statusCode, created.body).toBe(201);
    const row = await t.database.db.selectFrom('tickets').select(['owner_id', 'kind', 'priority']).where('number', '=', created.json().number).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: me, kind: 'complaint' });
    const offDuty = await t.app.inject({ method: 'PUT', url: `/api/duty/${me}`, headers: agent.headers(), payload: { onDuty: false } });
    expect(offDuty.statusCode).toBe(204);
    const other = await userId('agent02');
    const notMine = await t.app.inject({ method: 'PUT', url: `/api/duty/${other}`, headers: agent.headers(), payload: { onDuty: true } });
    expect(notMine.statusCode).toBe(403);
  });
});

describe('merging duplicates', () => {
  it('the duplicate closes and points at the ticket that carries on, with its waybills', async () => {
    const keep = await openTicket(agent);
    const duplicate = await openTicket(agent, { waybillNos: ['DUP000000001'] });
    const merged = await post(agent, `/api/tickets/${duplicate.id}/merge`, { intoTicketId: keep.id, version: duplicate.version });
    expect(merged.statusCode, merged.body).toBe(200);
    const gone = await detail(agent, duplicate.id);
    expect(gone).toMatchObject({ status: 'closed', mergedIntoId: keep.id });
    expect(gone.can).not.toContain('reply');
    const kept = await detail(agent, keep.id);
    expect(kept.waybillNos).toContain('DUP000000001');
  });
});

describe('customer self-service', () => {
  it('wrong digits and an unknown waybill are refused alike, and nothing is created', async () => {
    await shipmentWithPhones('SELF00000001', '13800007777', '13900008888');
    const before = await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const wrong = await post(null, '/api/public/tickets', { waybillNo: 'SELF00000001', phoneLast4: '0000', kind: 'query', text: '我的快件到哪了?' });
    const unknown = await post(null, '/api/public/tickets', { waybillNo: 'NOPE00000001', phoneLast4: '8888', kind: 'query', text: '我的快件到哪了?' });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([403, 403]);
    expect(wrong.json()).toEqual(unknown.json());
    const after = await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('rates once after resolution, with a reason required for a low rating', async () => {
    const created = await post(null, '/api/public/tickets', { waybillNo: 'SELF00000001', phoneLast4: '8888', kind: 'query', text: '请问什么时候派送?' });
    expect(created.statusCode, created.body).toBe(201);
    const { token, number } = created.json();
    const early = await post(null, `/api/public/tickets/${token}/rating`, { rating: 5 });
    expect(early.statusCode).toBe(409);
    const ticket = await t.database.db.selectFrom('tickets').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
    const resolved = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', reply: '您的快件今天下午派送,请保持电话畅通。', version: ticket.version });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const view = (await get(null, `/api/public/tickets/${token}`)).json();
    expect(view).toMatchObject({ status: 'resolved', canRate: true });
    expect(view.messages.map((m: { from: string }) => m.from)).toEqual(['customer', 'staff']);
    const noReason = await post(null, `/api/public/tickets/${token}/rating`, { rating: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('RATING_REASON_REQUIRED');
    const rated = await post(null, `/api/public/tickets/${token}/rating`, { rating: 2, reason: '等了太久' });
    expect(rated.statusCode, rated.body).toBe(204);
    const again = await post(null, `/api/public/tickets/${token}/rating`, { rating: 5 });
    expect(again.statusCode).toBe(409);
    const lookup = await post(null, '/api/public/tickets/lookup', { waybillNo: 'SELF00000001', phoneLast4: '8888' });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().tickets.map((x: { number: string }) => x.number)).toContain(number);
    const viaLookup = await get(null, `/api/public/tickets/${lookup.json().tickets[0].token}`);
    expect(viaLookup.json()).toMatchObject({ rating: 2, ratingReason: '等了太久' });
  });

  it('a bad token is not found; internal notes never reach the customer', async () => {
    expect((await get(null, `/api/public/tickets/${'x'.repeat(32)}`)).statusCode).toBe(404);
    const created = await post(null, '/api/public/tickets', { waybillNo: 'SELF00000001', phoneLast4: '7777', kind: 'complaint', text: '快件破损,要求赔偿' });
    const { token, number } = created.json();
    const ticket = await t.database.db.selectFrom('tickets').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
    await post(supervisor, `/api/tickets/${ticket.id}/replies`, { body: '内部备注:客户情绪激动', visibility: 'internal', version: ticket.version });
    const view = (await get(null, `/api/public/tickets/${token}`)).json();
    expect(JSON.stringify(view)).not.toContain('内部备注');
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['unknown kind', { kind: 'gossip' }, 'VALIDATION_FAILED'],
    ['empty subject', { subject: '' }, 'VALIDATION_FAILED'],
    ['bad waybill', { waybillNos: ['<script>'] }, 'VALIDATION_FAILED'],
    ['unknown category', { categoryCode: 'no_such_code' }, 'TICKET_CODE_INVALID'],
    ['unknown field', { owner: 'me' }, 'VALIDATION_FAILED'],
  ])('%s → 400 %s', async (_name, change, code) => {
    const before = await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await post(agent, '/api/tickets', { kind: 'query', channel: 'phone', subject: '查件', ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    const after = await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a department user cannot open tickets; a signed-out caller cannot read them', async () => {
    const ops = await t.signIn('ops01');
    expect((await post(ops, '/api/tickets', { kind: 'query', channel: 'phone', subject: '查件' })).statusCode).toBe(403);
    expect((await get(null, '/api/tickets?view=mine')).statusCode).toBe(401);
  });
});
