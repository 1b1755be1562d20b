/**
 * An audit entry's detail in words: "key: value" pairs with the keys the server writes most often
 * named in the console's language, codes (roles, reasons, rules …) as their labels, departments by
 * name, and the name or number of the subject when the detail carries one. Investigators still get
 * the stored JSON as it is (the page's expanded row); this is only what the table shows.
 */
import { formatDateTime } from '../../format';
import { isMessageKey, type Translate } from '../../i18n';
import { labelOrKey, policyRuleLabel } from '../../labels';
import type { AuditEntry } from '../../services/types';

export interface DetailItem {
  /** the key as stored, for tests and the tooltip */
  key: string;
  label: string;
  value: string;
}

/** What the console knows besides the entry: department names by id (when it may list them). */
export interface DetailLookups {
  departmentName?: (id: string) => string | undefined;
}

/** Longest value shown in the table; the whole text is in the raw record. */
const VALUE_MAX = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys that name the subject (in this order): `user.create` { username }, `ticket.customer_reveal` { number } … */
const SUBJECT_NAME_KEYS = ['name', 'displayName', 'username', 'number', 'waybillNo', 'phrase', 'title', 'nameZh'] as const;

type Detail = NonNullable<AuditEntry['detail']>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** { from, to } and nothing else: a change of one field. */
function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return isRecord(value) && Object.keys(value).length === 2 && 'from' in value && 'to' in value;
}

/** 12.3 KB: sizes as people read them. */
function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A code under `key` as its label, when the console has one. */
function codeLabel(t: Translate, key: string, code: string): string {
  switch (key) {
    case 'role':
      return labelOrKey(t, `role.${code}`, code);
    case 'reason':
      return labelOrKey(t, `audit.reason.${code}`, code);
    case 'ground':
      return labelOrKey(t, `audit.ground.${code}`, code);
    case 'situation':
      return labelOrKey(t, `reference.situation.${code}`, code);
    case 'scopeKind':
      return labelOrKey(t, `kpis.targets.scope.${code}`, code);
    case 'category':
      return labelOrKey(t, `reference.forbidden.category.${code}`, code);
    case 'match':
      return labelOrKey(t, `reference.forbidden.match.${code}`, code);
    case 'mode':
      return labelOrKey(t, `reference.forbidden.mode.${code}`, code);
    case 'kind': {
      // A ticket code is a category or a cause; a calendar day a holiday or a workday.
      const asCode = `reference.codes.kind.${code}`;
      return isMessageKey(asCode) ? t(asCode) : labelOrKey(t, `audit.calendarDayKind.${code}`, code);
    }
    default:
      return code;
  }
}

/** One value in words; `key` says how to read a code or an id. */
export function detailValue(t: Translate, key: string, value: unknown, lookups: DetailLookups = {}, max = VALUE_MAX): string {
  const clip = (text: string) => (text.length > max ? `${text.slice(0, max)}…` : text);
  const inner = (k: string, v: unknown) => detailValue(t, k, v, lookups, max);
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return key === 'sizeBytes' ? bytes(value) : String(value);
  if (typeof value === 'string') {
    if (key === 'departmentId') return lookups.departmentName?.(value) ?? `${value.slice(0, 8)}…`;
    if (key === 'until' || key === 'at' || key === 'raisedAt') return formatDateTime(value);
    // Another id (an attachment …): the start is enough to tell it apart; the raw record has it whole.
    if (UUID.test(value)) return `${value.slice(0, 8)}…`;
    return clip(codeLabel(t, key, value));
  }
  if (Array.isArray(value)) return clip(value.map((v) => inner(key, v)).join('、'));
  if (isChange(value)) {
    return t('audit.detail.changed', { from: inner(key, value.from), to: inner(key, value.to) });
  }
  if (isRecord(value)) {
    // A time-limit change ({ promiseSameCity: { value: 30 } }) or a nested record: its own pairs.
    const pairs = Object.entries(value).map(([k, v]) => {
      const label = key === 'changes' ? policyRuleLabel(t, k) : keyLabel(t, k);
      return `${label} ${inner(k, isRecord(v) && Object.keys(v).length === 1 && 'value' in v ? v.value : v)}`;
    });
    return clip(pairs.join('；'));
  }
  return clip(String(value));
}

/** The name of a key the server writes; an unknown key is shown as it is stored. */
export function keyLabel(t: Translate, key: string): string {
  return labelOrKey(t, `audit.key.${key}`, key);
}

/**
 * Where a pair goes in the table, which shows the first few: what changed first, then what the
 * action was about, then the names the subject column already shows, then codes and ids. The
 * server's key order does not survive storage (`jsonb` keeps keys shortest first), so this order
 * is the console's.
 */
function rank(key: string, value: unknown): number {
  if (key === 'changes' || isChange(value)) return 0;
  if ((SUBJECT_NAME_KEYS as readonly string[]).includes(key) || key === 'nameEn') return 2;
  // A department shows its name; any other id, or a code such as a KPI's, tells a person little.
  if (key !== 'departmentId' && (/Id$/.test(key) || (typeof value === 'string' && UUID.test(value)))) return 3;
  return 1;
}

/** The detail as labelled pairs, what matters first (`rank`); values cut at `max` characters. */
export function detailItems(t: Translate, detail: AuditEntry['detail'], lookups: DetailLookups = {}, max = VALUE_MAX): DetailItem[] {
  if (!detail) return [];
  return Object.entries(detail as Detail)
    .map(([key, value], at) => ({ key, value, at, rank: rank(key, value) }))
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .map(({ key, value }) => ({ key, label: keyLabel(t, key), value: detailValue(t, key, value, lookups, max) }));
}

/**
 * What the subject is called, when the entry says: the name or number in the detail (a user's new
 * display name when it changed), the account of a sign-in (its actor), a date or waybill number
 * that is its own id; a subject named in both languages by the reader's. Undefined when only an
 * opaque id is known.
 */
export function subjectName(entry: AuditEntry, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string | undefined {
  const detail = entry.detail ?? {};
  // A subject named in both languages (a KPI: nameZh, nameEn) by the reader's.
  if (locale === 'en-US' && typeof detail.nameEn === 'string' && detail.nameEn.trim()) return detail.nameEn;
  for (const key of SUBJECT_NAME_KEYS) {
    const value = detail[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (isChange(value) && typeof value.to === 'string' && value.to.trim()) return value.to;
  }
  if (entry.subjectType === 'user' && entry.subjectId && entry.subjectId === entry.actorId && entry.actorName) return entry.actorName;
  if (entry.subjectId && !UUID.test(entry.subjectId)) return entry.subjectId;
  return undefined;
}
