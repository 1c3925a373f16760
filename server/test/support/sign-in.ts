import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import type { AccountRole, AuthSession } from '@holiday-peak-hub/contract';

/** Signs in through the API with body delivery; the whole session answer. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<AuthSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, token_delivery: 'body' }),
  });
  const body = (await res.json()) as AuthSession;
  if (res.status !== 200 || body.status !== 'authenticated' || !body.tokens) {
    throw new Error(`sign-in of ${email} answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return body;
}

/** An access token of the embedded default's demo account of a role. */
export async function demoToken(baseUrl: string, role: AccountRole): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account with role ${role}`);
  const session = await signIn(baseUrl, account.email, DEMO_PASSWORD);
  return session.tokens!.access_token;
}
