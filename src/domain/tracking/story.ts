/**
 * One story per parcel (docs/architecture.md "One story per parcel"): where a parcel stands, told
 * the same way by the customer's SMS, the public tracking and self-service pages, the exception
 * ticket's title and the staff shipment page. `parcelStory` decides it from the shipment's facts
 * and `now`; `storyTitle` and `storyText` put it in words, in zh-CN or en-US. Every surface renders
 * the story's code through them, so none can tell a different one.
 *
 * The words promise only what the system does: an exception opens (or joins) a ticket that an
 * agent answers on a first-response clock, so "我们已登记跟进，客服会与您联系" is said while a case for the
 * waybill is open. A parcel treated as lost is said to have a claim started for it
 * ("我们按丢失处理并为您启动理赔") only while a loss claim on it is open — the exception job opens one
 * (modules/claims, loss-claims) — and a damaged parcel invites the customer to claim (self-service
 * claims exist), or says its damage claim is being handled. Nothing else speaks of compensation.
 *
 * Pure, no clock: bundled into the console (web/src/shared.ts).
 */
import type { ExceptionKind } from './exceptions.js';
import { statusLabel } from './labels.js';

export type StoryLocale = 'zh-CN' | 'en-US';

export const STORY_CODES = [
  'ordered',
  'on_the_way',
  'late',
  'stalled',
  'lost',
  'damaged',
  'failed_attempt',
  'undeliverable',
  'awaiting_pickup',
  'not_collected',
  'refused',
  'returning',
  'returned',
  'cancelled',
  'delivered',
] as const;
export type StoryCode = (typeof STORY_CODES)[number];

/** What the shipment row and its open exceptions and tickets say. */
export interface ParcelFacts {
  status: string;
  subStatus: string;
  terminal: boolean;
  promisedAt: Date | null;
  completeDelayAt: Date | null;
  deliveredAt: Date | null;
  lastEventTime: Date | null;
  /** where the last scan was (the station or locker a parcel waits at) */
  lastSite: string | null;
  /** the shipment's open exceptions and when each began */
  openExceptions: ReadonlyArray<{ kind: string; since: Date }>;
  /**
   * a case is open, so an agent is on it: an open ticket names the waybill, or an open exception
   * waits for the exception job, which opens or joins one within its minute
   */
  caseOpen: boolean;
  /** the types of the parcel's claims that are not closed (loss, damage …; domain/claims) */
  claimsOpen: readonly string[];
}

export interface ParcelStory {
  code: StoryCode;
  /** the last scan's status, for the words of a parcel on its way (运输中, 派送中 …) */
  status: string;
  /** when the story's state began: signed, refused, damage reported, the last scan of a stall, the promise missed … */
  since: Date | null;
  /** still expected by: only a future promise of a parcel on its way, never a past one */
  expectedBy: Date | null;
  /** the promise a parcel still out there has missed; late since then */
  lateSince: Date | null;
  /** the complete-delay limit a lost parcel passed */
  completeDelayAt: Date | null;
  /** when it was signed for (签收时间) */
  signedAt: Date | null;
  /** the station or locker it waits at */
  site: string | null;
  caseOpen: boolean;
  /** a claim of the story's own kind is open: a loss claim for `lost`, a damage claim for `damaged` */
  claimOpen: boolean;
}

/** The claim type a story speaks of: a lost parcel's loss claim, a damaged one's damage claim. */
const CLAIM_OF_STORY: Partial<Record<StoryCode, string>> = { lost: 'loss', damaged: 'damage' };

/**
 * The exception kinds as stories, most serious first: the story of a parcel with several open
 * exceptions is the first of them, and an exception ticket is titled by it.
 */
const EXCEPTION_STORIES: ReadonlyArray<[ExceptionKind, StoryCode]> = [
  ['lost', 'lost'],
  ['damaged', 'damaged'],
  ['refused', 'refused'],
  ['returned', 'returning'],
  ['undeliverable', 'undeliverable'],
  ['stalled', 'stalled'],
  ['not_collected', 'not_collected'],
  ['delayed', 'late'],
];

