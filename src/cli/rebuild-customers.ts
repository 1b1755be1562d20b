/**
 * Rebuilds customers' habits, RFM segments and tiers from the raw shipments (after a first
 * deployment, an import, or a correction of shipments):
 *   npm run customers:rebuild            (the database of DATABASE_URL, else DATA_DIR's PGlite)
 * Tier changes are appended to the customers' timelines as the daily job does.
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { rebuildCustomerDerived } from '../modules/customers/derive.js';

const config = loadConfig();
const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  const result = await rebuildCustomerDerived(database.db, new Date(), config.timeZone);
  console.log(JSON.stringify({ ...result, seconds: Math.round((performance.now() - started) / 100) / 10 }));
} finally {
  await database.close();
}
