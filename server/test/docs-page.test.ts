/**
 * `GET /docs` as the server serves it, in Chromium: under the server's own CSP, with the server it is
 * served from among the spec's servers, and no request of the page failing (its favicon included).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBareServer, type BareServer } from './support/test-server.ts';

const CHROMIUM = '/usr/bin/chromium';

let server: BareServer;
beforeAll(async () => {
  server = await startBareServer({ products: 5 });
});
afterAll(() => server.close());

it('shows the docs page whole under its CSP, offering this server', { timeout: 60_000 }, async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium), as .ci/run does.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.warn(`blocked by CSP: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const blocked: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (!text.startsWith('blocked by CSP: ')) return;
      // Redoc's search first tries to build a worker with Function(); refused, it searches in the page instead.
      if (text === 'blocked by CSP: script-src eval') return;
      blocked.push(text);
    });
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });

    const res = await page.goto(`${server.baseUrl}/docs`);
    expect(res?.headers()['content-security-policy']).toContain("img-src 'self' data:");
    await page.getByRole('heading', { level: 1, name: /Holiday Peak Hub API/ }).waitFor({ timeout: 30_000 });
    // The servers box offers the server serving the page beside production.
    await page.getByText('This server', { exact: true }).waitFor();
    // Redoc's "API docs by" logo loads (Redoc removes the image when it fails).
    const logo = page.getByAltText('redocly logo');
    await logo.waitFor();
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // What a browser asks every origin for.
    expect(await page.evaluate(async () => (await fetch('/favicon.ico')).status)).toBe(204);
    expect(blocked).toEqual([]);
    expect(failed).toEqual([]);
  } finally {
    await browser.close();
  }
});
