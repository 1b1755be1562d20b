/**
 * What every browser test starts from: a server started the way `npm start` does (on its own
 * PGlite folder, demo company seeded, jobs off unless asked), Chromium from the machine, and a
 * staff sign-in over HTTP for the set-up calls a test makes before the browser takes over.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
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
  // The demo company as `npm start` seeded it once for the run (global-browser.ts): copied, not re-seeded.
  cpSync(inject('browserDemoDataDir'), dataDir, { recursive: true });
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

/** Signs a demo user in through the login page, as a person would. */
export async function signInPage(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="current-user"]');
}

/**
 * Clicks a dialog's button until the dialog closes. On a busy machine a click on a dialog still
 * opening (or on a list still sliding) can be lost; the next click is the person's second try.
 */
export async function clickUntilClosed(dialog: Locator, button: Locator, tries = 3): Promise<void> {
  await button.click();
  for (let i = 0; i < tries; i++) {
    if (await dialog.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false)) return;
    await button.click({ timeout: 3_000 }).catch(() => undefined);
  }
}
