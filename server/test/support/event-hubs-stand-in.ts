/**
 * A local AMQP 1.0 stand-in for Azure Event Hubs, built on `rhea`, that the real `@azure/event-hubs`
 * client talks to over plain TCP (its connection string carries `UseDevelopmentEmulator=true`).
 *
 * It implements: SASL ANONYMOUS; `$cbs` put-token (every token is accepted); `$management` READ of
 * `com.microsoft:eventhub` and `com.microsoft:partition` (hub and partition properties); senders on `HUB` and `HUB/Partitions/N`
 * taking single messages and batches (format 0x80013700), routed to the named partition, else by a
 * hash of `x-opt-partition-key`, else round robin; receivers on `HUB/ConsumerGroups/CG/Partitions/N`
 * starting at the `apache.org:selector-filter:string` position (offset, sequence number or enqueued
 * time, `@latest`), then live, sending only while the link has credit. Any hub and consumer group
 * name is accepted; a hub is created on first use. Offsets are byte positions, as in Event Hubs; the
 * hash of partition keys is not the service's (only "same key, same partition" holds).
 *
 * It does not implement: authentication or authorization (tokens are not checked), owner levels
 * (epochs), idempotent publishing, retention or size limits (events are kept in memory until
 * `close`), `trackLastEnqueuedEventProperties` runtime information, geo-replication, AMQP over
 * WebSockets, TLS, or the Kafka endpoint.
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import rhea, { type EventContext, type Message, type Receiver, type Sender } from 'rhea';

export interface StoredHubEvent {
  hub: string;
  partitionId: string;
  sequenceNumber: number;
  offset: string;
  enqueuedTime: Date;
  body: unknown;
  properties: Record<string, unknown>;
  messageId: string | number | undefined;
  partitionKey: string | undefined;
}

export interface EventHubsStandIn {
  readonly port: number;
  /** Namespace-level: `Endpoint=sb://127.0.0.1:PORT/;SharedAccessKeyName=k;SharedAccessKey=a2V5;UseDevelopmentEmulator=true`, with `;EntityPath=<hub>` appended when a hub is given. */
  connectionString(hub?: string): string;
  /** Every event stored on a hub, in partition then sequence order (for assertions). */
  events(hub: string): StoredHubEvent[];
  /** Closes the listener and drops every open connection, as an unreachable hub would; stored events are kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
  close(): Promise<void>;
}

/** The message format of a batch: an envelope whose data sections each hold one encoded message. */
const BATCH_FORMAT = 0x80013700;
const MAX_MESSAGE_SIZE = 1024 * 1024;
const DATA_SECTION = 0x75;
const SEQUENCE_SECTION = 0x76;
const PARTITION_KEY = 'x-opt-partition-key';

interface StoredEvent extends StoredHubEvent {
  /** The message a consumer gets, with its annotations, encoded once. */
  readonly encoded: Buffer;
}
interface Partition {
  readonly events: StoredEvent[];
  nextOffset: number;
}
interface Hub {
  readonly createdAt: Date;
  readonly partitions: Partition[];
  roundRobin: number;
}
/** One consumer link: the stored events of its partition from `next` on are still to be sent. */
interface Consumer {
  readonly sender: Sender;
  readonly partition: Partition;
  next: number;
}

/** The part of a link rhea does not type: the attach frame it will send back. */
type WithLocalAttach = { local: { attach: { max_message_size?: number } } };

