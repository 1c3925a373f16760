export * from './errors.ts';
export * from './roles.ts';
export * from './money.ts';
export * from './paging.ts';
export * from './query.ts';
export * from './headers.ts';
export * from './version.ts';
