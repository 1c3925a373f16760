import type { Operation } from './operation.ts';

/** A group of operations in the reference (a Redoc sidebar entry). */
export interface ApiTag {
  readonly name: string;
  readonly description: string;
}

/**
 * One domain of the API as the contract declares it: its operations and the reference's tags for
 * them. The operation list, the OpenAPI document and the server and mocks loop over `domains`.
 */
export interface ContractDomain<Ops extends readonly Operation[] = readonly Operation[]> {
  readonly name: string;
  readonly tags: readonly ApiTag[];
  readonly operations: Ops;
}

/** Keeps the literal types of a domain's operations. */
export function defineDomain<const D extends ContractDomain>(domain: D): D {
  return domain;
}
