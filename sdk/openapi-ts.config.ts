// Generates sdk/src/gen from the committed contract documents. Run: npm run generate -w @holiday-peak-hub/sdk
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@hey-api/openapi-ts';

interface AsyncApi {
  channels: Record<string, { address: string; description?: string }>;
  components: { messages: Record<string, { name: string; summary?: string; payload: object }> };
}

type Schemas = Record<string, object>;

/**
 * The domain events of contract/asyncapi.json as schemas, for the types plugin to emit beside the
 * HTTP types: one schema per event type (its envelope), `EventType`, `EventHub` and `DomainEvent`,
 * the union of every event discriminated by `event_type`. No operation refers to them, so they add
 * types only: the SDK's functions and the HTTP types stay as the OpenAPI document makes them.
 */
function eventSchemas(): Schemas {
  const path = fileURLToPath(new URL('../contract/asyncapi.json', import.meta.url));
  const asyncApi = JSON.parse(readFileSync(path, 'utf8')) as AsyncApi;
  const events = Object.values(asyncApi.components.messages);
  return {
    ...Object.fromEntries(events.map((event) => [event.name, event.payload])),
    EventType: {
      type: 'string',
      enum: events.map((event) => event.name),
      description: 'Every type of domain event (`event_type`).',
    },
    EventHub: {
      type: 'string',
      enum: Object.values(asyncApi.channels).map((channel) => channel.address),
      description: 'The Event Hubs the domain events travel on, one per event family.',
    },
    DomainEvent: {
      // Each event's `event_type` is a constant: the union is discriminated by it without a `discriminator`
      // (which would make the types plugin intersect each member with its `event_type` again).
      oneOf: events.map((event) => ({ $ref: `#/components/schemas/${event.name}` })),
      description:
        'Any domain event of the API (the JSON body of an Event Hubs message), discriminated by `event_type`: `switch (event.event_type)` narrows it.',
    },
  };
}

interface HeaderParameter {
  in?: string;
  name?: string;
  required?: boolean;
  description?: string;
  schema?: { description?: string };
}

const SDK_KEY_NOTE =
  ' The SDK sends a new random key when you pass none, and the same key again when it retries the call: pass your own to keep one key across your own retries.';

/**
 * Every client from `createHolidayPeakClient` fills `Idempotency-Key` itself (src/idempotency.ts), so the SDK's types
 * make the header optional where the API requires it: the server still refuses a request without one.
 */
function idempotencyKeyOptional(paths: Record<string, Record<string, unknown>>): void {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const parameters = (operation as { parameters?: HeaderParameter[] } | undefined)?.parameters ?? [];
      for (const parameter of parameters) {
        if (parameter.in !== 'header' || parameter.name?.toLowerCase() !== 'idempotency-key') continue;
        parameter.required = false;
        parameter.description = `${parameter.description ?? ''}${SDK_KEY_NOTE}`;
        if (parameter.schema?.description) parameter.schema.description += SDK_KEY_NOTE;
      }
    }
  }
}

export default defineConfig({
  input: '../contract/openapi.json',
  parser: {
    patch: {
      input: (spec) => {
        if (!('components' in spec)) throw new Error('contract/openapi.json: an OpenAPI 3 document expected');
        const schemas = (spec.components ??= {}).schemas ?? {};
        const events = eventSchemas();
        const clash = Object.keys(events).filter((name) => name in schemas);
        if (clash.length > 0) throw new Error(`event schemas clash with HTTP schemas: ${clash.join(', ')}`);
        spec.components.schemas = { ...schemas, ...events } as typeof schemas;
        idempotencyKeyOptional((spec.paths ?? {}) as Record<string, Record<string, unknown>>);
      },
    },
  },
  output: {
    path: 'src/gen',
    module: { extension: '.js' },
    // The repo's .prettierignore lists sdk/src/gen, so the formatter is called without it: output stays byte-stable.
    postProcess: [{ command: 'prettier', args: ['{{path}}', '--write', '--log-level', 'warn', '--ignore-path', ''] }],
  },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', '@tanstack/react-query'],
});
