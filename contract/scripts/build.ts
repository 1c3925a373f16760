/** Writes contract/openapi.json and contract/asyncapi.json from the Zod contract. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operations } from '@holiday-peak-hub/contract';
import { buildAsyncApi, buildOpenApi } from '@holiday-peak-hub/contract/openapi';

const out = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

writeFileSync(out('openapi.json'), json(buildOpenApi(operations)));
writeFileSync(out('asyncapi.json'), json(buildAsyncApi()));
console.log(`contract: ${operations.length} operations → openapi.json, asyncapi.json`);
