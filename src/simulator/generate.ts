/**
 * Simulated traffic for ParcelDesk: shipments as an order system registers them (POST
 * /api/shipments) and the scans a carrier's network sends (POST /api/tracking/events).
 *
 * Pure and seeded: the same options give the same traffic, byte for byte, so a run can be
 * replayed (and a replay stores nothing new). Events after `now` are never emitted: a parcel in
 * flight stops at its current scan. The configured shares become the failure branches of
 * docs/product.md §1 (delayed, lost, damaged, refused, returned, failed attempts, never collected).
 */
import type { Static } from 'typebox';
import { classifyRoute, type RouteClass } from '../domain/regions/route.js';
import { DEFAULT_TIME_LIMIT_POLICY } from '../domain/time-limits/policy.js';
import type { ShipmentInput as ShipmentInputSchema } from '../modules/shipments/schemas.js';
import type { ScanEvent as ScanEventSchema } from '../modules/tracking/schemas.js';
import { buildStory, DAY_MS, HOUR_MS, localMidnight, SCENARIOS, VARIANTS, type DeliveryMode, type PromiseRules, type Scenario, type StoryContext } from './journey.js';
import { companyName, courier, mobileNumber, personName } from './people.js';
import {
  addressIn,
  cityShortName,
  customsPortFor,
  distanceBetween,
  gatewayCityOf,
  hubOf,
  isSar,
  pickPlace,
  placeIn,
  sarGatewayCity,
  siteOf,
  type Address,
  type AddressKind,
  type NetworkPoint,
  type Place,
} from './places.js';
import { createRandom, hashSeed, type Random } from './random.js';
import { ScanTexts } from './texts.js';

/** A POST /api/shipments item. */
export type ShipmentInput = Static<typeof ShipmentInputSchema>;
/** A POST /api/tracking/events item. */
export type ScanEvent = Static<typeof ScanEventSchema>;

/** Share of shipments (0–1) that take each failure branch; the rest travel normally. */
export interface TrafficShares {
  /** slow hubs: the promise passes before delivery */
  delayed: number;
  /** a damaged/damaged scan on the way */
  damaged: number;
  /** scans stop mid-way: lost past the complete-delay limit, or stalled */
  lost: number;
  /** the recipient refuses; the parcel goes back */
  refused: number;
  /** sent back to the sender (on request, or undeliverable at the destination) */
  returned: number;
  /** waiting at a locker or station for more than 72 h */
  notCollected: number;
  /** one or more failed delivery attempts */
  failedAttempt: number;
}

export const SHARE_KEYS = ['delayed', 'damaged', 'lost', 'refused', 'returned', 'notCollected', 'failedAttempt'] as const satisfies readonly (keyof TrafficShares)[];

export const DEFAULT_SHARES: Readonly<TrafficShares> = Object.freeze({
  delayed: 0.05,
  damaged: 0.01,
  lost: 0.005,
  refused: 0.01,
  returned: 0.01,
  notCollected: 0.02,
  failedAttempt: 0.03,
});

export interface TrafficOptions {
  seed: number;
  shipments: number;
  /** the earliest a story may start (order or pickup) */
  start: Date;
  /** no event after this instant is emitted */
  now: Date;
  shares?: Partial<TrafficShares>;
  /** the time limits the server applies; docs/product.md §7 defaults when not given */
  rules?: Partial<PromiseRules>;
}

export interface ShipmentStory {
  waybillNo: string;
  routeClass: RouteClass;
  scenario: Scenario;
  variant: string;
  /** the last emitted scan's status, null when nothing had happened by `now` */
  finalStatus: string | null;
  finalSubStatus: string | null;
  events: number;
  /**
   * false when the window between `start` and `now` was too short for the scenario to show (a
   * parcel is lost only 10 days after pickup): the story then starts as early as allowed.
   */
  anchored: boolean;
}

export interface Traffic {
  shipments: ShipmentInput[];
  events: ScanEvent[];
  stories: ShipmentStory[];
}

export const MAX_SIMULATED_SHIPMENTS = 200_000;
/** Events older than the server's retention (365 days by default) are refused; stay inside it. */
const MAX_SPAN_DAYS = 360;

