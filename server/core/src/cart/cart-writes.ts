import { CUSTOMER_CART_TTL_SECONDS, DEFAULT_CART_CURRENCY, GUEST_CART_TTL_SECONDS } from '@holiday-peak-hub/contract';
import type { Caller } from '../pipeline/handler.ts';
import { checkIfMatch } from '../platform/write-context.ts';
import { CART_DOCUMENT_ID, type CartDocument, type StoredCart } from './documents.ts';
import { isLive } from './cart-view.ts';

/** The storage version an absent cart answers as (its ETag is `"empty"`): `If-Match` can name it too. */
export const EMPTY_CART_VERSION = 'empty';

/** The owner's cart as a write starts from: the stored one (emptied when past its TTL), or a new one. */
export interface CartDraft {
  doc: CartDocument;
  /** The version to write on: null when nothing is stored. */
  etag: string | null;
}

/** Only our sessions and accounts have carts: the operations' access guarantees a subject. */
export function ownerOf(caller: Caller): string {
  if (caller.userId === null) throw new Error('a cart operation without a subject');
  return caller.userId;
}

export function draftOf(caller: Caller, stored: StoredCart | undefined, now: Date): CartDraft {
  const at = now.toISOString();
  if (stored) {
    const { _etag, ...doc } = stored;
    return { doc: isLive(doc, now) ? doc : { ...doc, lines: [], absorbed: [], created_at: at }, etag: _etag };
  }
  return {
    doc: {
      id: CART_DOCUMENT_ID,
      user_id: ownerOf(caller),
      owner: caller.role === 'guest' ? 'guest' : 'account',
      currency: DEFAULT_CART_CURRENCY,
      lines: [],
      absorbed: [],
      created_at: at,
      updated_at: at,
      ttl: 0,
    },
    etag: null,
  };
}

/** 412 when the caller's `If-Match` names another version than the one read. */
export function checkCartIfMatch(ifMatch: string | undefined, draft: CartDraft): void {
  checkIfMatch(ifMatch, draft.etag ?? EMPTY_CART_VERSION, { resource: 'cart' });
}

/** The document to write: its TTL renewed from now (14 days for a guest's, 90 for an account's). */
export function renewed(doc: CartDocument, now: Date): CartDocument {
  return {
    ...doc,
    updated_at: now.toISOString(),
    ttl: doc.owner === 'guest' ? GUEST_CART_TTL_SECONDS : CUSTOMER_CART_TTL_SECONDS,
  };
}
