import type * as z from 'zod';
import type { Operation, SuccessStatus } from './operation.ts';
import type { AnyOperation, OperationId } from './operations.ts';

/*
 * Transport-neutral types of an operation's input and output, derived from its contract schemas.
 * The server's handlers and the mocks' resolvers are both typed with these.
 */

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

/** What an operation may answer: one of its declared success statuses, with its body. */
export type ResultOf<Op extends Operation> = {
  [S in keyof Op['responses'] & SuccessStatus]: {
    status: S;
    body: Op['responses'][S] extends { schema: infer B } ? In<B> : undefined;
    headers?: Record<string, string>;
  };
}[keyof Op['responses'] & SuccessStatus];

/** The operation object of an operation id, with its literal types. */
export type OperationById<K extends OperationId> = Extract<AnyOperation, { operationId: K }>;
