/**
 * Self-service claims through the HTTP API on a real database (docs/product.md §3; issue 18 §1, §9,
 * §10): after the phone check the recipient files a damage claim (its case by the follow-up rule),
 * uploads photos and the slip from the phone, follows the claim; the desk reviews and approves; the
 * customer sees the offer and how it is paid, accepts it once; a dispute of another claim sends it
 * back to a supervisor. Every refusal — wrong phone, no parcel, not picked up, a second open claim of
 * a type, bad amounts, a wrong file type, accepting twice — is a 4xx with its code and changes nothing.
 * The customer never reads internal notes, the responsible station or a chargeback.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parcel, smallPdf, smallPng } from '../support/claims.js';
import { digestDatabase } from '../support/digest.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let dir: string;
let agent: Session;
let supervisor: Session;

// The fixture's parties: sender 王五 13811112222, recipient 赵六 13933334444.
const RECIPIENT = '4444';
const SENDER = '2222';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pd-claims-self-'));
  t = await createTestApp({ config: { attachmentsDir: dir } });
  [agent, supervisor] = await Promise.all([t.signIn('agent01'), t.signIn('supervisor01')]);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const staff = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s.headers(), ...(payload === undefined ? {} : { payload: payload as object }) });

function fileOpen(waybillNo: string, body: Record<string, unknown> = {}) {
  return post('/api/public/claims', { waybillNo, phoneLast4: RECIPIENT, type: 'damage', claimedYuan: '300.50', description: '外箱压扁，杯子碎了两只', ...body });
}

async function myClaims(token: string, lang = 'zh-CN') {
  const res = await t.app.inject({ method: 'GET', url: `/api/public/tickets/${token}/claims`, headers: { 'accept-language': lang } });
  expect(res.statusCode, res.body).toBe(200);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the answer as the page would, field by field
  return res.json() as { ticketNumber: string; claims: Array<Record<string, any>> };
}

function upload(token: string, claimId: string, item: string, file: { filename: string; type: string; data: Buffer }) {
  const boundary = `----ParcelDesk${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/public/tickets/${token}/claims/${claimId}/evidence?item=${item}`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}
const png = (name: string) => ({ filename: name, type: 'image/png', data: smallPng() });
const pdf = (name: string) => ({ filename: name, type: 'application/pdf', data: smallPdf() });

/**
 * A refused request: its status and code, and not one row changed. The phone check's own counts are
 * left out: a guess is counted before it is compared (a wrong one stays counted, by design).
 */
async function refused(request: () => Promise<{ statusCode: number; body: string; json(): unknown }>, status: number, code: string) {
  const before = await digestDatabase(t.database, ['sessions', 'phone_check_counts']);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { code: string }).code).toBe(code);
  expect(await digestDatabase(t.database, ['sessions', 'phone_check_counts'])).toEqual(before);
}

/** The desk accepts every upload waiting for review. */
async function acceptAll(claimId: string) {
  const detail = (await staff(agent, 'GET', `/api/claims/${claimId}`)).json();
  for (const e of detail.evidence.filter((x: { review: string }) => x.review === 'pending')) {
    const res = await staff(agent, 'POST', `/api/claims/${claimId}/evidence/${e.id}/review`, { review: 'accepted' });
    expect(res.statusCode, res.body).toBe(200);
  }
  return (await staff(agent, 'GET', `/api/claims/${claimId}`)).json();
}

/** A damage claim filed by the recipient, its three required items uploaded by the customer and accepted: proposed. */
async function proposedSelfServiceClaim(claimedYuan = '300.50') {
  const waybillNo = await parcel(t, { freight_fen: 5_000, declared_value_fen: 20_000 });
  const opened = await fileOpen(waybillNo, { claimedYuan });
  expect(opened.statusCode, opened.body).toBe(201);
  const { token, claimId } = opened.json();
  for (const item of ['outer_packaging_photo', 'item_photo']) expect((await upload(token, claimId, item, png(`${item}.png`))).statusCode).toBe(201);
  expect((await upload(token, claimId, 'signed_delivery_slip', pdf('slip.pdf'))).statusCode).toBe(201);
  const claim = await acceptAll(claimId);
  expect(claim.state).toBe('proposed');
  return { waybillNo, token, claimId, claim };
}

