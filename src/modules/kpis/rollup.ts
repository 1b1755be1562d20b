/**
 * Keeping the daily KPI facts (docs/architecture.md, "KPIs: daily facts"): the incremental rollup
 * (job `kpi-rollup`) and the rebuild (`npm run kpis:rebuild`). Both restate whole company days
 * with the one statement `recomputeDay`, each day in its own transaction under the day's advisory
 * lock, days in ascending order (the lock order), so a rebuild and the job may run at once.
 *
 * Incremental: triggers on the sources append the instants a change touches to `kpi_changes`;
 * a run takes the oldest entries, restates the distinct company days they fall on and forgets
 * exactly those entries. A run's cost is the number of days changed times a day's records, read
 * through the instant indexes — never the whole of a source table.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { companyDay } from '../../domain/kpis/facts.js';
import { forgetChanges, lockDay, pendingChanges, recomputeDay } from './repository.js';

/** Change-log entries taken per round (each names a 15-minute bucket; a busy minute yields a few). */
const CHANGES_PER_ROUND = 5000;

async function restateDays(db: Kysely<DB>, days: readonly string[], timeZone: string): Promise<number> {
  let rows = 0;
  for (const day of [...days].sort()) {
    rows += await inTransaction(db, async (trx) => {
      await lockDay(trx, day);
      return recomputeDay(trx, day, timeZone);
    });
  }
  return rows;
}

/** The job: drain the change log, restating the company days it names. */
export async function rollupKpiChanges(db: Kysely<DB>, timeZone: string): Promise<{ changes: number; days: string[] }> {
  let changes = 0;
  const restated = new Set<string>();
  for (;;) {
    const pending = await pendingChanges(db, CHANGES_PER_ROUND);
    if (pending.length === 0) break;
    const days = [...new Set(pending.map((c) => companyDay(c.at, timeZone)))];
    await restateDays(db, days, timeZone);
    await forgetChanges(
      db,
      pending.map((c) => c.id),
    );
    changes += pending.length;
    for (const d of days) restated.add(d);
    if (pending.length < CHANGES_PER_ROUND) break;
  }
  return { changes, days: [...restated].sort() };
}

/** Every date from `from` to `to` (YYYY-MM-DD, both included). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The rebuild: restate every day of the period from the raw records. */
export async function rebuildKpiFacts(db: Kysely<DB>, from: string, to: string, timeZone: string): Promise<{ days: number; rows: number }> {
  const days = datesBetween(from, to);
  const rows = await restateDays(db, days, timeZone);
  return { days: days.length, rows };
}
