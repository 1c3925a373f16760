import * as z from 'zod';

/** The envelope every domain event travels in (design document, "Event Schema"). */
export function eventEnvelope<const T extends string, D extends z.ZodType>(eventType: T, data: D, description: string) {
  return z
    .strictObject({
      event_id: z.string().meta({ description: 'Unique per event; consumers de-duplicate on it.' }),
      event_type: z.literal(eventType),
      event_version: z.literal('1.0'),
      timestamp: z.iso.datetime(),
      source: z.string().meta({ example: 'holiday-peak-hub-api' }),
      data,
      correlation_id: z.string().meta({ description: 'The request id of the HTTP call that caused it.' }),
      causation_id: z.union([z.string(), z.null()]).meta({ description: 'The event that caused it, if any.' }),
    })
    .meta({ id: eventType, description });
}
