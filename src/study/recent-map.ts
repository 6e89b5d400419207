/**
 * A map that keeps the recently used keys, bounded: at most `size` keys, in two generations of half as
 * many. When the current generation is full, it becomes the previous one and the older is dropped whole;
 * a key read from the previous one moves to the current. A Map
 * capped by deleting its oldest key per insertion scans the deleted slots at its start each time, which made
 * the study's per-flow tests spend more time there than in testing once a capture had more flows than the cap.
 */
export class RecentMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  private readonly cap: number;

  constructor(size: number) {
    this.cap = Math.max(1, size >> 1);
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const older = this.previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.cap && !this.current.has(key)) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }
}
