import * as z from 'zod';
import { API_VERSION } from '../common/version.ts';
import {
  CONSUMER_GROUPS,
  topicsOfGroup,
  type ConsumerDelivery,
  type ConsumerGroup,
} from '../events/consumer-groups.ts';
import { EVENTS, type EventType } from '../events/registry.ts';

/**
 * The metadata the payloads are converted with: none, so that the payloads stay plain JSON Schema
 * (the schemas' `.meta()` ids would make `$defs` and `$ref`s). Only their descriptions and
 * examples are carried over, by `carryMeta` below.
 */
const PAYLOAD_METADATA = z.registry<Record<string, unknown>>();

const SERVER = 'event-hubs';
const CORRELATION_ID = 'correlation_id';

/** What each envelope field means, where its schema says nothing of it. */
const ENVELOPE_FIELDS: Record<string, string> = {
  event_type: 'The event type: selects the shape of `data`.',
  event_version:
    'The version of this event type\'s shape (`"1.0"`). A new version is a new contract: ignore versions you do not know.',
  timestamp: 'When the change happened (UTC, ISO 8601), as the API clock saw it.',
  source: 'The service that published it.',
  data: 'The facts of the change: ids, roles, what changed. No personal data, except `actor` on user events (the admin who changed another account).',
};

const DELIVERY: Record<ConsumerDelivery, string> = {
  shared:
    "Delivery `shared`: the processes of the group share the partitions and the group's checkpoints (Blob Storage), so each event is applied by one of them; a process that stops mid-batch leaves the batch to be delivered again (at least once).",
  'every-replica':
    'Delivery `every-replica`: every API process reads every partition, from about the time it started, without checkpoints, and applies every event to the state it holds itself.',
};

const DEAD_LETTERS =
  'A body that is no valid event, or an event its handler still fails after retries, goes to the dead letters (Cosmos DB container `dead_letters`) and the partition moves on.';

const INFO_DESCRIPTION = `Every state change of the Holiday Peak Hub API publishes one of these events to Azure Event Hubs: one Event Hub per event family (\`product-events\`, \`user-events\`, \`promotion-events\`, \`order-events\`, \`inventory-events\`, \`payment-events\`, \`shipping-events\`).

**Envelope.** The body of every event is one JSON envelope (\`application/json\`):

- \`event_id\`: unique per event. Delivery is at least once: de-duplicate on it.
- \`event_type\`, \`event_version\`: select the shape of \`data\` (the messages below). Ignore versions you do not know.
- \`timestamp\`: when the change happened; \`source\`: the publishing service.
- \`data\`: the facts of the change (ids, roles, changed fields). No personal data, except \`actor\` on user events: the admin who changed another account, for the audit trail.
- \`correlation_id\`: the \`X-Request-ID\` of the HTTP call that caused it; \`causation_id\`: the event that caused it, or \`null\`.

**Message properties.** The event id is the AMQP \`messageId\` and the correlation id the \`correlationId\`; the application properties (the message \`headers\` below) repeat \`event_type\`, \`event_version\`, \`source\` and, when set, \`causation_id\`, so a consumer can filter without parsing the body.

**Partitioning and order.** The partition key of each event is the id of its aggregate (\`x-eventhubs-partition-key\` on each message names the field): one product's, category's, banner's or user's events share a partition and arrive in the order they happened. Events of different aggregates are not ordered with respect to each other.

**The order SAGA.** Placing an order publishes \`OrderCreated\` and \`InventoryReserved\` (stock is reserved before the order exists). The payment's authorization, reported by the shopper's confirm or by Stripe's webhook, whichever comes first, publishes \`PaymentAuthorized\` once. The API's consumer group \`order-saga\` then captures the payment (\`PaymentProcessed\`, the order \`paid\`: \`OrderStatusChanged\`) and schedules the shipment (\`ShipmentScheduled\`, the order \`processing\`). A declined card publishes \`PaymentFailed\` and the order waits for another; a cancellation or an order unpaid after 30 minutes publishes \`OrderCancelled\`, \`InventoryReleased\` and \`PaymentVoided\` (nothing was captured) or \`RefundProcessed\` (it was). Every step re-reads the order and acts on its state, so redeliveries and events arriving before the write they follow change nothing twice. One order's events share its partition key (\`order_id\`) on each hub, but the SAGA spans four hubs: events of one order on different hubs are not ordered with respect to each other.

**Consuming.** Read a hub in a consumer group of your own (the operator creates it), checkpointing in Blob Storage. The \`receive\` operations describe the API's own consumer groups (\`x-eventhubs-consumer-group\`, \`x-eventhubs-delivery\`).`;

