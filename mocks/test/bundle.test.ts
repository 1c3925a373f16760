// The mocks as a browser app bundles them: esbuild, platform browser, the workspace packages from their sources (as
// vitest and tsc resolve them), msw left to the app (a peer dependency). Fails if a Node built-in, a server-only
// library or a file of the server's adapters gets in; prints the size and what weighs most.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Libraries the server's adapters use and a browser bundle must never carry (see eslint.config.js). */
const SERVER_ONLY_PACKAGES = [
  'express',
  '@azure/',
  'ioredis',
  'nodemailer',
  'stripe',
  'pino',
  'rate-limiter-flexible',
  '@zxcvbn-ts/',
  'jwks-rsa',
  'express-jwt',
  'cors',
  'helmet',
  'cookie-parser',
];

/** `node_modules/<package>/…` of one of them (`@azure/` and `@zxcvbn-ts/` name a scope; `express` is not `express-jwt`). */
const serverOnlyPackageOf = (input: string) =>
  SERVER_ONLY_PACKAGES.find((name) =>
    new RegExp(`(^|/)node_modules/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${name.endsWith('/') ? '' : '/'}`).test(
      input,
    ),
  );

/**
 * The core's own dependencies: npm may install one under server/node_modules (the core's folder is inside the
 * server's), which is not the server's code.
 */
const coreDependencies = Object.keys(
  (JSON.parse(readFileSync(join(root, 'server', 'core', 'package.json'), 'utf8')) as { dependencies: object })
    .dependencies,
);

/** An input under server/ that is neither the core's source nor one of the core's dependencies. */
const isServerOnlyFile = (input: string) =>
  input.startsWith('server/') &&
  !input.startsWith('server/core/src/') &&
  !coreDependencies.some((name) => input.startsWith(`server/node_modules/${name}/`));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the mocks bundled for the browser', () => {
  let metafile: Metafile;
  let code: Uint8Array;

  beforeAll(async () => {
    // A Node built-in (`node:crypto`, `fs`, …) cannot be resolved for platform 'browser': the build itself fails.
    const result = await build({
      entryPoints: [join(root, 'mocks', 'src', 'index.ts')],
      absWorkingDir: root,
      outfile: join(root, 'mocks-bundle.js'), // never written (write: false); names the output in the metafile
      conditions: ['@holiday-peak-hub/source', 'browser', 'module', 'import', 'default'],
      platform: 'browser',
      format: 'esm',
      bundle: true,
      minify: true,
      metafile: true,
      write: false,
      external: ['msw', 'msw/*'],
      logLevel: 'silent',
    });
    metafile = result.metafile;
    const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
    if (!output) throw new Error('esbuild wrote no JavaScript output');
    code = output.contents;
  });

  it('imports nothing from outside but msw', () => {
    const external = Object.values(metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((entry) => entry.external)
      .map((entry) => entry.path);
    expect(external.length).toBeGreaterThan(0);
    expect(external.filter((path) => path !== 'msw' && !path.startsWith('msw/'))).toEqual([]);
  });

  it('carries no server-only library and no file of server/src (only the core, server/core/src)', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('mocks/src/index.ts');
    expect(inputs.some((input) => input.startsWith('server/core/src/'))).toBe(true);
    expect(inputs.filter((input) => serverOnlyPackageOf(input) !== undefined)).toEqual([]);
    expect(inputs.filter(isServerOnlyFile)).toEqual([]);
    expect(inputs.filter((input) => input.startsWith('server/src/'))).toEqual([]);
    // And the matcher does match what it is meant to.
    expect(
      ['node_modules/express/index.js', 'node_modules/@azure/cosmos/x.js', 'node_modules/express-jwt/a.js'].map(
        serverOnlyPackageOf,
      ),
    ).toEqual(['express', '@azure/', 'express-jwt']);
    expect(serverOnlyPackageOf('node_modules/expressive/a.js')).toBeUndefined();
    expect(
      ['server/src/compose.ts', 'server/node_modules/x/a.js', 'server/core/src/index.ts'].map(isServerOnlyFile),
    ).toEqual([true, true, false]);
  });

  it('prints its size and its ten largest inputs', () => {
    const [name, output] = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.js')) ?? [];
    expect(name).toBeDefined();
    const largest = Object.entries(output?.inputs ?? {})
      .map(([input, { bytesInOutput }]) => ({ input, bytesInOutput }))
      .sort((a, b) => b.bytesInOutput - a.bytesInOutput)
      .slice(0, 10);
    console.log(
      [
        `mocks browser bundle: ${kb(code.byteLength)} minified, ${kb(gzipSync(code).byteLength)} gzipped (msw excluded)`,
        'largest inputs (bytes in the output):',
        ...largest.map(({ input, bytesInOutput }) => `  ${kb(bytesInOutput).padStart(9)}  ${input}`),
      ].join('\n'),
    );
    expect(largest).toHaveLength(10);
  });
});
