/**
 * Property-based: whatever order a shipment's scans arrive in, however they are split into
 * batches and however often they are replayed, the stored result is the same: each event once,
 * the shipment's standing that of the greatest event, and the public page shows the console's
 * events in the console's order.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, type Standing } from '../../src/domain/tracking/progress.js';
import { TRACKING_STATUSES, type TrackingStatus } from '../../src/domain/tracking/vocabulary.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let key: string;
let run = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  key = (await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin.headers(), payload: { name: 'prop', role: 'integration' } })).json().key;
});
afterAll(() => t.close());

const statuses = Object.keys(TRACKING_STATUSES) as TrackingStatus[];
const scanArb = fc.record({
  status: fc.constantFrom(...statuses),
  minutesAgo: fc.integer({ min: 1, max: 5 * 24 * 60 }),
  id: fc.uuid(),
});

describe('ingestion properties', () => {
  it('order, batching and replay do not change what is stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(scanArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        async (scans, order, chunk) => {
          const waybillNo = `PROP${String(++run).padStart(8, '0')}`;
          const base = Date.now();
          const events = scans.map((s) => ({
            waybillNo,
            eventTime: new Date(base - s.minutesAgo * 60_000).toISOString(),
            status: s.status,
            subStatus: TRACKING_STATUSES[s.status][0],
            text: `${s.status} scan`,
            eventId: s.id,
          }));
          // Arrival: a permutation of the events plus replays, cut into batches.
          const arrival = [...events, ...order.map((i) => events[i % events.length]!)];
          for (let i = arrival.length - 1; i > 0; i--) {
            const j = order[i % order.length]! % (i + 1);
            [arrival[i], arrival[j]] = [arrival[j]!, arrival[i]!];
          }
          for (let i = 0; i < arrival.length; i += chunk) {
            const response = await t.app.inject({
              method: 'POST',
              url: '/api/tracking/events',
              headers: { authorization: `Bearer ${key}` },
              payload: { events: arrival.slice(i, i + chunk) },
            });
            expect(response.statusCode).toBe(200);
          }
          const expected = events
            .map((e): Standing => ({ status: e.status, subStatus: e.subStatus, eventTime: new Date(e.eventTime), eventKey: `scanner:${e.eventId}` }))
            .reduce<Standing | null>(advance, null)!;
          const shipment = (await t.app.inject({ method: 'GET', url: `/api/shipments/${waybillNo}`, headers: admin.headers() })).json();
          expect(shipment.events).toHaveLength(new Set(events.map((e) => e.eventId)).size);
          expect(shipment.status).toBe(expected.status);
          expect(new Date(shipment.lastEventTime).getTime()).toBe(expected.eventTime.getTime());
          // The public page reads the shipment's timeline, kept as the batches came: the console's events, in its order.
          const track = await t.app.inject({ method: 'POST', url: '/api/public/track', remoteAddress: `198.51.100.${run % 250}`, payload: { waybillNos: [waybillNo] } });
          // In Chinese the public text is the carrier's own words: no second copy of them (carrierText).
          const consoleEvents = shipment.events.map((e: { time: string; site: string | null; text: string }) => ({ time: e.time, site: e.site, text: e.text, carrierText: null }));
          expect(track.json().results[0].events).toEqual(consoleEvents);
        },
      ),
      { numRuns: 25 },
    );
  });
});
