import { fieldRef, isKeyName } from '../analysis/filter-values.js';
import { CLIENT_HEADER } from '../protocol/headers.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../protocol/registry.js';
import type { CommandTable, FieldSpec } from '../protocol/types.js';
import { headerOf } from '../protocol/variant-tables.js';

/**
 * Every name -Y and -e accept, so a typo is an error instead of a filter that silently matches
 * nothing: the JSON's top-level keys, the analysis keys, the client fingerprint's, every field of every
 * table of the registry read with (loaded layouts too), and the names the dissector gives
 * to what tables do not name (string LENGTH, message part SEPARATOR and NUL, leftover bytes); each field
 * also qualified by a command whose tables have it (`LOGIN.X1`), and either with `.hex`.
 */
const DISSECTOR_NAMES = ['LENGTH', 'SEPARATOR', 'NUL', 'UNKNOWN', 'PAYLOAD', 'TRAILING', 'UNDESCRIBED'];

/** The spec names and what the walk names around them: a string's LENGTH, a message's parts, SEPARATOR and NUL. */
function addSpecs(specs: readonly FieldSpec[], names: Set<string>): void {
  for (const spec of specs) {
    names.add(spec.name);
    if (spec.type.kind === 'lstring') names.add('LENGTH');
    if (spec.type.kind === 'repeat' || spec.type.kind === 'group') addSpecs(spec.type.fields, names);
    for (const parts of Object.values(spec.parts?.cases ?? {})) for (const part of parts) names.add(part);
    if (spec.parts) names.add('SEPARATOR').add('NUL');
  }
}

/** The names, made once per registry. */
const knownByRegistry = new WeakMap<CommandRegistry, Set<string>>();

function knownNames(registry: CommandRegistry): Set<string> {
  let known = knownByRegistry.get(registry);
  if (known) return known;
  known = new Set<string>(DISSECTOR_NAMES);
  addSpecs(CLIENT_HEADER, known);
  for (const table of registry.all) for (const layout of table.layouts) addSpecs(layout.fields, known);
  knownByRegistry.set(registry, known);
  return known;
}

/** By command name and alias, made once per registry: the fields of its header and every layout, in both directions, and TRAILING bytes. */
const byCommandOf = new WeakMap<CommandRegistry, Map<string, Set<string>>>();

function commandFieldNames(registry: CommandRegistry): Map<string, Set<string>> {
  let byCommand = byCommandOf.get(registry);
  if (byCommand) return byCommand;
  byCommand = new Map();
  const addTable = (table: CommandTable, names: Set<string>): void => {
    addSpecs(headerOf(table.direction, table), names);
    for (const layout of table.layouts) addSpecs(layout.fields, names);
    names.add('TRAILING');
  };
  for (const table of registry.all) {
    for (const command of [table.name, ...(table.aliases ?? []).map((alias) => alias.name)]) {
      let names = byCommand.get(command);
      if (!names) byCommand.set(command, (names = new Set()));
      addTable(table, names);
    }
  }
  byCommandOf.set(registry, byCommand);
  return byCommand;
}

/**
 * The test for a name a PDU read with `registry` can carry; an item of a repeated group ("CONTACTS[2]")
 * counts by its group's name. As the filter parser and the -e check take it.
 */
export const fieldNamesOf =
  (registry: CommandRegistry) =>
  (name: string): boolean => {
    if (isKeyName(name)) return true;
    const ref = fieldRef(name);
    const names = ref.command === undefined ? knownNames(registry) : commandFieldNames(registry).get(ref.command);
    return names?.has(ref.field.replace(/\[\d+\]$/, '')) ?? false;
  };

/** The test for the built-in tables. */
export const isKnownFieldName = fieldNamesOf(BUILTIN_REGISTRY);
