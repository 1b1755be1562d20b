/**
 * Claims through the HTTP API on a real database (docs/product.md §3; issue 18): opening a claim
 * from a ticket with its facts and explained proposal, evidence attached and reviewed, asking the
 * customer for more, override, approval by level, settlement exactly once (also under ten
 * concurrent requests with one key), reversal, responsibility and chargeback, lists and the
 * approval inbox; and each refusal — a 4xx with its code and nothing changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTicket, parcel, smallPdf, smallPng, uploadTo } from '../support/claims.js';
import { digestDatabase } from '../support/digest.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const DAY = 86_400_000;
let t: TestApp;
let dir: string;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let manager: Session;
let admin: Session;
let ops: Session;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pd-claims-'));
  t = await createTestApp({ config: { attachmentsDir: dir } });
  [agent, agent2, supervisor, manager, admin, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('manager01'), t.signIn('admin'), t.signIn('ops01')]);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: s.headers(headers), ...(payload === undefined ? {} : { payload: payload as object }) });

async function open(s: Session, ticketId: string, body: Record<string, unknown>) {
  return send(s, 'POST', `/api/tickets/${ticketId}/claims`, { claimantSide: 'sender', description: '外箱破损，杯子碎了', ...body });
}

async function detail(id: string, s: Session = agent) {
  const res = await send(s, 'GET', `/api/claims/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A refused request: its status and code, and not one row changed anywhere. */
async function refused(request: () => Promise<{ statusCode: number; body: string; json(): unknown }>, status: number, code: string) {
  const before = await digestDatabase(t.database, ['sessions']);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { code: string }).code).toBe(code);
  expect(await digestDatabase(t.database, ['sessions'])).toEqual(before);
}

