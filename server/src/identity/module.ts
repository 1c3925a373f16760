import type { Database } from '@azure/cosmos';
import type { SocialProvider } from '@holiday-peak-hub/contract';
import type { CsrfTokens } from '@holiday-peak-hub/core';
import type { SessionStore } from '@holiday-peak-hub/core';
import type { SigningKey } from '@holiday-peak-hub/core';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { startOutboxRelay, type OutboxRelay } from '../platform/events/outbox-relay.ts';
import type { EventPublisher } from '@holiday-peak-hub/core';
import { AuditLog } from './audit-log.ts';
import { createIdentityHandlers } from './handlers.ts';
import { OwnedItems } from './owned-items.ts';
import { seedDemoAccounts } from './seed-demo-accounts.ts';
import { createIdentityServices, type IdentityServices } from './services.ts';
import { SessionService } from './session-service.ts';
import { createSocialVerifier } from './social-verifier.ts';
import type { Config } from '../config.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { UserRepository } from './user-repository.ts';

/** What the services take as is (IdentityDeps), and what the module builds the rest from. */
export interface IdentityModuleDeps extends Pick<
  IdentityDeps,
  | 'hasher'
  | 'checkStrength'
  | 'mailer'
  | 'lockout'
  | 'attemptLimiter'
  | 'mailLimiter'
  | 'payments'
  | 'clock'
  | 'eventSource'
  | 'logger'
> {
  database: Database;
  events: EventPublisher;
  cursors: CursorCodec;
  signingKey: SigningKey;
  sessionStore: SessionStore;
  csrf: CsrfTokens;
  /** Whose ID tokens social sign-in accepts. */
  social: Config['social'];
  jwt: { issuer: string; audience: string };
  appUrl: string;
  /** Embedded mode: create the demo customer, staff and admin. */
  seedDemoAccounts?: boolean;
}

export interface IdentityModule {
  handlers: ReturnType<typeof createIdentityHandlers>;
  services: IdentityServices;
  sessions: SessionService;
  stop(): Promise<void>;
}

/** Accounts, sessions, profiles and user management, wired; and the outbox relay of the users container. */
export async function createIdentityModule(deps: IdentityModuleDeps): Promise<IdentityModule> {
  const outbox = { publisher: deps.events, logger: deps.logger };
  const container = (name: string) => deps.database.container(name);
  const users = new UserRepository(container(CONTAINER.users), outbox, deps.cursors);
  const sessions = new SessionService({
    signingKey: deps.signingKey,
    sessions: deps.sessionStore,
    csrf: deps.csrf,
    issuer: deps.jwt.issuer,
    audience: deps.jwt.audience,
    clock: deps.clock,
  });
  if (deps.seedDemoAccounts) {
    const created = await seedDemoAccounts(users, deps.hasher, deps.clock());
    deps.logger.info({ created }, 'identity: demo accounts ready');
  }
  const services = createIdentityServices({
    users,
    addresses: new OwnedItems(container(CONTAINER.addresses)),
    paymentMethods: new OwnedItems(container(CONTAINER.paymentMethods)),
    audit: new AuditLog(container(CONTAINER.auditLogs), deps.logger),
    sessions,
    hasher: deps.hasher,
    checkStrength: deps.checkStrength,
    mailer: deps.mailer,
    links: { appUrl: deps.appUrl },
    lockout: deps.lockout,
    attemptLimiter: deps.attemptLimiter,
    mailLimiter: deps.mailLimiter,
    payments: deps.payments,
    verifySocial: createSocialVerifier(deps.social),
    clock: deps.clock,
    eventSource: deps.eventSource,
    logger: deps.logger,
  });
  const relay: OutboxRelay = startOutboxRelay({
    sources: [{ container: users.container, partitionKeyField: 'user_id' }],
    publisher: deps.events,
    logger: deps.logger,
    clock: deps.clock,
  });
  const providers = Object.entries(deps.social).map(([provider, config]) => ({
    provider: provider as SocialProvider,
    issuer: config.issuer,
    client_id: config.clientId,
    scopes: ['openid', 'profile', 'email'],
  }));
  return { handlers: createIdentityHandlers(services, providers), services, sessions, stop: () => relay.stop() };
}
