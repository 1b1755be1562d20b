/**
 * Reference data as admins and managers edit it (docs/product.md §2 "Both lists are data, editable by
 * admins", §7 "all configurable, versioned, each with its source"), and as agents read it: the
 * ticket codes, the reply box's templates and its live forbidden-phrase check.
 *
 * Every change is audited in its own transaction; the per-process cache is dropped after the
 * commit, so the next reply is checked against the new list.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorLabel, type RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { POLICY_NOTE_MIN } from '../../domain/limits.js';
import { guardReply, normalizePhrase } from '../../domain/phrases/guard.js';
import { validateTemplate } from '../../domain/phrases/template.js';
import { validateCalendar, type BusinessCalendar } from '../../domain/sla/calendar.js';
import { DEFAULT_SLA_POLICY, validateSlaPolicy, type SlaPolicy } from '../../domain/sla/policy.js';
import { calendarProblems, slaPolicyProblems } from '../../domain/sla/usable.js';
import { DEFAULT_POLICY_NOTE } from '../../domain/time-limits/policy.js';
import { audit } from '../audit/service.js';
import type { ReferenceData } from './cache.js';
import {
  presentAdminStandardPhrase,
  presentAdminTicketCode,
  presentCalendarDay,
  presentForbiddenPhrase,
  presentPhraseHit,
  presentSlaPolicyVersion,
  presentStandardPhrase,
  presentTicketCode,
} from './presenter.js';
import * as repo from './repository.js';
import type {
  AdminForbiddenPhrase,
  AdminStandardPhrase,
  AdminTicketCode,
  CalendarDay,
  CalendarDayBody,
  CalendarSettings,
  ChangeSlaPolicyBody,
  CreateForbiddenPhraseBody,
  CreateStandardPhraseBody,
  CreateTicketCodeBody,
  SlaPolicyView,
  UpdateForbiddenPhraseBody,
  UpdateStandardPhraseBody,
  UpdateTicketCodeBody,
} from './schemas.js';
import { SETTING_KEYS } from './seed.js';
import { inTransaction } from '../../db/transaction.js';

const who = (ctx: RequestContext) => (ctx.actor ? actorLabel(ctx.actor) : 'system');

/** Field by field, what an edit changed (for the audit entry). */
function changes<T extends object>(before: T, after: T, fields: readonly (keyof T)[]): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (before[field] !== after[field]) changed[String(field)] = { from: before[field], to: after[field] };
  }
  return changed;
}

// ---- Ticket codes (工单分类 / 原因代码) ----

/** The codes an agent may choose: active ones, categories first. */
export async function activeTicketCodes(db: Kysely<DB>) {
  return { items: (await repo.listTicketCodes(db, { activeOnly: true })).map(presentTicketCode) };
}

export async function allTicketCodes(db: Kysely<DB>) {
  return { items: (await repo.listTicketCodes(db, { activeOnly: false })).map(presentAdminTicketCode) };
}

/** Adds a category or cause code. Codes are never deleted: tickets keep them. */
export async function createTicketCode(db: Kysely<DB>, ctx: RequestContext, input: CreateTicketCodeBody): Promise<AdminTicketCode> {
  return inTransaction(db, async (trx) => {
    const sort = input.sort ?? (await repo.nextTicketCodeSort(trx, input.kind));
    const row = { code: input.code, kind: input.kind, name_zh: input.nameZh.trim(), name_en: input.nameEn.trim(), sort };
    if (!row.name_zh || !row.name_en) throw new AppError('VALIDATION_FAILED', { detail: 'nameZh, nameEn' });
    if (!(await repo.insertTicketCode(trx, row))) throw new AppError('TICKET_CODE_TAKEN', { code: input.code });
    const created = presentAdminTicketCode((await repo.findTicketCode(trx, input.code))!);
    await audit(trx, ctx, { action: 'ticket_code.create', subjectType: 'ticket_code', subjectId: input.code, detail: { ...created } });
    return created;
  });
}

