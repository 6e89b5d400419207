import type { Field } from '../dissect/pdu.js';
import { ANY_PDU_LEFTOVERS, TRAILING } from '../protocol/leftovers.js';
import type { CommandRegistry } from '../protocol/registry.js';
import type { FieldSpec } from '../protocol/types.js';

/**
 * What the study looks at in one PDU: each X-field as it is, and each byte run nobody describes (an
 * undescribed body, trailing or undecoded bytes, licq's trailer) byte by byte and as 2- and 4-byte words
 * at every even offset, counted from the run's first byte.
 */

/** Bytes of a run studied at most: a long undecoded payload (another protocol) adds nothing after these. */
export const MAX_RUN_BYTES = 256;
const WORD_SIZES = [1, 2, 4] as const;
/**
 * Words start at every even offset of a run (4-byte words too, not only every fourth byte): the protocol
 * packs a 4-byte UIN right after a 2-byte sequence number, at offset 2.
 */
const WORD_STEP = 2;

/**
 * Told each unit of a PDU as numbers (no object per unit): `field` is the X-field or the byte run it is a
 * word of; `runOffset` its offset from the run's first byte (-1: an X-field, the whole field); `offset`
 * from the PDU's first byte.
 */
export type EachUnit = (field: Field, runOffset: number, offset: number, length: number) => void;

/** Names of the fields that are byte runs (type rest): the dissector's own leftovers and every table's. */
const runNames = new WeakMap<CommandRegistry, ReadonlySet<string>>();

export function runNamesOf(registry: CommandRegistry): ReadonlySet<string> {
  let names = runNames.get(registry);
  if (names) return names;
  const found = new Set<string>([...ANY_PDU_LEFTOVERS, TRAILING].map((spec) => spec.name));
  const collect = (specs: readonly FieldSpec[]): void => {
    for (const spec of specs) {
      if (spec.type.kind === 'rest') found.add(spec.name);
      if (spec.type.kind === 'repeat' || spec.type.kind === 'group') collect(spec.type.fields);
    }
  };
  for (const table of registry.all) for (const layout of table.layouts) collect(layout.fields);
  runNames.set(registry, found);
  return found;
}

/** Every unknown field of the PDU with bytes, nested ones too, in wire order, into `into` (emptied first). */
export function unknownFields(fields: readonly Field[], into: Field[]): Field[] {
  into.length = 0;
  collectUnknown(fields, into);
  return into;
}

function collectUnknown(fields: readonly Field[], into: Field[]): void {
  for (const field of fields) {
    if (field.unknown && field.length > 0) into.push(field);
    else if (field.fields) collectUnknown(field.fields, into);
  }
}

/** The units of unknown fields (see unknownFields), each with its place; `runs` names the byte runs. */
export function forEachUnit(fields: readonly Field[], runs: ReadonlySet<string>, each: EachUnit): void {
  for (const field of fields) {
    if (!runs.has(field.name)) {
      each(field, -1, field.offset, field.length);
      continue;
    }
    const studied = Math.min(field.length, MAX_RUN_BYTES);
    for (const size of WORD_SIZES) {
      const step = Math.min(size, WORD_STEP);
      for (let k = 0; k + size <= studied; k += step) each(field, k, field.offset + k, size);
    }
  }
}
