/**
 * Why an event of a batch was not stored, said to the caller: each rejection carries a stable
 * `code` for programs and a `reason` for the person reading the response, in the request's
 * language (Accept-Language; zh-CN by default, like every error message of http/messages.ts).
 */
import { CHECKPOINT_PROBLEM_CODES, type CheckpointProblemCode } from '../../domain/tracking/aftership.js';
import type { Locale } from '../../http/locale.js';

/** What ingestion itself refuses (ingest.ts `checkEvent`), for every feed. */
export const EVENT_REJECTION_CODES = [
  /** params.field: the first field holding a NUL or a lone surrogate (domain/text.ts) */
  'EVENT_TEXT_INVALID',
  /** params.status */
  'EVENT_STATUS_UNKNOWN',
  /** params.status, params.subStatus */
  'EVENT_SUB_STATUS_MISMATCH',
  'EVENT_TIME_INVALID',
  'EVENT_TIME_IN_FUTURE',
  /** params.days: the retention */
  'EVENT_TIME_BEFORE_RETENTION',
] as const;
export type EventRejectionCode = (typeof EVENT_REJECTION_CODES)[number];

export const REJECTION_CODES = [...EVENT_REJECTION_CODES, ...CHECKPOINT_PROBLEM_CODES] as const;
export type RejectionCode = EventRejectionCode | CheckpointProblemCode;

export interface Rejection<Code extends RejectionCode = RejectionCode> {
  /** the event's position in what the caller sent */
  index: number;
  code: Code;
  params?: Record<string, string | number>;
}

const REJECTION_MESSAGES: Record<RejectionCode, Record<Locale, string>> = {
  EVENT_TEXT_INVALID: {
    'zh-CN': '{field} 含有无法保存的字符（空字符 U+0000 或不成对的代理项），该事件未保存',
    'en-US': '{field} contains characters that cannot be stored (NUL, U+0000, or an unpaired surrogate); the event was not stored',
  },
  EVENT_STATUS_UNKNOWN: {
    'zh-CN': '未知的状态“{status}”',
    'en-US': 'unknown status "{status}"',
  },
  EVENT_SUB_STATUS_MISMATCH: {
    'zh-CN': '子状态“{subStatus}”不属于状态“{status}”',
    'en-US': 'sub-status "{subStatus}" does not belong to "{status}"',
  },
  EVENT_TIME_INVALID: {
    'zh-CN': '事件时间不是有效的时间',
    'en-US': 'event time is not a valid time',
  },
  EVENT_TIME_IN_FUTURE: {
    'zh-CN': '事件时间晚于当前时间一天以上',
    'en-US': 'event time is more than a day in the future',
  },
  EVENT_TIME_BEFORE_RETENTION: {
    'zh-CN': '事件时间早于 {days} 天的保存期限',
    'en-US': 'event time is older than the {days}-day retention',
  },
  CHECKPOINT_NOT_OBJECT: {
    'zh-CN': 'checkpoint 不是对象',
    'en-US': 'checkpoint is not an object',
  },
  CHECKPOINT_TEXT_INVALID: {
    'zh-CN': 'checkpoint 的 {field} 含有无法保存的字符（空字符 U+0000 或不成对的代理项）',
    'en-US': 'checkpoint {field} contains characters that cannot be stored (NUL, U+0000, or an unpaired surrogate)',
  },
  CHECKPOINT_TIME_MISSING: {
    'zh-CN': '缺少 checkpoint_time',
    'en-US': 'checkpoint_time missing',
  },
  CHECKPOINT_TIME_UNREADABLE: {
    'zh-CN': '无法识别 checkpoint_time“{value}”（应为 ISO 8601 格式）',
    'en-US': 'checkpoint_time not readable: "{value}" (expected ISO 8601)',
  },
  CHECKPOINT_TAG_MISSING: {
    'zh-CN': '缺少 tag',
    'en-US': 'tag missing',
  },
  CHECKPOINT_TAG_UNKNOWN: {
    'zh-CN': '未知的 tag“{tag}”',
    'en-US': 'unknown tag "{tag}"',
  },
};

export function rejectionReason(rejection: Rejection, locale: Locale): string {
  const params = rejection.params ?? {};
  return REJECTION_MESSAGES[rejection.code][locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Rejections as the API answers them: `{ index, code, reason }`, in the caller's language. */
export function presentRejections<Code extends RejectionCode>(rejections: readonly Rejection<Code>[], locale: Locale) {
  return rejections.map((r) => ({ index: r.index, code: r.code, reason: rejectionReason(r, locale) }));
}
