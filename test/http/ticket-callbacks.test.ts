/**
 * Callbacks (回访) and resolving through the HTTP API on a real database: a callback stands only
 * while the resolution it confirms stands (closing, reopening settle it), an outcome is recorded
 * only on a callback still to make, and nothing is resolved before the customer was answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR, nextCallbackWindow } from '../../src/domain/sla/calendar.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let supervisor: Session;
let ops: Session;
/** 前台服务组: works tickets, another team's agent */
let agent2: Session;
const anonymous = { 'content-type': 'application/json' };

beforeAll(async () => {
  t = await createTestApp();
  [agent, supervisor, ops, agent2] = await Promise.all([t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('ops01'), t.signIn('agent02')]);
});
afterAll(() => t.close());

const post = (s: Session | null, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: s ? s.headers() : anonymous, payload: payload as object });
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s ? s.headers() : {} });

interface Callback {
  id: string;
  ticketId: string;
  scheduledFor: string;
  outcome: string | null;
  note: string | null;
  doneAt: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  lastAttemptByName: string | null;
  lastAttemptNote: string | null;
}
interface Detail {
  status: string;
  version: number;
  callbacks: Callback[];
  timeline: { kind: string; to: string | null; body: string | null; detail: Record<string, unknown> }[];
  clocks: { kind: string; stoppedAt: string | null }[];
}

