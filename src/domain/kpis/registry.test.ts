import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../sla/calendar.js';
import { startClock, stopClock, pauseClock, resumeClock } from '../sla/clock.js';
import {
  callbackFacts,
  chargebackFacts,
  claimDecisionFacts,
  clockFacts,
  companyDay,
  deliveryFacts,
  firstContactResolution,
  ratingFacts,
  sumFacts,
  type FactCounts,
} from './facts.js';
import { dimensionsOf, FACT_DIMENSIONS, FACTS, factsOf, kpiById, KPIS, kpiValue } from './registry.js';

/** A Shanghai wall time ('2026-03-06 17:30') as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const cal = DEFAULT_BUSINESS_CALENDAR;
const kpi = (id: string) => kpiById(id)!;

describe('the registry', () => {
  it('defines each KPI once, with names, a source and facts that exist', () => {
    expect(new Set(KPIS.map((k) => k.id)).size).toBe(KPIS.length);
    for (const k of KPIS) {
      expect(k.name['zh-CN'].length).toBeGreaterThan(0);
      expect(k.name['en-US'].length).toBeGreaterThan(0);
      expect(k.source['zh-CN'].length).toBeGreaterThan(0);
      for (const f of factsOf(k)) expect(FACTS).toContain(f);
      if (k.available) expect(factsOf(k).length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['on_time_delivery_rate', ['station', 'province', 'city', 'customer']],
    ['damage_rate', ['province', 'city', 'customer']],
    ['sla_attainment', ['agent', 'team', 'department', 'customer', 'tier', 'clock']],
    ['chargebacks_by_station', ['station']],
    ['complaints_per_million', ['customer']],
  ])('%s is sliced by what all its facts carry', (id, dims) => {
    expect(dimensionsOf(kpi(id))).toEqual(dims);
  });

  it('every fact has its slices', () => {
    for (const f of FACTS) expect(FACT_DIMENSIONS[f].length).toBeGreaterThan(0);
  });
});

describe('kpiValue: each formula on hand-made facts', () => {
  it.each<{ id: string; facts: FactCounts; value: number | null }>([
    { id: 'on_time_delivery_rate', facts: { 'parcels.delivered_promised': 8, 'parcels.delivered_on_time': 6 }, value: 75 },
    { id: 'on_time_delivery_rate', facts: {}, value: null },
    { id: 'damage_rate', facts: { 'parcels.picked_up': 2000, 'parcels.damaged': 3 }, value: 0.15 },
    { id: 'loss_rate', facts: { 'parcels.picked_up': 4000, 'parcels.lost': 1 }, value: 0.025 },
    { id: 'complaints_per_million', facts: { 'parcels.picked_up': 250_000, 'complaints.opened': 3 }, value: 12 },
    { id: 'complaints_per_million', facts: { 'complaints.opened': 3 }, value: null },
    { id: 'first_response_time', facts: { 'first_response.count': 4, 'first_response.minutes': 130 }, value: 32.5 },
    { id: 'resolution_time', facts: { 'resolution.count': 2, 'resolution.minutes': 600 }, value: 300 },
    { id: 'sla_attainment', facts: { 'sla.ended': 5, 'sla.met': 4 }, value: 80 },
    { id: 'first_contact_resolution', facts: { 'fcr.resolved': 4, 'fcr.first_contact': 1 }, value: 25 },
    { id: 'callback_completion', facts: { 'callbacks.due': 10, 'callbacks.done': 9 }, value: 90 },
    { id: 'csat', facts: { 'csat.ratings': 3, 'csat.satisfied': 2 }, value: (2 / 3) * 100 },
    { id: 'claim_amount_per_10k', facts: { 'parcels.picked_up': 20_000, 'claims.approved_fen': 50_000 }, value: 25_000 },
    { id: 'claim_cycle_time', facts: { 'claims.decided': 2, 'claims.cycle_minutes': 3000 }, value: 1500 },
    { id: 'chargebacks_by_station', facts: { 'chargebacks.fen': 12_000 }, value: 12_000 },
    { id: 'chargebacks_by_station', facts: {}, value: 0 },
    // parts not built (or not rolled up) are not available, never 0
    { id: 'nps', facts: { 'csat.ratings': 3 }, value: null },
    { id: 'service_order_on_time', facts: {}, value: null },
  ])('$id of $facts is $value', ({ id, facts, value }) => {
    const got = kpiValue(kpi(id), facts);
    if (value === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(value, 10);
  });

  it('a period is the sum of its days, not the average of daily rates', () => {
    const day1 = deliveryFacts({ deliveredAt: sh('2026-03-02 10:00'), promisedAt: sh('2026-03-02 12:00') });
    const day2 = sumFacts([0, 1, 2].map(() => deliveryFacts({ deliveredAt: sh('2026-03-03 18:00'), promisedAt: sh('2026-03-03 12:00') })));
    // day 1: 100 %, day 2: 0 % → the period is 1 of 4, not 50 %
    expect(kpiValue(kpi('on_time_delivery_rate'), sumFacts([day1, day2]))).toBe(25);
  });
});

describe('what one record contributes', () => {
  it.each<{ case: string; promisedAt: Date | null; deliveredAt: Date; facts: FactCounts }>([
    { case: 'before the promise', promisedAt: sh('2026-03-03 18:00'), deliveredAt: sh('2026-03-03 17:59'), facts: { 'parcels.delivered_promised': 1, 'parcels.delivered_on_time': 1 } },
    { case: 'exactly at the promise', promisedAt: sh('2026-03-03 18:00'), deliveredAt: sh('2026-03-03 18:00'), facts: { 'parcels.delivered_promised': 1, 'parcels.delivered_on_time': 1 } },
    { case: 'a minute late', promisedAt: sh('2026-03-03 18:00'), deliveredAt: sh('2026-03-03 18:01'), facts: { 'parcels.delivered_promised': 1, 'parcels.delivered_on_time': 0 } },
    { case: 'no promise: not counted', promisedAt: null, deliveredAt: sh('2026-03-03 18:01'), facts: {} },
  ])('delivery $case', ({ promisedAt, deliveredAt, facts }) => {
    expect(deliveryFacts({ promisedAt, deliveredAt })).toEqual(facts);
  });

  it('delivery is judged against the promise of the policy version the parcel was promised under', () => {
    // Picked up Monday 10:00 under v1 (异地 72 h: promised Thursday 10:00); v2 (48 h) came in later.
    // Signed Wednesday 15:00: late under v2's 48 h, on time under the promise it was given.
    const pickedUp = sh('2026-03-02 10:00');
    const promisedUnderV1 = new Date(pickedUp.getTime() + 72 * 3_600_000);
    const wouldBeUnderV2 = new Date(pickedUp.getTime() + 48 * 3_600_000);
    const signed = sh('2026-03-04 15:00');
    expect(signed.getTime()).toBeGreaterThan(wouldBeUnderV2.getTime());
    expect(deliveryFacts({ promisedAt: promisedUnderV1, deliveredAt: signed })['parcels.delivered_on_time']).toBe(1);
  });

  it.each<{ case: string; opened: Date; answered: Date; minutes: number }>([
    { case: 'inside working hours', opened: sh('2026-03-03 10:00'), answered: sh('2026-03-03 10:45'), minutes: 45 },
    { case: 'overnight: 17:30 → next day 09:30 is 60 minutes', opened: sh('2026-03-03 17:30'), answered: sh('2026-03-04 09:30'), minutes: 60 },
    { case: 'over the weekend: Friday 17:00 → Monday 10:00 is 120 minutes', opened: sh('2026-03-06 17:00'), answered: sh('2026-03-09 10:00'), minutes: 120 },
    { case: 'opened before opening hours: 07:00 → 09:20 is 20 minutes', opened: sh('2026-03-03 07:00'), answered: sh('2026-03-03 09:20'), minutes: 20 },
  ])('first response in business time: $case', ({ opened, answered, minutes }) => {
    const clock = stopClock(startClock('first_response', 60, 'business', opened), answered, cal);
    expect(clockFacts(clock, cal)).toEqual({ 'sla.ended': 1, 'sla.met': 1, 'first_response.count': 1, 'first_response.minutes': minutes });
  });

  it('a calendar-basis clock counts every minute; a breached one is not met', () => {
    const clock = { ...stopClock(startClock('first_response', 60, 'calendar', sh('2026-03-06 17:00')), sh('2026-03-09 10:00'), cal), breachedAt: sh('2026-03-06 18:00') };
    expect(clockFacts(clock, cal)).toEqual({ 'sla.ended': 1, 'sla.met': 0, 'first_response.count': 1, 'first_response.minutes': 65 * 60 });
  });

  it('resolution time leaves out the wait for the customer', () => {
    let clock = startClock('resolution', 24 * 60, 'business', sh('2026-03-03 10:00'));
    clock = pauseClock(clock, sh('2026-03-03 11:00'), cal);
    clock = resumeClock(clock, sh('2026-03-03 15:00'));
    clock = stopClock(clock, sh('2026-03-03 15:30'), cal);
    expect(clockFacts(clock, cal)).toMatchObject({ 'resolution.count': 1, 'resolution.minutes': 90 });
  });

  it('a running clock contributes nothing yet', () => {
    expect(clockFacts(startClock('callback', 60, 'business', sh('2026-03-03 10:00')), cal)).toEqual({});
  });

  const reply = { kind: 'reply', visibility: 'public', byStaff: true };
  it.each([
    { case: 'one reply', timeline: [reply, { kind: 'resolved', visibility: 'internal', byStaff: true }], fcr: 1 },
    { case: 'no reply at all', timeline: [{ kind: 'resolved', visibility: 'internal', byStaff: true }], fcr: 1 },
    { case: 'two agent replies', timeline: [reply, reply], fcr: 0 },
    { case: 'one reply and internal notes', timeline: [reply, { kind: 'note', visibility: 'internal', byStaff: true }], fcr: 1 },
    { case: 'one reply after a transfer', timeline: [{ kind: 'transfer', visibility: 'internal', byStaff: true }, reply], fcr: 0 },
    { case: 'the customer wrote twice', timeline: [reply, { kind: 'customer_reply', visibility: 'public', byStaff: false }, { kind: 'customer_reply', visibility: 'public', byStaff: false }], fcr: 1 },
  ])('first-contact resolution: $case', ({ timeline, fcr }) => {
    expect(firstContactResolution(timeline)).toEqual({ 'fcr.resolved': 1, 'fcr.first_contact': fcr });
  });

  it.each([
    { outcome: 'satisfied', facts: { 'callbacks.due': 1, 'callbacks.done': 1 } },
    { outcome: 'unsatisfied', facts: { 'callbacks.due': 1, 'callbacks.done': 1 } },
    { outcome: 'unreachable', facts: { 'callbacks.due': 1, 'callbacks.done': 0 } },
    { outcome: null, facts: { 'callbacks.due': 1, 'callbacks.done': 0 } },
    { outcome: 'cancelled', facts: {} },
  ])('callback with outcome $outcome', ({ outcome, facts }) => {
    expect(callbackFacts({ outcome })).toEqual(facts);
  });

  it.each([
    [1, 0],
    [3, 0],
    [4, 1],
    [5, 1],
  ])('a rating of %i is satisfied: %i', (rating, satisfied) => {
    expect(ratingFacts(rating)).toEqual({ 'csat.ratings': 1, 'csat.satisfied': satisfied });
  });

  it('claims: cycle minutes from opening to decision, fen approved; a rejection approves 0', () => {
    expect(claimDecisionFacts({ openedAt: sh('2026-03-03 10:00'), decidedAt: sh('2026-03-04 12:30'), approvedFen: 12_345 })).toEqual({
      'claims.decided': 1,
      'claims.cycle_minutes': 26 * 60 + 30,
      'claims.approved_fen': 12_345,
    });
    expect(claimDecisionFacts({ openedAt: sh('2026-03-03 10:00'), decidedAt: sh('2026-03-03 10:10'), approvedFen: null })['claims.approved_fen']).toBe(0);
  });

  it('chargebacks net of reversals; payouts are no chargeback', () => {
    const sums = sumFacts([
      chargebackFacts({ kind: 'chargeback', station: '杭州西湖网点', amountFen: 5000 }),
      chargebackFacts({ kind: 'chargeback', station: '杭州西湖网点', amountFen: 3000 }),
      chargebackFacts({ kind: 'reversal', station: '杭州西湖网点', amountFen: 3000 }),
      chargebackFacts({ kind: 'payout', station: null, amountFen: 9000 }),
    ]);
    expect(sums).toEqual({ 'chargebacks.count': 1, 'chargebacks.fen': 5000 });
  });

  it.each([
    ['an afternoon in Shanghai', '2026-03-03T07:00:00Z', 'Asia/Shanghai', '2026-03-03'],
    ['00:30 in Shanghai is 16:30 UTC the day before', '2026-03-02T16:30:00Z', 'Asia/Shanghai', '2026-03-03'],
    ['23:59 in Shanghai stays on its day', '2026-03-03T15:59:00Z', 'Asia/Shanghai', '2026-03-03'],
    ['another company zone', '2026-03-02T16:30:00Z', 'Europe/Berlin', '2026-03-02'],
  ])('company day: %s', (_case, iso, zone, day) => {
    expect(companyDay(new Date(iso), zone)).toBe(day);
  });
});
