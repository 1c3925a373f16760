import { publishedKeys, type SigningKey } from '../auth/signing-key.ts';
import { SIGNING_ALGORITHM } from '../pipeline/authenticate.ts';
import { ServiceUnavailableError } from '../pipeline/errors.ts';
import type { HandlersFor } from '../pipeline/handler.ts';
import type { Logger } from '../ports/logger.ts';
import type { Lifecycle } from './lifecycle.ts';

/** Something the API needs to serve traffic (Cosmos DB, Redis). */
export interface ReadinessCheck {
  name: string;
  /** Default true: the instance is not ready while it fails. False: reported only (work is delayed, not refused). */
  required?: boolean;
  check(): Promise<void>;
}

export interface SystemDeps {
  version: string;
  lifecycle: Lifecycle;
  checks: readonly ReadinessCheck[];
  signingKey: SigningKey;
  /** The issuer of this API's own tokens (`JWT_ISSUER`); its keys are at `<issuer>/.well-known/jwks.json`. */
  issuer: string;
  clock: () => Date;
  /** Seconds since this instance started (the process's uptime in the server). */
  uptimeSeconds: () => number;
  /** Where a failed check's error goes: it names hosts and SDK internals, so it is never sent to callers. */
  logger: Logger;
}

/** The outcome of one check as `/readyz` shows it to anyone: up or down, and how long it took. */
async function runCheck(check: ReadinessCheck, deps: Pick<SystemDeps, 'clock' | 'logger'>) {
  const started = deps.clock().getTime();
  try {
    await check.check();
    return { ok: true, latency_ms: deps.clock().getTime() - started, required: check.required ?? true };
  } catch (err) {
    const latency = deps.clock().getTime() - started;
    deps.logger.warn({ err, check: check.name, latency_ms: latency }, 'readiness check failed');
    return { ok: false, latency_ms: latency, required: check.required ?? true };
  }
}

export function createSystemHandlers(
  deps: SystemDeps,
): HandlersFor<'getHealth' | 'getReadiness' | 'getJwks' | 'getOpenIdConfiguration'> {
  const openIdConfiguration = {
    issuer: deps.issuer,
    jwks_uri: new URL('/.well-known/jwks.json', deps.issuer).href,
    token_endpoint: new URL('/api/auth/login', deps.issuer).href,
    response_types_supported: [],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'role', 'sid', 'email'],
  };
  return {
    getHealth: () =>
      Promise.resolve({
        status: 200,
        body: { status: 'ok', version: deps.version, uptime_seconds: Math.round(deps.uptimeSeconds()) },
      }),
    getReadiness: async () => {
      const results = await Promise.all(deps.checks.map(async (c) => [c.name, await runCheck(c, deps)] as const));
      const checks = Object.fromEntries(results);
      if (deps.lifecycle.shuttingDown) throw new ServiceUnavailableError('The server is shutting down', { checks });
      if (results.some(([, r]) => !r.ok && r.required))
        throw new ServiceUnavailableError('A dependency is not answering', { checks });
      return { status: 200, body: { status: 'ready', checks } };
    },
    getJwks: () => Promise.resolve({ status: 200, body: { keys: publishedKeys(deps.signingKey) } }),
    getOpenIdConfiguration: () => Promise.resolve({ status: 200, body: openIdConfiguration }),
  };
}
