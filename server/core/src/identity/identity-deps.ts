import type { Mailer } from '../platform/mail/mailer.ts';
import type { PaymentProvider } from '../platform/payments/payment-provider.ts';
import type { LoginLockout } from '../platform/rate-limit/login-lockout.ts';
import type { RateLimiter } from '../platform/rate-limit/rate-limiter.ts';
import type { Logger } from '../ports/logger.ts';
import type { AddressDocument, PaymentMethodDocument } from './documents.ts';
import type { MailLinks } from './mail-templates.ts';
import type {
  AuditLog,
  OwnedItems,
  PasswordHasher,
  PasswordStrengthCheck,
  SocialVerifier,
  TotpMatcher,
  UserRepository,
} from './ports.ts';
import type { SessionService } from './session-service.ts';

/** Everything the identity services use, built once by `createIdentityCore`. */
export interface IdentityDeps {
  users: UserRepository;
  addresses: OwnedItems<AddressDocument>;
  paymentMethods: OwnedItems<PaymentMethodDocument>;
  audit: AuditLog;
  sessions: SessionService;
  hasher: PasswordHasher;
  checkStrength: PasswordStrengthCheck;
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
  /** Checks a second-factor code (the core's `matchTotp` unless told otherwise). */
  matchTotp: TotpMatcher;
  clock: () => Date;
  eventSource: string;
  logger: Logger;
}
