import type { ValueKind } from '../analysis/filter-schema.js';
import { fieldRef, isKeyName } from '../analysis/filter-values.js';
import { ANY_PDU_LEFTOVERS, hasParts, PART_MARKS, TRAILING } from '../protocol/leftovers.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../protocol/registry.js';
import type { CommandTable, FieldSpec, Meaning, WireType } from '../protocol/types.js';
import { headerOf } from '../protocol/variant-tables.js';
import { declaredFields, type DeclaredField } from '../protocol/wireshark-names.js';

/**
 * Every name -Y and -e accept, so a typo is an error instead of a filter that silently matches
 * nothing: the JSON's top-level keys, the analysis keys, the client fingerprint's, every field of every
 * table of the registry read with (loaded layouts too), and the names the dissector gives
 * to what tables do not name (string LENGTH, message part SEPARATOR and NUL, leftover bytes); each field
 * also qualified by a command whose tables have it (`LOGIN.X1`), and either with `.hex`. With each
 * name, what its values are (a name several tables type differently, X1, has several kinds) and the
 * meanings its tables give it.
 */

export interface NameInfo {
  kinds: Set<ValueKind>;
  meanings: Set<Meaning>;
}

type Names = Map<string, NameInfo>;

const KIND_OF: Readonly<Record<WireType['kind'], ValueKind>> = {
  u8: 'number',
  u16: 'number',
  u32: 'number',
  i32: 'number',
  repeat: 'number',
  ipv4: 'ip',
  lstring: 'text',
  bytes: 'bytes',
  rest: 'bytes',
  group: 'bytes',
};

/** A group's value is null (its bytes), except a date's, which is its text. */
const kindOf = (field: DeclaredField): ValueKind => (field.meaning === 'date' ? 'text' : KIND_OF[field.kind]);

function note(names: Names, name: string, kind: ValueKind, meaning?: Meaning): void {
  let info = names.get(name);
  if (!info) names.set(name, (info = { kinds: new Set(), meanings: new Set() }));
  info.kinds.add(kind);
  if (meaning) info.meanings.add(meaning);
}

/** The spec names and what the walk names around them: a string's LENGTH, a message's parts, SEPARATOR and NUL. */
function addSpecs(specs: readonly FieldSpec[], names: Names): void {
  for (const field of declaredFields(specs)) note(names, field.name, kindOf(field), field.meaning);
  if (hasParts(specs)) addSpecs(PART_MARKS, names);
}

/** A command's fields: its header and every layout, in both directions, and TRAILING bytes. */
function addTable(table: CommandTable, names: Names): void {
  addSpecs(headerOf(table.direction, table), names);
  for (const layout of table.layouts) addSpecs(layout.fields, names);
  addSpecs([TRAILING], names);
}

interface Vocabulary {
  all: Names;
  /** By command name and alias. */
  byCommand: Map<string, Names>;
}

/** The names, made once per registry. */
const vocabularies = new WeakMap<CommandRegistry, Vocabulary>();

function vocabulary(registry: CommandRegistry): Vocabulary {
  let known = vocabularies.get(registry);
  if (known) return known;
  const all: Names = new Map();
  addSpecs(ANY_PDU_LEFTOVERS, all);
  const byCommand = new Map<string, Names>();
  for (const table of registry.all) {
    addTable(table, all);
    for (const command of [table.name, ...(table.aliases ?? []).map((alias) => alias.name)]) {
      let names = byCommand.get(command);
      if (!names) byCommand.set(command, (names = new Map()));
      addTable(table, names);
    }
  }
  vocabularies.set(registry, (known = { all, byCommand }));
  return known;
}

/**
 * What a protocol field name (not a key) holds with `registry`: undefined when no table has it. An item
 * of a repeated group ("CONTACTS[2]") counts by its group's name; `.hex` is the field's bytes as text.
 */
export function fieldInfo(registry: CommandRegistry, name: string): NameInfo | undefined {
  const ref = fieldRef(name);
  const { all, byCommand } = vocabulary(registry);
  const names = ref.command === undefined ? all : byCommand.get(ref.command);
  const info = names?.get(ref.field.replace(/\[\d+\]$/, ''));
  return info && ref.hex ? { kinds: new Set(['text']), meanings: new Set() } : info;
}

/** Every protocol field name of the registry's tables, unqualified. */
export const protocolFieldNames = (registry: CommandRegistry): Iterable<string> => vocabulary(registry).all.keys();

/** The test for a name a PDU read with `registry` can carry, as the filter parser and the -e check take it. */
export const fieldNamesOf =
  (registry: CommandRegistry) =>
  (name: string): boolean =>
    isKeyName(name) || name === 'info' || fieldInfo(registry, name) !== undefined;

/** The test for the built-in tables. */
export const isKnownFieldName = fieldNamesOf(BUILTIN_REGISTRY);
