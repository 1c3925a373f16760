import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ERROR_STATUS, ErrorEnvelopeSchema, type ErrorCode } from '../common/errors.ts';
import { IDEMPOTENT_REPLAYED_HEADER, REQUEST_ID_HEADER, requestHeadersOf } from '../common/headers.ts';
import { ROLES } from '../common/roles.ts';
import { API_VERSION } from '../common/version.ts';
import { domains } from '../operations.ts';
import * as z from 'zod';
import type { HeaderSpec, Operation, ResponseSpec } from '../operation.ts';

/** Errors any operation may answer, whatever it declares. */
function genericErrors(op: Operation): ErrorCode[] {
  // What the HTTP server refuses whatever the operation: a request arriving too slowly, an unknown
  // `Expect`, headers over the limit.
  const codes: ErrorCode[] = [
    'REQUEST_TIMEOUT',
    'EXPECTATION_FAILED',
    'HEADERS_TOO_LARGE',
    'INTERNAL_SERVER_ERROR',
    'SERVICE_UNAVAILABLE',
  ];
  // Any operation refuses input it does not declare (an unknown query parameter, a body it takes
  // none of), and a bearer token that is not valid, even where no token is needed.
  codes.push('INVALID_REQUEST', 'UNAUTHORIZED');
  if (op.request?.body) codes.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (op.access !== 'public') codes.push('FORBIDDEN');
  if (op.rateLimited) codes.push('RATE_LIMIT_EXCEEDED');
  if (op.idempotency) codes.push('IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED');
  return codes;
}

/** Every error code an operation can answer. */
export function errorCodesOf(op: Operation): ErrorCode[] {
  const all = new Set<ErrorCode>([...op.errors, ...genericErrors(op)]);
  return [...all].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b]);
}

export function accessDescription(op: Operation): string {
  if (op.access === 'public') return 'Public: no token needed.';
  const roles = op.access.map((r) => (r === 'staff' ? 'staff (and admin)' : r));
  return `Requires a session (bearer token or cookie) with role: ${roles.join(', ')}.`;
}

function responseHeaders(spec: ResponseSpec, replayable = false) {
  const all: Record<string, HeaderSpec> = {
    'X-Request-ID': REQUEST_ID_HEADER,
    ...spec.headers,
    ...(replayable ? { 'Idempotent-Replayed': IDEMPOTENT_REPLAYED_HEADER } : {}),
  };
  return Object.fromEntries(
    Object.entries(all).map(([name, h]) => [name, { description: h.description, schema: { type: 'string' } }]),
  );
}

export function buildOpenApi(ops: readonly Operation[]) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token issued by this API (`/.well-known/jwks.json`) or by Microsoft Entra ID for this API. Roles: ' +
      ROLES.filter((r) => r !== 'anonymous').join(', ') +
      '.',
  });
  const cookie = registry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'hph_access',
    description:
      'The `HttpOnly` access cookie set by sign-in with `token_delivery: cookie` (browsers). Writes made with it must also send the `X-CSRF-Token` header answered at sign-in.',
  });

  for (const op of ops) {
    const responses: Record<string, object> = {};
    for (const [status, spec] of Object.entries<ResponseSpec>(op.responses)) {
      responses[status] = {
        description: spec.description,
        headers: responseHeaders(spec, op.idempotency !== undefined),
        ...(spec.schema ? { content: { 'application/json': { schema: spec.schema } } } : {}),
      };
    }
    if (op.cache) {
      responses['304'] = {
        description: 'Not modified: the representation still matches your `If-None-Match`.',
        headers: responseHeaders({ description: '', headers: op.responses[200]?.headers }),
      };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorCodesOf(op)) {
      const status = ERROR_STATUS[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    // A stored answer is replayed whatever its status, except a 5xx (never stored) and errors given
    // before the handler runs (the operation's own codes are the handler's).
    const replayable = new Set<number>(
      op.idempotency ? op.errors.map((c) => ERROR_STATUS[c]).filter((s) => s < 500) : [],
    );
    for (const [status, codes] of byStatus) {
      responses[String(status)] = {
        description: `Error: ${codes.map((c) => '`' + c + '`').join(', ')}.`,
        headers: responseHeaders({ description: '' }, replayable.has(status)),
        content: { 'application/json': { schema: ErrorEnvelopeSchema } },
      };
    }

    const request = op.request;
    const headers = z.object({
      'x-request-id': z
        .string()
        .optional()
        .meta({ description: 'Your request id (1–128 of `A-Za-z0-9._-`), echoed back and logged.' }),
      ...(op.cache
        ? {
            'if-none-match': z.string().optional().meta({ description: 'ETag of your cached copy; 304 if unchanged.' }),
          }
        : {}),
      ...(op.access !== 'public' && op.method !== 'get'
        ? {
            'x-csrf-token': z.string().optional().meta({
              description:
                'Required when the session is the `hph_access` cookie: the `csrf_token` answered at sign-in.',
            }),
          }
        : {}),
      ...(requestHeadersOf(op)?.shape ?? {}),
    });
    const extra = [
      accessDescription(op),
      op.concurrency === 'if-match' ? 'Honours `If-Match`: a stale ETag is refused with 412.' : '',
      op.rateLimited ? 'Rate limited: 429 with `Retry-After` when exceeded.' : '',
      op.idempotency
        ? `Idempotent: send an \`Idempotency-Key\` (${op.idempotency}); a retry with the same key and input within 24 hours answers the first answer again with \`Idempotent-Replayed: true\`.`
        : '',
      op.publishes?.length ? `Publishes: ${op.publishes.map((e) => '`' + e + '`').join(', ')}.` : '',
    ].filter(Boolean);

    registry.registerPath({
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      tags: [...op.tags],
      summary: op.summary,
      description: `${op.description}\n\n${extra.join('\n\n')}`,
      deprecated: op.deprecated,
      security:
        op.access === 'public'
          ? op.optionalAuth
            ? [{}, { [bearer.name]: [] }, { [cookie.name]: [] }]
            : []
          : [{ [bearer.name]: [] }, { [cookie.name]: [] }],
      request: {
        params: request?.params,
        query: request?.query,
        headers,
        ...(request?.body
          ? { body: { required: true, content: { 'application/json': { schema: request.body } } } }
          : {}),
      },
      responses,
    });
  }

  // ErrorEnvelope first among the components (a `schema` definition is generated before the paths); its
  // `.meta({ id })` names it, as every component's does.
  const generator = new OpenApiGeneratorV31([{ type: 'schema', schema: ErrorEnvelopeSchema }, ...registry.definitions]);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Holiday Peak Hub API',
      version: API_VERSION,
      description:
        'REST API of the Holiday Peak Hub storefront: catalog, accounts, cart, checkout, staff and admin tools.\n\n' +
        'Errors always come in one envelope (`ErrorEnvelope`); lists page by cursor (`?limit=&cursor=` → `{ items, next_cursor }`); ' +
        'public reads carry `ETag` and `Cache-Control`; writes honour `If-Match`.',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'Holiday Peak Hub API team', email: 'api@holidaypeakhub.com' },
    },
    servers: [
      { url: 'https://api.holidaypeakhub.com', description: 'Production' },
      { url: '/', description: 'This server' },
    ],
    tags: domains.flatMap((domain) => domain.tags.map((tag) => ({ ...tag }))),
  });
}
