import type { ChainableCommander, Redis } from 'ioredis';
import type { RotateOutcome, Rotation, SessionRecord, SessionStore } from '@holiday-peak-hub/core';

const ROLES = ['guest', 'customer', 'staff', 'admin'] as const;
const FIELDS = ['userId', 'role', 'createdAt', 'expiresAt', 'secretHash'] as const;

/**
 * KEYS: session hash, user's session-id set. ARGV: expiresAt (epoch ms), milliseconds until then,
 * session id, then the hash's field/value pairs. The user's set lives as long as their longest
 * session (PTTL is -1 on a set that has just been created, so the first session always sets it).
 */
const CREATE = `
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[3])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
`;

/**
 * KEYS: session hash, set of the session's rotated-away secret hashes, the last rotation (a hash:
 * secretHash, rotatedAt, graceUntil, sealedNext). ARGV: presented hash, next hash, sealed next
 * secret, now and the end of the grace window (epoch ms, the caller's clock), the window in ms.
 * One script, so two refreshes racing with the same token cannot both see it as current, and the
 * loser sees the winner's rotation. The used set expires with the session; the last rotation is
 * replaced by the next one and expires with its window, so Redis forgets the sealed secret.
 */
const ROTATE = `
local current = redis.call('HGET', KEYS[1], 'secretHash')
if not current then return {'unknown'} end
local now = tonumber(ARGV[4])
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'secretHash', ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
  redis.call('DEL', KEYS[3])
  local graceMs = tonumber(ARGV[6])
  if graceMs > 0 then
    redis.call('HSET', KEYS[3], 'secretHash', ARGV[1], 'rotatedAt', ARGV[4], 'graceUntil', ARGV[5], 'sealedNext', ARGV[3])
    redis.call('PEXPIRE', KEYS[3], graceMs)
  end
  return {'rotated', redis.call('HGETALL', KEYS[1])}
end
local last = redis.call('HMGET', KEYS[3], 'secretHash', 'graceUntil', 'sealedNext')
if last[1] == ARGV[1] and now < tonumber(last[2]) then
  return {'replayed', redis.call('HGETALL', KEYS[1]), last[3]}
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
  return {'reused'}
end
return {'unknown'}
`;

/** A stored session hash as a record; undefined for a missing key (HGETALL gives {}), a throw for a damaged one. */
function toRecord(sessionId: string, hash: Record<string, string>): SessionRecord | undefined {
  if (Object.keys(hash).length === 0) return undefined;
  const { userId, role, createdAt, expiresAt, secretHash } = hash;
  const knownRole = ROLES.find((candidate) => candidate === role);
  if (userId === undefined || !knownRole || createdAt === undefined || expiresAt === undefined || !secretHash) {
    throw new Error(`Session ${sessionId} is stored in an unexpected shape`);
  }
  return { sessionId, userId, role: knownRole, createdAt, expiresAt, secretHash };
}

/** HGETALL's reply inside a Lua script is a flat field/value array, not the object ioredis makes of it. */
function pairsToObject(pairs: unknown): Record<string, string> {
  const object: Record<string, string> = {};
  if (!Array.isArray(pairs)) return object;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const [field, value] = [pairs[i] as unknown, pairs[i + 1] as unknown];
    if (typeof field === 'string' && typeof value === 'string') object[field] = value;
  }
  return object;
}

/** Runs a MULTI and surfaces the first failed command (ioredis reports them per reply, not by rejecting). */
async function exec(transaction: ChainableCommander): Promise<unknown[]> {
  const replies = await transaction.exec();
  if (!replies) throw new Error('Redis transaction was discarded');
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/**
 * Sessions in Redis, shared by every instance and surviving restarts. Keys under `<prefix>`:
 * `session:<id>` (hash), `session:<id>:used` (set of rotated-away secret hashes),
 * `session:<id>:last` (the last rotation, for its grace window only) and `user:<userId>:sessions`
 * (set of ids, for "sign out everywhere"); all expire with the sessions, so Redis itself forgets
 * expired sessions.
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, options: { prefix?: string } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'auth';
  }

  #sessionKey(sessionId: string): string {
    return `${this.#prefix}:session:${sessionId}`;
  }

  #usedKey(sessionId: string): string {
    return `${this.#prefix}:session:${sessionId}:used`;
  }

  #lastKey(sessionId: string): string {
    return `${this.#prefix}:session:${sessionId}:last`;
  }

  #userKey(userId: string): string {
    return `${this.#prefix}:user:${userId}:sessions`;
  }

  async create(session: SessionRecord): Promise<void> {
    const expiresAtMs = Date.parse(session.expiresAt);
    if (!Number.isFinite(expiresAtMs)) throw new Error(`Session expiresAt is not a date: ${session.expiresAt}`);
    const fields = FIELDS.flatMap((field) => [field, session[field]]);
    const msLeft = Math.max(1, expiresAtMs - Date.now());
    await this.#redis.eval(
      CREATE,
      2,
      this.#sessionKey(session.sessionId),
      this.#userKey(session.userId),
      expiresAtMs,
      msLeft,
      session.sessionId,
      ...fields,
    );
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    return toRecord(sessionId, await this.#redis.hgetall(this.#sessionKey(sessionId)));
  }

  async rotate(sessionId: string, rotation: Rotation): Promise<RotateOutcome> {
    const now = rotation.now.getTime();
    const graceMs = Math.max(0, Math.round(rotation.graceMs));
    const reply = await this.#redis.eval(
      ROTATE,
      3,
      this.#sessionKey(sessionId),
      this.#usedKey(sessionId),
      this.#lastKey(sessionId),
      rotation.presentedHash,
      rotation.nextHash,
      rotation.sealedNext,
      now,
      now + graceMs,
      graceMs,
    );
    const [outcome, pairs, sealedNext] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (outcome === 'reused' || outcome === 'unknown') return { outcome };
    const session =
      outcome === 'rotated' || outcome === 'replayed' ? toRecord(sessionId, pairsToObject(pairs)) : undefined;
    if (session && outcome === 'rotated') return { outcome, session };
    if (session && outcome === 'replayed' && typeof sealedNext === 'string') return { outcome, session, sealedNext };
    throw new Error(`Unexpected reply from the session rotation script: ${JSON.stringify(reply)}`);
  }

  async revoke(sessionId: string): Promise<void> {
    const userId = await this.#redis.hget(this.#sessionKey(sessionId), 'userId');
    const transaction = this.#redis
      .multi()
      .del(this.#sessionKey(sessionId), this.#usedKey(sessionId), this.#lastKey(sessionId));
    if (userId !== null) transaction.srem(this.#userKey(userId), sessionId);
    await exec(transaction);
  }

  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<number> {
    const targets = (await this.#redis.smembers(this.#userKey(userId))).filter((id) => id !== exceptSessionId);
    if (targets.length === 0) return 0;
    const transaction = this.#redis.multi();
    for (const sessionId of targets) {
      transaction.del(this.#sessionKey(sessionId)).del(this.#usedKey(sessionId), this.#lastKey(sessionId));
    }
    transaction.srem(this.#userKey(userId), ...targets);
    const replies = await exec(transaction);
    // Replies come in pairs per session; the first of each pair says whether the session still existed.
    return targets.filter((_, i) => replies[2 * i] === 1).length;
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
