import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, DEMO_PASSWORD, sessionFrom, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { maxFailedSignIns: 3, lockMinutes: 15 } });
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('subject_id', '=', subjectId)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.action);
}

describe('signing in', () => {
  it('opens a session in an httpOnly SameSite cookie and tells who is signed in', async () => {
    const response = await login('agent01', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'pd_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'agent01', displayName: '王晓敏', role: 'agent', departmentName: '客服呼叫中心' });
    expect(body.user.permissions).toEqual(['console.use', 'departments.read', 'shipments.read', 'tickets.work', 'customers.read', 'serviceOrders.read', 'serviceOrders.work', 'quality.self']);
    expect(body.user).not.toHaveProperty('passwordHash');

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `pd_session=${cookie!.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('agent01');
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('accepts the username in any case', async () => {
    expect((await login('Agent01', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('says "wrong username or password" the same way for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody', DEMO_PASSWORD);
    const wrong = await login('agent02', 'not-the-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误。' });
    expect(wrong.json()).toEqual(unknown.json());
    expect(unknown.cookies).toHaveLength(0);
  });

  it("answers in the caller's language", async () => {
    const response = await login('nobody', 'x', { 'accept-language': 'en-US,en;q=0.9' });
    expect(response.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong username or password.' });
  });

  it('locks the account after repeated failures, even for the right password, until an admin unlocks it', async () => {
    const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'ops01').executeTakeFirstOrThrow();
    expect((await login('ops01', 'wrong-1')).statusCode).toBe(401);
    expect((await login('ops01', 'wrong-2')).statusCode).toBe(401);
    const third = await login('ops01', 'wrong-3');
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(third.json().message).toMatch(/登录已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const rightButLocked = await login('ops01', DEMO_PASSWORD);
    expect(rightButLocked.statusCode).toBe(423);
    expect(rightButLocked.cookies).toHaveLength(0);

    const admin = await t.signIn('admin');
    const listed = await t.app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: admin.headers() });
    expect(listed.json().lockedUntil).not.toBeNull();
    const unlock = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/unlock`, headers: admin.headers() });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().lockedUntil).toBeNull();
    expect((await login('ops01', DEMO_PASSWORD)).statusCode).toBe(200);

    expect(await auditActions(user.id)).toEqual([
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.locked',
      'auth.sign_in_failed',
      'user.unlock',
      'auth.sign_in',
    ]);
  });

  it('a lock runs out by itself', async () => {
    const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'kam01').executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('sign_in_locks')
      .values({ username: 'kam01', client: '127.0.0.1', failures: 3, locked_until: new Date(Date.now() - 1000) })
      .execute();
    expect(user.id).toBeTruthy();
    expect((await login('kam01', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('signing out ends the session for good', async () => {
    const session = await t.signIn('supervisor01');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers() });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('AUTH_REQUIRED');
  });

  it('a change without the CSRF token is refused and changes nothing', async () => {
    const admin = await t.signIn('admin');
    const before = await countRows(t.database, 'users');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie },
      payload: { username: 'csrf.victim', displayName: 'X', password: 'long-enough-password', role: 'agent' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' },
      payload: { username: 'csrf.victim', displayName: 'X', password: 'long-enough-password', role: 'agent' },
    });
    expect(wrongToken.statusCode).toBe(403);
    expect(await countRows(t.database, 'users')).toBe(before);
  });

  it('a forged or expired cookie is no session', async () => {
    const forged = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'pd_session=forged' } });
    expect(forged.statusCode).toBe(401);
    const session = await t.signIn('agent02');
    await t.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', session.userId).execute();
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(expired.statusCode).toBe(401);
  });

  it('the sign-in page asks /api/auth/session: null for nobody, a forged or expired cookie; the session for the signed-in', async () => {
    const state = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/auth/session', headers: cookie ? { cookie } : {} });
    const nobody = await state();
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ session: null });
    expect((await state('pd_session=forged')).json()).toEqual({ session: null });
    const session = await t.signIn('agent02');
    const signedIn = (await state(session.cookie)).json();
    expect(signedIn.session.user.username).toBe('agent02');
    expect(signedIn.session.csrfToken).toBe(session.csrfToken);
    expect(signedIn.session.timeZone).toBe('Asia/Shanghai');
    const expiring = await t.signIn('supervisor01');
    await t.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', expiring.userId).execute();
    expect((await state(expiring.cookie)).json()).toEqual({ session: null });
  });

  it('stores only a digest of the session token', async () => {
    const response = await login('manager01', DEMO_PASSWORD);
    const session = sessionFrom(response);
    const token = session.cookie.split('=')[1]!;
    const stored = await t.database.db.selectFrom('sessions').select('token_hash').where('user_id', '=', session.userId).execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
  });
});

