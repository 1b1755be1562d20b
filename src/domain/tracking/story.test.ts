import { describe, expect, it } from 'vitest';
import { asciiPunctuationBesideChinese } from '../text.js';
import {
  exceptionTicketTitle,
  localTime,
  parcelStory,
  STORY_CODES,
  storyText,
  storyTitle,
  worsenedTicketTitle,
  type ParcelFacts,
  type ParcelStory,
  type StoryCode,
} from './story.js';

// A parcel picked up 2026-11-12 10:00 Shanghai, promised in 72 h, lost 7 days after that.
const T0 = new Date('2026-11-12T02:00:00Z');
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const PROMISED = h(72);
const COMPLETE_DELAY = h(72 + 7 * 24);
const ZONE = 'Asia/Shanghai';

const parcel = (change: Partial<ParcelFacts> = {}): ParcelFacts => ({
  status: 'in_transit',
  subStatus: 'arrived',
  terminal: false,
  promisedAt: PROMISED,
  completeDelayAt: COMPLETE_DELAY,
  deliveredAt: null,
  lastEventTime: h(20),
  lastSite: null,
  openExceptions: [],
  caseOpen: false,
  claimsOpen: [],
  ...change,
});
const open = (...kinds: [string, number][]) => kinds.map(([kind, at]) => ({ kind, since: h(at) }));

type Row = {
  case: string;
  facts: ParcelFacts;
  now: Date;
  code: StoryCode;
  /** the times that matter: expected by, late since, signed at, since */
  times?: Partial<Record<'expectedBy' | 'lateSince' | 'signedAt' | 'since' | 'completeDelayAt', Date | null>>;
  /** what the words say in zh-CN, and never */
  says: string[];
  never?: string[];
};

