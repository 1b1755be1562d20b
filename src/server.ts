/**
 * Starting and stopping ParcelDesk: open the database, migrate, seed the demo company on an empty
 * database, listen. Used by main.ts and by the browser tests, so both start it the same way.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoAccounts } from './demo/accounts.js';
import { seedDemoKpiTargets } from './demo/kpi-targets.js';
import { seedDemoReports } from './demo/reports.js';
import { seedDemoCompany } from './demo/seed.js';
import { seedDemoServiceOrders } from './demo/service-orders.js';
import { seedDemoQuality } from './demo/quality.js';
import { seedDemoSurveys } from './demo/surveys.js';
import { seedDemoTickets } from './demo/tickets.js';
import { seedDemoTraffic } from './demo/traffic.js';
import { rollupKpiChanges } from './modules/kpis/service.js';
import { buildApp } from './app.js';
import { exceptionLossClaims, startScheduler } from './jobs/scheduler.js';
import { defaultAdapters } from './modules/notifications/channels.js';
import { seedReferenceData } from './modules/reference/seed.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: { logger?: false } = {}): Promise<RunningServer> {
  const database = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
  );
  try {
    const applied = await migrateToLatest(database.db);
    await seedReferenceData(database.db, { timeZone: config.timeZone });
    const app = await buildApp({ config, database, ...options });
    if (applied.length) app.log.info({ applied }, 'migrations applied');
    const newDemo = config.seedDemo && (await seedDemoCompany(database.db));
    if (newDemo) app.log.info('demo company created');
    const jobs = config.jobsEnabled
      ? await startScheduler({ database, tracking: app.tracking, reference: app.reference, adapters: defaultAdapters(config), log: app.log }, config.timeZone)
      : null;
    const url = await app.listen({ host: config.host, port: config.port });
    if (newDemo) {
      const run = await seedDemoTraffic(database.db, url.replace('0.0.0.0', '127.0.0.1'));
      app.log.info({ shipments: run.shipments.registered, events: run.events.stored }, 'demo parcels created by the simulator');
      // The exception job's own loss claims: a demo parcel treated as lost gets its claim as in production.
      const lossClaims = exceptionLossClaims({ database, tracking: app.tracking, reference: app.reference }, config.timeZone);
      const demo = await seedDemoTickets(database.db, app.reference, url.replace('0.0.0.0', '127.0.0.1'), lossClaims);
      app.log.info(demo, 'demo tickets created');
      const surveys = await seedDemoSurveys(database.db, { publicBaseUrl: config.publicBaseUrl, timeZone: config.timeZone });
      app.log.info(surveys, 'demo survey sent and answered');
      // After the survey's customers, so their key accounts get planned callbacks too.
      const { keyAccountIds, ...accounts } = await seedDemoAccounts(database.db, app.reference);
      app.log.info(accounts, 'demo key accounts created');
      const reports = await seedDemoReports(database.db, { timeZone: config.timeZone, customerIds: keyAccountIds });
      app.log.info(reports, "demo key accounts' monthly reports made");
      const serviceOrders = await seedDemoServiceOrders(database.db, app.reference, config.timeZone);
      app.log.info(serviceOrders, 'demo work centers and service notifications created');
      const quality = await seedDemoQuality(database.db, app.reference, config.timeZone);
      app.log.info(quality, "demo quality checks: this week's sample and reviews");
      // The demo's month of history in the KPI facts now, so the dashboards show numbers at once
      // rather than after the rollup job's next run, against the demo's targets.
      const kpis = await rollupKpiChanges(database.db, config.timeZone);
      const targets = await seedDemoKpiTargets(database.db, config.timeZone);
      app.log.info({ days: kpis.days.length, ...targets }, 'demo KPI facts rolled up and targets set');
    }
    app.log.info({ database: database.kind }, `ParcelDesk is ready at ${url}`);
    return {
      app,
      database,
      url,
      // Stop taking requests, let the ones in flight finish, then close the database.
      stop: async () => {
        await app.close();
        await jobs?.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
