/**
 * Spreadsheet rows → API items, for the import command: pure functions, so every rule is tested
 * without files or a server. Rows are checked here for what a person can fix in the sheet (an
 * empty phone, a weight written as "1.2kg"), in the column names of the sheet; the server checks
 * again when they arrive, as it does for every client.
 *
 * Shipment columns (header row, any order; Chinese headers accepted too):
 *   waybill_no*, sender_name*, sender_phone*, sender_address*, recipient_name*, recipient_phone*,
 *   recipient_address*, sender_province_code, sender_city_code, sender_district_code (and the same
 *   for recipient_), product, weight_g, declared_value_fen, insured, insurance_fee_fen, freight_fen,
 *   payment_term (寄付/到付/月结 or sender_pays/collect/monthly), monthly_account
 * Event columns:
 *   waybill_no*, event_time*, status*, sub_status*, text*, site, area_code, courier, event_id
 * (* required). A time without an offset ("2026-11-20 14:03") is local time in the company's zone.
 */
import { isSubStatusOf, isTrackingStatus, STATUS_LIST, TRACKING_STATUSES } from '../domain/tracking/vocabulary.js';
import { normalizeWaybillNo } from '../domain/waybill.js';
import type { ScanEvent, ShipmentInput } from '../simulator/generate.js';

export type Cell = string | number | boolean | Date | null | undefined;
export type RowRecord = Readonly<Record<string, Cell>>;

export type ImportKind = 'shipments' | 'events';

const PARTY_COLUMNS = ['name', 'phone', 'address', 'province_code', 'city_code', 'district_code'] as const;

export const SHIPMENT_COLUMNS = [
  'waybill_no',
  ...PARTY_COLUMNS.map((c) => `sender_${c}`),
  ...PARTY_COLUMNS.map((c) => `recipient_${c}`),
  'product',
  'weight_g',
  'declared_value_fen',
  'insured',
  'insurance_fee_fen',
  'freight_fen',
  'payment_term',
  'monthly_account',
] as const;

export const REQUIRED_SHIPMENT_COLUMNS = [
  'waybill_no',
  'sender_name',
  'sender_phone',
  'sender_address',
  'recipient_name',
  'recipient_phone',
  'recipient_address',
] as const;

export const EVENT_COLUMNS = ['waybill_no', 'event_time', 'status', 'sub_status', 'site', 'area_code', 'courier', 'text', 'event_id'] as const;
export const REQUIRED_EVENT_COLUMNS = ['waybill_no', 'event_time', 'status', 'sub_status', 'text'] as const;

/** Headers people write in Chinese sheets, mapped to our column names. */
const CHINESE_HEADERS: Record<string, string> = {
  运单号: 'waybill_no',
  寄件人: 'sender_name',
  寄件人姓名: 'sender_name',
  寄件人电话: 'sender_phone',
  寄件人手机: 'sender_phone',
  寄件人地址: 'sender_address',
  收件人: 'recipient_name',
  收件人姓名: 'recipient_name',
  收件人电话: 'recipient_phone',
  收件人手机: 'recipient_phone',
  收件人地址: 'recipient_address',
  产品: 'product',
  产品类型: 'product',
  '重量(克)': 'weight_g',
  '声明价值(分)': 'declared_value_fen',
  保价: 'insured',
  '保价费(分)': 'insurance_fee_fen',
  '运费(分)': 'freight_fen',
  付款方式: 'payment_term',
  月结账号: 'monthly_account',
  时间: 'event_time',
  扫描时间: 'event_time',
  状态: 'status',
  子状态: 'sub_status',
  网点: 'site',
  地区代码: 'area_code',
  快递员: 'courier',
  描述: 'text',
  事件ID: 'event_id',
};

/** A header cell as a column name: trimmed, lower case, spaces as underscores, Chinese mapped. */
export function columnName(header: Cell): string {
  const text = cellText(header).replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  return CHINESE_HEADERS[text] ?? cellText(header).toLowerCase().replace(/[\s-]+/g, '_');
}

