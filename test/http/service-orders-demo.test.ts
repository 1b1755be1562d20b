/**
 * The demo after-sales desk (src/demo/service-orders.ts) as a newcomer first sees it: three work
 * centers, notifications of both types at different points of their flow, ops01 seeing the
 * notifications of its own work centers — seeded in a few seconds at most.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoServiceOrders } from '../../src/demo/service-orders.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let ops: Session;
let seconds = 0;

beforeAll(async () => {
  t = await createTestApp();
  const started = Date.now();
  await seedDemoServiceOrders(t.database.db, t.app.reference, 'Asia/Shanghai', new Date('2026-03-03T02:00:00Z'));
  seconds = (Date.now() - started) / 1000;
  [agent, ops] = await Promise.all([t.signIn('agent01'), t.signIn('ops01')]);
});
afterAll(() => t?.close());

describe('the demo after-sales desk', () => {
  it('has work centers and notifications of both types along their flows', async () => {
    const centers = (await t.app.inject({ method: 'GET', url: '/api/service-orders/work-centers', headers: agent.headers() })).json();
    expect(centers.map((c: { code: string }) => c.code)).toEqual(['F011', 'S4002', 'S4003']);
    expect(centers.find((c: { code: string }) => c.code === 'S4002').staff.map((s: { name: string }) => s.name)).toEqual(['张伟']);
    const list = (await t.app.inject({ method: 'GET', url: '/api/service-orders?pageSize=100', headers: agent.headers() })).json();
    const seen = list.items.map((i: { type: string; userStatus: { code: string }; systemStatus: { code: string } }) => `${i.type} ${i.userStatus.code} ${i.systemStatus.code}`).sort();
    expect(seen).toEqual(['Z1 TZJL in_process', 'Z1 TZJL outstanding', 'Z1 ZGPZ in_process', 'Z2 DDKH in_process', 'Z2 THCS completed']);
    // Visits are booked inside working hours (Beijing time), not at the instant the demo started (10:00 here).
    const hours = list.items.map((i: { requiredStart: string }) => (new Date(i.requiredStart).getUTCHours() + 8) % 24);
    for (const hour of hours) {
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThanOrEqual(17);
    }
  });

  it('lets ops01 see its work centers’ notifications', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/service-orders?pageSize=100', headers: ops.headers() })).json();
    expect(list.total).toBe(5);
  });

  it('seeds quickly', () => {
    expect(seconds).toBeLessThan(10);
  });
});