/** The story an exception kind tells (an exception ticket's title). */
export function storyOfException(kind: string): StoryCode | null {
  return EXCEPTION_STORIES.find(([k]) => k === kind)?.[1] ?? null;
}

/** The most serious of these exception kinds (EXCEPTION_STORIES' order); null for none. */
export function mostSeriousException<K extends string>(kinds: Iterable<K>): K | null {
  let best: K | null = null;
  let rank = Infinity;
  for (const kind of kinds) {
    const i = EXCEPTION_STORIES.findIndex(([k]) => k === kind);
    if (i >= 0 && i < rank) [best, rank] = [kind, i];
  }
  return best;
}

/** After these the delivery promise no longer runs (as in exceptions.ts). */
const PROMISE_ENDED = ['refused', 'returned', 'cancelled'];

export function parcelStory(facts: ParcelFacts, now: Date): ParcelStory {
  const f = facts;
  const open = new Map(f.openExceptions.map((e) => [e.kind, e.since]));
  const delivered = f.status === 'delivered' || f.deliveredAt !== null;
  const moving = !delivered && !f.terminal;
  const promiseRuns = moving && !PROMISE_ENDED.includes(f.status);
  const past = (at: Date | null): at is Date => at !== null && at.getTime() <= now.getTime();
  // A parcel made available at a station in time is not late (exceptions.ts): the delayed exception knows.
  const late = open.has('delayed') || (promiseRuns && f.status !== 'awaiting_pickup' && past(f.promisedAt));
  const story = (code: StoryCode, since: Date | null, more: Partial<ParcelStory> = {}): ParcelStory => ({
    code,
    status: f.status,
    since,
    expectedBy: null,
    lateSince: late && promiseRuns ? f.promisedAt : null,
    completeDelayAt: null,
    signedAt: null,
    site: null,
    caseOpen: f.caseOpen,
    claimOpen: CLAIM_OF_STORY[code] !== undefined && f.claimsOpen.includes(CLAIM_OF_STORY[code]),
    ...more,
  });

  if (delivered) return story('delivered', f.deliveredAt ?? f.lastEventTime, { signedAt: f.deliveredAt ?? f.lastEventTime });
  if (f.status === 'cancelled') return story('cancelled', f.lastEventTime);
  if (f.status === 'returned' && f.terminal) return story('returned', f.lastEventTime);

  const lost = open.has('lost') || (promiseRuns && f.status !== 'awaiting_pickup' && past(f.completeDelayAt));
  if (lost) return story('lost', f.completeDelayAt ?? open.get('lost') ?? null, { completeDelayAt: f.completeDelayAt ?? open.get('lost') ?? null });
  for (const [kind, code] of EXCEPTION_STORIES) {
    if (kind === 'lost' || kind === 'delayed' || !open.has(kind)) continue;
    // A stall began with the last scan; the others when they were raised.
    const since = kind === 'stalled' ? (f.lastEventTime ?? open.get(kind)!) : open.get(kind)!;
    return story(code, since, kind === 'not_collected' ? { site: f.lastSite } : {});
  }
  // What a scan says before the clock job has recorded it as an exception.
  if (f.status === 'damaged') return story('damaged', f.lastEventTime);
  if (f.status === 'stalled') return story('stalled', f.lastEventTime);
  if (f.status === 'refused') return story('refused', f.lastEventTime);
  if (f.status === 'returned') return story('returning', f.lastEventTime);
  if (f.status === 'awaiting_pickup') return story('awaiting_pickup', f.lastEventTime, { site: f.lastSite });
  if (f.status === 'failed_attempt') return story('failed_attempt', f.lastEventTime, { expectedBy: late ? null : future(f.promisedAt, now) });
  if (late) return story('late', f.promisedAt);
  if (f.status === 'ordered') return story('ordered', null);
  return story('on_the_way', f.lastEventTime, { expectedBy: future(f.promisedAt, now) });
}

const future = (at: Date | null, now: Date) => (at && at.getTime() > now.getTime() ? at : null);

