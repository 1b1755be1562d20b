import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTimeLimits } from '../time-limits/compute.js';
import { DEFAULT_TIME_LIMIT_POLICY } from '../time-limits/policy.js';
import { detectExceptions, type ExceptionKind, type ShipmentSnapshot } from './exceptions.js';
import { isTerminal, STATUS_LIST, TRACKING_STATUSES, type TrackingStatus } from './vocabulary.js';

const policy = DEFAULT_TIME_LIMIT_POLICY;
const T0 = new Date('2025-09-16T02:00:00Z'); // picked up Tuesday 10:00 Shanghai
/** T0 + hours */
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const PROMISE = 72; // 国内异地 72 h
const COMPLETE_DELAY = PROMISE + 7 * 24; // 异地 7 days after the promise

function parcel(change: Partial<ShipmentSnapshot> = {}): ShipmentSnapshot {
  return {
    status: 'in_transit',
    subStatus: 'in_transit',
    terminal: false,
    pickedUpAt: T0,
    promisedAt: h(PROMISE),
    completeDelayAt: h(COMPLETE_DELAY),
    lastEventTime: h(10),
    awaitingPickupSince: null,
    failedAttempts: 0,
    damaged: false,
    deliveredAt: null,
    ...change,
  };
}

const kindsAndSince = (snapshot: ShipmentSnapshot, now: Date) => {
  const { active, nextCheckAt } = detectExceptions(snapshot, now, policy);
  return { active: active.map((e) => [e.kind, e.since.toISOString()]), nextCheckAt: nextCheckAt?.toISOString() ?? null };
};

