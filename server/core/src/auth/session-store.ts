/**
 * Server-side sessions behind refresh tokens. A refresh token is `<sessionId>.<secret>`; only the
 * secret's hash is stored, and every refresh replaces it (rotation). Presenting a secret that was
 * already rotated away means two parties hold the token — the user and a thief — so the whole
 * session is revoked and both must sign in again (OAuth 2.0 Security BCP §4.14.2).
 */
export interface SessionRecord {
  sessionId: string;
  userId: string;
  role: 'guest' | 'customer' | 'staff' | 'admin';
  createdAt: string;
  expiresAt: string;
  /** sha256 hex of the current refresh secret */
  secretHash: string;
}

export type RotateOutcome =
  { outcome: 'rotated'; session: SessionRecord } | { outcome: 'reused' } | { outcome: 'unknown' };

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** undefined when revoked or expired */
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /** Atomically: if presentedHash is the current secret, replace it with nextHash ('rotated'); if it is a secret rotated away earlier in this session, revoke the session ('reused'); otherwise 'unknown'. */
  rotate(sessionId: string, presentedHash: string, nextHash: string): Promise<RotateOutcome>;
  revoke(sessionId: string): Promise<void>;
  /** Revokes every session of the user except `exceptSessionId`; returns how many were revoked. */
  revokeAllForUser(userId: string, exceptSessionId?: string): Promise<number>;
  close(): Promise<void>;
}

/** Plain JSON, so the table can be saved (the mocks keep it across page reloads). */
export interface SessionEntry {
  record: SessionRecord;
  /** Hashes of the secrets rotated away so far: presenting one again is token theft. */
  used: string[];
}

/**
 * Sessions in this process (embedded default, single instance). Every method runs synchronously
 * before it resolves, so a rotation is atomic without locks.
 */
export class MemorySessionStore implements SessionStore {
  readonly #entries: Map<string, SessionEntry>;
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date(), entries: Map<string, SessionEntry> = new Map()) {
    this.#now = now;
    this.#entries = entries;
  }

  /** The entry while it lives; an expired one is dropped on the way. */
  #live(sessionId: string): SessionEntry | undefined {
    const entry = this.#entries.get(sessionId);
    if (entry && this.#expired(entry)) {
      this.#entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  #expired(entry: SessionEntry): boolean {
    return Date.parse(entry.record.expiresAt) <= this.#now().getTime();
  }

  create(session: SessionRecord): Promise<void> {
    // Sessions nobody refreshes again would otherwise stay forever; sweeping on sign-in bounds the map.
    for (const [sessionId, entry] of this.#entries) if (this.#expired(entry)) this.#entries.delete(sessionId);
    this.#entries.set(session.sessionId, { record: { ...session }, used: [] });
    return Promise.resolve();
  }

  get(sessionId: string): Promise<SessionRecord | undefined> {
    const entry = this.#live(sessionId);
    return Promise.resolve(entry ? { ...entry.record } : undefined);
  }

  rotate(sessionId: string, presentedHash: string, nextHash: string): Promise<RotateOutcome> {
    const entry = this.#live(sessionId);
    // Plain comparisons are safe here: these are hashes, and timing reveals nothing about the secrets behind them.
    if (entry?.record.secretHash === presentedHash) {
      entry.used.push(presentedHash);
      entry.record.secretHash = nextHash;
      return Promise.resolve({ outcome: 'rotated', session: { ...entry.record } });
    }
    if (entry?.used.includes(presentedHash)) {
      this.#entries.delete(sessionId);
      return Promise.resolve({ outcome: 'reused' });
    }
    return Promise.resolve({ outcome: 'unknown' });
  }

  revoke(sessionId: string): Promise<void> {
    this.#entries.delete(sessionId);
    return Promise.resolve();
  }

  revokeAllForUser(userId: string, exceptSessionId?: string): Promise<number> {
    let revoked = 0;
    for (const [sessionId, entry] of this.#entries) {
      if (entry.record.userId !== userId || sessionId === exceptSessionId) continue;
      if (!this.#expired(entry)) revoked++;
      this.#entries.delete(sessionId);
    }
    return Promise.resolve(revoked);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
