import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let ops: Session;
beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('ops01')]);
});
afterAll(() => t.close());

/** `null`: the customer, on the public pages. */
async function post(session: Session | null, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: session ? session.headers() : {}, payload: payload as object });
}
async function get(session: Session, url: string) {
  return t.app.inject({ method: 'GET', url, headers: session.headers() });
}
async function detail(session: Session, id: string) {
  const res = await get(session, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
// Each ticket another customer's parcel unless a test says otherwise: a second contact about an open
// case joins it (test/http/follow-ups.test.ts), which is not what these tests are about.
let opened = 0;
async function openTicket(session: Session, extra: Record<string, unknown> = {}) {
  opened += 1;
  const first = opened === 1;
  const res = await post(session, '/api/tickets', {
    kind: 'complaint',
    channel: 'phone',
    subject: '快件破损投诉',
    description: '客户反映快件在上海转运中心破损了,要求赔偿',
    waybillNos: [first ? 'SF1234567890' : `SF${String(1_000_000_000 + opened)}`],
    customerName: '张三',
    customerPhone: first ? '138 0013 8000' : `138 0013 ${String(8000 + opened)}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

describe('tickets: first-contact ownership', () => {
  it('the agent who opens a ticket owns it, with running clocks and a timeline', async () => {
    const ticket = await openTicket(agent);
    const d = await detail(agent, ticket.id);
    expect(d).toMatchObject({ status: 'open', kind: 'complaint', ownerName: '王晓敏', customerPhone: '138****8000', waybillNos: ['SF1234567890'] });
    expect(d.clocks.map((c: { kind: string }) => c.kind).sort()).toEqual(['first_response', 'resolution']);
    expect(d.timeline[0]).toMatchObject({ kind: 'created', actorName: '王晓敏' });
    expect(d.can).toContain('reply');
    expect(d.dueAt).not.toBeNull();
  });

  it('another agent may read and note but not reply; a transfer with a reason moves ownership', async () => {
    const ticket = await openTicket(agent);
    const other = await detail(agent2, ticket.id);
    expect(other.can).not.toContain('reply');
    const refused = await post(agent2, `/api/tickets/${ticket.id}/replies`, { body: '您好', visibility: 'public', version: other.version });
    expect(refused.statusCode).toBe(403);
    const agent2Id = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'agent02').executeTakeFirstOrThrow()).id;
    const moved = await post(agent, `/api/tickets/${ticket.id}/transfer`, { toUserId: agent2Id, reason: '客户在前台办理', version: other.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await detail(agent2, ticket.id);
    expect(after.ownerName).toBe('赵丽');
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'transfer', from: '王晓敏', to: '赵丽', body: '客户在前台办理' });
  });

  it('tickets get time-ordered ids (UUID version 7): one opened later sorts after', async () => {
    const first = await openTicket(agent);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await openTicket(agent);
    for (const { id } of [first, second]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.id < second.id).toBe(true);
    // The first 48 bits are the creation time in Unix milliseconds.
    const ms = Number.parseInt(second.id.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  it('a stale version is refused with 409 and changes nothing', async () => {
    const ticket = await openTicket(agent);
    const first = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '您好,我们马上为您核实。', visibility: 'public', version: ticket.version });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '第二条回复', visibility: 'public', version: ticket.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT_STALE_VERSION');
    const d = await detail(agent, ticket.id);
    expect(d.timeline.filter((e: { kind: string }) => e.kind === 'reply')).toHaveLength(1);
  });

  // What happened between reading the ticket and sending decides: a relabelling only (a
  // supervisor's priority or category) lets the reply through; a colleague's note, a status change,
  // or nothing of this ticket's to compare with sends it back.
  it.each([
    ['a supervisor raised the priority', 'priority', 200],
    ['a supervisor changed the category', 'category', 200],
    ['a colleague wrote a note', 'note', 409],
    ['the ticket went to wait for the customer', 'status', 409],
    ['no seen entry was sent', 'unseen', 409],
    ['the seen entry is another ticket’s', 'foreign', 409],
  ] as const)('a reply written while %s: %s', async (_, change, expected) => {
    const ticket = await openTicket(agent);
    const read = await detail(agent, ticket.id);
    let seenEventId: string | undefined = read.timeline.at(-1).id;
    if (change === 'priority') expect((await post(supervisor, `/api/tickets/${ticket.id}/edit`, { priority: 'urgent', version: read.version })).statusCode).toBe(200);
    if (change === 'category') expect((await post(supervisor, `/api/tickets/${ticket.id}/edit`, { categoryCode: 'damage', version: read.version })).statusCode).toBe(200);
    if (change === 'note') expect((await post(agent2, `/api/tickets/${ticket.id}/replies`, { body: '客户来电说已签收', visibility: 'internal', version: read.version })).statusCode).toBe(200);
    if (change === 'status') expect((await post(agent, `/api/tickets/${ticket.id}/status`, { status: 'pending_customer', version: read.version })).statusCode).toBe(200);
    if (change === 'unseen' || change === 'foreign') expect((await post(supervisor, `/api/tickets/${ticket.id}/edit`, { priority: 'urgent', version: read.version })).statusCode).toBe(200);
    if (change === 'unseen') seenEventId = undefined;
    if (change === 'foreign') seenEventId = (await detail(agent, (await openTicket(agent)).id)).timeline.at(-1).id;
    const sent = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '您好,我们马上为您核实。', visibility: 'public', version: read.version, seenEventId });
    expect(sent.statusCode, sent.body).toBe(expected);
    const replies = (await detail(agent, ticket.id)).timeline.filter((e: { kind: string }) => e.kind === 'reply');
    expect(replies).toHaveLength(expected === 200 ? 1 : 0);
    if (expected === 409) expect(sent.json().code).toBe('CONFLICT_STALE_VERSION');
  });

  it('a forbidden phrase blocks the reply, is recorded, and the fixed reply goes out', async () => {
    const ticket = await openTicket(agent);
    const bad = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '这不关我的事,你自己先查清楚!', visibility: 'public', version: ticket.version });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'PHRASE_FORBIDDEN' });
    expect(bad.json().hits.length).toBeGreaterThan(0);
    const hits = await t.database.db.selectFrom('phrase_hits').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.blocked)).toBe(true);
    const good = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '非常抱歉给您带来不便,我们马上为您核实。', visibility: 'public', version: ticket.version });
    expect(good.statusCode, good.body).toBe(200);
    const d = await detail(agent, ticket.id);
    expect(d.firstResponseAt).not.toBeNull();
    expect(d.clocks.find((c: { kind: string }) => c.kind === 'first_response').status).toBe('met');
  });

  it('the answer given on the spot is guarded too: nothing is created when it holds a forbidden phrase', async () => {
    const before = await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await post(agent, '/api/tickets', { kind: 'query', channel: 'phone', subject: '查件', answer: '我不知道!你自己先查清楚!' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PHRASE_FORBIDDEN');
    const after = await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('search finds a ticket by waybill, phone, name and a Chinese word inside a sentence', async () => {
    const ticket = await openTicket(agent, { waybillNos: ['YT9988776655'], customerPhone: '13912345678', customerName: '欧阳娜娜' });
    // The ticket number as customers are told it (工单号), with or without '#'.
    for (const q of ['YT9988776655', 'yt9988776655', '13912345678', '欧阳娜娜', '破损', '转运中心', ticket.number, `#${ticket.number}`]) {
      const res = await get(agent, `/api/tickets?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((i: { id: string }) => i.id), q).toContain(ticket.id);
    }
    // Found by the exact name and phone, shown masked in the list and on every page, the owner's too
    // (the full name only through the audited reveal: masking.test.ts).
    const listed = (await get(agent, '/api/tickets?q=13912345678')).json().items.find((i: { id: string }) => i.id === ticket.id);
    expect(listed).toMatchObject({ customerName: '欧阳**', customerPhone: '139****5678' });
    expect((await detail(agent, ticket.id)).customerName).toBe('欧阳**');
    expect((await detail(agent2, ticket.id)).customerName).toBe('欧阳**');
  });

  it('a ticket the customer opened names them masked in the card and the timeline alike, before and after an agent owns it', async () => {
    await t.database.db
      .insertInto('shipments')
      .values({ waybill_no: 'SELFNAME0001', registered: true, sender_name: '王五', sender_phone: '13811112222', recipient_name: '陈玉鹏', recipient_phone: '13955556666' })
      .execute();
    // agent01 steps off duty for a moment, so the ticket waits unowned in her team's queue.
    const duty = ((await get(agent, '/api/duty')).json() as { userId: string; displayName: string; onDuty: boolean }[]).find((d) => d.displayName === '王晓敏')!;
    const setDuty = (onDuty: boolean) => t.app.inject({ method: 'PUT', url: `/api/duty/${duty.userId}`, headers: agent.headers(), payload: { onDuty } });
    expect((await setDuty(false)).statusCode).toBe(204);
    const created = await post(null, '/api/public/tickets', { waybillNo: 'SELFNAME0001', phoneLast4: '6666', kind: 'complaint', text: '快件外箱破损,里面的东西碎了' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await setDuty(duty.onDuty)).statusCode).toBe(204);
    const { token, number } = created.json() as { token: string; number: string };
    expect((await post(null, `/api/public/tickets/${token}/replies`, { body: '请尽快联系我' })).statusCode).toBe(204);
    const { id } = await t.database.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    // An entry written before customers' entries stopped holding their name.
    await t.database.db.insertInto('ticket_events').values({ ticket_id: id, actor_name: '客户 陈玉鹏', kind: 'customer_reply', visibility: 'public', body: '还没消息' }).execute();
    const byCustomer = (d: { timeline: { kind: string; actorKind: string; actorName: string }[] }) =>
      d.timeline.filter((e) => e.kind === 'created' || e.kind === 'customer_reply').map((e) => `${e.actorKind} ${e.actorName}`);

    // agent01 could take it (her team's queue) and agent02 is of another team: neither owns it yet.
    for (const session of [agent, agent2]) {
      const d = await detail(session, id);
      expect(d.ownerId).toBeNull();
      expect(d.canRevealCustomer).toBe(false);
      expect(d.customerName).toBe('陈**');
      expect(byCustomer(d)).toEqual(['customer 陈**', 'customer 陈**', 'customer 陈**']);
      expect(JSON.stringify(d)).not.toContain('玉鹏');
    }

    // A public reply makes agent01 the owner: she may reveal the customer (audited), and every page still
    // names them masked, as the card does.
    const d = await detail(agent, id);
    const replied = await post(agent, `/api/tickets/${id}/replies`, { body: '您好,我们马上为您核实。', visibility: 'public', version: d.version });
    expect(replied.statusCode, replied.body).toBe(200);
    const owned = await detail(agent, id);
    expect(owned).toMatchObject({ canRevealCustomer: true, customerName: '陈**' });
    expect(byCustomer(owned)).toEqual(['customer 陈**', 'customer 陈**', 'customer 陈**']);
    expect(JSON.stringify(owned)).not.toContain('玉鹏');
    expect((await detail(agent2, id)).customerName).toBe('陈**');
  });

  it('ask a department: it waits, the department replies without taking it', async () => {
    const ticket = await openTicket(agent);
    const opsDept = (await t.database.db.selectFrom('departments').select('id').where('code', '=', 'OPS').executeTakeFirstOrThrow()).id;
    const asked = await post(agent, `/api/tickets/${ticket.id}/department-requests`, { departmentId: opsDept, question: '请核实破损原因', version: ticket.version });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await detail(agent, ticket.id)).status).toBe('pending_department');
    const inbox = await get(ops, '/api/department-requests');
    const request = inbox.json().find((r: { ticketId: string }) => r.ticketId === ticket.id);
    expect(request).toBeTruthy();
    const answered = await post(ops, `/api/department-requests/${request.id}/reply`, { reply: '转运中心装卸不当,已处理' });
    expect(answered.statusCode, answered.body).toBe(200);
    const d = await detail(agent, ticket.id);
    expect(d).toMatchObject({ status: 'open', ownerName: '王晓敏' });
    expect(d.timeline.at(-2)).toMatchObject({ kind: 'department_reply', actorName: '张伟' });
  });

  it('resolving a complaint schedules a callback in callback hours; closing needs its outcome', async () => {
    const ticket = await openTicket(agent);
    const resolved = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', reply: '已为您办理赔偿,感谢您的耐心。', version: ticket.version });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const d = await detail(agent, ticket.id);
    expect(d.status).toBe('resolved');
    expect(d.callbacks).toHaveLength(1);
    const closing = await post(agent, `/api/tickets/${ticket.id}/close`, { version: d.version });
    expect(closing.statusCode).toBe(409);
    expect(closing.json().code).toBe('TICKET_CLOSE_NEEDS_CALLBACK');
    const done = await post(agent, `/api/callbacks/${d.callbacks[0].id}/complete`, { outcome: 'satisfied', note: '客户表示满意' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await detail(agent, ticket.id)).status).toBe('closed');
  });

  it('supervisor board and queues answer', async () => {
    const board = await get(supervisor, '/api/tickets/board');
    expect(board.statusCode, board.body).toBe(200);
    const mine = await get(agent, '/api/tickets?view=mine&limit=2');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toHaveLength(2);
    const next = await get(agent, `/api/tickets?view=mine&limit=2&cursor=${mine.json().nextCursor}`);
    expect(next.statusCode, next.body).toBe(200);
    expect((await get(agent, '/api/tickets/board')).statusCode).toBe(403);
  });
});
