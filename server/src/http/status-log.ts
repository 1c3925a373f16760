import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Tests only: when `HPH_STATUS_LOG` names a folder (the test run's global setup makes one), every
 * answer of a mounted operation is appended there as one JSON line `{ operationId, status }`, one
 * file per process and thread; the run's global teardown fails the run if a status is not one its
 * operation declares. Unset (production, `npm start`): nothing is recorded.
 */
const folder = process.env.HPH_STATUS_LOG;
const file = folder ? join(folder, `${process.pid}-${threadId}.jsonl`) : undefined;

export function recordStatus(operationId: string, status: number): void {
  if (file) appendFileSync(file, `${JSON.stringify({ operationId, status })}\n`);
}
