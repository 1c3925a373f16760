import type { EmailLink, MockAccount, MockEmail, MockEmailKind, MockNoticeKind } from '../store/identity-store.ts';
import type { MockStore } from '../store/mock-store.ts';

type LinkKind = EmailLink['kind'];

/** How long each emailed link is valid, as the contract says. */
const LINK_SECONDS: Record<LinkKind, number> = {
  'verify-email': 24 * 3600,
  'reset-password': 3600,
  'set-password': 7 * 24 * 3600,
};

/** Links sharing a slot replace each other, as on the server: only the latest one works. */
const SLOT: Record<LinkKind, string> = {
  'verify-email': 'verification',
  'reset-password': 'password',
  'set-password': 'password',
};

const SUBJECTS: Record<MockEmailKind, string> = {
  'verify-email': 'Confirm your email address',
  'reset-password': 'Reset your password',
  'set-password': 'Your Holiday Peak Hub account',
  'account-exists': 'You already have an account',
  'email-changed': 'Your email address was changed',
  'password-changed': 'Your password was changed',
  'two-factor-enabled': 'Two-factor authentication is on',
  'account-deleted': 'Your account was deleted',
};

/** Emails `to` a link of `kind` for the account, and answers the link's token. */
export function sendLink(store: MockStore, account: MockAccount, kind: LinkKind, to = account.email): string {
  const { links } = store.identity;
  for (const [token, link] of links) {
    if (link.userId === account.id && SLOT[link.kind] === SLOT[kind]) links.delete(token);
  }
  const token = store.identity.nextToken(kind);
  const now = store.now();
  links.set(token, { kind, userId: account.id, email: to, expiresAt: now.getTime() + LINK_SECONDS[kind] * 1000 });
  store.identity.send({ to, kind, subject: SUBJECTS[kind], token, sent_at: now.toISOString() });
  return token;
}

/** Emails a notice without a link. */
export function sendNotice(store: MockStore, to: string, kind: MockNoticeKind): void {
  store.identity.send({ to, kind, subject: SUBJECTS[kind], token: null, sent_at: store.now().toISOString() });
}

/**
 * The account a link's token was sent for, and its kind; `undefined` when the token is unknown, of
 * another kind, expired, used, replaced by a newer link, or was sent to an address the account no
 * longer has. Call `spendLink` once the link did its work: it is single use.
 */
export function openLink(
  store: MockStore,
  token: string,
  kinds: readonly LinkKind[],
): { account: MockAccount; kind: LinkKind } | undefined {
  const link = store.identity.links.get(token);
  if (!link || !kinds.includes(link.kind) || link.expiresAt <= store.now().getTime()) return undefined;
  const account = store.identity.accounts.get(link.userId);
  if (!account || account.email !== link.email) return undefined;
  return { account, kind: link.kind };
}

export function spendLink(store: MockStore, token: string): void {
  store.identity.links.delete(token);
}

/**
 * The emails the mocks "sent", oldest first; only those to `to` when given. The mocks cannot send
 * mail: read the verification, password-reset and set-password tokens here (or pass `onEmail` to
 * `createMockStore`) to follow a flow a real user completes from their inbox.
 */
export function mockInbox(store: MockStore, to?: string): MockEmail[] {
  const wanted = to?.trim().toLowerCase();
  return store.identity.outbox.filter((mail) => wanted === undefined || mail.to === wanted);
}

/** The token of the latest email of `kind` to `to` (tests, dev tools); `undefined` when none was sent. */
export function latestMockLink(store: MockStore, to: string, kind: LinkKind): string | undefined {
  const mail = mockInbox(store, to)
    .filter((candidate) => candidate.kind === kind)
    .at(-1);
  return mail?.token ?? undefined;
}
