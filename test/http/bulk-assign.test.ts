/**
 * A supervisor moves work in bulk (POST /api/tickets/bulk/assign): several tickets to a person or a
 * team in one step, each decided as its own transfer — moved (on its timeline) or refused with its
 * code — and a person's capacity respected unless the supervisor overrides it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent01: Session;
let agent02: Session;
let supervisor: Session;

beforeAll(async () => {
  t = await createTestApp();
  [agent01, agent02, supervisor] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01')]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() });

let serial = 0;
async function ticket() {
  serial += 1;
  const res = await post(agent01, '/api/tickets', {
    kind: 'query',
    channel: 'phone',
    subject: `查询快件 ${serial}`,
    waybillNos: [`BULK${String(serial).padStart(8, '0')}`],
    customerPhone: `1370000${String(serial).padStart(4, '0')}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function detail(id: string) {
  const res = await get(supervisor, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const userId = (s: Session) => s.userId;

async function setCapacity(s: Session, capacity: number) {
  const res = await t.app.inject({ method: 'PUT', url: `/api/duty/${s.userId}`, headers: supervisor.headers(), payload: { onDuty: true, capacity } });
  expect(res.statusCode, res.body).toBe(204);
}

async function openCount(s: Session): Promise<number> {
  const roster = (await get(supervisor, '/api/duty')).json() as { userId: string; openTickets: number }[];
  return roster.find((r) => r.userId === s.userId)!.openTickets;
}

describe('bulk assignment', () => {
  it('moves two tickets to an agent in one step, each move on its ticket’s timeline', async () => {
    const [a, b] = [await ticket(), await ticket()];
    const res = await post(supervisor, '/api/tickets/bulk/assign', {
      items: [a, b].map((x) => ({ id: x.id, version: x.version })),
      toUserId: userId(agent02),
      reason: '王晓敏工单过多，分给赵丽',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      moved: 2,
      refused: 0,
      items: [
        { id: a.id, outcome: 'moved', number: a.number, ownerName: '赵丽', teamName: '前台服务组', code: null },
        { id: b.id, outcome: 'moved', number: b.number, ownerName: '赵丽', teamName: '前台服务组', code: null },
      ],
    });
    for (const x of [a, b]) {
      const d = await detail(x.id);
      expect(d).toMatchObject({ ownerName: '赵丽', teamName: '前台服务组', version: res.json().items.find((i: { id: string }) => i.id === x.id).version });
      expect(d.timeline.at(-1)).toMatchObject({ kind: 'transfer', actorName: '李建国', from: '王晓敏', to: '赵丽', body: '王晓敏工单过多，分给赵丽', detail: { bulk: true } });
    }
  });

  it('reports each ticket it may not move, with its code, and moves the rest; nothing partial is hidden', async () => {
    const [fresh, stale, closed] = [await ticket(), await ticket(), await ticket()];
    const resolved = (await post(agent01, `/api/tickets/${closed.id}/resolve`, { reply: '您好，已为您查询。', version: closed.version })).json();
    expect((await post(agent01, `/api/tickets/${closed.id}/close`, { version: resolved.version })).statusCode).toBe(200);
    const missing = randomUUID();
    const res = await post(supervisor, '/api/tickets/bulk/assign', {
      items: [
        { id: stale.id, version: stale.version + 5 },
        { id: missing, version: 1 },
        { id: fresh.id, version: fresh.version },
        { id: closed.id, version: resolved.version + 1 },
      ],
      toUserId: userId(agent02),
      reason: '调整分工',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ moved: 1, refused: 3 });
    expect(body.items.map((i: { id: string; outcome: string; code: string | null }) => [i.id, i.outcome, i.code])).toEqual([
      [stale.id, 'refused', 'CONFLICT_STALE_VERSION'],
      [missing, 'refused', 'TICKET_NOT_FOUND'],
      [fresh.id, 'moved', null],
      [closed.id, 'refused', 'TICKET_TRANSITION_INVALID'],
    ]);
    expect(body.items[1]).toMatchObject({ number: null, message: expect.stringMatching(/\S/) });
    // The refused ones are as they were.
    expect(await detail(stale.id)).toMatchObject({ ownerName: '王晓敏', version: stale.version });
    expect((await detail(closed.id)).ownerName).toBe('王晓敏');
  });

  it('respects the agent’s capacity: the ticket that would pass it is refused, unless the supervisor overrides it (recorded)', async () => {
    const [a, b] = [await ticket(), await ticket()];
    await setCapacity(agent02, (await openCount(agent02)) + 1);
    const items = [a, b].map((x) => ({ id: x.id, version: x.version }));
    const res = await post(supervisor, '/api/tickets/bulk/assign', { items, toUserId: userId(agent02), reason: '分给赵丽' });
    expect(res.json()).toMatchObject({ moved: 1, refused: 1, items: [{ id: a.id, outcome: 'moved' }, { id: b.id, outcome: 'refused', code: 'AGENT_AT_CAPACITY' }] });
    expect(res.json().items[1].message).toContain('赵丽');
    expect((await detail(b.id)).ownerName).toBe('王晓敏');

    const over = await post(supervisor, '/api/tickets/bulk/assign', { items: [{ id: b.id, version: b.version }], toUserId: userId(agent02), reason: '急件，仍交给赵丽', overCapacity: true });
    expect(over.json()).toMatchObject({ moved: 1, refused: 0 });
    expect((await detail(b.id)).timeline.at(-1)).toMatchObject({ kind: 'transfer', to: '赵丽', detail: { bulk: true, overCapacity: true } });
    await setCapacity(agent02, 30);
  });

  it('moves to a team: its least-loaded agent on duty with room, else its queue', async () => {
    const a = await ticket();
    const team = (await detail(a.id)).teamId as string; // agent01's team, 客服呼叫中心
    const front = await t.database.db.selectFrom('departments').select('id').where('code', '=', 'CS-FRONT').executeTakeFirstOrThrow();
    const res = await post(supervisor, '/api/tickets/bulk/assign', { items: [{ id: a.id, version: a.version }], toTeamId: front.id, reason: '转前台服务组' });
    expect(res.json().items[0]).toMatchObject({ outcome: 'moved', teamName: '前台服务组', ownerName: '赵丽' });
    expect(team).not.toBe(front.id);
  });

  it('refuses the whole request, moving nothing, for a bad target, too many tickets, or a caller who does not supervise', async () => {
    const a = await ticket();
    const badTarget = await post(supervisor, '/api/tickets/bulk/assign', { items: [{ id: a.id, version: a.version }], toUserId: randomUUID(), reason: '调整' });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().code).toBe('TRANSFER_TARGET_INVALID');
    const tooMany = await post(supervisor, '/api/tickets/bulk/assign', {
      items: Array.from({ length: 51 }, () => ({ id: randomUUID(), version: 1 })),
      toUserId: userId(agent02),
      reason: '调整',
    });
    expect(tooMany.statusCode).toBe(400);
    const agent = await post(agent01, '/api/tickets/bulk/assign', { items: [{ id: a.id, version: a.version }], toUserId: userId(agent02), reason: '调整' });
    expect(agent.statusCode).toBe(403);
    expect(await detail(a.id)).toMatchObject({ ownerName: '王晓敏', version: a.version });
  });
});