/** Renames, reorders, deactivates or reactivates a code. */
export async function updateTicketCode(
  db: Kysely<DB>,
  ctx: RequestContext,
  code: string,
  input: UpdateTicketCodeBody,
): Promise<AdminTicketCode> {
  return inTransaction(db, async (trx) => {
    const found = await repo.findTicketCode(trx, code);
    if (!found) throw new AppError('TICKET_CODE_NOT_FOUND');
    const before = presentAdminTicketCode(found);
    const nameZh = input.nameZh?.trim();
    const nameEn = input.nameEn?.trim();
    if (nameZh === '' || nameEn === '') throw new AppError('VALIDATION_FAILED', { detail: 'nameZh, nameEn' });
    await repo.updateTicketCode(trx, code, {
      ...(nameZh !== undefined && { name_zh: nameZh }),
      ...(nameEn !== undefined && { name_en: nameEn }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.sort !== undefined && { sort: input.sort }),
    });
    const after = presentAdminTicketCode((await repo.findTicketCode(trx, code))!);
    const diff = changes(before, after, ['nameZh', 'nameEn', 'active', 'sort']);
    if (Object.keys(diff).length) await audit(trx, ctx, { action: 'ticket_code.update', subjectType: 'ticket_code', subjectId: code, detail: diff });
    return after;
  });
}

// ---- Standard phrases (规范用语) ----

/** The reply box's templates: active phrases by situation, in each situation's order. */
export async function activeStandardPhrases(db: Kysely<DB>) {
  return { items: (await repo.listStandardPhrases(db, { activeOnly: true })).map(presentStandardPhrase) };
}

export async function allStandardPhrases(db: Kysely<DB>) {
  return { items: (await repo.listStandardPhrases(db, { activeOnly: false })).map(presentAdminStandardPhrase) };
}

/**
 * A standard phrase must be a valid template (known placeholders, balanced braces) and must not
 * itself contain a forbidden phrase: the library may not teach what the guard stops.
 */
async function checkPhraseText(db: Kysely<DB>, reference: ReferenceData, text: string): Promise<void> {
  const errors = validateTemplate(text);
  if (errors.length) throw new AppError('PHRASE_INVALID', { detail: errors.join('; ') });
  const { hits } = guardReply(text, await reference.forbidden(db), 'block');
  if (hits.length) {
    throw new AppError('PHRASE_INVALID', { detail: `contains forbidden phrases: ${[...new Set(hits.map((h) => h.phrase))].join(', ')}` });
  }
}

