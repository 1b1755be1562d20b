/**
 * Reference data as the rest of the server reads it: the business calendar, the SLA policy in
 * force, the forbidden-phrase list, the phrase-guard mode and exception routing. Read on every
 * ticket change and every reply, edited rarely — so each piece is cached per process for a short
 * time (30 s by default) and an admin's change in this process drops the cache at once. Other
 * processes see the change when their copy runs out.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ForbiddenCategory, MatchMode } from '../../domain/phrases/catalog.js';
import type { GuardMode, GuardPhrase } from '../../domain/phrases/guard.js';
import { DEFAULT_BUSINESS_CALENDAR, validateCalendar, type BusinessCalendar } from '../../domain/sla/calendar.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../domain/sla/policy.js';
import { latestSlaPolicy, listCalendarDays, listForbiddenPhrases, readSetting } from './repository.js';
import { DEFAULT_EXCEPTION_ROUTING, SETTING_KEYS } from './seed.js';

export interface ActiveSlaPolicy {
  version: number;
  policy: SlaPolicy;
}

export interface ReferenceData {
  /** The company calendar: hours from the settings, holidays and 调休 working days from calendar_days. */
  calendar(db: Kysely<DB>): Promise<BusinessCalendar>;
  /** The newest SLA policy version. */
  slaPolicy(db: Kysely<DB>): Promise<ActiveSlaPolicy>;
  /**
   * Active forbidden phrases. The same array instance is returned until the list changes, so the
   * guard's compiled matcher (keyed by the array) is built once per list.
   */
  forbidden(db: Kysely<DB>): Promise<readonly GuardPhrase[]>;
  guardMode(db: Kysely<DB>): Promise<GuardMode>;
  /** Exception kind → department code of the team that takes the exception's ticket. */
  exceptionRouting(db: Kysely<DB>): Promise<Record<string, string>>;
  /** Forget everything: called after an admin changed reference data. */
  invalidate(): void;
}

interface Slot {
  value: Promise<unknown>;
  expires: number;
}

export function createReferenceData(options: { ttlMs?: number; timeZone?: string } = {}): ReferenceData {
  const ttlMs = options.ttlMs ?? 30_000;
  const slots = new Map<string, Slot>();
  // Bumped by invalidate(): a load that started before it must not refill the cache afterwards.
  let generation = 0;
  let lastForbidden: { json: string; list: readonly GuardPhrase[] } | null = null;

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const slot = slots.get(key);
    if (slot && slot.expires > Date.now()) return slot.value as Promise<T>;
    const started = generation;
    const value = load();
    slots.set(key, { value, expires: Date.now() + ttlMs });
    // A failed load is not remembered; the next caller tries again.
    value.catch(() => {
      if (started === generation && slots.get(key)?.value === value) slots.delete(key);
    });
    return value;
  }

  async function loadCalendar(db: Kysely<DB>): Promise<BusinessCalendar> {
    const [setting, days] = await Promise.all([readSetting(db, SETTING_KEYS.businessCalendar), listCalendarDays(db)]);
    const holidays = days.filter((d) => d.kind === 'holiday').map((d) => d.date);
    const workdays = days.filter((d) => d.kind === 'workday').map((d) => d.date);
    const checked = validateCalendar({
      timeZone: options.timeZone ?? DEFAULT_BUSINESS_CALENDAR.timeZone,
      workingHours: DEFAULT_BUSINESS_CALENDAR.workingHours,
      callbackHours: DEFAULT_BUSINESS_CALENDAR.callbackHours,
      ...setting,
      holidays,
      workdays,
    });
    if (checked.ok) return checked.calendar;
    // Only a hand-edited row gets here (the admin route validates): keep the clocks running on
    // the default hours rather than stopping every ticket.
    return {
      timeZone: options.timeZone ?? DEFAULT_BUSINESS_CALENDAR.timeZone,
      workingHours: [...DEFAULT_BUSINESS_CALENDAR.workingHours],
      callbackHours: [...DEFAULT_BUSINESS_CALENDAR.callbackHours],
      holidays,
      workdays,
    };
  }

  async function loadSlaPolicy(db: Kysely<DB>): Promise<ActiveSlaPolicy> {
    const row = await latestSlaPolicy(db);
    // The seed writes version 1; a database that skipped it runs on the defaults of docs/product.md §7.
    if (!row) return { version: 1, policy: DEFAULT_SLA_POLICY };
    return { version: row.version, policy: row.policy as unknown as SlaPolicy };
  }

  async function loadForbidden(db: Kysely<DB>): Promise<readonly GuardPhrase[]> {
    const rows = await listForbiddenPhrases(db, { activeOnly: true });
    const list = rows.map((r) => ({ phrase: r.phrase, category: r.category as ForbiddenCategory, match: r.match as MatchMode }));
    const json = JSON.stringify(list);
    // Unchanged after the time ran out: keep the old instance and its compiled matcher.
    if (lastForbidden?.json === json) return lastForbidden.list;
    lastForbidden = { json, list: Object.freeze(list) };
    return lastForbidden.list;
  }

  async function loadGuardMode(db: Kysely<DB>): Promise<GuardMode> {
    const setting = await readSetting(db, SETTING_KEYS.phraseGuard);
    return setting?.mode === 'warn' ? 'warn' : 'block';
  }

  async function loadExceptionRouting(db: Kysely<DB>): Promise<Record<string, string>> {
    const setting = await readSetting(db, SETTING_KEYS.exceptionRouting);
    if (!setting) return { ...DEFAULT_EXCEPTION_ROUTING };
    return Object.fromEntries(Object.entries(setting).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  return {
    calendar: (db) => cached('calendar', () => loadCalendar(db)),
    slaPolicy: (db) => cached('slaPolicy', () => loadSlaPolicy(db)),
    forbidden: (db) => cached('forbidden', () => loadForbidden(db)),
    guardMode: (db) => cached('guardMode', () => loadGuardMode(db)),
    exceptionRouting: (db) => cached('exceptionRouting', () => loadExceptionRouting(db)),
    invalidate: () => {
      generation += 1;
      slots.clear();
      lastForbidden = null;
    },
  };
}
