export * from './schemas.ts';
export * from './operations/index.ts';
