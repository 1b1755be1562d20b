/**
 * The customer view's claims (docs/product.md §5, issue 17 §4): the claims on the customer's
 * tickets and on the shipments linked to the customer, with claimed / approved / settled amounts
 * and totals, and only those whose ticket the reader may read (modules/claims/access.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTicket, parcel } from '../support/claims.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let kam: Session;

beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, kam] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('kam01')]);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST';
const send = (s: Session, method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: s.headers(headers), ...(payload && { payload }) });

async function view(s: Session, id: string) {
  const res = await send(s, 'GET', `/api/customers/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A delay claim on a 月结 parcel of the account (proposed at once: a delay needs no evidence). */
async function delayClaim(account: string, claimedFen: number) {
  const waybillNo = await parcel(t, { payment_term: 'monthly', monthly_account: account, promised_at: new Date(Date.now() - 7 * 86_400_000), delivered_at: new Date(Date.now() - 2 * 86_400_000) });
  const ticketId = await claimTicket(t, agent, waybillNo);
  const res = await send(agent, 'POST', `/api/tickets/${ticketId}/claims`, { claimantSide: 'sender', description: '晚到五天', waybillNo, type: 'delay', claimedFen });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, version: res.json().version as number, waybillNo, ticketId };
}

describe('the claims on the customer view', () => {
  let customerId: string;
  let settled: Awaited<ReturnType<typeof delayClaim>>;
  let secret: Awaited<ReturnType<typeof delayClaim>>;

  beforeAll(async () => {
    const created = await send(kam, 'POST', '/api/customers', { kind: 'enterprise', name: '杭州云杉贸易有限公司', phone: null, monthlyAccounts: ['5710077001'] });
    expect(created.statusCode, created.body).toBe(201);
    customerId = created.json().id;
    settled = await delayClaim('5710077001', 3_000);
    const detail = (await send(agent, 'GET', `/api/claims/${settled.id}`)).json();
    expect(detail.state, JSON.stringify(detail)).toBe('proposed');
    const approved = await send(agent2, 'POST', `/api/claims/${settled.id}/approve`, { version: detail.version });
    expect(approved.statusCode, approved.body).toBe(200);
    const paid = await send(agent, 'POST', `/api/claims/${settled.id}/settlement`, { reference: '5710077001 2026-12 冲账' }, { 'idempotency-key': 'cust-claims-1' });
    expect(paid.statusCode, paid.body).toBe(200);
    secret = await delayClaim('5710077001', 2_000);
    // The second claim's ticket becomes another team's confidential ticket.
    await t.database.db.updateTable('tickets').set({ confidential: true, owner_id: null, team_id: null }).where('id', '=', secret.ticketId).execute();
  });

  it('lists each claim on the customer’s linked shipments with its amounts, and the totals', async () => {
    const v = await view(supervisor, customerId);
    const approvedFen = (await send(supervisor, 'GET', `/api/claims/${settled.id}`)).json().approvedFen as number;
    expect(approvedFen).toBeGreaterThan(0);
    expect(v.claims.items).toEqual([
      { id: secret.id, waybillNo: secret.waybillNo, ticketId: secret.ticketId, type: 'delay', state: 'proposed', claimedFen: 2_000, approvedFen: null, settledFen: 0, openedAt: expect.any(String) },
      { id: settled.id, waybillNo: settled.waybillNo, ticketId: settled.ticketId, type: 'delay', state: 'settled', claimedFen: 3_000, approvedFen, settledFen: approvedFen, openedAt: expect.any(String) },
    ]);
    expect(v.claims).toMatchObject({ available: true, more: false, totals: { count: 2, claimedFen: 5_000, approvedFen, settledFen: approvedFen } });
  });

  it('an agent who may not read a claim’s ticket does not see that claim, nor count it', async () => {
    const v = await view(agent, customerId);
    expect(v.claims.items.map((c: { id: string }) => c.id)).toEqual([settled.id]);
    expect(v.claims.totals).toMatchObject({ count: 1, claimedFen: 3_000 });
    expect(JSON.stringify(v)).not.toContain(secret.id); // its parcel stays in the shipments: the parcel is the customer's, the claim's ticket is not the agent's
  });

  it('a customer without claims has an empty list and zero totals', async () => {
    const other = await send(kam, 'POST', '/api/customers', { kind: 'enterprise', name: '宁波远帆物流有限公司', phone: null, monthlyAccounts: ['5740011002'] });
    expect(other.statusCode, other.body).toBe(201);
    expect((await view(agent, other.json().id)).claims).toEqual({ available: true, items: [], more: false, totals: { count: 0, claimedFen: 0, approvedFen: 0, settledFen: 0 } });
  });
});
