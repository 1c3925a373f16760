/**
 * Installs this repository's packages into another project before they are on the registry:
 * builds every publishable workspace (every workspace of the root package.json that is not
 * `private`), dependencies first, packs each with `npm pack` into `<project>/vendor/holiday-peak-hub/`,
 * and installs all the tarballs there in one `npm install`, so the packages that depend on each
 * other (the mocks on the contract, …) find each other instead of asking the registry.
 *
 *   npm run pack:local -- <project-dir> [npm install options, e.g. --save-dev]
 *   node scripts/pack-local.ts --build-only     (build them in dependency order, nothing else)
 *
 * Run it again to update; the project's package.json then names `file:vendor/holiday-peak-hub/….tgz`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const VENDOR = join('vendor', 'holiday-peak-hub');

interface Manifest {
  name?: string;
  version?: string;
  private?: boolean;
  workspaces?: string[] | { packages?: string[] };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export interface Workspace {
  name: string;
  version: string;
  dir: string;
  manifest: Manifest;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The folders the root `workspaces` names, in its order; `dir/*` patterns list `dir`'s packages. */
function workspaceDirs(): string[] {
  const { workspaces = [] } = readManifest(root);
  const patterns = Array.isArray(workspaces) ? workspaces : (workspaces.packages ?? []);
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return readdirSync(parent)
      .sort()
      .map((entry) => join(parent, entry))
      .filter((dir) => statSync(dir).isDirectory());
  });
}

/** Every workspace that is not private, each after the workspaces it depends on. */
export function publishableWorkspaces(): Workspace[] {
  const all = workspaceDirs()
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readManifest(dir) }));
  const publishable = all.flatMap(({ dir, manifest }): Workspace[] => {
    if (manifest.private === true) return [];
    if (!manifest.name || !manifest.version) throw new Error(`${relative(root, dir)}/package.json: no name or version`);
    return [{ name: manifest.name, version: manifest.version, dir, manifest }];
  });
  const byName = new Map(publishable.map((workspace) => [workspace.name, workspace]));
  const ordered: Workspace[] = [];
  const visiting = new Set<string>();
  const visit = (workspace: Workspace) => {
    if (ordered.includes(workspace)) return;
    if (visiting.has(workspace.name)) throw new Error(`Workspaces depend on each other in a cycle: ${workspace.name}`);
    visiting.add(workspace.name);
    const { dependencies, devDependencies, peerDependencies, optionalDependencies } = workspace.manifest;
    for (const name of Object.keys({
      ...dependencies,
      ...devDependencies,
      ...peerDependencies,
      ...optionalDependencies,
    })) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency);
    }
    visiting.delete(workspace.name);
    ordered.push(workspace);
  };
  publishable.forEach(visit);
  return ordered;
}

/**
 * The environment of `npm run` without the settings npm hands its scripts (`npm_config_*` from this
 * repository's .npmrc, its prefix, …): the other project's npm reads its own configuration.
 */
function outsideEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_(config|package|lifecycle)_|INIT_CWD$)/i.test(key)),
  );
}

/** npm as the one running this script (`npm run`), else from PATH. */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const cli = process.env.npm_execpath;
  const [command, commandArgs] =
    cli && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
  try {
    return execFileSync(command, commandArgs, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      shell: command === 'npm' && process.platform === 'win32',
    });
  } catch (error) {
    const { stdout = '' } = error as { stdout?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}\n${stdout}`);
  }
}

/** What `npm pack` names the tarball: `@scope/name` → `scope-name-<version>.tgz`. */
const tarballBase = (name: string) => name.replace(/^@/, '').replace('/', '-');

export function buildWorkspaces(workspaces: readonly Workspace[]): void {
  for (const workspace of workspaces) {
    if (workspace.manifest.scripts?.build === undefined) continue;
    console.log(`build  ${workspace.name}`);
    npm(['run', 'build', '--workspace', workspace.name], root);
  }
}

function packInto(workspace: Workspace, out: string): string {
  const base = tarballBase(workspace.name);
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const earlier = new RegExp(`^${escaped}-\\d+\\.\\d+\\.\\d+.*\\.tgz$`);
  for (const file of readdirSync(out)) if (earlier.test(file)) rmSync(join(out, file));
  npm(['pack', '--silent', '--pack-destination', out], workspace.dir);
  const tarball = join(out, `${base}-${workspace.version}.tgz`);
  if (!existsSync(tarball)) throw new Error(`npm pack left no ${relative(root, tarball)}`);
  console.log(`pack   ${workspace.name}@${workspace.version}`);
  return tarball;
}

function main(args: string[]): void {
  const workspaces = publishableWorkspaces();
  if (args[0] === '--build-only') {
    buildWorkspaces(workspaces);
    return;
  }
  const [target, ...installOptions] = args;
  if (target === undefined || target.startsWith('-')) {
    console.error('Usage: npm run pack:local -- <project-dir> [npm install options, e.g. --save-dev]');
    process.exit(2);
  }
  // `npm run` starts scripts in the repository: a relative path is the caller's.
  const project = resolve(process.env.INIT_CWD ?? process.cwd(), target);
  if (!existsSync(join(project, 'package.json'))) {
    console.error(`${project} has no package.json: create the project first (npm init -y).`);
    process.exit(2);
  }
  if (project === resolve(root) || project.startsWith(resolve(root) + sep)) {
    console.error('Give a project outside this repository: inside it, the workspaces are linked already.');
    process.exit(2);
  }

  buildWorkspaces(workspaces);
  const out = join(project, VENDOR);
  mkdirSync(out, { recursive: true });
  const tarballs = workspaces.map((workspace) => packInto(workspace, out));
  const specs = tarballs.map((tarball) => `./${relative(project, tarball).split(sep).join('/')}`);
  console.log(`install into ${project}: ${workspaces.map((w) => w.name).join(', ')}`);
  npm(['install', '--no-audit', '--no-fund', ...installOptions, ...specs], project, outsideEnv());
  console.log(
    `Done. ${project}/package.json names the tarballs in ${VENDOR}: commit them, or run this again after a clone.`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
