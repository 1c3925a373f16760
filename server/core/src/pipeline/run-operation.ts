import {
  authorizationFailure,
  IDEMPOTENCY_KEY_HEADER,
  ifNoneMatchHits,
  validateOperationInput,
  type Operation,
  type SuccessStatus,
  type ValidatedOperationInput,
} from '@holiday-peak-hub/contract';
import { cachedRead } from '../platform/cache/cached-read.ts';
import type { CatalogCache } from '../platform/cache/catalog-cache.ts';
import type { IdempotencyStore } from '../platform/idempotency/idempotency-store.ts';
import { retryOnConflict } from '../platform/write-context.ts';
import type { Logger } from '../ports/logger.ts';
import type { Authenticator } from './authenticate.ts';
import { errorEnvelope } from './envelope.ts';
import { AppError, ForbiddenError, InvalidRequestError, RateLimitedError, UnauthorizedError } from './errors.ts';
import type { CookieOptions, Exchange, ResponseCookie } from './exchange.ts';
import type { Caller, Handler } from './handler.ts';
import { answerOnce, fingerprintOf, idempotencyScopeOf } from './idempotency.ts';
import { representationOf } from './representation.ts';
import type { CoreRequest, CoreResponse } from './request.ts';

/** What the pipeline needs around the handlers, the same for every transport. */
export interface PipelineDeps {
  authenticate: Authenticator;
  logger: Logger;
  clock: () => Date;
  /** Check every response against the operation's declared schema (development and tests). */
  validateResponses: boolean;
  /** Counts a call of a rate-limited operation from a client address; `allowed: false` is answered 429. */
  limitByIp(
    operationId: string,
    ip: string,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  /**
   * Answers of public reads (operations with `cache`), kept by operation and raw input: a hit skips
   * validation and the handler. Whoever changes what they show must clear it (the catalog clears
   * it on every catalog event). None: every read runs its handler.
   */
  responseCache?: CatalogCache | undefined;
  /**
   * Keys of operations with `idempotency` (`Idempotency-Key`), and their answers for replays.
   * Required when one of them is served (`assertIdempotencyStore` at startup; else such a call is a 500).
   */
  idempotency?: IdempotencyStore | undefined;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A successful answer before the per-request headers: what the response cache keeps. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

function authorize(op: Operation, caller: Caller): void {
  const failure = authorizationFailure(op, caller.role);
  if (failure === 'UNAUTHORIZED') throw new UnauthorizedError();
  if (failure === 'FORBIDDEN') {
    throw new ForbiddenError('Your role may not call this operation', { required: op.access, role: caller.role });
  }
}

function validateInput(op: Operation, request: CoreRequest) {
  const result = validateOperationInput(op, {
    params: request.params,
    query: request.query,
    headers: request.headers,
    contentType: headerOf(request, 'content-type'),
    hasBody: request.hasBody,
    body: request.body,
  });
  if (result.ok) return result.input;
  if (result.code === 'UNSUPPORTED_MEDIA_TYPE') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  throw new InvalidRequestError('The request is not valid: see details.issues', result.issues);
}

function checkResponse(op: Operation, result: HandlerResult, logger: Logger, requestId: string): void {
  const spec = op.responses[result.status as SuccessStatus];
  if (!spec) {
    logger.error(
      { operationId: op.operationId, status: result.status, requestId },
      'handler answered an undeclared status',
    );
    throw new Error(`${op.operationId} answered undeclared status ${result.status}`);
  }
  if (!spec.schema) return;
  const parsed = spec.schema.safeParse(result.body);
  if (!parsed.success) {
    logger.error(
      { operationId: op.operationId, status: result.status, requestId, issues: parsed.error.issues },
      'response breaks the contract',
    );
    throw new Error(`${op.operationId} answered a body that breaks its contract`);
  }
}

function headerOf(request: CoreRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The exchange of one request: its cookies in, the cookies the call sets collected for the response. */
function exchangeOf(request: CoreRequest, cookies: ResponseCookie[]): Exchange {
  return {
    ip: request.ip,
    userAgent: headerOf(request, 'user-agent')?.slice(0, 256) ?? null,
    rawBody: request.rawBody,
    cookie: (name) => request.cookies[name],
    setCookie: (name, value, options: CookieOptions) => cookies.push({ ...options, name, value }),
    clearCookie: (name, options: CookieOptions) => cookies.push({ ...options, name, value: '', maxAge: 0 }),
  };
}

/**
 * Whether a conflict of a conditional write is the caller's answer: only when the operation
 * declares 412 and the caller named a version (`If-Match`). Any other conflict is one the caller
 * did not ask for: the handler is run again on fresh reads (`retryOnConflict`), so a path that
 * forgot its own retry still answers only what its operation declares.
 */
function conflictIsTheCallers(op: Operation, request: CoreRequest): boolean {
  return op.errors.includes('PRECONDITION_FAILED') && headerOf(request, 'if-match') !== undefined;
}

/**
 * The answer to an error: the envelope for an AppError (its status and headers), a bare 500 with
 * the request id for anything else. Every error response of every adapter is made here.
 */
export function errorResponse(
  err: unknown,
  requestId: string,
  deps: Pick<PipelineDeps, 'logger' | 'clock'>,
  cookies: ResponseCookie[] = [],
): CoreResponse {
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'Content-Type': JSON_CONTENT_TYPE,
    'X-Request-ID': requestId,
  };
  if (err instanceof AppError) {
    if (err.status >= 500) deps.logger.warn({ err, requestId, code: err.code }, err.message);
    Object.assign(headers, err.headers);
    const body = errorEnvelope(err.code, err.message, err.details, requestId, deps.clock());
    return { status: err.status, headers, cookies, body: JSON.stringify(body) };
  }
  deps.logger.error({ err, requestId }, 'unhandled error');
  const body = errorEnvelope('INTERNAL_SERVER_ERROR', 'An unexpected error occurred', {}, requestId, deps.clock());
  return { status: 500, headers, cookies, body: JSON.stringify(body) };
}

/**
 * What the response cache keys a request by: the operation, the minute (what is active, such as a
 * banner's window, changes at most a minute late) and the raw path and query (the same raw input
 * validates the same way and gets the same answer).
 */
function responseKey(op: Operation, request: CoreRequest, now: Date): string {
  const target = request.target ?? `${JSON.stringify(request.params)}${JSON.stringify(request.query)}`;
  return `${op.operationId}:${Math.floor(now.getTime() / 60_000)}:${target}`;
}

/** `Cache-Control` of an operation's successful answers. */
export function cacheControlOf(op: Operation): string {
  return op.cache
    ? `public, max-age=${op.cache.maxAgeSeconds}, stale-while-revalidate=${op.cache.staleWhileRevalidateSeconds}`
    : 'no-store';
}

/**
 * The handler's answer (`produce`), once per `Idempotency-Key` for an operation with `idempotency`
 * that was sent one (`answerOnce`: kept 2xx and 4xx answers replayed, 409 while running, 422 for
 * other input); else every time. It runs after validation, so a refused input keeps nothing.
 */
async function onceByKey(
  op: Operation,
  input: ValidatedOperationInput,
  caller: Caller,
  request: CoreRequest,
  deps: PipelineDeps,
  produce: () => Promise<Answer>,
): Promise<Answer> {
  const key = op.idempotency ? (input.headers as Record<string, unknown>)[IDEMPOTENCY_KEY_HEADER] : undefined;
  if (typeof key !== 'string') return produce();
  if (!deps.idempotency) throw new Error(`${op.operationId} declares idempotency but the pipeline has no store`);
  const { requestId } = request;
  const call = {
    store: deps.idempotency,
    scope: idempotencyScopeOf(caller, request.ip),
    key,
    fingerprint: await fingerprintOf(op.operationId, input),
    now: deps.clock(),
    logger: deps.logger,
    requestId,
  };
  return answerOnce(call, produce, (err) => {
    // The envelope as `errorResponse` makes it, less the headers of each request (added by the caller).
    const { status, headers, body } = errorResponse(err, requestId, deps);
    delete headers['X-Request-ID'];
    delete headers['Cache-Control'];
    return { status, headers, ...(body === undefined ? {} : { body }) };
  });
}

/**
 * Runs one operation for one request, whatever carried it: rate limit → identify the caller →
 * authorize → validate input → (once per idempotency key) typed handler (run again on a conflict the caller did not ask
 * for) → (check the response) → caching headers and
 * `If-None-Match` → 304. Never throws: every failure is answered with the error envelope.
 */
export async function runOperation<Op extends Operation>(
  op: Op,
  handler: Handler<Op>,
  request: CoreRequest,
  deps: PipelineDeps,
): Promise<CoreResponse> {
  const { requestId } = request;
  const cookies: ResponseCookie[] = [];
  try {
    const http = exchangeOf(request, cookies);
    if (op.rateLimited) {
      const verdict = await deps.limitByIp(op.operationId, request.ip);
      if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
    }
    const caller = await deps.authenticate(request, op.access !== 'public');
    authorize(op, caller);
    const answer = async (): Promise<Answer> => {
      const input = validateInput(op, request);
      const run = async () => (await handler({ input: input as never, caller, requestId, http })) as HandlerResult;
      return onceByKey(op, input, caller, request, deps, async () => {
        const result = conflictIsTheCallers(op, request)
          ? await run()
          : await retryOnConflict(() => {
              cookies.length = 0;
              return run();
            });
        if (deps.validateResponses) checkResponse(op, result, deps.logger, requestId);
        if (result.status === 204 || result.body === undefined)
          return { status: result.status, headers: { ...result.headers } };
        const representation = representationOf(result.body);
        const headers: Record<string, string> = { ...result.headers, 'Content-Type': JSON_CONTENT_TYPE };
        if (op.cache && result.status === 200) headers.ETag = result.headers?.ETag ?? representation.etag;
        return { status: result.status, headers, body: representation.json };
      });
    };
    const { status, headers, body } =
      op.cache && deps.responseCache
        ? (
            await cachedRead(deps.responseCache, deps.logger, responseKey(op, request, deps.clock()), async () => ({
              body: await answer(),
            }))
          ).body
        : await answer();
    const out: Record<string, string> = {
      ...headers,
      'Cache-Control': cacheControlOf(op),
      'X-Request-ID': requestId,
    };
    if (op.cache && status === 200) {
      out.Vary = 'Accept-Encoding, Origin';
      const etag = out.ETag;
      if (etag !== undefined && ifNoneMatchHits(headerOf(request, 'if-none-match'), etag)) {
        delete out['Content-Type'];
        return { status: 304, headers: out, cookies };
      }
    }
    return { status, headers: out, cookies, ...(body === undefined ? {} : { body }) };
  } catch (err) {
    return errorResponse(err, requestId, deps, cookies);
  }
}
