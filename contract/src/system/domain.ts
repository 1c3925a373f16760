import { defineDomain } from '../domain.ts';
import { systemOperations } from './operations.ts';

export const systemDomain = defineDomain({
  name: 'system',
  tags: [{ name: 'System', description: 'Health, readiness and signing keys.' }],
  operations: systemOperations,
});