export async function startEventHubsStandIn(
  options: { port?: number; partitions?: number } = {},
): Promise<EventHubsStandIn> {
  const partitionCount = options.partitions ?? 4;
  if (options.port === 5672) throw new Error('5672 is the RabbitMQ port: pick another one');
  const hubs = new Map<string, Hub>();
  const consumers = new Set<Consumer>();
  const sockets = new Set<Socket>();
  const container = rhea.create_container({ id: 'event-hubs-stand-in' });
  let server: Server | undefined;
  let port = options.port ?? 0;

  const hub = (name: string): Hub => {
    let found = hubs.get(name);
    if (!found) {
      const partitions = Array.from({ length: partitionCount }, () => ({ events: [], nextOffset: 0 }));
      found = { createdAt: new Date(), partitions, roundRobin: 0 };
      hubs.set(name, found);
    }
    return found;
  };

  /** Sends what a consumer link has credit for. */
  const pump = (consumer: Consumer) => {
    const { sender, partition } = consumer;
    while (consumer.next < partition.events.length && sender.sendable()) {
      sender.send(partition.events[consumer.next++]!.encoded, undefined, 0);
    }
  };

  /** A partition by its id ("0".."N-1"), or undefined. */
  const partitionOf = (hubName: string, id: string | undefined) =>
    hub(hubName).partitions.find((_, index) => String(index) === id);

  /** Stores one event, routed to the partition the sender link names, else by key, else round robin. */
  const store = (hubName: string, partitionId: string | undefined, message: Message) => {
    const target = hub(hubName);
    const key = message.message_annotations?.[PARTITION_KEY] as string | undefined;
    const index =
      partitionId !== undefined
        ? Number(partitionId)
        : key !== undefined
          ? hashOf(key) % partitionCount
          : target.roundRobin++ % partitionCount;
    const partition = target.partitions[index]!;
    const sequenceNumber = partition.events.length;
    const offset = String(partition.nextOffset);
    const enqueuedTime = new Date();
    const annotations = {
      ...message.message_annotations,
      'x-opt-sequence-number': rhea.types.wrap_long(sequenceNumber),
      'x-opt-offset': offset,
      'x-opt-enqueued-time': rhea.types.wrap_timestamp(enqueuedTime.getTime()),
    };
    const encoded = rhea.message.encode({ ...message, message_annotations: annotations });
    partition.nextOffset += encoded.length;
    partition.events.push({
      hub: hubName,
      partitionId: String(index),
      sequenceNumber,
      offset,
      enqueuedTime,
      body: bodyOf(message.body),
      properties: { ...message.application_properties },
      messageId: message.message_id as string | number | undefined,
      partitionKey: key,
      encoded,
    });
    for (const consumer of consumers) if (consumer.partition === partition) pump(consumer);
  };

  /** The events a producer's delivery carries: one message, or each data section of a batch. */
  const eventsOf = (context: EventContext): Message[] => {
    const format = (context as { format?: number }).format ?? 0;
    if (format !== BATCH_FORMAT) return [context.message!];
    const envelope = decode(context.message as unknown as Buffer);
    const { content } = envelope.body as { content: Buffer | Buffer[] };
    const key: unknown = envelope.message_annotations?.[PARTITION_KEY];
    return (Array.isArray(content) ? content : [content]).map((bytes) => {
      const event = decode(bytes);
      if (key !== undefined && event.message_annotations?.[PARTITION_KEY] === undefined) {
        event.message_annotations = { ...event.message_annotations, [PARTITION_KEY]: key };
      }
      return event;
    });
  };

  /** Detaches a link the client asked for with an error, as the service does for an unknown entity. */
  const refuse = (link: Sender | Receiver, description: string) =>
    link.close({ condition: 'amqp:not-found', description });

  /** Answers a `$cbs` or `$management` request on the link the client named in `reply_to`. */
  const reply = (context: EventContext, status: number, body?: unknown) => {
    const request = context.message!;
    const replyTo = request.reply_to;
    const link = context.connection.find_sender(
      (l: Sender) => l.name === replyTo || (l.target as { address?: string } | undefined)?.address === replyTo,
    );
    link?.send({
      correlation_id: request.message_id,
      application_properties: { 'status-code': status, 'status-description': status < 300 ? 'OK' : 'Not found' },
      body,
    });
  };

  const management = (context: EventContext) => {
    const props = (context.message!.application_properties ?? {}) as Record<string, string | undefined>;
    const name = props.name ?? '';
    if (props.operation !== 'READ') return reply(context, 400);
    if (props.type === 'com.microsoft:eventhub') {
      const { createdAt, partitions } = hub(name);
      return reply(context, 200, { name, created_at: createdAt, partition_ids: partitions.map((_, i) => String(i)) });
    }
    const partition = partitionOf(name, props.partition);
    if (props.type !== 'com.microsoft:partition' || !partition) return reply(context, 404);
    const last = partition.events.at(-1);
    return reply(context, 200, {
      name,
      partition: props.partition,
      begin_sequence_number: rhea.types.wrap_long(0),
      last_enqueued_sequence_number: rhea.types.wrap_long(last?.sequenceNumber ?? -1),
      last_enqueued_offset: last?.offset ?? '-1',
      last_enqueued_time_utc: last?.enqueuedTime ?? new Date(0),
      is_partition_empty: !last,
    });
  };

  // The client's senders: `$cbs`, `$management` (the hub is named in each request), `HUB`, `HUB/Partitions/N`.
  container.on('receiver_open', (context: EventContext) => {
    const receiver = context.receiver!;
    const address = (receiver.target as { address?: string } | undefined)?.address ?? '';
    receiver.set_target({ address });
    (receiver as unknown as WithLocalAttach).local.attach.max_message_size = MAX_MESSAGE_SIZE;
    const [hubName = '', node, partitionId] = address.split('/');
    if (node === 'Partitions' && !partitionOf(hubName, partitionId)) refuse(receiver, `no partition ${address}`);
  });
  container.on('message', (context: EventContext) => {
    const address = (context.receiver!.target as { address?: string } | undefined)?.address ?? '';
    if (address === '$cbs') return reply(context, 202);
    const [hubName = '', node, partitionId] = address.split('/');
    if (address === '$management' || node === '$management') return management(context);
    for (const event of eventsOf(context)) store(hubName, node === 'Partitions' ? partitionId : undefined, event);
  });

  // The client's receivers: the `$cbs` and `$management` replies, and consumers.
  container.on('sender_open', (context: EventContext) => {
    const sender = context.sender!;
    const source = (sender.source ?? {}) as { address?: string; filter?: unknown };
    const address = source.address ?? '';
    sender.set_source({ address });
    const match = /^([^/]+)\/ConsumerGroups\/[^/]+\/Partitions\/([^/]+)$/.exec(address);
    if (!match) return;
    const partition = partitionOf(match[1]!, match[2]);
    if (!partition) return refuse(sender, `no partition ${address}`);
    const next = startOf(partition, selectorOf(source.filter));
    if (next === undefined) return refuse(sender, `unsupported filter on ${address}`);
    const consumer = { sender, partition, next };
    consumers.add(consumer);
    pump(consumer);
  });
  container.on('sendable', (context: EventContext) => {
    for (const consumer of consumers) if (consumer.sender === context.sender) pump(consumer);
  });
  container.on('sender_close', (context: EventContext) => {
    for (const consumer of consumers) if (consumer.sender === context.sender) consumers.delete(consumer);
  });
  for (const event of ['connection_close', 'disconnected']) {
    container.on(event, (context: EventContext) => {
      for (const consumer of consumers)
        if (consumer.sender.connection === context.connection) consumers.delete(consumer);
    });
  }
  // Peers that vanish or misbehave are the client's business, not a reason to crash the test run.
  container.on('error', () => {});

  const start = async () => {
    if (server) return;
    const listener = container.listen({ port, host: '127.0.0.1' });
    listener.on('connection', (socket: Socket) => {
      // As the service does: without it, an acknowledgement can wait ~40 ms for the client's delayed ACK.
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      listener.once('listening', resolve);
      listener.once('error', reject);
    });
    port = (listener.address() as AddressInfo).port;
    server = listener;
  };
  const stop = async () => {
    const listener = server;
    if (!listener) return;
    server = undefined;
    const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    consumers.clear();
    await closed;
  };

  await start();
  return {
    get port() {
      return port;
    },
    get running() {
      return server !== undefined;
    },
    connectionString: (hubName) =>
      `Endpoint=sb://127.0.0.1:${port}/;SharedAccessKeyName=k;SharedAccessKey=a2V5;UseDevelopmentEmulator=true` +
      (hubName ? `;EntityPath=${hubName}` : ''),
    events: (hubName) =>
      (hubs.get(hubName)?.partitions ?? []).flatMap((p) => p.events.map(({ encoded: _, ...event }) => event)),
    start,
    stop,
    close: stop,
  };
}

