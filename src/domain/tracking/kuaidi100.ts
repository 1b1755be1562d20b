/**
 * 快递100 订阅推送 (subscription push) → our tracking vocabulary (docs/product.md §1).
 *
 * 快递100 POSTs `application/x-www-form-urlencoded` with two fields: `param` (a JSON string) and
 * `sign` = MD5(param + salt), 32 hex digits in upper case. `param.lastResult.data` is the whole
 * trace every time (全量), newest first; its times are "YYYY-MM-DD HH:mm:ss" in China time.
 * Per-record `statusCode` (高级物流状态值) is only present when the subscription asked for
 * `resultv2=4`; with `resultv2=1` a record carries only the state name in `status`; without
 * resultv2 it may carry neither.
 *
 * Sources: 快递100 推送接口 and 实时快递查询接口 §1.6 "运单快递状态(state)说明"
 * (api.kuaidi100.com/document/5f0ffa8f2977d50a94e1023c, mirrored at
 * apifox.com/apidoc/project-514987/api-8568518 and api-8562559); callback answer format from
 * api.kuaidi100.com/document/timeout and the 推送响应报文 table (apifox api-55503011).
 *
 * Pure: no I/O, no clock. Bad input is reported, never thrown.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { findUnacceptableText } from '../text.js';
import { normalizeWaybillNo } from '../waybill.js';
import type { CanonicalEvent, TrackingStatus } from './vocabulary.js';

export const KUAIDI100_SOURCE = 'kuaidi100';

/**
 * What our callback must answer when the push was stored. 快递100 treats anything else as a
 * failure and pushes again (30 minutes later, up to 3 times), so the bytes are fixed.
 */
export const KUAIDI100_SUCCESS_ANSWER = '{"result":true,"returnCode":"200","message":"成功"}';

/**
 * The failure answer: `result:false` with returnCode 500 (服务器错误); 快递100 lets the receiver
 * define other codes. Answer this only when we could not store the push and want it again.
 */
export function kuaidi100FailureAnswer(message = '失败'): string {
  return JSON.stringify({ result: false, returnCode: '500', message });
}

// ---------------------------------------------------------------------------------------------
// Signature

/**
 * Checks `sign` = MD5(param + salt) as 快递100 documents it (upper-case hex; either case is
 * accepted). `param` must be the form field exactly as received, before JSON parsing. An empty
 * salt is legal (快递100 still signs). Constant-time comparison.
 */
export function verifyKuaidi100Sign(param: string, sign: string, salt: string): boolean {
  if (typeof param !== 'string' || typeof sign !== 'string' || typeof salt !== 'string') return false;
  const expected = createHash('md5').update(param + salt, 'utf8').digest('hex').toUpperCase();
  const given = sign.trim().toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'ascii'), Buffer.from(given, 'ascii'));
}

// ---------------------------------------------------------------------------------------------
// The param structure

/** `param.lastResult`, as received; `data` items are checked one by one by `mapKuaidi100`. */
export interface Kuaidi100LastResult {
  /** 消息体, to be ignored per the docs */
  message: string;
  /** 快递单当前状态: 0 在途 1 揽收 2 疑难 3 签收 4 退签 5 派件 6 退回 7 转投 8 清关 14 拒签, or an advanced code */
  state: string | null;
  /** 通讯状态, to be ignored */
  status: string | null;
  condition: string | null;
  ischeck: string | null;
  /** carrier code (快递公司编码), lower case */
  com: string;
  /** waybill number */
  nu: string;
  /** the whole trace, newest first; each item is validated when mapped */
  data: readonly unknown[];
}

/** The decoded `param` form field. */
export interface Kuaidi100Push {
  /** 监控状态: polling, shutdown (signed, no more pushes), abort (needs attention), updateall */
  status: string;
  /** deprecated by 快递100 (got/sending/check) */
  billstatus: string | null;
  /** e.g. "3天查询无记录", "60天无变化" */
  message: string;
  /** "1" when 快递100 corrected our carrier code (comOld → comNew) */
  autoCheck: string | null;
  comOld: string | null;
  comNew: string | null;
  lastResult: Kuaidi100LastResult;
}

