import * as z from 'zod';
import { API_VERSION } from '../common/version.ts';
import { EVENTS, type EventType } from '../events/registry.ts';

/**
 * The metadata the payloads are converted with: none. The schemas' `.meta()` (component ids,
 * descriptions, examples) is written for the OpenAPI document; the payloads stay plain JSON Schema.
 */
const PAYLOAD_METADATA = z.registry<Record<string, unknown>>();

/** AsyncAPI 3.0 description of the domain events: one channel per Event Hubs topic. */
export function buildAsyncApi() {
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const messages: Record<string, object> = {};
  const topics = new Map<string, EventType[]>();
  for (const [type, { topic }] of Object.entries(EVENTS) as [EventType, (typeof EVENTS)[EventType]][]) {
    topics.set(topic, [...(topics.get(topic) ?? []), type]);
  }
  for (const [type, { schema }] of Object.entries(EVENTS) as [EventType, (typeof EVENTS)[EventType]][]) {
    const payload = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      metadata: PAYLOAD_METADATA,
    });
    delete (payload as { $schema?: string }).$schema;
    messages[type] = {
      name: type,
      title: type,
      summary: type,
      contentType: 'application/json',
      payload,
    };
  }
  for (const [topic, types] of topics) {
    channels[topic] = {
      address: topic,
      description: `Event Hub \`${topic}\`. Partition key: the aggregate id (product, category, banner or user).`,
      messages: Object.fromEntries(types.map((t) => [t, { $ref: `#/components/messages/${t}` }])),
    };
    operations[`publish-${topic}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic}` },
      summary: `The API publishes to ${topic}.`,
      messages: types.map((t) => ({ $ref: `#/channels/${topic}/messages/${t}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Holiday Peak Hub domain events',
      version: API_VERSION,
      description:
        'Every state change of the API publishes one of these events to Azure Event Hubs, at least once (consumers de-duplicate on `event_id`).',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
