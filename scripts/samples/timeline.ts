import type { Timestamp } from '../../src/capture/record.js';

/** A clock for scripted captures: exact integer nanoseconds, so every run writes the same bytes. */
export class Timeline {
  private nanos: bigint;

  constructor(startSeconds: number) {
    this.nanos = BigInt(startSeconds) * 1_000_000_000n;
  }

  /** Moves the clock forward by a number of milliseconds (fractions allowed down to a microsecond). */
  advance(ms: number): this {
    this.nanos += BigInt(Math.round(ms * 1000)) * 1000n;
    return this;
  }

  now(digits: number): Timestamp {
    return { seconds: Number(this.nanos / 1_000_000_000n), nanos: Number(this.nanos % 1_000_000_000n), digits };
  }
}
