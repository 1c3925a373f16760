import type { AnyOperation, Operation, OperationId, Role, SuccessStatus, z } from '@holiday-peak-hub/contract';
import type { MockStore } from '../store/mock-store.ts';

type Out<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;
type Req<Op extends Operation> = NonNullable<Op['request']>;

/** The validated input of an operation, as its contract schemas parse it. */
export type InputOf<Op extends Operation> = {
  params: Out<Req<Op>['params']>;
  query: Out<Req<Op>['query']>;
  headers: Out<Req<Op>['headers']>;
  body: Req<Op>['body'] extends z.ZodType ? z.output<Req<Op>['body']> : undefined;
};

/** One of the operation's declared success statuses, with its body. */
export type ResultOf<Op extends Operation> = {
  [S in keyof Op['responses'] & SuccessStatus]: {
    status: S;
    body: Op['responses'][S] extends { schema: infer B } ? In<B> : undefined;
    headers?: Record<string, string>;
  };
}[keyof Op['responses'] & SuccessStatus];

export type ResolverContext<Op extends Operation> = {
  input: InputOf<Op>;
  store: MockStore;
  role: Role;
  requestId: string;
  /** The URL of a path on the mocked API (absolute when a base URL was given). */
  urlOf: (path: string) => string;
};

export type Resolver<Op extends Operation> = (ctx: ResolverContext<Op>) => ResultOf<Op>;

export type OperationById<K extends OperationId> = Extract<AnyOperation, { operationId: K }>;

/** One typed resolver for each operation id in K. */
export type ResolversFor<K extends OperationId> = { [P in K]: Resolver<OperationById<P>> };
