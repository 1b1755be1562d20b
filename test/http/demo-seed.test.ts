/**
 * The demo company as a newcomer first sees it (issue: "the demo data starts sane"): seeded the way
 * `npm start` seeds an empty database — the simulator's parcels through HTTP, then the first tickets —
 * no agent holds more open tickets than their capacity, the tickets' clocks come due spread out
 * rather than all in the same minute, and the customer's complaint about a parcel agent01 already
 * handles went to agent01's ticket instead of the unowned pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTickets } from '../../src/demo/tickets.js';
import { seedDemoTraffic } from '../../src/demo/traffic.js';
import { exceptionLossClaims } from '../../src/jobs/scheduler.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let supervisor: Session;

beforeAll(async () => {
  t = await createTestApp();
  const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  await seedDemoTraffic(t.database.db, baseUrl);
  // As `npm start` does: the exception job's loss claims with it.
  await seedDemoTickets(t.database.db, t.app.reference, baseUrl, exceptionLossClaims({ database: t.database, tracking: t.app.tracking, reference: t.app.reference }));
  supervisor = await t.signIn('supervisor01');
}, 240_000);
afterAll(() => t?.close());

interface Summary {
  number: string;
  kind: string;
  channel: string;
  ownerName: string | null;
  dueAt: string | null;
  followUpAt: string | null;
}

async function openTickets(): Promise<Summary[]> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/tickets?view=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await t.app.inject({ method: 'GET', url, headers: supervisor.headers() });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: Summary[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('a freshly seeded demo database', () => {
  it('has no agent above capacity', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/duty', headers: supervisor.headers() });
    const roster = res.json() as { displayName: string; capacity: number; openTickets: number }[];
    expect(roster.reduce((n, r) => n + r.openTickets, 0)).toBeGreaterThan(10);
    for (const person of roster) expect(person.openTickets, person.displayName).toBeLessThanOrEqual(person.capacity);
  });

  it('has its tickets’ clocks spread out, not all due in the same minute', async () => {
    const tickets = (await openTickets()).filter((i) => i.dueAt);
    expect(tickets.length).toBeGreaterThan(20);
    const perMinute = new Map<string, number>();
    for (const i of tickets) perMinute.set(i.dueAt!.slice(0, 16), (perMinute.get(i.dueAt!.slice(0, 16)) ?? 0) + 1);
    const busiest = Math.max(...perMinute.values());
    console.log(`demo: ${tickets.length} open tickets with a clock, due in ${perMinute.size} different minutes, at most ${busiest} in one`);
    expect(busiest).toBeLessThanOrEqual(3);
    expect(perMinute.size).toBeGreaterThanOrEqual(tickets.length / 3);
    // Some already late (the board has work), most still running.
    const now = Date.now();
    const late = tickets.filter((i) => Date.parse(i.dueAt!) < now).length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(tickets.length);
  });

  it('gave every parcel treated as lost its loss claim on its ticket, as the notice says', async () => {
    const lost = await t.database.db
      .selectFrom('shipment_exceptions as e')
      .leftJoin('claims as c', (j) => j.onRef('c.shipment_id', '=', 'e.shipment_id').on('c.type', '=', 'loss'))
      .select(['e.waybill_no', 'e.ticket_id', 'c.ticket_id as claim_ticket_id', 'c.state'])
      .where('e.kind', '=', 'lost')
      .execute();
    expect(lost.length).toBeGreaterThan(0);
    for (const parcel of lost) expect(parcel, parcel.waybill_no).toMatchObject({ claim_ticket_id: parcel.ticket_id, state: expect.any(String) });
  });

  it('sent the customer’s self-service complaint to agent01’s exception ticket, marked for them', async () => {
    const tickets = await openTickets();
    expect(tickets.filter((i) => i.channel === 'web')).toEqual([]);
    const joined = tickets.filter((i) => i.followUpAt);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ kind: 'exception', ownerName: '王晓敏' });
  });
});
