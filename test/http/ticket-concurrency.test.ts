/**
 * One lock order for the tickets module (issue 14 §8, docs/architecture.md): a ticket before its
 * callbacks, clocks and department requests; several tickets in id order. Opposite orders gave
 * deadlocks (40P01) when two people acted at once. Driven on PostgreSQL, where requests run on
 * several connections (PGlite has one, so nothing there can wait for anything).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, testDatabaseKind, type Session, type TestApp } from '../support/harness.js';

const postgres = testDatabaseKind() === 'postgres';

let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  agent = await t.signIn('agent01');
});
afterAll(() => t.close());

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: agent.headers(), payload: payload as object });

let serial = 0;
async function openComplaint() {
  serial += 1;
  const res = await post('/api/tickets', {
    kind: 'complaint',
    channel: 'web',
    subject: `重复投诉 ${serial}`,
    description: '客户多次来电投诉同一件事',
    waybillNos: [`LK${String(serial).padStart(10, '0')}`],
    customerPhone: `1350000${String(serial).padStart(4, '0')}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

/** Deadlocks PostgreSQL has detected in this test's database (its statistics are flushed within a second or so). */
async function deadlocks(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await sql`select pg_stat_clear_snapshot()`.execute(t.database.db);
  const row = await sql<{ n: string }>`select deadlocks::text as n from pg_stat_database where datname = current_database()`.execute(t.database.db);
  return Number(row.rows[0]!.n);
}

/** Each request succeeded or was refused with a 4xx other than "try again": nothing failed for the lock order. */
function settled(responses: { statusCode: number; body: string }[]) {
  for (const res of responses) {
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode !== 200) expect(JSON.parse(res.body).code, res.body).not.toBe('CONFLICT_RETRY');
  }
  return responses.filter((r) => r.statusCode === 200).length;
}

describe.skipIf(!postgres)('two people at once, on PostgreSQL', () => {
  it('merging A into B and B into A at the same time: one merge wins, the other is refused, no deadlock', async () => {
    const before = await deadlocks();
    for (let round = 0; round < 3; round++) {
      const pairs = await Promise.all(Array.from({ length: 8 }, async () => [await openComplaint(), await openComplaint()] as const));
      const results = await Promise.all(
        pairs.map(([a, b]) =>
          Promise.all([
            post(`/api/tickets/${a.id}/merge`, { intoTicketId: b.id, version: a.version }),
            post(`/api/tickets/${b.id}/merge`, { intoTicketId: a.id, version: b.version }),
          ]),
        ),
      );
      for (const pair of results) expect(settled(pair)).toBe(1);
    }
    expect(await deadlocks()).toBe(before);
  });

  it('recording a callback while the ticket is closed: one wins, the other is refused, no deadlock', async () => {
    const before = await deadlocks();
    for (let round = 0; round < 3; round++) {
      const resolved = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const ticket = await openComplaint();
          const res = await post(`/api/tickets/${ticket.id}/resolve`, { causeCode: 'courier', reply: '已为您处理，感谢您的耐心。', version: ticket.version });
          expect(res.statusCode, res.body).toBe(200);
          const callback = await t.database.db.selectFrom('ticket_callbacks').select('id').where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
          return { id: ticket.id, version: res.json().version as number, callbackId: callback.id };
        }),
      );
      const results = await Promise.all(
        resolved.map((r) =>
          Promise.all([
            post(`/api/callbacks/${r.callbackId}/complete`, { outcome: 'satisfied' }),
            post(`/api/tickets/${r.id}/close`, { reason: '客户来电表示无需回访', version: r.version }),
          ]),
        ),
      );
      for (const pair of results) expect(settled(pair)).toBe(1);
    }
    expect(await deadlocks()).toBe(before);
  });
});

describe('one customer per phone (issue 14 §12)', () => {
  it('tickets opened at once for one new phone make one customer, and every ticket names it', async () => {
    const phone = '13788889999';
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        // Each about another parcel: a second contact about the same one would join the first's case.
        post('/api/tickets', { kind: 'query', channel: 'phone', subject: `查件 ${i}`, customerName: '周八', customerPhone: phone, waybillNos: [`CONC${String(i).padStart(8, '0')}`] }),
      ),
    );
    for (const res of results) expect(res.statusCode, res.body).toBe(201);
    const customers = await t.database.db.selectFrom('customers').select('id').where('phone', '=', phone).execute();
    expect(customers).toHaveLength(1);
    const ids = results.map((r) => r.json().id as string);
    const tickets = await t.database.db.selectFrom('tickets').select('customer_id').where('id', 'in', ids).execute();
    expect(new Set(tickets.map((r) => r.customer_id))).toEqual(new Set([customers[0]!.id]));
  });
});
