import { defineConfig } from 'vitest/config';

/**
 * One run covers everything: pure rules (unit), the HTTP API on PGlite and on a real PostgreSQL
 * (the same test files, two databases), and the console in Chromium (browser).
 */
const apiTests = ['test/http/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker less than the cores: one worker on a 2-core machine. Test files
    // wait on PostgreSQL, Chromium and HTTP much of the time, so two keep both cores busy.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'web/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'api-pglite',
          // Files share one module graph per worker: each builds its own app and database, and importing
          // the whole server again for every file cost more than the tests (340 s of 850).
          isolate: false,
          include: apiTests,
          env: { PD_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-pglite.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'api-postgres',
          // Files share one module graph per worker: each builds its own app and database, and importing
          // the whole server again for every file cost more than the tests (340 s of 850).
          isolate: false,
          include: apiTests,
          env: { PD_TEST_DB: 'postgres' },
          globalSetup: ['test/support/global-postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-browser.ts'],
          testTimeout: 90_000,
          // A page waits on the network and React; 1 s (vitest's default) is too short on a busy machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
