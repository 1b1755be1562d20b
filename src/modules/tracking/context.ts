/**
 * What tracking needs besides the database: the time-limit policy (versioned, cached per process)
 * and the company calendar. One per app.
 */
import type { Kysely, Transaction } from 'kysely';
import { claimPageUrl } from '../../domain/notifications/templates.js';
import type { DB } from '../../db/schema.js';
import { DEFAULT_POLICY_NOTE, DEFAULT_TIME_LIMIT_POLICY, type TimeLimitPolicy } from '../../domain/time-limits/policy.js';
import type { WorkingCalendar } from '../../domain/time-limits/working-days.js';

export interface ActivePolicy {
  version: number;
  rules: TimeLimitPolicy['rules'];
  retentionDays: number;
}

export interface TrackingContext {
  /** The policy in force now. */
  policy(db: Kysely<DB> | Transaction<DB>): Promise<ActivePolicy>;
  /** A policy version already loaded (every version a shipment names was in force once). */
  versioned(version: number): ActivePolicy | undefined;
  calendar: WorkingCalendar;
  /** Forget the cache after the policy changed. */
  reload(): void;
  /** the self-service claim page of a waybill, for the notices that invite or follow a claim (PUBLIC_BASE_URL) */
  claimLink?: (waybillNo: string) => string;
}

function activate(version: number, rules: TimeLimitPolicy['rules']): ActivePolicy {
  return { version, rules, retentionDays: rules.eventRetention.value };
}

export function createTrackingContext(options: {
  timeZone: string;
  /** the company's holidays and 调休 working days (admin-edited, cached by the caller) */
  days?: (db: Kysely<DB> | Transaction<DB>) => Promise<Pick<WorkingCalendar, 'holidays' | 'workdays'>>;
  /** where customers open the self-service pages (config PUBLIC_BASE_URL) */
  publicBaseUrl?: string;
}): TrackingContext {
  let current: ActivePolicy | null = null;
  const versions = new Map<number, ActivePolicy>();
  const context: TrackingContext = {
    calendar: { timeZone: options.timeZone, holidays: [], workdays: [] },
    versioned: (version) => versions.get(version),
    ...(options.publicBaseUrl ? { claimLink: (waybillNo: string) => claimPageUrl(options.publicBaseUrl!, waybillNo) } : {}),
    reload: () => {
      current = null;
    },
    async policy(db) {
      if (options.days) {
        // Working-day promises (港澳台, 国际) skip the holidays an admin keeps in the calendar.
        const days = await options.days(db);
        if (days.holidays !== context.calendar.holidays || days.workdays !== context.calendar.workdays) {
          context.calendar = { timeZone: options.timeZone, holidays: days.holidays, workdays: days.workdays };
        }
      }
      if (current) return current;
      const rows = await db.selectFrom('time_limit_policies').select(['version', 'rules']).orderBy('version').execute();
      if (rows.length === 0) {
        // First start: the defaults of docs/product.md §7 become version 1.
        await db
          .insertInto('time_limit_policies')
          .values({
            version: DEFAULT_TIME_LIMIT_POLICY.version,
            rules: JSON.stringify(DEFAULT_TIME_LIMIT_POLICY.rules),
            note: DEFAULT_POLICY_NOTE,
            created_by: 'system',
          })
          .onConflict((oc) => oc.column('version').doNothing())
          .execute();
        rows.push({ version: DEFAULT_TIME_LIMIT_POLICY.version, rules: DEFAULT_TIME_LIMIT_POLICY.rules as never });
      }
      for (const row of rows) versions.set(row.version, activate(row.version, row.rules as unknown as TimeLimitPolicy['rules']));
      current = versions.get(rows[rows.length - 1]!.version)!;
      return current;
    },
  };
  return context;
}
