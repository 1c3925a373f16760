import type { AuthProvider } from '@holiday-peak-hub/contract';
import { createCsrfTokens, type CsrfTokens } from '../../auth/csrf.ts';
import { MemorySessionStore, type SessionEntry } from '../../auth/session-store.ts';
import type { SigningKey } from '../../auth/signing-key.ts';
import { subscribeInProcess } from '../../platform/events/consumer.ts';
import { InProcessEventBus } from '../../platform/events/in-process-event-bus.ts';
import type { EventPublisher } from '../../platform/events/publisher.ts';
import { MemoryMailer } from '../../platform/mail/memory-mailer.ts';
import { createTestPaymentProvider } from '../../platform/payments/test-payment-provider.ts';
import type { CounterFactory } from '../../platform/rate-limit/counter.ts';
import { createLoginLockout } from '../../platform/rate-limit/login-lockout.ts';
import { memoryCounters } from '../../platform/rate-limit/memory-counter.ts';
import { createRateLimiter } from '../../platform/rate-limit/rate-limiter.ts';
import { silentLogger, type Logger } from '../../ports/logger.ts';
import { createIdentityCore, type IdentityCore } from '../module.ts';
import type { TotpMatcher } from '../ports.ts';
import { createInsecurePasswordHasher } from '../stand-ins/insecure-password-hasher.ts';
import { createRuleBasedStrengthCheck } from '../stand-ins/rule-based-strength-check.ts';
import { createUnsignedSocialVerifier } from '../stand-ins/unsigned-social-verifier.ts';
import { createMemoryIdentityStorage, type MemoryIdentityStorage } from './memory-identity-storage.ts';
import { ownTables, type TableSource } from './tables.ts';

export interface MemoryIdentityOptions {
  /** Made asynchronously by the caller (`loadSigningKey(undefined)`, or a saved one). */
  signingKey: SigningKey;
  clock?: () => Date;
  /** Where the state lives (default: tables of its own). */
  tables?: TableSource;
  publisher?: EventPublisher;
  mailer?: MemoryMailer;
  counters?: CounterFactory;
  /** Default: a secret of its own. */
  csrfSecret?: string;
  jwt?: { issuer: string; audience: string };
  appUrl?: string;
  providers?: readonly AuthProvider[];
  /** Sign-in and code attempts per account and minute (default 10, the server's). */
  attemptsPerMinute?: number;
  matchTotp?: TotpMatcher;
  /** Wraps the storage before the services get it (a test adding pauses, say). */
  wrapStorage?: (storage: MemoryIdentityStorage) => MemoryIdentityStorage;
  eventSource?: string;
  logger?: Logger;
}

export interface MemoryIdentity {
  identity: IdentityCore;
  /** The storage as the services use it (wrapped, when asked). */
  storage: MemoryIdentityStorage;
  hasher: ReturnType<typeof createInsecurePasswordHasher>;
  csrf: CsrfTokens;
  mailer: MemoryMailer;
}

/**
 * The identity core on in-memory adapters and the stand-ins a browser can run (a cheap password
 * hash, a rule-based strength check, unsigned social ID tokens, Stripe's test cards): what the
 * mocks serve and what unit tests of the identity rules run on.
 */
export function createMemoryIdentity(options: MemoryIdentityOptions): MemoryIdentity {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const tables = options.tables ?? ownTables();
  const ownBus = new InProcessEventBus(logger);
  const publisher = options.publisher ?? ownBus;
  const counters = options.counters ?? memoryCounters(() => clock().getTime());
  const mailer = options.mailer ?? new MemoryMailer(undefined, clock);
  const csrf = createCsrfTokens(options.csrfSecret ?? crypto.randomUUID());
  const plain = createMemoryIdentityStorage({ publisher, logger, tables });
  const storage = options.wrapStorage ? options.wrapStorage(plain) : plain;
  const hasher = createInsecurePasswordHasher();
  const identity = createIdentityCore({
    ...storage,
    signingKey: options.signingKey,
    sessionStore: new MemorySessionStore(clock, tables.table<SessionEntry>('identity.sessions')),
    csrf,
    jwt: options.jwt ?? { issuer: 'http://identity.memory', audience: 'holiday-peak-hub-api' },
    appUrl: options.appUrl ?? 'http://localhost:5173',
    providers: options.providers ?? [],
    hasher,
    checkStrength: createRuleBasedStrengthCheck(),
    verifySocial: createUnsignedSocialVerifier(),
    mailer,
    lockout: createLoginLockout(counters),
    attemptLimiter: createRateLimiter(counters, {
      name: 'account-attempts',
      points: options.attemptsPerMinute ?? 10,
      durationSeconds: 60,
    }),
    mailLimiter: createRateLimiter(counters, { name: 'mail', points: 5, durationSeconds: 3600 }),
    payments: createTestPaymentProvider(clock),
    ...(options.matchTotp ? { matchTotp: options.matchTotp } : {}),
    clock,
    eventSource: options.eventSource ?? 'holiday-peak-hub-memory',
    logger,
  });
  // On its own bus, it runs its own consumers (the audit trail); a caller's bus is the caller's to wire.
  if (publisher === ownBus) subscribeInProcess(ownBus, identity.consumers);
  return { identity, storage, hasher, csrf, mailer };
}
