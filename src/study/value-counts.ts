/**
 * How often each value occurred, as counts (never a list of PDUs): bounded, so a field of random bytes
 * costs at most MAX_DISTINCT entries; the values beyond are only counted. A value of up to 4 bytes is
 * kept as its little-endian number (no hex text made per sample), a longer one as its hex.
 */
export const MAX_DISTINCT = 1024;

/** A value as the study counts it: see `valueKey`. */
export type ValueKey = number | string;

/** The first (up to) 4 of the `length` bytes at `offset` as an unsigned little-endian number. */
export function littleEndian(bytes: Uint8Array, offset = 0, length = bytes.length): number {
  let n = 0;
  for (let i = Math.min(length, 4) - 1; i >= 0; i--) n = n * 256 + bytes[offset + i]!;
  return n;
}

/** The key of the `length` bytes at `offset`: their little-endian number for 1 to 4 bytes, else their hex. */
export function valueKey(bytes: Buffer, offset = 0, length = bytes.length): ValueKey {
  return length === 0 || length > 4 ? bytes.toString('hex', offset, offset + length) : littleEndian(bytes, offset, length);
}

/** The hex of a key, for a value of `length` bytes. */
export function keyHex(key: ValueKey, length: number): string {
  if (typeof key === 'string') return key;
  let hex = '';
  for (let i = 0, n = key; i < length; i++, n = Math.floor(n / 256)) hex += (n % 256).toString(16).padStart(2, '0');
  return hex;
}

export class ValueCounts {
  private readonly counts = new Map<ValueKey, number>();
  /** Samples whose value was new after MAX_DISTINCT distinct ones. */
  overflow = 0;
  total = 0;

  constructor(private readonly length: number) {}

  add(key: ValueKey): void {
    this.total++;
    const known = this.counts.get(key);
    if (known !== undefined) this.counts.set(key, known + 1);
    else if (this.counts.size < MAX_DISTINCT) this.counts.set(key, 1);
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
    return this.counts.get(valueKey(Buffer.from(hex, 'hex'))) ?? 0;
  }

  /** The most frequent values first (ties by value, so the report is stable). */
  top(limit: number): { hex: string; count: number }[] {
    return [...this.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([hex, count]) => ({ hex, count }));
  }

  *entries(): Generator<[hex: string, count: number]> {
    for (const [key, count] of this.counts) yield [keyHex(key, this.length), count];
  }
}
