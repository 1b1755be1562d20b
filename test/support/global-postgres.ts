/**
 * Once per run: start a real PostgreSQL, migrate a template database and create the demo company
 * in it. Each test file clones the template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * PD_TEST_POSTGRES_URL points the suite at an existing server instead.
 */
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoCompany } from '../../src/demo/seed.js';
import { seedReferenceData } from '../../src/modules/reference/seed.js';
import { startPostgres } from './postgres-server.js';

export default async function setup(project: TestProject) {
  const external = process.env.PD_TEST_POSTGRES_URL;
  const server = external ? null : await startPostgres();
  const adminUrl = external ?? server!.url('postgres');
  const templateName = `pd_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateName}`);
  await admin.query(`create database ${templateName}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateName}`;
  const database = await openDatabase({ kind: 'postgres', url: templateUrl.toString() });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  await seedDemoCompany(database.db);
  await database.close();
  console.log(`[api-postgres] PostgreSQL ${server?.version ?? '(external)'} template ${templateName} ready`);

  project.provide('postgresTemplateUrl', templateUrl.toString());
  return async () => {
    if (server) await server.stop();
  };
}
