/**
 * The public lookup reads one row for a parcel that never had a case (migration
 * 2026-12-08T2310_parcel_lookup), through the API on a real database: `shipments.has_cases` is set
 * by whatever writes an exception, a ticket naming the waybill (before or after the parcel's first
 * scan) or a claim, and a lookup of one waybill (on PostgreSQL the view filtered by `= $1`) answers
 * exactly what the lookup of several (the PL/pgSQL function) answers. On PGlite the lookup's
 * statement is prepared once and run by its own exchange with PGlite: it waits for another
 * caller's transaction instead of running inside it, and survives the session losing it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as parcelLookup from '../../src/db/migrations/2026-12-08T2310_parcel_lookup.js';
import * as timelineLz4 from '../../src/db/migrations/2026-12-08T2330_timeline_lz4.js';
import { trackingView } from '../../src/modules/public-tracking/repository.js';
import { createTestApp, testDatabaseKind, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let scanner: string;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function post(url: string, payload: unknown, headers: Record<string, string>) {
  const response = await t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response;
}
const asScanner = () => ({ authorization: `Bearer ${scanner}` });

const register = (waybillNo: string) =>
  post(
    '/api/shipments',
    {
      shipments: [
        {
          waybillNo,
          sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
          recipient: { name: '李四', phone: '13912345678', address: '浙江省杭州市西湖区文三路90号' },
        },
      ],
    },
    asScanner(),
  );
const scan = (waybillNo: string, hoursBack: number, status: string, subStatus: string, text: string) =>
  post('/api/tracking/events', { events: [{ waybillNo, eventTime: hoursAgo(hoursBack), status, subStatus, text, site: '杭州转运中心' }] }, asScanner());
const openTicket = (waybillNo: string, phone: string) =>
  post(
    '/api/tickets',
    { kind: 'complaint', channel: 'phone', subject: '快件延误', description: '客户询问快件为何还没到', waybillNos: [waybillNo], customerName: '王五', customerPhone: phone },
    agent.headers(),
  );

async function hasCases(waybillNo: string): Promise<boolean> {
  const row = await t.database.db.selectFrom('shipments').select('has_cases').where('waybill_no', '=', waybillNo).executeTakeFirstOrThrow();
  return row.has_cases;
}

/** The row a lookup of this waybill alone gives, checked against the lookup of it among others. */
async function lookUp(waybillNo: string) {
  const [alone] = await trackingView(t.database.db, [waybillNo]);
  const among = (await trackingView(t.database.db, [waybillNo, 'PLKNOBODY0001'])).find((row) => row.waybill_no === waybillNo);
  expect(alone).toEqual(among);
  return alone!;
}

/** Where `has_cases` must be true: the parcel has an exception, a ticket naming it or a claim. */
async function misflagged(): Promise<string[]> {
  const { rows } = await sql<{ waybill_no: string }>`
    select s.waybill_no from shipments s
    where s.has_cases is distinct from (
      exists (select 1 from shipment_exceptions x where x.shipment_id = s.id)
      or exists (select 1 from ticket_waybills w where w.waybill_no = s.waybill_no)
      or exists (select 1 from claims c where c.shipment_id = s.id))`.execute(t.database.db);
  return rows.map((r) => r.waybill_no);
}

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent] = await Promise.all([t.signIn('admin'), t.signIn('agent01')]);
  scanner = (await post('/api/api-keys', { name: '查询扫描枪', role: 'integration' }, admin.headers())).json().key;
});
afterAll(() => t.close());

describe('the public lookup reads the story from the parcel row unless the parcel had a case', () => {
  it('a parcel with no exception, ticket or claim: no case, nothing read besides its row', async () => {
    await register('PLKQUIET0001');
    await scan('PLKQUIET0001', 5, 'picked_up', 'picked_up', '【上海市】快递员已揽收');
    expect(await hasCases('PLKQUIET0001')).toBe(false);
    expect(await lookUp('PLKQUIET0001')).toMatchObject({ status: 'picked_up', cases: null, events: [expect.objectContaining({ text: '【上海市】快递员已揽收' })] });
  });

  it('a ticket about a known parcel: the lookup says a case is open', async () => {
    await register('PLKKNOWN0001');
    await scan('PLKKNOWN0001', 30, 'picked_up', 'picked_up', '【上海市】快递员已揽收');
    await openTicket('PLKKNOWN0001', '13800139001');
    expect(await hasCases('PLKKNOWN0001')).toBe(true);
    expect((await lookUp('PLKKNOWN0001')).cases).toEqual({ case_open: true, open_exceptions: [], claims_open: [] });
  });

  it('a ticket about a parcel not yet scanned: once the parcel arrives, its lookup says a case is open', async () => {
    await openTicket('PLKEARLY0001', '13800139002');
    await scan('PLKEARLY0001', 2, 'picked_up', 'picked_up', '【上海市】快递员已揽收');
    expect(await hasCases('PLKEARLY0001')).toBe(true);
    expect(await lookUp('PLKEARLY0001')).toMatchObject({ status: 'picked_up', cases: { case_open: true } });
  });

  it('a damage scan: the lookup names the open exception, a case the exception job is yet to open', async () => {
    await register('PLKDAMAGE001');
    await scan('PLKDAMAGE001', 3, 'damaged', 'damaged', '外包装破损，已拍照留存');
    expect(await hasCases('PLKDAMAGE001')).toBe(true);
    const row = await lookUp('PLKDAMAGE001');
    expect(row.cases?.open_exceptions.map((e) => e.kind)).toEqual(['damaged']);
    expect(row.cases?.case_open).toBe(true);
  });

  it('the public answer for one waybill is the answer for it among others', async () => {
    for (const waybillNo of ['PLKQUIET0001', 'PLKKNOWN0001', 'PLKEARLY0001', 'PLKDAMAGE001']) {
      const track = async (waybillNos: string[]) =>
        (await post('/api/public/track', { waybillNos, phoneLast4: '5678' }, {})).json().results.find((r: { waybillNo: string }) => r.waybillNo === waybillNo);
      expect(await track([waybillNo])).toEqual(await track(['PLKNOBODY0001', waybillNo]));
    }
  });

  it('every parcel is flagged exactly when it has an exception, a ticket or a claim; the migration flags them alike', async () => {
    expect(await misflagged()).toEqual([]);
    const db = t.database.db;
    await parcelLookup.down(db);
    await parcelLookup.up(db);
    expect(await misflagged()).toEqual([]);
    expect(await hasCases('PLKDAMAGE001')).toBe(true);
    expect(await hasCases('PLKQUIET0001')).toBe(false);
  });
});

