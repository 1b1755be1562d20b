/**
 * The claims list read page after page with the keyset cursor (`before`: the last claim's id), as
 * the claims benchmark pages 100 pages deep: each page starts right below the last claim read, in
 * the list's own order, so nothing is skipped or shown twice (docs/architecture.md, claims); and
 * the approval inbox the same way, oldest first (`after`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTicket, parcel } from '../support/claims.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let supervisor: Session;
beforeAll(async () => {
  t = await createTestApp();
  agent = await t.signIn('agent01');
  supervisor = await t.signIn('supervisor01');
});
afterAll(() => t.close());

const get = async (url: string, as: Session = agent) => {
  const res = await t.app.inject({ method: 'GET', url, headers: as.headers() });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }[]).map((c) => c.id);
};

describe('the claims list by keyset', () => {
  it('pages through every claim once, newest first, and an unknown cursor gives an empty page', async () => {
    const opened: string[] = [];
    for (let i = 0; i < 5; i++) {
      const waybillNo = await parcel(t, { promised_at: new Date(Date.now() - 5 * 86_400_000) });
      const ticketId = await claimTicket(t, agent, waybillNo);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/tickets/${ticketId}/claims`,
        headers: agent.headers(),
        payload: { waybillNo, type: 'delay', claimedFen: 1_000 + i, claimantSide: 'sender', description: '延误' },
      });
      expect(res.statusCode, res.body).toBe(201);
      opened.push(res.json().id);
    }
    const all = await get('/api/claims?pageSize=100');
    const newestFirst = all.filter((id) => opened.includes(id));
    expect(newestFirst).toEqual([...opened].reverse());

    const seen: string[] = [];
    let page = await get('/api/claims?pageSize=2');
    while (page.length > 0) {
      seen.push(...page);
      page = await get(`/api/claims?pageSize=2&before=${page.at(-1)}`);
    }
    expect(seen).toEqual(all);
    expect(await get('/api/claims?pageSize=2&before=00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/claims?before=not-an-id', headers: agent.headers() })).statusCode).toBe(400);
  });

  it('the approval inbox pages oldest first through every waiting claim once, a page at a time', async () => {
    const inbox = await get('/api/claims/inbox?pageSize=200', supervisor);
    expect(inbox.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    let page = await get('/api/claims/inbox?pageSize=2', supervisor);
    while (page.length > 0) {
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page);
      page = await get(`/api/claims/inbox?pageSize=2&after=${page.at(-1)}`, supervisor);
    }
    expect(seen).toEqual(inbox);
    expect(await get('/api/claims/inbox', supervisor)).toEqual(inbox.slice(0, 50));
    // the agent who opened them finds none of them waiting for them
    expect((await get('/api/claims/inbox', agent)).filter((id) => inbox.includes(id))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/claims/inbox?pageSize=201', headers: supervisor.headers() })).statusCode).toBe(400);
  });
});
