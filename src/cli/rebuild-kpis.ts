/**
 * Recomputes the daily KPI facts of a period from the raw records (after a deployment, an
 * import, a correction, or a reorganisation that moved people between departments):
 *   npm run kpis:rebuild -- --from 2026-11-01 --to 2026-11-30
 * (the database of DATABASE_URL, else DATA_DIR's PGlite). Days are company-zone dates (TZ_COMPANY).
 * It may run while the server's rollup job runs: both take each day's lock.
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { rebuildKpiFacts } from '../modules/kpis/rollup.js';
import { consoleIo, parseFlags, UsageError } from './args.js';

const USAGE = 'usage: npm run kpis:rebuild -- --from YYYY-MM-DD --to YYYY-MM-DD';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function period(argv: string[]): { from: string; to: string } {
  const { values } = parseFlags(argv, { from: { type: 'string' }, to: { type: 'string' } });
  const { from, to } = values;
  if (!from || !to || !DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new UsageError('--from and --to are dates YYYY-MM-DD');
  if (from > to) throw new UsageError('--from is after --to');
  return { from, to };
}

let wanted: { from: string; to: string };
try {
  wanted = period(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  consoleIo.err(`${err.message}\n${USAGE}`);
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  const result = await rebuildKpiFacts(database.db, wanted.from, wanted.to, config.timeZone);
  consoleIo.out(JSON.stringify({ ...wanted, ...result, seconds: Math.round((performance.now() - started) / 100) / 10 }));
} finally {
  await database.close();
}
