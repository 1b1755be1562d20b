/**
 * Once per run: migrate a fresh PGlite, create the demo company, and dump the data folder. Each
 * test file then starts from that snapshot instead of paying for initdb and migrations again.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoCompany } from '../../src/demo/seed.js';
import { seedReferenceData } from '../../src/modules/reference/seed.js';

export default async function setup(project: TestProject) {
  const database = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  await seedDemoCompany(database.db);
  const dir = path.resolve('.test-tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-snapshot-${process.pid}.tar`);
  const snapshot = await database.dump!();
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', file);
  return () => rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplateUrl: string;
  }
}
