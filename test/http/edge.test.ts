/**
 * The HTTP edge decides once what it takes (issue 14, defects 2, 3 and 15): text with NUL or an
 * unpaired surrogate is refused with 400 TEXT_INVALID naming the field, integers too large for
 * their column are refused with 400 VALIDATION_FAILED, and a caller who may not use a route hears
 * so (401/403) before anything about the body. Every refusal changes nothing in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { digestDatabase } from '../support/digest.js';

let t: TestApp;
let agent: Session;
let admin: Session;
let manager: Session;
const f = { ticketId: '', token: '', slaPolicy: {} as Record<string, unknown>, slaVersion: 0, timeLimitVersion: 0, phraseId: '', code: '', adminVersion: 0 };

beforeAll(async () => {
  t = await createTestApp();
  [agent, admin, manager] = await Promise.all([t.signIn('agent01'), t.signIn('admin'), t.signIn('manager01')]);
  const db = t.database.db;
  const opened = await send(agent, 'POST', '/api/tickets', { kind: 'complaint', channel: 'phone', subject: '快件破损投诉', customerName: '张三' });
  expect(opened.statusCode, opened.body).toBe(201);
  f.ticketId = opened.json().id;
  await db
    .insertInto('shipments')
    .values({ waybill_no: 'EDGE00000001', registered: true, sender_name: '王五', sender_phone: '13811112222', recipient_name: '赵六', recipient_phone: '13933334444' })
    .execute();
  const created = await send(null, 'POST', '/api/public/tickets', { waybillNo: 'EDGE00000001', phoneLast4: '4444', kind: 'query', text: '请问我的快件到哪里了?' });
  expect(created.statusCode, created.body).toBe(201);
  f.token = created.json().token;
  const sla = (await send(manager, 'GET', '/api/admin/sla-policy')).json();
  [f.slaPolicy, f.slaVersion] = [sla.policy, sla.version];
  f.timeLimitVersion = (await send(manager, 'GET', '/api/time-limit-policy')).json().current.version;
  f.phraseId = (await db.selectFrom('standard_phrases').select('id').executeTakeFirstOrThrow()).id;
  f.code = (await db.selectFrom('ticket_codes').select('code').executeTakeFirstOrThrow()).code;
  f.adminVersion = (await send(admin, 'GET', `/api/users/${admin.userId}`)).json().version;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
function send(session: Session | null, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: session ? session.headers() : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

const version = async () => (await t.database.db.selectFrom('tickets').select('version').where('id', '=', f.ticketId).executeTakeFirstOrThrow()).version;
const ticket = (path: string) => () => `/api/tickets/${f.ticketId}/${path}`;

type As = 'agent' | 'admin' | 'manager' | 'nobody';
interface Case {
  case: string;
  as: As;
  method?: Method;
  url: () => string;
  body?: () => Promise<unknown> | unknown;
  /** the field the answer names */
  field: string;
}

const NUL = 'a\u0000b';
const HIGH = 'a\ud800b';
const LOW = '\udc00';