async function detail(s: Session, id: string): Promise<Detail> {
  const res = await get(s, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let serial = 0;
async function openComplaint(extra: Record<string, unknown> = {}) {
  serial += 1;
  const res = await post(agent, '/api/tickets', {
    kind: 'complaint',
    channel: 'web',
    subject: `派件员态度差 ${serial}`,
    description: '客户投诉派件员态度恶劣',
    waybillNos: [`CB${String(serial).padStart(10, '0')}`],
    customerName: '孙七',
    customerPhone: `1360000${String(serial).padStart(4, '0')}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function resolveWithAnswer(s: Session, id: string) {
  const version = (await detail(s, id)).version;
  const res = await post(s, `/api/tickets/${id}/resolve`, { causeCode: 'courier', reply: '已对派件员进行批评教育，给您带来不便深表歉意。', version });
  expect(res.statusCode, res.body).toBe(200);
  return detail(s, id);
}

async function dueCallbackIds(s: Session): Promise<string[]> {
  const res = await get(s, '/api/callbacks?due=true&limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().map((c: Callback) => c.id);
}

/** 客服用语规范: callback hours 9:00–12:00 and 15:00–18:00, Asia/Shanghai (UTC+8, no daylight saving). */
function inCallbackHours(iso: string): boolean {
  const at = new Date(iso);
  const minutes = ((at.getUTCHours() + 8) % 24) * 60 + at.getUTCMinutes();
  return (minutes >= 9 * 60 && minutes < 12 * 60) || (minutes >= 15 * 60 && minutes < 18 * 60);
}

/** The opening of a callback window: 09:00:00.000 or 15:00:00.000 Shanghai time. */
function opensWindow(iso: string): boolean {
  const at = new Date(iso);
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return [9, 15].includes(local.getUTCHours()) && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0 && local.getUTCMilliseconds() === 0;
}

/** An instant as the error message names it: Shanghai wall time to the minute ('2026-03-03 15:00'). */
function shanghaiMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The rescheduled window has come: the callback is planned a minute ago. Returns that time. */
async function reachWindow(callbackId: string): Promise<string> {
  const at = new Date(Date.now() - 60_000);
  await t.database.db.updateTable('ticket_callbacks').set({ scheduled_for: at }).where('id', '=', callbackId).execute();
  return at.toISOString();
}

async function dueCallback(s: Session, id: string): Promise<Callback | undefined> {
  const res = await get(s, '/api/callbacks?due=true&limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().find((c: Callback) => c.id === id);
}

describe('a complaint is resolved with its cause', () => {
  it('without a cause code it is refused and nothing changes; a cause set on the ticket before is enough', async () => {
    const ticket = await openComplaint();
    const refused = await post(agent, `/api/tickets/${ticket.id}/resolve`, { reply: '已核实处理，深表歉意。', version: ticket.version });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('TICKET_RESOLVE_NEEDS_CAUSE');
    const unchanged = await detail(agent, ticket.id);
    expect(unchanged.version).toBe(ticket.version);
    expect(unchanged.callbacks).toEqual([]);
    expect(unchanged.timeline.some((e) => e.kind === 'reply')).toBe(false);

    const edited = await post(agent, `/api/tickets/${ticket.id}/edit`, { causeCode: 'courier', version: ticket.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const resolved = await post(agent, `/api/tickets/${ticket.id}/resolve`, { reply: '已核实处理，深表歉意。', version: edited.json().version });
    expect(resolved.statusCode, resolved.body).toBe(200);
  });
});

describe('联系不上 is tried again before it closes the ticket', () => {
  it('two unanswered calls keep the complaint resolved and its callback pending, each time in a later callback window; the third closes it', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const [callback] = resolved.callbacks;
    expect(callback).toMatchObject({ attempts: 0, lastAttemptAt: null, doneAt: null });
    // The callback is due: the agent calls at (after) the planned time.
    const planned = new Date(Date.now() - 10 * 60_000);
    await t.database.db.updateTable('ticket_callbacks').set({ scheduled_for: planned }).where('id', '=', callback!.id).execute();

    // 1st attempt: the next callback window after now, not a few minutes later.
    const before = new Date();
    const first = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable', note: '客户未接听' });
    const after = new Date();
    expect(first.statusCode, first.body).toBe(200);
    const firstRetry = first.json().nextAttemptAt as string;
    expect(first.json()).toEqual({ ticketId: ticket.id, attempts: 1, nextAttemptAt: firstRetry, outcome: null });
    expect([nextCallbackWindow(before, DEFAULT_BUSINESS_CALENDAR), nextCallbackWindow(after, DEFAULT_BUSINESS_CALENDAR)].map((d) => d.toISOString())).toContain(firstRetry);
    expect(Date.parse(firstRetry)).toBeGreaterThan(after.getTime());
    expect(inCallbackHours(firstRetry) && opensWindow(firstRetry), firstRetry).toBe(true);

    const once = await detail(agent, ticket.id);
    expect(once.status).toBe('resolved');
    expect(once.callbacks).toHaveLength(1);
    expect(once.callbacks[0]).toMatchObject({
      id: callback!.id,
      outcome: null,
      doneAt: null,
      attempts: 1,
      scheduledFor: firstRetry,
      lastAttemptByName: '王晓敏',
      lastAttemptNote: '客户未接听',
    });
    expect(Date.parse(once.callbacks[0]!.lastAttemptAt!)).toBeGreaterThanOrEqual(before.getTime());
    expect(once.timeline.filter((e) => e.kind === 'callback_attempt')).toEqual([
      expect.objectContaining({ to: firstRetry, body: '客户未接听', detail: expect.objectContaining({ callbackId: callback!.id, attempt: 1 }) }),
    ]);
    expect(once.timeline.some((e) => e.kind === 'callback_done')).toBe(false);
    expect(await dueCallback(agent, callback!.id)).toMatchObject({ attempts: 1, scheduledFor: firstRetry, doneAt: null });

    // One unanswered call per window: another 联系不上 before the retry's window is refused.
    const early = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable', note: '又没接' });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().code).toBe('CALLBACK_RETRY_NOT_DUE');
    expect(early.json().message).toContain('上次未接通已记录');
    expect(early.json().message).toContain(shanghaiMinute(firstRetry));
    expect((await detail(agent, ticket.id)).callbacks[0]).toMatchObject({ attempts: 1, scheduledFor: firstRetry, lastAttemptNote: '客户未接听' });

    // 2nd attempt, once its window has come: the next window after now.
    await reachWindow(callback!.id);
    const beforeSecond = new Date();
    const second = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable', note: '关机' });
    const afterSecond = new Date();
    expect(second.statusCode, second.body).toBe(200);
    const secondRetry = second.json().nextAttemptAt as string;
    expect(second.json()).toEqual({ ticketId: ticket.id, attempts: 2, nextAttemptAt: secondRetry, outcome: null });
    expect([nextCallbackWindow(beforeSecond, DEFAULT_BUSINESS_CALENDAR), nextCallbackWindow(afterSecond, DEFAULT_BUSINESS_CALENDAR)].map((d) => d.toISOString())).toContain(secondRetry);
    expect(Date.parse(secondRetry)).toBeGreaterThan(afterSecond.getTime());
    expect(inCallbackHours(secondRetry) && opensWindow(secondRetry), secondRetry).toBe(true);

    const twice = await detail(agent, ticket.id);
    expect(twice.status).toBe('resolved');
    expect(twice.callbacks).toEqual([expect.objectContaining({ id: callback!.id, outcome: null, doneAt: null, attempts: 2, scheduledFor: secondRetry, lastAttemptNote: '关机' })]);
    expect(twice.timeline.filter((e) => e.kind === 'callback_attempt').map((e) => [e.detail.attempt, e.to, e.body])).toEqual([
      [1, firstRetry, '客户未接听'],
      [2, secondRetry, '关机'],
    ]);
    expect(await dueCallback(agent, callback!.id)).toMatchObject({ attempts: 2, scheduledFor: secondRetry });

    // The 3rd unanswered call does not close the ticket before its window either.
    const tooSoon = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' });
    expect(tooSoon.statusCode, tooSoon.body).toBe(409);
    expect(tooSoon.json().code).toBe('CALLBACK_RETRY_NOT_DUE');
    expect((await detail(agent, ticket.id)).status).toBe('resolved');

    // 3rd attempt in its window: the callback is done as unreachable and the ticket closes, as before.
    const reached = await reachWindow(callback!.id);
    const third = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable', note: '三次未接通' });
    expect(third.statusCode, third.body).toBe(200);
    expect(third.json()).toEqual({ ticketId: ticket.id, attempts: 3, nextAttemptAt: null, outcome: 'unreachable' });
    const closed = await detail(agent, ticket.id);
    expect(closed.status).toBe('closed');
    expect(closed.callbacks).toEqual([
      expect.objectContaining({ id: callback!.id, outcome: 'unreachable', note: '三次未接通', attempts: 3, scheduledFor: reached }),
    ]);
    expect(closed.callbacks[0]!.doneAt).not.toBeNull();
    expect(closed.timeline.filter((e) => e.kind === 'callback_attempt')).toHaveLength(2);
    expect(closed.timeline.filter((e) => e.kind === 'callback_done')).toEqual([expect.objectContaining({ to: 'unreachable', body: '三次未接通' })]);
    expect(await dueCallbackIds(agent)).not.toContain(callback!.id);

    const again = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CALLBACK_DONE');
  });

  it('a satisfied customer reached after one unanswered call closes the ticket as before', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const [callback] = resolved.callbacks;
    const missed = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' });
    expect(missed.statusCode, missed.body).toBe(200);
    expect(missed.json()).toMatchObject({ ticketId: ticket.id, attempts: 1 });
    expect((await detail(agent, ticket.id)).status).toBe('resolved');

    const reached = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'satisfied', note: '客户表示满意' });
    expect(reached.statusCode, reached.body).toBe(200);
    expect(reached.json()).toEqual({ ticketId: ticket.id, attempts: 2, nextAttemptAt: null, outcome: 'satisfied' });
    const d = await detail(agent, ticket.id);
    expect(d.status).toBe('closed');
    expect(d.callbacks).toEqual([expect.objectContaining({ id: callback!.id, outcome: 'satisfied', note: '客户表示满意', attempts: 2, lastAttemptNote: '客户表示满意' })]);
    expect(d.timeline.filter((e) => e.kind === 'callback_attempt')).toHaveLength(1);
    expect(d.timeline.filter((e) => e.kind === 'callback_done')).toEqual([expect.objectContaining({ to: 'satisfied', body: '客户表示满意' })]);
    expect(await dueCallbackIds(agent)).not.toContain(callback!.id);
  });

  it('after a refused early retry the customer calling back can still be recorded as satisfied', async () => {
    const ticket = await openComplaint();
    const [callback] = (await resolveWithAnswer(agent, ticket.id)).callbacks;
    const missed = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable', note: '未接听' });
    expect(missed.statusCode, missed.body).toBe(200);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/callbacks/${callback!.id}/complete`,
      headers: { ...agent.headers(), 'accept-language': 'en-US' },
      payload: { outcome: 'unreachable' },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('CALLBACK_RETRY_NOT_DUE');
    expect(refused.json().message).toContain(shanghaiMinute(missed.json().nextAttemptAt as string));
    expect(refused.json().message).toMatch(/call again/);

    const satisfied = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'satisfied', note: '客户回电，表示满意' });
    expect(satisfied.statusCode, satisfied.body).toBe(200);
    expect(satisfied.json()).toEqual({ ticketId: ticket.id, attempts: 2, nextAttemptAt: null, outcome: 'satisfied' });
    const d = await detail(agent, ticket.id);
    expect(d.status).toBe('closed');
    expect(d.timeline.filter((e) => e.kind === 'callback_attempt')).toHaveLength(1);
  });

  it('an unsatisfied answer is taken before the rescheduled time and reopens the ticket', async () => {
    const ticket = await openComplaint();
    const [callback] = (await resolveWithAnswer(agent, ticket.id)).callbacks;
    expect((await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' })).statusCode).toBe(200);
    const unsatisfied = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unsatisfied', note: '客户回电仍不满意' });
    expect(unsatisfied.statusCode, unsatisfied.body).toBe(200);
    expect(unsatisfied.json()).toEqual({ ticketId: ticket.id, attempts: 2, nextAttemptAt: null, outcome: 'unsatisfied' });
    expect((await detail(agent, ticket.id)).status).toBe('open');
  });

  it('reopening after an unanswered call cancels the callback it rescheduled', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const [callback] = resolved.callbacks;
    const missed = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' });
    expect(missed.statusCode, missed.body).toBe(200);
    const reopened = await post(agent, `/api/tickets/${ticket.id}/reopen`, { reason: '客户来电说问题仍未解决', version: (await detail(agent, ticket.id)).version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const d = await detail(agent, ticket.id);
    expect(d.callbacks).toEqual([expect.objectContaining({ id: callback!.id, outcome: 'cancelled', attempts: 1 })]);
    expect(await dueCallbackIds(agent)).not.toContain(callback!.id);
  });
});

describe('closing settles the callback', () => {
  it('a complaint closed with a reason cancels its pending callback; an outcome on it is refused and changes nothing', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const [callback] = resolved.callbacks;
    expect(callback).toMatchObject({ doneAt: null, outcome: null });
    expect(await dueCallbackIds(agent)).toContain(callback!.id);

    const reason = '客户来电确认已收到快件，不需要再回访';
    const closed = await post(supervisor, `/api/tickets/${ticket.id}/close`, { reason, version: resolved.version });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = await detail(agent, ticket.id);
    expect(after.status).toBe('closed');
    expect(after.callbacks).toHaveLength(1);
    expect(after.callbacks[0]).toMatchObject({ id: callback!.id, outcome: 'cancelled', note: reason });
    expect(after.callbacks[0]!.doneAt).not.toBeNull();
    expect(after.timeline.find((e) => e.kind === 'callback_cancelled')).toMatchObject({ body: reason });
    expect(await dueCallbackIds(agent)).not.toContain(callback!.id);

    const late = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unsatisfied', note: '客户仍不满意' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CALLBACK_CANCELLED');
    expect(late.json().message).toContain('回访已取消');
    const unchanged = await detail(agent, ticket.id);
    expect(unchanged.status).toBe('closed');
    expect(unchanged.version).toBe(after.version);
    expect(unchanged.callbacks[0]).toMatchObject({ outcome: 'cancelled', note: reason });
    expect(unchanged.timeline.filter((e) => e.kind === 'callback_done')).toHaveLength(0);
  });

  it('an outcome on a pending callback of a ticket that is not resolved is refused, in the caller’s language', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const closed = await post(supervisor, `/api/tickets/${ticket.id}/close`, { reason: '客户明确表示无需回访', version: resolved.version });
    expect(closed.statusCode, closed.body).toBe(200);
    // A callback left pending on a closed ticket (as data from before this rule was kept).
    const stray = await t.database.db
      .insertInto('ticket_callbacks')
      .values({ ticket_id: ticket.id, scheduled_for: new Date(), assignee_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await detail(agent, ticket.id);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/callbacks/${stray.id}/complete`,
      headers: { ...agent.headers(), 'accept-language': 'en-US' },
      payload: { outcome: 'unsatisfied' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CALLBACK_TICKET_NOT_RESOLVED');
    expect(refused.json().message).toContain('resolved ticket');
    const after = await detail(agent, ticket.id);
    expect(after.status).toBe('closed');
    expect(after.version).toBe(before.version);
    expect(after.callbacks.find((c) => c.id === stray.id)).toMatchObject({ doneAt: null, outcome: null });
  });

  it('closing without a reason still needs the outcome of the callback for the resolution that stands', async () => {
    const ticket = await openComplaint();
    const first = await resolveWithAnswer(agent, ticket.id);
    const unsatisfied = await post(agent, `/api/callbacks/${first.callbacks[0]!.id}/complete`, { outcome: 'unsatisfied', note: '赔偿金额不认可' });
    expect(unsatisfied.statusCode, unsatisfied.body).toBe(200);
    expect((await detail(agent, ticket.id)).status).toBe('open');
    const second = await resolveWithAnswer(agent, ticket.id);
    expect(second.callbacks.filter((c) => c.doneAt === null)).toHaveLength(1);
    const closing = await post(agent, `/api/tickets/${ticket.id}/close`, { version: second.version });
    expect(closing.statusCode).toBe(409);
    expect(closing.json().code).toBe('TICKET_CLOSE_NEEDS_CALLBACK');
  });
});

describe('reopening cancels the callback', () => {
  it('the customer replies on a resolved complaint: the callback is cancelled; resolving again schedules a new one in callback hours', async () => {
    await t.database.db
      .insertInto('shipments')
      .values({ waybill_no: 'CBSELF000001', registered: true, sender_name: '王五', sender_phone: '13800001111', recipient_name: '赵六', recipient_phone: '13900002222' })
      .execute();
    const created = await post(null, '/api/public/tickets', { waybillNo: 'CBSELF000001', phoneLast4: '2222', kind: 'complaint', text: '快件放驿站没有通知我' });
    expect(created.statusCode, created.body).toBe(201);
    const { token, number } = created.json();
    const { id } = await t.database.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();

    const resolved = await resolveWithAnswer(supervisor, id);
    const [first] = resolved.callbacks;
    expect(inCallbackHours(first!.scheduledFor), first!.scheduledFor).toBe(true);

    const replied = await post(null, `/api/public/tickets/${token}/replies`, { body: '问题没有解决' });
    expect(replied.statusCode, replied.body).toBe(204);
    const reopened = await detail(supervisor, id);
    expect(reopened.status).toBe('open');
    expect(reopened.callbacks).toEqual([expect.objectContaining({ id: first!.id, outcome: 'cancelled', note: '问题没有解决' })]);
    expect(reopened.timeline.at(-1)).toMatchObject({ kind: 'callback_cancelled', body: '问题没有解决' });
    expect(await dueCallbackIds(supervisor)).not.toContain(first!.id);
    const refused = await post(supervisor, `/api/callbacks/${first!.id}/complete`, { outcome: 'satisfied' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CALLBACK_CANCELLED');

    const again = await resolveWithAnswer(supervisor, id);
    const pending = again.callbacks.filter((c) => c.doneAt === null);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.id).not.toBe(first!.id);
    expect(inCallbackHours(pending[0]!.scheduledFor), pending[0]!.scheduledFor).toBe(true);
    expect(await dueCallbackIds(supervisor)).toContain(pending[0]!.id);
  });

  it('staff reopening a resolved complaint cancels its callback with the reason', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const reopened = await post(agent, `/api/tickets/${ticket.id}/reopen`, { reason: '客户来电说快件仍未送达', version: resolved.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const d = await detail(agent, ticket.id);
    expect(d.status).toBe('open');
    expect(d.callbacks).toEqual([expect.objectContaining({ outcome: 'cancelled', note: '客户来电说快件仍未送达' })]);
    expect(d.timeline.some((e) => e.kind === 'callback_cancelled' && e.body === '客户来电说快件仍未送达')).toBe(true);
  });
});

describe('resolving needs an answer to the customer', () => {
  it('a department’s reply and an internal note are not an answer: resolving without one is refused and changes nothing', async () => {
    const ticket = await openComplaint();
    const opsDept = (await t.database.db.selectFrom('users').select('department_id').where('username', '=', 'ops01').executeTakeFirstOrThrow()).department_id;
    const asked = await post(agent, `/api/tickets/${ticket.id}/department-requests`, { departmentId: opsDept, question: '请核实派件员当天的派送记录', version: ticket.version });
    expect(asked.statusCode, asked.body).toBe(200);
    const request = (await get(ops, '/api/department-requests')).json().find((r: { ticketId: string }) => r.ticketId === ticket.id);
    const answered = await post(ops, `/api/department-requests/${request.id}/reply`, { reply: '已核实，派件员未按规定电话联系客户' });
    expect(answered.statusCode, answered.body).toBe(200);
    const noted = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '部门已核实，准备答复客户', visibility: 'internal', version: (await detail(agent, ticket.id)).version });
    expect(noted.statusCode, noted.body).toBe(200);

    const before = await detail(agent, ticket.id);
    const refused = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', version: before.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('TICKET_RESOLVE_NEEDS_ANSWER');
    expect(refused.json().message).toContain('答复客户');
    const after = await detail(agent, ticket.id);
    expect(after).toMatchObject({ status: before.status, version: before.version, callbacks: [] });
    // Neither the first response nor the resolution counts as done: no clock stopped.
    expect(after.clocks.map((c) => [c.kind, c.stoppedAt])).toEqual(before.clocks.map((c) => [c.kind, c.stoppedAt]));
    expect(after.clocks.filter((c) => c.kind !== 'department_reply').every((c) => c.stoppedAt === null)).toBe(true);
    expect(after.timeline).toHaveLength(before.timeline.length);

    // A public reply is an answer: afterwards the resolve may leave the answer empty.
    const answeredCustomer = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: '经核实是派件员未按规定联系您，已严肃处理。', visibility: 'public', version: after.version });
    expect(answeredCustomer.statusCode, answeredCustomer.body).toBe(200);
    const ok = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', version: answeredCustomer.json().version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await detail(agent, ticket.id)).status).toBe('resolved');
  });

  it('after a reopening the earlier answer no longer counts', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const reopened = await post(agent, `/api/tickets/${ticket.id}/reopen`, { reason: '客户不认可处理结果', version: resolved.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const refused = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', version: reopened.json().version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('TICKET_RESOLVE_NEEDS_ANSWER');
    expect((await detail(agent, ticket.id)).status).toBe('open');
  });

  it('the answer given on the spot when the ticket was opened is an answer', async () => {
    const ticket = await openComplaint({ channel: 'phone', answer: '您好，已为您登记投诉，我们会尽快处理。' });
    const ok = await post(agent, `/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', version: ticket.version });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('the board counts the callbacks /callbacks lists', () => {
  it('callbacksPending is every callback still to make, callbacksDue those whose time has come', async () => {
    const ticket = await openComplaint();
    const [callback] = (await resolveWithAnswer(agent, ticket.id)).callbacks;
    // Planned for later (as right after resolving, or after an unanswered call): listed, not yet due.
    await t.database.db.updateTable('ticket_callbacks').set({ scheduled_for: new Date(Date.now() + 86_400_000) }).where('id', '=', callback!.id).execute();

    const board = await get(supervisor, '/api/tickets/board');
    expect(board.statusCode, board.body).toBe(200);
    const counts = board.json().counts as { callbacksPending: number; callbacksDue: number };
    const listed = await dueCallbackIds(supervisor);
    expect(listed).toContain(callback!.id);
    expect(counts.callbacksPending).toBe(listed.length);
    const due = (await get(supervisor, '/api/callbacks?due=true&limit=100')).json().filter((c: Callback) => Date.parse(c.scheduledFor) <= Date.now());
    expect(counts.callbacksDue).toBe(due.length);
    expect(counts.callbacksDue).toBeLessThan(counts.callbacksPending);
  });
});

describe('who may record a callback', () => {
  it('an agent of another team who reads the complaint may not record its callback: 403 and nothing changes, like closing it', async () => {
    const ticket = await openComplaint();
    const resolved = await resolveWithAnswer(agent, ticket.id);
    const [callback] = resolved.callbacks;
    // The lists say so, so the console shows the button only to those who may press it.
    expect(callback).toMatchObject({ canRecord: true });
    expect((await detail(agent2, ticket.id)).callbacks[0]).toMatchObject({ canRecord: false });
    const listed = async (s: Session) => (await get(s, '/api/callbacks?limit=100')).json().find((c: Callback) => c.id === callback!.id);
    expect(await listed(agent)).toMatchObject({ canRecord: true });
    expect(await listed(agent2)).toMatchObject({ canRecord: false });
    expect(await listed(supervisor)).toMatchObject({ canRecord: true });
    const closing = await post(agent2, `/api/tickets/${ticket.id}/close`, { reason: '无需回访', version: resolved.version });
    expect(closing.statusCode).toBe(403);
    for (const outcome of ['satisfied', 'unsatisfied', 'unreachable']) {
      const refused = await post(agent2, `/api/callbacks/${callback!.id}/complete`, { outcome });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
    }
    const unchanged = await detail(agent, ticket.id);
    expect(unchanged.status).toBe('resolved');
    expect(unchanged.version).toBe(resolved.version);
    expect(unchanged.callbacks[0]).toMatchObject({ doneAt: null, outcome: null, attempts: 0 });
    // Department staff do not work tickets at all; the owner records it.
    expect((await post(ops, `/api/callbacks/${callback!.id}/complete`, { outcome: 'satisfied' })).statusCode).toBe(403);
    const done = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'satisfied' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('the callback’s assignee and a supervisor may record it', async () => {
    // Resolved by the supervisor: the callback is theirs to make, on agent01's ticket.
    const ticket = await openComplaint();
    const bySupervisor = await resolveWithAnswer(supervisor, ticket.id);
    const [callback] = bySupervisor.callbacks;
    const retry = await post(supervisor, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' });
    expect(retry.statusCode, retry.body).toBe(200);
    await reachWindow(callback!.id);
    const owner = await post(agent, `/api/callbacks/${callback!.id}/complete`, { outcome: 'unreachable' });
    expect(owner.statusCode, owner.body).toBe(200);
    await reachWindow(callback!.id);
    expect((await post(agent2, `/api/callbacks/${callback!.id}/complete`, { outcome: 'satisfied' })).statusCode).toBe(403);
    expect((await post(supervisor, `/api/callbacks/${callback!.id}/complete`, { outcome: 'satisfied' })).statusCode).toBe(200);
  });
});
