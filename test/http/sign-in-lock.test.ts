/**
 * Sign-in locks (defect 14): the same answer whether the account exists, locked per account and
 * client address so a stranger cannot lock someone out from elsewhere, kept in the database so all
 * processes share them, and admins still see and lift them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTestApp, DEMO_PASSWORD, testConfig, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { maxFailedSignIns: 5, lockMinutes: 15 } });
});
afterAll(() => t.close());

const login = (username: string, password: string, address: string, app = t.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { username, password } });

describe('sign-in lock', () => {
  it('an unknown username and a real one answer alike, wrong after wrong and when locked', async () => {
    const answers = async (username: string) => {
      const out: [number, string][] = [];
      for (let i = 1; i <= 6; i++) {
        const response = await login(username, `wrong-${i}`, '203.0.113.10');
        out.push([response.statusCode, response.json().code]);
      }
      return out;
    };
    const real = await answers('agent01');
    const unknown = await answers('nobody-here');
    expect(unknown).toEqual(real);
    expect(real.at(-1)).toEqual([423, 'AUTH_ACCOUNT_LOCKED']);
  });

  it("a stranger's five wrong passwords lock the admin out only from the stranger's address", async () => {
    for (let i = 1; i <= 5; i++) await login('admin', `guess-${i}`, '203.0.113.66');
    const fromStranger = await login('admin', DEMO_PASSWORD, '203.0.113.66');
    expect(fromStranger.statusCode).toBe(423);
    expect(fromStranger.cookies).toHaveLength(0);
    // The admin, from their own desk, signs in as usual.
    const fromDesk = await login('admin', DEMO_PASSWORD, '198.51.100.200');
    expect(fromDesk.statusCode).toBe(200);
  });

  it('the lock is in the database: another server process on it refuses the locked address too', async () => {
    for (let i = 1; i <= 5; i++) await login('agent02', `guess-${i}`, '203.0.113.77');
    const other = await buildApp({ config: testConfig({ maxFailedSignIns: 5, lockMinutes: 15 }), database: t.database, logger: false });
    await other.ready();
    try {
      expect((await login('agent02', DEMO_PASSWORD, '203.0.113.77', other)).statusCode).toBe(423);
      expect((await login('agent02', DEMO_PASSWORD, '198.51.100.201', other)).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('admins see a locked account on the users page and lift the lock', async () => {
    for (let i = 1; i <= 5; i++) await login('supervisor01', `guess-${i}`, '203.0.113.88');
    const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'supervisor01').executeTakeFirstOrThrow();
    const admin = await t.signIn('admin');
    const listed = await t.app.inject({ method: 'GET', url: '/api/users?q=supervisor01', headers: admin.headers() });
    expect(listed.json().items.find((u: { id: string }) => u.id === user.id).lockedUntil).not.toBeNull();
    const unlock = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/unlock`, headers: admin.headers() });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().lockedUntil).toBeNull();
    expect((await login('supervisor01', DEMO_PASSWORD, '203.0.113.88')).statusCode).toBe(200);
  });
});
