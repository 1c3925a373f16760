export * from './envelope.ts';
export * from './catalog.ts';
export * from './identity.ts';
export * from './promotions.ts';
export * from './orders.ts';
export * from './registry.ts';
export * from './consumer-groups.ts';
