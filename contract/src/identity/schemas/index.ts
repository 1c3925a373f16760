export * from './account.ts';
export * from './session.ts';
export * from './social-sign-in.ts';
export * from './email-links.ts';
export * from './two-factor.ts';
export * from './address.ts';
export * from './payment-method.ts';