const rule = DEFAULT_TIME_LIMIT_POLICY.rules;
export const DEFAULT_PROMISE_RULES: Readonly<PromiseRules> = Object.freeze({
  sameCityHours: rule.promiseSameCity.value,
  domesticHours: Math.max(rule.promiseIntraProvince.value, rule.promiseInterProvince.value),
  completeDelaySameCityDays: rule.completeDelaySameCity.value,
  completeDelayDomesticDays: rule.completeDelayDomestic.value,
});

/** What is wrong with the options, in words a command line can print; empty when they are fine. */
export function trafficOptionProblems(options: TrafficOptions): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.seed)) problems.push('seed must be a whole number');
  if (!Number.isInteger(options.shipments) || options.shipments < 1 || options.shipments > MAX_SIMULATED_SHIPMENTS) {
    problems.push(`shipments must be a whole number from 1 to ${MAX_SIMULATED_SHIPMENTS}`);
  }
  const start = options.start.getTime();
  const now = options.now.getTime();
  if (Number.isNaN(start)) problems.push('start is not a valid time');
  if (Number.isNaN(now)) problems.push('now is not a valid time');
  if (!Number.isNaN(start) && !Number.isNaN(now)) {
    if (start >= now) problems.push('start must be before now');
    else if (now - start > MAX_SPAN_DAYS * DAY_MS) problems.push(`start must be at most ${MAX_SPAN_DAYS} days before now (events older than the retention are refused)`);
  }
  let valid = true;
  for (const key of SHARE_KEYS) {
    const value = options.shares?.[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 1)) {
      problems.push(`share ${key} must be between 0 and 1`);
      valid = false;
    }
  }
  const total = SHARE_KEYS.reduce((sum, key) => sum + (options.shares?.[key] ?? DEFAULT_SHARES[key]), 0);
  if (valid && total > 1 + 1e-9) problems.push(`the shares add up to ${total.toFixed(3)} (with the defaults for those not given); at most 1`);
  return problems;
}

/** What each parcel holds: weight (g) and declared value (fen) ranges. */
const CONTENTS: readonly { name: string; weight: [number, number]; value: [number, number]; share: number }[] = [
  { name: '文件', weight: [80, 500], value: [0, 5_000], share: 10 },
  { name: '服装', weight: [200, 1_500], value: [5_000, 50_000], share: 18 },
  { name: '鞋子', weight: [800, 2_000], value: [10_000, 80_000], share: 6 },
  { name: '化妆品', weight: [200, 1_200], value: [5_000, 100_000], share: 7 },
  { name: '手机', weight: [300, 900], value: [150_000, 800_000], share: 2 },
  { name: '数码配件', weight: [100, 800], value: [2_000, 30_000], share: 8 },
  { name: '图书', weight: [300, 3_000], value: [3_000, 30_000], share: 5 },
  { name: '食品', weight: [500, 5_000], value: [2_000, 30_000], share: 9 },
  { name: '生鲜水果', weight: [2_000, 10_000], value: [5_000, 30_000], share: 4 },
  { name: '家居日用', weight: [500, 8_000], value: [2_000, 40_000], share: 12 },
  { name: '小家电', weight: [1_500, 8_000], value: [20_000, 150_000], share: 5 },
  { name: '母婴用品', weight: [500, 5_000], value: [5_000, 60_000], share: 5 },
  { name: '汽车配件', weight: [1_000, 15_000], value: [5_000, 100_000], share: 3 },
  { name: '药品', weight: [100, 1_000], value: [2_000, 20_000], share: 3 },
  { name: '茶叶', weight: [250, 2_500], value: [10_000, 200_000], share: 3 },
];

type Product = NonNullable<ShipmentInput['product']>;
type PaymentTerm = NonNullable<ShipmentInput['paymentTerm']>;

interface Business {
  name: string;
  phone: string;
  place: Place;
  account: string;
}

interface Party {
  name: string;
  phone: string;
  place: Place;
  address: Address;
}

const ROUTE_MIX: readonly (readonly [RouteClass, number])[] = [
  ['same_city', 0.2],
  ['intra_province', 0.2],
  ['inter_province', 0.58],
  ['hmt', 0.02],
];

