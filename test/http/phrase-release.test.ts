/**
 * A falsely blocked reply, released by a supervisor (docs/product.md §2, domain/phrases/release.ts):
 * in block mode the agent asks, the reply is held (not sent), a supervisor approves it — it goes
 * out as written, in the agent's name — or declines it with a reason the agent reads; each step is
 * on the ticket's timeline for staff only and in the list quality checks read. Refusals change
 * nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let manager: Session;
let admin: Session;
let ops: Session;

/** What an admin's too broad phrase blocks by mistake: a plain confirmation (the issue's own example). */
const FALSE_BLOCK = '对，没错，您的快件已经签收了，签收人是您本人。';

const post = (s: Session, url: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: s.headers(), ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() });

let serial = 0;
async function openTicket(s: Session) {
  serial += 1;
  const res = await post(s, '/api/tickets', {
    kind: 'query',
    channel: 'phone',
    subject: `查询签收 ${serial}`,
    description: '客户询问快件是否已经签收',
    customerPhone: `1360000${String(serial).padStart(4, '0')}`,
    waybillNos: [`RELEASE${String(serial).padStart(5, '0')}`],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

async function detail(s: Session, id: string) {
  const res = await get(s, `/api/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    version: number;
    status: string;
    ownerName: string | null;
    firstResponseAt: string | null;
    timeline: { kind: string; visibility: string; actorName: string; body: string | null; detail: Record<string, unknown> }[];
    phraseReleases: { id: string; status: string; canDecide: boolean; declineReason: string | null; decidedByName: string | null }[];
  };
}

/** The agent's reply is blocked (422), then held for release (201). */
async function blockedAndHeld(s: Session, ticket: { id: string; version: number }, note?: string) {
  const blocked = await post(s, `/api/tickets/${ticket.id}/replies`, { body: FALSE_BLOCK, visibility: 'public', version: ticket.version });
  expect(blocked.statusCode, blocked.body).toBe(422);
  expect(blocked.json().code).toBe('PHRASE_FORBIDDEN');
  const held = await post(s, `/api/tickets/${ticket.id}/phrase-releases`, { body: FALSE_BLOCK, ...(note ? { note } : {}) });
  expect(held.statusCode, held.body).toBe(201);
  return held.json() as { id: string; version: number };
}

/** Every table a refused request might touch, to prove it changed nothing. */
async function snapshot() {
  const db = t.database.db;
  return {
    releases: await db.selectFrom('phrase_release_requests').selectAll().orderBy('id').execute(),
    events: (await db.selectFrom('ticket_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
    tickets: await db.selectFrom('tickets').select(['id', 'version', 'status', 'owner_id']).orderBy('id').execute(),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, manager, admin, ops] = await Promise.all([
    t.signIn('agent01'),
    t.signIn('agent02'),
    t.signIn('supervisor01'),
    t.signIn('manager01'),
    t.signIn('admin'),
    t.signIn('ops01'),
  ]);
  const mode = await t.app.inject({ method: 'PUT', url: '/api/admin/phrase-guard', headers: admin.headers(), payload: { mode: 'block' } });
  expect(mode.statusCode, mode.body).toBe(200);
  // An admin adds a phrase too broad: it blocks a plain "signed for".
  const phrase = await post(admin, '/api/admin/phrases/forbidden', { phrase: '已经签收', category: 'other', match: 'contains' });
  expect(phrase.statusCode, phrase.body).toBe(201);
});
afterAll(() => t.close());

describe('an agent asks a supervisor to release a false block', () => {
  it('the reply is held, not sent; the supervisor sees it waiting with the phrase, the text and who asked', async () => {
    const ticket = await openTicket(agent);
    const held = await blockedAndHeld(agent, ticket, '客户问是否签收，我只是确认已签收');
    const page = await detail(agent, ticket.id);
    // Not sent: no public reply, the first-response clock still runs.
    expect(page.timeline.filter((e) => e.kind === 'reply')).toEqual([]);
    expect(page.firstResponseAt).toBeNull();
    expect(page.timeline.at(-1)).toMatchObject({ kind: 'phrase_release_requested', visibility: 'internal', actorName: '王晓敏', body: FALSE_BLOCK });
    expect(page.phraseReleases).toMatchObject([{ id: held.id, status: 'pending', canDecide: false }]);

    const waiting = await get(supervisor, '/api/phrase-releases');
    expect(waiting.statusCode, waiting.body).toBe(200);
    expect(waiting.json().find((r: { id: string }) => r.id === held.id)).toMatchObject({
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      status: 'pending',
      body: FALSE_BLOCK,
      phrases: [{ phrase: '已经签收', category: 'other' }],
      note: '客户问是否签收，我只是确认已签收',
      requestedByName: '王晓敏',
      canDecide: true,
    });
  });

  it('approved: the reply goes to the customer as written, in the agent’s name, and the decision is recorded', async () => {
    const ticket = await openTicket(agent);
    const held = await blockedAndHeld(agent, ticket);
    const approved = await post(supervisor, `/api/phrase-releases/${held.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved' });

    const page = await detail(agent, ticket.id);
    const kinds = page.timeline.map((e) => e.kind);
    expect(kinds.slice(kinds.indexOf('phrase_release_requested'))).toEqual(['phrase_release_requested', 'phrase_release_approved', 'reply']);
    expect(page.timeline.find((e) => e.kind === 'reply')).toMatchObject({
      visibility: 'public',
      actorName: '王晓敏',
      body: FALSE_BLOCK,
      detail: { releasedBy: '李建国', releaseRequestId: held.id, releasedPhrases: ['已经签收'] },
    });
    expect(page.timeline.find((e) => e.kind === 'phrase_release_approved')).toMatchObject({ visibility: 'internal', actorName: '李建国' });
    expect(page.firstResponseAt).not.toBeNull();
    expect(page.phraseReleases[0]).toMatchObject({ status: 'approved', decidedByName: '李建国', canDecide: false });
    // The quality-check record: who asked, when, the phrase, the text, who decided, when.
    const record = (await get(manager, '/api/phrase-releases?status=approved')).json().find((r: { id: string }) => r.id === held.id);
    expect(record).toMatchObject({ requestedByName: '王晓敏', body: FALSE_BLOCK, phrases: [{ phrase: '已经签收' }], decidedByName: '李建国' });
    expect(record.requestedAt).toBeTruthy();
    expect(record.decidedAt).toBeTruthy();
  });

  it('declined: nothing is sent and the agent reads the reason on the ticket and in their list', async () => {
    const ticket = await openTicket(agent);
    const held = await blockedAndHeld(agent, ticket);
    const declined = await post(supervisor, `/api/phrase-releases/${held.id}/decline`, { reason: '请换成“已为您查到签收记录”' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined' });

    const page = await detail(agent, ticket.id);
    expect(page.timeline.filter((e) => e.kind === 'reply')).toEqual([]);
    expect(page.timeline.at(-1)).toMatchObject({ kind: 'phrase_release_declined', visibility: 'internal', actorName: '李建国', body: '请换成“已为您查到签收记录”' });
    expect(page.phraseReleases[0]).toMatchObject({ status: 'declined', declineReason: '请换成“已为您查到签收记录”' });
    const mine = (await get(agent, '/api/phrase-releases?status=all')).json() as { id: string; status: string; declineReason: string }[];
    expect(mine.find((r) => r.id === held.id)).toMatchObject({ status: 'declined', declineReason: '请换成“已为您查到签收记录”' });
    // Declined, the agent may ask again (with a better case) — one waits at a time.
    expect((await post(agent, `/api/tickets/${ticket.id}/phrase-releases`, { body: FALSE_BLOCK })).statusCode).toBe(201);
  });

  it('the customer never sees a held reply or the decision, only the reply once released', async () => {
    // A ticket the customer opened, so there is a link to follow.
    await t.database.db.insertInto('shipments').values({ waybill_no: 'RELEASEPUB01', registered: true, recipient_name: '周八', recipient_phone: '13988887777' }).execute();
    const opened = await t.app.inject({ method: 'POST', url: '/api/public/tickets', payload: { waybillNo: 'RELEASEPUB01', phoneLast4: '7777', kind: 'query', text: '我的快件签收了吗？' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const { token, number } = opened.json() as { token: string; number: string };
    const id = (await t.database.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
    const version = (await detail(supervisor, id)).version;
    const blocked = await post(supervisor, `/api/tickets/${id}/replies`, { body: FALSE_BLOCK, visibility: 'public', version });
    expect(blocked.statusCode).toBe(422);
    const held = (await post(supervisor, `/api/tickets/${id}/phrase-releases`, { body: FALSE_BLOCK })).json() as { id: string };
    const follow = async () => JSON.stringify((await t.app.inject({ method: 'GET', url: `/api/public/tickets/${token}` })).json());
    expect(await follow()).not.toContain('签收人是您本人');
    // A supervisor's own blocked reply needs another supervisor: the manager.
    expect((await post(manager, `/api/phrase-releases/${held.id}/approve`)).statusCode).toBe(200);
    const shown = await follow();
    expect(shown).toContain('签收人是您本人');
    expect(shown).not.toContain('phrase_release');
    expect(shown).not.toContain('已经签收"');
  });
});

describe('refusals change nothing', () => {
  it('the agent who asked cannot approve; another agent cannot decide; a supervisor cannot decide their own', async () => {
    const ticket = await openTicket(agent);
    const held = await blockedAndHeld(agent, ticket);
    const before = await snapshot();
    for (const s of [agent, agent2]) {
      const approve = await post(s, `/api/phrase-releases/${held.id}/approve`);
      expect(approve.statusCode).toBe(403);
      expect(approve.json().code).toBe('FORBIDDEN');
      expect((await post(s, `/api/phrase-releases/${held.id}/decline`, { reason: '不同意放行这段话' })).statusCode).toBe(403);
    }
    expect((await post(ops, `/api/phrase-releases/${held.id}/approve`)).statusCode).toBe(403);

    const own = await openTicket(supervisor);
    const ownHeld = await blockedAndHeld(supervisor, own);
    const snapshotOwn = await snapshot();
    const refused = await post(supervisor, `/api/phrase-releases/${ownHeld.id}/approve`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PHRASE_RELEASE_OWN');
    expect((await detail(supervisor, own.id)).phraseReleases[0]).toMatchObject({ status: 'pending', canDecide: false });
    expect(await snapshot()).toEqual(snapshotOwn);
    expect(before.releases.length + 1).toBe(snapshotOwn.releases.length);
  });

  it('a decided request cannot be decided again; an unknown one is 404', async () => {
    const ticket = await openTicket(agent);
    const held = await blockedAndHeld(agent, ticket);
    expect((await post(supervisor, `/api/phrase-releases/${held.id}/decline`, { reason: '请换一种说法再发' })).statusCode).toBe(200);
    const before = await snapshot();
    for (const [path, body] of [['approve', undefined], ['decline', { reason: '再次拒绝这段话' }]] as const) {
      const again = await post(supervisor, `/api/phrase-releases/${held.id}/${path}`, body);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('PHRASE_RELEASE_DECIDED');
    }
    const unknown = await post(supervisor, `/api/phrase-releases/${randomUUID()}/approve`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('PHRASE_RELEASE_NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('a text the guard does not block needs no release; one request waits per ticket; only who may reply asks', async () => {
    const ticket = await openTicket(agent);
    const before = await snapshot();
    const fine = await post(agent, `/api/tickets/${ticket.id}/phrase-releases`, { body: '您好，已为您查到签收记录。' });
    expect(fine.statusCode).toBe(409);
    expect(fine.json().code).toBe('PHRASE_RELEASE_NOT_NEEDED');
    // agent02 reads the ticket but may not reply to agent01's ticket.
    const other = await post(agent2, `/api/tickets/${ticket.id}/phrase-releases`, { body: FALSE_BLOCK });
    expect(other.statusCode).toBe(403);
    const missing = await post(agent, `/api/tickets/${randomUUID()}/phrase-releases`, { body: FALSE_BLOCK });
    expect(missing.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);

    await blockedAndHeld(agent, ticket);
    const waiting = await snapshot();
    const twice = await post(agent, `/api/tickets/${ticket.id}/phrase-releases`, { body: FALSE_BLOCK });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PHRASE_RELEASE_PENDING');
    expect(await snapshot()).toEqual(waiting);
  });

  it('in warn mode there is nothing to release: the agent confirms and sends', async () => {
    const ticket = await openTicket(agent);
    const set = (mode: string) => t.app.inject({ method: 'PUT', url: '/api/admin/phrase-guard', headers: admin.headers(), payload: { mode } });
    expect((await set('warn')).statusCode).toBe(200);
    try {
      const res = await post(agent, `/api/tickets/${ticket.id}/phrase-releases`, { body: FALSE_BLOCK });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('PHRASE_RELEASE_NOT_NEEDED');
    } finally {
      expect((await set('block')).statusCode).toBe(200);
    }
  });

  it('an agent’s list holds only their own requests, a supervisor’s everyone’s', async () => {
    const ticket = await openTicket(agent);
    const held = await blockedAndHeld(agent, ticket);
    const ids = async (s: Session, query = '') => ((await get(s, `/api/phrase-releases${query}`)).json() as { id: string; requestedById: string }[]);
    expect((await ids(agent2)).map((r) => r.id)).not.toContain(held.id);
    expect((await ids(agent)).map((r) => r.id)).toContain(held.id);
    expect((await ids(supervisor)).map((r) => r.id)).toContain(held.id);
    const supervisorId = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'supervisor01').executeTakeFirstOrThrow()).id;
    expect((await ids(supervisor, '?mine=true')).every((r) => r.requestedById === supervisorId)).toBe(true);
    const stranger = await t.app.inject({ method: 'GET', url: '/api/phrase-releases' });
    expect(stranger.statusCode).toBe(401);
  });
});
