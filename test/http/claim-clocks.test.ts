/**
 * A claim's clocks on the SLA machinery (docs/product.md §3, §7; issue 18 §5), through the HTTP API
 * on a real database: the statutory complaint ceiling runs from filing, asking the customer for
 * more evidence pauses it, complete evidence resumes it and starts the answer clock (1 working
 * day), approval stops both and starts the payment clock (7 days), settlement stops that; the
 * claim-clocks job records a warning and a breach once each, and the supervisor's board lists them
 * with the claim's waybill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDueClaimClocks } from '../../src/modules/claims/service.js';
import { claimTicket, parcel, smallPng, uploadTo } from '../support/claims.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const DAY = 86_400_000;
let t: TestApp;
let dir: string;
let agent: Session;
let agent2: Session;
let supervisor: Session;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pd-claim-clocks-'));
  t = await createTestApp({ config: { attachmentsDir: dir } });
  [agent, agent2, supervisor] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01')]);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: s.headers(headers), ...(payload === undefined ? {} : { payload: payload as object }) });

interface ClockView {
  kind: string;
  basis: string;
  targetMinutes: number;
  status: string;
  dueAt: string | null;
  pausedAt: string | null;
  breachedAt: string | null;
  usedMinutes: number;
}

async function detail(id: string) {
  const res = await send(agent, 'GET', `/api/claims/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { state: string; version: number; clocks: ClockView[] };
}
const clock = async (id: string, kind: string) => (await detail(id)).clocks.find((c) => c.kind === kind);

/** Time passes for the claim's clocks: every instant they hold moves `ms` into the past. */
async function elapse(claimId: string, ms: number) {
  const back = sql`${ms} * interval '1 millisecond'`;
  await sql`
    update claim_clocks set started_at = started_at - ${back}, running_since = running_since - ${back}, paused_at = paused_at - ${back},
      warned_at = warned_at - ${back}, due_at = due_at - ${back}, next_check_at = next_check_at - ${back}
    where claim_id = ${claimId}`.execute(t.database.db);
}
const runJob = () => processDueClaimClocks({ db: t.database.db, reference: t.app.reference });

async function board(s: Session = supervisor) {
  const res = await send(s, 'GET', '/api/claims/clock-board');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { breached: { claimId: string; waybillNo: string; ticketId: string; clock: ClockView }[]; atRisk: { claimId: string; clock: ClockView }[]; counts: { breached: number; atRisk: number } };
}

/** An uninsured damage claim waiting for its three photos and the slip. */
async function openedDamageClaim() {
  const waybillNo = await parcel(t, { freight_fen: 1_000, declared_value_fen: 30_000 });
  const ticketId = await claimTicket(t, agent, waybillNo);
  const res = await send(agent, 'POST', `/api/tickets/${ticketId}/claims`, { waybillNo, type: 'damage', claimedFen: 3_000, claimantSide: 'sender', description: '外箱破损' });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, ticketId, waybillNo };
}

