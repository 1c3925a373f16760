import * as z from 'zod';
import { defineOperation, type Operation } from '../operation.ts';
import { OpenIdConfigurationSchema } from '../identity/schemas/index.ts';

export const HealthSchema = z
  .strictObject({ status: z.literal('ok'), version: z.string(), uptime_seconds: z.number().min(0) })
  .meta({ id: 'Health' });

export const ReadinessSchema = z
  .strictObject({
    status: z.literal('ready'),
    checks: z.record(
      z.string(),
      z.strictObject({
        ok: z.boolean(),
        latency_ms: z.number().min(0),
        required: z
          .boolean()
          .meta({ description: 'False for a dependency whose absence only delays work (Event Hubs).' }),
      }),
    ),
  })
  .meta({ id: 'Readiness' });

export const JwksSchema = z
  .strictObject({
    keys: z.array(
      z.object({ kid: z.string(), kty: z.string(), alg: z.string(), use: z.string() }).catchall(z.string()),
    ),
  })
  .meta({ id: 'Jwks', description: 'JSON Web Key Set of the keys the API signs its own tokens with.' });

export const getHealth = defineOperation({
  operationId: 'getHealth',
  method: 'get',
  path: '/healthz',
  tags: ['System'],
  summary: 'Liveness',
  description: 'Answers 200 while the process is up. For Kubernetes liveness probes.',
  access: 'public',
  responses: { 200: { description: 'Alive.', schema: HealthSchema } },
  errors: [],
});

export const getReadiness = defineOperation({
  operationId: 'getReadiness',
  method: 'get',
  path: '/readyz',
  tags: ['System'],
  summary: 'Readiness',
  description:
    'Answers 200 when Cosmos DB (and Redis, when configured) answer; 503 otherwise, or while shutting down. Event Hubs, when configured, is reported but not required: while it is away, writes keep their events in the outbox and they are published when it returns.',
  access: 'public',
  responses: { 200: { description: 'Ready.', schema: ReadinessSchema } },
  errors: ['SERVICE_UNAVAILABLE'],
});

export const getJwks = defineOperation({
  operationId: 'getJwks',
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['System'],
  summary: 'Signing keys',
  description: 'Public keys that verify the tokens this API issues.',
  access: 'public',
  responses: { 200: { description: 'The key set.', schema: JwksSchema } },
  errors: [],
  cache: { maxAgeSeconds: 300, staleWhileRevalidateSeconds: 3600 },
});

export const getOpenIdConfiguration = defineOperation({
  operationId: 'getOpenIdConfiguration',
  method: 'get',
  path: '/.well-known/openid-configuration',
  tags: ['System'],
  summary: 'Token issuer metadata',
  description: "OpenID Connect discovery metadata of this API's own tokens: issuer, signing keys, algorithms, claims.",
  access: 'public',
  responses: { 200: { description: 'The metadata.', schema: OpenIdConfigurationSchema } },
  errors: [],
  cache: { maxAgeSeconds: 300, staleWhileRevalidateSeconds: 3600 },
});

export const systemOperations = [
  getHealth,
  getReadiness,
  getJwks,
  getOpenIdConfiguration,
] as const satisfies readonly Operation<never>[];
