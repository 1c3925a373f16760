/**
 * Server-side sessions behind refresh tokens. A refresh token is `<sessionId>.<secret>`; only the
 * secret's hash is stored, and every refresh replaces it (rotation). Presenting a secret that was
 * already rotated away means two parties hold the token — the user and a thief — so the whole
 * session is revoked and both must sign in again (OAuth 2.0 Security BCP §4.14.2).
 *
 * One exception, the reuse grace window: the secret rotated away last is still taken for a few
 * seconds after its rotation (`graceMs`), and answered with the result of that rotation, so two
 * tabs or devices that refreshed with the same token at the same instant end up with one pair
 * instead of ending the session. After the window, or for any older secret, it is reuse.
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

/** One refresh, as the store needs it. */
export interface Rotation {
  /** sha256 hex of the secret presented */
  presentedHash: string;
  /** sha256 hex of the secret that replaces it */
  nextHash: string;
  /**
   * The next secret sealed with the presented one (`sealSecret`): kept for the grace window and
   * handed back to a replay of the presented secret inside it, which alone can unseal it.
   */
  sealedNext: string;
  /** The caller's clock: the window is measured with it. */
  now: Date;
  /** How long after this rotation the presented secret is still answered with this rotation's result; 0 for none. */
  graceMs: number;
}

/** The last rotation of a session while its grace window lasts. Plain JSON. */
export interface LastRotation {
  /** sha256 hex of the secret it rotated away */
  secretHash: string;
  /** epoch ms of the rotation */
  rotatedAt: number;
  /** epoch ms the window closes at (rotatedAt + graceMs) */
  graceUntil: number;
  /** its next secret, sealed with the secret it rotated away */
  sealedNext: string;
}

export type RotateOutcome =
  | { outcome: 'rotated'; session: SessionRecord }
  /** The secret rotated away last, inside its window: the session as that rotation left it, and its sealed next secret. */
  | { outcome: 'replayed'; session: SessionRecord; sealedNext: string }
  | { outcome: 'reused' }
  | { outcome: 'unknown' };

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** undefined when revoked or expired */
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /**
   * Atomically: if presentedHash is the current secret, replace it with nextHash and remember this
   * rotation for `graceMs` ('rotated'); if it is the secret the last rotation replaced and that
   * rotation is less than `graceMs` old, change nothing and answer that rotation's result
   * ('replayed'); if it is any other secret rotated away earlier in this session, revoke the session
   * ('reused'); otherwise 'unknown'.
   */
  rotate(sessionId: string, rotation: Rotation): Promise<RotateOutcome>;
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
  /** The last rotation, while its grace window may still be open (dropped on the next rotation or sign-in sweep after it). */
  last?: LastRotation;
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
    const now = this.#now().getTime();
    for (const [sessionId, entry] of this.#entries) {
      if (this.#expired(entry)) this.#entries.delete(sessionId);
      else if (entry.last && entry.last.graceUntil <= now) delete entry.last;
    }
    this.#entries.set(session.sessionId, { record: { ...session }, used: [] });
    return Promise.resolve();
  }

  get(sessionId: string): Promise<SessionRecord | undefined> {
    const entry = this.#live(sessionId);
    return Promise.resolve(entry ? { ...entry.record } : undefined);
  }

  rotate(sessionId: string, rotation: Rotation): Promise<RotateOutcome> {
    const { presentedHash, nextHash, sealedNext, graceMs } = rotation;
    const now = rotation.now.getTime();
    const entry = this.#live(sessionId);
    if (!entry) return Promise.resolve({ outcome: 'unknown' });
    if (entry.last && entry.last.graceUntil <= now) delete entry.last;
    // Plain comparisons are safe here: these are hashes, and timing reveals nothing about the secrets behind them.
    if (entry.record.secretHash === presentedHash) {
      entry.used.push(presentedHash);
      entry.record.secretHash = nextHash;
      if (graceMs > 0)
        entry.last = { secretHash: presentedHash, rotatedAt: now, graceUntil: now + graceMs, sealedNext };
      else delete entry.last;
      return Promise.resolve({ outcome: 'rotated', session: { ...entry.record } });
    }
    if (entry.last?.secretHash === presentedHash) {
      return Promise.resolve({ outcome: 'replayed', session: { ...entry.record }, sealedNext: entry.last.sealedNext });
    }
    if (entry.used.includes(presentedHash)) {
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
