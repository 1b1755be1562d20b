/**
 * The first visit, as a person with an empty browser cache makes it: the sign-in page, the
 * workstation after signing in, and a customer's public tracking page. Times are printed (the
 * goal is 1.5 s on this machine; the suite runs other files beside this one, so the test asserts
 * what makes a first load fast, not the stopwatch): every script and style comes compressed and
 * cacheable for a year, and a public page neither asks who is signed in nor logs an error.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { startBrowserStack, type BrowserStack } from '../support/browser.js';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ logLevel: 'warn' });
});

afterAll(() => stack?.close());

interface Watched {
  page: Page;
  responses: Response[];
  consoleErrors: string[];
}

/** A fresh browser context: nothing cached, no cookies. */
async function coldPage(): Promise<Watched> {
  const context = await stack.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  const watched: Watched = { page, responses: [], consoleErrors: [] };
  page.on('response', (response) => watched.responses.push(response));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  return watched;
}

function assetsOf(watched: Watched): Response[] {
  return watched.responses.filter((r) => new URL(r.url()).pathname.startsWith('/assets/') && /\.(js|css)$/.test(r.url()));
}

async function expectCompressedAndCached(watched: Watched): Promise<void> {
  const assets = assetsOf(watched);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) {
    const headers = await asset.allHeaders();
    // The build compresses files of 1 KB and more; below that the headers outweigh the gain.
    const compressed = (await asset.body()).length >= 1024 ? 'br' : undefined;
    expect({ url: asset.url(), encoding: headers['content-encoding'] }).toEqual({ url: asset.url(), encoding: compressed });
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }
}

describe('first load with a cold cache', () => {
  it('the sign-in page and the workstation come compressed and long-cached', async () => {
    const watched = await coldPage();
    const { page } = watched;
    const start = Date.now();
    // An agent opens the workstation's address; the console sends them to sign in and back.
    await page.goto(`${stack.server.url}/workstation`);
    await page.waitForSelector('[data-testid="login-submit"]');
    const signInPage = Date.now() - start;
    // Nobody signed in yet is an answer, not an error: the browser's console stays clean.
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.responses.filter((r) => new URL(r.url()).pathname.startsWith('/api/') && r.status() >= 400).map((r) => r.url())).toEqual([]);

    await page.fill('#username', 'agent01');
    await page.fill('#password', DEMO_PASSWORD);
    const submitted = Date.now();
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="current-user"]');
    await page.waitForSelector('[data-testid="workstation-queue"] tr.ant-table-row');
    const workstation = Date.now() - submitted;
    console.log(`first load: sign-in page ${signInPage} ms, workstation after sign-in ${workstation} ms (cold cache; goal 1,500 ms each)`);

    const html = watched.responses.find((r) => new URL(r.url()).pathname === '/workstation');
    expect((await html!.allHeaders())['cache-control']).toBe('no-cache');
    await expectCompressedAndCached(watched);
    await page.context().close();
  });

  it('a customer on the public tracking page is not asked who they are, and sees no error', async () => {
    const watched = await coldPage();
    const { page } = watched;
    const start = Date.now();
    await page.goto(`${stack.server.url}/track`);
    await page.waitForSelector('textarea, input');
    console.log(`first load: public tracking page ${Date.now() - start} ms (cold cache)`);
    await page.waitForLoadState('networkidle');

    const asked = watched.responses.filter((r) => new URL(r.url()).pathname.startsWith('/api/auth/'));
    expect(asked.map((r) => r.url())).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    await expectCompressedAndCached(watched);
    await page.context().close();
  });
});