/** Copies a schema's `.meta()` description and example onto its JSON Schema, without its id. */
function carryMeta(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) {
  const meta = z.globalRegistry.get(ctx.zodSchema as z.ZodType) as
    { description?: string; example?: unknown } | undefined;
  if (meta?.description !== undefined) ctx.jsonSchema.description = meta.description;
  if (meta?.example !== undefined) ctx.jsonSchema.examples = [meta.example];
}

type JsonSchema = { properties?: Record<string, JsonSchema>; [keyword: string]: unknown };

/** The envelope of one event type as JSON Schema, each envelope field described. */
function payloadOf(type: EventType): JsonSchema {
  const payload = z.toJSONSchema(EVENTS[type].schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    metadata: PAYLOAD_METADATA,
    override: carryMeta,
  }) as JsonSchema;
  delete payload.$schema;
  for (const [field, description] of Object.entries(ENVELOPE_FIELDS)) {
    const property = payload.properties?.[field];
    if (property && property.description === undefined) property.description = description;
  }
  return payload;
}

/** The application properties of one event type's messages, as the publisher sets them. */
function headersOf(type: EventType, payload: JsonSchema) {
  const version = payload.properties?.event_version?.const;
  return {
    type: 'object',
    description:
      'The AMQP application properties of the message (`properties` of the Event Hubs client): they repeat envelope fields, so a consumer can filter or route without parsing the body. Other properties (tracing) may be present.',
    properties: {
      event_type: { type: 'string', const: type, description: "The envelope's `event_type`." },
      event_version: { type: 'string', const: version, description: "The envelope's `event_version`." },
      source: { type: 'string', description: "The envelope's `source`." },
      causation_id: {
        type: 'string',
        description: "The envelope's `causation_id`; absent when it is `null`.",
      },
    },
    required: ['event_type', 'event_version', 'source'],
  };
}

/**
 * AsyncAPI 3.0 description of the domain events on Azure Event Hubs: the namespace as server, one
 * channel per hub, one message per event type (envelope, application properties, correlation id,
 * partition key), the API's publish operations and the `receive` operations of its own consumer groups.
 */