describe('detectExceptions', () => {
  it.each<{ case: string; snapshot: ShipmentSnapshot; now: number; active: [ExceptionKind, number][]; next: number | null }>([
    // clocks: stalled (48 h in transit), delayed (promise), lost (complete delay)
    { case: 'in transit, recent scan', snapshot: parcel(), now: 20, active: [], next: 58 },
    { case: 'stalled: 1 ms before 48 h without a scan', snapshot: parcel(), now: 58 - 1 / 3_600_000, active: [], next: 58 },
    { case: 'stalled: exactly 48 h without a scan', snapshot: parcel(), now: 58, active: [['stalled', 58]], next: PROMISE },
    { case: 'delayed: exactly at the promised time', snapshot: parcel({ lastEventTime: h(60) }), now: PROMISE, active: [['delayed', PROMISE]], next: 108 },
    { case: 'delayed: still moving', snapshot: parcel({ lastEventTime: h(60) }), now: 100, active: [['delayed', PROMISE]], next: 108 },
    {
      case: 'lost: exactly at the complete-delay limit, scans or not',
      snapshot: parcel({ lastEventTime: h(200) }),
      now: COMPLETE_DELAY,
      active: [
        ['delayed', PROMISE],
        ['lost', COMPLETE_DELAY],
      ],
      next: 248,
    },
    {
      case: 'lost and stalled: nothing left to wait for',
      snapshot: parcel(),
      now: 1000,
      active: [
        ['delayed', PROMISE],
        ['stalled', 58],
        ['lost', COMPLETE_DELAY],
      ],
      next: null,
    },
    { case: 'picked up, no scan since', snapshot: parcel({ status: 'picked_up', subStatus: 'picked_up', lastEventTime: T0 }), now: 48, active: [['stalled', 48]], next: PROMISE },
    {
      case: 'out for delivery stalls after 24 h',
      snapshot: parcel({ status: 'out_for_delivery', subStatus: 'out_for_delivery', lastEventTime: h(40) }),
      now: 64,
      active: [['stalled', 64]],
      next: PROMISE,
    },
    {
      case: 'customs waits 120 h',
      snapshot: parcel({ status: 'customs', subStatus: 'customs_pending', lastEventTime: h(10) }),
      now: 100,
      active: [['delayed', PROMISE]],
      next: 130,
    },
    {
      case: 'the feed reports it stalled (快递100 疑难)',
      snapshot: parcel({ status: 'stalled', subStatus: 'problem', lastEventTime: h(30) }),
      now: 31,
      active: [['stalled', 30]],
      next: PROMISE,
    },
    { case: 'not picked up yet: no clock runs', snapshot: parcel({ status: 'ordered', subStatus: 'created', pickedUpAt: null, promisedAt: null, completeDelayAt: null, lastEventTime: T0 }), now: 500, active: [], next: null },

    // delivered clears the clocks; damage stays recorded
    {
      case: 'delivered late: delayed, stalled and lost clear',
      snapshot: parcel({ status: 'delivered', subStatus: 'self', terminal: true, deliveredAt: h(300), lastEventTime: h(300) }),
      now: 400,
      active: [],
      next: null,
    },
    {
      case: 'delivered damaged: damage stays',
      snapshot: parcel({ status: 'delivered', subStatus: 'self', terminal: true, deliveredAt: h(80), lastEventTime: h(80), damaged: true, damagedAt: h(30) }),
      now: 400,
      active: [['damaged', 30]],
      next: null,
    },
    {
      case: 'delivered time known before the status caught up',
      snapshot: parcel({ deliveredAt: h(50), lastEventTime: h(50) }),
      now: 400,
      active: [],
      next: null,
    },
    {
      case: 'damaged scan in transit',
      snapshot: parcel({ status: 'damaged', subStatus: 'damaged', damaged: true, lastEventTime: h(30) }),
      now: 31,
      active: [['damaged', 30]],
      next: PROMISE,
    },

    // locker / station (驿站)
    {
      case: 'at a station before the promise: on time, collection clock runs',
      snapshot: parcel({ status: 'awaiting_pickup', subStatus: 'station', awaitingPickupSince: h(50), lastEventTime: h(50) }),
      now: 100,
      active: [],
      next: 122,
    },
    {
      case: 'not collected: exactly 72 h at the station',
      snapshot: parcel({ status: 'awaiting_pickup', subStatus: 'station', awaitingPickupSince: h(50), lastEventTime: h(50) }),
      now: 122,
      active: [['not_collected', 122]],
      next: null,
    },
    {
      case: 'at a locker exactly at the promised time is on time',
      snapshot: parcel({ status: 'awaiting_pickup', subStatus: 'locker', awaitingPickupSince: h(PROMISE), lastEventTime: h(PROMISE) }),
      now: 73,
      active: [],
      next: 144,
    },
    {
      case: 'at a locker after the promise: delayed until collected, never lost',
      snapshot: parcel({ status: 'awaiting_pickup', subStatus: 'locker', awaitingPickupSince: h(80), lastEventTime: h(80) }),
      now: COMPLETE_DELAY,
      active: [
        ['delayed', PROMISE],
        ['not_collected', 152],
      ],
      next: null,
    },

    // failed attempts, refusal, return
    {
      case: 'two failed attempts',
      snapshot: parcel({ status: 'failed_attempt', subStatus: 'no_one_home', failedAttempts: 2, lastEventTime: h(60) }),
      now: 61,
      active: [],
      next: PROMISE,
    },
    {
      case: 'undeliverable: exactly 3 failed attempts',
      snapshot: parcel({ status: 'failed_attempt', subStatus: 'no_one_home', failedAttempts: 3, lastEventTime: h(70) }),
      now: 71,
      active: [['undeliverable', 70]],
      next: PROMISE,
    },
    {
      case: 'undeliverable: an address problem at the first attempt',
      snapshot: parcel({ status: 'failed_attempt', subStatus: 'address_issue', failedAttempts: 1, lastEventTime: h(60) }),
      now: 61,
      active: [['undeliverable', 60]],
      next: PROMISE,
    },
    {
      case: 'after a failed attempt, no redelivery scan for 24 h',
      snapshot: parcel({ status: 'failed_attempt', subStatus: 'no_one_home', failedAttempts: 1, lastEventTime: h(30) }),
      now: 54,
      active: [['stalled', 54]],
      next: PROMISE,
    },
    {
      case: 'refused: the promise ends, no delay or loss follows',
      snapshot: parcel({ status: 'refused', subStatus: 'refused', lastEventTime: h(60) }),
      now: 1000,
      active: [['refused', 60]],
      next: null,
    },
    {
      case: 'refused: since is when the status began',
      snapshot: parcel({ status: 'refused', subStatus: 'refused', lastEventTime: h(65), statusSince: h(60) }),
      now: 70,
      active: [['refused', 60]],
      next: null,
    },
    {
      case: 'returning after 3 failed attempts',
      snapshot: parcel({ status: 'returned', subStatus: 'returning', failedAttempts: 3, lastEventTime: h(100) }),
      now: 110,
      active: [
        ['undeliverable', 100],
        ['returned', 100],
      ],
      next: 148,
    },
    {
      case: 'returning: raised when the return began, not at its latest 退回 scan',
      snapshot: parcel({ status: 'returned', subStatus: 'returning', lastEventTime: h(112), statusSince: h(100) }),
      now: 113,
      active: [['returned', 100]],
      next: 160,
    },
    {
      case: 'returned to the sender (退签, terminal): the return is finished, nothing to raise',
      snapshot: parcel({ status: 'returned', subStatus: 'returned_to_sender', terminal: true, failedAttempts: 3, lastEventTime: h(150) }),
      now: 1000,
      active: [],
      next: null,
    },
    {
      case: '退回件已签收 by the sender three weeks ago: nothing to raise',
      snapshot: parcel({ status: 'delivered', subStatus: 'returned_signed', terminal: true, deliveredAt: h(150), lastEventTime: h(150) }),
      now: 150 + 23 * 24,
      active: [],
      next: null,
    },
    {
      case: 'cancelled',
      snapshot: parcel({ status: 'cancelled', subStatus: 'cancelled', terminal: true, lastEventTime: h(5) }),
      now: 1000,
      active: [],
      next: null,
    },
  ])('$case', ({ snapshot, now, active, next }) => {
    expect(kindsAndSince(snapshot, h(now))).toEqual({
      active: active.map(([kind, since]) => [kind, h(since).toISOString()]),
      nextCheckAt: next === null ? null : h(next).toISOString(),
    });
  });

  it('explains each exception with the rule applied', () => {
    const stalled = detectExceptions(parcel(), h(58), policy).active[0];
    expect(stalled?.detail).toEqual({ stage: 'in_transit', rule: 'stalledInTransit', thresholdHours: 48, lastScanAt: h(10).toISOString() });

    const waiting = parcel({ status: 'awaiting_pickup', subStatus: 'locker', awaitingPickupSince: h(50), lastEventTime: h(50) });
    expect(detectExceptions(waiting, h(122), policy).active[0]?.detail).toEqual({
      place: 'locker',
      rule: 'notCollected',
      thresholdHours: 72,
      availableSince: h(50).toISOString(),
    });

    const failed = parcel({ status: 'failed_attempt', subStatus: 'no_one_home', failedAttempts: 3, lastEventTime: h(70) });
    expect(detectExceptions(failed, h(71), policy).active[0]?.detail).toEqual({ reason: 'attempts', failedAttempts: 3, rule: 'undeliverableAttempts', limit: 3 });

    const lost = detectExceptions(parcel(), h(COMPLETE_DELAY), policy).active.find((e) => e.kind === 'lost');
    expect(lost?.detail).toEqual({ completeDelayAt: h(COMPLETE_DELAY).toISOString(), promisedAt: h(PROMISE).toISOString() });
    expect(JSON.parse(JSON.stringify(lost?.detail))).toEqual(lost?.detail);
  });

  it('follows the thresholds of the policy it is given', () => {
    const strict = {
      rules: {
        ...policy.rules,
        stalledInTransit: { value: 12, unit: 'hours' as const, source: 'test' },
        undeliverableAttempts: { value: 1, unit: 'count' as const, source: 'test' },
      },
    };
    expect(detectExceptions(parcel(), h(22), strict).active.map((e) => e.kind)).toEqual(['stalled']);
    const once = parcel({ status: 'failed_attempt', subStatus: 'no_one_home', failedAttempts: 1, lastEventTime: h(30) });
    expect(detectExceptions(once, h(31), strict).active.map((e) => e.kind)).toEqual(['undeliverable']);
  });
});

