// Packs the built SDK, installs the tarball in a fresh consumer outside the repo, then typechecks and runs an import.
// Run after `npm run build -w @holiday-peak-hub/sdk`: `npm run check:package -w @holiday-peak-hub/sdk`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoModules = resolve(sdkDir, '..', 'node_modules');
const tsc = join(repoModules, 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'hph-sdk-consumer-'));
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${stdout}${stderr}`);
  }
}

const consumerCode = `import {
  createHolidayPeakClient,
  getProduct,
  HolidayPeakApiError,
  listProducts,
  unwrap,
  type ErrorCode,
  type Product,
  type ProductPage,
} from '@holiday-peak-hub/sdk';
import { getProductOptions, listProductsInfiniteOptions } from '@holiday-peak-hub/sdk/query';

const client = createHolidayPeakClient({ baseUrl: 'http://127.0.0.1:9', getToken: () => 'token' });
const product: Promise<Product> = unwrap(getProduct({ client, path: { id: 'p1' } }));
const page: Promise<ProductPage> = unwrap(listProducts({ client, query: { brand: ['Acme'], limit: 5 } }));
const key: unknown = getProductOptions({ client, path: { id: 'p1' } }).queryKey;
const infinite: unknown = listProductsInfiniteOptions({ client, query: { limit: 5 } });
const failure = await product.then(() => undefined, (error: unknown) => error);
if (!(failure instanceof HolidayPeakApiError)) throw new Error('expected a HolidayPeakApiError');
const code: ErrorCode = failure.code;
void page.catch(() => undefined);
console.log(JSON.stringify({ code, status: failure.status, key: Boolean(key), infinite: Boolean(infinite) }));
`;

const REACT_STUB = `declare module 'react' {
  export type ReactNode = unknown;
  export type ReactElement = unknown;
  export type Provider<T> = (props: { value: T }) => unknown;
  export type Context<T> = { Provider: Provider<T> };
  export namespace JSX {
    type Element = unknown;
  }
}
`;

try {
  run('npm', ['pack', '--silent', '--pack-destination', work], sdkDir);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  const consumer = join(work, 'consumer');
  run('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = ['i', '--no-audit', '--no-fund', '--offline', join(work, tarball)];
  run('npm', [...install, join(repoModules, '@tanstack', 'react-query')], consumer);
  writeFileSync(join(consumer, 'index.ts'), consumerCode);
  // A React app brings @types/react; this consumer has no React, so TanStack's own .d.ts get a stub.
  writeFileSync(join(consumer, 'react-stub.d.ts'), REACT_STUB);
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        lib: ['es2022', 'dom'],
        types: [],
        skipLibCheck: false,
        outDir: 'out',
      },
      files: ['index.ts', 'react-stub.d.ts'],
    }),
  );
  run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
  const output = run(process.execPath, ['out/index.js'], consumer).trim();
  const result = JSON.parse(output) as { code: string; status: number };
  if (result.code !== 'SERVICE_UNAVAILABLE' || result.status !== 0) throw new Error(`unexpected result ${output}`);
  console.log(`package ok: installed ${tarball}, typechecked (skipLibCheck false) and ran: ${output}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