/** 首重/续重 by route in fen: first kilogram, each further kilogram. */
function freightFen(random: Random, weightG: number, routeClass: RouteClass, origin: Place, destination: Place, product: Product, monthly: boolean): number {
  const kg = Math.max(1, Math.ceil(weightG / 1000));
  let first: number;
  let extra: number;
  switch (routeClass) {
    case 'same_city':
      [first, extra] = [800, 200];
      break;
    case 'intra_province':
      [first, extra] = [1_000, 300];
      break;
    case 'inter_province': {
      const distance = distanceBetween(origin, destination);
      [first, extra] = distance === 'near' ? [1_200, 500] : distance === 'neighbour' ? [1_500, 800] : [1_800, 1_000];
      if (['54', '65', '63'].includes(destination.provinceCode.slice(0, 2))) [first, extra] = [2_500, 1_800];
      break;
    }
    default:
      [first, extra] = [3_000, 1_500];
  }
  const factor = { express: 1.6, same_day: 2, standard: 1, economy: 0.8, international: 3 }[product] * (monthly ? 0.85 : 1);
  // Quoted to the jiao (角), with the occasional promotion.
  const quoted = (first + (kg - 1) * extra) * factor * (random.chance(0.1) ? 0.9 : 1);
  return Math.round(quoted / 10) * 10;
}

function productFor(random: Random, routeClass: RouteClass): Product {
  if (routeClass === 'same_city') return random.weighted([['standard', 55], ['express', 20], ['same_day', 15], ['economy', 10]] as const);
  if (routeClass === 'hmt') return random.weighted([['standard', 60], ['express', 40]] as const);
  return random.weighted([['standard', 65], ['express', 20], ['economy', 15]] as const);
}

function consumer(random: Random, place: Place, kind: AddressKind): Party {
  return { name: personName(random).name, phone: mobileNumber(random), place, address: addressIn(random, place, kind) };
}

function addressKind(random: Random): AddressKind {
  return random.weighted([['home', 70], ['office', 25], ['business', 5]] as const);
}

/** The hubs between two places: city hub, provincial gateways, the customs port for 港澳. */
function networkPath(random: Random, origin: Place, destination: Place, routeClass: RouteClass): NetworkPoint[] {
  const cities: string[] = [];
  const add = (code: string) => {
    if (cities[cities.length - 1] !== code) cities.push(code);
  };
  const points = () => cities.map((code) => (code.startsWith('port:') ? customsPortFor(code.slice(5)) : hubOf(code)));
  switch (routeClass) {
    case 'same_city':
      add(origin.cityCode);
      return points();
    case 'intra_province': {
      add(origin.cityCode);
      const gateway = gatewayCityOf(origin.provinceCode);
      if (random.chance(0.4)) add(gateway);
      add(destination.cityCode);
      return points();
    }
    case 'hmt': {
      if (isSar(destination)) {
        add(origin.cityCode);
        if (origin.provinceCode !== '440000') add(gatewayCityOf(origin.provinceCode));
        add(sarGatewayCity(destination.provinceCode));
        add(`port:${destination.provinceCode}`);
        add(destination.cityCode);
      } else {
        add(origin.cityCode);
        add(`port:${origin.provinceCode}`);
        add(sarGatewayCity(origin.provinceCode));
        if (destination.provinceCode !== '440000') add(gatewayCityOf(destination.provinceCode));
        add(destination.cityCode);
      }
      return points();
    }
    default:
      add(origin.cityCode);
      add(gatewayCityOf(origin.provinceCode));
      add(gatewayCityOf(destination.provinceCode));
      add(destination.cityCode);
      return points();
  }
}

interface Route {
  origin: Party;
  destination: Place;
}

function destinationFor(random: Random, origin: Place, wanted: RouteClass): Place {
  if (wanted === 'same_city') return placeIn(random, origin.cityCode);
  if (wanted === 'intra_province') {
    const inProvince = pickPlace(random, { province: origin.provinceCode, excludeCity: origin.cityCode, spread: true });
    if (inProvince) return inProvince;
  }
  if (wanted === 'hmt') {
    if (isSar(origin)) return pickPlace(random, { spread: true })!;
    return placeIn(random, random.chance(0.75) ? '810000' : '820000');
  }
  return pickPlace(random, { excludeProvince: origin.provinceCode, spread: true })!;
}