describe('港澳台 and international parcels', () => {
  const calendar = { timeZone: 'Asia/Shanghai', holidays: [], workdays: [] };
  it.each([
    // 6 working days from Tue 16th → Wed 24th; complete delay 10 days later (港澳台 takes 国际's)
    { routeClass: 'hmt' as const, region: null, promised: '2025-09-24T02:00:00Z', lost: '2025-10-04T02:00:00Z' },
    { routeClass: 'international' as const, region: 'europe', promised: '2025-09-26T02:00:00Z', lost: '2025-10-06T02:00:00Z' },
    { routeClass: 'international' as const, region: 'oceania', promised: '2025-09-29T02:00:00Z', lost: '2025-10-09T02:00:00Z' },
  ])('$routeClass $region: delayed at $promised, lost at $lost', ({ routeClass, region, promised, lost }) => {
    const limits = computeTimeLimits({ pickedUpAt: T0, routeClass, destinationRegion: region, policy, calendar });
    const snapshot = parcel({ status: 'customs', subStatus: 'customs_pending', promisedAt: limits.promisedAt, completeDelayAt: limits.completeDelayAt });
    const justBefore = new Date(new Date(promised).getTime() - 1);
    // customs scans every few days keep it from stalling
    const scanned = (now: Date) => ({ ...snapshot, lastEventTime: new Date(now.getTime() - 3_600_000) });

    expect(detectExceptions(scanned(justBefore), justBefore, policy)).toEqual({ active: [], nextCheckAt: new Date(promised) });
    expect(detectExceptions(scanned(new Date(promised)), new Date(promised), policy).active.map((e) => e.kind)).toEqual(['delayed']);
    expect(detectExceptions(scanned(new Date(lost)), new Date(lost), policy).active.map((e) => [e.kind, e.since.toISOString()])).toEqual([
      ['delayed', new Date(promised).toISOString()],
      ['lost', new Date(lost).toISOString()],
    ]);
  });
});