/** rhea decodes to its loosely typed message; it is the message its events carry. */
const decode = (bytes: Buffer) => rhea.message.decode(bytes) as unknown as Message;

/**
 * The selector a consumer link was attached with, e.g. `amqp.annotation.x-opt-offset > '-1'` (rhea
 * hands the described string over undecoded); without one, the link starts at the beginning.
 */
function selectorOf(filter: unknown): string {
  const described = (filter as Record<string, { value?: unknown } | undefined> | undefined)?.[
    'apache.org:selector-filter:string'
  ];
  return typeof described?.value === 'string' ? described.value : `amqp.annotation.x-opt-offset > '-1'`;
}

/** The index of the first stored event a selector lets through; undefined for a selector not understood. */
function startOf(partition: Partition, selector: string): number | undefined {
  const match = /x-opt-(offset|sequence-number|enqueued-time)\s*(>=?)\s*'([^']*)'/.exec(selector);
  if (!match) return undefined;
  const [, field, operator, value] = match;
  const { events } = partition;
  if (value === '@latest') return events.length;
  const position = (event: StoredEvent) =>
    field === 'offset'
      ? Number(event.offset)
      : field === 'sequence-number'
        ? event.sequenceNumber
        : event.enqueuedTime.getTime();
  const bound = Number(value);
  const index = events.findIndex((event) => (operator === '>=' ? position(event) >= bound : position(event) > bound));
  return index === -1 ? events.length : index;
}

/** What the consumer client makes of a body: data sections are parsed as JSON when they are JSON. */
function bodyOf(body: unknown): unknown {
  const section = body as { typecode?: number; content?: unknown } | undefined;
  if (section?.typecode === SEQUENCE_SECTION) return section.content;
  if (section?.typecode !== DATA_SECTION) return body;
  const content = section.content as Buffer;
  try {
    return JSON.parse(content.toString('utf8')) as unknown;
  } catch {
    return content;
  }
}

/** A stable hash of a partition key (not the service's: only "same key, same partition" holds). */
function hashOf(key: string): number {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}
