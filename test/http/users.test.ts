import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

async function departmentId(code: string): Promise<string> {
  const row = await t.database.db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  displayName: '孙小红',
  password: 'Spring-Festival-2026',
  role: 'agent',
  ...extra,
});

describe('user administration', () => {
  it('an admin adds an agent to a team, who can then sign in', async () => {
    const team = await departmentId('CS-CALL');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: newUser('agent.sun', { departmentId: team, email: 'sun@parceldesk.example' }),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'agent.sun',
      displayName: '孙小红',
      role: 'agent',
      departmentId: team,
      departmentName: '客服呼叫中心',
      email: 'sun@parceldesk.example',
      active: true,
      version: 1,
    });
    expect(created.json()).not.toHaveProperty('passwordHash');
    const session = await t.signIn('agent.sun', 'Spring-Festival-2026');
    expect(session.userId).toBe(created.json().id);

    const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('subject_id', '=', session.userId).executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('admin');
    expect(JSON.stringify(entry.detail)).not.toContain('Spring-Festival');
  });

  it('finds users by part of the name and by role, a page at a time', async () => {
    const byName = await t.app.inject({ method: 'GET', url: '/api/users?q=%E7%8E%8B', headers: admin.headers() });
    expect(byName.json().items.map((u: { username: string }) => u.username)).toEqual(['agent01']);
    const byRole = await t.app.inject({ method: 'GET', url: '/api/users?role=supervisor', headers: admin.headers() });
    expect(byRole.json()).toMatchObject({ total: 1, items: [{ username: 'supervisor01' }] });
    const page = await t.app.inject({ method: 'GET', url: '/api/users?page=2&pageSize=2', headers: admin.headers() });
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBeGreaterThanOrEqual(7);
    const literal = await t.app.inject({ method: 'GET', url: '/api/users?q=%25', headers: admin.headers() });
    expect(literal.json().total).toBe(0);
  });

  it('refuses a username that differs only in case', async () => {
    const before = await countRows(t.database, 'users');
    const response = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload: newUser('AGENT01') });
    expect(response.statusCode).toBe(400); // the pattern allows lower case only
    const taken = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload: newUser('agent01') });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ code: 'USER_USERNAME_TAKEN', message: '用户名“agent01”已被使用。' });
    expect(await countRows(t.database, 'users')).toBe(before);
  });

  it.each([
    { case: 'too short', password: 'short-pw' },
    { case: 'contains the username', password: 'weak.user-2026' },
  ])('refuses a weak password ($case)', async ({ password }) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload: newUser('weak.user', { password }) });
    expect(response.statusCode).toBe(400);
    expect(['PASSWORD_TOO_WEAK', 'VALIDATION_FAILED']).toContain(response.json().code);
  });

  it('refuses an unknown department', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: newUser('lost.user', { departmentId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('DEPARTMENT_NOT_FOUND');
  });

  it('a stale edit is refused with a clear message and loses nothing', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload: newUser('agent.zhou') })).json();
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: admin.headers(),
      payload: { version: created.version, displayName: '周一' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ displayName: '周一', version: created.version + 1 });
    const second = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { version: created.version, displayName: '周二' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({ code: 'CONFLICT_STALE_VERSION', message: 'Someone else changed this record. Reload it and try again.' });
    const now = await t.app.inject({ method: 'GET', url: `/api/users/${created.id}`, headers: admin.headers() });
    expect(now.json().displayName).toBe('周一');

    const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').where('subject_id', '=', created.id).executeTakeFirstOrThrow();
    expect(entry.detail).toEqual({ displayName: { from: '孙小红', to: '周一' } });
  });

  it('disabling a user ends their sessions and stops sign-in', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload: newUser('agent.wu') })).json();
    const session = await t.signIn('agent.wu', 'Spring-Festival-2026');
    // Used once, so this process remembers who the session is: disabling must still end it at once.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: admin.headers(),
      payload: { version: created.version, active: false },
    });
    expect(disabled.json().active).toBe(false);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent.wu', password: 'Spring-Festival-2026' } });
    expect(again.statusCode).toBe(401);
  });

  it('a password reset ends old sessions; the new password works', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers(), payload: newUser('agent.qian') })).json();
    const old = await t.signIn('agent.qian', 'Spring-Festival-2026');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: old.cookie } })).statusCode).toBe(200);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${created.id}/password`,
      headers: admin.headers(),
      payload: { password: 'Mid-Autumn-2026' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: old.cookie } })).statusCode).toBe(401);
    await t.signIn('agent.qian', 'Mid-Autumn-2026');
  });

  it('an admin cannot disable themselves or give up the admin role', async () => {
    const me = (await t.app.inject({ method: 'GET', url: `/api/users/${admin.userId}`, headers: admin.headers() })).json();
    for (const change of [{ active: false }, { role: 'agent' }]) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${admin.userId}`,
        headers: admin.headers(),
        payload: { version: me.version, ...change },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('USER_SELF_LOCKOUT');
    }
  });

  it('an unknown user id is a 404, a malformed one a 400', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/users/00000000-0000-4000-8000-000000000000', headers: admin.headers() });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('USER_NOT_FOUND');
    const malformed = await t.app.inject({ method: 'GET', url: '/api/users/42', headers: admin.headers() });
    expect(malformed.statusCode).toBe(400);
  });

  it('lists the departments for any signed-in person', async () => {
    const agent = await t.signIn('agent01');
    const response = await t.app.inject({ method: 'GET', url: '/api/departments', headers: agent.headers() });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((d: { code: string }) => d.code)).toContain('CLAIMS');
  });
});

describe('audit log', () => {
  it('admins read it newest first, filtered by action', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/audit?action=user.create&pageSize=100', headers: admin.headers() });
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e: { action: string }) => e.action === 'user.create')).toBe(true);
    const times = items.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const actions = await t.app.inject({ method: 'GET', url: '/api/audit/actions', headers: admin.headers() });
    expect(actions.json().items).toEqual(expect.arrayContaining(['auth.sign_in', 'user.create', 'demo.seed']));
  });

  it('only admins may read it', async () => {
    for (const username of ['agent01', 'supervisor01', 'manager01']) {
      const session = await t.signIn(username);
      const response = await t.app.inject({ method: 'GET', url: '/api/audit', headers: session.headers() });
      expect(response.statusCode).toBe(403);
    }
  });

  it('cannot be changed or removed, even by SQL', async () => {
    const before = await countRows(t.database, 'audit_log');
    await expect(t.database.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });
});
