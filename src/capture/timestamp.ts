import type { Timestamp } from './record.js';

/** A tick of 10^-exponent or 2^-exponent seconds, as pcap and pcapng (if_tsresol) count time. */
export interface Resolution {
  base: 10 | 2;
  exponent: number;
}

export const MICROSECONDS: Resolution = { base: 10, exponent: 6 };
export const NANOSECONDS: Resolution = { base: 10, exponent: 9 };

const NANOS_PER_SECOND = 1_000_000_000n;

/** Converts a tick count since the epoch exactly (BigInt: 64-bit counts exceed 2^53). */
export function timestampFromUnits(units: bigint, resolution: Resolution): Timestamp {
  const { base, exponent } = resolution;
  const perSecond = base === 10 ? 10n ** BigInt(exponent) : 1n << BigInt(exponent);
  const seconds = Number(units / perSecond);
  const fraction = units % perSecond;
  if (base === 2) {
    return { seconds, nanos: Number((fraction * NANOS_PER_SECOND) / perSecond), digits: 9 };
  }
  const nanos = exponent <= 9 ? fraction * 10n ** BigInt(9 - exponent) : fraction / 10n ** BigInt(exponent - 9);
  return { seconds, nanos: Number(nanos), digits: Math.min(exponent, 9) };
}

/** Ticks of 10^-digits seconds (digits 0 ... 9), truncating finer nanos; for the writers. */
export function timestampToUnits(time: Timestamp, digits: number): bigint {
  const perSecond = 10n ** BigInt(digits);
  return BigInt(time.seconds) * perSecond + BigInt(time.nanos) / 10n ** BigInt(9 - digits);
}
