/**
 * Bad input from outside gets a 4xx with a stable code and a readable message, and changes
 * nothing: the users, sessions and audit log are counted before and after every case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let adminVersion: number;
beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: 4096 } });
  admin = await t.signIn('admin');
  agent = await t.signIn('agent01');
  adminVersion = (await t.app.inject({ method: 'GET', url: `/api/users/${admin.userId}`, headers: admin.headers() })).json().version;
});
afterAll(() => t.close());

const valid = { username: 'new.agent', displayName: '新客服', password: 'a-long-enough-password', role: 'agent' };

interface Case {
  case: string;
  method?: 'POST' | 'PATCH' | 'GET' | 'DELETE';
  url?: string;
  as?: 'admin' | 'agent' | 'nobody';
  headers?: Record<string, string>;
  body?: string | Record<string, unknown>;
  status: number;
  code: string;
  message?: RegExp;
}

const cases: Case[] = [
  { case: 'malformed JSON', body: '{"username": "x", ', status: 400, code: 'MALFORMED_JSON', message: /不是有效的 JSON/ },
  { case: 'empty JSON body', body: '', status: 400, code: 'MALFORMED_JSON' },
  { case: 'JSON of the wrong shape (array)', body: '[1,2]', status: 400, code: 'VALIDATION_FAILED' },
  { case: 'number where text belongs', body: { ...valid, displayName: 12345 }, status: 400, code: 'VALIDATION_FAILED', message: /displayName 的类型应为 string/ },
  { case: 'text where a boolean belongs', method: 'PATCH', url: 'self', body: { version: 1, active: 'false' }, status: 400, code: 'VALIDATION_FAILED', message: /active/ },
  { case: 'unknown field', body: { ...valid, isSuperuser: true }, status: 400, code: 'VALIDATION_FAILED', message: /不允许的字段 isSuperuser/ },
  { case: 'missing field', body: { username: 'x.y.z', password: 'a-long-enough-password' }, status: 400, code: 'VALIDATION_FAILED', message: /缺少字段/ },
  { case: 'role that does not exist', body: { ...valid, role: 'root' }, status: 400, code: 'VALIDATION_FAILED', message: /role/ },
  { case: 'username with spaces', body: { ...valid, username: 'drop table' }, status: 400, code: 'VALIDATION_FAILED', message: /username 的格式不正确/ },
  { case: 'bad e-mail', body: { ...valid, email: 'not-an-email' }, status: 400, code: 'VALIDATION_FAILED' },
  { case: 'over-long display name', body: { ...valid, displayName: '长'.repeat(65) }, status: 400, code: 'VALIDATION_FAILED', message: /最多 64 个字符/ },
  { case: 'oversized body', body: { ...valid, displayName: 'x'.repeat(5000) }, status: 413, code: 'BODY_TOO_LARGE', message: /4096/ },
  { case: 'wrong content type', headers: { 'content-type': 'text/plain' }, body: 'username=x', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { case: 'form-encoded body', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=x', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { case: 'missing auth', as: 'nobody', body: valid, status: 401, code: 'AUTH_REQUIRED', message: /请先登录/ },
  { case: 'wrong role', as: 'agent', body: valid, status: 403, code: 'FORBIDDEN', message: /没有执行此操作的权限/ },
  { case: 'wrong role reading users', as: 'agent', method: 'GET', url: '/api/users', status: 403, code: 'FORBIDDEN' },
  { case: 'query parameter out of range', method: 'GET', url: '/api/users?pageSize=100000', status: 400, code: 'VALIDATION_FAILED', message: /pageSize/ },
  { case: 'unknown query parameter', method: 'GET', url: '/api/users?admin=1', status: 400, code: 'VALIDATION_FAILED' },
  { case: 'unknown API route', method: 'GET', url: '/api/nothing-here', status: 404, code: 'NOT_FOUND' },
  { case: 'not a uuid', method: 'DELETE', url: '/api/api-keys/1;drop', status: 400, code: 'VALIDATION_FAILED' },
];

describe('bad input changes nothing', () => {
  it.each(cases)('$case → $status $code', async (c) => {
    const before = await Promise.all([countRows(t.database, 'users'), countRows(t.database, 'audit_log'), countRows(t.database, 'api_keys')]);
    const session = c.as === 'nobody' ? null : c.as === 'agent' ? agent : admin;
    const url = c.url === 'self' ? `/api/users/${admin.userId}` : (c.url ?? '/api/users');
    const payload = typeof c.body === 'object' ? JSON.stringify(c.body) : c.body;
    const response = await t.app.inject({
      method: c.method ?? 'POST',
      url,
      headers: {
        ...(payload !== undefined && { 'content-type': 'application/json' }),
        ...session?.headers(),
        ...c.headers,
      },
      ...(payload !== undefined && { payload }),
    });
    expect(response.statusCode).toBe(c.status);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    const body = response.json();
    expect(body.code).toBe(c.code);
    expect(typeof body.message).toBe('string');
    if (c.message) expect(body.message).toMatch(c.message);
    const after = await Promise.all([countRows(t.database, 'users'), countRows(t.database, 'audit_log'), countRows(t.database, 'api_keys')]);
    expect(after).toEqual(before);
  });

  it('validation messages follow the caller language', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers({ 'accept-language': 'en-US' }),
      payload: { ...valid, isSuperuser: true },
    });
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid: isSuperuser is not an allowed field',
      details: [{ path: 'isSuperuser', rule: 'additionalProperties' }],
    });
  });

  it('several problems are listed with the punctuation of the caller language (；in Chinese, ; in English)', async () => {
    const payload = { ...valid, username: 'drop table', displayName: 12345 };
    const zh = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload });
    expect(zh.json().message).toBe('请求内容不正确：username 的格式不正确；displayName 的类型应为 string');
    const en = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers({ 'accept-language': 'en-US' }), payload });
    expect(en.json().message).toBe('The request is not valid: username is not in the expected format; displayName must be of type string');
  });

  it('the admin record is untouched by the refused PATCH', async () => {
    const me = await t.app.inject({ method: 'GET', url: `/api/users/${admin.userId}`, headers: admin.headers() });
    expect(me.json()).toMatchObject({ active: true, version: adminVersion });
  });
});
