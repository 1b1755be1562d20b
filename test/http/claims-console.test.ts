/**
 * What the claims console reads beyond the claims API (issue 18 point 9): the buttons a claim's page
 * may show (`can`, asked of the same rules the requests are), a ticket's claims, and the claims
 * policy read with its sources and saved by admins as a new version — each refusal a 4xx with its
 * code and nothing changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLAIMS_POLICY } from '../../src/domain/claims/index.js';
import { claimTicket, parcel, smallPng, uploadTo } from '../support/claims.js';
import { digestDatabase } from '../support/digest.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let dir: string;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let admin: Session;
let ops: Session;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pd-claims-console-'));
  t = await createTestApp({ config: { attachmentsDir: dir } });
  [agent, agent2, supervisor, admin, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('admin'), t.signIn('ops01')]);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: s.headers(headers), ...(payload === undefined ? {} : { payload: payload as object }) });

async function detail(id: string, s: Session) {
  const res = await send(s, 'GET', `/api/claims/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function refused(request: () => Promise<{ statusCode: number; body: string; json(): unknown }>, status: number, code: string) {
  const before = await digestDatabase(t.database, ['sessions']);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { code: string }).code).toBe(code);
  expect(await digestDatabase(t.database, ['sessions'])).toEqual(before);
}

describe('the claims policy before any claim', () => {
  // Runs first: no claim has stored the defaults as version 1 yet. Found by the fuzz test.
  it('a refused change stores nothing, not even the default version', async () => {
    expect(await t.database.db.selectFrom('claims_policies').select('version').execute()).toEqual([]);
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules: { evidence: 'none' }, baseVersion: 1, note: '坏规则' }), 400, 'POLICY_INVALID');
    const rules = structuredClone(DEFAULT_CLAIMS_POLICY.rules) as unknown as Record<string, { value: number }>;
    rules.uninsuredCapMultiple!.value = 8;
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules, baseVersion: 2, note: '调高' }), 409, 'CONFLICT_STALE_VERSION');
  });
});

describe('the buttons a claim’s page shows', () => {
  it('follow the claim from opening to settlement: the opener never decides, the supervisor decides what needs a supervisor, settling only once approved', async () => {
    // A 月结 customer's insured parcel: 800 yuan claimed of 1,000 insured → 800 yuan proposed, a supervisor's decision.
    const waybillNo = await parcel(t, { insured: true, declared_value_fen: 100_000, payment_term: 'monthly', monthly_account: 'YJ-0451' });
    const ticketId = await claimTicket(t, agent, waybillNo);
    const opened = await send(agent, 'POST', `/api/tickets/${ticketId}/claims`, { waybillNo, type: 'damage', claimantSide: 'sender', claimedFen: 80_000, description: '外箱压扁，茶具碎裂' });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as string;

    let claim = await detail(id, agent);
    expect(claim.state).toBe('opened');
    expect(claim.can).toEqual(['attach_evidence', 'review_evidence', 'override', 'request_evidence']);
    expect((await detail(id, supervisor)).can).toEqual(['attach_evidence', 'review_evidence', 'override', 'request_evidence', 'responsibility']);

    for (const item of ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']) {
      const attachmentId = await uploadTo(t, agent, ticketId, { filename: `${item}.png`, type: 'image/png', data: smallPng() });
      const attached = await send(agent, 'POST', `/api/claims/${id}/evidence`, { item, attachmentId });
      expect(attached.statusCode, attached.body).toBe(201);
      expect((await send(agent, 'POST', `/api/claims/${id}/evidence/${attached.json().id}/review`, { review: 'accepted' })).statusCode).toBe(200);
    }
    claim = await detail(id, agent);
    expect(claim.state).toBe('proposed');
    expect(claim.requiredLevel).toBe('supervisor');
    // the opener: no decision; another agent: below the level; the supervisor: both decisions
    expect(claim.can).not.toContain('approve');
    expect((await detail(id, agent2)).can).not.toContain('approve');
    expect((await detail(id, supervisor)).can).toEqual(expect.arrayContaining(['approve', 'reject']));
    // what the page shows is what the server does: the agent's approval is refused
    expect((await send(agent2, 'POST', `/api/claims/${id}/approve`, { version: claim.version })).json().code).toBe('APPROVAL_LEVEL_TOO_LOW');

    const approved = await send(supervisor, 'POST', `/api/claims/${id}/approve`, { version: claim.version });
    expect(approved.statusCode, approved.body).toBe(200);
    claim = await detail(id, agent);
    expect(claim.can).toEqual(['settle']);
    const settled = await send(agent, 'POST', `/api/claims/${id}/settlement`, {}, { 'idempotency-key': `settle-${id}` });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json().entries[0]).toMatchObject({ kind: 'credit_note', amountFen: 80_000 });
    expect((await detail(id, agent)).can).toEqual([]);
    // the supervisor may reverse the credit note and, once a station is named, charge it back
    const forSupervisor = await detail(id, supervisor);
    expect(forSupervisor.can).toEqual(['reverse', 'responsibility']);
    const named = await send(supervisor, 'POST', `/api/claims/${id}/responsibility`, { station: forSupervisor.responsibility.proposedStation, reason: '破损扫描网点', version: forSupervisor.version });
    expect(named.statusCode, named.body).toBe(200);
    expect((await detail(id, supervisor)).can).toEqual(['reverse', 'responsibility', 'chargeback']);
    // department staff never read it
    expect((await send(ops, 'GET', `/api/claims/${id}`)).statusCode).toBe(403);
  });
});

describe('a ticket’s claims', () => {
  it('lists the claims opened from the ticket, for whoever reads the ticket', async () => {
    const waybillNo = await parcel(t, { freight_fen: 2_000, promised_at: new Date(Date.now() - 5 * 86_400_000) });
    const ticketId = await claimTicket(t, agent, waybillNo);
    expect((await send(agent, 'GET', `/api/tickets/${ticketId}/claims`)).json()).toEqual([]);
    const opened = await send(agent, 'POST', `/api/tickets/${ticketId}/claims`, { waybillNo, type: 'delay', claimantSide: 'recipient', claimedFen: 5_000, description: '晚到三天' });
    expect(opened.statusCode, opened.body).toBe(201);
    const list = (await send(agent2, 'GET', `/api/tickets/${ticketId}/claims`)).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: opened.json().id, waybillNo, type: 'delay', state: 'proposed', claimedFen: 5_000, proposedFen: 2_000 });
    // the claimant as the parcel names them, masked — on the ticket, in the claims list and on the claim
    expect(list[0]).toMatchObject({ claimantSide: 'recipient', claimant: '赵*' });
    expect((await send(agent, 'GET', `/api/claims?waybill=${waybillNo}`)).json()[0]).toMatchObject({ claimantSide: 'recipient', claimant: '赵*' });
    expect(await detail(opened.json().id, agent)).toMatchObject({ claimantSide: 'recipient', claimant: '赵*' });
    expect((await send(agent, 'GET', `/api/tickets/00000000-0000-4000-8000-000000000000/claims`)).statusCode).toBe(404);
    expect((await send(ops, 'GET', `/api/tickets/${ticketId}/claims`)).statusCode).toBe(403);
  });
});

describe('the claims policy', () => {
  it('is read with the source of every rule; an admin’s change is a new version whose changed rules say so, and new claims are proposed under it', async () => {
    const read = await send(agent, 'GET', '/api/claims-policy');
    expect(read.statusCode, read.body).toBe(200);
    const { current } = read.json();
    expect(current.version).toBeGreaterThanOrEqual(1);
    expect(current.rules.uninsuredCapMultiple).toMatchObject({ value: 7, unit: 'times' });
    expect(current.rules.uninsuredCapMultiple.source).not.toBe('');
    expect(current.rules.evidence.damage.map((e: { item: string }) => e.item)).toContain('item_photo');

    const rules = structuredClone(current.rules);
    rules.uninsuredCapMultiple.value = 8;
    rules.evidence.loss.push({ item: 'outer_packaging_photo', need: 'optional', source: '' });
    const saved = await send(admin, 'PUT', '/api/claims-policy', { rules, baseVersion: current.version, note: '2027 年服务承诺调整' });
    expect(saved.statusCode, saved.body).toBe(200);
    const v2 = saved.json();
    expect(v2.version).toBe(current.version + 1);
    expect(v2.rules.uninsuredCapMultiple.value).toBe(8);
    expect(v2.rules.uninsuredCapMultiple.source).toContain(`v${v2.version}：7 → 8（2027 年服务承诺调整）`);
    expect(v2.rules.evidence.loss.at(-1).source).toBe(`v${v2.version}：2027 年服务承诺调整`);
    const history = (await send(admin, 'GET', '/api/claims-policy')).json();
    expect(history.current.version).toBe(v2.version);
    expect(history.history.map((h: { version: number }) => h.version)).toEqual([v2.version, current.version]);

    // an uninsured claim opened now is capped at 8× freight (1,500 fen × 8 = 12,000)
    const waybillNo = await parcel(t, { declared_value_fen: 50_000 });
    const ticketId = await claimTicket(t, agent, waybillNo);
    const opened = await send(agent, 'POST', `/api/tickets/${ticketId}/claims`, { waybillNo, type: 'loss', claimantSide: 'sender', claimedFen: 50_000, description: '整件丢失' });
    expect(opened.statusCode, opened.body).toBe(201);
    const claim = await detail(opened.json().id, agent);
    expect(claim.policyVersion).toBe(v2.version);
    expect(claim.proposal.lines.find((l: { code: string }) => l.code === 'UNINSURED_CAP').detail).toMatchObject({ multiple: 8, capFen: 12_000 });
  });

  it('refuses, changing nothing: a desk user, a stale version, a rule out of range, a tier order reversed, nothing changed', async () => {
    const { current } = (await send(admin, 'GET', '/api/claims-policy')).json();
    const rules = structuredClone(current.rules);
    rules.uninsuredCapMultiple.value = current.rules.uninsuredCapMultiple.value + 1;
    await refused(() => send(agent, 'PUT', '/api/claims-policy', { rules, baseVersion: current.version, note: '调高' }), 403, 'FORBIDDEN');
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules, baseVersion: current.version - 1, note: '调高' }), 409, 'CONFLICT_STALE_VERSION');
    const tooLong = structuredClone(current.rules);
    tooLong.payAfterApproval.value = 10; // the printed promise is 7 days: it may only be tightened
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules: tooLong, baseVersion: current.version, note: '放宽' }), 400, 'POLICY_INVALID');
    const reversed = structuredClone(current.rules);
    reversed.agentApprovalMaxFen.value = 600_000;
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules: reversed, baseVersion: current.version, note: '放权' }), 400, 'POLICY_INVALID');
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules: current.rules, baseVersion: current.version, note: '原样' }), 400, 'POLICY_INVALID');
    await refused(() => send(admin, 'PUT', '/api/claims-policy', { rules: { evidence: 'none' }, baseVersion: current.version, note: '坏规则' }), 400, 'POLICY_INVALID');
    expect(DEFAULT_CLAIMS_POLICY.rules.uninsuredCapMultiple.value).toBe(7);
  });
});
