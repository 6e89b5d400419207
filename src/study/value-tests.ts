import { MIN_SAMPLES, type Pattern } from './pattern.js';
import type { ValueCounts } from './value-counts.js';

/** The tests that need only the values and their counts: constant, enum, flags, random. */

/** At most this many values (and each seen at least twice on average) make an enum. */
const MAX_ENUM = 8;
/** Bits that vary, at most: more and the values are numbers, not flags. */
const MAX_FLAG_BITS = 12;
/** Never repeating over at least this many samples, and at most this share repeated, is high entropy. */
const MIN_RANDOM_SAMPLES = 16;
const MAX_REPEATED_SHARE = 0.1;

const spaced = (hex: string) => hex.replace(/(..)(?!$)/g, '$1 ');

export function constant(values: ValueCounts): Pattern | undefined {
  if (values.distinct !== 1 || values.total < MIN_SAMPLES) return undefined;
  return { kind: 'constant', detail: spaced(values.top(1)[0]!.hex), support: values.total, against: 0 };
}

export function enumeration(values: ValueCounts): Pattern | undefined {
  if (values.capped || values.distinct < 2 || values.distinct > MAX_ENUM || values.total < 2 * values.distinct) return undefined;
  const listed = values.top(MAX_ENUM).map((v) => `${spaced(v.hex)} (${v.count})`);
  return { kind: 'enum', detail: `${values.distinct} values: ${listed.join(', ')}`, support: values.total, against: 0 };
}

/** Values of up to 4 bytes whose varying bits are few and each set on its own in some value. */
export function flags(values: ValueCounts, length: number): Pattern | undefined {
  if (values.capped || length > 4 || values.distinct <= 2) return undefined;
  let any = 0;
  let all = -1;
  const numbers: number[] = [];
  for (const [hex] of values.entries()) {
    const n = parseInt(hex.match(/../g)!.reverse().join(''), 16) >>> 0;
    numbers.push(n);
    any |= n;
    all &= n;
  }
  const varying = (any & ~all) >>> 0;
  const bits = [...Array(32).keys()].filter((b) => (varying >>> b) & 1);
  if (bits.length < 2 || bits.length > MAX_FLAG_BITS) return undefined;
  // Independent: each varying bit is seen both set and clear alongside every other one's both states.
  const independent = bits.every((a) => bits.every((b) => a === b || [0, 1].every((x) => [0, 1].every((y) => numbers.some((n) => ((n >>> a) & 1) === x && ((n >>> b) & 1) === y)))));
  if (!independent) return undefined;
  const names = bits.map((b) => `0x${(1 << b >>> 0).toString(16)}`);
  return { kind: 'flags', detail: `bits ${names.join(', ')} vary independently (read little-endian)`, support: values.total, against: 0 };
}

export function random(values: ValueCounts, length: number): Pattern | undefined {
  if (length < 2 || values.total < MIN_RANDOM_SAMPLES) return undefined;
  const repeated = values.total - values.distinct;
  if (repeated > MAX_REPEATED_SHARE * values.total) return undefined;
  return { kind: 'random', detail: `${values.distinct} distinct values in ${values.total} samples`, support: values.distinct, against: repeated };
}
