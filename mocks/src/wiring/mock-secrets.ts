import {
  base64url,
  exportSigningKey,
  importSigningKey,
  loadSigningKey,
  randomBytes,
  type MemoryTables,
  type SigningKey,
} from '@holiday-peak-hub/core';
import type { JWK } from 'jose';

interface Secrets {
  signingKey: JWK;
  csrf: string;
}

/**
 * The mocks' signing key and CSRF secret, kept in the tables: saved with the rest of the state, so
 * tokens and cookies issued before a page reload still verify after it.
 */
export async function mockSecrets(tables: MemoryTables): Promise<{ signingKey: SigningKey; csrfSecret: string }> {
  const table = tables.table<Secrets>('mock.secrets');
  let secrets = table.get('current');
  if (!secrets) {
    const generated = await loadSigningKey(undefined);
    secrets = { signingKey: await exportSigningKey(generated), csrf: base64url(randomBytes(32)) };
    table.set('current', secrets);
  }
  return { signingKey: await importSigningKey(secrets.signingKey), csrfSecret: secrets.csrf };
}
