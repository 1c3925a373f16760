import type { Database } from '@azure/cosmos';
import type { AuthProvider, SocialProvider } from '@holiday-peak-hub/contract';
import {
  createIdentityCore,
  seedDemoAccounts,
  type AddressDocument,
  type EventPublisher,
  type IdentityCore,
  type IdentityCoreDeps,
  type PaymentMethodDocument,
} from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { startOutboxRelay } from '../platform/events/outbox-relay.ts';
import { CosmosAuditLog } from './audit-log.ts';
import { CosmosOwnedItems } from './owned-items.ts';
import { createSocialVerifier } from './social-verifier.ts';
import { CosmosUserRepository } from './user-repository.ts';

/** What the core takes as is, and what the server builds the storage and social sign-in adapters from. */
export interface IdentityModuleDeps extends Omit<
  IdentityCoreDeps,
  'users' | 'addresses' | 'paymentMethods' | 'audit' | 'verifySocial' | 'providers' | 'logger'
> {
  database: Database;
  events: EventPublisher;
  cursors: CursorCodec;
  logger: Logger;
  /** Whose ID tokens social sign-in accepts. */
  social: Config['social'];
  /** Embedded mode: create the demo customer, staff and admin. */
  seedDemoAccounts?: boolean;
  /** Outbox relay timing (defaults: every 5 s, events pending for 10 s or more). */
  relay?: { intervalMs?: number; olderThanMs?: number };
}

export interface IdentityModule extends IdentityCore {
  /** The accounts (orders read an account's email and whether it is verified). */
  users: CosmosUserRepository;
  stop(): Promise<void>;
}

/** The providers `GET /api/auth/providers` lists, from the social sign-in configuration. */
function providersOf(social: Config['social']): AuthProvider[] {
  return Object.entries(social).map(([provider, config]) => ({
    provider: provider as SocialProvider,
    issuer: config.issuer,
    client_id: config.clientId,
    scopes: ['openid', 'profile', 'email'],
  }));
}

/**
 * The identity core on the server's adapters: accounts in Cosmos DB (with the outbox relay of the
 * users container), social ID tokens verified by the providers' keys.
 */
export async function createIdentityModule(deps: IdentityModuleDeps): Promise<IdentityModule> {
  const { database, events, cursors, social, seedDemoAccounts: seed, relay: relayTiming, ...core } = deps;
  const container = (name: string) => database.container(name);
  const users = new CosmosUserRepository(
    container(CONTAINER.users),
    { publisher: events, logger: deps.logger },
    cursors,
  );
  if (seed) {
    const created = await seedDemoAccounts(users, deps.hasher, deps.clock());
    deps.logger.info({ created }, 'identity: demo accounts ready');
  }
  const identity = createIdentityCore({
    ...core,
    users,
    addresses: new CosmosOwnedItems<AddressDocument>(container(CONTAINER.addresses)),
    paymentMethods: new CosmosOwnedItems<PaymentMethodDocument>(container(CONTAINER.paymentMethods)),
    audit: new CosmosAuditLog(container(CONTAINER.auditLogs), deps.logger),
    verifySocial: createSocialVerifier(social),
    providers: providersOf(social),
  });
  const relay = startOutboxRelay({
    sources: [{ container: users.container, partitionKeyField: 'user_id' }],
    publisher: events,
    logger: deps.logger,
    clock: deps.clock,
    ...relayTiming,
  });
  return { ...identity, users, stop: () => relay.stop() };
}