/** `<situation>.<n>`, n one more than the highest in use for that prefix. */
function nextPhraseKey(keys: string[], situation: string): string {
  let highest = 0;
  for (const key of keys) {
    if (!key.startsWith(`${situation}.`)) continue;
    const n = Number(key.slice(situation.length + 1));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return `${situation}.${highest + 1}`;
}

export async function createStandardPhrase(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  input: CreateStandardPhraseBody,
): Promise<AdminStandardPhrase> {
  const title = input.title.trim();
  const text = input.text.trim();
  if (!title) throw new AppError('PHRASE_INVALID', { detail: 'title is empty' });
  await checkPhraseText(db, reference, text);
  return inTransaction(db, async (trx) => {
    const key = nextPhraseKey(await repo.standardPhraseKeys(trx), input.situation);
    const sort = input.sort ?? (await repo.nextStandardPhraseSort(trx, input.situation));
    const id = await repo.insertStandardPhrase(trx, { key, situation: input.situation, title, text, source: input.source?.trim() ?? '', sort });
    const created = presentAdminStandardPhrase((await repo.findStandardPhrase(trx, id))!);
    await audit(trx, ctx, {
      action: 'standard_phrase.create',
      subjectType: 'standard_phrase',
      subjectId: id,
      detail: { key, situation: created.situation, title, text },
    });
    return created;
  });
}

export async function updateStandardPhrase(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  id: string,
  input: UpdateStandardPhraseBody,
): Promise<AdminStandardPhrase> {
  const title = input.title?.trim();
  const text = input.text?.trim();
  if (title === '') throw new AppError('PHRASE_INVALID', { detail: 'title is empty' });
  if (text !== undefined) await checkPhraseText(db, reference, text);
  return inTransaction(db, async (trx) => {
    const found = await repo.findStandardPhrase(trx, id);
    if (!found) throw new AppError('PHRASE_NOT_FOUND');
    const before = presentAdminStandardPhrase(found);
    await repo.updateStandardPhrase(trx, id, {
      ...(input.situation !== undefined && { situation: input.situation }),
      ...(title !== undefined && { title }),
      ...(text !== undefined && { text }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.sort !== undefined && { sort: input.sort }),
    });
    const after = presentAdminStandardPhrase((await repo.findStandardPhrase(trx, id))!);
    const diff = changes(before, after, ['situation', 'title', 'text', 'active', 'sort']);
    if (Object.keys(diff).length) {
      await audit(trx, ctx, { action: 'standard_phrase.update', subjectType: 'standard_phrase', subjectId: id, detail: { key: after.key, ...diff } });
    }
    return after;
  });
}

// ---- Forbidden phrases (服务忌语) and the guard ----

export async function allForbiddenPhrases(db: Kysely<DB>) {
  return { items: (await repo.listForbiddenPhrases(db, { activeOnly: false })).map(presentForbiddenPhrase) };
}

/** The normal form of a phrase an admin typed; a phrase of only spaces and punctuation can never match. */
function normalizedOrRefuse(phrase: string): string {
  const normalized = normalizePhrase(phrase);
  if (normalized === '') throw new AppError('PHRASE_INVALID', { detail: 'nothing is left once spaces and punctuation are removed' });
  return normalized;
}

export async function createForbiddenPhrase(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  input: CreateForbiddenPhraseBody,
): Promise<AdminForbiddenPhrase> {
  const phrase = input.phrase.trim();
  const normalized = normalizedOrRefuse(phrase);
  const created = await inTransaction(db, async (trx) => {
    const id = await repo.insertForbiddenPhrase(trx, { phrase, normalized, category: input.category, match: input.match, source: input.source?.trim() ?? '' });
    // Compared in normal form: "你有完没完！" and "你 有完没完" are the same phrase.
    if (!id) throw new AppError('PHRASE_DUPLICATE');
    const row = presentForbiddenPhrase((await repo.findForbiddenPhrase(trx, id))!);
    await audit(trx, ctx, {
      action: 'forbidden_phrase.create',
      subjectType: 'forbidden_phrase',
      subjectId: id,
      detail: { phrase, category: row.category, match: row.match },
    });
    return row;
  });
  reference.invalidate();
  return created;
}

export async function updateForbiddenPhrase(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  id: string,
  input: UpdateForbiddenPhraseBody,
): Promise<AdminForbiddenPhrase> {
  const phrase = input.phrase?.trim();
  const normalized = phrase === undefined ? undefined : normalizedOrRefuse(phrase);
  const updated = await inTransaction(db, async (trx) => {
    const found = await repo.findForbiddenPhrase(trx, id);
    if (!found) throw new AppError('PHRASE_NOT_FOUND');
    if (normalized !== undefined) {
      const same = await repo.findForbiddenByNormalized(trx, normalized);
      if (same && same.id !== id) throw new AppError('PHRASE_DUPLICATE');
    }
    const before = presentForbiddenPhrase(found);
    await repo.updateForbiddenPhrase(trx, id, {
      ...(phrase !== undefined && { phrase, normalized }),
      ...(input.category !== undefined && { category: input.category }),
      ...(input.match !== undefined && { match: input.match }),
      ...(input.active !== undefined && { active: input.active }),
    });
    const after = presentForbiddenPhrase((await repo.findForbiddenPhrase(trx, id))!);
    const diff = changes(before, after, ['phrase', 'category', 'match', 'active']);
    if (Object.keys(diff).length) {
      await audit(trx, ctx, { action: 'forbidden_phrase.update', subjectType: 'forbidden_phrase', subjectId: id, detail: { phrase: after.phrase, ...diff } });
    }
    return after;
  });
  reference.invalidate();
  return updated;
}

export async function phraseGuardSetting(db: Kysely<DB>, reference: ReferenceData) {
  return { mode: await reference.guardMode(db) };
}

/** block: a reply with a forbidden phrase is not sent; warn: it is, and the hits are shown and kept. */
export async function setPhraseGuardMode(db: Kysely<DB>, reference: ReferenceData, ctx: RequestContext, mode: 'block' | 'warn') {
  const before = await reference.guardMode(db);
  await inTransaction(db, async (trx) => {
    await repo.writeSetting(trx, SETTING_KEYS.phraseGuard, { mode }, who(ctx));
    await audit(trx, ctx, { action: 'phrase_guard.update', subjectType: 'setting', subjectId: SETTING_KEYS.phraseGuard, detail: { mode: { from: before, to: mode } } });
  });
  reference.invalidate();
  return { mode };
}

/**
 * The live check the reply box calls while the agent types: where the forbidden phrases are and
 * whether the reply could be sent. Records nothing; the send itself records the hits.
 */
export async function checkReply(db: Kysely<DB>, reference: ReferenceData, text: string) {
  const [phrases, mode] = await Promise.all([reference.forbidden(db), reference.guardMode(db)]);
  return { mode, ...guardReply(text, phrases, mode) };
}

// ---- Phrase hits (质检) ----

export async function phraseHits(db: Kysely<DB>, query: { userId?: string | undefined; limit: number; offset: number }) {
  const { rows, total } = await repo.findPhraseHits(db, query);
  return { items: rows.map(presentPhraseHit), total };
}

// ---- Business calendar ----

export async function calendarSettings(db: Kysely<DB>, reference: ReferenceData): Promise<CalendarSettings> {
  const calendar = await reference.calendar(db);
  return { timeZone: calendar.timeZone, workingHours: [...calendar.workingHours], callbackHours: [...calendar.callbackHours] };
}

/** Time zone, working hours and callback hours; every SLA clock counts in them from now on. */
export async function setCalendarSettings(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  input: CalendarSettings,
): Promise<CalendarSettings> {
  const checked = validateCalendar({ ...input, holidays: [], workdays: [] });
  if (!checked.ok) throw new AppError('CALENDAR_INVALID', { detail: checked.errors.join('; ') });
  const value = { timeZone: checked.calendar.timeZone, workingHours: checked.calendar.workingHours, callbackHours: checked.calendar.callbackHours };
  const current = await reference.calendar(db);
  await proveCalendarUsable(db, reference, { ...current, ...value });
  const before = await calendarSettings(db, reference);
  await inTransaction(db, async (trx) => {
    await repo.writeSetting(trx, SETTING_KEYS.businessCalendar, value, who(ctx));
    await audit(trx, ctx, { action: 'calendar.update', subjectType: 'setting', subjectId: SETTING_KEYS.businessCalendar, detail: { from: before, to: value } });
  });
  reference.invalidate();
  return value;
}

export async function calendarDays(db: Kysely<DB>, year: number | undefined) {
  const [rows, years] = await Promise.all([repo.listCalendarDays(db, year), repo.calendarYears(db)]);
  return { items: rows.map(presentCalendarDay), years };
}

/** Years a special day may fall in: the years the calendar lists (CalendarDayQuery) and the clocks reach. */
const CALENDAR_YEARS = { first: 2000, last: 2100 };

/** A real date of the Gregorian calendar (the pattern lets 2026-02-30 through), in the years the calendar covers. */
function checkDate(date: string, { inRange = true } = {}): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new AppError('CALENDAR_INVALID', { detail: `${date} is not a date` });
  }
  const year = parsed.getUTCFullYear();
  if (inRange && (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last)) {
    throw new AppError('CALENDAR_INVALID', { detail: `${date} is outside the years ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}` });
  }
}