/** Problems with a header row that make the file unreadable as `kind`. */
export function headerProblems(columns: readonly string[], kind: ImportKind): string[] {
  const known: readonly string[] = kind === 'shipments' ? SHIPMENT_COLUMNS : EVENT_COLUMNS;
  const required: readonly string[] = kind === 'shipments' ? REQUIRED_SHIPMENT_COLUMNS : REQUIRED_EVENT_COLUMNS;
  const problems: string[] = [];
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    if (column === '') return;
    if (seen.has(column)) problems.push(`column "${column}" appears twice`);
    seen.add(column);
    if (!known.includes(column)) problems.push(`unknown column "${column}" (column ${i + 1}); expected: ${known.join(', ')}`);
  });
  for (const column of required) if (!seen.has(column)) problems.push(`missing column "${column}"`);
  return problems;
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).trim();
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Reads the cells of one row, collecting every problem rather than stopping at the first. */
class RowReader {
  readonly problems: string[] = [];
  constructor(private readonly row: RowRecord) {}

  text(column: string, options: { required?: boolean; max?: number; min?: number; pattern?: RegExp; hint?: string } = {}): string | undefined {
    const cell = this.row[column];
    // Spreadsheets store long digit strings (phones, waybills) as numbers.
    if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
      this.problems.push(`${column} is a number too large to keep exactly; format the column as text`);
      return undefined;
    }
    const value = cellText(cell);
    if (value === '') {
      if (options.required) this.problems.push(`${column} is empty`);
      return undefined;
    }
    if (options.min !== undefined && [...value].length < options.min) this.problems.push(`${column} must be at least ${options.min} characters`);
    else if (options.max !== undefined && [...value].length > options.max) this.problems.push(`${column} is longer than ${options.max} characters`);
    else if (options.pattern && !options.pattern.test(value)) this.problems.push(`${column} "${value}" ${options.hint ?? 'is not valid'}`);
    return value;
  }

  integer(column: string, min: number, max: number, unit: string): number | undefined {
    const cell = this.row[column];
    const value = cellText(cell);
    if (value === '') return undefined;
    const number = typeof cell === 'number' ? cell : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number)) {
      this.problems.push(`${column} "${value}" must be a whole number of ${unit}`);
      return undefined;
    }
    if (number < min || number > max) {
      this.problems.push(`${column} ${number} must be between ${min} and ${max} ${unit}`);
      return undefined;
    }
    return number;
  }

  flag(column: string): boolean | undefined {
    const cell = this.row[column];
    if (typeof cell === 'boolean') return cell;
    const value = cellText(cell).toLowerCase();
    if (value === '') return undefined;
    if (['true', 'yes', 'y', '1', '是', '保价'].includes(value)) return true;
    if (['false', 'no', 'n', '0', '否', '不保价'].includes(value)) return false;
    this.problems.push(`${column} "${cellText(cell)}" must be yes or no (是/否)`);
    return undefined;
  }

  choice<T extends string>(column: string, choices: Record<string, T>, listed: string): T | undefined {
    const value = cellText(this.row[column]);
    if (value === '') return undefined;
    const found = choices[value] ?? choices[value.toLowerCase()];
    if (!found) this.problems.push(`${column} "${value}" must be one of ${listed}`);
    return found;
  }
}

const WAYBILL = /^[A-Za-z0-9-]{6,32}$/;
const PHONE = /^[0-9+ -]{5,20}$/;
const REGION_CODE = /^[0-9]{6}$/;

const PRODUCTS: Record<string, NonNullable<ShipmentInput['product']>> = {
  standard: 'standard',
  express: 'express',
  same_day: 'same_day',
  economy: 'economy',
  international: 'international',
  标准快递: 'standard',
  标快: 'standard',
  特快: 'express',
  特快专递: 'express',
  当日达: 'same_day',
  同城当日达: 'same_day',
  经济快递: 'economy',
  经济: 'economy',
  国际快递: 'international',
  国际: 'international',
};

