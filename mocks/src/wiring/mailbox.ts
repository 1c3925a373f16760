import type { MockStore } from './mock-store.ts';

export type MockEmailKind =
  | 'verify-email'
  | 'reset-password'
  | 'set-password'
  | 'account-exists'
  | 'email-in-use'
  | 'email-changed'
  | 'password-changed'
  | 'two-factor-enabled'
  | 'account-deleted';

/** A mail the mocks "sent", with the token of its link (`null` for notices). */
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

/** The core's mail templates by subject (the mocks read the mail the core sent, as a user would). */
const KIND_OF_SUBJECT: Readonly<Record<string, MockEmailKind>> = {
  'Confirm your email address': 'verify-email',
  'Reset your password': 'reset-password',
  'Your Holiday Peak Hub account': 'set-password',
  'You already have an account': 'account-exists',
  'Someone tried to use your email address': 'email-in-use',
  'Your email address was changed': 'email-changed',
  'Your password was changed': 'password-changed',
  'Two-factor authentication is on': 'two-factor-enabled',
  'Your account was deleted': 'account-deleted',
};

const tokenIn = (text: string) => {
  const match = /[?&]token=([^\s&]+)/.exec(text);
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
};

/** The mails sent (to one address, or to everyone), oldest first. */
export function mockInbox(store: MockStore, to?: string): MockEmail[] {
  const wanted = to?.trim().toLowerCase();
  return store.mailer
    .messages()
    .filter((mail) => wanted === undefined || mail.to === wanted)
    .flatMap((mail) => {
      const kind = KIND_OF_SUBJECT[mail.subject];
      return kind
        ? [{ to: mail.to, kind, subject: mail.subject, token: tokenIn(mail.text), sent_at: mail.sent_at }]
        : [];
    });
}

/** The token of the newest link of a kind mailed to an address (what the user would click). */
export function latestMockLink(
  store: MockStore,
  to: string,
  kind: 'verify-email' | 'reset-password' | 'set-password',
): string | undefined {
  return (
    mockInbox(store, to)
      .filter((mail) => mail.kind === kind)
      .at(-1)?.token ?? undefined
  );
}
