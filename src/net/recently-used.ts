import { LRUCache } from 'lru-cache';

/**
 * Entries in order of use, the least recently used first, in bounded memory: the TCP connection tables
 * (the reader's and -w's) and the analysis' sessions. A Map kept in that order (delete and set again on
 * each use, delete its first key to cap it) is slow and can leak: each look at its first key steps over
 * every slot deleted since it last compacted, and an iterator kept to avoid that holds on to every table
 * the Map outgrew (40 MB per reader on a 1M-frame capture). lru-cache keeps the order in a linked list
 * over typed arrays; `max` is the capacity the caller promises not to pass (it evicts first, with what it
 * must tell about the entry it drops), so the library never evicts on its own.
 */
export class RecentlyUsed<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly cache: LRUCache<K, V>;
  /** The least recently used key, remembered: looking it up is per packet in the analysis. */
  private oldestKey: K | undefined;

  constructor(capacity: number) {
    this.cache = new LRUCache<K, V>({ max: capacity + 1 });
  }

  get size(): number {
    return this.cache.size;
  }

  /** The value, now the most recently used. */
  use(key: K): V | undefined {
    if (key === this.oldestKey) this.oldestKey = undefined;
    return this.cache.get(key);
  }

  /** The value, its place unchanged. */
  peek(key: K): V | undefined {
    return this.cache.peek(key);
  }

  /** Sets the value as the most recently used. At capacity, the caller drops the oldest entry first. */
  set(key: K, value: V): void {
    if (key === this.oldestKey) this.oldestKey = undefined;
    this.cache.set(key, value);
  }

  delete(key: K): boolean {
    if (key === this.oldestKey) this.oldestKey = undefined;
    return this.cache.delete(key);
  }

  /** The least recently used entry. */
  oldest(): [K, V] | undefined {
    const value = this.oldestValue();
    return value === undefined ? undefined : [this.oldestKey!, value];
  }

  /** The least recently used value (nothing is made: it is looked at per packet). */
  oldestValue(): V | undefined {
    this.oldestKey ??= this.cache.rkeys().next().value ?? undefined;
    return this.oldestKey === undefined ? undefined : this.cache.peek(this.oldestKey);
  }

  /** Removes and returns the least recently used entry. */
  takeOldest(): [K, V] | undefined {
    const entry = this.oldest();
    if (entry) this.delete(entry[0]);
    return entry;
  }

  /** Entries from the least recently used on, while `more` says so; safe to delete what was visited. */
  *oldestFirst(more: (value: V) => boolean = () => true): Generator<[K, V]> {
    const visited: [K, V][] = [];
    for (const [key, value] of this.cache.rentries() as Generator<[K, V]>) {
      if (!more(value)) break;
      visited.push([key, value]);
    }
    yield* visited;
  }

  /** Every value, the least recently used first. */
  values(): V[] {
    return [...this.cache.rvalues()] as V[];
  }

  clear(): void {
    this.oldestKey = undefined;
    this.cache.clear();
  }
}
