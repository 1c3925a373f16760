import { describe, expect, it } from 'vitest';
import { CONSUMER_GROUPS } from '../events/consumer-groups.ts';
import { EVENT_TOPICS, EVENT_TYPES, EVENTS, type EventType } from '../events/registry.ts';
import { buildAsyncApi } from './build-asyncapi.ts';

type Json = Record<string, unknown>;
interface Ref {
  $ref: string;
}

const doc = buildAsyncApi() as unknown as Json;

/** The object a local `$ref` (`#/a/b`) points at, through any further `$ref`. */
function resolve(ref: string): Json {
  expect(ref.startsWith('#/'), ref).toBe(true);
  let node: unknown = doc;
  for (const segment of ref.slice(2).split('/')) {
    node = (node as Json | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  expect(node, `${ref} resolves`).toBeTypeOf('object');
  // A reference to a reference (an operation's message is its channel's): followed.
  const next = (node as Partial<Ref>).$ref;
  return next === undefined ? (node as Json) : resolve(next);
}

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

const section = (name: string) => doc[name] as Record<string, Json>;
const messageOf = (type: EventType) => (section('components').messages as Record<string, Json>)[type]!;
const payloadOf = (type: EventType) => messageOf(type).payload as Json & { properties: Record<string, Json> };
const messageTypes = (refs: Ref[]) => refs.map((ref) => resolve(ref.$ref).name as string);

describe('AsyncAPI document', () => {
  it('is AsyncAPI 3.0.0, and every $ref in it resolves', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    for (const ref of refsIn(doc)) resolve(ref);
  });

  it('has the Event Hubs namespace as server: AMQP 1.0 over TLS, SAS or Microsoft Entra ID', () => {
    const servers = section('servers');
    expect(Object.keys(servers)).toEqual(['event-hubs']);
    const server = servers['event-hubs']!;
    expect(server).toMatchObject({
      host: '{namespace}.servicebus.windows.net',
      protocol: 'amqps',
      protocolVersion: '1.0',
    });
    expect(Object.keys(server.variables as Json)).toEqual(['namespace']);
    const schemes = (server.security as Ref[]).map((ref) => resolve(ref.$ref));
    expect(schemes.map((scheme) => scheme.type)).toEqual(['userPassword', 'openIdConnect']);
    expect(schemes[1]!.scopes).toEqual(['https://eventhubs.azure.net/.default']);
  });

  it('has one channel per Event Hub, carrying the messages of the event types that travel on it', () => {
    const channels = section('channels');
    expect(Object.keys(channels)).toEqual(EVENT_TOPICS);
    for (const topic of EVENT_TOPICS) {
      const channel = channels[topic]!;
      expect(channel.address).toBe(topic);
      expect(channel.servers).toEqual([{ $ref: '#/servers/event-hubs' }]);
      const types = EVENT_TYPES.filter((type) => EVENTS[type].topic === topic);
      expect(messageTypes(Object.values(channel.messages as Record<string, Ref>))).toEqual(types);
      expect(channel.description).toContain('partition key');
    }
  });

  it.each(EVENT_TYPES)('%s: partition key, headers, correlation id and envelope', (type) => {
    const message = messageOf(type);
    const { key } = EVENTS[type];
    // The partition key is a data field every event of the type carries.
    expect(message['x-eventhubs-partition-key']).toBe(`$message.payload#/data/${key}`);
    const data = payloadOf(type).properties.data as { required: string[] };
    expect(data.required).toContain(key);
    expect(message.description).toContain(`\`data.${key}\``);
    // The application properties the publisher sets.
    const headers = message.headers as { properties: Record<string, Json>; required: string[] };
    expect(Object.keys(headers.properties)).toEqual(['event_type', 'event_version', 'source', 'causation_id']);
    expect(headers.required).toEqual(['event_type', 'event_version', 'source']);
    expect(headers.properties.event_type!.const).toBe(type);
    expect(headers.properties.event_version!.const).toBe(payloadOf(type).properties.event_version!.const);
    // The correlation id is the envelope's.
    const correlation = resolve((message.correlationId as Ref).$ref);
    expect(correlation.location).toBe('$message.payload#/correlation_id');
    expect(message['x-eventhubs-message-properties']).toEqual({
      messageId: '$message.payload#/event_id',
      correlationId: '$message.payload#/correlation_id',
      contentType: 'application/json',
    });
    // The envelope, each field explained.
    const payload = payloadOf(type);
    expect(payload.properties.event_type!.const).toBe(type);
    expect(Object.keys(payload.properties)).toEqual([
      'event_id',
      'event_type',
      'event_version',
      'timestamp',
      'source',
      'data',
      'correlation_id',
      'causation_id',
    ]);
    for (const [field, schema] of Object.entries(payload.properties)) {
      expect(schema.description, field).toEqual(expect.any(String));
    }
    expect(payload.description).toBe(EVENTS[type].schema.meta()?.description);
    expect(JSON.stringify(payload)).not.toContain('$ref');
  });

  it("describes the API's publishing: one send operation per hub, with all its messages", () => {
    const operations = section('operations');
    for (const topic of EVENT_TOPICS) {
      const operation = operations[`publish-${topic}`]!;
      expect(operation.action).toBe('send');
      expect(operation.channel).toEqual({ $ref: `#/channels/${topic}` });
      expect(messageTypes(operation.messages as Ref[])).toEqual(
        EVENT_TYPES.filter((type) => EVENTS[type].topic === topic),
      );
    }
  });

  it.each(Object.values(CONSUMER_GROUPS))(
    'describes the consumer group $name as receive operations of its types',
    (group) => {
      const operations = Object.values(section('operations')).filter(
        (operation) => operation['x-eventhubs-consumer-group'] === group.name,
      );
      expect(operations.length).toBeGreaterThan(0);
      const received: string[] = [];
      for (const operation of operations) {
        expect(operation.action).toBe('receive');
        expect(operation['x-eventhubs-delivery']).toBe(group.delivery);
        expect(operation.description).toContain(group.description);
        expect(operation.description).toContain(`Delivery \`${group.delivery}\``);
        const channel = resolve((operation.channel as Ref).$ref);
        const types = messageTypes(operation.messages as Ref[]);
        for (const type of types) expect(EVENTS[type as EventType].topic).toBe(channel.address);
        // Each message is one of its channel's.
        for (const ref of operation.messages as Ref[]) {
          expect(ref.$ref.startsWith(`${(operation.channel as Ref).$ref}/messages/`)).toBe(true);
        }
        received.push(...types);
      }
      expect(received.sort()).toEqual([...group.types].sort());
    },
  );
});