/**
 * A calendar is proven before it is stored: the SLA policy in force must still produce its clocks
 * under it, from now (issue 14, defect 4), and business time and callback slots must be findable.
 */
async function proveCalendarUsable(db: Kysely<DB>, reference: ReferenceData, calendar: BusinessCalendar): Promise<void> {
  const now = new Date();
  const problems = [...calendarProblems(calendar, now), ...slaPolicyProblems((await reference.slaPolicy(db)).policy, calendar, now)];
  if (problems.length > 0) throw new AppError('CALENDAR_INVALID', { detail: problems.join('; ') });
}

/** Marks a day as a holiday or a worked weekend day (调休上班), e.g. from next year's State Council notice. */
export async function putCalendarDay(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  date: string,
  input: CalendarDayBody,
): Promise<CalendarDay> {
  checkDate(date);
  const name = input.name.trim();
  if (!name) throw new AppError('CALENDAR_INVALID', { detail: 'name is empty' });
  const current = await reference.calendar(db);
  const others = (dates: readonly string[]) => dates.filter((d) => d !== date);
  await proveCalendarUsable(db, reference, {
    ...current,
    holidays: input.kind === 'holiday' ? [...others(current.holidays), date] : others(current.holidays),
    workdays: input.kind === 'workday' ? [...others(current.workdays), date] : others(current.workdays),
  });
  const day = await inTransaction(db, async (trx) => {
    const before = await repo.findCalendarDay(trx, date);
    await repo.upsertCalendarDay(trx, { date, kind: input.kind, name, source: input.source?.trim() ?? before?.source ?? '' });
    const after = presentCalendarDay((await repo.findCalendarDay(trx, date))!);
    await audit(trx, ctx, {
      action: 'calendar_day.put',
      subjectType: 'calendar_day',
      subjectId: date,
      detail: { from: before ? presentCalendarDay(before) : null, to: after },
    });
    return after;
  });
  reference.invalidate();
  return day;
}

