/**
 * Once per run: start the server the way `npm start` does on an empty folder (migrations, the demo
 * company, its parcels, tickets, survey and key accounts), stop it, and keep the folder. Each
 * browser test file copies it instead of seeding the demo again (~6 s a file).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

export default async function setup(project: TestProject) {
  const dataDir = path.resolve('.test-tmp', `browser-demo-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const server = await startServer({ ...loadConfig({}), port: 0, dataDir, jobsEnabled: false }, { logger: false });
  await server.stop();
  project.provide('browserDemoDataDir', dataDir);
  return () => rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    browserDemoDataDir: string;
  }
}