const textCases: Case[] = [
  { case: 'sign-in username with NUL', as: 'nobody', url: () => '/api/auth/login', body: () => ({ username: `admin${NUL}`, password: 'whatever-password' }), field: 'username' },
  { case: 'sign-in password with a lone surrogate', as: 'nobody', url: () => '/api/auth/login', body: () => ({ username: 'admin', password: `pass${HIGH}word` }), field: 'password' },
  { case: 'self-service ticket text', as: 'nobody', url: () => '/api/public/tickets', body: () => ({ waybillNo: 'EDGE00000001', phoneLast4: '4444', kind: 'query', text: `请问快件${NUL}` }), field: 'text' },
  { case: 'self-service reply', as: 'nobody', url: () => `/api/public/tickets/${f.token}/replies`, body: () => ({ body: `谢谢${LOW}` }), field: 'body' },
  { case: 'self-service ticket token (path)', as: 'nobody', method: 'GET', url: () => '/api/public/tickets/abc%00def', field: 'token' },
  { case: 'public tracking waybill', as: 'nobody', url: () => '/api/public/track', body: () => ({ waybillNos: ['SF1234567890', `SF${NUL}`] }), field: 'waybillNos.1' },
  { case: 'shipment search ?q=%00', as: 'agent', method: 'GET', url: () => '/api/shipments?q=%00', field: 'q' },
  { case: 'shipment waybill (path)', as: 'agent', method: 'GET', url: () => '/api/shipments/SF%0012345678', field: 'waybillNo' },
  { case: 'user search ?q=%00', as: 'admin', method: 'GET', url: () => '/api/users?q=%00', field: 'q' },
  { case: 'audit search by action', as: 'admin', method: 'GET', url: () => '/api/audit?action=%00', field: 'action' },
  { case: 'exceptions by site', as: 'agent', method: 'GET', url: () => '/api/exceptions?site=%00', field: 'site' },
  { case: 'ticket search ?q=%00', as: 'agent', method: 'GET', url: () => '/api/tickets?q=a%00', field: 'q' },
  { case: 'ticket subject', as: 'agent', url: () => '/api/tickets', body: () => ({ kind: 'query', channel: 'phone', subject: `查件${NUL}` }), field: 'subject' },
  { case: 'ticket description', as: 'agent', url: () => '/api/tickets', body: () => ({ kind: 'query', channel: 'phone', subject: '查件', description: HIGH }), field: 'description' },
  { case: 'a key with NUL', as: 'agent', url: () => '/api/tickets', body: () => ({ kind: 'query', channel: 'phone', subject: '查件', [`x${NUL}`]: 1 }), field: 'xa�b' },
  { case: 'ticket reply', as: 'agent', url: ticket('replies'), body: async () => ({ body: `您好${NUL}`, visibility: 'public', version: await version() }), field: 'body' },
  { case: 'internal note', as: 'agent', url: ticket('replies'), body: async () => ({ body: LOW, visibility: 'internal', version: await version() }), field: 'body' },
  { case: 'ticket edit subject', as: 'agent', url: ticket('edit'), body: async () => ({ subject: HIGH, version: await version() }), field: 'subject' },
  { case: 'contact question', as: 'agent', url: () => '/api/contacts', body: () => ({ channel: 'phone', question: `查件${NUL}` }), field: 'question' },
  { case: 'phrase check text', as: 'agent', url: () => '/api/phrases/check', body: () => ({ text: NUL }), field: 'text' },
  { case: 'SLA policy, deep', as: 'manager', method: 'PUT', url: () => '/api/admin/sla-policy', body: () => ({ policy: { ...f.slaPolicy, departmentReply: { ...(f.slaPolicy.departmentReply as object), source: HIGH } }, baseVersion: f.slaVersion, note: '改一下' }), field: 'policy.departmentReply.source' },
  { case: 'API key name', as: 'admin', url: () => '/api/api-keys', body: () => ({ name: `scanner${NUL}`, role: 'integration' }), field: 'name' },
  { case: 'user display name', as: 'admin', method: 'PATCH', url: () => `/api/users/${admin.userId}`, body: () => ({ displayName: HIGH, version: f.adminVersion }), field: 'displayName' },
  { case: 'ticket code name', as: 'manager', url: () => '/api/admin/ticket-codes', body: () => ({ code: 'edge_code', kind: 'category', nameZh: NUL, nameEn: 'Edge' }), field: 'nameZh' },
  { case: 'ticket code (path)', as: 'manager', method: 'PATCH', url: () => '/api/admin/ticket-codes/a%00b', body: () => ({ nameZh: '改' }), field: 'code' },
  { case: 'calendar day name', as: 'manager', method: 'PUT', url: () => '/api/admin/calendar/days/2031-01-02', body: () => ({ kind: 'holiday', name: `元旦${LOW}` }), field: 'name' },
  { case: 'calendar day (path)', as: 'manager', method: 'DELETE', url: () => '/api/admin/calendar/days/2031-01%00', field: 'date' },
  { case: 'standard phrase text', as: 'manager', method: 'PATCH', url: () => `/api/admin/phrases/standard/${f.phraseId}`, body: () => ({ text: `您好${NUL}` }), field: 'text' },
  { case: 'forbidden phrase', as: 'manager', url: () => '/api/admin/phrases/forbidden', body: () => ({ phrase: HIGH, category: 'other', match: 'contains' }), field: 'phrase' },
  { case: 'SLA policy note', as: 'manager', method: 'PUT', url: () => '/api/admin/sla-policy', body: () => ({ policy: f.slaPolicy, baseVersion: f.slaVersion, note: `改${NUL}` }), field: 'note' },
  { case: 'time-limit policy note', as: 'manager', url: () => '/api/time-limit-policy', body: () => ({ rules: {}, note: `改${LOW}`, baseVersion: f.timeLimitVersion }), field: 'note' },
];

