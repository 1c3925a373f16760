// Payments: the gateway port orders pay through, its errors, Stripe's shapes and the in-process test mode.
export * from './gateway.ts';
export * from './errors.ts';
export * from './stripe-shapes.ts';
export * from './webhook-signature.ts';
export * from './test-gateway-scenario.ts';
export * from './test-gateway.ts';
