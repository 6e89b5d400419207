import { ADDRESS_NAMES, ANALYSIS_NAMES, CLIENT_NAMES, NOTE_NAMES, TOP_LEVEL_NAMES } from '../analysis/filter-values.js';
import { describedWithDocumentName } from '../protocol/document-names.js';
import { ANY_PDU_LEFTOVERS, hasParts, PART_MARKS, TRAILING } from '../protocol/leftovers.js';
import type { CommandRegistry } from '../protocol/registry.js';
import type { CommandTable, FieldSpec } from '../protocol/types.js';
import { headerOf } from '../protocol/variant-tables.js';
import { KEY_NAMES } from './filter-keys.js';

/**
 * `-G fields`, as tshark's glossary: one tab-separated line per name -Y and -e accept, written from the
 * tables. `P` the protocol; `K` a name that is not a protocol field (the JSON's keys, analysis, client, notes,
 * Wireshark's address and port names, the Info column): its name, type and description; `F` a field of one
 * command in one direction: its name, the name qualified by the command, its wire type, the direction and
 * the description (a string's LENGTH and message parts included, as the dissector names them).
 */

/** The fields the dissector adds around the tables' own (docs/protocol-reference.md lists them). */
export const ADDED_FIELDS: readonly FieldSpec[] = [...PART_MARKS, TRAILING, ...ANY_PDU_LEFTOVERS];

function* leftoverLines(): Generator<string> {
  for (const spec of ANY_PDU_LEFTOVERS) yield `F\t${spec.name}\t${spec.name}\t${spec.type.kind}\tany\t${spec.description}`;
}

function* fieldLines(table: CommandTable, specs: readonly FieldSpec[], seen: Set<string>): Generator<string> {
  for (const spec of specs) {
    const line = `F\t${spec.name}\t${table.name}.${spec.name}\t${spec.type.kind}${spec.order === 'be' ? ' (big-endian)' : ''}\t${table.direction}\t${describedWithDocumentName(spec)}`;
    if (!seen.has(line)) {
      seen.add(line);
      yield line;
    }
    if (spec.type.kind === 'lstring') yield* fieldLines(table, [{ name: 'LENGTH', type: { kind: 'u16' }, description: `Length of ${spec.name} including NULL` }], seen);
    if (spec.type.kind === 'repeat' || spec.type.kind === 'group') yield* fieldLines(table, spec.type.fields, seen);
    for (const parts of Object.values(spec.parts?.cases ?? {})) {
      yield* fieldLines(table, parts.map((part) => ({ name: part, type: { kind: 'lstring' as const }, description: `A part of ${spec.name}` })).filter((p) => p.name), seen);
    }
  }
}

export function* glossary(registry: CommandRegistry): Generator<string> {
  yield 'P\tICQ v2\ticq2';
  for (const name of [...TOP_LEVEL_NAMES, ...ANALYSIS_NAMES, ...CLIENT_NAMES, ...NOTE_NAMES, ...ADDRESS_NAMES, 'info']) {
    const key = KEY_NAMES[name];
    yield key ? `K\t${name}\t${key.type}\t${key.description}` : `K\t${name}`;
  }
  for (const table of registry.all) {
    const seen = new Set<string>();
    for (const layout of table.layouts) {
      const specs = [...headerOf(table.direction, table), ...layout.fields];
      yield* fieldLines(table, [...specs, ...(hasParts(specs) ? PART_MARKS : []), TRAILING], seen);
    }
  }
  yield* leftoverLines();
}
