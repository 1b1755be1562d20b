/**
 * The HTTP test harness: a real ParcelDesk app (all routes, hooks and the real database) driven
 * through `app.inject`. Each test file gets its own database, copied from the migrated demo
 * snapshot: PGlite from a data-folder tarball, PostgreSQL from a template database.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { buildApp } from '../../src/app.js';

export { DEMO_PASSWORD };

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.PD_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh database for one test file, already migrated and holding the demo company. */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'pglite') {
    const tarball = readFileSync(inject('pgliteSnapshot'));
    return openDatabase({ kind: 'pglite', snapshot: new Blob([tarball]) });
  }
  const template = new URL(inject('postgresTemplateUrl'));
  const name = `pd_test_${randomUUID().replace(/-/g, '')}`;
  const adminUrl = new URL(template);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.pathname.slice(1)}`);
  await admin.end();
  const url = new URL(template);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    webDir: '/nonexistent-parceldesk-web',
    rateLimitPerMinute: 100_000,
    signInRateLimitPerMinute: 100_000,
    publicTrackRateLimitPerMinute: 100_000,
    jobsEnabled: false,
    ...overrides,
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
  /** Headers for a request as this user, CSRF token included. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  signIn(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { config?: Partial<Config>; beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = await buildApp({ config: testConfig(options.config), database, logger: false });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    signIn: async (username, password = DEMO_PASSWORD) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.body}`);
      return sessionFrom(response);
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function sessionFrom(response: LightMyRequestResponse): Session {
  const cookie = response.cookies.find((c) => c.name === 'pd_session');
  if (!cookie) throw new Error('no session cookie');
  const body = response.json<{ csrfToken: string; user: { id: string } }>();
  return {
    cookie: `pd_session=${cookie.value}`,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    headers: (extra = {}) => ({ cookie: `pd_session=${cookie.value}`, 'x-csrf-token': body.csrfToken, ...extra }),
  };
}

/** Rows in a table, to prove a refused request changed nothing. */
export async function countRows(database: Database, table: 'users' | 'audit_log' | 'sessions' | 'api_keys' | 'departments') {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
