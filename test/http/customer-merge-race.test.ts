/**
 * A merge meeting the planning job (issue 17): while the merge moves the duplicate's open planned
 * callback, the job inserts the kept customer's own open callback. The unique index (one open
 * callback per customer) refuses one of them; the merge runs again, finds the twin and leaves the
 * duplicate's callback behind — 200, never a 5xx. Needs two connections: PostgreSQL only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDatabaseKind, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let supervisor: Session;
beforeAll(async () => {
  t = await createTestApp();
  supervisor = await t.signIn('supervisor01');
});
afterAll(() => t.close());

const create = async (name: string, phone: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: supervisor.headers(), payload: { kind: 'individual', name, phone } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

describe.skipIf(testDatabaseKind() === 'pglite')('a merge and the planning job at the same moment', () => {
  it('moves nothing twice and answers 200 when the kept customer gets its open callback mid-merge', async () => {
    const db = t.database.db;
    const keeper = await create('孙七', '13700007777');
    const dup = await create('孙七', '13700007778');
    const due = { due_date: '2026-12-20', due_at: new Date('2026-12-20T02:00:00Z'), cadence: 'monthly' as const };
    await db.insertInto('account_callbacks').values({ customer_id: dup.id, ...due }).execute();

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const twinWritten = new Promise<void>((resolve) => (inserted = resolve));
    // The job: the kept customer's open callback, not yet committed while the merge runs.
    const job = db.transaction().execute(async (trx) => {
      await trx.insertInto('account_callbacks').values({ customer_id: keeper.id, ...due }).execute();
      inserted();
      await gate;
    });
    await twinWritten;
    const merge = t.app.inject({
      method: 'POST',
      url: `/api/customers/${keeper.id}/merge`,
      headers: supervisor.headers(),
      payload: { version: keeper.version, otherId: dup.id, otherVersion: dup.version },
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the merge waits on the index entry
    release();
    await job;
    const res = await merge;
    expect(res.statusCode, res.body).toBe(200);
    const open = await db.selectFrom('account_callbacks').select(['customer_id']).where('status', '=', 'open').where('customer_id', 'in', [keeper.id, dup.id]).execute();
    expect(open.map((r) => r.customer_id).sort()).toEqual([keeper.id, dup.id].sort()); // the twin stays behind
  });
});
