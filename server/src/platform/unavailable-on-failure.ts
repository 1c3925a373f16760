import type { Logger } from 'pino';
import { AppError, ServiceUnavailableError } from '@holiday-peak-hub/core';

/**
 * The same adapter, whose failures are the API's `503 SERVICE_UNAVAILABLE` (with `Retry-After`)
 * rather than a 500: for stores a request cannot do without, such as Redis behind sessions and
 * rate limits. API errors the adapter throws on purpose pass unchanged; the cause is logged, never
 * answered.
 */
export function unavailableOnFailure<T extends object>(name: string, adapter: T, logger: Logger): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          const method = value as (...a: unknown[]) => unknown;
          return await Promise.resolve(method.apply(target, args));
        } catch (err) {
          if (err instanceof AppError) throw err;
          logger.error({ err, dependency: name, call: String(property) }, 'dependency failed');
          throw new ServiceUnavailableError(`${name} is not answering: try again shortly`);
        }
      };
    },
  });
}