/** One `lastResult.data` record, as 快递100 documents it. */
export interface Kuaidi100Record {
  context: string;
  time?: string;
  ftime?: string;
  /** state name (在途, 签收 …) or, with resultv2=4, the advanced name (干线, 本人签收 …) */
  status?: string;
  /** advanced state code (resultv2=4), e.g. "1002", "301" */
  statusCode?: string;
  /** 12-digit region code with a CN prefix, e.g. CN310115000000 */
  areaCode?: string | null;
  /** e.g. "上海,上海,浦东新区" */
  areaName?: string | null;
  /** "lng,lat" */
  areaCenter?: string | null;
  location?: string | null;
  areaPinYin?: string | null;
}

export type Kuaidi100ParseResult = { ok: true; value: Kuaidi100Push } | { ok: false; problems: string[] };

/**
 * Decodes the `param` form field. Checks the envelope (monitor status, waybill number, carrier,
 * `data` being a list); records are checked later, one by one, so one bad record does not lose
 * the others. Numbers where 快递100 documents strings (state, ischeck …) are accepted as text.
 */
export function parseKuaidi100Param(param: string): Kuaidi100ParseResult {
  if (typeof param !== 'string' || param.trim() === '') return { ok: false, problems: ['param: empty'] };
  let raw: unknown;
  try {
    raw = JSON.parse(param);
  } catch {
    return { ok: false, problems: ['param: not valid JSON'] };
  }
  if (!isObject(raw)) return { ok: false, problems: ['param: not a JSON object'] };

  const problems: string[] = [];
  const status = text(raw.status);
  if (status === null || status === '') problems.push('status: missing or not a string');
  const lr = raw.lastResult;
  if (!isObject(lr)) {
    problems.push('lastResult: missing or not an object');
    return { ok: false, problems };
  }
  const nu = text(lr.nu)?.trim() ?? '';
  if (nu === '') problems.push('lastResult.nu: missing or empty (the waybill number)');
  const com = text(lr.com)?.trim() ?? '';
  if (com === '') problems.push('lastResult.com: missing or empty (the carrier code)');
  // An abort push ("3天查询无记录") may come without a trace; a trace that is not a list is wrong.
  let data: readonly unknown[] = [];
  if (Array.isArray(lr.data)) data = lr.data;
  else if (lr.data !== undefined && lr.data !== null) problems.push('lastResult.data: not a list');
  for (const [field, value] of [
    ['lastResult.state', lr.state],
    ['message', raw.message],
  ] as const) {
    if (value !== undefined && value !== null && text(value) === null) problems.push(`${field}: not a string`);
  }
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    value: {
      status: status ?? '',
      billstatus: text(raw.billstatus),
      message: text(raw.message) ?? '',
      autoCheck: text(raw.autoCheck),
      comOld: text(raw.comOld),
      comNew: text(raw.comNew),
      lastResult: {
        message: text(lr.message) ?? '',
        state: blankToNull(text(lr.state)),
        status: text(lr.status),
        condition: text(lr.condition),
        ischeck: text(lr.ischeck),
        com,
        nu,
        data,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// State codes

type Mapped = { status: TrackingStatus; subStatus: string };
type LockerOrStation = 'locker' | 'station';

interface StateRow {
  /** 快递100's name for the code, as it appears in `data[].status` */
  name: string;
  /** our status and sub-status; a function when the carrier's words decide (locker vs station) */
  map: Mapped | ((context: string) => Mapped);
}

/**
 * Every code of 快递100's state table (基础状态 and 高级状态), with our reading of it.
 * The advanced codes are children of a main state: 1xx of 1 揽收, 100x of 0 在途, 2xx of 2 疑难,
 * 3xx of 3 签收, 401 of 4 退签, 501 of 5 派件, 10–13 of 8 清关.
 */
export const KUAIDI100_STATES: Readonly<Record<string, StateRow>> = {
  // 揽收
  '1': { name: '揽收', map: { status: 'picked_up', subStatus: 'picked_up' } },
  '101': { name: '已下单', map: { status: 'ordered', subStatus: 'created' } },
  '102': { name: '待揽收', map: { status: 'ordered', subStatus: 'pickup_scheduled' } },
  '103': { name: '已揽收', map: { status: 'picked_up', subStatus: 'picked_up' } },
  // 在途
  '0': { name: '在途', map: { status: 'in_transit', subStatus: 'in_transit' } },
  '1001': { name: '到达派件城市', map: { status: 'in_transit', subStatus: 'arrived' } },
  '1002': { name: '干线', map: { status: 'in_transit', subStatus: 'in_transit' } },
  // 快件发往到新的收件地址
  '1003': { name: '转递', map: { status: 'in_transit', subStatus: 'forwarded' } },
  // 派件
  '5': { name: '派件', map: { status: 'out_for_delivery', subStatus: 'out_for_delivery' } },
  '501': { name: '投柜或驿站', map: (ctx) => ({ status: 'awaiting_pickup', subStatus: lockerOrStation(ctx, 'locker') }) },
  // 签收
  '3': { name: '签收', map: (ctx) => signedFromText(ctx) },
  '301': { name: '本人签收', map: { status: 'delivered', subStatus: 'self' } },
  '302': { name: '派件异常后签收', map: { status: 'delivered', subStatus: 'abnormal_signed' } },
  '303': { name: '代签', map: { status: 'delivered', subStatus: 'proxy' } },
  '304': { name: '投柜或站签收', map: (ctx) => ({ status: 'delivered', subStatus: lockerOrStation(ctx, 'locker') }) },
  // 退回 / 退签 / 拒签
  '6': { name: '退回', map: { status: 'returned', subStatus: 'returning' } },
  // 退签 "此快件单已退签": the return was signed for by the sender — the parcel is back home. Not
  // delivered/returned_signed: that would count a failed delivery as delivered in the KPIs.
  '4': { name: '退签', map: { status: 'returned', subStatus: 'returned_to_sender' } },
  '401': { name: '已销单', map: { status: 'cancelled', subStatus: 'cancelled' } },
  '14': { name: '拒签', map: { status: 'refused', subStatus: 'refused' } },
  // 转投: 快件转给其他快递公司邮寄
  '7': { name: '转投', map: { status: 'in_transit', subStatus: 'transferred' } },
  // 疑难
  '2': { name: '疑难', map: { status: 'stalled', subStatus: 'problem' } },
  '201': { name: '超时未签收', map: { status: 'stalled', subStatus: 'stalled' } },
  '202': { name: '超时未更新', map: { status: 'stalled', subStatus: 'stalled' } },
  // 收件人发起拒收快递, 待发货方确认
  '203': { name: '拒收', map: { status: 'refused', subStatus: 'refused' } },
  '204': { name: '派件异常', map: { status: 'failed_attempt', subStatus: 'other' } },
  // overdue at a locker or station: still waiting there; "overdue" is our clock's business
  '205': { name: '柜或驿站超时未取', map: (ctx) => ({ status: 'awaiting_pickup', subStatus: lockerOrStation(ctx, 'station') }) },
  '206': { name: '无法联系', map: { status: 'failed_attempt', subStatus: 'unreachable' } },
  // 超出快递公司的服务区范围
  '207': { name: '超区', map: { status: 'failed_attempt', subStatus: 'address_issue' } },
  '208': { name: '滞留', map: { status: 'stalled', subStatus: 'stalled' } },
  '209': { name: '破损', map: { status: 'damaged', subStatus: 'damaged' } },
  // 寄件人申请撤销寄件: only a request; 401 已销单 is the cancellation itself
  '210': { name: '销单', map: { status: 'stalled', subStatus: 'problem' } },
  // 清关
  '8': { name: '清关', map: { status: 'customs', subStatus: 'customs_pending' } },
  '10': { name: '待清关', map: { status: 'customs', subStatus: 'customs_pending' } },
  '11': { name: '清关中', map: { status: 'customs', subStatus: 'customs_pending' } },
  '12': { name: '已清关', map: { status: 'customs', subStatus: 'customs_cleared' } },
  '13': { name: '清关异常', map: { status: 'customs', subStatus: 'customs_held' } },
};

const CODE_BY_NAME: ReadonlyMap<string, string> = new Map([
  ...Object.entries(KUAIDI100_STATES).map(([code, row]) => [row.name, code] as const),
  // names seen in other 快递100 products and older documents
  ['转单', '7'],
  ['投柜或驿站签收', '304'],
  ['已签收', '3'],
]);

/** The main state an advanced code belongs to: 1001 → 0, 2xx → 2, 10–13 → 8 … */
function parentState(code: string): string | null {
  if (/^100\d$/.test(code)) return '0';
  if (/^[1-8]\d\d$/.test(code)) return code.charAt(0);
  if (/^1[0-3]$/.test(code)) return '8';
  return null;
}

/**
 * Our status for a 快递100 state code (main or advanced). A code missing from the table falls
 * back to its main state (e.g. a future 2xx is still 疑难). `context` (the carrier's words)
 * decides locker vs station and, for a bare 签收, who signed. Null when the code means nothing.
 */
export function mapKuaidi100State(code: string, context = ''): Mapped | null {
  const key = code.trim();
  const row = KUAIDI100_STATES[key] ?? KUAIDI100_STATES[parentState(key) ?? ''];
  if (row === undefined) return null;
  return typeof row.map === 'function' ? row.map(context) : row.map;
}

/** The code 快递100 means by a state name (在途, 干线, 本人签收 …), or null. */
export function kuaidi100CodeForName(name: string): string | null {
  return CODE_BY_NAME.get(name.trim()) ?? null;
}

const LOCKER_WORDS = /快递柜|智能柜|丰巢|自提柜|格口|柜机|储物柜|快递箱/;
const STATION_WORDS = /驿站|代收点|服务站|自提点|快递超市|便利店|菜鸟|兔喜|服务点|快递点|合作点/;
const PROXY_WORDS = /代签|代收|门卫|前台|物业|家人|同事|邻居|保安|收发室|传达室|他人/;

function lockerOrStation(context: string, fallback: LockerOrStation): LockerOrStation {
  const locker = LOCKER_WORDS.test(context);
  const station = STATION_WORDS.test(context);
  if (locker && !station) return 'locker';
  if (station && !locker) return 'station';
  return fallback;
}

/** A bare 签收 (state 3, no advanced code): the carrier's words say whether a locker, a station or someone else signed. */
function signedFromText(context: string): Mapped {
  if (LOCKER_WORDS.test(context) || STATION_WORDS.test(context)) {
    return { status: 'delivered', subStatus: lockerOrStation(context, 'station') };
  }
  if (PROXY_WORDS.test(context) && !/本人/.test(context)) return { status: 'delivered', subStatus: 'proxy' };
  return { status: 'delivered', subStatus: 'self' };
}

// ---------------------------------------------------------------------------------------------
// Times, places, couriers

const CHINA_OFFSET_HOURS = 8;

/**
 * "YYYY-MM-DD HH:mm:ss" (seconds optional) in China time (UTC+8, no daylight saving) → the UTC
 * instant. Null for anything else, including impossible dates such as 2024-02-30.
 */
export function parseKuaidi100Time(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d) return null; // e.g. 02-30 rolled over
  return new Date(local.getTime() - CHINA_OFFSET_HOURS * 3_600_000);
}

// GB/T 2260 province-level codes; 11, 12, 31, 50 are municipalities whose second pair is 01 or 02.
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * 快递100's `areaCode` (CN + 12-digit statistical region code, e.g. CN310115000000) → the 6-digit
 * GB/T 2260 code (310115), or null when it does not look like one. Real pushes carry codes such
 * as CN111400000000 for 北京昌平, which is not a GB/T 2260 code (昌平 is 110114): those are null.
 */
export function gbt2260FromAreaCode(areaCode: string | null | undefined): string | null {
  if (typeof areaCode !== 'string') return null;
  const m = /^(?:CN)?(\d{6})(?:\d{6})?$/i.exec(areaCode.trim());
  if (m === null) return null;
  const code = m[1] as string;
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  if (!PROVINCES.has(province)) return null;
  if (MUNICIPALITIES.has(province) && !['00', '01', '02'].includes(city)) return null;
  return code;
}

// The current site is usually the first bracketed name that ends like a site: "【上海市】 快件已到达
// 【上海浦东转运中心】" → 上海浦东转运中心; "【郑州转运中心】 已发出 下一站 【洛阳市公司】" → 郑州转运中心.
const BRACKETED = /[【[]([^】\]]{2,40})[】\]]/g;
const SITE_SUFFIX = /(中心|分拨|转运|集散|营业部|营业点|营业厅|网点|分部|公司|站|仓|点|部|柜|局|超市)$/;

function siteFrom(context: string, record: Record<string, unknown>): string | null {
  for (const match of context.matchAll(BRACKETED)) {
    const name = (match[1] ?? '').trim();
    if (SITE_SUFFIX.test(name) && !/\d{5,}/.test(name)) return name;
  }
  const location = text(record.location)?.trim();
  if (location) return location;
  const areaName = text(record.areaName)?.trim();
  return areaName ? areaName : null;
}

// "派件员：王师傅 电话…", "快递员 张三（…）", "派件人: 黄振 派件中" — a name, never the phone number.
const COURIER =
  /(?:派件员|派送员|快递员|派件人|配送员|业务员|快递小哥)[\s:：【[]*(?!正在|已|将|会|为|您)([\u4e00-\u9fa5]{2,4}?)(?=[^\u4e00-\u9fa5]|$|正在|电话|手机|联系|为您|派件|派送|已|将|会)/;

function courierFrom(context: string): string | null {
  const name = COURIER.exec(context)?.[1];
  return name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Mapping

export interface Kuaidi100Mapping {
  waybillNo: string;
  /** 快递100 carrier code, e.g. "zhongtong" */
  carrier: string;
  /** 快递100's monitoring state; `abort` needs attention (re-subscribe or check the carrier code) */
  monitor: { status: string; message: string; carrierCorrectedFrom: string | null };
  /** oldest first */
  events: CanonicalEvent[];
  /** for each of `events`, its record's position in `lastResult.data` */
  recordIndexes: number[];
  /** records that gave no event; `index` is the position in `lastResult.data` */
  problems: Array<{ index: number; reason: string }>;
  /**
   * records refused because a field (`field`, e.g. `context`) holds text the database cannot keep
   * (domain/text.ts); the caller is told, unlike `problems`, which 快递100 cannot act on
   */
  unacceptableText: Array<{ index: number; field: string }>;
}

/**
 * Maps a decoded push onto canonical events. Each record's state comes from its `statusCode`,
 * else its state name, else — for the newest record only — `lastResult.state`; older records with
 * nothing to go on are plain in-transit scans. A record without a readable time is a problem,
 * not an event. `externalId` is null: 快递100 gives records no id, the store derives one.
 */
export function mapKuaidi100(payload: Kuaidi100Push): Kuaidi100Mapping {
  const { lastResult } = payload;
  const events: Array<{ event: CanonicalEvent; index: number }> = [];
  const problems: Array<{ index: number; reason: string }> = [];
  const unacceptableText: Array<{ index: number; field: string }> = [];
  const records: readonly unknown[] = Array.isArray(lastResult.data) ? lastResult.data : [];

  records.forEach((record, index) => {
    // Any field, read or not: a scan is refused rather than silently altered.
    const field = findUnacceptableText(record);
    if (field !== null) return void unacceptableText.push({ index, field });
    const result = mapRecord(record, index, lastResult);
    if ('reason' in result) problems.push({ index, reason: result.reason });
    else events.push({ event: result, index });
  });

  // data is newest first; return oldest first, keeping 快递100's order among equal times
  events.sort((a, b) => a.event.eventTime.getTime() - b.event.eventTime.getTime() || b.index - a.index);

  return {
    waybillNo: normalizeWaybillNo(lastResult.nu),
    carrier: lastResult.com,
    monitor: {
      status: payload.status,
      message: payload.message,
      carrierCorrectedFrom: payload.autoCheck === '1' && payload.comOld ? payload.comOld : null,
    },
    events: events.map((e) => e.event),
    recordIndexes: events.map((e) => e.index),
    problems,
    unacceptableText,
  };
}

function mapRecord(record: unknown, index: number, lastResult: Kuaidi100LastResult): CanonicalEvent | { reason: string } {
  if (!isObject(record)) return { reason: 'record is not an object' };
  const context = record.context;
  if (typeof context !== 'string') return { reason: 'context missing or not a string' };
  const rawTime = text(record.ftime) || text(record.time);
  if (!rawTime) return { reason: 'time missing' };
  const eventTime = parseKuaidi100Time(rawTime);
  if (eventTime === null) return { reason: `time not readable: "${rawTime}" (expected YYYY-MM-DD HH:mm:ss, China time)` };

  const code = text(record.statusCode)?.trim();
  const name = text(record.status)?.trim();
  const mapped =
    (code ? mapKuaidi100State(code, context) : null) ??
    (name ? mapByName(name, context) : null) ??
    (index === 0 && lastResult.state !== null ? mapKuaidi100State(lastResult.state, context) : null) ??
    ({ status: 'in_transit', subStatus: 'in_transit' } satisfies Mapped);

  return {
    waybillNo: normalizeWaybillNo(lastResult.nu),
    eventTime,
    status: mapped.status,
    subStatus: mapped.subStatus,
    site: siteFrom(context, record),
    areaCode: gbt2260FromAreaCode(text(record.areaCode)),
    courier: courierFrom(context),
    rawText: context,
    source: KUAIDI100_SOURCE,
    externalId: null,
  };
}

function mapByName(name: string, context: string): Mapped | null {
  const code = kuaidi100CodeForName(name);
  return code === null ? null : mapKuaidi100State(code, context);
}

// ---------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A documented string field; 快递100 sometimes sends numbers (state, ischeck). */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function blankToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}
