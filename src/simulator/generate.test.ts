import { describe, expect, it } from 'vitest';
import { parseAddress, regionOf } from '../domain/regions/index.js';
import { classifyRoute } from '../domain/regions/route.js';
import { isSubStatusOf, isTrackingStatus } from '../domain/tracking/vocabulary.js';
import { DEFAULT_PROMISE_RULES, generateTraffic, trafficOptionProblems, type ShipmentInput, type TrafficOptions } from './generate.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-11-22T06:00:00Z');
const base: TrafficOptions = { seed: 7, shipments: 1000, start: new Date(now.getTime() - 30 * DAY), now };
const shares = { delayed: 0.05, damaged: 0.02, lost: 0.02, refused: 0.03, returned: 0.02, notCollected: 0.03, failedAttempt: 0.06 };
const traffic = generateTraffic({ ...base, shares });

const eventsOf = new Map<string, typeof traffic.events>();
for (const e of traffic.events) eventsOf.set(e.waybillNo, [...(eventsOf.get(e.waybillNo) ?? []), e]);
const time = (e: { eventTime: string }) => Date.parse(e.eventTime);
const pickupOf = (waybillNo: string) => time(eventsOf.get(waybillNo)!.find((e) => e.status === 'picked_up')!);
const lastOf = (waybillNo: string) => eventsOf.get(waybillNo)!.at(-1)!;