const rows: Row[] = [
  { case: 'registered, not picked up', facts: parcel({ status: 'ordered', promisedAt: null, completeDelayAt: null, lastEventTime: null }), now: h(0), code: 'ordered', times: { expectedBy: null }, says: ['揽收后'] },
  {
    case: 'in transit on time: expected by the promise',
    facts: parcel(),
    now: h(30),
    code: 'on_the_way',
    times: { expectedBy: PROMISED, lateSince: null },
    says: ['预计2026-11-15 10:00前送达'],
  },
  { case: 'in transit without a promise', facts: parcel({ promisedAt: null, completeDelayAt: null }), now: h(30), code: 'on_the_way', times: { expectedBy: null }, says: [] },
  {
    case: 'late, nobody on it yet: late since the promise, never a past 预计',
    facts: parcel({ openExceptions: open(['delayed', 72]) }),
    now: h(80),
    code: 'late',
    times: { expectedBy: null, lateSince: PROMISED },
    says: ['承诺时间（2026-11-15 10:00）', '自该时间起已延误', '如需帮助，请联系客服'],
    never: ['预计', '加急'],
  },
  {
    case: 'late before the clock job ran: the time alone says so',
    facts: parcel(),
    now: h(73),
    code: 'late',
    times: { expectedBy: null, lateSince: PROMISED },
    says: ['已延误'],
  },
  {
    case: 'late with an open case: an agent follows it up',
    facts: parcel({ openExceptions: open(['delayed', 72]), caseOpen: true }),
    now: h(80),
    code: 'late',
    says: ['我们已登记跟进，客服会与您联系'],
  },
  {
    case: 'stalled before its promise: since the last scan',
    facts: parcel({ openExceptions: open(['stalled', 68]), caseOpen: true }),
    now: h(70),
    code: 'stalled',
    times: { since: h(20), lateSince: null, expectedBy: null },
    says: ['自2026-11-13 06:00起暂无新的物流信息', '我们已登记核查'],
  },
  {
    case: 'stalled and late: both told',
    facts: parcel({ openExceptions: open(['delayed', 72], ['stalled', 68]) }),
    now: h(80),
    code: 'stalled',
    times: { lateSince: PROMISED },
    says: ['已超过承诺送达时间（2026-11-15 10:00），且自2026-11-13 06:00起暂无新的物流信息'],
  },
  {
    case: 'past the complete delay (the demo\'s lost parcel): treated as lost, no claim promised',
    facts: parcel({ openExceptions: open(['delayed', 72], ['stalled', 68], ['lost', 72 + 7 * 24]), caseOpen: true }),
    now: h(72 + 11 * 24),
    code: 'lost',
    times: { lateSince: PROMISED, completeDelayAt: COMPLETE_DELAY, expectedBy: null },
    says: ['彻底延误时限（2026-11-22 10:00）仍未送达，按丢失处理', '我们已登记跟进，客服会与您联系'],
    never: ['理赔', '赔偿', '加急', '预计'],
  },
  {
    case: 'past the complete delay with its loss claim open: 我们按丢失处理并为您启动理赔',
    facts: parcel({ openExceptions: open(['delayed', 72], ['stalled', 68], ['lost', 72 + 7 * 24]), caseOpen: true, claimsOpen: ['loss'] }),
    now: h(72 + 11 * 24),
    code: 'lost',
    says: ['彻底延误时限（2026-11-22 10:00）仍未送达。我们按丢失处理并为您启动理赔，客服会与您联系。'],
  },
  {
    case: 'past the complete delay with only a delay claim open: no loss claim promised',
    facts: parcel({ openExceptions: open(['lost', 72 + 7 * 24]), caseOpen: true, claimsOpen: ['delay'] }),
    now: h(72 + 11 * 24),
    code: 'lost',
    says: ['按丢失处理。我们已登记跟进'],
    never: ['理赔'],
  },
  {
    case: 'past the complete delay before the clock job ran, no case yet',
    facts: parcel(),
    now: h(72 + 8 * 24),
    code: 'lost',
    says: ['按丢失处理', '请联系客服处理'],
    never: ['客服会与您联系'],
  },
  {
    case: 'damaged in transit',
    facts: parcel({ status: 'damaged', subStatus: 'damaged', lastEventTime: h(30), openExceptions: open(['damaged', 30]), caseOpen: true }),
    now: h(40),
    code: 'damaged',
    times: { since: h(30) },
    says: ['外包装破损（2026-11-13 16:00），已登记', '会与您联系确认处理方式', '如有损失，您可以申请理赔。'],
  },
  {
    case: 'damaged, its damage claim open: said to be handled, no second invitation',
    facts: parcel({ status: 'damaged', subStatus: 'damaged', lastEventTime: h(30), openExceptions: open(['damaged', 30]), caseOpen: true, claimsOpen: ['damage'] }),
    now: h(40),
    code: 'damaged',
    says: ['您的破损理赔正在处理中。'],
    never: ['可以申请理赔'],
  },
  {
    case: 'a feed reports it stalled (快递100 疑难) before the clock job ran',
    facts: parcel({ status: 'stalled', subStatus: 'problem', lastEventTime: h(30) }),
    now: h(31),
    code: 'stalled',
    times: { since: h(30), expectedBy: null },
    says: ['暂无新的物流信息'],
  },
  {
    case: 'a damage scan before the clock job ran',
    facts: parcel({ status: 'damaged', subStatus: 'damaged', lastEventTime: h(30) }),
    now: h(31),
    code: 'damaged',
    says: ['外包装破损'],
  },
  {
    case: 'one failed attempt, still on time',
    facts: parcel({ status: 'failed_attempt', subStatus: 'no_one_home', lastEventTime: h(50) }),
    now: h(51),
    code: 'failed_attempt',
    times: { since: h(50), expectedBy: PROMISED },
    says: ['2026-11-14 12:00派送未成功', '预计2026-11-15 10:00前送达', '如需改约时间'],
  },
  {
    case: 'failed attempts past the limit: undeliverable',
    facts: parcel({ status: 'failed_attempt', subStatus: 'no_one_home', lastEventTime: h(60), openExceptions: open(['undeliverable', 60]), caseOpen: true }),
    now: h(61),
    code: 'undeliverable',
    says: ['多次派送未成功或地址有误', '确认收件时间或地址'],
  },
  {
    case: 'waiting at a station in time',
    facts: parcel({ status: 'awaiting_pickup', subStatus: 'station', lastEventTime: h(40), lastSite: '文三路驿站' }),
    now: h(80),
    code: 'awaiting_pickup',
    times: { lateSince: null, expectedBy: null },
    says: ['到达文三路驿站，请及时取件'],
    never: ['延误', '预计'],
  },
  {
    case: 'not collected for days',
    facts: parcel({ status: 'awaiting_pickup', subStatus: 'station', lastEventTime: h(40), lastSite: '文三路驿站', openExceptions: open(['not_collected', 112]) }),
    now: h(120),
    code: 'not_collected',
    says: ['在文三路驿站待取', '如需改派，请联系客服'],
  },
  {
    case: 'refused',
    facts: parcel({ status: 'refused', subStatus: 'refused', lastEventTime: h(50), openExceptions: open(['refused', 50]), caseOpen: true }),
    now: h(100),
    code: 'refused',
    times: { lateSince: null },
    says: ['收件人已拒收', '确认退回或再次派送'],
    never: ['延误'],
  },
  {
    case: 'on its way back',
    facts: parcel({ status: 'returned', subStatus: 'returning', lastEventTime: h(50), openExceptions: open(['returned', 50]) }),
    now: h(100),
    code: 'returning',
    says: ['正在退回寄件人'],
    never: ['延误'],
  },
  {
    case: 'back with the sender',
    facts: parcel({ status: 'returned', subStatus: 'returned_to_sender', terminal: true, lastEventTime: h(90) }),
    now: h(300),
    code: 'returned',
    says: ['已于2026-11-16 04:00退回寄件人'],
  },
  { case: 'cancelled', facts: parcel({ status: 'cancelled', subStatus: 'cancelled', terminal: true }), now: h(300), code: 'cancelled', says: ['运单已取消'] },
  {
    case: 'delivered: signed for, never 预计',
    facts: parcel({ status: 'delivered', subStatus: 'proxy', terminal: true, deliveredAt: h(60), lastEventTime: h(60) }),
    now: h(300),
    code: 'delivered',
    times: { signedAt: h(60), expectedBy: null, lateSince: null },
    says: ['已于2026-11-14 22:00签收'],
    never: ['预计', '延误'],
  },
  {
    case: 'delivered late, after a damage report: signed for',
    facts: parcel({ status: 'delivered', subStatus: 'self', terminal: true, deliveredAt: h(90), lastEventTime: h(90), openExceptions: open(['damaged', 30]) }),
    now: h(300),
    code: 'delivered',
    times: { signedAt: h(90) },
    says: ['签收'],
  },
];