const PAYMENT_TERMS: Record<string, NonNullable<ShipmentInput['paymentTerm']>> = {
  sender_pays: 'sender_pays',
  collect: 'collect',
  monthly: 'monthly',
  寄付: 'sender_pays',
  寄方付: 'sender_pays',
  现付: 'sender_pays',
  到付: 'collect',
  收方付: 'collect',
  月结: 'monthly',
};

function party(read: RowReader, side: 'sender' | 'recipient'): ShipmentInput['sender'] | undefined {
  const name = read.text(`${side}_name`, { required: true, max: 64 });
  const phone = read.text(`${side}_phone`, { required: true, pattern: PHONE, hint: 'is not a phone number (5–20 digits, +, - or spaces)' });
  const address = read.text(`${side}_address`, { required: true, min: 2, max: 256 });
  const codes = {
    provinceCode: read.text(`${side}_province_code`, { pattern: REGION_CODE, hint: 'is not a 6-digit GB/T 2260 code' }),
    cityCode: read.text(`${side}_city_code`, { pattern: REGION_CODE, hint: 'is not a 6-digit GB/T 2260 code' }),
    districtCode: read.text(`${side}_district_code`, { pattern: REGION_CODE, hint: 'is not a 6-digit GB/T 2260 code' }),
  };
  if (name === undefined || phone === undefined || address === undefined) return undefined;
  return { name, phone, address, ...withoutUndefined(codes) };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A shipments row → a POST /api/shipments item, or what is wrong with it. */
export function shipmentFromRow(row: RowRecord): RowResult<ShipmentInput> {
  const read = new RowReader(row);
  const waybillNo = read.text('waybill_no', { required: true, pattern: WAYBILL, hint: 'must be 6–32 letters, digits or dashes' });
  const sender = party(read, 'sender');
  const recipient = party(read, 'recipient');
  const product = read.choice('product', PRODUCTS, 'standard, express, same_day, economy, international (标快/特快/当日达/经济/国际)');
  const weightG = read.integer('weight_g', 1, 100_000_000, 'grams');
  const declaredValueFen = read.integer('declared_value_fen', 0, 2_000_000_000, 'fen');
  const insured = read.flag('insured');
  const insuranceFeeFen = read.integer('insurance_fee_fen', 0, 100_000_000, 'fen');
  const freightFen = read.integer('freight_fen', 0, 100_000_000, 'fen');
  const paymentTerm = read.choice('payment_term', PAYMENT_TERMS, '寄付, 到付, 月结 (sender_pays, collect, monthly)');
  const monthlyAccount = read.text('monthly_account', { max: 32 });

  if (paymentTerm === 'monthly' && !monthlyAccount) read.problems.push('monthly_account is empty, but payment_term is 月结');
  if (monthlyAccount && paymentTerm !== undefined && paymentTerm !== 'monthly') read.problems.push('monthly_account is given, but payment_term is not 月结');
  if (insured && !declaredValueFen) read.problems.push('insured is yes, but declared_value_fen is empty');

  if (read.problems.length || !waybillNo || !sender || !recipient) return { ok: false, problems: read.problems };
  return {
    ok: true,
    value: {
      waybillNo,
      sender,
      recipient,
      ...withoutUndefined({ product, weightG, declaredValueFen, insured, insuranceFeeFen, freightFen, paymentTerm }),
      ...(monthlyAccount ? { monthlyAccount } : {}),
    },
  };
}

/** The UTC instant of a local wall-clock time in `timeZone` (no DST gaps in Asia/Shanghai). */
export function zonedTime(wall: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instant));
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - instant;
  };
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return new Date(guess);
}

const NAIVE_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A time cell as an instant. A spreadsheet date (a Date from the reader, or a day-number) and a
 * time written without an offset are wall-clock times in `timeZone`; ISO times with Z or an offset
 * are taken as they are.
 */