describe('API keys for machine clients', () => {
  async function issueKey(admin: Awaited<ReturnType<typeof t.signIn>>, name: string, role: string) {
    return t.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin.headers(), payload: { name, role } });
  }

  it('an admin issues a key that works as a bearer token until revoked', async () => {
    const admin = await t.signIn('admin');
    const created = await issueKey(admin, '上海转运中心扫描枪', 'integration');
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^pd_/);
    expect(apiKey).not.toHaveProperty('key');

    // An integration key is a machine: it may not use the console's routes.
    const asMachine = await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${key}` } });
    expect(asMachine.statusCode).toBe(403);
    expect(asMachine.json().code).toBe('FORBIDDEN');

    const listed = await t.app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.headers() });
    expect(JSON.stringify(listed.json())).not.toContain(key);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: admin.headers() });
    expect(revoked.statusCode).toBe(200);
    const afterRevoke = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${key}` } });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().code).toBe('API_KEY_INVALID');
  });

  it('a key with a staff role acts with that role, without a CSRF token', async () => {
    const admin = await t.signIn('admin');
    const created = await issueKey(admin, 'HR sync', 'admin');
    const { key } = created.json();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${key}` },
      payload: { username: 'synced.user', displayName: '同步用户', password: 'a-long-password-1', role: 'agent' },
    });
    expect(response.statusCode).toBe(201);
    const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('subject_id', '=', response.json().id).executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('api-key:HR sync');
  });

  it('records when a key was last used, written at most once a minute per key', async () => {
    const admin = await t.signIn('admin');
    const created = await issueKey(admin, '嘉定转运中心扫描枪', 'integration');
    const { key, apiKey } = created.json();
    const lastUsedAt = async (): Promise<string | null> => {
      const listed = await t.app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.headers() });
      return listed.json().items.find((k: { id: string }) => k.id === apiKey.id).lastUsedAt;
    };
    expect(apiKey.lastUsedAt).toBeNull();
    expect(await lastUsedAt()).toBeNull();

    const scan = (minutesAgo: number) => ({
      waybillNo: 'PD7700000001',
      eventTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      status: 'picked_up',
      subStatus: 'picked_up',
      text: '【上海市】已揽收',
    });
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/tracking/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [scan(5)] } });
    const before = Date.now();
    expect((await send()).statusCode).toBe(200);
    const first = await lastUsedAt();
    expect(first).not.toBeNull();
    expect(new Date(first!).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(first!).getTime()).toBeLessThanOrEqual(Date.now());

    // The next batch within the minute is not written again (the scanners' hot path).
    expect((await send()).statusCode).toBe(200);
    expect(await lastUsedAt()).toBe(first);
  });

  it.each(['Bearer nonsense', 'Bearer pd_not-a-real-key', 'Basic YWRtaW46eA=='])('refuses Authorization "%s"', async (authorization) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('API_KEY_INVALID');
  });
});

describe('the company time zone the console shows times in', () => {
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('comes with the session: at sign-in and from /api/auth/me, the business calendar zone (Asia/Shanghai seeded)', async () => {
    const response = await login('agent02', DEMO_PASSWORD);
    expect(response.json().timeZone).toBe('Asia/Shanghai');
    const session = sessionFrom(response);
    expect((await me(session.cookie)).json().timeZone).toBe('Asia/Shanghai');
  });

  it("follows the calendar an admin edits — the zone the SLA clocks count in — not the server's TZ_COMPANY", async () => {
    const admin = await t.signIn('admin');
    const agent = await t.signIn('agent01');
    const calendar = (await t.app.inject({ method: 'GET', url: '/api/admin/calendar', headers: admin.headers() })).json();
    const put = (timeZone: string) =>
      t.app.inject({ method: 'PUT', url: '/api/admin/calendar', headers: admin.headers(), payload: { ...calendar, timeZone } });
    try {
      expect((await put('Europe/Berlin')).statusCode).toBe(200);
      expect(t.app.config.timeZone).toBe('Asia/Shanghai');
      expect((await t.app.reference.calendar(t.app.db)).timeZone).toBe('Europe/Berlin');
      expect((await me(agent.cookie)).json().timeZone).toBe('Europe/Berlin');
      expect((await login('agent02', DEMO_PASSWORD)).json().timeZone).toBe('Europe/Berlin');
    } finally {
      expect((await put('Asia/Shanghai')).statusCode).toBe(200);
    }
    expect((await me(agent.cookie)).json().timeZone).toBe('Asia/Shanghai');
  });

  it('is documented in the OpenAPI session schema of /api/auth/me and /api/auth/login', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    for (const [path, method] of [['/api/auth/me', 'get'], ['/api/auth/login', 'post']] as const) {
      const schema = doc.paths[path][method].responses['200'].content['application/json'].schema;
      expect(schema.required).toContain('timeZone');
      expect(schema.properties.timeZone).toMatchObject({ type: 'string' });
      expect(schema.properties.timeZone.description).toContain('Asia/Shanghai');
    }
  });
});
