/**
 * Text people type must say something: a field of spaces is refused with 400 VALIDATION_FAILED
 * naming the field, as the console's forms refuse it (http/schemas.ts Text), and nothing is
 * written. One row per endpoint and field.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let ops: Session;
let admin: Session;
let manager: Session;
const f = {
  ticketId: '',
  token: '',
  requestId: '',
  frontTeamId: '',
  opsId: '',
  adminVersion: 0,
  slaPolicy: {} as Record<string, unknown>,
  slaVersion: 0,
  timeLimitVersion: 0,
  phraseId: '',
  code: '',
};

beforeAll(async () => {
  t = await createTestApp();
  [agent, ops, admin, manager] = await Promise.all([t.signIn('agent01'), t.signIn('ops01'), t.signIn('admin'), t.signIn('manager01')]);
  const db = t.database.db;
  const dept = async (code: string) => (await db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  [f.frontTeamId, f.opsId] = await Promise.all([dept('CS-FRONT'), dept('OPS')]);

  const opened = await send(agent, 'POST', '/api/tickets', { kind: 'complaint', channel: 'phone', subject: '快件破损投诉', customerName: '张三' });
  expect(opened.statusCode, opened.body).toBe(201);
  f.ticketId = opened.json().id;
  const asked = await send(agent, 'POST', `/api/tickets/${f.ticketId}/department-requests`, { departmentId: f.opsId, question: '请核实破损原因', version: opened.json().version });
  expect(asked.statusCode, asked.body).toBe(200);
  f.requestId = (await db.selectFrom('ticket_department_requests').select('id').where('ticket_id', '=', f.ticketId).executeTakeFirstOrThrow()).id;

  await db
    .insertInto('shipments')
    .values({ waybill_no: 'BLANK0000001', registered: true, sender_name: '王五', sender_phone: '13811112222', recipient_name: '赵六', recipient_phone: '13933334444' })
    .execute();
  const created = await send(null, 'POST', '/api/public/tickets', { waybillNo: 'BLANK0000001', phoneLast4: '4444', kind: 'query', text: '请问我的快件到哪里了?' });
  expect(created.statusCode, created.body).toBe(201);
  f.token = created.json().token;

  f.adminVersion = (await send(admin, 'GET', `/api/users/${admin.userId}`)).json().version;
  const sla = (await send(manager, 'GET', '/api/admin/sla-policy')).json();
  [f.slaPolicy, f.slaVersion] = [sla.policy, sla.version];
  f.timeLimitVersion = (await send(manager, 'GET', '/api/time-limit-policy')).json().current.version;
  f.phraseId = (await db.selectFrom('standard_phrases').select('id').executeTakeFirstOrThrow()).id;
  f.code = (await db.selectFrom('ticket_codes').select('code').executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

function send(session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: session ? session.headers() : {}, ...(payload ? { payload } : {}) });
}

const version = async () => (await t.database.db.selectFrom('tickets').select('version').where('id', '=', f.ticketId).executeTakeFirstOrThrow()).version;

type As = 'agent' | 'ops' | 'admin' | 'manager' | 'customer';
interface Case {
  endpoint: string;
  field: string;
  as: As;
  method?: 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  body: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const BLANK = '   ';
const ticket = (path: string) => () => `/api/tickets/${f.ticketId}/${path}`;
const newTicket = { kind: 'query', channel: 'phone', subject: '查件' };
const code = { code: 'blank_name', kind: 'category', nameZh: '空白', nameEn: 'Blank' };

const cases: Case[] = [
  { endpoint: 'POST /api/tickets', field: 'subject', as: 'agent', url: () => '/api/tickets', body: () => ({ ...newTicket, subject: BLANK }) },
  { endpoint: 'POST /api/tickets', field: 'description', as: 'agent', url: () => '/api/tickets', body: () => ({ ...newTicket, description: BLANK }) },
  { endpoint: 'POST /api/tickets', field: 'customerName', as: 'agent', url: () => '/api/tickets', body: () => ({ ...newTicket, customerName: BLANK }) },
  { endpoint: 'POST /api/tickets', field: 'answer', as: 'agent', url: () => '/api/tickets', body: () => ({ ...newTicket, answer: '\u3000 \t' }) },
  { endpoint: 'POST /api/contacts', field: 'question', as: 'agent', url: () => '/api/contacts', body: () => ({ channel: 'phone', question: BLANK }) },
  { endpoint: 'POST /api/contacts', field: 'answer', as: 'agent', url: () => '/api/contacts', body: () => ({ channel: 'phone', question: '查件', answer: BLANK }) },
  { endpoint: 'POST …/replies (public)', field: 'body', as: 'agent', url: ticket('replies'), body: async () => ({ body: BLANK, visibility: 'public', version: await version() }) },
  { endpoint: 'POST …/replies (internal)', field: 'body', as: 'agent', url: ticket('replies'), body: async () => ({ body: '\n\n', visibility: 'internal', version: await version() }) },
  { endpoint: 'POST …/status', field: 'note', as: 'agent', url: ticket('status'), body: async () => ({ status: 'pending_customer', note: BLANK, version: await version() }) },
  { endpoint: 'POST …/transfer', field: 'reason', as: 'agent', url: ticket('transfer'), body: async () => ({ toTeamId: f.frontTeamId, reason: BLANK, version: await version() }) },
  { endpoint: 'POST …/escalate', field: 'reason', as: 'agent', url: ticket('escalate'), body: async () => ({ reason: BLANK, version: await version() }) },
  { endpoint: 'POST …/department-requests', field: 'question', as: 'agent', url: ticket('department-requests'), body: async () => ({ departmentId: f.opsId, question: BLANK, version: await version() }) },
  { endpoint: 'POST /api/department-requests/:id/reply', field: 'reply', as: 'ops', url: () => `/api/department-requests/${f.requestId}/reply`, body: () => ({ reply: BLANK }) },
  { endpoint: 'POST …/resolve', field: 'reply', as: 'agent', url: ticket('resolve'), body: async () => ({ reply: BLANK, version: await version() }) },
  { endpoint: 'POST …/close', field: 'reason', as: 'agent', url: ticket('close'), body: async () => ({ reason: BLANK, version: await version() }) },
  { endpoint: 'POST …/reopen', field: 'reason', as: 'agent', url: ticket('reopen'), body: async () => ({ reason: BLANK, version: await version() }) },
  { endpoint: 'POST …/edit', field: 'subject', as: 'agent', url: ticket('edit'), body: async () => ({ subject: BLANK, version: await version() }) },
  // Validation comes before the lookup: the callback need not exist.
  { endpoint: 'POST /api/callbacks/:id/complete', field: 'note', as: 'agent', url: () => `/api/callbacks/${randomUUID()}/complete`, body: () => ({ outcome: 'satisfied', note: BLANK }) },
  { endpoint: 'POST /api/public/tickets', field: 'text', as: 'customer', url: () => '/api/public/tickets', body: () => ({ waybillNo: 'BLANK0000001', phoneLast4: '4444', kind: 'query', text: '     ' }) },
  {
    endpoint: 'POST /api/public/tickets',
    field: 'contactName',
    as: 'customer',
    url: () => '/api/public/tickets',
    body: () => ({ waybillNo: 'BLANK0000001', phoneLast4: '4444', kind: 'query', text: '请问我的快件到哪里了?', contactName: BLANK }),
  },
  { endpoint: 'POST /api/public/tickets/:token/replies', field: 'body', as: 'customer', url: () => `/api/public/tickets/${f.token}/replies`, body: () => ({ body: BLANK }) },
  { endpoint: 'POST /api/public/tickets/:token/rating', field: 'reason', as: 'customer', url: () => `/api/public/tickets/${f.token}/rating`, body: () => ({ rating: 1, reason: BLANK }) },
  {
    endpoint: 'POST /api/users',
    field: 'displayName',
    as: 'admin',
    url: () => '/api/users',
    body: () => ({ username: 'blank.name', displayName: BLANK, password: 'a-long-enough-password', role: 'agent' }),
  },
  { endpoint: 'PATCH /api/users/:id', field: 'displayName', as: 'admin', method: 'PATCH', url: () => `/api/users/${admin.userId}`, body: () => ({ displayName: BLANK, version: f.adminVersion }) },
  { endpoint: 'POST /api/api-keys', field: 'name', as: 'admin', url: () => '/api/api-keys', body: () => ({ name: BLANK, role: 'integration' }) },
  { endpoint: 'POST /api/admin/ticket-codes', field: 'nameZh', as: 'manager', url: () => '/api/admin/ticket-codes', body: () => ({ ...code, nameZh: BLANK }) },
  { endpoint: 'POST /api/admin/ticket-codes', field: 'nameEn', as: 'manager', url: () => '/api/admin/ticket-codes', body: () => ({ ...code, nameEn: BLANK }) },
  { endpoint: 'PATCH /api/admin/ticket-codes/:code', field: 'nameZh', as: 'manager', method: 'PATCH', url: () => `/api/admin/ticket-codes/${f.code}`, body: () => ({ nameZh: BLANK }) },
  { endpoint: 'POST /api/admin/phrases/standard', field: 'title', as: 'manager', url: () => '/api/admin/phrases/standard', body: () => ({ situation: 'greeting', title: BLANK, text: '您好' }) },
  { endpoint: 'POST /api/admin/phrases/standard', field: 'text', as: 'manager', url: () => '/api/admin/phrases/standard', body: () => ({ situation: 'greeting', title: '问候', text: BLANK }) },
  { endpoint: 'PATCH /api/admin/phrases/standard/:id', field: 'text', as: 'manager', method: 'PATCH', url: () => `/api/admin/phrases/standard/${f.phraseId}`, body: () => ({ text: BLANK }) },
  { endpoint: 'POST /api/admin/phrases/forbidden', field: 'phrase', as: 'manager', url: () => '/api/admin/phrases/forbidden', body: () => ({ phrase: BLANK, category: 'other', match: 'contains' }) },
  { endpoint: 'PUT /api/admin/calendar/days/:date', field: 'name', as: 'manager', method: 'PUT', url: () => '/api/admin/calendar/days/2031-01-02', body: () => ({ kind: 'holiday', name: BLANK }) },
  { endpoint: 'PUT /api/admin/sla-policy', field: 'note', as: 'manager', method: 'PUT', url: () => '/api/admin/sla-policy', body: () => ({ policy: f.slaPolicy, baseVersion: f.slaVersion, note: BLANK }) },
  { endpoint: 'POST /api/time-limit-policy', field: 'note', as: 'manager', url: () => '/api/time-limit-policy', body: () => ({ rules: {}, note: BLANK, baseVersion: f.timeLimitVersion }) },
];

/** Everything a case could write: row counts, and the rows the PATCH/PUT cases would change. */
async function snapshot() {
  const db = t.database.db;
  const tables = [
    'tickets',
    'ticket_events',
    'contacts',
    'ticket_department_requests',
    'ticket_callbacks',
    'users',
    'api_keys',
    'ticket_codes',
    'standard_phrases',
    'forbidden_phrases',
    'calendar_days',
    'sla_policies',
    'time_limit_policies',
    'audit_log',
  ] as const;
  const counts = await Promise.all(tables.map(async (table) => [table, Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)]));
  return {
    counts: Object.fromEntries(counts),
    ticket: await db.selectFrom('tickets').select(['version', 'subject', 'status', 'rating']).where('id', '=', f.ticketId).executeTakeFirstOrThrow(),
    request: await db.selectFrom('ticket_department_requests').select(['reply']).where('id', '=', f.requestId).executeTakeFirstOrThrow(),
    admin: await db.selectFrom('users').select(['display_name', 'version']).where('id', '=', admin.userId).executeTakeFirstOrThrow(),
    code: await db.selectFrom('ticket_codes').select(['name_zh']).where('code', '=', f.code).executeTakeFirstOrThrow(),
    phrase: await db.selectFrom('standard_phrases').select(['text']).where('id', '=', f.phraseId).executeTakeFirstOrThrow(),
  };
}

describe('blank text is refused and changes nothing', () => {
  it.each(cases)('$endpoint $field', async (c) => {
    const session = { agent, ops, admin, manager, customer: null }[c.as];
    const before = await snapshot();
    const res = await send(session, c.method ?? 'POST', c.url(), await c.body());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(`${c.field} 不能为空白`) });
    expect(res.json().details).toContainEqual({ path: c.field, rule: 'pattern' });
    expect(await snapshot()).toEqual(before);
  });

  it('says so in English too', async () => {
    const res = await send(agent, 'POST', '/api/tickets', { ...newTicket, subject: BLANK });
    const english = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: agent.headers({ 'accept-language': 'en-US' }), payload: { ...newTicket, subject: BLANK } });
    expect(res.json().message).toContain('subject 不能为空白');
    expect(english.statusCode).toBe(400);
    expect(english.json().message).toContain('subject must not be blank');
  });

  it('text with words and spaces around them is still taken', async () => {
    const res = await send(agent, 'POST', '/api/tickets', { ...newTicket, subject: '  查件  ' });
    expect(res.statusCode, res.body).toBe(201);
  });
});
