/**
 * A consumer project outside the repository, for checking a published package as its users meet
 * it: pack the package, install the tarball in a fresh folder, typecheck a consumer with
 * `skipLibCheck: false`, run it. Used by the SDK's and the mocks' `check:package`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoModules = fileURLToPath(new URL('../node_modules', import.meta.url));
const tsc = join(repoModules, 'typescript', 'bin', 'tsc');

export function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${stdout}${stderr}`);
  }
}

export interface ConsumerProject {
  /** Packs the package in `packageDir`; returns the tarball's path. */
  pack(packageDir: string): string;
  /** `npm i` in the consumer (tarball paths, registry names, or folders of the repo's node_modules). */
  install(specs: string[], options?: { offline?: boolean }): void;
  /** Writes `index.ts` (and any more files), typechecks it strictly against the installed packages, runs it; returns its stdout. */
  typecheckAndRun(code: string, options?: { files?: Record<string, string>; lib?: string[] }): string;
  dispose(): void;
}

/** A path in the repository's node_modules (to install a dev copy of a peer without the registry). */
export const repoModule = (name: string): string => join(repoModules, name);

export function createConsumerProject(label: string): ConsumerProject {
  const work = mkdtempSync(join(tmpdir(), `hph-${label}-consumer-`));
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  let packs = 0;
  return {
    pack(packageDir) {
      const dest = join(work, `pack-${packs++}`);
      mkdirSync(dest);
      run('npm', ['pack', '--silent', '--pack-destination', dest], resolve(packageDir));
      const tarball = readdirSync(dest).find((file) => file.endsWith('.tgz'));
      if (!tarball) throw new Error(`npm pack produced no tarball in ${packageDir}`);
      return join(dest, tarball);
    },
    install(specs, options = {}) {
      run('npm', ['i', '--no-audit', '--no-fund', ...(options.offline ? ['--offline'] : []), ...specs], consumer);
    },
    typecheckAndRun(code, options = {}) {
      const files = { 'index.ts': code, ...options.files };
      for (const [name, content] of Object.entries(files)) writeFileSync(join(consumer, name), content);
      const compilerOptions = {
        target: 'es2022',
        module: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        resolveJsonModule: true,
        lib: options.lib ?? ['es2022', 'dom', 'dom.iterable'],
        types: [],
        skipLibCheck: false,
        outDir: 'out',
      };
      writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
      return run(process.execPath, ['out/index.js'], consumer).trim();
    },
    dispose() {
      rmSync(work, { recursive: true, force: true });
    },
  };
}
