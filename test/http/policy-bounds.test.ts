/**
 * A policy is proven usable before it is stored (issue 14, defect 4): an SLA target of 1e10
 * minutes was saved with 200 and every ticket creation then failed with 500. Each policy field has
 * sane bounds (the largest value in range is taken, one more is refused with 400) and ticket
 * creation still works after every refusal and every accepted boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let manager: Session;
let agent: Session;

beforeAll(async () => {
  t = await createTestApp();
  [manager, agent] = await Promise.all([t.signIn('manager01'), t.signIn('agent01')]);
});
afterAll(() => t.close());

const DAY = 24 * 60;

async function slaPolicy() {
  const view = (await t.app.inject({ method: 'GET', url: '/api/admin/sla-policy', headers: manager.headers() })).json();
  return { policy: view.policy as { rules: { kind: string; priority?: string; tier?: string; firstResponse: Record<string, unknown> | null; resolution: Record<string, unknown> | null }[]; callbackAfterResolutionMinutes: number; departmentReply: Record<string, unknown> }, version: view.version as number };
}

/** The SLA policy with the query rule's first-response target (or another field) changed, as JSON text. */
async function saveSla(change: (policy: Awaited<ReturnType<typeof slaPolicy>>['policy']) => void, raw?: (text: string) => string) {
  const { policy, version } = await slaPolicy();
  change(policy);
  let payload = JSON.stringify({ policy, baseVersion: version, note: '调整时限' });
  if (raw) payload = raw(payload);
  return t.app.inject({ method: 'PUT', url: '/api/admin/sla-policy', headers: { ...manager.headers(), 'content-type': 'application/json' }, payload });
}

const queryRule = (policy: Awaited<ReturnType<typeof slaPolicy>>['policy']) => policy.rules.find((r) => r.kind === 'query' && !r.priority && !r.tier)!;

async function ticketCreationWorks() {
  const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: agent.headers(), payload: { kind: 'query', channel: 'phone', subject: '查件' } });
  expect(res.statusCode, res.body).toBe(201);
}

describe('SLA policy', () => {
  it.each([
    { case: 'the issue’s 1e10 minutes', set: 'MARK', raw: '1e10', status: 400 },
    { case: '2,000,000,000 minutes (fits the column, 3,800 years)', set: 2_000_000_000, status: 400 },
    { case: '2,000,000,000 business minutes', set: 2_000_000_000, basis: 'business', status: 400 },
    { case: 'a target of 90 days and one minute', set: 90 * DAY + 1, status: 400 },
    { case: 'zero minutes', set: 0, status: 400 },
  ])('$case is refused, and tickets can still be opened', async (c) => {
    const before = await slaPolicy();
    const res = await saveSla(
      (policy) => {
        const target = queryRule(policy).firstResponse!;
        target.minutes = c.set === 'MARK' ? 424242 : c.set;
        if (c.basis) target.basis = c.basis;
      },
      c.raw ? (text) => text.replace('424242', c.raw) : undefined,
    );
    expect(res.statusCode, res.body).toBe(c.status);
    expect(['POLICY_INVALID', 'VALIDATION_FAILED']).toContain(res.json().code);
    expect((await slaPolicy()).version).toBe(before.version);
    await ticketCreationWorks();
  });

  it.each([
    { case: 'the callback 30 days and one minute after resolution', change: (p: Awaited<ReturnType<typeof slaPolicy>>['policy']) => (p.callbackAfterResolutionMinutes = 30 * DAY + 1) },
    { case: 'a department reply of 90 days and one minute', change: (p: Awaited<ReturnType<typeof slaPolicy>>['policy']) => (p.departmentReply.minutes = 90 * DAY + 1) },
  ])('$case is refused with POLICY_INVALID', async (c) => {
    const res = await saveSla(c.change);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('POLICY_INVALID');
  });

  it('the largest values in range are taken, and tickets are opened under them', async () => {
    const res = await saveSla((policy) => {
      Object.assign(queryRule(policy).firstResponse!, { minutes: 90 * DAY, basis: 'business' });
      Object.assign(queryRule(policy).resolution!, { minutes: 90 * DAY, basis: 'calendar' });
      policy.callbackAfterResolutionMinutes = 30 * DAY;
      policy.departmentReply.minutes = 90 * DAY;
    });
    expect(res.statusCode, res.body).toBe(200);
    await ticketCreationWorks();
  });
});

describe('time-limit policy', () => {
  async function change(rules: Record<string, { value: number }>) {
    const version = (await t.app.inject({ method: 'GET', url: '/api/time-limit-policy', headers: manager.headers() })).json().current.version;
    return t.app.inject({ method: 'POST', url: '/api/time-limit-policy', headers: manager.headers(), payload: { rules, note: '调整时效', baseVersion: version } });
  }

  it.each([
    { rule: 'promiseSameCity', value: 721 },
    { rule: 'promiseHmt', value: 61 },
    { rule: 'completeDelayInternational', value: 91 },
    { rule: 'eventRetention', value: 3651 },
    { rule: 'promiseInterProvince', value: 2_000_000_000 },
  ])('$rule = $value is refused', async ({ rule, value }) => {
    const res = await change({ [rule]: { value } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('POLICY_INVALID');
  });

  it('the largest values in range are taken', async () => {
    const res = await change({ promiseSameCity: { value: 720 }, promiseHmt: { value: 60 }, completeDelayInternational: { value: 90 }, eventRetention: { value: 3650 } });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('calendar', () => {
  it.each(['0001-01-01', '9999-12-31', '1999-12-31', '2101-01-01'])('a special day on %s is refused', async (date) => {
    const res = await t.app.inject({ method: 'PUT', url: `/api/admin/calendar/days/${date}`, headers: manager.headers(), payload: { kind: 'holiday', name: '假日' } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('CALENDAR_INVALID');
  });

  it.each(['2000-01-03', '2100-12-31'])('a special day on %s is taken', async (date) => {
    const res = await t.app.inject({ method: 'PUT', url: `/api/admin/calendar/days/${date}`, headers: manager.headers(), payload: { kind: 'holiday', name: '假日' } });
    expect(res.statusCode, res.body).toBe(200);
    await ticketCreationWorks();
  });
});
