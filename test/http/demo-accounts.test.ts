/**
 * The demo's key accounts (src/demo/accounts.ts): kam01 signs in to a desk with enterprise
 * accounts whose credit codes are valid, shipments behind their health, a planned callback due this
 * week and one overdue on the supervisors' board — written in well under the first start's budget.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/demo/accounts.js';
import { checkCreditCode } from '../../src/domain/customers/credit-code.js';
import { createTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let ms = 0;
let seeded: { customers: number; shipments: number };
beforeAll(async () => {
  t = await createTestApp();
  const began = performance.now();
  seeded = await seedDemoAccounts(t.database.db, t.app.reference);
  ms = performance.now() - began;
});
afterAll(() => t.close());

it('kam01 has key accounts with health, a callback due this week and one overdue', async () => {
  console.log(`demo key accounts: ${seeded.customers} customers, ${seeded.shipments} shipments in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(5000);
  const kam = await t.signIn('kam01');
  await t.app.inject({ method: 'GET', url: '/api/account-desk/accounts', headers: kam.headers() });
  const asked = performance.now();
  const accounts = (await t.app.inject({ method: 'GET', url: '/api/account-desk/accounts', headers: kam.headers() })).json().items;
  console.log(`my accounts (5 accounts, 600 shipments): ${(performance.now() - asked).toFixed(1)} ms`);
  const key = accounts.filter((a: { tier: string }) => a.tier === 'key');
  expect(key.length).toBeGreaterThanOrEqual(3);
  expect(key.every((a: { parcels30: number; onTimeRate30: number | null }) => a.parcels30 > 0 && a.onTimeRate30 !== null)).toBe(true);
  expect(accounts[0].daysOverdue).toBeGreaterThan(0); // the overdue one needs attention first
  const due = (await t.app.inject({ method: 'GET', url: '/api/account-callbacks', headers: kam.headers() })).json().items;
  expect(due.some((c: { daysOverdue: number }) => c.daysOverdue === 0)).toBe(true);
  const supervisor = await t.signIn('supervisor01');
  const overdue = (await t.app.inject({ method: 'GET', url: '/api/account-callbacks/overdue', headers: supervisor.headers() })).json().items;
  expect(overdue).toHaveLength(1);
  expect(overdue[0]).toMatchObject({ accountManager: { displayName: '陈静' }, daysOverdue: 4 });
  const codes = await t.database.db.selectFrom('customers').select('credit_code').where('credit_code', 'is not', null).execute();
  expect(codes.length).toBe(6);
  for (const c of codes) expect(checkCreditCode(c.credit_code!).ok, c.credit_code!).toBe(true);
  // One enterprise waits for an account manager in the manager's assign view.
  const manager = await t.signIn('manager01');
  expect((await t.app.inject({ method: 'GET', url: '/api/account-desk/accounts?unassigned=true', headers: manager.headers() })).json().total).toBe(1);
});
