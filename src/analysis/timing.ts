export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Min, median (for an even count the lower middle value: always a measured one) and max; null for no values. */
export function spread(values: Float64Array): Spread | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return { min: sorted[0]!, median: sorted[(sorted.length - 1) >> 1]!, max: sorted[sorted.length - 1]! };
}