describe('nextCheckAt', () => {
  const hours = fc.integer({ min: 0, max: 600 });
  const maybeHours = fc.option(hours, { nil: null });
  const snapshots = fc
    .record({
      status: fc.constantFrom(...STATUS_LIST),
      pick: fc.nat(),
      pickedUp: maybeHours,
      promised: maybeHours,
      delayDays: fc.integer({ min: 1, max: 10 }),
      lastEvent: maybeHours,
      awaiting: maybeHours,
      failedAttempts: fc.integer({ min: 0, max: 5 }),
      damaged: fc.boolean(),
    })
    .map((r): ShipmentSnapshot => {
      const subs = TRACKING_STATUSES[r.status] as readonly string[];
      const subStatus = subs[r.pick % subs.length]!;
      const status: TrackingStatus = r.status;
      const delivered = status === 'delivered' && r.lastEvent !== null;
      return {
        status,
        subStatus,
        terminal: isTerminal(status, subStatus),
        pickedUpAt: r.pickedUp === null ? null : h(r.pickedUp),
        promisedAt: r.promised === null ? null : h(r.promised),
        completeDelayAt: r.promised === null ? null : h(r.promised + r.delayDays * 24),
        lastEventTime: r.lastEvent === null ? null : h(r.lastEvent),
        awaitingPickupSince: status === 'awaiting_pickup' && r.awaiting !== null ? h(r.awaiting) : null,
        failedAttempts: r.failedAttempts,
        damaged: r.damaged,
        deliveredAt: delivered && r.lastEvent !== null ? h(r.lastEvent) : null,
      };
    });

  it('is the first instant anything changes by the clock alone, and nothing changes before it', () => {
    fc.assert(
      fc.property(snapshots, hours, (snapshot, nowHours) => {
        const now = h(nowHours);
        const kinds = (at: Date) => detectExceptions(snapshot, at, policy).active.map((e) => e.kind);
        const { nextCheckAt } = detectExceptions(snapshot, now, policy);
        const later = h(nowHours + 2_000);
        if (nextCheckAt === null) {
          // nothing more can arise without a new event
          expect(kinds(later)).toEqual(kinds(now));
          return;
        }
        expect(nextCheckAt.getTime()).toBeGreaterThan(now.getTime());
        expect(kinds(new Date(nextCheckAt.getTime() - 1))).toEqual(kinds(now));
        expect(kinds(nextCheckAt).length).toBeGreaterThan(kinds(now).length);
      }),
      { numRuns: 500 },
    );
  });
});