/** The day becomes an ordinary day of the week again. */
export async function deleteCalendarDay(db: Kysely<DB>, reference: ReferenceData, ctx: RequestContext, date: string): Promise<void> {
  // A day stored before the years were bounded can still be removed.
  checkDate(date, { inRange: false });
  await inTransaction(db, async (trx) => {
    const before = await repo.findCalendarDay(trx, date);
    if (!before || !(await repo.deleteCalendarDay(trx, date))) throw new AppError('CALENDAR_DAY_NOT_FOUND');
    await audit(trx, ctx, { action: 'calendar_day.delete', subjectType: 'calendar_day', subjectId: date, detail: { from: presentCalendarDay(before) } });
  });
  reference.invalidate();
}

// ---- SLA policy ----

/** The policy in force, with every version (newest first). */
export async function slaPolicyView(db: Kysely<DB>): Promise<SlaPolicyView> {
  let current = await repo.latestSlaPolicy(db);
  if (!current) {
    // The seed writes version 1; a database that skipped it gets the defaults now.
    await repo.insertSlaPolicy(db, { version: 1, policy: DEFAULT_SLA_POLICY, note: DEFAULT_POLICY_NOTE, createdBy: 'system' });
    current = (await repo.latestSlaPolicy(db))!;
  }
  const versions = await repo.listSlaPolicyVersions(db);
  return { ...presentSlaPolicyVersion(current), policy: current.policy as unknown as SlaPolicy, versions: versions.map(presentSlaPolicyVersion) };
}

export async function slaPolicyVersion(db: Kysely<DB>, version: number) {
  const row = await repo.findSlaPolicy(db, version);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...presentSlaPolicyVersion(row), policy: row.policy as unknown as SlaPolicy };
}

/**
 * Saves the policy as a new version; no version is ever edited, so a ticket's clocks can always
 * say which rules they ran under. The statutory complaint ceiling (《快递暂行条例》 7 days) and a
 * base rule per ticket kind are enforced by validateSlaPolicy.
 */
export async function changeSlaPolicy(
  db: Kysely<DB>,
  reference: ReferenceData,
  ctx: RequestContext,
  input: ChangeSlaPolicyBody,
): Promise<SlaPolicyView> {
  const note = input.note.trim();
  const errors: string[] = [];
  if (note.length < POLICY_NOTE_MIN) errors.push(`note must say why the policy changes (at least ${POLICY_NOTE_MIN} characters)`);
  const checked = validateSlaPolicy(input.policy);
  if (!checked.ok) errors.push(...checked.errors);
  // Proven usable before it is stored: every target yields a clock under the company calendar (issue 14, defect 4).
  else errors.push(...slaPolicyProblems(checked.policy, await reference.calendar(db), new Date()));
  if (errors.length || !checked.ok) throw new AppError('POLICY_INVALID', { detail: errors.join('; ') });
  await inTransaction(db, async (trx) => {
    const current = await repo.latestSlaPolicy(trx);
    // An admin who edited an older version would undo what was saved since: asked to reload instead.
    if ((current?.version ?? 0) !== input.baseVersion) throw new AppError('CONFLICT_STALE_VERSION');
    const version = (current?.version ?? 0) + 1;
    // Two admins saving at once: the second finds the number taken and is asked to reload.
    if (!(await repo.insertSlaPolicy(trx, { version, policy: checked.policy, note, createdBy: who(ctx) }))) {
      throw new AppError('CONFLICT_STALE_VERSION');
    }
    await audit(trx, ctx, {
      action: 'sla_policy.change',
      subjectType: 'sla_policy',
      subjectId: String(version),
      detail: { fromVersion: current?.version ?? null, version, note },
    });
  });
  reference.invalidate();
  return slaPolicyView(db);
}

/** A company setting as stored, for other modules' documents (the monthly report's `report.carrier`: name and hotline). */
export { readSetting } from './repository.js';
