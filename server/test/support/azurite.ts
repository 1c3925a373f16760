/**
 * Azurite's blob service (the `azurite` devDependency) in a child process, in memory, on a free port
 * of 127.0.0.1: the Blob Storage of the tests (Event Hubs checkpoints). Stopped with `stop()`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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

export async function startAzurite(): Promise<Azurite> {
  const bin = await azuriteBlobScript();
  const port = await freePort();
  // A working directory of its own, so nothing (telemetry settings, debug logs) lands in the repository.
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      bin,
      '--inMemoryPersistence',
      '--silent',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
    ],
    { cwd: location, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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

  const blobUrl = `http://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    blobUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${blobUrl};`,
    stop,
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
