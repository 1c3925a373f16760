import { ServiceUnavailableError } from '../pipeline/errors.ts';
import { byDefaultThenNewest } from './default-first.ts';
import type { ItemRoster, OwnedItems, RosterEntry, StoredRoster } from './ports.ts';

/** What the book needs of an item document. */
export interface BookItem {
  id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
}

/**
 * An item as the services answer it: its document, whether it is the default (the roster's word),
 * and `updated_at` moved to when it last became or stopped being the default, if later.
 */
export type Shown<D extends BookItem> = D & { is_default: boolean };

/** What an addition is checked against. */
export interface AddRules {
  /** The caller asked for the new item to be the default (the first item is, whatever was asked). */
  makeDefault: boolean;
  /** At most this many items. */
  limit: number;
  /** The error for a full set (the 422 of the operation). */
  refuse: () => Error;
}

/**
 * How many times a change is tried on a fresh read. Each failed try means another change of the
 * same roster succeeded meanwhile, so this many tries outlast as many concurrent writers; beyond
 * it the operation answers 503 (the operations take no `If-Match` and never answer 412).
 */
const MAX_TRIES = 60;

/** A short random pause before trying again, so that concurrent writers spread out. */
const pause = (tries: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** tries, 32)));

const newestFirst = (a: RosterEntry, b: RosterEntry): number =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

const later = (a: string, b: string | null): string => (b !== null && b > a ? b : a);

/**
 * A set of items of one owner with a limit and exactly one default (addresses, saved cards), kept
 * right under concurrent requests. The owner's roster (`ItemRoster`) says which items exist and
 * which is the default; every change reads it, checks the rules on it and writes it back only if
 * it is still the version read, else reads it again and re-checks (optimistic concurrency, the
 * same on Cosmos DB, its stand-in and in memory: one conditional write of one document, no batch).
 *
 * An item's document is written before the item is put on the roster, and deleted after it is
 * taken off: what is on the roster always has its document, so the count and the default never
 * name an item that is not there. A document not on the roster (an addition refused, or cut short
 * by a crash) is never shown, and goes with the owner's other items when the account is erased.
 */
export class ItemBook<D extends BookItem> {
  readonly #items: OwnedItems<D>;

  constructor(items: OwnedItems<D>) {
    this.#items = items;
  }

  /** The owner's items, the default first, then newest first. */
  async list(userId: string): Promise<Shown<D>[]> {
    // The roster first: an item added meanwhile is not on it (not shown yet), one taken off
    // meanwhile may have lost its document (not shown; `shownDefault` covers a default gone so).
    const stored = await this.#items.roster(userId);
    const all = await this.#items.list(userId);
    const roster = stored ? plain(stored) : derived(userId, all);
    const entries = new Map(roster.items.map((entry) => [entry.id, entry]));
    const docs = all.filter((doc) => entries.has(doc.id));
    const defaultId = shownDefault(roster, new Set(docs.map((doc) => doc.id)));
    return docs.map((doc) => show(doc, entries.get(doc.id), defaultId)).sort(byDefaultThenNewest);
  }

  /** One item of the owner, or undefined (never one that is not on the roster). */
  async get(userId: string, id: string): Promise<Shown<D> | undefined> {
    const [roster, doc] = await Promise.all([this.#read(userId), this.#items.get(userId, id)]);
    const entry = roster.items.find((e) => e.id === id);
    return doc && entry ? show(doc, entry, roster.default_id) : undefined;
  }

  /**
   * Adds an item: refused while the set is full; else `build` makes the document, which is written
   * and then put on the roster, the limit checked again on the version written. If that refuses
   * (others filled the set meanwhile) or fails, the document is deleted again.
   */
  async add(userId: string, rules: AddRules, build: () => D | Promise<D>): Promise<Shown<D>> {
    // The roster is stored before any new document is written: a roster is derived from the
    // documents only for an account that has none, whose documents were all written before rosters.
    const current = await this.#change(userId, (roster, stored) => (stored ? null : roster));
    if (current.items.length >= rules.limit) throw rules.refuse();
    const doc = await build();
    const entry: RosterEntry = { id: doc.id, created_at: doc.created_at, default_changed_at: null };
    await this.#items.create(doc);
    try {
      const roster = await this.#change(userId, (r) => {
        if (r.items.some((e) => e.id === doc.id)) return null;
        if (r.items.length >= rules.limit) throw rules.refuse();
        const becomesDefault = rules.makeDefault || r.default_id === null;
        if (!becomesDefault) return { ...r, items: [...r.items, entry] };
        return { ...r, items: [...marked(r.items, [r.default_id], doc.updated_at), entry], default_id: doc.id };
      });
      return show(doc, entry, roster.default_id);
    } catch (err) {
      // Best effort: a document left behind is not on the roster, so it is never shown or counted.
      await this.#items.delete(userId, doc.id).catch(() => undefined);
      throw err;
    }
  }

