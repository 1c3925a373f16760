import type { AuthProvider } from '@holiday-peak-hub/contract';
import type { CsrfTokens } from '../auth/csrf.ts';
import type { SessionStore } from '../auth/session-store.ts';
import type { SigningKey } from '../auth/signing-key.ts';
import { matchTotp } from '../auth/totp.ts';
import type { EventConsumer } from '../platform/events/consumer.ts';
import { auditTrailConsumer } from './audit-trail.ts';
import { createIdentityHandlers } from './handlers.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { TotpMatcher } from './ports.ts';
import { createIdentityServices, type IdentityServices } from './services.ts';
import { SessionService } from './session-service.ts';

/** The ports and settings the identity core runs on; the adapters (Cosmos DB or memory) are the caller's. */
export interface IdentityCoreDeps extends Omit<IdentityDeps, 'sessions' | 'links' | 'matchTotp'> {
  signingKey: SigningKey;
  sessionStore: SessionStore;
  csrf: CsrfTokens;
  /** Issuer and audience of the tokens this API signs. */
  jwt: { issuer: string; audience: string };
  /** The storefront emailed links point at. */
  appUrl: string;
  /** The social sign-in providers `GET /api/auth/providers` lists (their ID tokens are `verifySocial`'s). */
  providers: readonly AuthProvider[];
  /** Second-factor codes (default: the core's `matchTotp`; the mocks also accept a fixed code). */
  matchTotp?: TotpMatcher;
}

export interface IdentityCore {
  handlers: ReturnType<typeof createIdentityHandlers>;
  services: IdentityServices;
  /** Sessions: the authenticator asks them whether a token's session is still active. */
  sessions: SessionService;
  /** What identity does in reaction to events (the audit trail): run them on the event transport. */
  consumers: EventConsumer[];
}

/** Accounts, sessions, profiles and user management over the given ports: the same code in the server and the mocks. */
export function createIdentityCore(deps: IdentityCoreDeps): IdentityCore {
  const { signingKey, sessionStore, csrf, jwt, appUrl, providers, ...rest } = deps;
  const sessions = new SessionService({
    signingKey,
    sessions: sessionStore,
    csrf,
    issuer: jwt.issuer,
    audience: jwt.audience,
    clock: deps.clock,
  });
  const services = createIdentityServices({
    ...rest,
    sessions,
    links: { appUrl },
    matchTotp: deps.matchTotp ?? matchTotp,
  });
  return {
    handlers: createIdentityHandlers(services, providers),
    services,
    sessions,
    consumers: [auditTrailConsumer(deps.audit)],
  };
}
