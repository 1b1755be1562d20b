/**
 * What every route shares: health checks, the OpenAPI document, security headers, rate limits,
 * 5xx that hide internals, request logs without personal data, and a shutdown that lets
 * requests in flight finish.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTestApp, openTestDatabase, testConfig, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    beforeReady: (app) => {
      app.get('/api/test/explode', { config: { public: true } }, async () => {
        throw new Error('connection to 10.0.0.5 failed: password=hunter2');
      });
    },
  });
});
afterAll(() => t.close());

describe('platform', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('serves the OpenAPI document with every API route, and the docs page', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/login', '/api/users', '/api/users/{id}', '/api/audit', '/api/api-keys', '/api/departments']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.schemas.ErrorResponse).toBeDefined();
    const page = await t.app.inject({ url: '/docs/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('hides the internals of a server error', async () => {
    const response = await t.app.inject({ url: '/api/test/explode', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again later.' });
    expect(response.body).not.toContain('hunter2');
  });
});

describe('limits and logs', () => {
  it('rate-limits sign-in attempts per client with a 429 and a readable wait', async () => {
    const limited = await createTestApp({ config: { signInRateLimitPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent01', password: `wrong-${i}` } });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(last!.json().code).toBe('RATE_LIMITED');
      expect(last!.json().message).toMatch(/请求过于频繁，请 \d+ 秒后再试/);
    } finally {
      await limited.close();
    }
  });

  it('logs requests without query strings, cookies, bodies or addresses', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const database = await openTestDatabase();
    const app = await buildApp({
      config: testConfig(),
      database,
      logStream: sink,
    });
    try {
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent01', password: 'Secret-Password-1' } });
      await app.inject({ url: '/api/users?q=13800138000', headers: { cookie: 'pd_session=top-secret-cookie' } });
    } finally {
      await app.close();
      await database.close();
    }
    // onResponse logs are written as the response finishes, which can be just after inject resolves.
    await new Promise((resolve) => setImmediate(resolve));
    const log = lines.join('');
    expect(log, log).toContain('"path":"/api/auth/login"');
    expect(log, log).toContain('"statusCode":401');
    for (const secret of ['Secret-Password-1', '13800138000', 'top-secret-cookie', '127.0.0.1', 'remoteAddress']) {
      const leak = lines.find((line) => line.includes(secret));
      expect(leak, `a log line carries "${secret}": ${leak}`).toBeUndefined();
    }
  });

  it('a shutdown lets a request in flight finish and refuses new ones', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: false });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    app.get('/api/test/slow', { config: { public: true } }, async () => {
      started();
      await gate;
      return { finished: true };
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const inFlight = fetch(`${address}/api/test/slow`, { headers: { connection: 'close' } });
    await running;
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 50));
    const refused = await fetch(`${address}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    expect([503, 'refused']).toContain(refused);
    await closing;
    await database.close();
  });
});
