/**
 * How often each value occurred, as counts (never a list of PDUs): bounded, so a field of random bytes
 * costs at most MAX_DISTINCT entries; the values beyond are only counted.
 */
export const MAX_DISTINCT = 1024;

export class ValueCounts {
  private readonly counts = new Map<string, number>();
  /** Samples whose value was new after MAX_DISTINCT distinct ones. */
  overflow = 0;
  total = 0;

  add(hex: string): void {
    this.total++;
    const known = this.counts.get(hex);
    if (known !== undefined) this.counts.set(hex, known + 1);
    else if (this.counts.size < MAX_DISTINCT) this.counts.set(hex, 1);
    else this.overflow++;
  }

  /** Distinct values seen (a lower bound once the cap was reached). */
  get distinct(): number {
    return this.counts.size + (this.overflow > 0 ? 1 : 0);
  }

  get capped(): boolean {
    return this.overflow > 0;
  }

  get(hex: string): number {
    return this.counts.get(hex) ?? 0;
  }

  /** The most frequent values first (ties by value, so the report is stable). */
  top(limit: number): { hex: string; count: number }[] {
    return [...this.counts]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([hex, count]) => ({ hex, count }));
  }

  entries(): IterableIterator<[string, number]> {
    return this.counts.entries();
  }
}
