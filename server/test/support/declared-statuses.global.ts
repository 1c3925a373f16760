/**
 * Vitest global setup: the guard that every status any test sees is one its operation declares.
 * Setup makes a folder and names it in `HPH_STATUS_LOG`, so the composed servers of every test
 * worker record each answer there (`server/src/http/status-log.ts`); teardown reads the records
 * and fails the run with the list of undeclared ones. Declared: the success statuses of
 * `responses`, 304 for cached reads, and the status of every error code `errorCodesOf` lists.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Sources, not the packages: vitest resolves a global setup's imports without the source condition (it would load a built dist/).
import { ERROR_STATUS, operations, type Operation } from '../../../contract/src/index.ts';
import { errorCodesOf } from '../../../contract/src/openapi/index.ts';

export function declaredStatuses(op: Operation): Set<number> {
  const statuses = new Set(Object.keys(op.responses).map(Number));
  if (op.cache) statuses.add(304);
  for (const code of errorCodesOf(op)) statuses.add(ERROR_STATUS[code]);
  return statuses;
}

/** Each undeclared `operationId status` seen, with how often. */
export function undeclaredIn(lines: readonly string[]): string[] {
  const byId = new Map<string, Operation>(operations.map((op) => [op.operationId, op]));
  const seen = new Map<string, number>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const { operationId, status } = JSON.parse(line) as { operationId: string; status: number };
    const op = byId.get(operationId);
    if (op && declaredStatuses(op).has(status)) continue;
    const key = `${operationId} ${status}${op ? '' : ' (no such operation)'}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].map(([key, count]) => `${key} × ${count}`).sort();
}

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'hph-statuses-'));
  process.env.HPH_STATUS_LOG = folder;
  return () => {
    const lines = readdirSync(folder).flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n'));
    rmSync(folder, { recursive: true, force: true });
    const undeclared = undeclaredIn(lines);
    if (undeclared.length > 0) {
      throw new Error(
        `Answers with a status their operation does not declare (${lines.filter(Boolean).length} answers recorded):\n  ${undeclared.join('\n  ')}`,
      );
    }
  };
}
