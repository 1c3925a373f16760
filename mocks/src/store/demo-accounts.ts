import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import type { MockAccount } from './identity-store.ts';
import { newAccount } from './new-account.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

/** When each demo account was created in the mocks: a day apart, so "newest first" is the customer first. */
const createdAt = (index: number) => new Date(Date.UTC(2026, 9, 3 - index, 9)).toISOString();

/**
 * Fresh copies of the contract's demo accounts (the ones the server's embedded default seeds and
 * prints): verified, with the demo password, no second factor.
 */
export function demoAccounts(): MockAccount[] {
  return DEMO_ACCOUNTS.map((demo, index) =>
    newAccount({ ...demo, password: DEMO_PASSWORD, email_verified: true, created_at: createdAt(index) }),
  );
}