  /** Makes an item the default (nothing to write if it is already); `notFound` when it is no longer on the roster. */
  async makeDefault(doc: D, now: string, notFound: () => Error): Promise<Shown<D>> {
    const roster = await this.#change(doc.user_id, (r) => {
      if (!r.items.some((e) => e.id === doc.id)) throw notFound();
      if (r.default_id === doc.id) return null;
      return { ...r, items: marked(r.items, [r.default_id, doc.id], now), default_id: doc.id };
    });
    return show(
      doc,
      roster.items.find((e) => e.id === doc.id),
      roster.default_id,
    );
  }

  /**
   * Takes an item off the roster, then deletes its document. Taking off the default makes the
   * newest remaining item the default. `notFound` when it is no longer on the roster.
   */
  async remove(userId: string, id: string, now: string, notFound: () => Error): Promise<void> {
    await this.#change(userId, (r) => {
      if (!r.items.some((e) => e.id === id)) throw notFound();
      const items = r.items.filter((e) => e.id !== id);
      if (r.default_id !== id) return { ...r, items };
      const next = [...items].sort(newestFirst)[0]?.id ?? null;
      return { ...r, items: marked(items, [next], now), default_id: next };
    });
    await this.#items.delete(userId, id);
  }

  /** The stored roster and its version, or the one the owner's documents imply when none is stored yet (no version). */
  async #load(userId: string): Promise<{ roster: ItemRoster; etag: string | null }> {
    const stored = await this.#items.roster(userId);
    if (!stored) return { roster: derived(userId, await this.#items.list(userId)), etag: null };
    return { roster: plain(stored), etag: stored._etag };
  }

  async #read(userId: string): Promise<ItemRoster> {
    return (await this.#load(userId)).roster;
  }

  /**
   * Read, decide, write if unchanged, else again. `decide` answers the roster to write, null when
   * there is nothing to write (the roster read is then the answer), or throws to refuse.
   */
  async #change(
    userId: string,
    decide: (roster: ItemRoster, stored: boolean) => ItemRoster | null,
  ): Promise<ItemRoster> {
    for (let tries = 1; tries <= MAX_TRIES; tries += 1) {
      const { roster, etag } = await this.#load(userId);
      const next = decide(roster, etag !== null);
      if (next === null) return roster;
      if (await this.#items.saveRoster(next, etag)) return next;
      await pause(tries);
    }
    throw new ServiceUnavailableError('Too many changes to this list at once: try again');
  }
}

/** The roster without its version (and whatever else storage answered with it). */
const plain = ({ user_id, items, default_id }: StoredRoster): ItemRoster => ({ user_id, items, default_id });

/** Entries with `default_changed_at` set for the ids given (nulls ignored). */
function marked(items: readonly RosterEntry[], ids: readonly (string | null)[], now: string): RosterEntry[] {
  return items.map((e) => (ids.includes(e.id) ? { ...e, default_changed_at: now } : e));
}

function show<D extends BookItem>(doc: D, entry: RosterEntry | undefined, defaultId: string | null): Shown<D> {
  return {
    ...doc,
    is_default: doc.id === defaultId,
    updated_at: later(doc.updated_at, entry?.default_changed_at ?? null),
  };
}

/**
 * The default to show among the items whose documents were read: the roster's, else (the default
 * was taken off between the two reads) the newest of them, so a non-empty list always has one.
 */
function shownDefault(roster: ItemRoster, present: ReadonlySet<string>): string | null {
  if (roster.default_id !== null && present.has(roster.default_id)) return roster.default_id;
  return [...roster.items].sort(newestFirst).find((e) => present.has(e.id))?.id ?? null;
}

/**
 * The roster of an account that has none yet: its documents were written before rosters existed,
 * when each carried its own `is_default` flag. The newest flagged one is the default, else the
 * newest.
 */
function derived(userId: string, docs: readonly BookItem[]): ItemRoster {
  const flagged = (doc: BookItem) => (doc as { is_default?: unknown }).is_default === true;
  const [first] = docs.map((doc) => ({ ...doc, is_default: flagged(doc) })).sort(byDefaultThenNewest);
  return {
    user_id: userId,
    items: docs.map((doc) => ({ id: doc.id, created_at: doc.created_at, default_changed_at: null })),
    default_id: first?.id ?? null,
  };
}
