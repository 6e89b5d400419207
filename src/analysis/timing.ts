import type { Timestamp } from '../capture/record.js';

/** Seconds from `from` to `to`, computed in whole nanoseconds so 265 µs prints as 0.000265. */
export function secondsBetween(from: Timestamp, to: Timestamp): number {
  return ((to.seconds - from.seconds) * 1e9 + (to.nanos - from.nanos)) / 1e9;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Min, median (mean of the two middle values for an even count) and max; null for no values. */
export function spread(values: Float64Array): Spread | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}
