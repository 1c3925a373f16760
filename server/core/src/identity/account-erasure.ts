import { createEvent } from '../platform/events/create-event.ts';
import { eventContext, type WriteContext } from '../platform/write-context.ts';
import type { StoredUser } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import { newAccount } from './new-account.ts';

/**
 * Erases an account (right to erasure): sessions first, so nothing acts for it meanwhile; then the
 * address book and saved cards; then the account itself, as a tombstone carrying `UserDeleted`
 * (outbox), and its email and sign-in identity claims, so they can sign up again. Orders, once they exist, keep
 * only the user id, which no longer leads to anyone.
 */
export async function eraseAccount(deps: IdentityDeps, user: StoredUser, ctx: WriteContext): Promise<void> {
  const now = deps.clock();
  await deps.sessions.endAllFor(user.id);
  await deps.addresses.deleteAll(user.id);
  await deps.paymentMethods.deleteAll(user.id);
  const event = createEvent('UserDeleted', { user_id: user.id }, eventContext(deps, ctx, now));
  // The tombstone that carries the event until it is published keeps nothing personal.
  const tombstone = { ...newAccount(user.id, '', '', user.role, now), created_at: user.created_at };
  await deps.users.delete(tombstone, [event], user._etag, now);
  await deps.users.releaseEmail(user.email);
  for (const identity of user.identities ?? []) await deps.users.releaseIdentity(identity.provider, identity.subject);
  await sendMail(deps, mails.accountDeleted(user.email));
}