async function completeEvidence(id: string, ticketId: string) {
  for (const item of ['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']) {
    const attachmentId = await uploadTo(t, agent, ticketId, { filename: `${item}.png`, type: 'image/png', data: smallPng() });
    const attached = await send(agent, 'POST', `/api/claims/${id}/evidence`, { item, attachmentId });
    expect(attached.statusCode, attached.body).toBe(201);
    const reviewed = await send(agent, 'POST', `/api/claims/${id}/evidence/${attached.json().id}/review`, { review: 'accepted' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
  }
}

describe('a claim’s clocks', () => {
  it('the ceiling runs from filing, an evidence request pauses it, complete evidence resumes it and starts the answer clock; a breach is on the board once; approval and payment stop them', async () => {
    const { id, ticketId, waybillNo } = await openedDamageClaim();
    let claim = await detail(id);
    expect(claim.clocks.map((c) => [c.kind, c.status])).toEqual([['complaint_ceiling', 'running']]);
    const filedDue = Date.parse(claim.clocks[0]!.dueAt!);
    expect(Math.abs(filedDue - (Date.now() + 7 * DAY))).toBeLessThan(60_000);

    // Asked for more evidence: paused, no due instant while the customer is asked.
    const asked = await send(agent, 'POST', `/api/claims/${id}/evidence-requests`, { message: '请补充外包装照片', version: claim.version });
    expect(asked.statusCode, asked.body).toBe(200);
    const paused = await clock(id, 'complaint_ceiling');
    expect([paused!.status, paused!.dueAt, paused!.pausedAt !== null]).toEqual(['paused', null, true]);

    // The customer takes six days to send it: the job finds nothing due, and the six days do not count.
    await elapse(id, 6 * DAY);
    expect(await runJob()).toMatchObject({ warned: 0, breached: 0 });
    await completeEvidence(id, ticketId);
    claim = await detail(id);
    expect(claim.state).toBe('proposed');
    const ceiling = claim.clocks.find((c) => c.kind === 'complaint_ceiling')!;
    expect(ceiling.status).toBe('running');
    expect(ceiling.usedMinutes).toBeLessThan(60);
    expect(Date.parse(ceiling.dueAt!)).toBeGreaterThan(Date.now() + 7 * DAY - 60 * 60_000);
    const answer = claim.clocks.find((c) => c.kind === 'answer')!;
    expect([answer.status, answer.basis, answer.targetMinutes]).toEqual(['running', 'business', 540]);

    // Eight days pass without an answer: both clocks breach, recorded once, and the board shows them.
    await elapse(id, 8 * DAY);
    const first = await runJob();
    expect(first.breached).toBeGreaterThanOrEqual(2);
    expect(await runJob()).toMatchObject({ checked: 0 });
    const shown = await board();
    const mine = shown.breached.filter((b) => b.claimId === id);
    expect(mine.map((b) => b.clock.kind).sort()).toEqual(['answer', 'complaint_ceiling']);
    expect(mine.every((b) => b.waybillNo === waybillNo && b.ticketId === ticketId && b.clock.status === 'breached')).toBe(true);
    expect(shown.counts.breached).toBeGreaterThanOrEqual(2);
    const events = await t.database.db.selectFrom('ticket_events').select(['kind', 'to_value']).where('ticket_id', '=', ticketId).where('kind', 'like', 'claim_clock_%').execute();
    expect(events.map((e) => `${e.kind} ${e.to_value}`).sort()).toEqual(['claim_clock_breach answer', 'claim_clock_breach complaint_ceiling']);
    expect((await send(agent, 'GET', '/api/claims/clock-board')).statusCode).toBe(403);

    // Approved late: the answer and the ceiling stop as missed, the payment clock starts (7 days).
    const approved = await send(agent2, 'POST', `/api/claims/${id}/approve`, { version: claim.version });
    expect(approved.statusCode, approved.body).toBe(200);
    claim = await detail(id);
    expect(Object.fromEntries(claim.clocks.map((c) => [c.kind, c.status]))).toEqual({ complaint_ceiling: 'missed', answer: 'missed', payment: 'running' });
    expect(Math.abs(Date.parse(claim.clocks.find((c) => c.kind === 'payment')!.dueAt!) - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    expect((await board()).breached.some((b) => b.claimId === id)).toBe(false);

    // Paid the same day: met.
    const paid = await send(agent, 'POST', `/api/claims/${id}/settlement`, { reference: 'WX-CLOCK-1' }, { 'idempotency-key': `clock-${id}` });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await clock(id, 'payment'))!.status).toBe('met');
  });

  it('a clock past its warning point is at risk on the board until it breaches', async () => {
    const { id, waybillNo } = await openedDamageClaim();
    // Six of the ceiling's seven days used: past the 80 % warning, not yet due.
    await elapse(id, 6 * DAY);
    expect((await runJob()).warned).toBeGreaterThanOrEqual(1);
    let shown = await board();
    const risk = shown.atRisk.find((b) => b.claimId === id);
    expect(risk?.clock).toMatchObject({ kind: 'complaint_ceiling', status: 'warning' });
    expect(shown.breached.some((b) => b.claimId === id)).toBe(false);
    expect(JSON.stringify(risk)).toContain(waybillNo);

    await elapse(id, 2 * DAY);
    await runJob();
    shown = await board();
    expect(shown.atRisk.some((b) => b.claimId === id)).toBe(false);
    expect(shown.breached.find((b) => b.claimId === id)?.clock.status).toBe('breached');
  });
});
