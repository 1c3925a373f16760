import {
  authorizationFailure,
  expressPath,
  isValidRequestId,
  operations,
  type Operation,
} from '@holiday-peak-hub/contract';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { MockHttpError } from './http/mock-error.ts';
import { readRequest } from './http/read-request.ts';
import { respond, setCookieOf, type MockResult } from './http/respond.ts';
import { inRouteOrder } from './adapter/route-order.ts';
import { callerOf, type Caller, type TokenRefusal } from './identity/sessions.ts';
import { validateInput } from './http/validate-input.ts';
import { InvalidCursorError } from '@holiday-peak-hub/core';
import { resolvers } from './resolvers/all-resolvers.ts';
import type { ResolverContext } from './resolvers/types.ts';
import { createMockStore, type MockStore } from './store/mock-store.ts';

export type CreateHandlersOptions = {
  /**
   * Origin (and optional prefix) of the mocked API, e.g. `http://localhost:3000`. Default `*`:
   * any origin, which works both in the browser and in Node.
   */
  baseUrl?: string;
  /** The state to answer from; default a fresh `createMockStore()`. */
  store?: MockStore;
};

function authorize(op: Operation, caller: Caller | TokenRefusal): Caller {
  if ('refused' in caller) throw new MockHttpError('UNAUTHORIZED', caller.refused);
  const failure = authorizationFailure(op, caller.role);
  if (failure === 'UNAUTHORIZED') throw new MockHttpError('UNAUTHORIZED', 'A valid bearer token is required');
  if (failure === 'FORBIDDEN') {
    throw new MockHttpError('FORBIDDEN', 'Your role may not call this operation', {
      required: op.access,
      role: caller.role,
    });
  }
  return caller;
}

function errorResponse(error: unknown, request: Request, requestId: string, now: Date): Response {
  const known =
    error instanceof MockHttpError
      ? error
      : error instanceof InvalidCursorError
        ? new MockHttpError('INVALID_REQUEST', 'Invalid cursor', {
            issues: [{ in: 'query', path: 'cursor', message: error.message }],
          })
        : new MockHttpError('INTERNAL_SERVER_ERROR', 'Internal server error');
  if (!(error instanceof MockHttpError || error instanceof InvalidCursorError)) console.error('[mocks]', error);
  const headers = new Headers({ 'X-Request-ID': requestId, 'Cache-Control': 'no-store' });
  // As the server: a 401 names the scheme it wants.
  if (known.code === 'UNAUTHORIZED') headers.set('WWW-Authenticate', 'Bearer');
  const url = new URL(request.url);
  for (const cookie of known.cookies) headers.append('Set-Cookie', setCookieOf(cookie, url));
  return HttpResponse.json(known.envelope(requestId, now), { status: known.status, headers });
}

/**
 * MSW handlers for every operation of the contract, built by iterating `operations`: each one
 * finds the caller (the bearer token, else the `hph_access` cookie), checks its role, validates the
 * input with the operation's own schemas, and answers from the store as the server would.
 */
export function createHandlers(options: CreateHandlersOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? '*').replace(/\/+$/, '');
  const store = options.store ?? createMockStore();
  const urlOf = (path: string) => (baseUrl === '*' ? path : `${baseUrl}${path}`);
  let counter = 0;

  return inRouteOrder<Operation>(operations).map((op) => {
    const resolve = resolvers[op.operationId as keyof typeof resolvers] as (
      ctx: ResolverContext<Operation>,
    ) => MockResult;
    return http[op.method](`${baseUrl}${expressPath(op.path)}`, async ({ request, params, cookies }) => {
      const given = request.headers.get('x-request-id');
      counter += 1;
      const requestId = isValidRequestId(given) ? given : `req_mock_${counter.toString(36).padStart(6, '0')}`;
      try {
        const caller = authorize(op, callerOf(store, request.headers.get('authorization'), cookies));
        const input = validateInput(op, await readRequest(request, op.path, params));
        const result = resolve({
          input: input as ResolverContext<Operation>['input'],
          store,
          ...caller,
          cookies,
          requestId,
          urlOf,
        });
        return respond(op, request, result, requestId);
      } catch (error) {
        return errorResponse(error, request, requestId, store.now());
      }
    });
  });
}
