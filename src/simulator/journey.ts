/**
 * A parcel's story as scans: order → pickup at the district's 营业部 → the city's 转运中心 →
 * provincial gateways → the destination's hubs and 营业部 → out for delivery → signed — and the
 * failure branches (slow hubs, damage, scans that stop, refusal, return, failed attempts, a parcel
 * never collected from a locker or station).
 *
 * Steps carry timing rules rather than instants: "2.5 h later", "at the next evening line haul",
 * "during working hours". Scheduling a story from a first instant gives every scan its time, and
 * because the company's zone keeps one offset all year (Asia/Shanghai, UTC+8 since 1991), a story
 * scheduled one day earlier is the same story one day earlier. The generator uses that to move a
 * story so that `now` falls where the scenario wants it (past the promise, before the redelivery …).
 */
import type { RouteClass } from '../domain/regions/route.js';
import type { TrackingStatus } from '../domain/tracking/vocabulary.js';
import { distanceBetween, type NetworkPoint } from './places.js';
import type { Courier } from './people.js';
import type { Random } from './random.js';
import type { ScanTexts } from './texts.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai: UTC+8, no daylight saving. */
const UTC_OFFSET_HOURS = 8;

/** The local hour of day (0–24, fractional) of an instant. */
export function localHour(ms: number): number {
  return (((ms / HOUR_MS + UTC_OFFSET_HOURS) % 24) + 24) % 24;
}

/** Local midnight (Asia/Shanghai) of the day an instant falls on. */
export function localMidnight(ms: number): number {
  return ms - localHour(ms) * HOUR_MS;
}

export type Timing =
  /** a fixed gap: travel, handling */
  | { kind: 'after'; hours: number }
  /** at least `minHours` later, moved into local hours [from, to) (pickups, collection by people) */
  | { kind: 'working'; minHours: number; from: number; to: number; jitter: number }
  /** at least `minHours` later, at the next scheduled run (line hauls from a 营业部, delivery rounds) */
  | { kind: 'run'; minHours: number; runs: readonly number[]; jitter: number };

export interface Scan {
  status: TrackingStatus;
  subStatus: string;
  site: string | null;
  areaCode: string | null;
  courier: string | null;
  text: string;
}

export type StepRole =
  | 'order'
  | 'pickup'
  | 'transit'
  | 'dwell'
  | 'site_arrival'
  | 'out'
  | 'reach'
  | 'final'
  | 'damage'
  | 'failure'
  | 'refusal'
  | 'return';

export interface Step {
  role: StepRole;
  timing: Timing;
  scan: Scan;
}

function timeAfter(timing: Timing, previous: number): number {
  switch (timing.kind) {
    case 'after':
      return previous + timing.hours * HOUR_MS;
    case 'working': {
      const base = previous + timing.minHours * HOUR_MS;
      const hour = localHour(base);
      if (hour >= timing.from && hour < timing.to) return base;
      const wait = hour < timing.from ? timing.from - hour : 24 - hour + timing.from;
      return base + (wait + timing.jitter) * HOUR_MS;
    }
    case 'run': {
      const base = previous + timing.minHours * HOUR_MS;
      const hour = localHour(base);
      const next = timing.runs.find((r) => r >= hour);
      const wait = next !== undefined ? next - hour : 24 - hour + timing.runs[0]!;
      return base + (wait + timing.jitter) * HOUR_MS;
    }
  }
}

/** The instant of every step when the story starts at `start` (whole seconds, strictly increasing). */
export function schedule(steps: readonly Step[], start: number): number[] {
  const times: number[] = [];
  let previous = start;
  for (const step of steps) {
    let t = Math.floor(timeAfter(step.timing, previous) / 1000) * 1000;
    if (times.length && t <= times[times.length - 1]!) t = times[times.length - 1]! + 60_000;
    times.push(t);
    previous = t;
  }
  return times;
}

