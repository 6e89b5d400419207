import type { FieldSpec, Meaning } from '../protocol/types.js';
import { INTEGER_READINGS, trailerText } from '../protocol/meanings.js';
import { plural } from '../protocol/plural.js';

/** The human reading of an integer field, by the meaning its table gives it. */
export function displayInteger(meaning: Meaning | undefined, value: number, commandName: (code: number) => string | null): string {
  // The name alone: the tree adds the number once ("LOGIN (1000)"), the header line gives the code in hex.
  if (meaning === 'command') return commandName(value) ?? 'unknown';
  const reading = meaning === undefined ? undefined : INTEGER_READINGS[meaning];
  return reading ? reading(value) : String(value);
}

export function displayRaw(spec: FieldSpec, bytes: Buffer): string {
  if (spec.meaning === 'trailer') return trailerText(bytes);
  return plural(bytes.length, 'byte');
}

/** X-fields: the number and its bytes' hex reading, since nobody knows yet which one means something. */
export function displayUnknownInteger(value: number, size: number): string {
  const unsigned = size === 4 ? value >>> 0 : value;
  return `${value} (0x${unsigned.toString(16).padStart(size * 2, '0')})`;
}
