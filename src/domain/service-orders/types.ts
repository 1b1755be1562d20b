/**
 * Notification types (通知类型) and their number range (docs/product.md "After-sales service
 * orders"). The type is chosen by whether the customer has paid in full: Z1 客户服务 after full
 * payment (完款后), Z2 交货异常 before it (完款前). The type decides the status profile and the
 * default expected end.
 *
 * Number range: like SAP's internal number assignment, twelve digits, one interval per type — Z1
 * from 100000000001, Z2 from 200000000001 — so the first digit tells the type at a glance and a
 * number read out on the phone is plain digits. Numbers come from a database sequence per type:
 * they only grow, and a number drawn by a transaction that then rolled back is skipped (a gap, as
 * SAP's buffered number ranges also allow).
 */
import type { WorkingCalendar } from '../time-limits/working-days.js';
import { addCalendarDays, addWorkingDays } from '../time-limits/working-days.js';
import { Z1_PROFILE, Z2_PROFILE, type Label, type StatusProfile } from './status-profile.js';

export const NOTIFICATION_TYPES = ['Z1', 'Z2'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationTypeDef {
  type: NotificationType;
  label: Label;
  profile: StatusProfile;
  /** the first digit of the type's twelve-digit numbers */
  numberPrefix: string;
  /** the expected end's default after the required start: working days of the main work center's calendar, or calendar days */
  expectedEnd: { days: number; basis: 'working' | 'calendar' };
}

export const NOTIFICATION_TYPE_DEFS: Record<NotificationType, NotificationTypeDef> = {
  // Z1: the service centre's assistant estimates when the service will be closed; the company
  // default is the next working day after the service starts (a site visit and its report).
  Z1: { type: 'Z1', label: { 'zh-CN': '客户服务', 'en-US': 'Customer service' }, profile: Z1_PROFILE, numberPrefix: '1', expectedEnd: { days: 1, basis: 'working' } },
  // Z2: the complaint department estimates when the exception is handled; by default within the
  // 7 days 《快递暂行条例》 gives a complaint (docs/product.md §7).
  Z2: { type: 'Z2', label: { 'zh-CN': '交货异常', 'en-US': 'Delivery exception' }, profile: Z2_PROFILE, numberPrefix: '2', expectedEnd: { days: 7, basis: 'calendar' } },
};

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

export const NOTIFICATION_NUMBER_PATTERN = '^[12][0-9]{11}$';
const SEQUENCE_MAX = 99_999_999_999;

/** The twelve-digit number of the type's `sequence`-th notification (1-based). */
export function notificationNumber(type: NotificationType, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > SEQUENCE_MAX) throw new RangeError(`the ${type} number range is exhausted or the sequence is invalid: ${sequence}`);
  return NOTIFICATION_TYPE_DEFS[type].numberPrefix + String(sequence).padStart(11, '0');
}

/** The type a number belongs to, or null for anything that is not a notification number. */
export function typeOfNumber(number: string): NotificationType | null {
  if (!new RegExp(NOTIFICATION_NUMBER_PATTERN).test(number) || /^[12]0{11}$/.test(number)) return null;
  return number.startsWith('1') ? 'Z1' : 'Z2';
}

/** The expected end when none is given: the type's default after the required start. */
export function defaultExpectedEnd(type: NotificationType, requiredStart: Date, calendar: WorkingCalendar): Date {
  const rule = NOTIFICATION_TYPE_DEFS[type].expectedEnd;
  return rule.basis === 'working' ? addWorkingDays(requiredStart, rule.days, calendar) : addCalendarDays(requiredStart, rule.days, calendar.timeZone);
}

export type DatesCheck = { ok: true } | { ok: false; problem: 'end_before_start' | 'document_after_start' };

/**
 * The dates of a notification in order: the expected end not before the required start, and the
 * original order's / delivery's date not after the required start (the order came first).
 */
export function checkNotificationDates(dates: { requiredStart: Date; expectedEnd: Date; documentDate: string | null }, timeZoneDateOfStart: string): DatesCheck {
  if (dates.expectedEnd.getTime() < dates.requiredStart.getTime()) return { ok: false, problem: 'end_before_start' };
  if (dates.documentDate !== null && dates.documentDate > timeZoneDateOfStart) return { ok: false, problem: 'document_after_start' };
  return { ok: true };
}
