export * from './mailer.ts';
export * from './smtp-mailer.ts';
export * from './memory-mailer.ts';
