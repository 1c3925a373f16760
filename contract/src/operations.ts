import { cartDomain } from './cart/domain.ts';
import { catalogDomain } from './catalog/domain.ts';
import { identityDomain } from './identity/domain.ts';
import { ordersDomain } from './orders/domain.ts';
import { promotionsDomain } from './promotions/domain.ts';
import { systemDomain } from './system/domain.ts';
import type { Operation } from './operation.ts';
import type { EventType } from './events/registry.ts';

/** Every domain of the API, in the reference's order. Adding a domain is adding it here (docs/architecture.md). */
export const domains = [
  catalogDomain,
  identityDomain,
  cartDomain,
  ordersDomain,
  promotionsDomain,
  systemDomain,
] as const;

export type AnyOperation = (typeof domains)[number]['operations'][number];
export type OperationId = AnyOperation['operationId'];

/** Every operation of the API. The server mounts exactly these; the spec lists exactly these. */
export const operations: readonly AnyOperation[] = domains.flatMap<AnyOperation>((domain) => domain.operations);

// Each domain's events are checked in its own list; here every operation against every event.
operations satisfies readonly Operation<EventType>[];