describe('the lookup never runs inside another caller\'s transaction', () => {
  it('a lookup asked while a transaction holds an uncommitted parcel waits for it, and does not see the parcel once it is rolled back', async () => {
    let lookup: Promise<unknown[]> | undefined;
    const rolledBack = new Error('rolled back on purpose');
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await trx.insertInto('shipments').values({ waybill_no: 'PLKUNSEEN001', registered: true }).execute();
        lookup = trackingView(t.database.db, ['PLKUNSEEN001']);
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await lookup).toEqual([]);
    expect(await lookUp('PLKQUIET0001')).toMatchObject({ waybill_no: 'PLKQUIET0001' });
  });
});

describe.skipIf(testDatabaseKind() !== 'pglite')('on PGlite, the lookup statement prepared once', () => {
  it('is prepared again when the session has lost it (DEALLOCATE ALL), and a statement that fails leaves the session usable', async () => {
    expect((await lookUp('PLKQUIET0001')).status).toBe('picked_up');
    await sql`deallocate all`.execute(t.database.db);
    expect((await lookUp('PLKQUIET0001')).status).toBe('picked_up');
    const { firstColumnOnPglite } = await import('../../src/db/database.js');
    await expect(firstColumnOnPglite(t.database.db, { name: 'pd_test_broken', text: 'select no_such_column from shipments where waybill_no = $1', types: [25] }, [['x']])).rejects.toMatchObject({
      code: '42703',
    });
    expect(await firstColumnOnPglite(t.database.db, { name: 'pd_test_two', text: 'select $1::text || $1::text', types: [25] }, [['a'], ['b']])).toEqual(['aa', 'bb']);
    // prepared, then failed on its first run: the next call runs it without preparing it twice
    const divide = { name: 'pd_test_divide', text: 'select (12 / $1::int)::text', types: [25] };
    await expect(firstColumnOnPglite(t.database.db, divide, [['0']])).rejects.toMatchObject({ code: '22012' });
    expect(await firstColumnOnPglite(t.database.db, divide, [['4']])).toEqual(['3']);
    expect((await lookUp('PLKQUIET0001')).status).toBe('picked_up');
  });
});

describe('a long timeline is compressed with LZ4 where the server has it', () => {
  const compression = async (waybillNo: string) =>
    (await sql<{ method: string | null }>`select pg_column_compression(timeline) as method from shipments where waybill_no = ${waybillNo}`.execute(t.database.db)).rows[0]!.method;
  const twentyScans = (waybillNo: string) =>
    post(
      '/api/tracking/events',
      {
        events: Array.from({ length: 20 }, (_, i) => ({
          waybillNo,
          eventTime: hoursAgo(40 - i),
          status: 'in_transit',
          subStatus: i % 2 === 0 ? 'arrived' : 'departed',
          text: `【杭州市】快件已${i % 2 === 0 ? '到达' : '从'}杭州转运中心${i % 2 === 0 ? '' : '发出'}（第${i + 1}站）`,
          site: '杭州转运中心',
        })),
      },
      asScanner(),
    );

  it('twenty scans: the row keeps them compressed (LZ4 on a server built with it, pglz on PGlite), and the lookup reads all twenty in order', async () => {
    const { rows } = await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(t.database.db);
    await register('PLKLONG00001');
    await twentyScans('PLKLONG00001');
    expect(await compression('PLKLONG00001')).toBe(rows[0]!.lz4 ? 'lz4' : 'pglz');
    // Debian's PostgreSQL is built with LZ4; PGlite is not.
    expect(rows[0]!.lz4).toBe(testDatabaseKind() === 'postgres');
    const row = await lookUp('PLKLONG00001');
    expect(row.events.map((e) => e.text)).toEqual(Array.from({ length: 20 }, (_, i) => `【杭州市】快件已${(19 - i) % 2 === 0 ? '到达' : '从'}杭州转运中心${(19 - i) % 2 === 0 ? '' : '发出'}（第${20 - i}站）`));
  });

  it('the migration taken back, a timeline written after it is pglz again; run again, LZ4', async () => {
    const db = t.database.db;
    await timelineLz4.down(db);
    await register('PLKLONG00002');
    await twentyScans('PLKLONG00002');
    expect(await compression('PLKLONG00002')).toBe('pglz');
    await timelineLz4.up(db);
    await register('PLKLONG00003');
    await twentyScans('PLKLONG00003');
    expect(await compression('PLKLONG00003')).toBe(await compression('PLKLONG00001'));
  });
});
