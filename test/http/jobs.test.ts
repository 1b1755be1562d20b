/**
 * The job system on the test's own database (PGlite through pg-boss's adapter, or PostgreSQL):
 * a clock job really runs and raises what time caused; retention drops whole old partitions.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers, startScheduler } from '../../src/jobs/scheduler.js';
import { defaultAdapters } from '../../src/modules/notifications/channels.js';
import { ticketExceptions } from '../../src/modules/tickets/jobs.js';
import { ensurePartitions, partitionName } from '../../src/modules/tracking/partitions.js';
import { createTestApp, testDatabaseKind, type TestApp } from '../support/harness.js';
import { stalledShipment } from '../support/shipments.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const deps = () => ({ database: t.database, tracking: t.app.tracking, reference: t.app.reference, adapters: defaultAdapters(), log: t.app.log });

describe('jobs', () => {
  it('the clock runs as a pg-boss job and raises a stalled parcel', async () => {
    const longAgo = new Date(Date.now() - 5 * 86_400_000);
    await t.database.db
      .insertInto('shipments')
      .values(stalledShipment('JOB0000001', longAgo))
      .execute();
    const scheduler = await startScheduler(deps(), 'Asia/Shanghai');
    try {
      await scheduler.boss.send('tracking-clock', {});
      const deadline = Date.now() + 30_000;
      let kinds: string[] = [];
      while (Date.now() < deadline) {
        const rows = await t.database.db.selectFrom('shipment_exceptions').select('kind').where('waybill_no', '=', 'JOB0000001').execute();
        kinds = rows.map((r) => r.kind);
        if (kinds.includes('stalled')) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(kinds).toContain('stalled');
    } finally {
      await scheduler.stop();
    }
  });

  it('no scheduled job can run twice at once: while one run is queued or active, another is refused, on every queue', async () => {
    // A deployment from before had the queues with pg-boss's default policy; the start fixes them.
    const { PgBoss, fromPglite } = await import('pg-boss');
    const old = new PgBoss(t.database.pglite ? { db: fromPglite(t.database.pglite) } : { connectionString: t.database.url! });
    await old.start();
    await old.createQueue('exception-tickets');
    await old.stop({ graceful: true });

    const scheduler = await startScheduler(deps(), 'Asia/Shanghai');
    try {
      for (const name of Object.keys(jobHandlers(deps()))) {
        // The first may already be refused: the start queues a partitions run of its own.
        const first = await scheduler.boss.send(name, {}, { startAfter: 3600 });
        const second = await scheduler.boss.send(name, {}, { startAfter: 3600 });
        expect({ name, second }).toEqual({ name, second: null });
        expect((await scheduler.boss.getQueue(name))?.policy).toBe('exclusive');
        if (first) await scheduler.boss.cancel(name, first);
      }
    } finally {
      await scheduler.stop();
    }
  });

  it('retention drops partitions older than the policy keeps, and only those', async () => {
    const old = new Date(Date.UTC(new Date().getUTCFullYear() - 2, 0, 15));
    await ensurePartitions(t.database.db, ['2024-01', `${old.getUTCFullYear()}-01`]);
    await t.database.db
      .insertInto('tracking_events')
      .values({ waybill_no: 'OLD0000001', event_time: old, event_key: 'x', status: 'delivered', sub_status: 'self', site: null, area_code: null, courier: null, raw_text: '旧件', source: 'test' })
      .execute();
    const recent = new Date();
    await ensurePartitions(t.database.db, [`${recent.getUTCFullYear()}-${String(recent.getUTCMonth() + 1).padStart(2, '0')}`]);
    const result = await jobHandlers(deps())['tracking-retention']();
    expect(result.dropped).toContain(`${old.getUTCFullYear()}-01`);
    const remaining = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'tracking_events'`.execute(t.database.db);
    const names = remaining.rows.map((r) => r.name);
    expect(names).not.toContain(partitionName(`${old.getUTCFullYear()}-01`));
    expect(names.length).toBeGreaterThan(0);
    const gone = await t.database.db.selectFrom('tracking_events').select('waybill_no').where('waybill_no', '=', 'OLD0000001').execute();
    expect(gone).toHaveLength(0);
  });

  it('the outbox job marks pending notices as recorded by the default adapter', async () => {
    await t.database.db
      .insertInto('notifications')
      .values({ channel: 'sms', recipient: '13900000000', locale: 'zh-CN', template: 'exception.delayed', body: '测试' })
      .execute();
    const result = await jobHandlers(deps())['notifications-dispatch']();
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    const pending = await t.database.db.selectFrom('notifications').select('id').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(0);
  });

  it('expired sign-in sessions are removed; live ones stay', async () => {
    const agent = await t.signIn('agent01');
    const other = await t.signIn('agent02');
    await t.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', agent.userId).execute();
    await jobHandlers(deps())['sessions-cleanup']();
    const left = await t.database.db.selectFrom('sessions').select('user_id').execute();
    expect(left.map((r) => r.user_id)).not.toContain(agent.userId);
    expect(left.map((r) => r.user_id)).toContain(other.userId);
  });

  it('the ticket an exception opens is titled and described with Chinese punctuation (：and （）), the waybill kept as written', async () => {
    const db = t.database.db;
    const deps = { db, reference: t.app.reference };
    const [shipment] = await db
      .insertInto('shipments')
      .values({ waybill_no: 'PUNCT0000001', registered: true, recipient_name: '孙七', recipient_phone: '13900009999' })
      .returning(['id', 'waybill_no'])
      .execute();
    await db
      .insertInto('shipment_exceptions')
      .values({ shipment_id: shipment!.id, waybill_no: shipment!.waybill_no, kind: 'lost', raised_at: new Date(), site: '上海转运中心', area_code: null, detail: '{}' })
      .execute();
    for (;;) {
      const run = await ticketExceptions(deps);
      if (run.opened + run.joined === 0) break;
    }
    const ticket = await db
      .selectFrom('tickets as k')
      .innerJoin('ticket_waybills as w', 'w.ticket_id', 'k.id')
      .select(['k.subject', 'k.description'])
      .where('w.waybill_no', '=', 'PUNCT0000001')
      .executeTakeFirstOrThrow();
    expect(ticket.subject).toBe('彻底延误（按丢失处理）：PUNCT0000001');
    expect(ticket.description).toBe('系统发现异常：彻底延误（按丢失处理），地点：上海转运中心');
  });

  // PGlite has one connection: its runs cannot overlap.
  it.skipIf(testDatabaseKind() === 'pglite')('two runs of the exception job at once open one ticket per waybill, and every exception joins it', async () => {
    const db = t.database.db;
    const deps = { db, reference: t.app.reference };
    for (;;) {
      const run = await ticketExceptions(deps); // the earlier tests' exceptions are out of the way
      if (run.opened + run.joined === 0) break;
    }
    const waybills = ['TWICE0000001', 'TWICE0000002', 'TWICE0000003', 'TWICE0000004', 'TWICE0000005'];
    const shipments = await db
      .insertInto('shipments')
      .values(waybills.map((waybill_no, i) => ({ waybill_no, registered: true, recipient_name: '赵六', recipient_phone: `1390000${String(i).padStart(4, '0')}` })))
      .returning(['id', 'waybill_no'])
      .execute();
    // Two exceptions per waybill, the first of each waybill raised before any second: a run taking
    // five takes one of each waybill, the other run (skipping those) the other five.
    const raisedAt = (n: number) => new Date(Date.now() - 60_000 + n * 1000);
    await db
      .insertInto('shipment_exceptions')
      .values(
        shipments.flatMap((sh, i) => [
          { shipment_id: sh.id, waybill_no: sh.waybill_no, kind: 'delayed', raised_at: raisedAt(i), site: null, area_code: null, detail: '{}' },
          { shipment_id: sh.id, waybill_no: sh.waybill_no, kind: 'stalled', raised_at: raisedAt(10 + i), site: null, area_code: null, detail: '{}' },
        ]),
      )
      .execute();
    const runs = await Promise.all([0, 1].map(() => ticketExceptions(deps, new Date(), 5)));
    expect(runs.reduce((n, r) => n + r.opened + r.joined, 0)).toBe(10);
    const linked = await db
      .selectFrom('shipment_exceptions as e')
      .innerJoin('tickets as k', 'k.id', 'e.ticket_id')
      .select(['e.waybill_no', 'e.ticket_id'])
      .where('e.waybill_no', 'in', waybills)
      .execute();
    expect(linked).toHaveLength(10);
    for (const waybill of waybills) expect(new Set(linked.filter((l) => l.waybill_no === waybill).map((l) => l.ticket_id)).size).toBe(1);
    const opened = await db
      .selectFrom('tickets as k')
      .innerJoin('ticket_waybills as w', 'w.ticket_id', 'k.id')
      .select('w.waybill_no')
      .where('w.waybill_no', 'in', waybills)
      .execute();
    expect(opened.map((o) => o.waybill_no).sort()).toEqual(waybills);
  });
});
