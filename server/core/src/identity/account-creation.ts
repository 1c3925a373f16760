import type { EventActor } from '@holiday-peak-hub/contract';
import { createEvent } from '../platform/events/create-event.ts';
import { eventContext, type WriteContext } from '../platform/write-context.ts';
import type { StoredUser, UserDocument } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';

/**
 * Claims the email, then writes the account with its UserCreated event (naming the admin who
 * created it, if one did); the claim is given up if the write fails.
 */
export async function createAccount(
  deps: IdentityDeps,
  doc: UserDocument,
  origin: 'signup' | 'social' | 'admin',
  ctx: WriteContext,
  actor?: EventActor,
): Promise<StoredUser> {
  const now = deps.clock();
  await deps.users.claimEmail(doc.email, doc.id, now);
  try {
    const event = createEvent(
      'UserCreated',
      { user_id: doc.id, role: doc.role, origin, ...(actor && { actor }) },
      eventContext(deps, ctx, now),
    );
    return await deps.users.create(doc, [event], now);
  } catch (err) {
    await deps.users.releaseEmail(doc.email);
    throw err;
  }
}
