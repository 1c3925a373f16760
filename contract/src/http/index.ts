export * from './authorization.ts';
export * from './etag-match.ts';
export * from './media-type.ts';
export * from './request-id.ts';
export * from './validate-operation-input.ts';
