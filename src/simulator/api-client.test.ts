import { describe, expect, it } from 'vitest';
import { ApiError, batchesByWaybill, batchesOf, ParcelDeskClient } from './api-client.js';
import type { ScanEvent } from './generate.js';

const ev = (waybillNo: string, n: number): ScanEvent => ({
  waybillNo,
  eventTime: `2026-11-20T0${n}:00:00+08:00`,
  status: 'in_transit',
  subStatus: 'arrived',
  text: `scan ${n}`,
});

describe('batchesOf', () => {
  it.each([
    { items: 5, size: 2, sizes: [2, 2, 1] },
    { items: 4, size: 4, sizes: [4] },
    { items: 0, size: 3, sizes: [] },
  ])('$items items by $size → $sizes', ({ items, size, sizes }) => {
    const batches = batchesOf(Array.from({ length: items }, (_, i) => i), size);
    expect(batches.map((b) => b.items.length)).toEqual(sizes);
    expect(batches.flatMap((b) => b.indices)).toEqual(Array.from({ length: items }, (_, i) => i));
  });
});

describe('batchesByWaybill', () => {
  it.each([
    { name: 'keeps a waybill together when the next one would not fit', waybills: 'AAABB', size: 4, batches: ['AAA', 'BB'] },
    { name: 'groups interleaved events by waybill, first appearance first', waybills: 'ABAB', size: 4, batches: ['AABB'] },
    { name: 'fills batches with whole waybills', waybills: 'AABBCC', size: 4, batches: ['AABB', 'CC'] },
    { name: 'splits only a waybill larger than a batch', waybills: 'AAAAAB', size: 2, batches: ['AA', 'AA', 'AB'] },
    { name: 'treats waybill numbers case-insensitively', waybills: 'Aa', size: 2, batches: ['AA'] },
  ])('$name', ({ waybills, size, batches }) => {
    const events = [...waybills].map((w, i) => ev(w, i));
    const result = batchesByWaybill(events, size);
    expect(result.map((b) => b.items.map((e) => e.waybillNo.toUpperCase()).join(''))).toEqual(batches);
    // indices point back at the original events
    for (const batch of result) batch.items.forEach((item, j) => expect(events[batch.indices[j]!]).toBe(item));
  });

  it('refuses a batch size below 1', () => {
    expect(() => batchesByWaybill([], 0)).toThrow(RangeError);
  });
});

function fakeServer(answers: (Response | Error)[]) {
  const requests: { url: string; body: { events?: unknown[]; shipments?: unknown[] }; headers: Record<string, string> }[] = [];
  const waits: number[] = [];
  const fetchStub = (async (url: string, init: RequestInit) => {
    requests.push({ url, body: JSON.parse(init.body as string), headers: init.headers as Record<string, string> });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as typeof fetch;
  const client = new ParcelDeskClient({ baseUrl: 'http://127.0.0.1:3000/', apiKey: 'pd_test', fetch: fetchStub, sleep: async (ms) => void waits.push(ms) });
  return { client, requests, waits };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const ingestAnswer = (stored: number, rejected: { index: number; reason: string }[] = []) =>
  json(200, { received: stored + rejected.length, stored, duplicates: 0, rejected, shipmentsUpdated: 1, exceptionsRaised: 0 });

describe('ParcelDeskClient', () => {
  it('sends the key, retries a 429 after Retry-After, and maps rejected events back to the caller’s list', async () => {
    const { client, requests, waits } = fakeServer([
      json(429, { code: 'RATE_LIMITED', message: 'slow down' }, { 'retry-after': '2' }),
      ingestAnswer(2),
      ingestAnswer(1, [{ index: 1, reason: 'event time is more than a day in the future' }]),
    ]);
    const events = [ev('A', 1), ev('B', 2), ev('A', 3), ev('C', 4)];
    const totals = await client.sendEvents(events, 2);
    expect(requests.map((r) => r.url)).toEqual(Array(3).fill('http://127.0.0.1:3000/api/tracking/events'));
    expect(requests[0]!.headers.authorization).toBe('Bearer pd_test');
    expect(waits).toEqual([2000]);
    // batches: [A1, A3] then [B2, C4]; index 1 of the second batch is C4, the caller's index 3
    expect(totals).toMatchObject({ sent: 4, stored: 3, requests: 2, rejected: [{ index: 3, reason: 'event time is more than a day in the future' }] });
  });

  it('turns a refusal into an ApiError with the server’s code, message and details', async () => {
    const { client } = fakeServer([json(400, { code: 'VALIDATION_FAILED', message: 'bad', details: [{ path: 'events.0.eventTime', rule: 'format' }] })]);
    const error = await client.sendEvents([ev('A', 1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'bad', details: [{ path: 'events.0.eventTime', rule: 'format' }] });
  });

  it('gives up on an unreachable server after its attempts, with backoff', async () => {
    const down = new TypeError('fetch failed');
    const { client, waits } = fakeServer([down, down, down, down]);
    await expect(client.registerShipments([])).resolves.toMatchObject({ requests: 0 });
    await expect(client.post('/api/shipments', {})).rejects.toMatchObject({ status: 0, code: 'UNREACHABLE' });
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('refuses batch sizes above the endpoint limits', async () => {
    const { client } = fakeServer([]);
    await expect(client.registerShipments([], 1001)).rejects.toThrow(RangeError);
    await expect(client.sendEvents([], 5001)).rejects.toThrow(RangeError);
  });
});
