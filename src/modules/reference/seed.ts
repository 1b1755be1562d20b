/**
 * The reference data a fresh installation starts from: ticket category and cause codes, the
 * phrase library of 客服用语规范, the public holidays of mainland China, the business calendar, the
 * phrase-guard mode, exception routing and SLA policy version 1 (docs/product.md §2, §7), the service notifications' catalogs, each
 * with its real source (domain/sources.ts). Admins edit
 * all of it afterwards, so each part is written only while its table (or setting) is still empty:
 * running this again never overwrites an admin's change.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { FORBIDDEN_PHRASES, STANDARD_PHRASES } from '../../domain/phrases/catalog.js';
import { normalizePhrase } from '../../domain/phrases/guard.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../../domain/sla/calendar.js';
import { CHINA_PUBLIC_HOLIDAYS } from '../../domain/sla/holidays-cn.js';
import { DEFAULT_SLA_POLICY } from '../../domain/sla/policy.js';
import { DEFAULT_POLICY_NOTE } from '../../domain/time-limits/policy.js';
import type { ExceptionKind } from '../../domain/tracking/exceptions.js';
import { seedServiceCatalogs } from '../service-orders/service.js';

/** Setting keys of the `settings` table this module owns. */
export const SETTING_KEYS = {
  businessCalendar: 'businessCalendar',
  phraseGuard: 'phraseGuard',
  exceptionRouting: 'exceptionRouting',
} as const;

/**
 * Ticket categories (工单分类) of an express carrier's service desk, in the order the picker shows
 * them. Codes are stable (tickets and reports keep them); names are what admins may reword.
 */
export const DEFAULT_TICKET_CATEGORIES: readonly { code: string; nameZh: string; nameEn: string }[] = [
  { code: 'where_is_it', nameZh: '查件/催件', nameEn: 'Where is my parcel / chase' },
  { code: 'delay', nameZh: '延误', nameEn: 'Delay' },
  { code: 'damage', nameZh: '破损', nameEn: 'Damage' },
  { code: 'loss', nameZh: '丢失/少件', nameEn: 'Loss / missing items' },
  { code: 'delivery_service', nameZh: '派件服务', nameEn: 'Delivery service' },
  { code: 'pickup_service', nameZh: '收件服务', nameEn: 'Pickup service' },
  { code: 'freight_dispute', nameZh: '运费争议', nameEn: 'Freight dispute' },
  { code: 'claim_progress', nameZh: '理赔进度', nameEn: 'Claim progress' },
  { code: 'address_change', nameZh: '改地址/改派', nameEn: 'Address change / redirect' },
  { code: 'pickup_request', nameZh: '上门取件', nameEn: 'Pickup request' },
  { code: 'packaging', nameZh: '包装', nameEn: 'Packaging' },
  { code: 'quotation', nameZh: '报价', nameEn: 'Quotation' },
  { code: 'suggestion', nameZh: '建议', nameEn: 'Suggestion' },
  { code: 'other', nameZh: '其他', nameEn: 'Other' },
];

/**
 * Root causes (原因代码) a resolved ticket is closed with; they feed the cause reports (docs/product.md
 * §2 "Learn from it: cause codes feed reports"). Codes share one namespace with the categories,
 * hence `other_cause`.
 */
export const DEFAULT_TICKET_CAUSES: readonly { code: string; nameZh: string; nameEn: string }[] = [
  { code: 'transit_delay', nameZh: '中转延误', nameEn: 'Transit delay' },
  { code: 'weather_force_majeure', nameZh: '天气/不可抗力', nameEn: 'Weather / force majeure' },
  { code: 'courier', nameZh: '派送员原因', nameEn: 'Courier' },
  { code: 'station_handling', nameZh: '网点操作不当', nameEn: 'Improper handling at a station' },
  { code: 'improper_packaging', nameZh: '包装不当', nameEn: 'Improper packaging' },
  { code: 'customer', nameZh: '客户原因', nameEn: 'Customer' },
  { code: 'wrong_address', nameZh: '地址信息错误', nameEn: 'Wrong address information' },
  { code: 'system', nameZh: '系统原因', nameEn: 'System' },
  { code: 'third_party', nameZh: '第三方原因', nameEn: 'Third party' },
  { code: 'other_cause', nameZh: '其他', nameEn: 'Other' },
];

/**
 * Which team an exception ticket goes to, by department code (demo/seed.ts). Customer-facing
 * follow-up (tell the customer first, 主动告知) is the call centre's; damage and loss go straight
 * to claims. A code a company does not have leaves the ticket without a team.
 */
