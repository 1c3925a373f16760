// Packs the built contract and mocks, installs both tarballs (and msw from the registry) in a fresh consumer outside
// the repo, then typechecks it (skipLibCheck false) and runs it: MSW answers a product page from the mocks.
// Run after `npm run build -w @holiday-peak-hub/contract -w @holiday-peak-hub/mocks`:
// `npm run check:package -w @holiday-peak-hub/mocks`.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConsumerProject } from '../../scripts/package-consumer.ts';

const mocksDir = fileURLToPath(new URL('..', import.meta.url));
const contractDir = fileURLToPath(new URL('../../contract', import.meta.url));

const consumerCode = `import { setupServer } from 'msw/node';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  createHandlers,
  createMockStore,
  mockInbox,
  mockTokens,
  type MockEmail,
} from '@holiday-peak-hub/mocks';
import { AuthSessionSchema, ProductPageSchema, operations, type ProductSummary } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import openapi from '@holiday-peak-hub/contract/openapi.json' with { type: 'json' };

const baseUrl = 'http://api.test';
const store = createMockStore();
const server = setupServer(...createHandlers({ baseUrl, store }));
server.listen({ onUnhandledFrame: 'error' });
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
  const login = await fetch(baseUrl + '/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: DEMO_ACCOUNTS.find((account) => account.role === 'customer')?.email,
      password: DEMO_PASSWORD,
      token_delivery: 'body',
    }),
  });
  const session = AuthSessionSchema.parse(await login.json());
  const me = await fetch(baseUrl + '/api/users/me', {
    headers: { Authorization: 'Bearer ' + (session.tokens?.access_token ?? '') },
  });
  const guest = await fetch(baseUrl + '/api/users/me', { headers: { Authorization: 'Bearer ' + mockTokens.guest } });
  const mails: MockEmail[] = mockInbox(store);
  console.log(
    JSON.stringify({
      items: page.items.length,
      next_cursor: page.next_cursor !== null,
      first: first.id,
      staff: staff.status,
      anonymous: anonymous.status,
      me: me.status,
      guest: guest.status,
      mails: mails.length,
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
  const mocksTarball = project.pack(mocksDir);
  project.install([contractTarball, mocksTarball, 'msw@^3']);
  const output = project.typecheckAndRun(consumerCode);
  const result = JSON.parse(output) as Record<string, unknown>;
  const expected = {
    items: 2,
    next_cursor: true,
    staff: 200,
    anonymous: 401,
    me: 200,
    guest: 403,
    mails: 0,
    catalog: 120,
    openapi: '3.1.0',
  };
  for (const [key, value] of Object.entries(expected)) {
    if (result[key] !== value) throw new Error(`unexpected ${key} in ${output}`);
  }
  const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(1)} kB`;
  console.log(
    `package ok: installed ${contractTarball.split('/').pop()} (${kb(contractTarball)}) and ` +
      `${mocksTarball.split('/').pop()} (${kb(mocksTarball)}) with msw, typechecked (skipLibCheck false) and ran: ${output}`,
  );
} finally {
  project.dispose();
}