/** Formats an instant in the company's zone with its offset: 2026-11-20T14:03:00+08:00. */
function localIso(ms: number): string {
  return `${new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * Picks the start of a story (whole days before or after the reference start, so local times of
 * day keep) such that `now` falls in its window and it starts within [start, now].
 */
function anchorStart(random: Random, reference: number, window: [number, number], start: number, now: number): number | null {
  const latest = now - window[0];
  const earliest = Math.max(start, now - window[1]);
  if (latest < earliest) return null;
  const kMin = Math.ceil((reference - Math.min(latest, now)) / DAY_MS);
  const kMax = Math.floor((reference - earliest) / DAY_MS);
  return kMin <= kMax ? reference - random.int(kMin, kMax) * DAY_MS : null;
}

export function generateTraffic(options: TrafficOptions): Traffic {
  const problems = trafficOptionProblems(options);
  if (problems.length) throw new RangeError(problems.join('; '));
  const { seed, shipments: count } = options;
  const shares: TrafficShares = { ...DEFAULT_SHARES, ...options.shares };
  const rules: PromiseRules = { ...DEFAULT_PROMISE_RULES, ...options.rules };
  const start = options.start.getTime();
  const now = options.now.getTime();

  const master = createRandom(hashSeed('traffic', seed, count));
  const runTag = String(1000 + (hashSeed('waybill', seed, count) % 9000));

  // Exact counts per branch, spread over the run by a seeded shuffle.
  const plan: Scenario[] = [];
  for (const key of SHARE_KEYS) for (let i = Math.round(shares[key] * count); i > 0 && plan.length < count; i--) plan.push(key);
  while (plan.length < count) plan.push('normal');
  const scenarios = master.shuffle(plan);

  // Sellers on monthly-settled accounts (月结) send a quarter of the parcels, from the busy cities.
  const businesses: Business[] = Array.from({ length: Math.max(3, Math.round(count / 50)) }, () => {
    const place = pickPlace(master)!;
    return {
      name: companyName(master, cityShortName(place)),
      phone: mobileNumber(master),
      place,
      account: `${place.cityCode.slice(0, 4)}${master.digits(6)}`,
    };
  });

  const used = new Set<string>();
  const seen = Object.fromEntries(SCENARIOS.map((s) => [s, 0])) as Record<Scenario, number>;
  const traffic: Traffic = { shipments: [], events: [], stories: [] };

  scenarios.forEach((scenario, index) => {
    const random = createRandom(hashSeed('shipment', seed, count, index));
    const variants: readonly string[] = VARIANTS[scenario];
    const variant = variants[seen[scenario]++ % variants.length]!;

    let waybillNo = `PD${runTag}${random.digits(8)}`;
    while (used.has(waybillNo)) waybillNo = `PD${runTag}${random.digits(8)}`;
    used.add(waybillNo);

    // Delay and loss are measured against domestic promises here (港澳台 counts working days).
    let wanted = random.weighted(ROUTE_MIX);
    if (wanted === 'hmt' && (scenario === 'delayed' || scenario === 'lost')) wanted = 'inter_province';

    const business = random.chance(0.25) ? random.pick(businesses) : null;
    let route: Route;
    if (business) {
      route = {
        origin: { name: business.name, phone: business.phone, place: business.place, address: addressIn(random, business.place, 'business') },
        destination: destinationFor(random, business.place, wanted),
      };
    } else {
      const sarOrigin = wanted === 'hmt' && random.chance(0.3);
      const originPlace = sarOrigin ? placeIn(random, random.chance(0.75) ? '810000' : '820000') : pickPlace(random)!;
      route = { origin: consumer(random, originPlace, random.chance(0.7) ? 'home' : 'office'), destination: destinationFor(random, originPlace, wanted) };
    }
    const sender = route.origin;
    const recipientKind = addressKind(random);
    const recipient = consumer(random, route.destination, recipientKind);
    const routeClass = classifyRoute(sender.place, recipient.place);

    const item = random.weighted(CONTENTS.map((c) => [c, c.share] as const));
    const weightG = random.int(item.weight[0], item.weight[1]);
    const declaredValueFen = Math.round(random.int(item.value[0], item.value[1]) / 100) * 100;
    const insureChance = declaredValueFen >= 100_000 ? 0.7 : declaredValueFen >= 30_000 ? 0.2 : 0.03;
    const insured = declaredValueFen > 0 && random.chance(insureChance);
    const product = productFor(random, routeClass);
    const paymentTerm: PaymentTerm = business ? (random.chance(0.9) ? 'monthly' : 'sender_pays') : random.chance(0.1) ? 'collect' : 'sender_pays';
    const monthly = paymentTerm === 'monthly';

    const shipment: ShipmentInput = {
      waybillNo,
      sender: partyInput(sender),
      recipient: partyInput(recipient),
      product,
      weightG,
      declaredValueFen,
      insured,
      ...(insured ? { insuranceFeeFen: Math.max(100, Math.round(declaredValueFen * 0.005)) } : {}),
      freightFen: freightFen(random, weightG, routeClass, sender.place, recipient.place, product, monthly),
      paymentTerm,
      ...(monthly ? { monthlyAccount: business!.account } : {}),
    };

    const deliveryMode: DeliveryMode =
      recipientKind === 'home'
        ? random.weighted([['self', 40], ['proxy', 15], ['locker', 25], ['station', 20]] as const)
        : random.weighted([['self', 35], ['proxy', 45], ['locker', 10], ['station', 10]] as const);
    const ctx: StoryContext = {
      routeClass,
      originSite: siteOf(sender.place),
      destinationSite: siteOf(recipient.place),
      path: networkPath(random, sender.place, recipient.place, routeClass),
      texts: new ScanTexts(random.chance(0.65) ? 'bracket' : 'plain'),
      contents: item.name,
      pickupCourier: courier(random),
      deliveryCourier: courier(random),
      landmark: recipient.address.landmark,
      proxy: random.pick(recipientKind === 'home' ? ['家人', '门卫', '物业', '邻居'] : ['前台', '同事', '收发室']),
      deliveryMode,
      collectOnDelivery: paymentTerm === 'collect',
    };

    // Try a few times of day until `now` can fall in the scenario's window.
    const storyFrom = () => localMidnight(now) + random.between(7.5, 22.5) * HOUR_MS;
    let story = buildStory(random, ctx, scenario, variant, rules, storyFrom());
    let storyStart = anchorStart(random, story.start, story.window, start, now);
    for (let attempt = 0; storyStart === null && attempt < 8; attempt++) {
      story = buildStory(random, ctx, scenario, variant, rules, storyFrom());
      storyStart = anchorStart(random, story.start, story.window, start, now);
    }
    if (storyStart === null) {
      const [from, to] = story.window;
      const latest = now - from;
      const earliest = Math.max(start, now - to);
      if (latest >= earliest) {
        // A window shorter than a day that no time of day hit: slide the story into it.
        storyStart = earliest + random.next() * (latest - earliest);
      } else {
        // The window lies before `start`: begin on the earliest day allowed.
        storyStart = story.start - Math.floor((story.start - start) / DAY_MS) * DAY_MS;
        if (storyStart > now) storyStart = start;
      }
    }
    const shift = storyStart - story.start;

    let emitted = 0;
    let last: ScanEvent | null = null;
    story.steps.forEach((step, i) => {
      const at = story.times[i]! + shift;
      if (at > now) return;
      const event: ScanEvent = {
        waybillNo,
        eventTime: localIso(at),
        status: step.scan.status,
        subStatus: step.scan.subStatus,
        site: step.scan.site,
        areaCode: step.scan.areaCode,
        courier: step.scan.courier,
        text: step.scan.text,
        eventId: `${waybillNo}-${String(i + 1).padStart(2, '0')}`,
      };
      traffic.events.push(event);
      last = event;
      emitted++;
    });
    const final = last as ScanEvent | null;
    traffic.shipments.push(shipment);
    traffic.stories.push({
      waybillNo,
      routeClass,
      scenario,
      variant,
      finalStatus: final?.status ?? null,
      finalSubStatus: final?.subStatus ?? null,
      events: emitted,
      anchored: now - storyStart >= story.window[0] && now - storyStart <= story.window[1],
    });
  });
  return traffic;
}

function partyInput(party: Party): ShipmentInput['sender'] {
  const codes = party.address.codes;
  return {
    name: party.name,
    phone: party.phone,
    address: party.address.text,
    ...(codes ? { provinceCode: codes.provinceCode, cityCode: codes.cityCode, ...(codes.districtCode ? { districtCode: codes.districtCode } : {}) } : {}),
  };
}
