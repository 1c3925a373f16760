import type {
  AccountRole,
  Address,
  PaymentMethod,
  Preferences,
  SessionRole,
  SocialProvider,
} from '@holiday-peak-hub/contract';
import { demoAccounts } from './demo-accounts.ts';

/** An account as the mocks keep it: the `User` fields plus what never leaves the server. */
export type MockAccount = {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  role: AccountRole;
  email_verified: boolean;
  newsletter_opt_in: boolean;
  date_of_birth: string | null;
  created_at: string;
  updated_at: string;
  last_login: string | null;
  /**
   * The password in plain text. The mocks are a development fake living in one page's (or one test
   * file's) memory; the real server keeps only an Argon2id hash. `null` for an account an admin
   * created whose owner has not set a password yet.
   */
  password: string | null;
  twoFactor: {
    enabled: boolean;
    /** The secret of an enrolment started by `enableTwoFactor` and not yet confirmed. */
    pendingSecret: string | null;
    /** Unused recovery codes: each signs in once. */
    recoveryCodes: string[];
  };
  preferences: Preferences;
  /** The social sign-in identities joined to the account (`socialSignIn`). */
  identities: { provider: SocialProvider; subject: string }[];
  /** In the order they were saved. */
  addresses: Address[];
  /** In the order they were saved. */
  paymentMethods: PaymentMethod[];
};

/** A signed-in session (an account's or a guest's), with its current tokens. */
export type MockSession = {
  id: string;
  role: SessionRole;
  /** The account; `null` for a guest session. */
  userId: string | null;
  /** The user id, or the guest id of a guest session. */
  subject: string;
  /** The latest access token (earlier ones keep working until they expire, as signed tokens do). */
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds on the mock clock. */
  accessExpiresAt: number;
  refreshExpiresAt: number;
  csrfToken: string;
};

/** What the mocks would have emailed. */
export type MockEmailKind =
  | 'verify-email'
  | 'reset-password'
  | 'set-password'
  | 'account-exists'
  | 'email-changed'
  | 'password-changed'
  | 'two-factor-enabled'
  | 'account-deleted';

/** The emails that carry no link: they tell the owner something happened. */
export type MockNoticeKind = Exclude<MockEmailKind, EmailLink['kind']>;

export type MockEmail = {
  to: string;
  kind: MockEmailKind;
  subject: string;
  /**
   * The token of the emailed link: `POST /api/auth/verify-email` takes a `verify-email` token,
   * `POST /api/auth/reset-password` a `reset-password` or `set-password` one. `null` for notices.
   */
  token: string | null;
  sent_at: string;
};

/** A single-use token of an emailed link, bound to the address it was sent to. */
export type EmailLink = {
  kind: 'verify-email' | 'reset-password' | 'set-password';
  userId: string;
  email: string;
  expiresAt: number;
};

/** A sign-in that passed the password and waits for a second factor. */
export type TwoFactorChallenge = { userId: string; expiresAt: number };

/** The identity state: accounts, sessions, the tokens that point at them, and the outbox. */
export type IdentityStore = {
  readonly accounts: Map<string, MockAccount>;
  readonly sessions: Map<string, MockSession>;
  /** Access token → its session and expiry. */
  readonly accessTokens: Map<string, { sessionId: string; expiresAt: number }>;
  /** Refresh token → its session; `spent` once traded, so a replay can be told from a stranger. */
  readonly refreshTokens: Map<string, { sessionId: string; spent: boolean }>;
  readonly challenges: Map<string, TwoFactorChallenge>;
  readonly links: Map<string, EmailLink>;
  /** Every email the mocks "sent", oldest first. Read it with `mockInbox(store)`. */
  readonly outbox: MockEmail[];
  accountByEmail(email: string): MockAccount | undefined;
  /** A new id with the contract's shape: `usr_`, `adr_`, `pmt_` or `gst_` and 16 characters. */
  nextId(prefix: 'usr' | 'adr' | 'pmt' | 'gst'): string;
  /** A new opaque token, `mock.<kind>.<epoch>.<n>`: unique within this store, never reused across resets. */
  nextToken(kind: string): string;
  /** Records an email in the outbox (and hands it to `onEmail`). */
  send(email: MockEmail): void;
  reset(): void;
};

export type IdentityStoreOptions = {
  /** Called with every email the mocks send, e.g. `(mail) => console.info('[mocks] mail', mail)`. */
  onEmail?: (email: MockEmail) => void;
};

/**
 * 16 characters: `mockid` and the sequence number. The letters keep every run of digits short: the
 * contract refuses any body with 13 or more digits in a row that pass the Luhn check (a card number),
 * which an id padded with zeros (`adr_m00000000000000r`) would be when sent as `billing_address_id`.
 */
const id16 = (n: number) => `mockid${n.toString(36).padStart(10, '0')}`;

export function createIdentityStore(options: IdentityStoreOptions = {}): IdentityStore {
  const accounts = new Map<string, MockAccount>();
  const sessions = new Map<string, MockSession>();
  const accessTokens = new Map<string, { sessionId: string; expiresAt: number }>();
  const refreshTokens = new Map<string, { sessionId: string; spent: boolean }>();
  const challenges = new Map<string, TwoFactorChallenge>();
  const links = new Map<string, EmailLink>();
  const outbox: MockEmail[] = [];
  let sequence = 0;
  // Tokens carry the real time of the last reset, so a token (or a cookie msw kept in localStorage)
  // from before a reset or a page reload never names a session of the new state.
  let epoch = '';

  const reset = () => {
    for (const map of [accounts, sessions, accessTokens, refreshTokens, challenges, links]) map.clear();
    outbox.length = 0;
    for (const account of demoAccounts()) accounts.set(account.id, account);
    sequence = 0;
    epoch = Date.now().toString(36);
  };
  reset();

  return {
    accounts,
    sessions,
    accessTokens,
    refreshTokens,
    challenges,
    links,
    outbox,
    accountByEmail(email) {
      const wanted = email.toLowerCase();
      for (const account of accounts.values()) if (account.email === wanted) return account;
      return undefined;
    },
    nextId(prefix) {
      sequence += 1;
      return `${prefix}_${id16(sequence)}`;
    },
    nextToken(kind) {
      sequence += 1;
      return `mock.${kind}.${epoch}.${sequence.toString().padStart(6, '0')}`;
    },
    send(email) {
      outbox.push(email);
      options.onEmail?.(email);
    },
    reset,
  };
}
