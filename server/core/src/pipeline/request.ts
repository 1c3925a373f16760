import type { ResponseCookie } from './exchange.ts';

/** A request as every adapter hands it to the core: already routed to one operation. */
export interface CoreRequest {
  method: string;
  /** Path parameters, by the names the operation's path gives them. */
  params: Record<string, string>;
  /** A repeated key is an array, as Express's query parser makes it. */
  query: Record<string, unknown>;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
  /** Whether the request carried a body (a length or a transfer encoding). */
  hasBody: boolean;
  /** The parsed JSON body: adapters parse it only for operations that declare one. */
  body: unknown;
  /** The body as received, kept by adapters for `RAW_BODY_OPERATIONS` only (a signature covers its exact bytes). */
  rawBody?: string | undefined;
  ip: string;
  /** The request id (the caller's `X-Request-ID` when well-formed, else made by the adapter). */
  requestId: string;
  /** The raw path and query string as received (keys the response cache); absent: built from params and query. */
  target?: string;
}

/** What the core answers: the adapter writes it out as is (a HEAD answer drops the body). */
export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  cookies: ResponseCookie[];
  /** Serialized JSON; absent for 204 and 304. */
  body?: string;
}

/**
 * Operations whose handler needs the body exactly as received, beside the parsed one: a webhook
 * signature is computed over the raw bytes, which re-serialized JSON does not reproduce.
 */
export const RAW_BODY_OPERATIONS: ReadonlySet<string> = new Set(['receivePaymentWebhook']);
