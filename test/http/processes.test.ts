/**
 * Several server processes on one PostgreSQL (issue 14): two real servers (`src/main.ts` as
 * `npm start` runs it, through tsx), both with the job system on, driven at once. What one process
 * learns, the other must honour: phone-check and sign-in locks, the end of a session (within
 * IDENTITY_CACHE_SECONDS), and the jobs run once however many processes work their queues — one
 * ticket per exception, each notice sent once, each clock's breach recorded once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { DEMO_PASSWORD, openTestDatabase, testDatabaseKind } from '../support/harness.js';
import { stalledShipment } from '../support/shipments.js';

const IDENTITY_CACHE_SECONDS = 2;

let database: Database;
let servers: { url: string; child: ChildProcess }[] = [];
let boss: PgBoss;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startProcess(url: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'true',
      WEB_DIR: '/nonexistent-parceldesk-web',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      IDENTITY_CACHE_SECONDS: String(IDENTITY_CACHE_SECONDS),
      SIGNIN_MAX_FAILURES: '5',
      RATE_LIMIT_PER_MINUTE: '100000',
      SIGNIN_RATE_LIMIT_PER_MINUTE: '100000',
      PUBLIC_TRACK_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { url: base, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function signIn(base: string, username: string, from = '198.51.100.1') {
  const response = await post(base, '/api/auth/login', { username, password: DEMO_PASSWORD }, { 'x-forwarded-for': from });
  expect(response.status).toBe(200);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

describe.skipIf(testDatabaseKind() !== 'postgres')('two server processes on one database', () => {
  beforeAll(async () => {
    database = await openTestDatabase();
    servers = await Promise.all([startProcess(database.url!), startProcess(database.url!)]);
    boss = new PgBoss({ connectionString: database.url!, supervise: false, schedule: false });
    await boss.start();
  }, 120_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await Promise.all(
      servers.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await database?.close();
  }, 60_000);

  it('phone-check guesses sent to both at once: at most 5 are checked for a waybill', async () => {
    const [a, b] = servers.map((s) => s.url);
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(i % 2 ? a! : b!, '/api/public/track', { waybillNos: ['ZZ5500000000'], phoneLast4: String(2000 + i) }, { 'x-forwarded-for': `203.0.113.${i + 1}` }),
      ),
    );
    const results = await Promise.all(tries.map(async (r) => ((await r.json()) as { results: { phoneCheckLocked: boolean }[] }).results[0]!));
    expect(results.filter((r) => !r.phoneCheckLocked)).toHaveLength(5);
    // Locked on both, for anyone.
    for (const base of [a!, b!]) {
      const r = (await (await post(base, '/api/public/track', { waybillNos: ['ZZ5500000000'], phoneLast4: '1234' }, { 'x-forwarded-for': '203.0.113.99' })).json()) as {
        results: { phoneCheckLocked: boolean }[];
      };
      expect(r.results[0]!.phoneCheckLocked).toBe(true);
    }
  });

  it('sign-in failures on both count together; the locked address is refused by both, the owner signs in from theirs', async () => {
    const [a, b] = servers.map((s) => s.url);
    const stranger = { 'x-forwarded-for': '203.0.113.150' };
    await Promise.all(Array.from({ length: 5 }, (_, i) => post(i % 2 ? a! : b!, '/api/auth/login', { username: 'agent02', password: `guess-${i}` }, stranger)));
    for (const base of [a!, b!]) {
      expect((await post(base, '/api/auth/login', { username: 'agent02', password: DEMO_PASSWORD }, stranger)).status).toBe(423);
    }
    expect((await post(b!, '/api/auth/login', { username: 'agent02', password: DEMO_PASSWORD }, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
  });

  it('a sign-out or a disabled account in one process reaches the other within IDENTITY_CACHE_SECONDS', async () => {
    const [a, b] = servers.map((s) => s.url);
    const me = async (base: string, headers: Record<string, string>) => (await fetch(`${base}/api/auth/me`, { headers })).status;
    const session = await signIn(a!, 'manager01');
    expect(await me(b!, session)).toBe(200); // b now remembers it
    expect((await post(a!, '/api/auth/logout', {}, session)).status).toBe(204);
    const signOutSeen = await until(async () => (await me(b!, session)) === 401, (IDENTITY_CACHE_SECONDS + 2) * 1000);
    expect(signOutSeen).toBeLessThanOrEqual((IDENTITY_CACHE_SECONDS + 1) * 1000);

    const agent = await signIn(a!, 'agent01');
    expect(await me(b!, agent)).toBe(200);
    const admin = await signIn(a!, 'admin');
    const user = await database.db.selectFrom('users').select(['id', 'version']).where('username', '=', 'agent01').executeTakeFirstOrThrow();
    const disabled = await fetch(`${a}/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ version: user.version, active: false }),
    });
    expect(disabled.status).toBe(200);
    const disableSeen = await until(async () => (await me(b!, agent)) === 401, (IDENTITY_CACHE_SECONDS + 2) * 1000);
    expect(disableSeen).toBeLessThanOrEqual((IDENTITY_CACHE_SECONDS + 1) * 1000);
  });

  it('jobs worked by both processes run once: one ticket per exception, each notice sent once, each breach recorded once', async () => {
    const db = database.db;
    const longAgo = new Date(Date.now() - 5 * 86_400_000);
    const waybills = Array.from({ length: 30 }, (_, i) => `MP${String(i).padStart(10, '0')}`);
    await db
      .insertInto('shipments')
      .values(waybills.map((waybill) => stalledShipment(waybill, longAgo)))
      .execute();
    await db
      .insertInto('notifications')
      .values(Array.from({ length: 40 }, (_, i) => ({ channel: 'sms', recipient: '13900000000', locale: 'zh-CN', template: 'exception.delayed', body: `通知 ${i}` })))
      .execute();

    // Both processes poll the queues; ask for runs again and again, as the minute schedule would.
    const drive = async (names: string[], check: () => Promise<boolean>) => {
      await until(async () => {
        for (const name of names) await boss.send(name);
        return check();
      }, 40_000);
    };
    const count = async (query: Promise<{ n: string | number | bigint }>) => Number((await query).n);
    await drive(['tracking-clock', 'exception-tickets', 'notifications-dispatch'], async () => {
      const exceptions = await count(
        db.selectFrom('shipment_exceptions').select((eb) => eb.fn.countAll().as('n')).where('waybill_no', 'in', waybills).where('ticket_id', 'is not', null).executeTakeFirstOrThrow() as never,
      );
      const pending = await count(db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow() as never);
      return exceptions >= waybills.length && pending === 0;
    });

    const perWaybill = await sql<{ waybill_no: string; tickets: number }>`
      select w.waybill_no, count(distinct w.ticket_id)::int as tickets from ticket_waybills w
       where w.waybill_no in (${sql.join(waybills)}) group by w.waybill_no`.execute(db);
    expect(perWaybill.rows).toHaveLength(waybills.length);
    expect(perWaybill.rows.every((r) => r.tickets === 1)).toBe(true);
    const notices = await db.selectFrom('notifications').select(['status', 'attempts']).execute();
    expect(notices.every((n) => n.status !== 'pending' && n.attempts === 1)).toBe(true);

    // Every clock of those tickets falls due long ago: the clock job breaches each once.
    await sql`
      update ticket_clocks c set started_at = now() - interval '20 days', running_since = now() - interval '20 days',
             used_minutes = 0, target_minutes = 1, due_at = now() - interval '19 days', next_check_at = now() - interval '1 minute'
        from ticket_waybills w
       where w.ticket_id = c.ticket_id and w.waybill_no in (${sql.join(waybills)}) and c.stopped_at is null and c.paused_at is null`.execute(db);
    const clocks = async () =>
      (
        await sql<{ clocks: number; breached: number; entries: number }>`
          select count(*)::int as clocks, count(c.breached_at)::int as breached,
                 (select count(*)::int from ticket_events e where e.kind = 'clock_breach'
                   and e.ticket_id in (select ticket_id from ticket_waybills where waybill_no in (${sql.join(waybills)}))) as entries
            from ticket_clocks c join ticket_waybills w on w.ticket_id = c.ticket_id
           where w.waybill_no in (${sql.join(waybills)}) and c.stopped_at is null and c.paused_at is null`.execute(db)
      ).rows[0]!;
    await drive(['ticket-clocks'], async () => {
      const now = await clocks();
      return now.clocks > 0 && now.breached === now.clocks;
    });
    // A few more runs on both find nothing new to record.
    for (let i = 0; i < 4; i++) {
      await boss.send('ticket-clocks');
      await new Promise((r) => setTimeout(r, 500));
    }
    const after = await clocks();
    expect(after.breached).toBe(after.clocks);
    expect(after.entries).toBe(after.clocks);
  });
});
