import {
  authorizationFailure,
  expressPath,
  isValidRequestId,
  operations,
  type Operation,
  type Role,
} from '@holiday-peak-hub/contract';
import { http, type HttpHandler } from 'msw';
import { MockHttpError } from './http/mock-error.ts';
import { readRequest } from './http/read-request.ts';
import { respond, type MockResult } from './http/respond.ts';
import { inRouteOrder } from './http/route-order.ts';
import { roleOfAuthorization } from './http/tokens.ts';
import { validateInput } from './http/validate-input.ts';
import { InvalidCursorError } from './query/paginate.ts';
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

function authorize(op: Operation, role: Role | undefined): Role {
  if (role === undefined)
    throw new MockHttpError('UNAUTHORIZED', 'The bearer token is not valid: use one of mockTokens');
  const failure = authorizationFailure(op, role);
  if (failure === 'UNAUTHORIZED') throw new MockHttpError('UNAUTHORIZED', 'A valid bearer token is required');
  if (failure === 'FORBIDDEN') {
    throw new MockHttpError('FORBIDDEN', 'Your role may not call this operation', { required: op.access, role });
  }
  return role;
}

function errorResponse(error: unknown, requestId: string, now: Date): Response {
  const known =
    error instanceof MockHttpError
      ? error
      : error instanceof InvalidCursorError
        ? new MockHttpError('INVALID_REQUEST', 'Invalid cursor', {
            issues: [{ in: 'query', path: 'cursor', message: error.message }],
          })
        : new MockHttpError('INTERNAL_SERVER_ERROR', 'Internal server error');
  if (!(error instanceof MockHttpError || error instanceof InvalidCursorError)) console.error('[mocks]', error);
  return Response.json(known.envelope(requestId, now), {
    status: known.status,
    headers: { 'X-Request-ID': requestId, 'Cache-Control': 'no-store' },
  });
}

/**
 * MSW handlers for every operation of the contract, built by iterating `operations`: each one
 * checks the token's role, validates the input with the operation's own schemas, and answers
 * from the store as the server would.
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
    return http[op.method](`${baseUrl}${expressPath(op.path)}`, async ({ request, params }) => {
      const given = request.headers.get('x-request-id');
      counter += 1;
      const requestId = isValidRequestId(given) ? given : `req_mock_${counter.toString(36).padStart(6, '0')}`;
      try {
        const role = authorize(op, roleOfAuthorization(request.headers.get('authorization')));
        const input = validateInput(op, await readRequest(request, op.path, params));
        const result = resolve({ input: input as ResolverContext<Operation>['input'], store, role, requestId, urlOf });
        return respond(op, request, result, requestId);
      } catch (error) {
        return errorResponse(error, requestId, store.now());
      }
    });
  });
}
