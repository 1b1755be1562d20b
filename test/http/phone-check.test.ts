/**
 * The phone check's lock is kept in the database (defect 13): every server process and a restarted
 * one see it, it is counted per client address as well as per waybill, so one address cannot walk
 * the same digits through many waybills, and old counts are purged by the hourly cleanup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { jobHandlers } from '../../src/jobs/scheduler.js';
import { defaultAdapters } from '../../src/modules/notifications/channels.js';
import { createTestApp, testConfig, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Two parcels whose recipient's phone ends in 5678.
  for (const waybill_no of ['PC0000000002', 'PC0000000003']) {
    await t.database.db
      .insertInto('shipments')
      .values({ waybill_no, registered: true, status: 'in_transit', sub_status: 'arrived', recipient_name: '李四', recipient_phone: '13912345678' })
      .execute();
  }
});
afterAll(() => t.close());

type Result = { waybillNo: string; found: boolean; verified: boolean; phoneCheckLocked: boolean; phoneCheckLockedUntil: string | null };

async function track(app: TestApp['app'], address: string, waybillNos: string[], phoneLast4: string): Promise<Result[]> {
  const response = await app.inject({ method: 'POST', url: '/api/public/track', remoteAddress: address, payload: { waybillNos, phoneLast4 } });
  expect(response.statusCode).toBe(200);
  return response.json().results;
}

describe('phone check lock shared through the database', () => {
  it('a lock made through one server holds in another on the same database (a restart, or a second process)', async () => {
    for (const digits of ['0001', '0002', '0003', '0004', '0005']) await track(t.app, '198.51.100.1', ['PC0000000003'], digits);
    const other = await buildApp({ config: testConfig(), database: t.database, logger: false });
    await other.ready();
    try {
      const [result] = await track(other, '198.51.100.2', ['PC0000000003'], '5678');
      expect(result).toMatchObject({ found: true, verified: false, phoneCheckLocked: true });
    } finally {
      await other.close();
    }
  });

  it('one address cannot try the same digits against many waybills: past 20 wrong guesses an hour it is locked everywhere, known and unknown alike', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `ZZ70000000${String(i).padStart(2, '0')}`);
    const first = await track(t.app, '198.51.100.7', many, '4321');
    expect(first.every((r) => !r.verified && !r.phoneCheckLocked)).toBe(true);
    // The same address, the right digits of a parcel it never guessed: not checked now.
    const [known, unknown] = await track(t.app, '198.51.100.7', ['PC0000000002', 'ZZ7100000000'], '5678');
    expect(known).toMatchObject({ found: true, verified: false, phoneCheckLocked: true });
    expect(unknown).toMatchObject({ found: false, verified: false, phoneCheckLocked: true });
    expect(known!.phoneCheckLockedUntil).toBe(unknown!.phoneCheckLockedUntil);
    // Self-service from that address is paused too; another address is not affected.
    const lookup = (address: string) =>
      t.app.inject({ method: 'POST', url: '/api/public/tickets/lookup', remoteAddress: address, payload: { waybillNo: 'PC0000000002', phoneLast4: '5678' } });
    expect((await lookup('198.51.100.7')).json().code).toBe('PHONE_CHECK_LOCKED');
    expect((await lookup('198.51.100.8')).statusCode).toBe(200);
    expect((await track(t.app, '198.51.100.8', ['PC0000000002'], '5678'))[0]).toMatchObject({ verified: true, phoneCheckLocked: false });
  });

  it('right digits are not counted: a customer may look at their own parcel as often as they like', async () => {
    for (let i = 0; i < 8; i++) {
      const [result] = await track(t.app, '198.51.100.9', ['PC0000000002'], '5678');
      expect(result).toMatchObject({ verified: true, phoneCheckLocked: false });
    }
  });

  it('many guesses at once from many addresses still check at most 5 for a waybill', async () => {
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) => track(t.app, `198.51.100.${20 + i}`, ['ZZ7200000000'], String(1000 + i))),
    );
    const checked = tries.filter(([r]) => !r!.phoneCheckLocked).length;
    expect(checked).toBe(5);
  });

  it('counts whose hour is over are purged by the hourly cleanup', async () => {
    await track(t.app, '198.51.100.40', ['ZZ7300000000'], '0000');
    await t.database.db.updateTable('phone_check_counts').set({ window_start: new Date(Date.now() - 2 * 3_600_000) }).execute();
    await jobHandlers({ database: t.database, tracking: t.app.tracking, reference: t.app.reference, adapters: defaultAdapters(), log: t.app.log })['sessions-cleanup']();
    const left = await t.database.db.selectFrom('phone_check_counts').select('subject').execute();
    expect(left).toEqual([]);
  });
});