describe('text with NUL or an unpaired surrogate is refused and changes nothing', () => {
  it.each(textCases)('$case → 400 TEXT_INVALID', async (c) => {
    const session = { agent, admin, manager, nobody: null }[c.as];
    const before = await digestDatabase(t.database);
    const res = await send(session, c.method ?? 'POST', c.url(), await c.body?.());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TEXT_INVALID', message: expect.stringContaining(`${c.field} 含有无法保存的字符`) });
    expect(await digestDatabase(t.database)).toEqual(before);
  });

  it('says so in English too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/shipments?q=%00', headers: agent.headers({ 'accept-language': 'en-US' }) });
    expect(res.json()).toMatchObject({ code: 'TEXT_INVALID', message: expect.stringContaining('q contains characters that cannot be stored') });
  });

  it('paired surrogates (an emoji) and other control characters are text', async () => {
    const res = await send(agent, 'POST', '/api/tickets', { kind: 'query', channel: 'phone', subject: '查件 📦\t' });
    expect(res.statusCode, res.body).toBe(201);
  });
});

interface NumberCase {
  case: string;
  as: As;
  method?: Method;
  url: () => string;
  /** the JSON text sent, so 1e21 and 1e308 go out as written */
  body?: (n: string) => Promise<string> | string;
  field: string;
}

/** Numbers that overflowed an int4 column, or JavaScript's safe integers, or a double. */
const HUGE = ['2147483648', '9007199254740992', '1e21', '1e308', '-1e308'];
const json = (text: TemplateStringsArray, ...values: unknown[]) => String.raw(text, ...values);

const numberCases: NumberCase[] = [
  { case: 'ticket reply version', as: 'agent', url: ticket('replies'), body: (n) => json`{"body":"您好","visibility":"internal","version":${n}}`, field: 'version' },
  { case: 'ticket edit version', as: 'agent', url: ticket('edit'), body: (n) => json`{"subject":"查件","version":${n}}`, field: 'version' },
  { case: 'ticket close version', as: 'agent', url: ticket('close'), body: (n) => json`{"reason":"重复","version":${n}}`, field: 'version' },
  { case: 'user version', as: 'admin', method: 'PATCH', url: () => `/api/users/${admin.userId}`, body: (n) => json`{"displayName":"管理员","version":${n}}`, field: 'version' },
  { case: 'duty capacity', as: 'agent', method: 'PUT', url: () => `/api/duty/${agent.userId}`, body: (n) => json`{"onDuty":true,"capacity":${n}}`, field: 'capacity' },
  { case: 'rating', as: 'nobody', url: () => `/api/public/tickets/${f.token}/rating`, body: (n) => json`{"rating":${n}}`, field: 'rating' },
  { case: 'SLA policy base version', as: 'manager', method: 'PUT', url: () => '/api/admin/sla-policy', body: (n) => JSON.stringify({ policy: f.slaPolicy, note: '改一下', baseVersion: 0 }).replace('"baseVersion":0', `"baseVersion":${n}`), field: 'baseVersion' },
  { case: 'SLA policy target minutes', as: 'manager', method: 'PUT', url: () => '/api/admin/sla-policy', body: (n) => JSON.stringify({ policy: f.slaPolicy, note: '改一下', baseVersion: f.slaVersion }).replace(/"minutes":\d+/, `"minutes":${n}`), field: 'policy.rules.0.firstResponse.minutes' },
  { case: 'time-limit base version', as: 'manager', url: () => '/api/time-limit-policy', body: (n) => json`{"rules":{"promiseSameCity":{"value":48}},"note":"改一下","baseVersion":${n}}`, field: 'baseVersion' },
  { case: 'time-limit rule value', as: 'manager', url: () => '/api/time-limit-policy', body: async (n) => json`{"rules":{"promiseSameCity":{"value":${n}}},"note":"改一下","baseVersion":${f.timeLimitVersion}}`, field: 'rules.promiseSameCity.value' },
  { case: 'SLA policy version (path)', as: 'manager', method: 'GET', url: () => '/api/admin/sla-policy/99999999999999999999', field: 'version' },
  { case: 'SLA policy version 2^31 (path)', as: 'manager', method: 'GET', url: () => '/api/admin/sla-policy/2147483648', field: 'version' },
  { case: 'calendar year (query)', as: 'manager', method: 'GET', url: () => '/api/admin/calendar/days?year=99999999999999999999', field: 'year' },
  { case: 'page (query)', as: 'admin', method: 'GET', url: () => '/api/users?page=99999999999999999999', field: 'page' },
];

