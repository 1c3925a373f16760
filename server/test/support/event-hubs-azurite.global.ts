/**
 * Vitest global setup: one Azurite for the whole run, shared by the test files that use Blob
 * Storage (each in containers of its own) instead of one started per file. Setup only names a
 * folder of the run in `HPH_AZURITE_DIR`; the first `startAzurite()` of the run starts Azurite and
 * records it there (a run that needs none starts none); teardown stops it and removes the folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SHARED_AZURITE_DIR, SHARED_AZURITE_FILE, SHARED_AZURITE_OWNER } from './azurite.ts';

export default function setup(): () => Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'hph-azurite-'));
  process.env[SHARED_AZURITE_DIR] = folder;
  process.env[SHARED_AZURITE_OWNER] = String(process.pid);
  return async () => {
    delete process.env[SHARED_AZURITE_DIR];
    delete process.env[SHARED_AZURITE_OWNER];
    let record: string | undefined;
    try {
      record = readFileSync(join(folder, SHARED_AZURITE_FILE), 'utf8');
    } catch {
      // None was started.
    }
    const pid = record ? Number(record.split(' ')[1]) : NaN;
    if (Number.isInteger(pid)) {
      try {
        process.kill(pid, 'SIGTERM');
        // Gone within 5 s, else killed.
        for (let waited = 0; waited < 5_000 && alive(pid); waited += 50) await sleep(50);
        if (alive(pid)) process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
