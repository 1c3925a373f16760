export * from './publisher.ts';
export * from './create-event.ts';
export * from './in-process-event-bus.ts';
export * from './outbox.ts';
export * from './outbox-relay.ts';
