/**
 * A worker thread of the password strength pool (`password-strength-pool.ts`): zxcvbn, built once
 * per thread, answering one check per message. Loaded by Node itself (types stripped), in the
 * server and under vitest alike: it imports nothing but Node, zxcvbn and `password-strength.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPasswordStrengthChecker } from './password-strength.ts';
import type { StrengthReply, StrengthRequest, StrengthWorkerData } from './password-strength-pool.ts';

if (!parentPort) throw new Error('password-strength-worker.ts runs as a worker thread');
const port = parentPort;
const check = createPasswordStrengthChecker({ minScore: (workerData as StrengthWorkerData).minScore });

port.on('message', (request: StrengthRequest) => {
  const started = performance.now();
  let reply: StrengthReply;
  try {
    const verdict = check(request.password, request.userInputs);
    reply = { id: request.id, verdict, ms: performance.now() - started };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
