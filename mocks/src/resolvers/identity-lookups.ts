import type { Address, PaymentMethod } from '@holiday-peak-hub/contract';
import { MockHttpError, notFound } from '../http/mock-error.ts';
import { sendNotice } from '../identity/email-links.ts';
import { endSessionsOf } from '../identity/sessions.ts';
import type { MockAccount } from '../store/identity-store.ts';
import type { MockStore } from '../store/mock-store.ts';

/** The 409 of an email another account has (sign-up answers 202 instead). */
export const EMAIL_TAKEN = 'An account already uses this email';

/** The caller's account, or 404 (it was deleted while the token lived). */
export function accountOf(store: MockStore, userId: string | null): MockAccount {
  const account = userId === null ? undefined : store.identity.accounts.get(userId);
  if (!account) throw notFound('Account', {});
  return account;
}

/** Any account by id (admin), or 404. */
export function accountOr404(store: MockStore, userId: string): MockAccount {
  const account = store.identity.accounts.get(userId);
  if (!account) throw notFound('User', { user_id: userId });
  return account;
}

/**
 * 422 unless `password` is the account's: a second check before a sensitive change. Not 401: that
 * would tell the client its session ended.
 */
export function checkPassword(account: MockAccount, password: string, field = 'password'): void {
  if (account.password === null || account.password !== password) {
    throw new MockHttpError('UNPROCESSABLE_ENTITY', 'The password is wrong', { field });
  }
}

/** One of the caller's addresses, or 404: another account's address does not exist for them. */
export function addressOr404(account: MockAccount, id: string): Address {
  const address = account.addresses.find((candidate) => candidate.id === id);
  if (!address) throw notFound('Address', { address_id: id });
  return address;
}

export function paymentMethodOr404(account: MockAccount, id: string): PaymentMethod {
  const method = account.paymentMethods.find((candidate) => candidate.id === id);
  if (!method) throw notFound('Payment method', { payment_method_id: id });
  return method;
}

/** Default first, then newest first: the order the lists answer. */
export function defaultFirst<T extends { is_default: boolean }>(items: readonly T[]): T[] {
  return [...items].reverse().sort((a, b) => Number(b.is_default) - Number(a.is_default));
}

/** After removing the default, the most recent remaining item becomes the default. */
export function promoteLatest<T extends { is_default: boolean }>(items: T[]): void {
  const latest = items.at(-1);
  if (latest && !items.some((item) => item.is_default)) latest.is_default = true;
}

/** Erases an account and everything the mocks hold about it, ends its sessions, and tells its owner. */
export function eraseAccount(store: MockStore, account: MockAccount): void {
  const { identity } = store;
  identity.accounts.delete(account.id);
  endSessionsOf(store, account.id);
  for (const [token, link] of identity.links) if (link.userId === account.id) identity.links.delete(token);
  for (const [token, challenge] of identity.challenges) {
    if (challenge.userId === account.id) identity.challenges.delete(token);
  }
  sendNotice(store, account.email, 'account-deleted');
}
