// Packs the built contract and mocks, installs both tarballs (and msw from the registry) in a fresh consumer outside
// the repo, then typechecks it (skipLibCheck false) and runs it: MSW answers a product page from the mocks.
// Run after `npm run build -w @holiday-peak-hub/contract -w @holiday-peak-hub/mocks`:
// `npm run check:package -w @holiday-peak-hub/mocks`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const mocksDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contractDir = resolve(mocksDir, '..', 'contract');
const repoModules = resolve(mocksDir, '..', 'node_modules');
const tsc = join(repoModules, 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'hph-mocks-consumer-'));
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${stdout}${stderr}`);
  }
}
function pack(dir: string, name: string): string {
  const dest = join(work, name);
  mkdirSync(dest);
  run('npm', ['pack', '--silent', '--pack-destination', dest], dir);
  const tarball = readdirSync(dest).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack produced no tarball in ${dir}`);
  return join(dest, tarball);
}

const consumerCode = `import { setupServer } from 'msw/node';
import { createHandlers, createMockStore, mockTokens } from '@holiday-peak-hub/mocks';
import { ProductPageSchema, operations, type ProductSummary } from '@holiday-peak-hub/contract';
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
  console.log(
    JSON.stringify({
      items: page.items.length,
      next_cursor: page.next_cursor !== null,
      first: first.id,
      staff: staff.status,
      anonymous: anonymous.status,
      operations: operations.length,
      catalog: demoCatalog().products.length,
      openapi: openapi.openapi,
    }),
  );
} finally {
  server.close();
}
`;

try {
  const contractTarball = pack(contractDir, 'contract');
  const mocksTarball = pack(mocksDir, 'mocks');
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['i', '--no-audit', '--no-fund', contractTarball, mocksTarball, 'msw@^3'], consumer);
  writeFileSync(join(consumer, 'index.ts'), consumerCode);
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        resolveJsonModule: true,
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        skipLibCheck: false,
        outDir: 'out',
      },
      files: ['index.ts'],
    }),
  );
  run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
  const output = run(process.execPath, ['out/index.js'], consumer).trim();
  const result = JSON.parse(output) as Record<string, unknown>;
  const expected = { items: 2, next_cursor: true, staff: 200, anonymous: 401, catalog: 120, openapi: '3.1.0' };
  for (const [key, value] of Object.entries(expected)) {
    if (result[key] !== value) throw new Error(`unexpected ${key} in ${output}`);
  }
  const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(1)} kB`;
  console.log(
    `package ok: installed ${contractTarball.split('/').pop()} (${kb(contractTarball)}) and ` +
      `${mocksTarball.split('/').pop()} (${kb(mocksTarball)}) with msw, typechecked (skipLibCheck false) and ran: ${output}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
