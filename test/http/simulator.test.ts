/**
 * The simulator and the import command against a real server on a port (all routes, API-key auth,
 * the real database): traffic is registered and ingested through HTTP, a replay stores nothing new,
 * and the exceptions board shows every failure branch the shares asked for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/args.js';
import { importCommand } from '../../src/cli/import-command.js';
import { generateTraffic, runSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { xlsx } from '../unit/xlsx-writer.js';

let t: TestApp;
let admin: Session;
let baseUrl: string;
let apiKey: string;
let dir: string;

const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const options = (): SimulatorOptions => ({
  baseUrl,
  apiKey,
  seed: 11,
  shipments: 200,
  start: new Date(now.getTime() - 30 * 86_400_000),
  now,
  shares: { delayed: 0.06, damaged: 0.03, lost: 0.03, refused: 0.04, returned: 0.03, notCollected: 0.03, failedAttempt: 0.05 },
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  const key = await t.app.inject({ method: 'POST', url: '/api/api-keys', payload: { name: '模拟器', role: 'integration' }, headers: admin.headers() });
  expect(key.statusCode).toBe(201);
  apiKey = key.json().key;
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-import-'));
});

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface BoardItem {
  waybillNo: string;
  kind: string;
}

/** Every open exception of a kind, page by page. */
async function openExceptions(kind: string): Promise<BoardItem[]> {
  const items: BoardItem[] = [];
  for (let page = 1; ; page++) {
    const response = await t.app.inject({ method: 'GET', url: `/api/exceptions?kind=${kind}&pageSize=100&page=${page}`, headers: admin.headers() });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: BoardItem[]; total: number }>();
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

describe('simulator through the HTTP API', () => {
  const traffic = () => generateTraffic(options());

  it('registers every shipment and stores every event; a replay stores nothing new', async () => {
    const first = await runSimulator(options());
    const expected = traffic();
    expect(first.shipments).toEqual({ generated: 200, registered: 200, remarks: 0 });
    expect(first.events).toMatchObject({ generated: expected.events.length, sent: expected.events.length, stored: expected.events.length, duplicates: 0, rejected: 0 });
    expect(first.events.exceptionsRaised).toBeGreaterThan(0);
    expect(first.problems).toEqual([]);

    const waybills = expected.shipments.map((s) => s.waybillNo);
    const stored = await t.database.db
      .selectFrom('shipments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('waybill_no', 'in', waybills)
      .where('registered', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(200);

    const replay = await runSimulator(options());
    expect(replay.shipments.registered).toBe(200);
    expect(replay.events).toMatchObject({ sent: expected.events.length, stored: 0, duplicates: expected.events.length, rejected: 0, exceptionsRaised: 0 });
  });

  it('the exceptions board shows every branch the shares forced, on the shipments meant to show it', async () => {
    const { stories } = traffic();
    const expectedBy: Record<string, (s: (typeof stories)[number]) => boolean> = {
      delayed: (s) => s.scenario === 'delayed' && s.variant === 'in_flight',
      lost: (s) => s.scenario === 'lost' && s.variant === 'lost',
      stalled: (s) => s.scenario === 'lost',
      damaged: (s) => s.scenario === 'damaged',
      refused: (s) => s.scenario === 'refused' && s.variant === 'refused',
      // a return back with the sender (returned_to_sender) is finished: its exception has cleared
      returned: (s) => (s.scenario === 'returned' || s.scenario === 'refused') && s.variant === 'returning',
      not_collected: (s) => s.scenario === 'notCollected',
      undeliverable: (s) => s.scenario === 'failedAttempt' && (s.variant === 'address_issue' || s.variant === 'undeliverable'),
    };
    const board = await t.app.inject({ method: 'GET', url: '/api/exceptions', headers: admin.headers() });
    const counts = board.json<{ counts: { byKind: Record<string, number> } }>().counts.byKind;
    for (const [kind, meant] of Object.entries(expectedBy)) {
      expect(counts[kind], kind).toBeGreaterThan(0);
      const open = new Set((await openExceptions(kind)).map((i) => i.waybillNo));
      const waybills = stories.filter(meant).map((s) => s.waybillNo);
      expect(waybills.length, kind).toBeGreaterThan(0);
      expect(waybills.filter((w) => !open.has(w)), `${kind}: shipments without the exception`).toEqual([]);
    }
    // Parcels that travel normally stay inside their promise: no exception at all.
    const normal = new Set(stories.filter((s) => s.scenario === 'normal').map((s) => s.waybillNo));
    const all = await t.database.db.selectFrom('shipment_exceptions').select(['waybill_no', 'kind']).execute();
    expect(all.filter((e) => normal.has(e.waybill_no))).toEqual([]);
  });

  it('shows a simulated parcel with its carrier-style scans', async () => {
    const story = traffic().stories.find((s) => s.scenario === 'normal' && s.finalStatus === 'delivered')!;
    const response = await t.app.inject({ method: 'GET', url: `/api/shipments/${story.waybillNo}`, headers: admin.headers() });
    expect(response.statusCode).toBe(200);
    const shipment = response.json();
    expect(shipment.status).toBe('delivered');
    expect(shipment.routeClass).toBe(story.routeClass);
    expect(shipment.events.length).toBe(story.events);
    expect(shipment.events.map((e: { text: string }) => e.text).join('\n')).toMatch(/揽收|收取快件/);
  });
});

function capture(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe('import from CSV and XLSX through the HTTP API', () => {
  const shipmentsCsv = [
    'waybill_no,sender_name,sender_phone,sender_address,recipient_name,recipient_phone,recipient_address,product,weight_g,declared_value_fen,insured,freight_fen,payment_term,monthly_account',
    'PDIMP0000001,张三,13800138000,上海市浦东新区张江路88号,李四,13912345678,浙江省杭州市西湖区文三路90号,标快,1200,50000,是,1200,寄付,',
    'PDIMP0000002,杭州云帆电子商务有限公司,,杭州市余杭区文一西路1号,王五,13700001111,"广东省深圳市南山区科技园, 8栋",特快,800,,,2000,月结,5710123456',
    'PDIMP0000003,赵六,13600002222,北京市朝阳区建国路1号,钱七,13500003333,江苏省南京市玄武区中山路2号,,2.5kg,,,,到付,',
    'PDIMP0000004,孙八,13400004444,重庆市渝中区解放碑1号,周九,13300005555,四川省成都市武侯区人民南路3号,economy,300,,,900,月结,5230000001',
  ].join('\n');

  const hour = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const eventsCsv = [
    'waybill_no,event_time,status,sub_status,site,area_code,courier,text,event_id',
    `PDIMP0000001,${hour(30)},picked_up,picked_up,上海浦东营业部,310115,王师傅,【上海市】快递员王师傅已揽收,imp-1`,
    `PDIMP0000001,${hour(26)},in_transit,departed,上海转运中心,310000,,【上海市】快件已从【上海转运中心】发出,imp-2`,
    `PDIMP0000001,${hour(20)},in_transit,self,杭州转运中心,330100,,子状态写错了,imp-3`,
    `PDIMP0000001,${hour(2)},delivered,self,杭州西湖营业部,330106,李师傅,【杭州市】已签收，签收人：本人,imp-4`,
  ].join('\n');

  it('sends the good rows, reports each bad one by its row, and stores events idempotently', async () => {
    const shipmentsFile = path.join(dir, 'shipments.csv');
    const eventsFile = path.join(dir, 'events.csv');
    writeFileSync(shipmentsFile, `\uFEFF${shipmentsCsv}\n`);
    writeFileSync(eventsFile, `${eventsCsv}\n`);

    const io = capture();
    const code = await importCommand(['--url', baseUrl, '--api-key', apiKey, shipmentsFile, '--events', eventsFile], io, {});
    expect(code).toBe(1);
    expect(io.stderr).toEqual([
      'shipments.csv row 3: sender_phone is empty',
      'shipments.csv row 4: weight_g "2.5kg" must be a whole number of grams',
      'events.csv row 4: sub_status "self" does not belong to status "in_transit" (expected departed, arrived, in_transit, transferred, forwarded)',
    ]);
    expect(io.stdout[0]).toBe('shipments.csv: 4 rows, 2 valid, 2 with problems; 2 shipments registered in 1 request');
    expect(io.stdout[1]).toMatch(/^events\.csv: 4 rows, 3 valid, 1 with problems; 3 events sent: 3 stored, 0 duplicates/);
    expect(JSON.parse(io.stdout[2]!).files).toHaveLength(2);

    const shipment = (await t.app.inject({ method: 'GET', url: '/api/shipments/PDIMP0000001', headers: admin.headers() })).json();
    expect(shipment).toMatchObject({ status: 'delivered', insured: true, paymentTerm: 'sender_pays', product: 'standard', routeClass: 'inter_province' });
    expect(shipment.events).toHaveLength(3);
    const monthly = (await t.app.inject({ method: 'GET', url: '/api/shipments/PDIMP0000004', headers: admin.headers() })).json();
    expect(monthly).toMatchObject({ paymentTerm: 'monthly', monthlyAccount: '5230000001', product: 'economy' });
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments/PDIMP0000002', headers: admin.headers() })).statusCode).toBe(404);

    const again = capture();
    await importCommand(['--url', baseUrl, '--api-key', apiKey, '--events', eventsFile], again, {});
    expect(again.stdout[0]).toMatch(/3 events sent: 0 stored, 3 duplicates/);
  });

  it('imports an XLSX sheet with Chinese headers, and refuses a wrong key with a clear message', async () => {
    const file = path.join(dir, 'shipments.xlsx');
    writeFileSync(
      file,
      xlsx([
        ['运单号', '寄件人', '寄件人电话', '寄件人地址', '收件人', '收件人电话', '收件人地址', '重量(克)', '付款方式'],
        ['PDXLSX000001', '吴一', 13800138001, '广东省广州市天河区体育西路1号', '郑二', 13900139002, '广东省深圳市福田区深南大道2号', 1500, '到付'],
      ]),
    );
    const io = capture();
    expect(await importCommand(['--url', baseUrl, '--api-key', apiKey, file], io, {})).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout[0]).toBe('shipments.xlsx: 1 row, 1 valid, 0 with problems; 1 shipment registered in 1 request');
    const shipment = (await t.app.inject({ method: 'GET', url: '/api/shipments/PDXLSX000001', headers: admin.headers() })).json();
    expect(shipment).toMatchObject({ paymentTerm: 'collect', weightG: 1500 });
    expect(shipment.recipient.region).toContain('深圳');

    const refused = capture();
    expect(await importCommand(['--url', baseUrl, '--api-key', 'pd_not_a_real_key', file], refused, {})).toBe(1);
    expect(refused.stderr[0]).toMatch(/^import: shipments\.xlsx: the server refused: 401 API_KEY_INVALID: .*\(is the API key right, and not revoked\?\)$/);
  });
});
