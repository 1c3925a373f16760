import type { EventActor } from '@holiday-peak-hub/contract';
import { NotFoundError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { eventContext, retryOnConflict, type WriteContext } from '../platform/write-context.ts';
import { changingAdmin } from './admin-roster.ts';
import type { StoredUser } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import { newAccount } from './new-account.ts';

/**
 * Erases an account (right to erasure). An admin is first taken off the admin roster, which is
 * refused (422) for the last one (`admin-roster.ts`). Then sessions, so nothing acts for it
 * meanwhile; then the address book and saved cards; then the account itself, as a tombstone
 * carrying `UserDeleted` (outbox), and its email and sign-in identity claims, so they can sign up
 * again; an admin's erasure names the admin (`actor`, for the audit trail). Orders, once they exist, keep only the user id, which no longer leads to anyone. A delete
 * that loses to a concurrent write (a sign-in, a role change) starts again on a fresh read; each
 * step may be repeated.
 */
export async function eraseAccount(
  deps: IdentityDeps,
  user: StoredUser,
  ctx: WriteContext,
  actor?: EventActor,
): Promise<void> {
  let current = user;
  let first = true;
  const erased = await retryOnConflict(async () => {
    if (!first) {
      const fresh = await deps.users.get(user.id);
      if (!fresh) throw new NotFoundError('User', { user_id: user.id });
      current = fresh;
    }
    first = false;
    const now = deps.clock();
    const doc = current;
    return changingAdmin(deps.users, doc.id, { wasAdmin: doc.role === 'admin', isAdmin: false }, async () => {
      await deps.sessions.endAllFor(doc.id);
      await deps.addresses.deleteAll(doc.id);
      await deps.paymentMethods.deleteAll(doc.id);
      const event = createEvent(
        'UserDeleted',
        { user_id: doc.id, role: doc.role, ...(actor && { actor }) },
        eventContext(deps, ctx, now),
      );
      // The tombstone that carries the event until it is published keeps nothing personal.
      const tombstone = { ...newAccount(doc.id, '', '', doc.role, now), created_at: doc.created_at };
      await deps.users.delete(tombstone, [event], doc._etag, now);
      return doc;
    });
  });
  await deps.users.releaseEmail(erased.email);
  for (const identity of erased.identities ?? []) {
    await deps.users.releaseIdentity(identity.provider, identity.subject);
  }
  await sendMail(deps, mails.accountDeleted(erased.email));
}
