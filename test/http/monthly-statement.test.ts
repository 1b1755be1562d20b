/**
 * A monthly account's statement (月结对账单, docs/product.md §5; issue 18 §6) through the HTTP API
 * on a real database: a 月结 claim settled as a credit note (冲账) shows on the statement of the
 * customer's monthly account with its claim, waybill, amount and date; its reversal is its own line
 * and the month's total nets to zero. Who may read it follows the customer record's rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTicket, parcel, smallPng, uploadTo } from '../support/claims.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let dir: string;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let ops: Session;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pd-statement-'));
  t = await createTestApp({ config: { attachmentsDir: dir } });
  [agent, agent2, supervisor, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('ops01')]);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: s.headers(headers), ...(payload === undefined ? {} : { payload: payload as object }) });
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());

/** An enterprise customer with one monthly account. */
async function monthlyCustomer(name: string, accountNo: string) {
  const created = await send(supervisor, 'POST', '/api/customers', { kind: 'enterprise', name });
  expect(created.statusCode, created.body).toBe(201);
  const { id, version } = created.json() as { id: string; version: number };
  const account = await send(supervisor, 'POST', `/api/customers/${id}/monthly-accounts`, { version, accountNo });
  expect(account.statusCode, account.body).toBe(200);
  return id;
}

/** A 月结 parcel's damage claim, evidence accepted and approved: what settlement turns into a credit note. */
async function approvedMonthlyClaim(accountNo: string) {
  const waybillNo = await parcel(t, { payment_term: 'monthly', monthly_account: accountNo });
  const ticketId = await claimTicket(t, agent, waybillNo);
  const opened = await send(agent, 'POST', `/api/tickets/${ticketId}/claims`, { waybillNo, type: 'damage', claimedFen: 30_000, claimantSide: 'sender', description: '外箱破损' });
  expect(opened.statusCode, opened.body).toBe(201);
  const id = opened.json().id as string;
  for (const item of ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']) {
    const attachmentId = await uploadTo(t, agent, ticketId, { filename: `${item}.png`, type: 'image/png', data: smallPng() });
    const attached = await send(agent, 'POST', `/api/claims/${id}/evidence`, { item, attachmentId });
    await send(agent, 'POST', `/api/claims/${id}/evidence/${attached.json().id}/review`, { review: 'accepted' });
  }
  const claim = (await send(agent, 'GET', `/api/claims/${id}`)).json();
  const approved = await send(agent2, 'POST', `/api/claims/${id}/approve`, { version: claim.version });
  expect(approved.statusCode, approved.body).toBe(200);
  return { id, waybillNo };
}

const statement = (s: Session, customerId: string, accountNo: string, month = thisMonth()) =>
  send(s, 'GET', `/api/customers/${customerId}/monthly-accounts/${encodeURIComponent(accountNo)}/statement?month=${month}`);

describe('a monthly account’s statement', () => {
  it('a settled 月结 claim’s credit note shows with its claim, waybill, amount and date; its reversal is its own line and the total nets to zero', async () => {
    const customerId = await monthlyCustomer('杭州月结贸易有限公司', 'ST-1001');
    let res = await statement(agent, customerId, 'ST-1001');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accountNo: 'ST-1001', month: thisMonth(), lines: [], totalCreditFen: 0 });

    const { id, waybillNo } = await approvedMonthlyClaim('ST-1001');
    const settled = await send(agent, 'POST', `/api/claims/${id}/settlement`, {}, { 'idempotency-key': `st-${id}` });
    expect(settled.statusCode, settled.body).toBe(200);
    const note = settled.json().entries[0];
    expect(note.kind).toBe('credit_note');

    res = await statement(agent, customerId, 'ST-1001');
    expect(res.statusCode, res.body).toBe(200);
    // uninsured 月结: 9× the freight of 15 yuan, plus the freight refunded
    expect(res.json().lines).toEqual([
      { entryId: note.id, kind: 'credit_note', claimId: id, waybillNo, claimType: 'damage', creditFen: 15_000, reference: note.reference, at: note.createdAt, reversesEntryId: null },
    ]);
    expect(res.json().totalCreditFen).toBe(15_000);

    const reversed = await send(supervisor, 'POST', `/api/claims/${id}/reversals`, { entryId: note.id, reason: '冲账有误，重新核对' }, { 'idempotency-key': `st-rev-${id}` });
    expect(reversed.statusCode, reversed.body).toBe(200);
    res = await statement(supervisor, customerId, 'ST-1001');
    const lines = res.json().lines as { kind: string; creditFen: number; reversesEntryId: string | null; claimId: string }[];
    expect(lines.map((l) => [l.kind, l.creditFen, l.claimId])).toEqual([
      ['credit_note', 15_000, id],
      ['reversal', -15_000, id],
    ]);
    expect(lines[1]!.reversesEntryId).toBe(note.id);
    expect(res.json().totalCreditFen).toBe(0);

    // Another month has nothing; another account of another customer shows none of it.
    expect((await statement(agent, customerId, 'ST-1001', '2020-01')).json()).toMatchObject({ lines: [], totalCreditFen: 0 });
    const other = await monthlyCustomer('宁波另一家贸易有限公司', 'ST-2002');
    expect((await statement(agent, other, 'ST-2002')).json().lines).toEqual([]);
  });

  it('refuses an account that is not the customer’s, a bad month, an unknown customer and department staff', async () => {
    const customerId = await monthlyCustomer('温州拒绝测试有限公司', 'ST-3003');
    const other = await monthlyCustomer('台州别家有限公司', 'ST-4004');
    const notFound = await statement(agent, customerId, 'ST-4004');
    expect([notFound.statusCode, notFound.json().code]).toEqual([404, 'MONTHLY_ACCOUNT_NOT_FOUND']);
    expect((await statement(agent, other, 'ST-4004')).statusCode).toBe(200);
    expect((await statement(agent, customerId, 'ST-3003', '2026-13')).statusCode).toBe(400);
    const unknown = await statement(agent, '00000000-0000-4000-8000-000000000000', 'ST-3003');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    expect((await statement(ops, customerId, 'ST-3003')).statusCode).toBe(403);
  });
});