describe('one story per parcel', () => {
  it.each(rows)('$case', ({ facts, now, code, times, says, never }) => {
    const story = parcelStory(facts, now);
    expect(story.code).toBe(code);
    for (const [key, value] of Object.entries(times ?? {})) expect(story[key as keyof ParcelStory], key).toEqual(value);
    // Never a 预计送达 in the past.
    if (story.expectedBy) expect(story.expectedBy.getTime()).toBeGreaterThan(now.getTime());
    const zh = storyText(story, 'zh-CN', ZONE);
    for (const words of says) expect(zh).toContain(words);
    for (const words of never ?? []) expect(`${storyTitle(story, 'zh-CN')}${zh}`).not.toContain(words);
  });

  it('covers every story', () => {
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(STORY_CODES));
  });

  it.each(rows)('$case: reads in both languages, Chinese with full-width marks', ({ facts, now }) => {
    for (const caseOpen of [true, false]) {
      const story = parcelStory({ ...facts, caseOpen }, now);
      const zh = `${storyTitle(story, 'zh-CN')}${storyText(story, 'zh-CN', ZONE)}`;
      const en = `${storyTitle(story, 'en-US')} ${storyText(story, 'en-US', ZONE)}`.replace(/文三路驿站/g, '');
      expect(asciiPunctuationBesideChinese(zh), zh).toEqual([]);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(`${zh}${en}`).not.toMatch(/undefined|null|NaN|\{/);
    }
  });

  it('speaks of a claim only where one is open, or to invite one for a damaged parcel; never of compensation', () => {
    for (const { facts, now } of rows) {
      for (const caseOpen of [true, false]) {
        const story = parcelStory({ ...facts, caseOpen, claimsOpen: [] }, now);
        const zh = storyText(story, 'zh-CN', ZONE);
        const en = storyText(story, 'en-US', ZONE);
        expect(zh.replace('如有损失，您可以申请理赔。', '')).not.toMatch(/理赔|赔偿|赔付|加急/);
        expect(en.replace('If you lost anything, you can file a claim.', '')).not.toMatch(/claim|compensat|expedit/i);
        expect(zh.includes('申请理赔'), story.code).toBe(story.code === 'damaged');
        expect(story.claimOpen).toBe(false);
      }
    }
  });
});

