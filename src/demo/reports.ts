/**
 * Last month's monthly statistics reports (月度统计分析表) of the demo company's key accounts, so
 * their pages list one on first start: made by the scheduled job's own code
 * (`runScheduledMonthlyReports`), narrowed to the demo's accounts — they have months of parcels —
 * and stored as the job stores them. The demo's contacts have no e-mail address: nothing is sent.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { runScheduledMonthlyReports } from '../modules/reports/monthly/service.js';

export async function seedDemoReports(db: Kysely<DB>, options: { timeZone: string; customerIds: readonly string[] }, now = new Date()) {
  return runScheduledMonthlyReports({ db, timeZone: options.timeZone }, now, { customerIds: options.customerIds });
}
