/**
 * What every browser test starts from: a server started the way `npm start` does (on its own
 * PGlite folder, demo company seeded, jobs off unless asked), Chromium from the machine, and a
 * staff sign-in over HTTP for the set-up calls a test makes before the browser takes over.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig, type Config } from '../../src/config.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { startServer, type RunningServer } from '../../src/server.js';

export const SHOTS = path.resolve('.test-tmp/screenshots');

export interface BrowserStack {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserStack(config: Partial<Config> = {}): Promise<BrowserStack> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-browser-'));
  const server = await startServer({ ...loadConfig({}), port: 0, dataDir, jobsEnabled: false, ...config }, { logger: false });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A demo user's session cookie and CSRF header, for API calls during set-up. */
export async function staffHeaders(baseUrl: string, username: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${username}: HTTP ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
}
