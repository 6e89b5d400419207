import type { DissectedPdu, Field } from '../dissect/pdu.js';
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

export interface Unit {
  /** The field's name (an X-field) or the run's (UNDESCRIBED, TRAILING ...). */
  field: string;
  /** For a word of a run: its offset from the run's first byte (undefined: an X-field, the whole field). */
  runOffset?: number;
  /** Offset from the PDU's first byte. */
  offset: number;
  length: number;
}

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

/** Every unknown field of the PDU, nested ones too, in wire order. */
function unknownFields(fields: readonly Field[], into: Field[] = []): Field[] {
  for (const field of fields) {
    if (field.unknown && field.length > 0) into.push(field);
    else if (field.fields) unknownFields(field.fields, into);
  }
  return into;
}

/** The units of one PDU, each with its place (call `each` for every one); `runs` names the byte runs. */
export function forEachUnit(d: DissectedPdu, runs: ReadonlySet<string>, each: (unit: Unit) => void): void {
  for (const field of unknownFields(d.pdu.fields)) {
    if (!runs.has(field.name)) {
      each({ field: field.name, offset: field.offset, length: field.length });
      continue;
    }
    const studied = Math.min(field.length, MAX_RUN_BYTES);
    for (const size of WORD_SIZES) {
      const step = Math.min(size, WORD_STEP);
      for (let k = 0; k + size <= studied; k += step) each({ field: field.name, runOffset: k, offset: field.offset + k, length: size });
    }
  }
}