const TITLES: Record<Exclude<StoryCode, 'on_the_way'>, Record<StoryLocale, string>> = {
  ordered: { 'zh-CN': '已下单，待揽收', 'en-US': 'Ordered, awaiting pickup' },
  late: { 'zh-CN': '快件延误', 'en-US': 'Late' },
  stalled: { 'zh-CN': '快件停滞无更新', 'en-US': 'No tracking update' },
  lost: { 'zh-CN': '彻底延误（按丢失处理）', 'en-US': 'Complete delay (treated as lost)' },
  damaged: { 'zh-CN': '快件破损', 'en-US': 'Damaged' },
  failed_attempt: { 'zh-CN': '派送未成功', 'en-US': 'Delivery attempt failed' },
  undeliverable: { 'zh-CN': '无法派送', 'en-US': 'Cannot be delivered' },
  awaiting_pickup: { 'zh-CN': '待取件', 'en-US': 'Ready for collection' },
  not_collected: { 'zh-CN': '驿站/快递柜未取件', 'en-US': 'Not collected' },
  refused: { 'zh-CN': '收件人拒收', 'en-US': 'Refused by the recipient' },
  returning: { 'zh-CN': '快件退回中', 'en-US': 'Being returned to the sender' },
  returned: { 'zh-CN': '已退回寄件人', 'en-US': 'Returned to the sender' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
  delivered: { 'zh-CN': '已签收', 'en-US': 'Delivered' },
};

/** The story in a few words: the public page's tag, the staff page's headline, an exception ticket's title. */
export function storyTitle(story: Pick<ParcelStory, 'code' | 'status'>, locale: StoryLocale): string {
  return story.code === 'on_the_way' ? statusLabel(story.status, locale) : TITLES[story.code][locale];
}

/** Whether the story is a problem the customer hears an apology for. */
export function storyIsProblem(code: StoryCode): boolean {
  return !['ordered', 'on_the_way', 'awaiting_pickup', 'delivered', 'returned', 'cancelled'].includes(code);
}

/**
 * The story in sentences, with its times in the company's zone: what happened, and what happens
 * next. The same words on every surface; the SMS puts the company's name and the waybill before them.
 */
export function storyText(story: ParcelStory, locale: StoryLocale, timeZone: string): string {
  return sentences(story, locale, timeZone).trim();
}

function sentences(story: ParcelStory, locale: StoryLocale, timeZone: string): string {
  const zh = locale === 'zh-CN';
  const at = (d: Date | null) => (d ? localTime(d, timeZone) : zh ? '（未知）' : '(unknown)');
  const s = story;
  // What an agent does about it: said only while a case is open; otherwise how to get help.
  const next = (followUp: [string, string], help: [string, string]) => pick(s.caseOpen ? followUp : help);
  const pick = ([zhText, enText]: [string, string]) => (zh ? zhText : enText);
  const following: [string, string] = ['我们已登记跟进，客服会与您联系。', 'We have opened a case and an agent will contact you.'];
  const helpLine: [string, string] = ['如需帮助，请联系客服。', 'If you need help, please contact us.'];
  const lateClause = s.lateSince
    ? pick([`快件已超过承诺送达时间（${at(s.lateSince)}），`, `Your parcel is past its promised delivery time (${at(s.lateSince)}). `])
    : '';
  switch (s.code) {
    case 'ordered':
      return pick(['快件已下单，揽收后给出承诺送达时间。', 'The order is placed; the promised delivery time is set at pickup.']);
    case 'on_the_way':
      return s.expectedBy ? pick([`预计${at(s.expectedBy)}前送达。`, `Expected by ${at(s.expectedBy)}.`]) : '';
    case 'late':
      return (
        pick([`快件未能在承诺时间（${at(s.lateSince)}）前送达，自该时间起已延误。`, `Your parcel did not arrive by the promised time (${at(s.lateSince)}) and is late since then. `]) +
        next(following, helpLine)
      );
    case 'stalled':
      return (
        lateClause +
        pick([`${s.lateSince ? '且' : '快件'}自${at(s.since)}起暂无新的物流信息。`, `There has been no new scan since ${at(s.since)}. `]) +
        next(['我们已登记核查，客服会与您联系。', 'We have opened a case to check on it and an agent will contact you.'], helpLine)
      );
    case 'lost':
      // 启动理赔 only while the loss claim is open (the exception job opens it): the promise is kept.
      if (s.claimOpen) {
        return (
          pick([
            `快件已超过承诺送达时间（${at(s.lateSince)}），至彻底延误时限（${at(s.completeDelayAt)}）仍未送达。我们按丢失处理并为您启动理赔`,
            `Your parcel was promised by ${at(s.lateSince)} and had not arrived by its complete-delay limit (${at(s.completeDelayAt)}). We treat it as lost and have opened a claim for you`,
          ]) + pick(s.caseOpen ? ['，客服会与您联系。', '; an agent will contact you.'] : ['。', '.'])
        );
      }
      return (
        pick([
          `快件已超过承诺送达时间（${at(s.lateSince)}），至彻底延误时限（${at(s.completeDelayAt)}）仍未送达，按丢失处理。`,
          `Your parcel was promised by ${at(s.lateSince)} and had not arrived by its complete-delay limit (${at(s.completeDelayAt)}): it is treated as lost. `,
        ]) + next(following, ['请联系客服处理。', 'Please contact us about it.'])
      );
    case 'damaged':
      return (
        pick([`运输中发现外包装破损（${at(s.since)}），已登记。`, `The packaging was found damaged in transit (${at(s.since)}); this is recorded. `]) +
        lateClause.replace(/，$/, '。') +
        next(['我们已登记跟进，客服会与您联系确认处理方式。', 'We have opened a case and an agent will contact you about what to do. '], [
          '如需帮助，请联系客服。',
          'If you need help, please contact us. ',
        ]) +
        // Self-service claims exist: the customer is invited to claim, or told theirs is being handled.
        pick(s.claimOpen ? ['您的破损理赔正在处理中。', 'Your damage claim is being handled.'] : ['如有损失，您可以申请理赔。', 'If you lost anything, you can file a claim.'])
      );
    case 'failed_attempt':
      return (
        pick([`${at(s.since)}派送未成功。`, `A delivery attempt failed at ${at(s.since)}. `]) +
        lateClause.replace(/，$/, '。') +
        (s.expectedBy ? pick([`预计${at(s.expectedBy)}前送达。`, `Expected by ${at(s.expectedBy)}. `]) : '') +
        next(following, ['如需改约时间，请联系客服。', 'To arrange another time, please contact us.'])
      );
    case 'undeliverable':
      return (
        pick([`快件多次派送未成功或地址有误（${at(s.since)}）。`, `Your parcel could not be delivered after several attempts, or the address is wrong (${at(s.since)}). `]) +
        next(['我们已登记跟进，客服会与您联系确认收件时间或地址。', 'We have opened a case and an agent will contact you about a time or the address.'], [
          '请联系客服确认收件时间或地址。',
          'Please contact us with a convenient time or the right address.',
        ])
      );
    case 'awaiting_pickup':
      return pick([`快件已于${at(s.since)}到达${s.site ?? '快递柜或驿站'}，请及时取件。`, `Your parcel arrived at ${s.site ?? 'a locker or parcel station'} at ${at(s.since)}; please collect it.`]);
    case 'not_collected':
      return (
        pick([`快件自${at(s.since)}起在${s.site ?? '快递柜或驿站'}待取，请尽快取件。`, `Your parcel has been waiting at ${s.site ?? 'a locker or parcel station'} since ${at(s.since)}; please collect it soon. `]) +
        next(['我们已登记跟进，如需改派，客服会与您确认。', 'We have opened a case and an agent will confirm a redelivery with you if needed.'], [
          '如需改派，请联系客服。',
          'To have it redelivered, please contact us.',
        ])
      );
    case 'refused':
      return (
        pick([`收件人已拒收（${at(s.since)}）。`, `The recipient refused the parcel (${at(s.since)}). `]) +
        next(['我们已登记跟进，客服会与您联系确认退回或再次派送。', 'We have opened a case and an agent will contact you about a return or another delivery.'], [
          '请联系客服确认退回或再次派送。',
          'Please contact us to arrange its return or another delivery.',
        ])
      );
    case 'returning':
      return pick([`快件自${at(s.since)}起正在退回寄件人。`, `Your parcel is on its way back to the sender since ${at(s.since)}. `]) + next(following, helpLine);
    case 'returned':
      return pick([`快件已于${at(s.since)}退回寄件人。`, `Your parcel was returned to the sender at ${at(s.since)}.`]);
    case 'cancelled':
      return pick(['运单已取消。', 'The shipment was cancelled.']);
    case 'delivered':
      return pick([`快件已于${at(s.signedAt)}签收。`, `Your parcel was signed for at ${at(s.signedAt)}.`]);
  }
}

/**
 * A time as the customer reads it, in the company's time zone: 2026-11-22 18:00 — what
 * `Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short' })` writes. Formatting
 * with Intl was the costliest step of a public lookup, so the zone's offset is asked of Intl once
 * per quarter hour of time (zones change offset on quarter hours) and the digits are written here;
 * a quarter hour whose offset changes inside it, or a year outside 1000–9999, goes to Intl itself.
 */
export function localTime(at: Date, timeZone: string): string {
  const time = at.getTime();
  const offset = offsetAt(time, timeZone);
  if (offset === null) return formatterFor(timeZone, 'text').format(at);
  const local = new Date(time + offset);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return formatterFor(timeZone, 'text').format(at);
  return `${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const QUARTER_HOUR = 900_000;

// Building a formatter costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string, kind: 'text' | 'parts'): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format =
      kind === 'text'
        ? new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' })
        : new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(key, format);
  }
  return format;
}

/** The zone's offset from UTC at an instant (ms), per Intl; whole seconds, as zones are defined. */
function offsetOf(time: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone, 'parts').formatToParts(time)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (time - (((time % 1000) + 1000) % 1000));
}

/** Per zone, per quarter hour: its offset, or null when the offset changes within it. Bounded. */
const offsets = new Map<string, Map<number, number | null>>();
function offsetAt(time: number, timeZone: string): number | null {
  const quarter = Math.floor(time / QUARTER_HOUR);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(quarter);
  if (offset === undefined) {
    if (zone.size >= 20_000) zone.clear();
    const start = offsetOf(quarter * QUARTER_HOUR, timeZone);
    offset = start === offsetOf((quarter + 1) * QUARTER_HOUR - 1000, timeZone) ? start : null;
    zone.set(quarter, offset);
  }
  return offset;
}

/**
 * An exception ticket's title: its parcel's story in the company's language and the waybill
 * (快件停滞无更新：PD…, 彻底延误（按丢失处理）：PD…). Tickets are written in Chinese; the console
 * shows the title as written.
 */
export function exceptionTicketTitle(kind: string, waybillNo: string): string {
  return `${exceptionStoryTitle(kind)}：${waybillNo}`;
}

/** The story an exception tells, in the company's language (彻底延误（按丢失处理）). */
export function exceptionStoryTitle(kind: string): string {
  const code = storyOfException(kind);
  return code ? storyTitle({ code, status: '' }, 'zh-CN') : kind;
}

/**
 * The more serious title an open exception ticket takes when its parcel's story worsens (a stall
 * becomes a loss): null when it already tells that or something more serious, or when its title is
 * not one the system wrote (a person's own words stay).
 */
export function worsenedTicketTitle(subject: string, waybillNo: string, raised: Iterable<string>): string | null {
  const current = EXCEPTION_STORIES.find(([kind]) => exceptionTicketTitle(kind, waybillNo) === subject)?.[0];
  if (!current) return null;
  const worst = mostSeriousException([current, ...raised]);
  return worst && worst !== current ? exceptionTicketTitle(worst, waybillNo) : null;
}
