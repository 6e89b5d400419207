/** A typed array that grows on demand: per-PDU results keyed by ordinal cost a few bytes each. */
export class GrowableColumn<A extends Int32Array | Float64Array> {
  private data: A;
  private used = 0;

  /** `empty` is what an index never set reads as (0 for frame numbers, NaN for seconds). */
  constructor(
    private readonly make: (length: number) => A,
    private readonly empty: number,
  ) {
    // Nothing until the first value: one per session is made, and many sessions never set one.
    this.data = this.allocate(0);
  }

  get length(): number {
    return this.used;
  }

  get(index: number): number {
    return index < this.used ? this.data[index]! : this.empty;
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const bigger = this.allocate(Math.max(this.data.length * 2, index + 1, 256));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[index] = value;
    this.used = Math.max(this.used, index + 1);
  }

  push(value: number): void {
    this.set(this.used, value);
  }

  /** A view of the values set so far (no copy). */
  values(): A {
    return this.data.subarray(0, this.used) as A;
  }

  private allocate(length: number): A {
    const array = this.make(length);
    array.fill(this.empty);
    return array;
  }
}
