// Packs the built contract, core and mocks, installs the three tarballs (and msw and the core's dependencies from the
// registry) in a fresh consumer outside the repo, then typechecks it (skipLibCheck false) and runs it: the mocks answer
// through the installed core — a product page, fixed tokens, a real sign-in, an emailed link, forced failures.
// Run after `npm run build` (contract, core, mocks and sdk, in that order):
// `npm run check:package -w @holiday-peak-hub/mocks`.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConsumerProject } from '../../scripts/package-consumer.ts';

const mocksDir = fileURLToPath(new URL('..', import.meta.url));
const coreDir = fileURLToPath(new URL('../../server/core', import.meta.url));
const contractDir = fileURLToPath(new URL('../../contract', import.meta.url));

const consumerCode = `import { setupServer } from 'msw/node';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  MOCK_ISSUER,
  createMockApi,
  latestMockLink,
  mockIdToken,
  mockInbox,
  mockTokens,
  type MockEmail,
  type ScenarioControls,
} from '@holiday-peak-hub/mocks';
import { MemoryTables } from '@holiday-peak-hub/core';
import { AuthSessionSchema, ErrorEnvelopeSchema, ProductPageSchema, operations, type ProductSummary } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import openapi from '@holiday-peak-hub/contract/openapi.json' with { type: 'json' };

const baseUrl = 'http://api.test';
const api = createMockApi({ baseUrl });
const scenarios: ScenarioControls = api.scenarios;
const server = setupServer(...api.handlers);
server.listen({ onUnhandledFrame: 'error' });
const post = (path: string, body: unknown) =>
  fetch(baseUrl + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
try {
  const res = await fetch(baseUrl + '/api/products?limit=2');
  if (res.status !== 200) throw new Error('GET /api/products answered ' + res.status);
  const page = ProductPageSchema.parse(await res.json());
  const first: ProductSummary | undefined = page.items[0];
  if (page.items.length !== 2 || !first || typeof page.next_cursor !== 'string') {
    throw new Error('unexpected page ' + JSON.stringify(page));
  }
  const staff = await fetch(baseUrl + '/api/staff/products?limit=1', {
    headers: { Authorization: 'Bearer ' + mockTokens.staff },
  });
  const anonymous = await fetch(baseUrl + '/api/staff/products?limit=1');
  const login = await post('/api/auth/login', {
    email: DEMO_ACCOUNTS.find((account) => account.role === 'customer')?.email,
    password: DEMO_PASSWORD,
    token_delivery: 'body',
  });
  const session = AuthSessionSchema.parse(await login.json());
  const access = session.tokens?.access_token ?? '';
  const payload = (access.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const claims = JSON.parse(atob(payload)) as { iss?: string };
  const me = await fetch(baseUrl + '/api/users/me', { headers: { Authorization: 'Bearer ' + access } });
  const guest = await fetch(baseUrl + '/api/users/me', { headers: { Authorization: 'Bearer ' + mockTokens.guest } });

  await post('/api/auth/signup', { name: 'Jane Doe', email: 'jane@example.com', password: 'correct-horse-battery-staple' });
  const mails: MockEmail[] = mockInbox(api.store);
  const verified = await post('/api/auth/verify-email', {
    token: latestMockLink(api.store, 'jane@example.com', 'verify-email'),
  });
  const social = await post('/api/auth/social/google', {
    id_token: mockIdToken({ sub: 'g-1', email: 'robin@example.com', email_verified: true }),
    token_delivery: 'body',
  });

  scenarios.fail('listProducts', { code: 'SERVICE_UNAVAILABLE' });
  const failed = await fetch(baseUrl + '/api/products?limit=1');
  const failure = ErrorEnvelopeSchema.parse(await failed.json()).error.code;
  let undeclared = 'accepted';
  try {
    scenarios.fail('listProducts', { code: 'CONFLICT' });
  } catch {
    undeclared = 'refused';
  }
  scenarios.clearFailures();
  const recovered = await fetch(baseUrl + '/api/products?limit=1');
  api.store.reset();

  console.log(
    JSON.stringify({
      items: page.items.length,
      next_cursor: page.next_cursor !== null,
      first: first.id,
      staff: staff.status,
      anonymous: anonymous.status,
      me: me.status,
      issuer: claims.iss === MOCK_ISSUER,
      refresh: /^ses_[0-9a-f-]{36}\\./.test(session.tokens?.refresh_token ?? ''),
      guest: guest.status,
      mails: mails.map((mail) => mail.kind).join(','),
      verified: verified.status,
      social: social.status,
      failed: failed.status + ' ' + failure,
      undeclared,
      recovered: recovered.status,
      reset: mockInbox(api.store).length,
      oneCore: api.store.tables instanceof MemoryTables,
      operations: operations.length,
      catalog: demoCatalog().products.length,
      openapi: openapi.openapi,
    }),
  );
} finally {
  server.close();
}
`;

const project = createConsumerProject('mocks');
try {
  const contractTarball = project.pack(contractDir);
  const coreTarball = project.pack(coreDir);
  const mocksTarball = project.pack(mocksDir);
  project.install([contractTarball, coreTarball, mocksTarball, 'msw@^3']);
  const output = project.typecheckAndRun(consumerCode);
  const result = JSON.parse(output) as Record<string, unknown>;
  const expected = {
    items: 2,
    next_cursor: true,
    staff: 200,
    anonymous: 401,
    me: 200,
    issuer: true,
    refresh: true,
    guest: 403,
    mails: 'verify-email',
    verified: 200,
    social: 200,
    failed: '503 SERVICE_UNAVAILABLE',
    undeclared: 'refused',
    recovered: 200,
    reset: 0,
    oneCore: true,
    catalog: 120,
    openapi: '3.1.0',
  };
  for (const [key, value] of Object.entries(expected)) {
    if (result[key] !== value) throw new Error(`unexpected ${key} in ${output}`);
  }
  const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(1)} kB`;
  const names = [contractTarball, coreTarball, mocksTarball].map((file) => `${file.split('/').pop()} (${kb(file)})`);
  console.log(
    `package ok: installed ${names.join(', ')} with msw, typechecked (skipLibCheck false) and ran: ${output}`,
  );
} finally {
  project.dispose();
}
