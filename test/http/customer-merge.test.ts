/**
 * The migration that makes a customer's phone unique (issue 14 §12) merges the duplicates it
 * finds: run here on a database given duplicates the way the old creation could make them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { up } from '../../src/db/migrations/2026-12-07T0200_customer_phone_unique.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  agent = await t.signIn('agent01');
});
afterAll(() => t.close());

describe('merging customers with the same phone', () => {
  it('repoints tickets and contacts to the oldest row, keeps the richest data, audits each merge, then refuses a second row', async () => {
    const db = t.database.db;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: agent.headers(),
      payload: { kind: 'query', channel: 'phone', subject: '查件', customerPhone: '13600001111' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticketId = res.json().id as string;
    const keeper = (await db.selectFrom('tickets').select('customer_id').where('id', '=', ticketId).executeTakeFirstOrThrow()).customer_id!;

    // As before the constraint: two more rows for the phone, one with the name and the key tier.
    await sql`alter table customers drop constraint customers_phone_key`.execute(db);
    const later = new Date(Date.now() + 60_000);
    const [named, plain] = await Promise.all([
      db.insertInto('customers').values({ name: '钱九', phone: '13600001111', tier: 'key', created_at: later }).returning('id').executeTakeFirstOrThrow(),
      db.insertInto('customers').values({ name: '1111', phone: '13600001111', created_at: later }).returning('id').executeTakeFirstOrThrow(),
    ]);
    await db.updateTable('tickets').set({ customer_id: named.id }).where('id', '=', ticketId).execute();
    await db.insertInto('contacts').values({ channel: 'phone', question: '又来电', customer_id: plain.id, customer_phone: '13600001111' }).execute();
    const alone = await db.insertInto('customers').values({ name: '无电话', phone: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('customers').values({ name: '无电话', phone: null }).execute();

    await up(db);

    const rows = await db.selectFrom('customers').selectAll().where('phone', '=', '13600001111').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: keeper, name: '钱九', tier: 'key' });
    expect((await db.selectFrom('tickets').select('customer_id').where('id', '=', ticketId).executeTakeFirstOrThrow()).customer_id).toBe(keeper);
    const contacts = await db.selectFrom('contacts').select('customer_id').where('question', '=', '又来电').execute();
    expect(contacts).toEqual([{ customer_id: keeper }]);
    const audited = await db.selectFrom('audit_log').select(['subject_id', 'detail']).where('action', '=', 'customer.merge').execute();
    expect(audited).toEqual([{ subject_id: keeper, detail: expect.objectContaining({ mergedIds: [named.id, plain.id].sort() }) }]);
    // Customers without a phone are not merged.
    expect(await db.selectFrom('customers').select('id').where('name', '=', '无电话').execute()).toHaveLength(2);
    expect(alone.id).toBeTruthy();

    await expect(db.insertInto('customers').values({ name: '重复', phone: '13600001111' }).execute()).rejects.toThrow();
  });
});