export const DEFAULT_EXCEPTION_ROUTING: Record<ExceptionKind, string> = {
  delayed: 'CS-CALL',
  stalled: 'CS-CALL',
  lost: 'CLAIMS',
  damaged: 'CLAIMS',
  refused: 'CS-CALL',
  undeliverable: 'CS-CALL',
  returned: 'CS-CALL',
  not_collected: 'CS-CALL',
};

type Trx = Transaction<DB>;

async function isEmpty(trx: Trx, table: 'ticket_codes' | 'standard_phrases' | 'forbidden_phrases' | 'calendar_days' | 'sla_policies') {
  const row = await trx.selectFrom(table).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst();
  return row === undefined;
}

async function seedTicketCodes(trx: Trx): Promise<void> {
  if (!(await isEmpty(trx, 'ticket_codes'))) return;
  const rows = (kind: 'category' | 'cause', list: typeof DEFAULT_TICKET_CATEGORIES) =>
    list.map((c, i) => ({ code: c.code, kind, name_zh: c.nameZh, name_en: c.nameEn, sort: (i + 1) * 10 }));
  await trx
    .insertInto('ticket_codes')
    .values([...rows('category', DEFAULT_TICKET_CATEGORIES), ...rows('cause', DEFAULT_TICKET_CAUSES)])
    .execute();
}

async function seedPhrases(trx: Trx): Promise<void> {
  if (await isEmpty(trx, 'standard_phrases')) {
    await trx
      .insertInto('standard_phrases')
      .values(STANDARD_PHRASES.map((p, sort) => ({ key: p.key, situation: p.situation, title: p.title, text: p.text, source: p.source, sort })))
      .execute();
  }
  if (await isEmpty(trx, 'forbidden_phrases')) {
    // The catalog has one entry per phrase; should two ever normalise alike, the first one stays.
    const seen = new Set<string>();
    const rows = FORBIDDEN_PHRASES.flatMap((p) => {
      const normalized = normalizePhrase(p.phrase);
      if (normalized === '' || seen.has(normalized)) return [];
      seen.add(normalized);
      return [{ phrase: p.phrase, normalized, category: p.category, match: p.match, source: p.source }];
    });
    await trx.insertInto('forbidden_phrases').values(rows).execute();
  }
}

async function seedCalendarDays(trx: Trx): Promise<void> {
  if (!(await isEmpty(trx, 'calendar_days'))) return;
  const rows = CHINA_PUBLIC_HOLIDAYS.flatMap((year) => [
    ...year.holidays.map((d) => ({ date: d.date, kind: 'holiday', name: d.name, source: year.source })),
    ...year.workdays.map((d) => ({ date: d.date, kind: 'workday', name: d.name, source: year.source })),
  ]);
  await trx
    .insertInto('calendar_days')
    .values(rows)
    .onConflict((oc) => oc.column('date').doNothing())
    .execute();
}

async function seedSettings(trx: Trx, timeZone: string): Promise<void> {
  const defaults: Record<string, object> = {
    [SETTING_KEYS.businessCalendar]: {
      timeZone,
      workingHours: DEFAULT_BUSINESS_CALENDAR.workingHours,
      callbackHours: DEFAULT_BUSINESS_CALENDAR.callbackHours,
    },
    // 客服用语规范 §六 1 "严禁使用服务忌语": a reply with a forbidden phrase is stopped by default.
    [SETTING_KEYS.phraseGuard]: { mode: 'block' },
    [SETTING_KEYS.exceptionRouting]: DEFAULT_EXCEPTION_ROUTING,
  };
  await trx
    .insertInto('settings')
    .values(Object.entries(defaults).map(([key, value]) => ({ key, value: JSON.stringify(value), updated_by: 'system' })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

async function seedSlaPolicy(trx: Trx): Promise<void> {
  if (!(await isEmpty(trx, 'sla_policies'))) return;
  await trx
    .insertInto('sla_policies')
    .values({ version: 1, policy: JSON.stringify(DEFAULT_SLA_POLICY), note: DEFAULT_POLICY_NOTE, created_by: 'system' })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/** Writes whatever reference data is still missing; safe to run on every start. */
export async function seedReferenceData(db: Kysely<DB>, options: { timeZone?: string } = {}): Promise<void> {
  const timeZone = options.timeZone ?? DEFAULT_BUSINESS_CALENDAR.timeZone;
  await db.transaction().execute(async (trx) => {
    await seedTicketCodes(trx);
    await seedPhrases(trx);
    await seedCalendarDays(trx);
    await seedSettings(trx, timeZone);
    await seedSlaPolicy(trx);
    await seedServiceCatalogs(trx);
  });
}