export function parseEventTime(cell: Cell, timeZone: string): Date | null {
  if (cell instanceof Date || typeof cell === 'number') {
    // The reader builds dates from the sheet's wall-clock numbers as if they were UTC.
    const asUtc = cell instanceof Date ? cell.getTime() : EXCEL_EPOCH + Math.round(cell * 86_400_000);
    if (!Number.isFinite(asUtc)) return null;
    const d = new Date(asUtc);
    return zonedTime(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
      timeZone,
    );
  }
  const text = cellText(cell);
  if (ZONED_TIME.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const naive = NAIVE_TIME.exec(text);
  if (!naive) return null;
  const [year, month, day, hour, minute, second] = naive.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const instant = zonedTime({ year, month, day, hour, minute, second }, timeZone);
  // 2026-02-30 would roll over into March: refuse it instead.
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCDate() === day ? instant : null;
}

/** An events row → a POST /api/tracking/events item, or what is wrong with it. */
export function eventFromRow(row: RowRecord, options: { timeZone: string }): RowResult<ScanEvent> {
  const read = new RowReader(row);
  const waybillNo = read.text('waybill_no', { required: true, pattern: WAYBILL, hint: 'must be 6–32 letters, digits or dashes' });
  const timeText = cellText(row.event_time);
  let eventTime: Date | null = null;
  if (timeText === '') read.problems.push('event_time is empty');
  else {
    eventTime = parseEventTime(row.event_time ?? null, options.timeZone);
    if (!eventTime) read.problems.push(`event_time "${timeText}" is not a time (write 2026-11-20 14:03 or 2026-11-20T14:03:00+08:00)`);
  }
  const status = read.text('status', { required: true });
  const subStatus = read.text('sub_status', { required: true });
  if (status !== undefined && !isTrackingStatus(status)) {
    read.problems.push(`status "${status}" is not one of ${STATUS_LIST.join(', ')}`);
  } else if (status !== undefined && subStatus !== undefined && !isSubStatusOf(status, subStatus)) {
    read.problems.push(`sub_status "${subStatus}" does not belong to status "${status}" (expected ${TRACKING_STATUSES[status].join(', ')})`);
  }
  const site = read.text('site', { max: 128 });
  const areaCode = read.text('area_code', { pattern: REGION_CODE, hint: 'is not a 6-digit GB/T 2260 code' });
  const courier = read.text('courier', { max: 64 });
  const text = read.text('text', { required: true, max: 1000 });
  const eventId = read.text('event_id', { max: 128 });

  if (read.problems.length || !waybillNo || !eventTime || !status || !subStatus || !text) return { ok: false, problems: read.problems };
  return {
    ok: true,
    value: { waybillNo, eventTime: eventTime.toISOString(), status, subStatus, text, ...withoutUndefined({ site, areaCode, courier, eventId }) },
  };
}

export interface RowProblem {
  /** the row number as the spreadsheet shows it (the header is row 1) */
  row: number;
  message: string;
}

export interface MappedRows<T> {
  items: { row: number; value: T }[];
  problems: RowProblem[];
  /** rows with no cell filled in, skipped */
  empty: number;
}

/** Maps every row; the good ones become items, each problem is reported with its row number. */
export function mapRows<T>(rows: readonly { row: number; cells: RowRecord }[], map: (row: RowRecord) => RowResult<T>): MappedRows<T> {
  const result: MappedRows<T> = { items: [], problems: [], empty: 0 };
  for (const { row, cells } of rows) {
    if (Object.values(cells).every((c) => cellText(c) === '')) {
      result.empty++;
      continue;
    }
    const mapped = map(cells);
    if (mapped.ok) result.items.push({ row, value: mapped.value });
    else result.problems.push(...mapped.problems.map((message) => ({ row, message })));
  }
  return result;
}

/** Waybills that appear on more than one row of a shipments sheet (the server would keep the last). */
export function duplicateWaybills(items: readonly { row: number; value: { waybillNo: string } }[]): RowProblem[] {
  const first = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { row, value } of items) {
    const key = normalizeWaybillNo(value.waybillNo);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row);
    else problems.push({ row, message: `waybill_no ${value.waybillNo} is already on row ${earlier}` });
  }
  return problems;
}
