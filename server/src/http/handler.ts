import type { InputOf, Operation, OperationById, OperationId, ResultOf, Role } from '@holiday-peak-hub/contract';

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

/** One typed handler for each operation id in K. */
export type HandlersFor<K extends OperationId> = { [P in K]: Handler<OperationById<P>> };

/** A handler for every operation of the contract: the app cannot start with one missing. */
export type Handlers = HandlersFor<OperationId>;
