import type { ResolversFor } from './types.ts';

const startedAt = Date.now();

export const systemResolvers: ResolversFor<'getHealth' | 'getReadiness' | 'getJwks'> = {
  getHealth: () => ({
    status: 200,
    body: { status: 'ok', version: '0.0.0-mock', uptime_seconds: (Date.now() - startedAt) / 1000 },
  }),
  getReadiness: () => ({
    status: 200,
    body: { status: 'ready', checks: { cosmos: { ok: true, latency_ms: 0 } } },
  }),
  getJwks: () => ({
    status: 200,
    body: {
      keys: [
        {
          kid: 'mock-signing-key',
          kty: 'OKP',
          alg: 'EdDSA',
          use: 'sig',
          crv: 'Ed25519',
          x: 'bW9jay1rZXktbm90LWZvci12ZXJpZmljYXRpb24',
        },
      ],
    },
  }),
};
