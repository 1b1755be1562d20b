import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulate, advance, compareStanding, statusSinceAfter, type Accumulated, type Standing } from './progress.js';
import { TRACKING_STATUSES, type TrackingStatus } from './vocabulary.js';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
const s = (status: TrackingStatus, subStatus: string, hour: number, key = `${status}-${hour}`): Standing => ({
  status,
  subStatus,
  eventTime: at(hour),
  eventKey: key,
});

describe('standing', () => {
  it.each([
    { case: 'a later scan moves forward', events: [s('picked_up', 'picked_up', 1), s('in_transit', 'arrived', 5)], expected: 'in_transit' },
    { case: 'a late old scan does not move back', events: [s('in_transit', 'arrived', 5), s('picked_up', 'picked_up', 1)], expected: 'in_transit' },
    { case: 'signed stays signed even if a later-timed scan arrives', events: [s('delivered', 'self', 5), s('out_for_delivery', 'out_for_delivery', 9)], expected: 'delivered' },
    { case: 'returned to sender is terminal', events: [s('returned', 'returned_to_sender', 5), s('in_transit', 'arrived', 6)], expected: 'returned' },
    { case: 'returning is not terminal', events: [s('returned', 'returning', 5), s('in_transit', 'arrived', 6)], expected: 'in_transit' },
    { case: 'same instant: the further stage wins', events: [s('out_for_delivery', 'out_for_delivery', 5), s('in_transit', 'arrived', 5)], expected: 'out_for_delivery' },
    { case: 'cancelled is terminal', events: [s('cancelled', 'cancelled', 2), s('picked_up', 'picked_up', 3)], expected: 'cancelled' },
  ])('$case', ({ events, expected }) => {
    expect(events.reduce<Standing | null>(advance, null)?.status).toBe(expected);
  });

  const standing = fc
    .record({
      status: fc.constantFrom(...(Object.keys(TRACKING_STATUSES) as TrackingStatus[])),
      hour: fc.integer({ min: 0, max: 48 }),
      key: fc.string({ minLength: 1, maxLength: 4 }),
    })
    .map(({ status, hour, key }) => s(status, TRACKING_STATUSES[status][0], hour, key));

  it('any arrival order and any replay give the same standing (property)', () => {
    fc.assert(
      fc.property(fc.array(standing, { minLength: 1, maxLength: 30 }), fc.integer(), (events, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { seed, numRuns: 1 })[0]!;
        const replayed = [...shuffled, ...events.slice(0, seed % events.length)];
        const a = events.reduce<Standing | null>(advance, null)!;
        const b = replayed.reduce<Standing | null>(advance, null)!;
        expect(compareStanding(a, b)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('the standing never compares lower after more events (property)', () => {
    fc.assert(
      fc.property(fc.array(standing, { minLength: 2, maxLength: 30 }), (events) => {
        let current: Standing | null = null;
        for (const e of events) {
          const next = advance(current, e);
          if (current) expect(compareStanding(next, current)).toBeGreaterThanOrEqual(0);
          current = next;
        }
      }),
    );
  });
});

describe('accumulated facts', () => {
  const none: Accumulated = { pickedUpAt: null, deliveredAt: null, damagedAt: null, failedAttempts: 0 };
  it('takes the earliest pickup whatever order scans come in', () => {
    const facts = [s('in_transit', 'arrived', 8), s('picked_up', 'picked_up', 2), s('out_for_delivery', 'out_for_delivery', 20)].reduce(accumulate, none);
    expect(facts.pickedUpAt).toEqual(at(2));
  });
  it('counts failed attempts and remembers damage and delivery', () => {
    const facts = [
      s('failed_attempt', 'no_one_home', 3, 'a'),
      s('failed_attempt', 'no_one_home', 4, 'b'),
      s('damaged', 'damaged', 5),
      s('delivered', 'self', 9),
    ].reduce(accumulate, none);
    expect(facts).toEqual({ pickedUpAt: at(3), deliveredAt: at(9), damagedAt: at(5), failedAttempts: 2 });
  });
  it('an order that was only placed or cancelled was never picked up', () => {
    expect([s('ordered', 'created', 1), s('cancelled', 'cancelled', 2)].reduce(accumulate, none).pickedUpAt).toBeNull();
  });
});

describe('when the current status began', () => {
  /** Folds scans as ingestion does: advance the standing, then carry the start of its status. */
  const since = (start: { standing: Standing | null; since: Date | null }, events: Standing[]) =>
    events.reduce((acc, event) => {
      const standing = advance(acc.standing, event);
      return { standing, since: statusSinceAfter(acc.standing, acc.since, standing) };
    }, start).since;
  const fresh = { standing: null, since: null };

  it.each([
    {
      case: 'a return keeps the time it started through its later 退回 scans',
      start: fresh,
      events: [s('in_transit', 'arrived', 1), s('returned', 'returning', 7), s('returned', 'returning', 12), s('returned', 'returning', 19)],
      expected: at(7),
    },
    { case: 'a new status begins at its own scan', start: fresh, events: [s('returned', 'returning', 7), s('out_for_delivery', 'out_for_delivery', 9)], expected: at(9) },
    { case: 'a late old scan of another status changes nothing', start: fresh, events: [s('returned', 'returning', 7), s('in_transit', 'arrived', 3)], expected: at(7) },
    { case: 'the first scan starts its status', start: fresh, events: [s('picked_up', 'picked_up', 2)], expected: at(2) },
    {
      case: 'more scans of a stored status whose start is unknown stay unknown',
      start: { standing: s('returned', 'returning', 7), since: null },
      events: [s('returned', 'returning', 12)],
      expected: null,
    },
    {
      case: 'a stored start is kept across batches',
      start: { standing: s('returned', 'returning', 7), since: at(7) },
      events: [s('returned', 'returning', 12)],
      expected: at(7),
    },
  ])('$case', ({ start, events, expected }) => {
    expect(since(start, events)).toEqual(expected);
  });
});