describe('a customer files a damage claim after the phone check', () => {
  it('opens its case and the claim, shows the checklist, takes photos from the phone, and shows what the customer may read', async () => {
    const waybillNo = await parcel(t, { freight_fen: 5_000, declared_value_fen: 20_000 });
    const opened = await fileOpen(waybillNo);
    expect(opened.statusCode, opened.body).toBe(201);
    const { token, claimId, ticketNumber, joined, state } = opened.json();
    expect(joined).toBe(false);
    expect(state).toBe('opened');

    // The desk sees a claim ticket for the customer and the claim on it, filed by the recipient, 300.50 yuan in fen.
    const desk = (await staff(agent, 'GET', `/api/claims/${claimId}`)).json();
    expect(desk).toMatchObject({ waybillNo, type: 'damage', claimantSide: 'recipient', claimedFen: 30_050, state: 'opened' });
    const ticket = (await staff(agent, 'GET', `/api/tickets/${desk.ticketId}`)).json();
    expect(ticket).toMatchObject({ kind: 'claim', number: ticketNumber });

    // The customer's page: the damage checklist, nothing uploaded yet.
    let mine = (await myClaims(token)).claims;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: claimId, type: 'damage', state: 'opened', claimedFen: 30_050, openedBy: 'customer', acceptsEvidence: true, offer: null, canAccept: false });
    expect(mine[0]!.checklist.filter((c: { required: boolean }) => c.required).map((c: { item: string }) => c.item)).toEqual(['outer_packaging_photo', 'item_photo', 'signed_delivery_slip']);

    // Two photos from the phone; the slip as a PDF.
    const first = await upload(token, claimId, 'outer_packaging_photo', png('外包装.png'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ item: 'outer_packaging_photo', attachment: { byCustomer: true, mediaType: 'image/png' } });
    expect((await upload(token, claimId, 'item_photo', png('杯子.png'))).statusCode).toBe(201);
    mine = (await myClaims(token)).claims;
    const uploads = Object.fromEntries(mine[0]!.checklist.map((c: { item: string; uploads: unknown[] }) => [c.item, c.uploads.length]));
    expect(uploads).toMatchObject({ outer_packaging_photo: 1, item_photo: 1, signed_delivery_slip: 0 });
    expect(mine[0]!.evidenceMissing.map((m: { item: string; why: string }) => `${m.item}:${m.why}`)).toEqual([
      'outer_packaging_photo:pending_review',
      'item_photo:pending_review',
      'signed_delivery_slip:not_uploaded',
    ]);

    // What the desk writes for itself never reaches the customer: an internal note, the station proposed from the scans.
    const note = await staff(agent, 'POST', `/api/tickets/${desk.ticketId}/replies`, { body: '内部备注：怀疑包装不当', visibility: 'internal', version: (await staff(agent, 'GET', `/api/tickets/${desk.ticketId}`)).json().version });
    expect(note.statusCode, note.body).toBe(200);
    const body = JSON.stringify(await myClaims(token));
    expect(desk.responsibility.proposedStation).toBe('杭州西湖营业部');
    expect(body).not.toContain('杭州西湖营业部');
    expect(body).not.toContain('内部备注');
    expect(body).not.toMatch(/station|chargeback|proposal|facts|decidedBy|reviewedBy/);
  });

  it('the desk approves; the customer sees the offer and how it is paid, accepts it once, and sees it paid — never the chargeback', async () => {
    const { token, claimId, claim } = await proposedSelfServiceClaim('300.50');
    const approved = await staff(agent, 'POST', `/api/claims/${claimId}/approve`, { version: claim.version });
    expect(approved.statusCode, approved.body).toBe(200);

    let mine = (await myClaims(token)).claims[0]!;
    expect(mine.state).toBe('approved');
    expect(mine.offer).toMatchObject({ approvedFen: claim.proposal.totalFen, payment: [{ kind: 'payout', amountFen: claim.proposal.totalFen }], payWithinDays: 7, acceptedAt: null });
    expect(mine).toMatchObject({ canAccept: true, canDispute: true, acceptsEvidence: false });

    const accepted = await post(`/api/public/tickets/${token}/claims/${claimId}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().state).toBe('approved');
    mine = (await myClaims(token)).claims[0]!;
    expect(mine.offer.acceptedAt).not.toBeNull();
    expect(mine).toMatchObject({ canAccept: false, canDispute: false });
    // Accepting twice, or disputing what was accepted: refused, nothing changed.
    await refused(() => post(`/api/public/tickets/${token}/claims/${claimId}/accept`, {}), 409, 'CLAIM_OFFER_ALREADY_ACCEPTED');
    await refused(() => post(`/api/public/tickets/${token}/claims/${claimId}/dispute`, { reason: '金额太少' }), 409, 'CLAIM_OFFER_ALREADY_ACCEPTED');
    // Evidence once decided: refused before the upload is read.
    await refused(() => upload(token, claimId, 'item_photo', png('late.png')), 409, 'CLAIM_TRANSITION_INVALID');

    // Paid, then a supervisor charges the station back: the customer sees the payout, never the chargeback.
    const settled = await t.app.inject({ method: 'POST', url: `/api/claims/${claimId}/settlement`, headers: agent.headers({ 'idempotency-key': `self-${claimId}` }), payload: { reference: '微信转账 4200001234' } });
    expect(settled.statusCode, settled.body).toBe(200);
    const version = (await staff(supervisor, 'GET', `/api/claims/${claimId}`)).json().version;
    expect((await staff(supervisor, 'POST', `/api/claims/${claimId}/responsibility`, { station: '杭州西湖营业部', reason: '破损扫描在该营业部', version })).statusCode).toBe(200);
    const cb = await t.app.inject({ method: 'POST', url: `/api/claims/${claimId}/chargebacks`, headers: supervisor.headers({ 'idempotency-key': `cb-${claimId}` }), payload: { amountFen: 1_000, reason: '破损追偿' } });
    expect(cb.statusCode, cb.body).toBe(200);
    mine = (await myClaims(token)).claims[0]!;
    expect(mine.state).toBe('settled');
    expect(mine.paid).toEqual([expect.objectContaining({ kind: 'payout', amountFen: claim.proposal.totalFen })]);
    expect(JSON.stringify(mine)).not.toMatch(/杭州西湖营业部|chargeback|破损追偿/);
  });

  it('a dispute of the offer reopens the claim to a supervisor: an agent may no longer decide it', async () => {
    const { token, claimId, claim } = await proposedSelfServiceClaim('100');
    expect(claim.requiredLevel).toBe('agent');
    expect((await staff(agent, 'POST', `/api/claims/${claimId}/approve`, { version: claim.version })).statusCode).toBe(200);

    await refused(() => post(`/api/public/tickets/${token}/claims/${claimId}/dispute`, { reason: '   ' }), 400, 'VALIDATION_FAILED');
    const disputed = await post(`/api/public/tickets/${token}/claims/${claimId}/dispute`, { reason: '杯子是手工定制的，价值不止这些' });
    expect(disputed.statusCode, disputed.body).toBe(200);
    expect(disputed.json().state).toBe('disputed');
    const mine = (await myClaims(token)).claims[0]!;
    expect(mine).toMatchObject({ state: 'disputed', dispute: { reason: '杯子是手工定制的，价值不止这些' }, canAccept: false, canDispute: false, acceptsEvidence: true });

    const desk = (await staff(agent, 'GET', `/api/claims/${claimId}`)).json();
    expect(desk).toMatchObject({ state: 'disputed', requiredLevel: 'supervisor' });
    // In the supervisors' inbox, not the agents'.
    expect((await staff(agent, 'GET', '/api/claims/inbox')).json().map((c: { id: string }) => c.id)).not.toContain(claimId);
    expect((await staff(supervisor, 'GET', '/api/claims/inbox')).json().map((c: { id: string }) => c.id)).toContain(claimId);
    await refused(() => staff(agent, 'POST', `/api/claims/${claimId}/approve`, { version: desk.version }), 403, 'APPROVAL_LEVEL_TOO_LOW');
    const upheld = await staff(supervisor, 'POST', `/api/claims/${claimId}/approve`, { reason: '复核：按规则赔偿', version: desk.version });
    expect(upheld.statusCode, upheld.body).toBe(200);
    // A new offer stands: the customer answers it afresh.
    expect((await myClaims(token)).claims[0]).toMatchObject({ state: 'approved', canAccept: true });
  });

  it('a rejection shows its reason and how to dispute and appeal, in the reader’s language; the dispute goes to a supervisor', async () => {
    const { token, claimId, claim } = await proposedSelfServiceClaim('80');
    expect((await staff(agent, 'POST', `/api/claims/${claimId}/reject`, { reason: '签收时外包装完好', version: claim.version })).statusCode).toBe(200);
    const zh = (await myClaims(token, 'zh-CN')).claims[0]!;
    expect(zh.rejection.reason).toBe('签收时外包装完好');
    expect(zh.rejection.notice).toContain('12305');
    expect(zh.offer).toBeNull();
    expect((await myClaims(token, 'en-US')).claims[0]!.rejection.notice).toMatch(/appeal to the postal regulator/);
    await refused(() => post(`/api/public/tickets/${token}/claims/${claimId}/accept`, {}), 409, 'CLAIM_NOT_APPROVED');
    const disputed = await post(`/api/public/tickets/${token}/claims/${claimId}/dispute`, { reason: '外包装内侧有压痕，有照片' });
    expect(disputed.json().state).toBe('disputed');
    expect((await staff(agent, 'GET', `/api/claims/${claimId}`)).json().requiredLevel).toBe('supervisor');
  });

  it('a second claim of another type joins the customer’s claim case; the lookup finds both with a link', async () => {
    const waybillNo = await parcel(t, { promised_at: new Date(Date.now() - 5 * 86_400_000) });
    const first = (await fileOpen(waybillNo)).json();
    const second = await fileOpen(waybillNo, { type: 'delay', claimedYuan: '15', description: '晚到五天' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ joined: true, ticketNumber: first.ticketNumber, state: 'proposed' });
    expect((await myClaims(first.token)).claims.map((c) => c.type)).toEqual(['damage', 'delay']);

    const lookup = await post('/api/public/claims/lookup', { waybillNo, phoneLast4: RECIPIENT });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const found = lookup.json().claims as { id: string; type: string; token: string }[];
    expect(found.map((c) => c.type).sort()).toEqual(['damage', 'delay']);
    expect((await myClaims(found[0]!.token)).ticketNumber).toBe(first.ticketNumber);
    // The sender filed nothing: their lookup is empty.
    expect((await post('/api/public/claims/lookup', { waybillNo, phoneLast4: SENDER })).json().claims).toEqual([]);
  });
});

describe('refusals: a 4xx with its code, nothing changed', () => {
  it('wrong phone digits, an unknown waybill, the other party’s side, a parcel never picked up', async () => {
    const waybillNo = await parcel(t);
    await refused(() => fileOpen(waybillNo, { phoneLast4: '0000' }), 403, 'PUBLIC_VERIFICATION_FAILED');
    await refused(() => fileOpen('PDNOSUCH00001'), 403, 'PUBLIC_VERIFICATION_FAILED');
    await refused(() => fileOpen(waybillNo, { side: 'sender' }), 403, 'PUBLIC_VERIFICATION_FAILED');
    await refused(() => post('/api/public/claims/lookup', { waybillNo, phoneLast4: '0000' }), 403, 'PUBLIC_VERIFICATION_FAILED');
    const never = await parcel(t, { picked_up_at: null });
    await refused(() => fileOpen(never), 422, 'CLAIM_NOT_PICKED_UP');
  });

  it.each(['0', '0.00', '-5', '1.234', 'abc', '1e3', '100000000.01'])('the amount %j', async (claimedYuan) => {
    const waybillNo = await parcel(t);
    await refused(() => fileOpen(waybillNo, { claimedYuan }), 400, 'CLAIM_AMOUNT_INVALID');
  });

  it('a second open claim of the same type, by either party', async () => {
    const waybillNo = await parcel(t);
    expect((await fileOpen(waybillNo)).statusCode).toBe(201);
    await refused(() => fileOpen(waybillNo), 409, 'CLAIM_DUPLICATE_OPEN');
    await refused(() => fileOpen(waybillNo, { phoneLast4: SENDER }), 409, 'CLAIM_DUPLICATE_OPEN');
  });

  it('evidence of the wrong file type, an item not on the checklist, another ticket’s claim, an unknown link', async () => {
    const waybillNo = await parcel(t);
    const { token, claimId } = (await fileOpen(waybillNo)).json();
    await refused(() => upload(token, claimId, 'item_photo', pdf('photo.pdf')), 415, 'EVIDENCE_FILE_TYPE_WRONG');
    await refused(() => upload(token, claimId, 'item_photo', { filename: 'note.txt', type: 'text/plain', data: Buffer.from('not a photo') }), 415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    await refused(() => upload(token, claimId, 'weight_at_delivery', png('w.png')), 422, 'EVIDENCE_ITEM_NOT_ON_CHECKLIST');
    const other = (await fileOpen(await parcel(t))).json();
    await refused(() => upload(token, other.claimId, 'item_photo', png('x.png')), 404, 'CLAIM_NOT_FOUND');
    await refused(() => post(`/api/public/tickets/${token}/claims/${other.claimId}/accept`, {}), 404, 'CLAIM_NOT_FOUND');
    const unknown = 'x'.repeat(32);
    await refused(() => t.app.inject({ method: 'GET', url: `/api/public/tickets/${unknown}/claims` }), 404, 'TICKET_NOT_FOUND');
    await refused(() => post(`/api/public/tickets/${unknown}/claims/${claimId}/dispute`, { reason: '不同意' }), 404, 'TICKET_NOT_FOUND');
    // Accepting before any offer.
    await refused(() => post(`/api/public/tickets/${token}/claims/${claimId}/accept`, {}), 409, 'CLAIM_NOT_APPROVED');
  });
});
