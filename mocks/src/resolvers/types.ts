import type { InputOf, Operation, OperationById, OperationId, ResultOf, Role } from '@holiday-peak-hub/contract';
import type { MockStore } from '../store/mock-store.ts';

export type ResolverContext<Op extends Operation> = {
  input: InputOf<Op>;
  store: MockStore;
  role: Role;
  requestId: string;
  /** The URL of a path on the mocked API (absolute when a base URL was given). */
  urlOf: (path: string) => string;
};

export type Resolver<Op extends Operation> = (ctx: ResolverContext<Op>) => ResultOf<Op>;

/** One typed resolver for each operation id in K. */
export type ResolversFor<K extends OperationId> = { [P in K]: Resolver<OperationById<P>> };
