import type { AccountRole } from '@holiday-peak-hub/contract';
import { InvalidRequestError } from '../../pipeline/errors.ts';
import { base64url } from '../../platform/random.ts';

/** Where a listing of accounts resumes: after this account, in a listing of this role (or all). */
export interface UserCursor {
  created_at: string;
  id: string;
  role: AccountRole | null;
}

/** The 400 the Cosmos DB adapter answers for a cursor it cannot resume from. */
export function invalidUserCursor(): InvalidRequestError {
  return new InvalidRequestError('Invalid cursor', [
    { in: 'query', path: 'cursor', message: 'cursor is not valid for this query: start again without it' },
  ]);
}

export function encodeUserCursor(cursor: UserCursor): string {
  return base64url(new TextEncoder().encode(JSON.stringify([cursor.created_at, cursor.id, cursor.role])));
}

/** The cursor, when it is one of ours for a listing of this role; else the 400. */
export function decodeUserCursor(text: string, role: AccountRole | null): UserCursor {
  let parsed: unknown;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
  } catch {
    throw invalidUserCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidUserCursor();
  const [createdAt, id, cursorRole] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || cursorRole !== role) throw invalidUserCursor();
  return { created_at: createdAt, id, role };
}
