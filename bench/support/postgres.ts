/**
 * What the PostgreSQL benchmarks share: a durable server started from the machine's binaries with
 * the app's schema, reference data and demo company; signing in to the real server; and stopping
 * whatever a run started, even when it fails half-way.
 */
import { type Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoCompany } from '../../src/demo/seed.js';
import { seedReferenceData } from '../../src/modules/reference/seed.js';
import { DURABLE, startPostgres, type PostgresServer } from '../../test/support/postgres-server.js';

/** What to stop if a run fails half-way, so no database or server outlives the script. */
export type Leftovers = Array<() => Promise<void> | void>;

export interface BenchDatabase {
  server: PostgresServer;
  url: string;
  database: Database;
  db: Kysely<DB>;
}

/**
 * PostgreSQL, durable as in production (the tests' server skips fsync and full-page writes: here
 * every commit is flushed, and a page's first change after a checkpoint writes the whole page to
 * the WAL), with `settings` on top; migrated, with the reference data and the demo company.
 */
export async function startBenchDatabase(settings: Record<string, string>, timeZone: string, leftovers: Leftovers): Promise<BenchDatabase> {
  const server = await startPostgres({ settings: { ...DURABLE, ...settings } });
  leftovers.push(() => server.stop());
  const url = server.url('postgres');
  const database = await openDatabase({ kind: 'postgres', url });
  // pg-pool's end() resolves before its sockets are closed: give them a moment before PostgreSQL stops.
  leftovers.push(async () => {
    await database.close();
    await new Promise((r) => setTimeout(r, 300));
  });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db, { timeZone });
  await seedDemoCompany(database.db);
  return { server, url, database, db: database.db };
}

export interface Session {
  userId: string;
  headers: Record<string, string>;
}

/** Signs a demo user in through /api/auth: the session cookie and CSRF token for the requests. */
export async function signIn(url: string, username: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pd_session='));
  if (!cookie) throw new Error('no session cookie');
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { userId: body.user.id, headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': body.csrfToken } };
}

/** Runs the benchmark, then stops what it left, newest first (stopping twice is harmless). */
export async function runBench(leftovers: Leftovers, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } finally {
    for (const stop of leftovers.reverse()) await Promise.resolve(stop()).catch(() => {});
  }
}