describe('integers too large for their column are refused and change nothing', () => {
  const table = numberCases.flatMap((c) => (c.body ? HUGE.filter((n) => !n.startsWith('-') || c.case !== 'SLA policy target minutes').map((n) => ({ ...c, n })) : [{ ...c, n: '' }]));
  it.each(table)('$case $n → 400', async (c) => {
    const session = { agent, admin, manager, nobody: null }[c.as];
    const before = await digestDatabase(t.database);
    const payload = c.body ? await c.body(c.n) : undefined;
    const res = await t.app.inject({
      method: c.method ?? 'POST',
      url: c.url(),
      headers: { ...session?.headers(), ...(payload !== undefined && { 'content-type': 'application/json' }) },
      ...(payload !== undefined && { payload }),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().details).toContainEqual(expect.objectContaining({ path: c.field }));
    expect(await digestDatabase(t.database)).toEqual(before);
  });

  it('the largest version that fits is a stale version (409), not an error', async () => {
    const res = await send(agent, 'POST', `/api/tickets/${f.ticketId}/edit`, { subject: '查件', version: 2147483647 });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('CONFLICT_STALE_VERSION');
  });
});

describe('who may call a route is decided before anything about the body', () => {
  const cases = [
    { case: 'anonymous, bad body, protected route', as: 'nobody' as const, url: '/api/tickets', body: { subject: 42 }, status: 401, code: 'AUTH_REQUIRED' },
    { case: 'anonymous, malformed JSON', as: 'nobody' as const, url: '/api/tickets', raw: '{"subject": ', status: 401, code: 'AUTH_REQUIRED' },
    { case: 'anonymous, NUL in the body', as: 'nobody' as const, url: '/api/api-keys', body: { name: NUL }, status: 401, code: 'AUTH_REQUIRED' },
    { case: 'agent, bad body, admin route', as: 'agent' as const, url: '/api/users', body: { username: 7 }, status: 403, code: 'FORBIDDEN' },
    { case: 'agent, a number for the password, admin route', as: 'agent' as const, url: `/api/users/00000000-0000-4000-8000-000000000000/password`, body: { password: 1e308 }, status: 403, code: 'FORBIDDEN' },
    { case: 'agent, NUL, admin route', as: 'agent' as const, url: '/api/admin/phrases/forbidden', body: { phrase: NUL }, status: 403, code: 'FORBIDDEN' },
  ];
  it.each(cases)('$case → $status $code', async (c) => {
    const session = c.as === 'agent' ? agent : null;
    const payload = c.raw ?? JSON.stringify(c.body);
    const res = await t.app.inject({ method: 'POST', url: c.url, headers: { ...session?.headers(), 'content-type': 'application/json' }, payload });
    expect(res.statusCode, res.body).toBe(c.status);
    expect(res.json().code).toBe(c.code);
  });
});
