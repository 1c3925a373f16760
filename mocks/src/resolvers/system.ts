import type { ResolversFor } from './types.ts';

const startedAt = Date.now();

/** The issuer the mocks name; their tokens are opaque, not JWTs, so nothing can verify them. */
const MOCK_ISSUER = 'urn:holiday-peak-hub:mocks';

export const systemResolvers: ResolversFor<'getHealth' | 'getReadiness' | 'getJwks' | 'getOpenIdConfiguration'> = {
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
  getOpenIdConfiguration: ({ urlOf }) => ({
    status: 200,
    body: {
      issuer: MOCK_ISSUER,
      jwks_uri: urlOf('/.well-known/jwks.json'),
      token_endpoint: urlOf('/api/auth/login'),
      response_types_supported: [],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['EdDSA'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'role', 'sid', 'email'],
    },
  }),
};
