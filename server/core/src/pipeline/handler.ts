import type { InputOf, Operation, OperationById, OperationId, ResultOf, Role } from '@holiday-peak-hub/contract';
import type { Exchange } from './exchange.ts';

/** Who is calling: from a verified bearer token or session cookie, or anonymous. */
export interface Caller {
  role: Role;
  /** Subject of the token (`sub`): a user id, a guest id, or an external identity; null for anonymous callers. */
  userId: string | null;
  email: string | null;
  /** Issuer of the token that authenticated the caller; null for anonymous callers. */
  issuer: string | null;
  /** The session of one of our own tokens (`sid`); null for external tokens and anonymous callers. */
  sessionId: string | null;
}

export const ANONYMOUS: Caller = { role: 'anonymous', userId: null, email: null, issuer: null, sessionId: null };

export interface HandlerContext<Op extends Operation> {
  input: InputOf<Op>;
  caller: Caller;
  /** The request id, also the correlation id of any event the call publishes. */
  requestId: string;
  /** Client address and cookies, the little of the transport a few operations need. */
  http: Exchange;
}

export type Handler<Op extends Operation> = (ctx: HandlerContext<Op>) => Promise<ResultOf<Op>>;

/** One typed handler for each operation id in K. */
export type HandlersFor<K extends OperationId> = { [P in K]: Handler<OperationById<P>> };

/** A handler for every operation of the contract: nothing can start with one missing. */
export type Handlers = HandlersFor<OperationId>;
