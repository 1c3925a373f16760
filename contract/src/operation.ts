import type * as z from 'zod';
import type { ErrorCode } from './common/errors.ts';
import type { Role } from './common/roles.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type SuccessStatus = 200 | 201 | 202 | 204 | 304;

/** A response header; its value is always a string. */
export interface HeaderSpec {
  readonly description: string;
}

export interface ResponseSpec {
  readonly description: string;
  /** Body schema; absent for 204/304. */
  readonly schema?: z.ZodType;
  readonly headers?: Readonly<Record<string, HeaderSpec>>;
}

export interface RequestSpec {
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
}

/**
 * One API operation, written once. The OpenAPI builder, the server's `mount`, the SDK (through
 * OpenAPI), the mocks and the docs all read this object; nothing restates it.
 *
 * `Event` narrows `publishes`: this core type knows no domain, so each domain's operation list
 * `satisfies readonly Operation<ItsEventType>[]`, and `operations` the union of them all.
 */
export interface Operation<Event extends string = string> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI-style path: `/api/products/{id}`. */
  readonly path: string;
  readonly tags: readonly [string, ...string[]];
  readonly summary: string;
  readonly description: string;
  /** Who may call it: `public` (no token needed), or the roles allowed (admin implies staff). */
  readonly access: 'public' | readonly [Role, ...Role[]];
  /**
   * A public operation that still uses the caller's session when one is sent (an order read: its
   * owner needs no email). The reference lists no security requirement as one option, so clients send
   * their token when they have one.
   */
  readonly optionalAuth?: true;
  readonly request?: RequestSpec;
  readonly responses: Readonly<Partial<Record<SuccessStatus, ResponseSpec>>>;
  /** Domain errors it can answer besides the generic ones every operation may give. */
  readonly errors: readonly ErrorCode[];
  /** Public reads: sent with `Cache-Control: public` and answer `If-None-Match` with 304. */
  readonly cache?: { readonly maxAgeSeconds: number; readonly staleWhileRevalidateSeconds: number };
  /** Writes that honour `If-Match` (412 on a stale ETag). */
  readonly concurrency?: 'if-match';
  /** Rate limited per client IP (and per account where one is named): may answer 429 with `Retry-After`. */
  readonly rateLimited?: boolean;
  /**
   * Takes an `Idempotency-Key` header (Stripe's semantics): the first answer to a key (2xx or 4xx)
   * is replayed for 24 h with `Idempotent-Replayed: true`, so a client may retry a write it lost the
   * answer of. The same key with other input is refused (422 `IDEMPOTENCY_KEY_REUSED`), a key still
   * being answered too (409 `IDEMPOTENCY_KEY_IN_USE`). `required`: a call without a key is a 400.
   */
  readonly idempotency?: 'required' | 'optional';
  /** Domain events a successful call publishes. */
  readonly publishes?: readonly Event[];
  readonly deprecated?: boolean;
}

/** Identity function that keeps the literal types of an operation for typed handlers. */
export function defineOperation<const T extends Operation>(operation: T): T {
  return operation;
}

/** Express-style path (`/api/products/:id`) of an OpenAPI-style path. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}
