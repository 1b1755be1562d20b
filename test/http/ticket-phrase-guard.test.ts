/**
 * The forbidden-phrase guard on replies (issue 14 §6): access comes first, so a reply to a ticket
 * that does not exist for the caller is 404 whatever it says, and records nothing; a hit is
 * recorded with the reply that was sent, in its transaction, so a reply refused for another
 * reason (409) leaves no "sent" hit; a blocked reply still leaves its record for quality checks.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, admin] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('admin')]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), payload: payload as object });
const RUDE = '这不关我的事,你自己先查清楚!';

async function hits() {
  return t.database.db.selectFrom('phrase_hits').select(['ticket_id', 'blocked']).execute();
}

let serial = 0;
async function openTicket(s: Session, extra: Record<string, unknown> = {}) {
  serial += 1;
  const res = await post(s, '/api/tickets', {
    kind: 'complaint',
    channel: 'web',
    subject: `快件破损 ${serial}`,
    description: '客户反映外包装破损',
    customerPhone: `1370000${String(serial).padStart(4, '0')}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function setMode(mode: 'block' | 'warn') {
  const res = await t.app.inject({ method: 'PUT', url: '/api/admin/phrase-guard', headers: admin.headers(), payload: { mode } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('access before the phrase guard', () => {
  it('a reply or a resolve with a forbidden phrase to a ticket that does not exist is 404 and records nothing', async () => {
    const before = await hits();
    for (const [path, body] of [
      ['replies', { body: RUDE, visibility: 'public', version: 1 }],
      ['resolve', { reply: RUDE, causeCode: 'courier', version: 1 }],
    ] as const) {
      const res = await post(agent, `/api/tickets/${randomUUID()}/${path}`, body);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('TICKET_NOT_FOUND');
    }
    expect(await hits()).toEqual(before);
  });

  it('to another team’s confidential ticket it is 404, as for any other reply, and records nothing', async () => {
    const secret = await openTicket(agent2, { confidential: true });
    const before = await hits();
    const res = await post(agent, `/api/tickets/${secret.id}/replies`, { body: RUDE, visibility: 'public', version: secret.version });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().code).toBe('TICKET_NOT_FOUND');
    expect(await hits()).toEqual(before);
  });

  it('a reader who may not reply is refused (403) before the guard, and nothing is recorded', async () => {
    const ticket = await openTicket(agent);
    const before = await hits();
    const res = await post(agent2, `/api/tickets/${ticket.id}/replies`, { body: RUDE, visibility: 'public', version: ticket.version });
    expect(res.statusCode, res.body).toBe(403);
    expect(await hits()).toEqual(before);
  });
});

describe('hits are recorded with what happened to the reply', () => {
  it('a blocked reply leaves its record as blocked', async () => {
    const ticket = await openTicket(agent);
    const res = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: RUDE, visibility: 'public', version: ticket.version });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('PHRASE_FORBIDDEN');
    const recorded = (await hits()).filter((h) => h.ticket_id === ticket.id);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((h) => h.blocked)).toBe(true);
  });

  it('in warn mode a confirmed reply refused for a stale version is not recorded as sent; sent again, it is', async () => {
    await setMode('warn');
    try {
      const ticket = await openTicket(agent);
      const stale = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: RUDE, visibility: 'public', version: ticket.version + 5, acknowledgeWarnings: true });
      expect(stale.statusCode, stale.body).toBe(409);
      expect((await hits()).filter((h) => h.ticket_id === ticket.id)).toEqual([]);
      const sent = await post(agent, `/api/tickets/${ticket.id}/replies`, { body: RUDE, visibility: 'public', version: ticket.version, acknowledgeWarnings: true });
      expect(sent.statusCode, sent.body).toBe(200);
      const recorded = (await hits()).filter((h) => h.ticket_id === ticket.id);
      expect(recorded.length).toBeGreaterThan(0);
      expect(recorded.every((h) => !h.blocked)).toBe(true);
    } finally {
      await setMode('block');
    }
  });
});
