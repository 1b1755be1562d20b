/**
 * Kysely queries for the reference data admins edit: ticket codes, the phrase library, phrase
 * hits, the business calendar, SLA policy versions and company settings. No rules, no HTTP.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { FORBIDDEN_CATEGORIES, PHRASE_SITUATIONS } from '../../domain/phrases/catalog.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---- Ticket codes (categories and causes) ----

export function listTicketCodes(db: Db, options: { activeOnly: boolean }) {
  let query = db.selectFrom('ticket_codes').selectAll();
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.orderBy('kind').orderBy('sort').orderBy('code').execute();
}

export type TicketCodeRow = Awaited<ReturnType<typeof listTicketCodes>>[number];

export function findTicketCode(db: Db, code: string) {
  return db.selectFrom('ticket_codes').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts a code; false when the code is taken (by either kind). */
export async function insertTicketCode(
  db: Db,
  row: { code: string; kind: string; name_zh: string; name_en: string; sort: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto('ticket_codes')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function nextTicketCodeSort(db: Db, kind: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_codes')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .where('kind', '=', kind)
    .executeTakeFirst();
  return (row?.sort ?? 0) + 10;
}

export async function updateTicketCode(
  db: Db,
  code: string,
  changes: { name_zh?: string; name_en?: string; active?: boolean; sort?: number },
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('ticket_codes').set(changes).where('code', '=', code).execute();
}

// ---- Standard phrases (规范用语) ----

export function listStandardPhrases(db: Db, options: { activeOnly: boolean }) {
  let query = db.selectFrom('standard_phrases').selectAll();
  if (options.activeOnly) query = query.where('active', '=', true);
  // Situations in the library's own order (greeting first), not alphabetically.
  return query
    .orderBy(sql`array_position(${[...PHRASE_SITUATIONS]}::text[], situation)`)
    .orderBy('situation')
    .orderBy('sort')
    .orderBy('key')
    .execute();
}

export type StandardPhraseRow = Awaited<ReturnType<typeof listStandardPhrases>>[number];

export function findStandardPhrase(db: Db, id: string) {
  return db.selectFrom('standard_phrases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every key in use ('complaint.1', 'complaint.2' …), to number a new phrase. A few dozen rows. */
export async function standardPhraseKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('standard_phrases').select('key').execute();
  return rows.map((r) => r.key);
}

export async function nextStandardPhraseSort(db: Db, situation: string): Promise<number> {
  const row = await db
    .selectFrom('standard_phrases')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .where('situation', '=', situation)
    .executeTakeFirst();
  return (row?.sort ?? -1) + 1;
}

export async function insertStandardPhrase(
  db: Db,
  row: { key: string; situation: string; title: string; text: string; source: string; sort: number },
): Promise<string> {
  const inserted = await db.insertInto('standard_phrases').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateStandardPhrase(
  db: Db,
  id: string,
  changes: { situation?: string; title?: string; text?: string; active?: boolean; sort?: number },
): Promise<void> {
  await db
    .updateTable('standard_phrases')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- Forbidden phrases (服务忌语) ----

export function listForbiddenPhrases(db: Db, options: { activeOnly: boolean }) {
  let query = db.selectFrom('forbidden_phrases').selectAll();
  if (options.activeOnly) query = query.where('active', '=', true);
  // Categories in the catalog's order; a stable order matters, as the guard lets an earlier entry win ties.
  return query
    .orderBy(sql`array_position(${[...FORBIDDEN_CATEGORIES]}::text[], category)`)
    .orderBy('category')
    .orderBy('phrase')
    .orderBy('id')
    .execute();
}

export type ForbiddenPhraseRow = Awaited<ReturnType<typeof listForbiddenPhrases>>[number];

export function findForbiddenPhrase(db: Db, id: string) {
  return db.selectFrom('forbidden_phrases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The phrase stored under a normal form, if any (the normal form is unique). */
export function findForbiddenByNormalized(db: Db, normalized: string) {
  return db.selectFrom('forbidden_phrases').select(['id', 'phrase']).where('normalized', '=', normalized).executeTakeFirst();
}

/** Inserts a phrase; undefined when its normal form is already listed (the column is unique). */
export async function insertForbiddenPhrase(
  db: Db,
  row: { phrase: string; normalized: string; category: string; match: string; source: string },
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('forbidden_phrases')
    .values(row)
    .onConflict((oc) => oc.column('normalized').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function updateForbiddenPhrase(
  db: Db,
  id: string,
  changes: { phrase?: string; normalized?: string; category?: string; match?: string; active?: boolean },
): Promise<void> {
  await db
    .updateTable('forbidden_phrases')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- Phrase hits (质检) ----

export async function findPhraseHits(db: Db, query: { userId?: string | undefined; limit: number; offset: number }) {
  let base = db.selectFrom('phrase_hits');
  if (query.userId) base = base.where('phrase_hits.user_id', '=', query.userId);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users', 'users.id', 'phrase_hits.user_id')
      .leftJoin('tickets', 'tickets.id', 'phrase_hits.ticket_id')
      .select([
        sql<string>`phrase_hits.id::text`.as('id'),
        'phrase_hits.at',
        'phrase_hits.user_id',
        'users.display_name as user_name',
        'phrase_hits.ticket_id',
        // bigint: text on every driver, turned into a number by the presenter
        sql<string | null>`tickets.number::text`.as('ticket_number'),
        'phrase_hits.phrase',
        'phrase_hits.category',
        'phrase_hits.excerpt',
        'phrase_hits.blocked',
      ])
      .orderBy('phrase_hits.at', 'desc')
      .orderBy('phrase_hits.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export type PhraseHitRow = Awaited<ReturnType<typeof findPhraseHits>>['rows'][number];

// ---- Business calendar ----

/** `date` is read as text: drivers parse the `date` type differently (a Date at local midnight…). */
const dayColumns = [sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'name', 'source'] as const;

export function listCalendarDays(db: Db, year?: number) {
  let query = db.selectFrom('calendar_days').select([...dayColumns]);
  if (year !== undefined) query = query.where('date', '>=', `${year}-01-01`).where('date', '<', `${year + 1}-01-01`);
  return query.orderBy('calendar_days.date').execute();
}

export type CalendarDayRow = Awaited<ReturnType<typeof listCalendarDays>>[number];

export function findCalendarDay(db: Db, date: string) {
  return db.selectFrom('calendar_days').select([...dayColumns]).where('date', '=', date).executeTakeFirst();
}

export async function calendarYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select(sql<number>`cast(extract(year from date) as integer)`.as('year'))
    .distinct()
    .orderBy('year')
    .execute();
  return rows.map((r) => Number(r.year));
}

export async function upsertCalendarDay(db: Db, day: { date: string; kind: string; name: string; source: string }): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values(day)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name, source: day.source }))
    .execute();
}

export async function deleteCalendarDay(db: Db, date: string): Promise<boolean> {
  const result = await db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// ---- SLA policy versions ----

export function latestSlaPolicy(db: Db) {
  return db.selectFrom('sla_policies').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function findSlaPolicy(db: Db, version: number) {
  return db.selectFrom('sla_policies').selectAll().where('version', '=', version).executeTakeFirst();
}

export function listSlaPolicyVersions(db: Db) {
  return db
    .selectFrom('sla_policies')
    .select(['version', 'note', 'created_by', 'created_at'])
    .orderBy('version', 'desc')
    .execute();
}

/** Adds a version; false when that version number was taken meanwhile (a concurrent change). */
export async function insertSlaPolicy(
  db: Db,
  row: { version: number; policy: unknown; note: string; createdBy: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('sla_policies')
    .values({ version: row.version, policy: JSON.stringify(row.policy), note: row.note, created_by: row.createdBy })
    .onConflict((oc) => oc.column('version').doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

// ---- Settings ----

export async function readSetting(db: Db, key: string): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: object, updatedBy: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_by: updatedBy })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: updatedBy, updated_at: new Date() }))
    .execute();
}
