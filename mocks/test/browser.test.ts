// The mocks in a real browser (headless Chromium), driven through the SDK: MSW's service worker over `createMockApi`
// with the state in localStorage, sessions across a page reload, and a scenario control seen as the API's error
// envelope. The page is mocks/test/browser/page.ts, bundled here with esbuild (msw included) as an app's bundler would.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageApi } from './browser/page.ts';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const hasChromium = existsSync(CHROMIUM);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** Serves the files of one folder, nothing else. */
function serveFolder(folder: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const name = path === '/' ? 'index.html' : path.slice(1);
    const file = join(folder, name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

/** Calls `window.hph[name](...args)` in the page. */
async function call<K extends keyof PageApi>(
  page: Page,
  name: K,
  ...args: Parameters<PageApi[K]>
): Promise<Awaited<ReturnType<PageApi[K]>>> {
  return page.evaluate(
    async ([method, params]) => {
      const hph = (window as unknown as { hph: Record<string, (...a: unknown[]) => unknown> }).hph;
      return (await hph[method]!(...params)) as never;
    },
    [name, args] as const,
  );
}

const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1600 Amphitheatre Parkway',
  city: 'Mountain View',
  state: 'CA',
  postal_code: '94043',
  country: 'US',
  type: 'shipping',
} as const;

describe('the mocks in a browser, through the SDK', () => {
  let folder: string | undefined;
  let profile: string | undefined;
  let server: Server | undefined;
  let origin = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    folder = mkdtempSync(join(tmpdir(), 'hph-mocks-page-'));
    profile = mkdtempSync(join(tmpdir(), 'hph-mocks-chromium-'));
    await build({
      entryPoints: [join(here, 'browser', 'page.ts')],
      absWorkingDir: root,
      outfile: join(folder, 'page.js'),
      conditions: ['@holiday-peak-hub/source', 'browser', 'module', 'import', 'default'],
      platform: 'browser',
      format: 'esm',
      bundle: true,
      target: 'chrome120',
      logLevel: 'silent',
    });
    writeFileSync(
      join(folder, 'index.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>mocks</title></head>' +
        '<body><script type="module" src="/page.js"></script></body></html>',
    );
    copyFileSync(
      createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'),
      join(folder, 'mockServiceWorker.js'),
    );
    ({ server, origin } = await serveFolder(folder));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // The browser reports every answer >= 400 as "Failed to load resource"; the test expects some.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const dir of [folder, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens (or reloads) the page and waits for the worker to control it. */
  async function open(reload = false) {
    await (reload ? page.reload() : page.goto(`${origin}/`));
    await page.waitForFunction(() => 'hph' in window);
    expect(await call(page, 'ready')).toEqual({ worker: 'activated', controlled: true });
  }

  /** The page with nothing saved: no mock state, no tokens, no cookies in msw's jar. */
  async function fresh() {
    await open();
    await page.evaluate(() => localStorage.clear());
    await open(true);
  }

  it('with a token session: signs in, lists, keeps an address across a reload, and shows a forced failure', async (ctx) => {
    ctx.skip(!hasChromium, `${CHROMIUM} is missing: install it (apt-get install -y chromium), as .ci/run does`);
    await fresh();
    expect(await call(page, 'demo')).toEqual({
      customer: 'customer@holidaypeakhub.dev',
      staff: 'staff@holidaypeakhub.dev',
      password: 'HolidayPeak!2026',
    });
    expect(await call(page, 'signIn', 'token', 'customer')).toEqual({
      status: 'authenticated',
      role: 'customer',
      email: 'customer@holidaypeakhub.dev',
    });
    expect(await call(page, 'products', 'token')).toMatchObject({
      ok: true,
      count: 5,
      first: expect.any(String) as string,
    });
    const added = await call(page, 'addAddress', 'token', ADDRESS);
    expect(added).toMatchObject({ ok: true, status: 201, data: { ...ADDRESS, id: expect.any(String) as string } });
    const addressId = added.ok ? added.data.id : '';
    expect(await call(page, 'saved')).toEqual({ state: true, tokens: true });

    // A reload: the mocks' state (signing key and sessions included) and the SDK's tokens come back from localStorage.
    await open(true);
    expect(await call(page, 'me', 'token')).toEqual({
      ok: true,
      email: 'customer@holidaypeakhub.dev',
      role: 'customer',
    });
    const addresses = await call(page, 'addresses', 'token');
    expect(addresses.ok && addresses.data.items.find((address) => address.id === addressId)).toMatchObject(ADDRESS);

    // A scenario control: listProducts answers 503 with the API's envelope until cleared.
    await call(page, 'fail', 'listProducts', 'SERVICE_UNAVAILABLE');
    const failed = await call(page, 'products', 'token');
    expect(failed).toMatchObject({
      ok: false,
      status: 503,
      sdkError: true,
      code: 'SERVICE_UNAVAILABLE',
      fromEnvelope: true,
      retryAfter: '5',
      body: { error: { code: 'SERVICE_UNAVAILABLE', request_id: expect.stringMatching(/^req_mock_/) as string } },
    });
    expect(failed.ok ? undefined : failed.requestId).toMatch(/^req_mock_/);
    await call(page, 'clearFailures');
    expect(await call(page, 'products', 'token')).toMatchObject({ ok: true, count: 5 });
    expect(await call(page, 'sent')).toEqual([
      'token GET /api/users/me 200',
      'token GET /api/users/me/addresses 200',
      'token GET /api/products 503',
      'token GET /api/products 200',
    ]);
    expect(pageErrors).toEqual([]);
  });

  // Found by this test: a plain `new Response(...)` lost its `Set-Cookie` in the browser (msw keeps the cookies of its
  // own `HttpResponse` only), so a cookie sign-in set no cookie.
  it("with a cookie session (the SDK's browser mode): keeps the session across a reload, and a write refreshes the lost CSRF token", async (ctx) => {
    ctx.skip(!hasChromium, `${CHROMIUM} is missing: install it (apt-get install -y chromium), as .ci/run does`);
    await fresh();
    expect(await call(page, 'signIn', 'cookie', 'customer')).toMatchObject({
      status: 'authenticated',
      role: 'customer',
    });
    const added = await call(page, 'addAddress', 'cookie', ADDRESS);
    expect(added).toMatchObject({ ok: true, status: 201 });
    const addressId = added.ok ? added.data.id : '';

    // msw's cookie jar and the mocks' state are in localStorage; the CSRF token was in memory only.
    await open(true);
    expect(await call(page, 'me', 'cookie')).toEqual({
      ok: true,
      email: 'customer@holidaypeakhub.dev',
      role: 'customer',
    });
    const addresses = await call(page, 'addresses', 'cookie');
    expect(addresses.ok && addresses.data.items.find((address) => address.id === addressId)).toMatchObject(ADDRESS);
    const second = { ...ADDRESS, line1: '1 Hacker Way', city: 'Menlo Park', postal_code: '94025' };
    expect(await call(page, 'addAddress', 'cookie', second)).toMatchObject({ ok: true, status: 201 });
    expect(await call(page, 'sent')).toEqual([
      'cookie GET /api/users/me 200',
      'cookie GET /api/users/me/addresses 200',
      'cookie POST /api/users/me/addresses 403', // no CSRF token after the reload
      'cookie POST /api/auth/refresh 200', // the refresh cookie answers a new one
      'cookie POST /api/users/me/addresses 201', // the write, retried once
    ]);
    expect(pageErrors).toEqual([]);
  });

  // Found by this test: the QR code was encoded with Node's `Buffer`, which browsers do not have (a global, so the
  // bundle test cannot see it): enableTwoFactor answered 500 in the mocks.
  it('enrols two-factor authentication (a QR code made in the browser)', async (ctx) => {
    ctx.skip(!hasChromium, `${CHROMIUM} is missing: install it (apt-get install -y chromium), as .ci/run does`);
    await fresh();
    await call(page, 'signIn', 'token', 'customer');
    expect(await call(page, 'enableTwoFactor', 'token')).toEqual({
      ok: true,
      status: 200,
      qr: 'data:image/svg+xml;base64,',
    });
  });
});