export function buildAsyncApi() {
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const messages: Record<string, object> = {};
  const topics = new Map<string, EventType[]>();
  for (const [type, { topic }] of Object.entries(EVENTS) as [EventType, (typeof EVENTS)[EventType]][]) {
    topics.set(topic, [...(topics.get(topic) ?? []), type]);
  }
  for (const [type, { topic, key, schema }] of Object.entries(EVENTS) as [EventType, (typeof EVENTS)[EventType]][]) {
    const payload = payloadOf(type);
    messages[type] = {
      name: type,
      title: type,
      summary: schema.meta()?.description ?? type,
      description:
        `Travels on the Event Hub \`${topic}\` with partition key \`data.${key}\` (\`x-eventhubs-partition-key\`): ` +
        `the events of one aggregate arrive in order. The body is the JSON envelope; \`messageId\` is its \`event_id\`, ` +
        `\`correlationId\` its \`correlation_id\`.`,
      contentType: 'application/json',
      headers: headersOf(type, payload),
      correlationId: { $ref: `#/components/correlationIds/${CORRELATION_ID}` },
      payload,
      'x-eventhubs-partition-key': `$message.payload#/data/${key}`,
      'x-eventhubs-message-properties': {
        messageId: '$message.payload#/event_id',
        correlationId: `$message.payload#/${CORRELATION_ID}`,
        contentType: 'application/json',
      },
    };
  }
  for (const [topic, types] of topics) {
    const keys = [...new Set(types.map((type) => `\`data.${EVENTS[type].key}\``))];
    channels[topic] = {
      address: topic,
      title: `Event Hub ${topic}`,
      description:
        `Event Hub \`${topic}\`: ${types.map((t) => `\`${t}\``).join(', ')}. ` +
        `Partitioned by aggregate: the partition key of each event is its aggregate's id (${keys.join(', ')}, ` +
        `per message in \`x-eventhubs-partition-key\`), so one aggregate's events stay in order on one partition; ` +
        `there is no order across partitions.`,
      servers: [{ $ref: `#/servers/${SERVER}` }],
      messages: Object.fromEntries(types.map((t) => [t, { $ref: `#/components/messages/${t}` }])),
    };
    operations[`publish-${topic}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic}` },
      summary: `The API publishes to ${topic}.`,
      description:
        'A write stores its events in the same database document as the change (the outbox) and the API publishes them right after the write, with short retries. If the hub is away they stay in the outbox and a relay publishes them once it is back: at least once, so an event may arrive twice.',
      messages: types.map((t) => ({ $ref: `#/channels/${topic}/messages/${t}` })),
    };
  }
  const reactions = (group: ConsumerGroup) =>
    group.publishes ? ` In reaction it publishes ${group.publishes.map((t) => `\`${t}\``).join(', ')}.` : '';
  for (const group of Object.values(CONSUMER_GROUPS)) {
    for (const topic of topicsOfGroup(group)) {
      const types = group.types.filter((type) => EVENTS[type].topic === topic);
      operations[`receive-${group.name}-${topic}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${topic}` },
        title: `Consumer group ${group.name}`,
        summary: `The API's consumer group \`${group.name}\` reads ${topic}.`,
        description: `${group.description}${reactions(group)}\n\n${DELIVERY[group.delivery]} ${DEAD_LETTERS}`,
        messages: types.map((t) => ({ $ref: `#/channels/${topic}/messages/${t}` })),
        'x-eventhubs-consumer-group': group.name,
        'x-eventhubs-delivery': group.delivery,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Holiday Peak Hub domain events',
      version: API_VERSION,
      description: INFO_DESCRIPTION,
    },
    defaultContentType: 'application/json',
    servers: {
      [SERVER]: {
        host: '{namespace}.servicebus.windows.net',
        protocol: 'amqps',
        protocolVersion: '1.0',
        description:
          'Azure Event Hubs: the namespace of the deployment, AMQP 1.0 over TLS (port 5671; the Azure clients can use AMQP over WebSockets on 443 instead). Each channel is an Event Hub of the namespace.',
        variables: {
          namespace: {
            description: 'The name of the Event Hubs namespace (from the operator).',
            examples: ['holiday-peak-hub-prod'],
          },
        },
        security: [{ $ref: '#/components/securitySchemes/sas' }, { $ref: '#/components/securitySchemes/entraId' }],
      },
    },
    channels,
    operations,
    components: {
      messages,
      correlationIds: {
        [CORRELATION_ID]: {
          description:
            'The `X-Request-ID` of the HTTP call that caused the event (also the AMQP `correlationId`): follow a request into the events it caused.',
          location: `$message.payload#/${CORRELATION_ID}`,
        },
      },
      securitySchemes: {
        sas: {
          type: 'userPassword',
          description:
            'Shared access signature: a shared access policy of the namespace or hub (its name and key, as in a connection string `Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<name>;SharedAccessKey=<key>`), with the Listen right to consume (the API sends with Send). The Azure clients sign short-lived SAS tokens with the key and present them over AMQP claims-based security.',
        },
        entraId: {
          type: 'openIdConnect',
          description:
            "Microsoft Entra ID: an access token of the deployment's tenant for `https://eventhubs.azure.net/.default` (workload or managed identity, a service principal, the Azure CLI: `DefaultAzureCredential`), with an Azure role on the hub or namespace: Azure Event Hubs Data Receiver to consume, Data Sender to publish.",
          openIdConnectUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
          scopes: ['https://eventhubs.azure.net/.default'],
        },
      },
    },
  };
}
