export * from './build-openapi.ts';
export * from './build-asyncapi.ts';
export { API_VERSION } from '../common/version.ts';
