/**
 * Azurite's blob service (the `azurite` devDependency) in a child process, in memory, on a free port
 * of 127.0.0.1: the Blob Storage of the tests (Event Hubs checkpoints). Stopped with `stop()`.
 *
 * In a test run, one is shared by every test file (each uses containers of its own): the first
 * `startAzurite()` of the run starts it, the others find it, and the run's global teardown
 * (`event-hubs-azurite.global.ts`) stops it. Outside a test run (scripts), each call starts its own.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Azurite's well-known development account (public, documented by Microsoft). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const STARTUP_MS = 20_000;

export interface Azurite {
  readonly connectionString: string;
  /** `http://127.0.0.1:PORT/devstoreaccount1` */
  readonly blobUrl: string;
  stop(): Promise<void>;
}

/** Set by the run's global setup: a folder of the run where the shared Azurite is recorded. */
export const SHARED_AZURITE_DIR = 'HPH_AZURITE_DIR';
/** Set by the run's global setup: the pid of the run's main process. */
export const SHARED_AZURITE_OWNER = 'HPH_AZURITE_OWNER';
/** In the shared folder: `PORT PID` of the shared Azurite (its watchdog), once it listens. */
export const SHARED_AZURITE_FILE = 'azurite';

export async function startAzurite(): Promise<Azurite> {
  const shared = process.env[SHARED_AZURITE_DIR];
  if (shared) return sharedAzurite(shared);
  const azurite = await spawnAzurite(await mkdtemp(join(tmpdir(), 'azurite-')), false);
  return { ...endpoints(azurite.port), stop: azurite.stop };
}

/** The run's Azurite: started by the first caller (the one that makes the lock folder), found by the others. */
async function sharedAzurite(folder: string): Promise<Azurite> {
  const record = join(folder, SHARED_AZURITE_FILE);
  const first = await mkdir(join(folder, 'lock')).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return false;
      throw err;
    },
  );
  if (first) {
    // Detached: it outlives this test file's process, until the global teardown stops it.
    const { port, pid } = await spawnAzurite(await mkdtemp(join(folder, 'blob-')), true);
    await writeFile(`${record}.tmp`, `${port} ${pid}`);
    await rename(`${record}.tmp`, record);
    return { ...endpoints(port), stop: () => Promise.resolve() };
  }
  // Twice the start-up time: the first caller may still be starting it.
  const deadline = Date.now() + 2 * STARTUP_MS;
  for (;;) {
    const text = await readFile(record, 'utf8').catch(() => undefined);
    if (text) return { ...endpoints(Number(text.split(' ')[0])), stop: () => Promise.resolve() };
    if (Date.now() > deadline) throw new Error(`the shared azurite-blob was not started (${folder})`);
    await sleep(50);
  }
}

/** Starts Azurite in `location` (its working directory, removed by `stop()`) and waits until it listens. */
/** `node -e WATCHDOG OWNER_PID SCRIPT ...ARGS`: runs Azurite until told to stop or until the owner process is gone. */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const [owner, ...args] = process.argv.slice(1);
const azurite = spawn(process.execPath, args, { stdio: 'ignore' });
const end = () => { azurite.kill('SIGTERM'); process.exit(0); };
process.on('SIGTERM', end);
process.on('SIGINT', end);
azurite.on('exit', () => process.exit(0));
setInterval(() => { try { process.kill(Number(owner), 0); } catch { end(); } }, 1000);
`;

async function spawnAzurite(
  location: string,
  detached: boolean,
): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const bin = await azuriteBlobScript();
  const port = await freePort();
  const args = [
    bin,
    '--inMemoryPersistence',
    '--silent',
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
  ];
  const owner = Number(process.env[SHARED_AZURITE_OWNER]);
  const child = spawn(
    process.execPath,
    // Detached, it runs under a watchdog that stops it when the test run's main process is gone
    // (a run killed before its teardown leaves no Azurite behind).
    detached && Number.isInteger(owner) ? ['-e', WATCHDOG, String(owner), ...args] : args,
    // A working directory of its own, so nothing (telemetry settings, debug logs) lands in the repository.
    { cwd: location, stdio: ['ignore', 'ignore', detached ? 'ignore' : 'pipe'], detached },
  );
  if (detached) child.unref();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(location, { recursive: true, force: true });
  };

  const deadline = Date.now() + STARTUP_MS;
  while (!(await listens(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`azurite-blob did not listen on port ${port}: ${stderr.trim() || 'no output'}`);
    }
    await sleep(50);
  }
  return { port, pid: child.pid!, stop };
}

function endpoints(port: number): Omit<Azurite, 'stop'> {
  const blobUrl = `http://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    blobUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${blobUrl};`,
  };
}

/** The `azurite-blob` entry point, from the `bin` of the installed `azurite` package. */
async function azuriteBlobScript(): Promise<string> {
  const manifest = createRequire(import.meta.url).resolve('azurite/package.json');
  const { bin } = JSON.parse(await readFile(manifest, 'utf8')) as { bin: Record<string, string> };
  const script = bin['azurite-blob'];
  if (!script) throw new Error(`no azurite-blob in the bin of ${manifest}`);
  return join(dirname(manifest), script);
}

/** A port the OS has just given out (and taken back). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
