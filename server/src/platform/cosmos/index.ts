export * from './connect.ts';
export * from './embedded-server.ts';
export * from './containers.ts';
export * from './ensure-containers.ts';
export * from './readiness.ts';
export * from './cursor.ts';
export * from './query-page.ts';
export * from './cosmos-errors.ts';
