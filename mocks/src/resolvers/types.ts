import type { InputOf, Operation, OperationById, OperationId, ResultOf, Role } from '@holiday-peak-hub/contract';
import type { MockCookie } from '../http/respond.ts';
import type { MockStore } from '../store/mock-store.ts';

export type ResolverContext<Op extends Operation> = {
  input: InputOf<Op>;
  store: MockStore;
  role: Role;
  /** The caller's account (`null` for anonymous callers and guests). */
  userId: string | null;
  /** The caller's session (a fixed mock token is its own); `null` for anonymous callers. */
  sessionId: string | null;
  /** The request's cookies (msw adds those its cookie jar holds for the URL, in the browser). */
  cookies: Readonly<Record<string, string>>;
  requestId: string;
  /** The URL of a path on the mocked API (absolute when a base URL was given). */
  urlOf: (path: string) => string;
};

/** What a resolver answers: a declared status and body, and any cookies to set. */
export type ResolverResult<Op extends Operation> = ResultOf<Op> & { cookies?: readonly MockCookie[] };

export type Resolver<Op extends Operation> = (ctx: ResolverContext<Op>) => ResolverResult<Op>;

/** One typed resolver for each operation id in K. */
export type ResolversFor<K extends OperationId> = { [P in K]: Resolver<OperationById<P>> };
