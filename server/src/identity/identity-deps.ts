import type { Logger } from 'pino';
import type { PasswordHasher } from '../auth/password-hasher.ts';
import type { StrengthVerdict } from '../auth/password-strength.ts';
import type { Mailer } from '@holiday-peak-hub/core';
import type { PaymentProvider } from '@holiday-peak-hub/core';
import type { LoginLockout, RateLimiter } from '@holiday-peak-hub/core';
import type { AuditLog } from './audit-log.ts';
import type { AddressDocument, PaymentMethodDocument } from './documents.ts';
import type { MailLinks } from './mail-templates.ts';
import type { OwnedItems } from './owned-items.ts';
import type { SessionService } from './session-service.ts';
import type { SocialVerifier } from './social-verifier.ts';
import type { UserRepository } from './user-repository.ts';

/** Everything the identity services use, built once in compose.ts. */
export interface IdentityDeps {
  users: UserRepository;
  addresses: OwnedItems<AddressDocument>;
  paymentMethods: OwnedItems<PaymentMethodDocument>;
  audit: AuditLog;
  sessions: SessionService;
  hasher: PasswordHasher;
  checkStrength: (password: string, userInputs: readonly string[]) => StrengthVerdict;
  mailer: Mailer;
  links: MailLinks;
  /** Progressive lockout of accounts after failed sign-ins or second factors. */
  lockout: LoginLockout;
  /** Attempts per account and minute (sign-in, second factor, password re-entry), whatever their outcome. */
  attemptLimiter: RateLimiter;
  /** Emails sent per address (verification, reset): beyond it requests are answered but send nothing. */
  mailLimiter: RateLimiter;
  payments: PaymentProvider;
  verifySocial: SocialVerifier;
  clock: () => Date;
  eventSource: string;
  logger: Logger;
}
