/**
 * Migration 2026-12-07T1500 keeps existing tickets' customers (issue 17 §1): a ticket or contact
 * that carries a phone but no customer is linked to the record of that phone, or to one made for
 * it; tickets already linked stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTicketsAndContacts } from '../../src/db/migrations/2026-12-07T1500_customer_records.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  agent = await t.signIn('agent01');
});
afterAll(() => t.close());

describe('linking the tickets and contacts of before', () => {
  it('links each to the customer of its phone, creating one where none exists, and leaves linked tickets alone', async () => {
    const db = t.database.db;
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: agent.headers(),
      payload: { kind: 'query', channel: 'phone', subject: '查件', customerName: '郑一', customerPhone: '13011112222' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const linked = await db.selectFrom('tickets').select(['id', 'customer_id']).where('id', '=', opened.json().id).executeTakeFirstOrThrow();
    // As tickets and contacts could be stored before: a phone and a name, no customer.
    const orphan = await db
      .insertInto('tickets')
      .values({ kind: 'query', subject: '旧工单', channel: 'phone', customer_name: '郑一', customer_phone: '13011112222' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stranger = await db
      .insertInto('tickets')
      .values({ kind: 'complaint', subject: '旧投诉', channel: 'phone', customer_name: '冯二', customer_phone: '13033334444' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('contacts').values({ channel: 'phone', question: '旧来电', customer_phone: '13033334444' }).execute();
    await db.insertInto('contacts').values({ channel: 'web', question: '无电话', customer_phone: null }).execute();

    await linkTicketsAndContacts(db);

    const customerOf = async (id: string) => (await db.selectFrom('tickets').select('customer_id').where('id', '=', id).executeTakeFirstOrThrow()).customer_id;
    expect(await customerOf(linked.id)).toBe(linked.customer_id);
    expect(await customerOf(orphan.id)).toBe(linked.customer_id);
    const made = await db.selectFrom('customers').select(['id', 'name']).where('phone', '=', '13033334444').executeTakeFirstOrThrow();
    expect(made.name).toBe('冯二');
    expect(await customerOf(stranger.id)).toBe(made.id);
    expect((await db.selectFrom('contacts').select('customer_id').where('question', '=', '旧来电').executeTakeFirstOrThrow()).customer_id).toBe(made.id);
    expect((await db.selectFrom('contacts').select('customer_id').where('question', '=', '无电话').executeTakeFirstOrThrow()).customer_id).toBeNull();
    // Run again: nothing more to do.
    const before = await db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await linkTicketsAndContacts(db);
    expect(await db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });
});
