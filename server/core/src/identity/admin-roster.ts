import { PreconditionFailedError, ServiceUnavailableError, UnprocessableError } from '../pipeline/errors.ts';
import type { AdminRoster, UserRepository } from './ports.ts';

/**
 * "At least one admin remains", under concurrent requests. Every change of who is an admin goes
 * through one document, the admin roster (`AdminRoster`: the admins' ids), read, checked and
 * written back only if it is still the version read (optimistic concurrency, retried here on a
 * fresh read), before the account itself is written:
 *
 * - an account becomes an admin (promotion, creation, the demo seed, `admin:create`): its id is
 *   put on the roster first, then the account is written, conditionally on the version read
 *   before. So the roster names every admin; it may name, for a moment (or after a crash), an
 *   account that is not one.
 * - an admin stops being one (demotion, erasure): its id is taken off the roster first, which is
 *   refused unless another id on it is an admin account right now (read, not assumed: a name the
 *   roster holds in excess never counts), then the account is written. A write that fails is
 *   retried from a fresh read by the caller (`retryOnConflict`), never by putting the id back.
 *
 * Why it holds: an admin that another removal counted stays on the roster until its own removal,
 * which rewrites the roster; two removals that count each other therefore race for one version
 * and the later one re-checks, finds only itself, and is refused. An admin account can stop being
 * one only after its id left the roster, and its id is put back only before an account write
 * conditional on a version read before it (so a removal that read the admin earlier fails its own
 * write and starts again, seeing the id back).
 *
 * Data older than the roster: the first use builds it from the admin accounts and creates it
 * (a create: a concurrent first build makes it read again).
 */

/** Tries of one roster change; each failed try means another change succeeded meanwhile. */
const MAX_TRIES = 60;

const pause = (tries: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** tries, 32)));

/** The message and details of the refusal (the 422 the operations that demote or delete declare). */
export const LAST_ADMIN_MESSAGE = 'The last admin cannot be demoted or deleted: make another account an admin first';

/** Puts an id on the roster (nothing to write if it is there): before the account becomes an admin. */
export async function enrolAdmin(users: UserRepository, userId: string): Promise<void> {
  await change(users, (roster) =>
    roster.admin_ids.includes(userId) ? null : { admin_ids: [...roster.admin_ids, userId] },
  );
}

/** Takes an id off the roster without any check: after a creation or promotion that failed. */
export async function forgetAdmin(users: UserRepository, userId: string): Promise<void> {
  await change(users, (roster) =>
    roster.admin_ids.includes(userId) ? { admin_ids: roster.admin_ids.filter((id) => id !== userId) } : null,
  );
}

/**
 * Takes an admin off the roster before the account is demoted or deleted: refused (422
 * `UNPROCESSABLE_ENTITY`, details `{ reason: 'last_admin', user_id }`) unless another id on the
 * roster is an admin account. Always written, even when the id was not on it, so the check and
 * the write hold for one version of the roster.
 */
export async function releaseAdmin(users: UserRepository, userId: string): Promise<void> {
  await change(users, async (roster) => {
    const others = roster.admin_ids.filter((id) => id !== userId);
    if (!(await anyAdmin(users, others))) {
      throw new UnprocessableError(LAST_ADMIN_MESSAGE, { reason: 'last_admin', user_id: userId });
    }
    return { admin_ids: others };
  });
}

/**
 * Runs the write that changes whether an account is an admin, with the roster step its direction
 * needs first: `enrolAdmin` before a promotion (taken back if the write fails otherwise than by a
 * conflict, which the caller retries), `releaseAdmin` before a demotion or erasure.
 */
export async function changingAdmin<T>(
  users: UserRepository,
  userId: string,
  change: { wasAdmin: boolean; isAdmin: boolean },
  write: () => Promise<T>,
): Promise<T> {
  if (change.wasAdmin === change.isAdmin) return write();
  if (change.wasAdmin) {
    await releaseAdmin(users, userId);
    return write();
  }
  await enrolAdmin(users, userId);
  try {
    return await write();
  } catch (err) {
    // A conflict is retried by the caller, which enrols again; anything else leaves a name the
    // rule never counts without reading the account, so taking it off is tidiness, not safety.
    if (!(err instanceof PreconditionFailedError)) {
      const now = await users.get(userId).catch(() => undefined);
      if (now?.role !== 'admin') await forgetAdmin(users, userId).catch(() => undefined);
    }
    throw err;
  }
}

/** The roster's ids, for tests and operators (built from the accounts on first use). */
export async function adminIds(users: UserRepository): Promise<string[]> {
  return (await load(users)).roster.admin_ids;
}

async function anyAdmin(users: UserRepository, ids: readonly string[]): Promise<boolean> {
  for (const id of ids) {
    if ((await users.get(id))?.role === 'admin') return true;
  }
  return false;
}

async function load(users: UserRepository): Promise<{ roster: AdminRoster; etag: string | null }> {
  const stored = await users.adminRoster();
  if (stored) return { roster: { admin_ids: [...stored.admin_ids] }, etag: stored._etag };
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await users.list({ role: 'admin', limit: 100, cursor });
    ids.push(...page.items.map((user) => user.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { roster: { admin_ids: ids }, etag: null };
}

/**
 * Read, decide, write if unchanged, else again. `decide` answers the roster to write, null when
 * there is nothing to write, or throws to refuse. A roster built from the accounts is created
 * even when nothing changes, so that the next change has a version to name.
 */
async function change(
  users: UserRepository,
  decide: (roster: AdminRoster) => AdminRoster | null | Promise<AdminRoster | null>,
): Promise<void> {
  for (let tries = 1; tries <= MAX_TRIES; tries += 1) {
    const { roster, etag } = await load(users);
    const next = (await decide(roster)) ?? (etag === null ? roster : null);
    if (next === null) return;
    if (await users.saveAdminRoster(next, etag)) return;
    await pause(tries);
  }
  throw new ServiceUnavailableError('Too many changes of the admins at once: try again');
}