describe('generateTraffic', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateTraffic({ ...base, shares })).toEqual(traffic);
    const other = generateTraffic({ ...base, shares, seed: 8 });
    expect(other.shipments[0]!.waybillNo).not.toBe(traffic.shipments[0]!.waybillNo);
  });

  it('emits no event after now, each waybill in time order, every event with a unique stable id', () => {
    expect(traffic.events.every((e) => time(e) <= now.getTime())).toBe(true);
    for (const events of eventsOf.values()) {
      for (let i = 1; i < events.length; i++) expect(time(events[i]!)).toBeGreaterThan(time(events[i - 1]!));
    }
    expect(new Set(traffic.events.map((e) => e.eventId)).size).toBe(traffic.events.length);
    expect(traffic.events.every((e) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(e.eventTime))).toBe(true);
  });

  it('speaks our vocabulary, with carrier-style texts, sites and area codes', () => {
    for (const e of traffic.events) {
      expect(isTrackingStatus(e.status) && isSubStatusOf(e.status, e.subStatus), `${e.status}/${e.subStatus}`).toBe(true);
      expect(e.text.length).toBeGreaterThan(4);
      expect(e.site === null || /(营业部|转运中心|口岸|智能快递柜|快递驿站)$/.test(e.site!), String(e.site)).toBe(true);
      expect(e.areaCode === null || regionOf(e.areaCode!) !== null, String(e.areaCode)).toBe(true);
    }
    const texts = traffic.events.map((e) => e.text).join('\n');
    expect(texts).toMatch(/【[^】]+市】快件已到达【[^】]+转运中心】/);
    expect(texts).toMatch(/快递员.师傅正在派件，电话 1\d\d\*\*\*\*\d{4}/);
    expect(texts).toMatch(/已签收，签收人：本人/);
  });

  it('gives each failure branch exactly its share', () => {
    const count = (scenario: string) => traffic.stories.filter((s) => s.scenario === scenario).length;
    for (const [scenario, share] of Object.entries(shares)) expect(count(scenario), scenario).toBe(Math.round(share * 1000));
    expect(count('normal')).toBe(1000 - Object.values(shares).reduce((sum, s) => sum + Math.round(s * 1000), 0));
    expect(traffic.stories.every((s) => s.anchored)).toBe(true);
  });

  it('builds parties from real regions: parsed or coded addresses give the story’s route class', () => {
    const end = (party: ShipmentInput['sender']) => {
      if (party.provinceCode) {
        expect(regionOf(party.cityCode!)?.provinceCode).toBe(party.provinceCode);
        return { provinceCode: party.provinceCode, cityCode: party.cityCode ?? null };
      }
      const parsed = parseAddress(party.address);
      expect(parsed, party.address).not.toBeNull();
      return { provinceCode: parsed!.provinceCode, cityCode: parsed!.cityCode };
    };
    traffic.shipments.forEach((s, i) => {
      expect(classifyRoute(end(s.sender), end(s.recipient)), `${s.sender.address} → ${s.recipient.address}`).toBe(traffic.stories[i]!.routeClass);
      expect(s.recipient.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(s.recipient.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(s.waybillNo).toMatch(/^PD\d{12}$/);
    });
    const coded = traffic.shipments.filter((s) => s.recipient.provinceCode).length;
    expect(coded).toBeGreaterThan(200);
    expect(coded).toBeLessThan(800);
  });

  it('mixes routes and leans towards the busy provinces', () => {
    const byRoute = (route: string) => traffic.stories.filter((s) => s.routeClass === route).length;
    expect(byRoute('same_city')).toBeGreaterThan(100);
    expect(byRoute('intra_province')).toBeGreaterThan(100);
    expect(byRoute('inter_province')).toBeGreaterThan(400);
    expect(byRoute('hmt')).toBeGreaterThan(0);
    const busy = traffic.shipments.filter((s) => /^(广东|浙江|江苏|上海|北京|山东|[^省]*(广州|深圳|东莞|佛山|杭州|金华|宁波|温州|苏州|南京|无锡|青岛|济南|临沂))/.test(s.sender.address));
    expect(busy.length).toBeGreaterThan(350);
  });

  it('prices by weight and route, with 月结 accounts and insurance fees where they belong', () => {
    for (const s of traffic.shipments) {
      expect(s.weightG).toBeGreaterThan(0);
      // 8 yuan first kilogram in the same city, less for 经济 on a 月结 discount; never free.
      expect(s.freightFen).toBeGreaterThanOrEqual(480);
      expect(s.freightFen! % 10).toBe(0);
      expect(Boolean(s.monthlyAccount)).toBe(s.paymentTerm === 'monthly');
      expect(s.insuranceFeeFen !== undefined).toBe(s.insured === true);
      if (s.insured) expect(s.insuranceFeeFen).toBeGreaterThanOrEqual(100);
    }
    const terms = new Set(traffic.shipments.map((s) => s.paymentTerm));
    expect(terms).toEqual(new Set(['sender_pays', 'collect', 'monthly']));
  });

  it('keeps normal parcels inside their promise: same city within a day, elsewhere within three', () => {
    const limit = { same_city: 24, intra_province: 72, inter_province: 72, hmt: 120 } as Record<string, number>;
    for (const s of traffic.stories.filter((story) => story.scenario === 'normal')) {
      const events = eventsOf.get(s.waybillNo) ?? [];
      const handed = events.find((e) => e.status === 'delivered' || e.status === 'awaiting_pickup');
      if (!handed) continue;
      expect(time(handed) - pickupOf(s.waybillNo), s.waybillNo).toBeLessThanOrEqual(limit[s.routeClass]! * HOUR);
    }
  });

  it('places failure branches so that now shows them', () => {
    const promise = (route: string) => (route === 'same_city' ? DEFAULT_PROMISE_RULES.sameCityHours : DEFAULT_PROMISE_RULES.domesticHours) * HOUR;
    const completeDelay = (route: string) =>
      (route === 'same_city' ? DEFAULT_PROMISE_RULES.completeDelaySameCityDays : DEFAULT_PROMISE_RULES.completeDelayDomesticDays) * DAY;
    for (const s of traffic.stories) {
      const last = lastOf(s.waybillNo);
      const key = `${s.scenario}/${s.variant}`;
      if (key === 'delayed/in_flight') {
        expect(pickupOf(s.waybillNo) + promise(s.routeClass)).toBeLessThan(now.getTime());
        expect(last.status).not.toBe('delivered');
      }
      if (key === 'lost/lost') expect(pickupOf(s.waybillNo) + promise(s.routeClass) + completeDelay(s.routeClass)).toBeLessThan(now.getTime());
      if (key === 'lost/stalled') expect(now.getTime() - time(last)).toBeGreaterThan(48 * HOUR);
      if (s.scenario === 'notCollected') {
        expect(last.status).toBe('awaiting_pickup');
        expect(now.getTime() - time(last)).toBeGreaterThan(72 * HOUR);
      }
      if (key === 'refused/refused') expect(last.status).toBe('refused');
      if (key === 'refused/returned_to_sender' || key === 'returned/returned_to_sender') expect(last.subStatus).toBe('returned_to_sender');
      if (s.scenario === 'damaged') expect(eventsOf.get(s.waybillNo)!.some((e) => e.status === 'damaged')).toBe(true);
      if (key === 'failedAttempt/address_issue') expect(last.subStatus).toBe('address_issue');
      if (key === 'failedAttempt/undeliverable') expect(eventsOf.get(s.waybillNo)!.filter((e) => e.status === 'failed_attempt')).toHaveLength(3);
    }
  });

  it('starts stories as early as allowed when the window is too short, and says so', () => {
    const short = generateTraffic({ ...base, shipments: 200, start: new Date(now.getTime() - 2 * DAY), shares: { lost: 0.05 } });
    const lost = short.stories.filter((s) => s.scenario === 'lost' && s.variant === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((s) => !s.anchored)).toBe(true);
    expect(short.events.every((e) => time(e) >= now.getTime() - 2 * DAY && time(e) <= now.getTime())).toBe(true);
  });
});

describe('trafficOptionProblems', () => {
  it.each([
    { change: { seed: 1.5 }, problem: 'seed must be a whole number' },
    { change: { shipments: 0 }, problem: 'shipments must be a whole number from 1 to 200000' },
    { change: { start: now }, problem: 'start must be before now' },
    { change: { start: new Date(now.getTime() - 400 * DAY) }, problem: 'start must be at most 360 days before now' },
    { change: { now: new Date('x') }, problem: 'now is not a valid time' },
    { change: { shares: { delayed: -0.1 } }, problem: 'share delayed must be between 0 and 1' },
    { change: { shares: { delayed: 0.7, lost: 0.5 } }, problem: 'the shares add up to' },
  ] as { change: Partial<TrafficOptions>; problem: string }[])('refuses $problem', ({ change, problem }) => {
    const problems = trafficOptionProblems({ ...base, ...change });
    expect(problems.join('; ')).toContain(problem);
    expect(() => generateTraffic({ ...base, ...change })).toThrow(RangeError);
  });

  it('accepts the defaults', () => {
    expect(trafficOptionProblems(base)).toEqual([]);
  });
});
