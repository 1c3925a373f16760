// Orders: placing the cart as an order (stock, promo use, payment), reading, cancelling and shipping it.
export * from './documents.ts';
export * from './ports.ts';
export * from './order-id.ts';
export * from './mapping.ts';
export * from './placement-checks.ts';
export * from './order-draft.ts';
export * from './order-placement.ts';
export * from './order-reads.ts';
export * from './order-cancel.ts';
export * from './shipment-events.ts';
export * from './handlers.ts';
export * from './memory/memory-order-repository.ts';
export * from './memory/memory-orders.ts';