export const SCENARIOS = ['normal', 'delayed', 'damaged', 'lost', 'refused', 'returned', 'notCollected', 'failedAttempt'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * Each scenario's variants, used in turn (the k-th delayed shipment takes variant k mod n), so that
 * even a small run shows every branch. The comments say what `now` sees.
 */
export const VARIANTS = {
  normal: ['any'],
  // in flight past its promise (open delayed) three times in four, or delivered late
  delayed: ['in_flight', 'in_flight', 'delivered_late', 'in_flight'],
  // damage stays on record after delivery
  damaged: ['delivered', 'in_flight', 'abnormal_signed'],
  // scans stopped: past the complete-delay limit (lost), or only 2–3 days ago (stalled)
  lost: ['lost', 'lost', 'stalled'],
  refused: ['refused', 'returning', 'refused', 'returned_to_sender'],
  returned: ['returning', 'returned_to_sender'],
  // waiting at a locker or station for more than 3 days
  notCollected: ['locker', 'station'],
  failedAttempt: ['redelivered', 'awaiting_redelivery', 'address_issue', 'twice_then_delivered', 'undeliverable', 'rescheduled'],
} as const satisfies Record<Scenario, readonly string[]>;
export type Variant<S extends Scenario = Scenario> = (typeof VARIANTS)[S][number];

export type DeliveryMode = 'self' | 'proxy' | 'locker' | 'station';

export interface StoryContext {
  routeClass: RouteClass;
  originSite: NetworkPoint;
  destinationSite: NetworkPoint;
  /** hubs (and a customs port) between the two sites, in order */
  path: NetworkPoint[];
  texts: ScanTexts;
  contents: string;
  pickupCourier: Courier;
  deliveryCourier: Courier;
  /** the 小区 / 大厦 near the recipient, for lockers and stations */
  landmark: string;
  /** who signs for a parcel delivered to someone else: 门卫, 前台, 家人 … */
  proxy: string;
  deliveryMode: DeliveryMode;
  collectOnDelivery: boolean;
}

/** The time limits the server applies by default (docs/product.md §7), which the failure branches aim past. */
export interface PromiseRules {
  sameCityHours: number;
  domesticHours: number;
  completeDelaySameCityDays: number;
  completeDelayDomesticDays: number;
}

export interface Story {
  /** the instant the story was scheduled from (its first scan may be later: a pickup next morning) */
  start: number;
  steps: Step[];
  /** the instant of each step when the story starts at the reference instant */
  times: number[];
  /** where `now` should fall, as time since the story's start: [from, to] in ms (to may be Infinity) */
  window: [number, number];
}

class StoryBuilder {
  readonly steps: Step[] = [];
  constructor(
    private readonly random: Random,
    private readonly ctx: StoryContext,
  ) {}

  add(role: StepRole, timing: Timing, scan: Scan): number {
    this.steps.push({ role, timing, scan });
    return this.steps.length - 1;
  }

  after(min: number, max: number): Timing {
    return { kind: 'after', hours: this.random.between(min, max) };
  }

  scan(point: NetworkPoint, status: TrackingStatus, subStatus: string, text: string, courier: Courier | null = null): Scan {
    return { status, subStatus, site: point.name, areaCode: point.areaCode, courier: courier?.name ?? null, text };
  }

  legHours(from: NetworkPoint, to: NetworkPoint): Timing {
    switch (distanceBetween(from, to)) {
      case 'same_city':
        return this.after(0.6, 2);
      case 'same_province':
        return this.after(2, 5);
      case 'near':
        return this.after(5, 11);
      case 'neighbour':
        return this.after(9, 16);
      case 'far':
        return this.after(14, 24);
    }
  }

  dwell(): Timing {
    return this.ctx.routeClass === 'same_city' ? this.after(0.5, 1.5) : this.after(1.5, 4.5);
  }
}

interface Marks {
  pickup: number;
  /** hub arrivals (index into steps) and the matching path index */
  hubArrivals: { step: number; point: number }[];
  siteArrival: number;
}

/** Order (most of the time), pickup, and every scan up to arrival at the destination 营业部. */
function forward(b: StoryBuilder, random: Random, ctx: StoryContext): Marks {
  const { texts, originSite, destinationSite, path } = ctx;
  const ordered = random.chance(0.75);
  if (ordered) {
    b.add('order', { kind: 'after', hours: 0 }, { ...b.scan(originSite, 'ordered', 'created', texts.ordered(originSite.cityLabel, ctx.contents)), site: null });
    if (random.chance(0.3)) {
      b.add('order', b.after(0.05, 0.5), {
        ...b.scan(originSite, 'ordered', 'pickup_scheduled', texts.pickupScheduled(originSite.cityLabel, ctx.pickupCourier), ctx.pickupCourier),
        site: null,
      });
    }
  }
  const pickup = b.add(
    'pickup',
    // Orders placed at night are picked up over the next morning.
    { kind: 'working', minHours: ordered ? random.between(0.5, 3) : 0, from: 8, to: 20, jitter: random.between(0, 3) },
    b.scan(originSite, 'picked_up', 'picked_up', texts.pickedUp(originSite.cityLabel, originSite.name, ctx.pickupCourier), ctx.pickupCourier),
  );
  // 营业部 send their parcels to the hub on the midday, evening and late runs.
  b.add(
    'transit',
    { kind: 'run', minHours: 1, runs: [12.5, 19, 21.5], jitter: random.between(0, 0.6) },
    b.scan(originSite, 'in_transit', 'departed', texts.departed(originSite.cityLabel, originSite.name, (path[0] ?? destinationSite).name)),
  );
  const hubArrivals: Marks['hubArrivals'] = [];
  let previous = originSite;
  path.forEach((point, i) => {
    const next = path[i + 1] ?? destinationSite;
    if (point.customs) {
      b.add('transit', b.legHours(previous, point), b.scan(point, 'customs', 'customs_pending', texts.customsPending(point.cityLabel, point.name)));
      b.add('dwell', b.after(4, 14), b.scan(point, 'customs', 'customs_cleared', texts.customsCleared(point.cityLabel, next.name)));
    } else {
      const step = b.add('transit', b.legHours(previous, point), b.scan(point, 'in_transit', 'arrived', texts.arrived(point.cityLabel, point.name)));
      hubArrivals.push({ step, point: i });
      b.add('dwell', b.dwell(), b.scan(point, 'in_transit', 'departed', texts.departed(point.cityLabel, point.name, next.name)));
    }
    previous = point;
  });
  const siteArrival = b.add(
    'site_arrival',
    b.legHours(previous, destinationSite),
    b.scan(destinationSite, 'in_transit', 'arrived', texts.arrivedAtSite(destinationSite.cityLabel, destinationSite.name)),
  );
  return { pickup, hubArrivals, siteArrival };
}

/** Delivery rounds leave the 营业部 in the morning, early afternoon and early evening. */
function outForDelivery(b: StoryBuilder, random: Random, ctx: StoryContext, redelivery = false): number {
  const site = ctx.destinationSite;
  const text = redelivery ? ctx.texts.redelivery(site.cityLabel, ctx.deliveryCourier) : ctx.texts.outForDelivery(site.cityLabel, site.name, ctx.deliveryCourier);
  return b.add(
    'out',
    { kind: 'run', minHours: redelivery ? 8 : 0.4, runs: [8.5, 13.5, 17.5], jitter: random.between(0, 0.8) },
    b.scan(site, 'out_for_delivery', redelivery ? 'redelivery' : 'out_for_delivery', text, ctx.deliveryCourier),
  );
}

function pickupCode(random: Random, mode: 'locker' | 'station'): string {
  return mode === 'locker' ? random.digits(8) : `${random.int(1, 12)}-${random.int(1, 6)}-${random.int(1000, 9999)}`;
}

/** Signed, or put in a locker / station (and collected later unless `collected` is false). Returns the first such step. */
function handOver(b: StoryBuilder, random: Random, ctx: StoryContext, options: { collected?: boolean; damaged?: boolean } = {}): number {
  const site = ctx.destinationSite;
  const city = site.cityLabel;
  const courier = ctx.deliveryCourier;
  if (options.damaged) return b.add('reach', b.after(0.3, 3), b.scan(site, 'delivered', 'abnormal_signed', ctx.texts.signedDamaged(city), courier));
  switch (ctx.deliveryMode) {
    case 'self':
      return b.add('reach', b.after(0.3, 3.5), b.scan(site, 'delivered', 'self', ctx.texts.signedSelf(city), courier));
    case 'proxy':
      return b.add('reach', b.after(0.3, 3.5), b.scan(site, 'delivered', 'proxy', ctx.texts.signedByProxy(city, ctx.proxy, courier), courier));
    case 'locker':
    case 'station': {
      const mode = ctx.deliveryMode;
      // Named after the 小区 / 大厦 and, like the 营业部, its city and district: 杭州西湖翠苑智能快递柜.
      const near = `${site.name.replace(/营业部$/, '')}${ctx.landmark}`;
      const place = mode === 'locker' ? `${near}智能快递柜` : `${near}快递驿站`;
      const code = pickupCode(random, mode);
      const placed = mode === 'locker' ? ctx.texts.inLocker(city, place, code, courier) : ctx.texts.atStation(city, place, code);
      const reach = b.add('reach', b.after(0.3, 2.5), { ...b.scan(site, 'awaiting_pickup', mode, placed, courier), site: place });
      if (options.collected !== false) {
        const taken = mode === 'locker' ? ctx.texts.takenFromLocker(city, place) : ctx.texts.takenFromStation(city, place);
        b.add('final', { kind: 'working', minHours: random.between(1, 26), from: 7, to: 22.5, jitter: random.between(0, 2) }, {
          ...b.scan(site, 'delivered', mode, taken),
          site: place,
        });
      }
      return reach;
    }
  }
}

const ATTEMPT_REASONS: Record<'no_one_home' | 'unreachable' | 'rescheduled' | 'address_issue', string> = {
  no_one_home: '收件人不在家',
  unreachable: '收件人电话无人接听',
  rescheduled: '收件人要求改期派送',
  address_issue: '收件地址不详，正在联系寄件人核实',
};

function attemptFailed(b: StoryBuilder, ctx: StoryContext, subStatus: keyof typeof ATTEMPT_REASONS, again: boolean): number {
  const site = ctx.destinationSite;
  const text = ctx.texts.attemptFailed(site.cityLabel, ctx.deliveryCourier, ATTEMPT_REASONS[subStatus], again);
  return b.add('failure', b.after(0.5, 3.5), b.scan(site, 'failed_attempt', subStatus, text, ctx.deliveryCourier));
}

/**
 * The way back to the sender, from the destination 营业部 (`fromPathIndex` null) or from a hub on
 * the path: every scan is returned/returning, then returned_to_sender. Returns the first step.
 */
function returnToSender(b: StoryBuilder, random: Random, ctx: StoryContext, reason: string, fromPathIndex: number | null, start: Timing): number {
  const here = fromPathIndex === null ? ctx.destinationSite : ctx.path[fromPathIndex]!;
  const back = (fromPathIndex === null ? [...ctx.path] : ctx.path.slice(0, fromPathIndex)).reverse();
  const first = b.add('return', start, b.scan(here, 'returned', 'returning', ctx.texts.returnStarted(here.cityLabel, reason)));
  b.add('return', b.after(1, 5), b.scan(here, 'returned', 'returning', ctx.texts.returnDeparted(here.cityLabel, here.name, (back[0] ?? ctx.originSite).name)));
  let previous = here;
  back.forEach((point, i) => {
    const next = back[i + 1] ?? ctx.originSite;
    b.add('return', b.legHours(previous, point), b.scan(point, 'returned', 'returning', ctx.texts.returnArrived(point.cityLabel, point.name)));
    b.add('return', b.dwell(), b.scan(point, 'returned', 'returning', ctx.texts.returnDeparted(point.cityLabel, point.name, next.name)));
    previous = point;
  });
  const site = ctx.originSite;
  b.add('return', b.legHours(previous, site), b.scan(site, 'returned', 'returning', ctx.texts.returnAtSite(site.cityLabel, site.name)));
  b.add(
    'final',
    { kind: 'run', minHours: 0.5, runs: [9.5, 14.5], jitter: random.between(0.3, 3) },
    b.scan(site, 'returned', 'returned_to_sender', ctx.texts.returnedToSender(site.cityLabel), ctx.pickupCourier),
  );
  return first;
}

const REFUSAL_REASONS = ['商品与描述不符', '未订购此商品', '外包装破损', '收件人表示不再需要'];
const RETURN_REASONS_ON_WAY = ['应寄件人要求退回', '寄件人取消订单，要求退回'];
const RETURN_REASONS_AT_SITE = ['收件地址超出派送范围', '收件人地址错误且无法联系'];

/** The budget a normal parcel keeps to (a little inside the promise), pickup to handover. */
function normalBudgetHours(ctx: StoryContext, rules: PromiseRules): number {
  switch (ctx.routeClass) {
    case 'same_city':
      return rules.sameCityHours - 2;
    case 'hmt':
    case 'international':
      // 6 working days (docs/product.md §7) are at least 8 calendar days; 5 days is comfortably inside.
      return 5 * 24;
    default:
      return rules.domesticHours - 2;
  }
}

function promiseHours(ctx: StoryContext, rules: PromiseRules): number {
  return ctx.routeClass === 'same_city' ? rules.sameCityHours : rules.domesticHours;
}

function completeDelayHours(ctx: StoryContext, rules: PromiseRules): number {
  return 24 * (ctx.routeClass === 'same_city' ? rules.completeDelaySameCityDays : rules.completeDelayDomesticDays);
}

/** Shortens the fixed gaps between two steps until they fit in `hours` (line-haul runs become gaps if need be). */
function fitWithin(steps: Step[], from: number, to: number, hours: number, start: number): void {
  for (let round = 0; round < 16; round++) {
    const times = schedule(steps, start);
    if (times[to]! - times[from]! <= hours * HOUR_MS) return;
    for (let i = from + 1; i <= to; i++) {
      const timing = steps[i]!.timing;
      if (timing.kind === 'after') steps[i]!.timing = { kind: 'after', hours: Math.max(0.2, timing.hours * 0.8) };
      else if (round >= 6) steps[i]!.timing = { kind: 'after', hours: Math.max(0.3, timing.minHours) };
    }
  }
}

/** Lengthens hub dwell times (a slow hub) until the steps span at least `hours`. */
function stretchBeyond(steps: Step[], from: number, to: number, hours: number, start: number): void {
  const dwell = [];
  for (let i = from + 1; i <= to; i++) if (steps[i]!.role === 'dwell') dwell.push(i);
  if (dwell.length === 0) for (let i = from + 1; i <= to; i++) if (steps[i]!.timing.kind === 'after') dwell.push(i);
  for (let round = 0; round < 6; round++) {
    const times = schedule(steps, start);
    const missing = hours * HOUR_MS - (times[to]! - times[from]!);
    if (missing <= 0) return;
    const each = missing / HOUR_MS / dwell.length + 0.5;
    for (const i of dwell) {
      const timing = steps[i]!.timing;
      if (timing.kind === 'after') steps[i]!.timing = { kind: 'after', hours: timing.hours + each };
    }
  }
}

const ANY: [number, number] = [0, Number.POSITIVE_INFINITY];

/**
 * Builds the story of one scenario variant and schedules it from `start`, with the window in which
 * `now` should fall for the variant to show what it is meant to.
 */
export function buildStory(random: Random, ctx: StoryContext, scenario: Scenario, variant: string, rules: PromiseRules, start: number): Story {
  const b = new StoryBuilder(random, ctx);
  const marks = forward(b, random, ctx);
  const { steps } = b;
  const budget = normalBudgetHours(ctx, rules);
  const promise = promiseHours(ctx, rules);
  const since = (step: number, times: number[]) => times[step]! - start;
  const between = (after: number, before: number | null, times: number[], maxHours = 20): [number, number] => [
    since(after, times) + 0.2 * HOUR_MS,
    before === null ? since(after, times) + maxHours * HOUR_MS : since(before, times) - 0.2 * HOUR_MS,
  ];
  const complete = (times: number[]): [number, number] => [since(times.length - 1, times) + 0.1 * HOUR_MS, Number.POSITIVE_INFINITY];
  const done = (window: (times: number[]) => [number, number]): Story => {
    const times = schedule(steps, start);
    return { start, steps, times, window: window(times) };
  };

  switch (scenario) {
    case 'normal': {
      outForDelivery(b, random, ctx);
      const reach = handOver(b, random, ctx);
      fitWithin(steps, marks.pickup, reach, budget, start);
      return done(() => ANY);
    }
    case 'delayed': {
      // Delayed parcels are handed over in person, so a locker in time cannot count as on time.
      outForDelivery(b, random, ctx);
      const reach = b.add('reach', b.after(0.3, 3.5), b.scan(ctx.destinationSite, 'delivered', 'self', ctx.texts.signedSelf(ctx.destinationSite.cityLabel), ctx.deliveryCourier));
      stretchBeyond(steps, marks.pickup, reach, promise + random.between(8, 40), start);
      if (variant === 'delivered_late') return done(complete);
      // In flight, past the promise: from 1 h after the promised time until just before the signature.
      return done((times) => [since(marks.pickup, times) + (promise + 1) * HOUR_MS, since(reach, times) - 0.2 * HOUR_MS]);
    }
    case 'damaged': {
      const at = random.pick(marks.hubArrivals.length ? marks.hubArrivals : [{ step: marks.siteArrival, point: -1 }]);
      const point = at.point >= 0 ? ctx.path[at.point]! : ctx.destinationSite;
      const damage = at.step + 1;
      steps.splice(damage, 0, {
        role: 'damage',
        timing: b.after(0.3, 1.2),
        scan: b.scan(point, 'damaged', 'damaged', ctx.texts.damaged(point.cityLabel, point.name)),
      });
      const out = outForDelivery(b, random, ctx);
      const reach = handOver(b, random, ctx, { damaged: variant === 'abnormal_signed' });
      fitWithin(steps, marks.pickup, reach, budget, start);
      if (variant === 'in_flight') return done((times) => between(damage, out, times));
      return done(variant === 'delivered' ? complete : () => ANY);
    }
    case 'lost': {
      // Scans stop somewhere between the first hub and the destination 营业部.
      const last = random.int(marks.hubArrivals[0]?.step ?? marks.pickup + 1, marks.siteArrival);
      steps.splice(last + 1);
      fitWithin(steps, marks.pickup, last, budget, start);
      if (variant === 'stalled') return done((times) => [since(last, times) + 50 * HOUR_MS, since(last, times) + 66 * HOUR_MS]);
      const lostAfter = promise + completeDelayHours(ctx, rules) + 3;
      return done((times) => [since(marks.pickup, times) + lostAfter * HOUR_MS, since(marks.pickup, times) + (lostAfter + 120) * HOUR_MS]);
    }
    case 'refused': {
      fitWithin(steps, marks.pickup, marks.siteArrival, budget - 4, start);
      outForDelivery(b, random, ctx);
      const reason = ctx.collectOnDelivery && random.chance(0.5) ? '对到付运费有异议' : random.pick(REFUSAL_REASONS);
      const site = ctx.destinationSite;
      const refusal = b.add('refusal', b.after(0.3, 3), b.scan(site, 'refused', 'refused', ctx.texts.refused(site.cityLabel, reason), ctx.deliveryCourier));
      const back = returnToSender(b, random, ctx, `收件人拒收（${reason}）`, null, { kind: 'run', minHours: 2, runs: [9, 15], jitter: random.between(0, 1.5) });
      if (variant === 'refused') return done((times) => between(refusal, back, times));
      if (variant === 'returning') return done((times) => between(back, steps.length - 1, times));
      return done(complete);
    }
    case 'returned': {
      fitWithin(steps, marks.pickup, marks.siteArrival, budget - 4, start);
      const onTheWay = marks.hubArrivals.length > 1 && random.chance(0.5);
      let back: number;
      if (onTheWay) {
        // The sender asks for it back while it is at a hub: the rest of the way out is never travelled.
        const at = random.pick(marks.hubArrivals.slice(1));
        steps.splice(at.step + 1);
        back = returnToSender(b, random, ctx, random.pick(RETURN_REASONS_ON_WAY), at.point, b.after(1, 6));
      } else {
        back = returnToSender(b, random, ctx, random.pick(RETURN_REASONS_AT_SITE), null, b.after(1, 8));
      }
      if (variant === 'returning') return done((times) => between(back, steps.length - 1, times));
      return done(complete);
    }
    case 'notCollected': {
      outForDelivery(b, random, ctx);
      const placed = handOver(b, random, { ...ctx, deliveryMode: variant === 'station' ? 'station' : 'locker' }, { collected: false });
      fitWithin(steps, marks.pickup, placed, budget, start);
      // Waiting more than the 72 h rule (docs/product.md §1 "held at locker/station"), up to a week.
      return done((times) => [since(placed, times) + 75 * HOUR_MS, since(placed, times) + 160 * HOUR_MS]);
    }
    case 'failedAttempt': {
      fitWithin(steps, marks.pickup, marks.siteArrival, budget - 6, start);
      const person: DeliveryMode = random.pick(['self', 'proxy'] as const);
      const inPerson = { ...ctx, deliveryMode: person };
      outForDelivery(b, random, ctx);
      switch (variant) {
        case 'address_issue': {
          const failed = attemptFailed(b, ctx, 'address_issue', false);
          return done((times) => between(failed, null, times, 20));
        }
        case 'undeliverable': {
          let failed = attemptFailed(b, ctx, 'no_one_home', true);
          for (const sub of ['unreachable', 'no_one_home'] as const) {
            outForDelivery(b, random, ctx, true);
            failed = attemptFailed(b, ctx, sub, sub !== 'no_one_home');
          }
          const back = returnToSender(b, random, ctx, '多次派送未成功', null, { kind: 'run', minHours: 12, runs: [9, 15], jitter: random.between(0, 1.5) });
          return done((times) => between(failed, back, times));
        }
        case 'awaiting_redelivery': {
          const failed = attemptFailed(b, ctx, random.pick(['unreachable', 'no_one_home'] as const), true);
          const again = outForDelivery(b, random, ctx, true);
          handOver(b, random, inPerson);
          return done((times) => between(failed, again, times));
        }
        case 'twice_then_delivered': {
          attemptFailed(b, ctx, 'no_one_home', true);
          outForDelivery(b, random, ctx, true);
          attemptFailed(b, ctx, 'unreachable', true);
          outForDelivery(b, random, ctx, true);
          handOver(b, random, inPerson);
          return done(complete);
        }
        default: {
          attemptFailed(b, ctx, variant === 'rescheduled' ? 'rescheduled' : 'no_one_home', true);
          outForDelivery(b, random, ctx, true);
          handOver(b, random, inPerson);
          return done(variant === 'redelivered' ? complete : () => ANY);
        }
      }
    }
  }
}
