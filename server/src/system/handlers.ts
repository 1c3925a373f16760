import type { HandlersFor } from '../http/handler.ts';
import { ServiceUnavailableError } from '../http/errors.ts';
import type { SigningKey } from '../auth/signing-key.ts';
import type { Lifecycle } from './lifecycle.ts';

/** Something the API needs to serve traffic (Cosmos DB, Redis). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface SystemDeps {
  version: string;
  lifecycle: Lifecycle;
  checks: readonly ReadinessCheck[];
  signingKey: SigningKey;
  clock: () => Date;
}

async function runCheck(check: ReadinessCheck, clock: () => Date) {
  const started = clock().getTime();
  try {
    await check.check();
    return { ok: true, latency_ms: clock().getTime() - started };
  } catch (err) {
    return {
      ok: false,
      latency_ms: clock().getTime() - started,
      error: err instanceof Error ? err.message.slice(0, 200) : 'failed',
    };
  }
}

export function createSystemHandlers(deps: SystemDeps): HandlersFor<'getHealth' | 'getReadiness' | 'getJwks'> {
  return {
    getHealth: () =>
      Promise.resolve({
        status: 200,
        body: { status: 'ok', version: deps.version, uptime_seconds: Math.round(process.uptime()) },
      }),
    getReadiness: async () => {
      const results = await Promise.all(deps.checks.map(async (c) => [c.name, await runCheck(c, deps.clock)] as const));
      const checks = Object.fromEntries(results);
      if (deps.lifecycle.shuttingDown) throw new ServiceUnavailableError('The server is shutting down', { checks });
      if (results.some(([, r]) => !r.ok))
        throw new ServiceUnavailableError('A dependency is not answering', { checks });
      return { status: 200, body: { status: 'ready', checks } };
    },
    getJwks: () => Promise.resolve({ status: 200, body: { keys: [deps.signingKey.publicJwk] } }),
  };
}
