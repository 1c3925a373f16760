import type { AnyOperation, Operation, OperationId, Role, SuccessStatus, z } from '@holiday-peak-hub/contract';

type Out<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;
type Req<Op extends Operation> = NonNullable<Op['request']>;

/** The validated input of an operation, as its contract schemas parse it. */
export interface InputOf<Op extends Operation> {
  params: Out<Req<Op>['params']>;
  query: Out<Req<Op>['query']>;
  headers: Out<Req<Op>['headers']>;
  body: Req<Op>['body'] extends z.ZodType ? z.output<Req<Op>['body']> : undefined;
}

/** What a handler may answer: one of the operation's declared success statuses, with its body. */
export type ResultOf<Op extends Operation> = {
  [S in keyof Op['responses'] & SuccessStatus]: {
    status: S;
    body: Op['responses'][S] extends { schema: infer B } ? In<B> : undefined;
    headers?: Record<string, string>;
  };
}[keyof Op['responses'] & SuccessStatus];

/** Who is calling: from a verified bearer token, or anonymous. */
export interface Caller {
  role: Role;
  /** Subject of the token (`sub`); null for anonymous callers. */
  userId: string | null;
  email: string | null;
  /** Issuer of the token that authenticated the caller; null for anonymous callers. */
  issuer: string | null;
}

export interface HandlerContext<Op extends Operation> {
  input: InputOf<Op>;
  caller: Caller;
  /** The request id, also the correlation id of any event the call publishes. */
  requestId: string;
}

export type Handler<Op extends Operation> = (ctx: HandlerContext<Op>) => Promise<ResultOf<Op>>;

export type OperationById<K extends OperationId> = Extract<AnyOperation, { operationId: K }>;

/** One typed handler for each operation id in K. */
export type HandlersFor<K extends OperationId> = { [P in K]: Handler<OperationById<P>> };

/** A handler for every operation of the contract: the app cannot start with one missing. */
export type Handlers = HandlersFor<OperationId>;