describe('exception ticket titles follow the story', () => {
  it.each([
    { case: 'a stall becomes a loss', subject: '快件停滞无更新：PD1', raised: ['lost'], title: '彻底延误（按丢失处理）：PD1' },
    { case: 'late, then stalled', subject: '快件延误：PD1', raised: ['stalled'], title: '快件停滞无更新：PD1' },
    { case: 'a loss stays a loss when a stall joins', subject: '彻底延误（按丢失处理）：PD1', raised: ['stalled', 'delayed'], title: null },
    { case: "a person's own title stays", subject: '客户来电催件：PD1', raised: ['lost'], title: null },
    { case: "another waybill's title is not ours", subject: '快件停滞无更新：PD2', raised: ['lost'], title: null },
  ])('$case', ({ subject, raised, title }) => {
    expect(worsenedTicketTitle(subject, 'PD1', raised)).toBe(title);
  });

  it('titles a ticket in Chinese with a full-width colon', () => {
    expect(exceptionTicketTitle('lost', 'PD1000000018')).toBe('彻底延误（按丢失处理）：PD1000000018');
    expect(exceptionTicketTitle('stalled', 'PD1000000018')).toBe('快件停滞无更新：PD1000000018');
  });
});

describe('localTime writes what Intl writes', () => {
  const intl = (at: Date, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);
  // Whole-hour, half-hour and three-quarter-hour offsets, summer time by an hour and by half an hour, both hemispheres.
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Kolkata'];
  const instants = [
    // around the 2026 summer-time changes of New York (8 Mar, 1 Nov), London (29 Mar, 25 Oct) and Lord Howe (5 Apr, 4 Oct)
    ...['2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-04-04T14:59:00Z', '2026-04-04T15:00:00Z',
      '2026-10-03T15:29:00Z', '2026-10-03T15:30:00Z', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2026-11-01T05:59:00Z', '2026-11-01T06:00:00Z'].map((t) => new Date(t)),
    new Date('2026-11-22T10:00:00Z'),
    new Date('2026-12-31T15:59:59.999Z'),
    new Date('1969-12-31T23:59:59Z'),
    new Date('1901-06-01T12:34:56Z'),
    // every 7 h 13 min across a year, to land on every minute and quarter hour
    ...Array.from({ length: 1300 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * (7 * 3_600_000 + 13 * 60_000 + 17_000))),
  ];
  it.each(zones)('in %s', (zone) => {
    for (const at of instants) expect({ at: at.toISOString(), text: localTime(at, zone) }).toEqual({ at: at.toISOString(), text: intl(at, zone) });
  });
});
