export * from './ids.ts';
export * from './schemas/index.ts';
export * from './address-rules.ts';
export * from './card-number.ts';
export * from './auth-operations.ts';
export * from './profile-operations.ts';
export * from './admin-user-operations.ts';