/** A damage claim whose three required items are uploaded and accepted: it is proposed. */
async function proposedDamageClaim(opener: Session, claimedFen: number, facts: Parameters<typeof parcel>[1] = {}) {
  const waybillNo = await parcel(t, facts);
  const ticketId = await claimTicket(t, opener, waybillNo);
  const res = await open(opener, ticketId, { waybillNo, type: 'damage', claimedFen });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json() as { id: string };
  for (const item of ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']) {
    const attachmentId = await uploadTo(t, opener, ticketId, { filename: `${item}.png`, type: 'image/png', data: smallPng() });
    const attached = await send(opener, 'POST', `/api/claims/${id}/evidence`, { item, attachmentId });
    expect(attached.statusCode, attached.body).toBe(201);
    const reviewed = await send(opener, 'POST', `/api/claims/${id}/evidence/${attached.json().id}/review`, { review: 'accepted' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
  }
  const claim = await detail(id);
  expect(claim.state).toBe('proposed');
  return { id, ticketId, waybillNo, claim };
}

describe('opening a claim from a ticket', () => {
  it('a delay claim reads the parcel’s facts, is proposed at once with its explained lines and shows on the ticket’s timeline', async () => {
    const waybillNo = await parcel(t, { freight_fen: 2_300, insurance_fee_fen: 300, insured: true, declared_value_fen: 50_000, promised_at: new Date(Date.now() - 5 * DAY) });
    const ticketId = await claimTicket(t, agent, waybillNo);
    const res = await open(agent, ticketId, { waybillNo, type: 'delay', claimedFen: 10_000 });
    expect(res.statusCode, res.body).toBe(201);
    const claim = await detail(res.json().id);
    expect(claim.state).toBe('proposed');
    expect(claim.facts).toMatchObject({ insured: true, declaredValueFen: 50_000, insuranceFeeFen: 300, freightFen: 2_300, paymentTerm: 'sender_pays', pastPromisedTime: true });
    expect(claim.facts.scans).toHaveLength(2);
    expect(claim.proposal.totalFen).toBe(2_300);
    expect(claim.proposal.lines.map((l: { code: string }) => l.code)).toEqual(['DELAY_FREIGHT_WAIVED', 'INSURANCE_FEE_NOT_REFUNDED']);
    expect(claim.proposal.lines[0].source).not.toBe('');
    expect(claim.proposal.lines[0].text).toContain('23.00');
    // a delay: the station where it waited longest (since its last scan, 8 days ago)
    expect(claim.responsibility.proposedStation).toBe('杭州西湖营业部');
    const ticket = await send(agent, 'GET', `/api/tickets/${ticketId}`);
    expect(JSON.stringify(ticket.json())).toContain('claim_opened');
  });

  it('an uninsured damage claim waits for its evidence; a photo item refuses a PDF; accepted evidence proposes it, capped at 7× freight', async () => {
    const waybillNo = await parcel(t, { freight_fen: 1_000, declared_value_fen: 30_000 });
    const ticketId = await claimTicket(t, agent, waybillNo);
    const res = await open(agent, ticketId, { waybillNo, type: 'damage', claimedFen: 30_000 });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    let claim = await detail(id);
    expect(claim.state).toBe('opened');
    expect(claim.evidenceMissing.map((m: { item: string }) => m.item).sort()).toEqual(['item_photo', 'outer_packaging_photo', 'signed_delivery_slip']);
    expect(claim.responsibility.proposedStation).toBe('杭州西湖营业部');
    expect(claim.proposal.lines.map((l: { code: string }) => l.code)).toContain('UNINSURED_CAP');
    expect(claim.proposal.totalFen).toBe(7_000 + 1_000);

    const pdf = await uploadTo(t, agent, ticketId, { filename: 'slip.pdf', type: 'application/pdf', data: smallPdf() });
    await refused(() => send(agent, 'POST', `/api/claims/${id}/evidence`, { item: 'item_photo', attachmentId: pdf }), 415, 'EVIDENCE_FILE_TYPE_WRONG');
    await refused(() => send(agent, 'POST', `/api/claims/${id}/evidence`, { item: 'weight_at_delivery', attachmentId: pdf }), 422, 'EVIDENCE_ITEM_NOT_ON_CHECKLIST');

    const slip = await send(agent, 'POST', `/api/claims/${id}/evidence`, { item: 'signed_delivery_slip', attachmentId: pdf });
    expect(slip.statusCode, slip.body).toBe(201);
    await refused(() => send(agent, 'POST', `/api/claims/${id}/evidence/${slip.json().id}/review`, { review: 'rejected' }), 400, 'EVIDENCE_REVIEW_REASON_REQUIRED');
    const rejected = await send(agent, 'POST', `/api/claims/${id}/evidence/${slip.json().id}/review`, { review: 'rejected', reason: '签收单没有快递员签字' });
    expect(rejected.json().state).toBe('opened');

    const asked = await send(agent, 'POST', `/api/claims/${id}/evidence-requests`, { message: '请补充快递员签字的签收单', version: (await detail(id)).version });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().state).toBe('awaiting_evidence');
    const sms = await t.database.db.selectFrom('notifications').select(['recipient', 'body']).where('template', '=', 'claim.evidence_requested').execute();
    expect(sms.some((n) => n.recipient === '13811112222' && n.body.includes(waybillNo))).toBe(true);
    expect((await detail(id)).evidenceRequestedAt).not.toBeNull();

    for (const item of ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']) {
      const attachmentId = await uploadTo(t, agent, ticketId, { filename: `${item}.png`, type: 'image/png', data: smallPng() });
      const attached = await send(agent, 'POST', `/api/claims/${id}/evidence`, { item, attachmentId });
      await send(agent, 'POST', `/api/claims/${id}/evidence/${attached.json().id}/review`, { review: 'accepted' });
    }
    claim = await detail(id);
    expect(claim.state).toBe('proposed');
    expect(claim.evidenceMissing).toEqual([]);
  });

  it('refuses negative and absurd amounts, a parcel never picked up, one past its validity, a waybill not on the ticket, and a second open claim of a type', async () => {
    const waybillNo = await parcel(t);
    const ticketId = await claimTicket(t, agent, waybillNo);
    await refused(() => open(agent, ticketId, { waybillNo, type: 'loss', claimedFen: -100 }), 400, 'VALIDATION_FAILED');
    await refused(() => open(agent, ticketId, { waybillNo, type: 'loss', claimedFen: 0 }), 400, 'VALIDATION_FAILED');
    await refused(() => open(agent, ticketId, { waybillNo, type: 'loss', claimedFen: 1e15 }), 400, 'VALIDATION_FAILED');
    await refused(() => open(agent, ticketId, { waybillNo, type: 'loss', claimedFen: 12.5 }), 400, 'VALIDATION_FAILED');

    const never = await parcel(t, { picked_up_at: null });
    const neverTicket = await claimTicket(t, agent, never);
    await refused(() => open(agent, neverTicket, { waybillNo: never, type: 'loss', claimedFen: 5_000 }), 422, 'CLAIM_NOT_PICKED_UP');

    const old = await parcel(t, { picked_up_at: new Date(Date.now() - 400 * DAY) });
    const oldTicket = await claimTicket(t, agent, old);
    await refused(() => open(agent, oldTicket, { waybillNo: old, type: 'loss', claimedFen: 5_000 }), 422, 'CLAIM_OUT_OF_VALIDITY');

    await refused(() => open(agent, ticketId, { waybillNo: old, type: 'loss', claimedFen: 5_000 }), 422, 'CLAIM_SHIPMENT_NOT_ON_TICKET');

    expect((await open(agent, ticketId, { waybillNo, type: 'loss', claimedFen: 5_000 })).statusCode).toBe(201);
    await refused(() => open(agent2, ticketId, { waybillNo, type: 'loss', claimedFen: 6_000 }), 409, 'CLAIM_DUPLICATE_OPEN');
    expect((await open(agent, ticketId, { waybillNo, type: 'delay', claimedFen: 1_000 })).statusCode).toBe(201);
  });

  it('two desks opening the same claim at once: one claim, the other 409 CLAIM_DUPLICATE_OPEN', async () => {
    const waybillNo = await parcel(t);
    const ticketId = await claimTicket(t, agent, waybillNo);
    const answers = await Promise.all([agent, agent2, supervisor, manager].map((s) => open(s, ticketId, { waybillNo, type: 'loss', claimedFen: 5_000 })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().code).toBe('CLAIM_DUPLICATE_OPEN');
    expect(await t.database.db.selectFrom('claims').select('id').where('waybill_no', '=', waybillNo).execute()).toHaveLength(1);
  });

  it('department staff may not open or read claims', async () => {
    const waybillNo = await parcel(t);
    const ticketId = await claimTicket(t, agent, waybillNo);
    await refused(() => open(ops, ticketId, { waybillNo, type: 'loss', claimedFen: 5_000 }), 403, 'FORBIDDEN');
    const res = await open(agent, ticketId, { waybillNo, type: 'loss', claimedFen: 5_000 });
    expect((await send(ops, 'GET', `/api/claims/${res.json().id}`)).statusCode).toBe(403);
  });
});

describe('override and approval', () => {
  it('an amount above the agent’s limit needs a supervisor; nobody decides their own claim; admins decide none; the customer hears of the approval', async () => {
    const { id, claim } = await proposedDamageClaim(agent, 80_000, { insured: true, declared_value_fen: 80_000 });
    // the insured value, and never more than the amount claimed
    expect(claim.proposedFen).toBe(80_000);
    expect(claim.requiredLevel).toBe('supervisor');
    const version = claim.version;
    await refused(() => send(agent, 'POST', `/api/claims/${id}/approve`, { version }), 403, 'APPROVAL_OWN_CLAIM');
    await refused(() => send(agent2, 'POST', `/api/claims/${id}/approve`, { version }), 403, 'APPROVAL_LEVEL_TOO_LOW');
    await refused(() => send(admin, 'POST', `/api/claims/${id}/approve`, { version }), 403, 'APPROVAL_ROLE_CANNOT_DECIDE');
    await refused(() => send(supervisor, 'POST', `/api/claims/${id}/reject`, { version }), 400, 'VALIDATION_FAILED');
    await refused(() => send(supervisor, 'POST', `/api/claims/${id}/approve`, { version: version - 1 }), 409, 'CONFLICT_STALE_VERSION');

    const inbox = await send(supervisor, 'GET', '/api/claims/inbox');
    expect(inbox.json().map((c: { id: string }) => c.id)).toContain(id);
    expect((await send(agent2, 'GET', '/api/claims/inbox')).json().map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await send(agent, 'GET', '/api/claims/inbox')).json().map((c: { id: string }) => c.id)).not.toContain(id);

    const approved = await send(supervisor, 'POST', `/api/claims/${id}/approve`, { version });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = await detail(id);
    expect(after.state).toBe('approved');
    expect(after.approvedFen).toBe(80_000);
    const told = await t.database.db.selectFrom('notifications').select('body').where('template', '=', 'claim.approved').execute();
    // the amount, and the claim page where the customer accepts the offer or disputes it
    const sms = told.find((n) => n.body.includes('800.00'));
    expect(sms?.body).toMatch(/确认方案或提出异议：https?:\/\/\S+\/claim\?waybill=/);
  });

  it('an override needs a reason, stays within the claim, is shown beside the proposal and goes one level up', async () => {
    const { id, claim } = await proposedDamageClaim(agent, 30_000);
    expect(claim.requiredLevel).toBe('agent');
    await refused(() => send(agent, 'POST', `/api/claims/${id}/override`, { amountFen: 40_000, reason: '客户提供了发票', version: claim.version }), 422, 'OVERRIDE_ABOVE_CLAIMED');
    await refused(() => send(agent, 'POST', `/api/claims/${id}/override`, { amountFen: 20_000, version: claim.version }), 400, 'VALIDATION_FAILED');
    await refused(() => send(agent, 'POST', `/api/claims/${id}/override`, { amountFen: -1, reason: 'x', version: claim.version }), 400, 'VALIDATION_FAILED');
    const ok = await send(agent, 'POST', `/api/claims/${id}/override`, { amountFen: 20_000, reason: '客户提供了发票，实际损失 200 元', version: claim.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await detail(id);
    expect(after.override).toMatchObject({ amountFen: 20_000, reason: '客户提供了发票，实际损失 200 元' });
    expect(after.proposal.totalFen).toBe(claim.proposal.totalFen);
    expect(after.requiredLevel).toBe('supervisor');
    await refused(() => send(agent2, 'POST', `/api/claims/${id}/approve`, { version: after.version }), 403, 'APPROVAL_LEVEL_TOO_LOW');
  });

  it('an unproposed claim cannot be decided; a rejection tells the customer why and how to appeal', async () => {
    const waybillNo = await parcel(t);
    const ticketId = await claimTicket(t, agent, waybillNo);
    const opened = await open(agent, ticketId, { waybillNo, type: 'damage', claimedFen: 5_000 });
    const id = opened.json().id as string;
    await refused(() => send(supervisor, 'POST', `/api/claims/${id}/approve`, { version: opened.json().version }), 409, 'CLAIM_NOT_PROPOSED');

    const { id: other, claim } = await proposedDamageClaim(agent, 5_000);
    const rejected = await send(agent2, 'POST', `/api/claims/${other}/reject`, { reason: '签收时未提出异议且无破损记录', version: claim.version });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await detail(other)).state).toBe('rejected');
    const told = await t.database.db.selectFrom('notifications').select('body').where('template', '=', 'claim.rejected').execute();
    const sms = told.find((n) => n.body.includes('签收时未提出异议且无破损记录'));
    expect(sms?.body).toContain('12305');
    expect(sms?.body).toMatch(/查看或提出异议：https?:\/\/\S+\/claim\?waybill=/);
  });
});

describe('settlement and the ledger', () => {
  async function approvedClaim(facts: Parameters<typeof parcel>[1] = {}) {
    const made = await proposedDamageClaim(agent, 30_000, facts);
    const res = await send(agent2, 'POST', `/api/claims/${made.id}/approve`, { version: made.claim.version });
    expect(res.statusCode, res.body).toBe(200);
    return made;
  }
  const settle = (id: string, key: string | null, body: Record<string, unknown> = {}) =>
    send(agent, 'POST', `/api/claims/${id}/settlement`, body, key ? { 'idempotency-key': key } : {});

  it('refuses an unapproved claim and a request without a key', async () => {
    const { id } = await proposedDamageClaim(agent, 5_000);
    await refused(() => settle(id, 'k-unapproved', { reference: 'WX-1' }), 409, 'SETTLEMENT_NOT_APPROVED');
    const { id: approved } = await approvedClaim();
    await refused(() => settle(approved, null, { reference: 'WX-1' }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    await refused(() => settle(approved, 'k-noref'), 400, 'SETTLEMENT_REFERENCE_REQUIRED');
  });

  it('寄付 pays out once: a repeat returns the same entry, the key with another body is refused, a second key finds it settled', async () => {
    const { id } = await approvedClaim();
    const first = await settle(id, 'pay-1', { reference: 'WX-20261207-01' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().replayed).toBe(false);
    expect(first.json().entries).toMatchObject([{ kind: 'payout', direction: 'out', amountFen: 12_000, reference: 'WX-20261207-01' }]);
    expect((await detail(id)).state).toBe('settled');

    const again = await settle(id, 'pay-1', { reference: 'WX-20261207-01' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ replayed: true, entries: first.json().entries });
    await refused(() => settle(id, 'pay-1', { reference: 'ALIPAY-9' }), 409, 'IDEMPOTENCY_KEY_REUSED');
    await refused(() => settle(id, 'pay-2', { reference: 'WX-20261207-01' }), 409, 'SETTLEMENT_ALREADY_SETTLED');
    const { id: other } = await approvedClaim();
    await refused(() => settle(other, 'pay-1', { reference: 'WX-20261207-01' }), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await t.database.db.selectFrom('claim_ledger').select('id').where('claim_id', '=', id).execute()).toHaveLength(1);
  });

  it('月结 is a credit note on the parcel’s monthly account; 到付 not yet collected is deducted from the freight to collect, the rest paid out', async () => {
    const monthly = await approvedClaim({ payment_term: 'monthly', monthly_account: 'MA-0001' });
    const note = await settle(monthly.id, 'monthly-1');
    expect(note.statusCode, note.body).toBe(200);
    // uninsured, 月结: capped at 9× freight (13,500) plus the freight refunded
    expect(note.json().entries).toMatchObject([{ kind: 'credit_note', amountFen: 15_000 }]);
    expect(note.json().entries[0].reference).toContain('MA-0001');

    const collect = await approvedClaim({ payment_term: 'collect', freight_fen: 1_500 });
    const split = await settle(collect.id, 'collect-1', { reference: 'BANK-77' });
    expect(split.statusCode, split.body).toBe(200);
    expect(split.json().entries.map((e: { kind: string; amountFen: number }) => [e.kind, e.amountFen])).toEqual([
      ['deduction', 1_500],
      ['payout', 12_000 - 1_500],
    ]);
  });

  it('ten concurrent settle requests with one key write the entry once and all answer with it', async () => {
    const { id } = await approvedClaim();
    const answers = await Promise.all(Array.from({ length: 10 }, () => settle(id, 'burst-1', { reference: 'WX-BURST' })));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const rows = await t.database.db.selectFrom('claim_ledger').selectAll().where('claim_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().entries[0].id))).toEqual(new Set([rows[0]!.id]));
    expect(answers.filter((a) => a.json().replayed === false)).toHaveLength(1);
  });

  it('ten concurrent settle requests with ten different keys pay once: the others find it settled', async () => {
    const { id } = await approvedClaim();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => settle(id, `spread-${i}`, { reference: 'WX-SPREAD' })));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.statusCode !== 200)) expect([a.statusCode, a.json().code]).toEqual([409, 'SETTLEMENT_ALREADY_SETTLED']);
    expect(await t.database.db.selectFrom('claim_ledger').select('id').where('claim_id', '=', id).execute()).toHaveLength(1);
  });

  it('the ledger refuses UPDATE and DELETE; a reversal is a new entry, once, by a supervisor', async () => {
    const { id } = await approvedClaim();
    const paid = await settle(id, 'rev-pay', { reference: 'WX-REV' });
    const entryId = paid.json().entries[0].id as string;
    await expect(sql`update claim_ledger set amount_fen = 1 where id = ${entryId}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from claim_ledger where id = ${entryId}`.execute(t.database.db)).rejects.toThrow(/append-only/);

    await refused(() => send(agent, 'POST', `/api/claims/${id}/reversals`, { entryId, reason: '重复付款' }, { 'idempotency-key': 'rev-1' }), 403, 'FORBIDDEN');
    const reversed = await send(supervisor, 'POST', `/api/claims/${id}/reversals`, { entryId, reason: '付款退回，客户账号有误' }, { 'idempotency-key': 'rev-1' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json().entries).toMatchObject([{ kind: 'reversal', direction: 'in', amountFen: 12_000, reversesEntryId: entryId }]);
    await refused(() => send(supervisor, 'POST', `/api/claims/${id}/reversals`, { entryId, reason: '再次冲正' }, { 'idempotency-key': 'rev-2' }), 409, 'LEDGER_ENTRY_ALREADY_REVERSED');
    // paid again to the right account, after the reversal
    const repaid = await settle(id, 'rev-pay-2', { reference: 'WX-REV-2' });
    expect(repaid.statusCode, repaid.body).toBe(200);
  });
});

describe('responsibility, chargeback and lists', () => {
  it('a supervisor confirms the station with a reason, charges it back once, and the month’s chargebacks list it', async () => {
    const made = await proposedDamageClaim(agent, 30_000);
    await send(agent2, 'POST', `/api/claims/${made.id}/approve`, { version: made.claim.version });
    const before = await detail(made.id);
    expect(before.responsibility.proposedStation).toBe('杭州西湖营业部');
    await refused(() => send(agent, 'POST', `/api/claims/${made.id}/responsibility`, { station: '杭州西湖营业部', reason: '破损扫描', version: before.version }), 403, 'FORBIDDEN');
    await refused(() => send(supervisor, 'POST', `/api/claims/${made.id}/chargebacks`, { amountFen: 1_000, reason: '破损追偿' }, { 'idempotency-key': 'cb-0' }), 400, 'CHARGEBACK_STATION_REQUIRED');
    const confirmed = await send(supervisor, 'POST', `/api/claims/${made.id}/responsibility`, { station: '杭州西湖营业部', reason: '破损扫描在该营业部', version: before.version });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await refused(() => send(supervisor, 'POST', `/api/claims/${made.id}/chargebacks`, { amountFen: 12_001, reason: '破损追偿' }, { 'idempotency-key': 'cb-1' }), 422, 'CHARGEBACK_EXCEEDS_COMPENSATION');
    const charged = await send(supervisor, 'POST', `/api/claims/${made.id}/chargebacks`, { amountFen: 5_000, reason: '破损追偿' }, { 'idempotency-key': 'cb-2' });
    expect(charged.statusCode, charged.body).toBe(200);
    expect(charged.json().entries).toMatchObject([{ kind: 'chargeback', direction: 'in', amountFen: 5_000, station: '杭州西湖营业部' }]);

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const list = await send(supervisor, 'GET', `/api/claims/chargebacks?month=${month}&station=${encodeURIComponent('杭州西湖营业部')}`);
    expect(list.statusCode, list.body).toBe(200);
    const station = list.json().stations[0];
    expect(station.station).toBe('杭州西湖营业部');
    expect(station.entries.map((e: { claimId: string }) => e.claimId)).toContain(made.id);
    // each entry names who charged it back
    expect(station.entries.find((e: { claimId: string }) => e.claimId === made.id)).toMatchObject({ amountFen: 5_000, reference: '破损追偿', createdBy: '李建国' });
    expect(station.totalFen).toBeGreaterThanOrEqual(5_000);
    expect((await send(supervisor, 'GET', '/api/claims/chargebacks?month=2026-13')).statusCode).toBe(400);

    const xlsx = await send(supervisor, 'GET', `/api/claims/chargebacks.xlsx?month=${month}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('追偿清单')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(expect.arrayContaining(['杭州西湖营业部', made.waybillNo, 50, '李建国']));
    expect((await send(agent, 'GET', `/api/claims/chargebacks.xlsx?month=${month}`)).statusCode).toBe(403);
  });

  it('the claims list filters by state, type, amount, station and age, and finds an exact waybill', async () => {
    const made = await proposedDamageClaim(agent, 12_345);
    const ids = async (query: string) => {
      const res = await send(agent, 'GET', `/api/claims?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().map((c: { id: string }) => c.id) as string[];
    };
    expect(await ids(`waybill=${made.waybillNo}`)).toEqual([made.id]);
    expect(await ids('state=proposed&type=damage&pageSize=100')).toContain(made.id);
    expect(await ids('type=delay&pageSize=100')).not.toContain(made.id);
    expect(await ids('minFen=12345&maxFen=12345')).toEqual([made.id]);
    expect(await ids('minFen=12346&maxFen=12346')).toEqual([]);
    expect(await ids(`station=${encodeURIComponent('杭州西湖营业部')}&pageSize=100`)).toContain(made.id);
    expect(await ids('olderThanDays=1&pageSize=100')).not.toContain(made.id);
    expect((await send(agent, 'GET', '/api/claims?minFen=-1')).statusCode).toBe(400);
    expect((await send(manager, 'GET', `/api/claims/${'0'.repeat(8)}-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });
});
